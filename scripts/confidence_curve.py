"""Does event confidence mean something? Precision of the scored event by confidence bucket.

Reads the predictions `scripts/evaluate.py --sets case plover` left in .cache/eval/ and, for each
record, the event the scorer judges: on `case`, the highest-confidence event with an ACLED type
(right when its sub-event type is the gold label; on the records whose gold label is not one of
ACLED's 25, any ACLED prediction counts as wrong); on `plover`, the highest-confidence event
(right when its PLOVER type is the gold type). Records without such an event are left out.

usage: python scripts/confidence_curve.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "eval"
EDGES = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged_events(scorer, shared: Path, name: str) -> list[tuple[float, bool]]:
    """(confidence, right) of the event the scorer reads, one per record that has one."""
    gold = [json.loads(line) for line in (shared / "eval" / "data" / name / "dev.jsonl").open(encoding="utf-8")]
    predictions, _ = scorer.load_preds(CACHE / f"{name}.pred.jsonl")
    judged = []
    for record in gold:
        doc = scorer.Doc(predictions.get(record["id"], {}))
        if name == "case":
            event = scorer.top_event(doc.items("events"), keep=lambda e: isinstance(e.get("acled"), dict))
            if event is not None:
                code, _ = scorer.acled_prediction(doc)
                judged.append((event["confidence"], code == record["gold_label"]))
        else:
            event = scorer.top_event(doc.items("events"))
            if event is not None:
                judged.append((event["confidence"], event["type"] == record["gold_type"]))
    return judged


def curve(judged: list[tuple[float, bool]]) -> list[tuple[str, int, float | None]]:
    rows = []
    for low, high in zip(EDGES, EDGES[1:]):
        inside = [right for confidence, right in judged if low <= confidence < high]
        label = f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}"
        rows.append((label, len(inside), 100 * sum(inside) / len(inside) if inside else None))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    sets = {name: judged_events(scorer, args.shared, name) for name in ("case", "plover")}
    sets["both"] = sets["case"] + sets["plover"]
    tables = {name: curve(judged) for name, judged in sets.items()}
    print(f"{'confidence':<12}" + "".join(f"{name + ' n':>10}{'precision':>11}" for name in tables))
    for i, (label, _, _) in enumerate(tables["both"]):
        cells = ""
        for rows in tables.values():
            _, count, precision = rows[i]
            cells += f"{count:>10}{'-' if precision is None else f'{precision:.1f}':>11}"
        print(f"{label:<12}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
