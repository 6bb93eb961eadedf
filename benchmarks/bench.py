"""`make bench`: Dateline's speed against the raw spaCy parse, on real news text, in one run.

Each measurement runs in its own subprocess (model load included, as a user would see it), over
the same texts: the first --limit records of ../shared/eval/data/throughput/news.jsonl. Prints a
table, writes benchmarks/results.json, and rewrites the README's performance table.

usage: python benchmarks/bench.py [--limit N] [--shared ../shared] [--no-readme]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"
README = ROOT / "README.md"
PYTHON = sys.executable

RAW_PARSE = """
import json, sys, time
from dateline import nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
language = nlp.load()
for _ in language.pipe(texts, batch_size=32):
    pass
"""


def measure(name: str, command: list[str], docs: int, words: int) -> dict:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row = {"name": name, "seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 2),
           "words_per_s": round(words / seconds), "peak_rss_mb_so_far": round(peak_mb)}
    print(f"{name:<28} {seconds:8.1f} s {row['docs_per_s']:8.1f} docs/s {row['words_per_s']:8d} words/s", file=sys.stderr)
    return row


def sample(shared: Path, limit: int | None, folder: Path) -> tuple[Path, int, int]:
    source = shared / "eval" / "data" / "throughput" / "news.jsonl"
    path = folder / "bench.jsonl"
    docs = words = 0
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for line in src:
            if limit is not None and docs >= limit:
                break
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "text": record["text"],
                                  "published": record.get("published")}) + "\n")
            docs += 1
            words += len(record["text"].split())
    return path, docs, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    dateline = [PYTHON, "-m", "dateline"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, docs, words = sample(args.shared, args.limit, Path(tmp))
        print(f"{docs} reports, {words:,} words, {os.cpu_count()} cores", file=sys.stderr)
        rows = [
            measure("raw spaCy parse (nlp.pipe)", [PYTHON, "-c", RAW_PARSE, str(corpus)], docs, words),
            measure("extract, 1 worker", dateline + ["extract", "--jsonl", str(corpus)], docs, words),
            measure("extract, 2 workers", dateline + ["extract", "--jsonl", str(corpus), "--workers", "2"], docs, words),
        ]
    by_name = {row["name"]: row for row in rows}
    results = {
        "corpus": {"docs": docs, "words": words, "limit": args.limit},
        "machine": {"cores": os.cpu_count(), "python": platform.python_version()},
        "raw_parse_docs_per_s": by_name["raw spaCy parse (nlp.pipe)"]["docs_per_s"],
        "extract_1w_docs_per_s": by_name["extract, 1 worker"]["docs_per_s"],
        "extract_2w_docs_per_s": by_name["extract, 2 workers"]["docs_per_s"],
        "peak_rss_mb": max(row["peak_rss_mb_so_far"] for row in rows),
        "runs": rows,
    }
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(performance_table(results))
    if not args.no_readme:
        write_readme_table(results)
    return 0


def performance_table(results: dict) -> str:
    raw = results["raw_parse_docs_per_s"]
    lines = [f"{results['corpus']['docs']} reports ({results['corpus']['words']:,} words) of "
             f"`../shared/eval/data/throughput/news.jsonl`, {results['machine']['cores']} cores, one run of `make bench`:",
             "", "| run | reports/s | words/s | × raw parse |", "|---|---|---|---|"]
    for row in results["runs"]:
        lines.append(f"| {row['name']} | {row['docs_per_s']} | {row['words_per_s']:,} | {row['docs_per_s'] / raw:.2f} |")
    lines.append(f"\nPeak RSS of any run: {results['peak_rss_mb']} MB.")
    return "\n".join(lines)


def write_readme_table(results: dict) -> None:
    start, end = "<!-- performance:start -->", "<!-- performance:end -->"
    text = README.read_text(encoding="utf-8")
    if start not in text:
        return
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{performance_table(results)}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
