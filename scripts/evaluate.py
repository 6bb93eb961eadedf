"""`make eval`: score Dateline on every dev set in ../shared/eval and regenerate the README's accuracy table.

Each set's reports are parsed once and the parses cached (spaCy DocBin under .cache/eval/), so
changing a stage and re-running re-scores in seconds. Predictions go through the same
`read_parsed` path as `dateline extract`; the cache only skips re-parsing identical text.

usage: python scripts/evaluate.py [--shared ../shared] [--sets places times ...] [--no-readme] [--filter]

--filter scores with the relevance filter on, as `dateline ingest` runs by default: a report it skips is
scored as read with nothing found, and of the others only the lede and the event sentences are parsed
(those parses are cached too). It prints the headlines only (results and README untouched).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import os
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from dateline import nlp
from dateline.errors import ReportError
from dateline.model import to_json
from dateline.pipeline import read_parsed, read_skipped, report_id
from dateline.relevance import passages_only, relevance
from dateline.reports import report_from_dict
from dateline.validate import check_text
from readme_section import replace_section

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "eval"
# Parses depend only on the text and the model, so checkouts may share them (DATELINE_PARSE_CACHE).
PARSE_CACHE = Path(os.environ.get("DATELINE_PARSE_CACHE", CACHE))
RESULTS = ROOT / "eval-results.json"

# set: (what the headline measures, the bar the issues set, the published reference)
SETS = {
    "places": ("acc@161 km, all gold toponyms", ">= 94 GWN, >= 83 LGL, country >= 97", "mordecai3 94.1 GWN / 82.7 LGL"),
    "times": ("TIMEX3 value F1", ">= 80", "HeidelTime 77.61 (TE3 platinum)"),
    "case": ("ACLED sub-event weighted F1", ">= 84", "CASE 2021 best 83.9"),
    "plover": ("PLOVER type accuracy", ">= 80", ""),
    "args": ("argument F1 (predicted triggers)", ">= 50", "BART-Gen 48.6 (gold triggers)"),
    "attribution": ("source exact-match F1", ">= 82", "Citron 82.0 (PARC 3.0)"),
}


def parsed_docs(name: str, texts: list[str]) -> list:
    language = nlp.load()
    pipeline = "+".join([nlp.MODEL_NAME, spacy.__version__, *language.pipe_names])  # a component added parses anew
    key = hashlib.sha256("\x00".join(texts).encode() + pipeline.encode()).hexdigest()[:16]
    path = PARSE_CACHE / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(language.vocab))
    docs = list(language.pipe(texts, batch_size=32))
    PARSE_CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def predict(name: str, gold_path: Path, out_path: Path, relevance_filter: bool = False) -> float:
    records = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    verdicts = [relevance(r["text"]) if relevance_filter else None for r in records]
    started = time.perf_counter()
    docs = parsed_docs(name, [r["text"] if judged is None else passages_only(r["text"], judged.passages)
                              for r, judged in zip(records, verdicts)])
    parsed_at = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        for number, (record, doc, judged) in enumerate(zip(records, docs, verdicts), 1):
            report = report_from_dict(record, number)
            try:
                check_text(report.text)
                skipped = judged is not None and not judged.relevant
                output = to_json(read_skipped(report, judged) if skipped else read_parsed(report, doc, judged))
            except ReportError as err:
                output = err.as_dict(report_id(report))
            out.write(json.dumps(output, ensure_ascii=False) + "\n")
    done = time.perf_counter()
    print(f"  {name}: {len(records)} reports, parse {parsed_at - started:.1f}s, stages {done - parsed_at:.1f}s",
          file=sys.stderr)
    return done - parsed_at


def score(shared: Path, name: str, gold: Path, pred: Path) -> dict:
    result = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), name, "--gold", str(gold),
                             "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    (CACHE / f"{name}.score.txt").write_text(result.stderr, encoding="utf-8")
    return json.loads(result.stdout)


def seed_score(shared: Path) -> dict:
    from dateline import extract
    seed = shared / "spec" / "examples" / "seed.txt"
    pred = CACHE / "seed.pred.json"
    pred.write_text(json.dumps(extract(seed.read_text(encoding="utf-8"), id="seed")), encoding="utf-8")
    result = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "seed", "--pred", str(pred), "--json"],
                            capture_output=True, text=True, check=True)
    (CACHE / "seed.score.txt").write_text(result.stderr, encoding="utf-8")
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--no-readme", action="store_true", help="print and save results, leave README alone")
    parser.add_argument("--filter", action="store_true",
                        help="relevance filter on (skipped reports score as empty); print only, save nothing")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for name in args.sets:
        gold = args.shared / "eval" / "data" / name / "dev.jsonl"
        pred = CACHE / f"{name}.pred.jsonl"
        seconds = predict(name, gold, pred, args.filter)
        scored = score(args.shared, name, gold, pred)
        results[name] = {"headline": scored["headline"], "metrics": scored["metrics"], "stage_seconds": round(seconds, 1)}
        print(f"{name}: headline {scored['headline']}{' with the relevance filter' if args.filter else ''}"
              f"  (details: {CACHE / (name + '.score.txt')})")
    if args.filter:
        return 0
    seed = seed_score(args.shared)
    results["seed"] = {"headline": seed["headline"], "passed": seed["metrics"]["passed"],
                       "required": seed["metrics"]["required"]}
    print(f"seed: {seed['metrics']['passed']}/{seed['metrics']['required']} required facts")
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if not args.no_readme:
        replace_section("accuracy", accuracy_table(results))
    return 0


def details(name: str, metrics: dict) -> str:
    """The secondary figures each set's bar names, for the README table."""
    if name == "places":
        by = metrics["by_dataset"]
        return (f"GWN {by['GWN']['acc161_all']}, LGL {by['LGL']['acc161_all']}; country (matched) "
                f"{metrics['country_acc_matched']}; detection recall {metrics['detection_recall']}")
    if name == "times":
        return f"relaxed span F1 {metrics['relaxed']['F1']}, strict {metrics['strict']['F1']}"
    if name == "case":
        return (f"macro F1 {metrics['macro_F1']}; disaster/crime/other given a violent type "
                f"{metrics['other_share_violent_acled_type']}% (bar < 5)")
    if name == "plover":
        return f"macro F1 {metrics['macro_F1']}; actor country {metrics['actor_country_accuracy']}"
    if name == "args":
        return f"P {metrics['args']['P']}, R {metrics['args']['R']}"
    if name == "attribution":
        return f"detection F1 {metrics['detection']['F1']}; content token F1 {metrics['content_tokens']['F1']}"
    return ""


def accuracy_table(results: dict) -> str:
    rows = ["| set (dev half) | headline metric | Dateline | also | bar | published reference |",
            "|---|---|---|---|---|---|"]
    for name, (metric, bar, reference) in SETS.items():
        if name in results:
            rows.append(f"| `{name}` | {metric} | {results[name]['headline']} | "
                        f"{details(name, results[name]['metrics'])} | {bar} | {reference} |")
    if "seed" in results:
        rows.append(f"| `seed` | required facts of the worked example | {results['seed']['passed']}/"
                    f"{results['seed']['required']} | | all | |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
