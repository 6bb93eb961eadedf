"""`make eval`, after scripts/evaluate.py: does event confidence mean something, and what is still confused.

Reads the predictions `scripts/evaluate.py --sets case plover` left in .cache/eval/ and, for each
record, the event the scorer judges: on `case`, the highest-confidence event with an ACLED type
(right when its sub-event type is the gold label; on the records whose gold label is not one of
ACLED's 25, such as disasters and crime, any ACLED prediction counts as wrong and none as right); on `plover`, the highest-confidence event
(right when its PLOVER type is the gold type). Records without such an event are left out of the
curve and counted as "none" among the confusions. Prints both tables and rewrites the README's
`events-quality` section.

usage: python scripts/event_quality.py [--shared ../shared] [--no-readme]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from readme_section import replace_section

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "eval"
EDGES = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
CONFUSIONS_SHOWN = 8


@dataclass(frozen=True)
class Judged:
    gold: str
    predicted: str | None  # None: no event the scorer reads
    confidence: float | None
    right: bool


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged_events(scorer, shared: Path, name: str) -> list[Judged]:
    """What the scorer reads for each record: gold label, predicted label and its confidence."""
    gold = [json.loads(line) for line in (shared / "eval" / "data" / name / "dev.jsonl").open(encoding="utf-8")]
    predictions, _ = scorer.load_preds(CACHE / f"{name}.pred.jsonl")
    judged = []
    for record in gold:
        doc = scorer.Doc(predictions.get(record["id"], {}))
        if name == "case":
            event = scorer.top_event(doc.items("events"), keep=lambda e: isinstance(e.get("acled"), dict))
            code = scorer.acled_prediction(doc)[0] if event is not None else None
            label = record["gold_label"]
            right = code == label if label in scorer.CASE_CODES else code is None
            judged.append(Judged(label, code, event and event["confidence"], right))
        else:
            event = scorer.top_event(doc.items("events"))
            predicted = event and event["type"]
            judged.append(Judged(record["gold_type"], predicted, event and event["confidence"],
                                 predicted == record["gold_type"]))
    return judged


def curve(judged: list[Judged]) -> list[tuple[str, int, float | None]]:
    """(confidence bucket, events in it, precision %) for the records with an event."""
    rows = []
    for low, high in zip(EDGES, EDGES[1:]):
        inside = [j.right for j in judged if j.confidence is not None and low <= j.confidence < high]
        label = f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}"
        rows.append((label, len(inside), 100 * sum(inside) / len(inside) if inside else None))
    return rows


def curve_table(sets: dict[str, list[Judged]]) -> list[str]:
    tables = {name: curve(judged) for name, judged in sets.items()}
    lines = ["| confidence | " + " | ".join(f"{name} events | {name} precision" for name in tables) + " |",
             "|---|" + "---|---|" * len(tables)]
    for i, (label, _, _) in enumerate(next(iter(tables.values()))):
        cells = [f"{rows[i][1]} | {'-' if rows[i][2] is None else f'{rows[i][2]:.1f}'}" for rows in tables.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def confusions(judged: list[Judged]) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) errors; 'none' where no event was read."""
    counts = Counter((j.gold, j.predicted or "none") for j in judged if not j.right)
    return [(gold, predicted, n) for (gold, predicted), n in counts.most_common(CONFUSIONS_SHOWN)]


def confusion_lines(name: str, judged: list[Judged]) -> list[str]:
    wrong = [j for j in judged if not j.right]
    unread = sum(j.predicted is None for j in wrong)
    pairs = ", ".join(f"{gold} → {predicted} {n}" for gold, predicted, n in confusions(judged))
    return [f"- `{name}`: {len(wrong)} of {len(judged)} records wrong ({unread} with no event read, "
            f"{len(wrong) - unread} read as another type); most often (gold → read): {pairs}."]


def section(sets: dict[str, list[Judged]]) -> str:
    both = sets["case"] + sets["plover"]
    lines = ["Precision of the event the scorer reads, by its confidence (records with such an event):", "",
             *curve_table({**sets, "both": both}), "", "What is still confused:", ""]
    for name, judged in sets.items():
        lines += confusion_lines(name, judged)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    body = section({name: judged_events(scorer, args.shared, name) for name in ("case", "plover")})
    print(body)
    if not args.no_readme:
        replace_section("events-quality", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
