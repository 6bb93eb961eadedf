"""Merge precision and recall on the pair set (tests/fixtures/merge_pairs.jsonl): pairs of reports
written for Dateline about the same event or about different events; and the disputes found in the
shipped samples (samples/reports.jsonl) against those a reader finds there (samples/expected_disputes.json).

Each pair is ingested alone into an in-memory ledger; the pair is predicted "same" when one canonical
event of the pair's type holds mentions from both reports. Prints precision, recall and the misses.
A dispute is found when a disputed claim group of its measure holds claims from both its reports.

    PYTHONPATH=src python scripts/merge_eval.py [--pairs FILE] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dateline.ingest import ingest, ingest_reports
from dateline.ledger import Ledger, queries
from dateline.model import Report

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "fixtures" / "merge_pairs.jsonl"
SAMPLES = ROOT / "samples" / "reports.jsonl"
EXPECTED_DISPUTES = ROOT / "samples" / "expected_disputes.json"


def predict_same(pair: dict) -> bool:
    with Ledger() as ledger:
        ingest_reports(((f"pair{pair['pair']}", Report(**pair[side])) for side in "ab"), ledger)
        wanted = {pair["a"]["id"], pair["b"]["id"]}
        return any(wanted <= set(event["documents"]) for event in queries.events(ledger)
                   if event["type"] == pair["type"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default=str(PAIRS))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    pairs = [json.loads(line) for line in open(args.pairs, encoding="utf-8") if line.strip()]
    tp = fp = fn = tn = 0
    for pair in pairs:
        predicted, actual = predict_same(pair), pair["label"] == "same"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not predicted and not actual
        if predicted != actual or args.verbose:
            print(f"{'ok  ' if predicted == actual else 'MISS'} pair {pair['pair']:>2} {pair['kind']}: "
                  f"predicted {'same' if predicted else 'different'}", file=sys.stderr)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"merge pairs: {len(pairs)} ({tp + fn} same, {fp + tn} different)  "
          f"precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    expected = json.loads(EXPECTED_DISPUTES.read_text(encoding="utf-8"))
    missing = missing_disputes(expected)
    for dispute in missing:
        print(f"MISS dispute: {dispute['what']}", file=sys.stderr)
    print(f"sample disputes found: {len(expected) - len(missing)}/{len(expected)}")
    return 0


def missing_disputes(expected: list[dict]) -> list[dict]:
    with Ledger() as ledger:
        ingest([str(SAMPLES)], ledger)
        found = [(g["measure"], {c["document"] for c in g["claims"]})
                 for g in queries.claim_groups(ledger, disputed_only=True)]
    return [d for d in expected if not any(m == d["measure"] and set(d["documents"]) <= docs for m, docs in found)]


if __name__ == "__main__":
    sys.exit(main())
