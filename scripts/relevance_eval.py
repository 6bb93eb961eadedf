"""Measure the relevance filter: what it skips, which events it loses, what it costs.

Dev sets: every report is read as `scripts/evaluate.py` reads it (cached parses, never re-parsed)
and its events are counted, in the reports the filter keeps and in all of them; the bar is that the
kept reports hold >= 99% of the events. Throughput mix: reports and words skipped (words are what
the parse costs), and the events of its texts, which are the dev texts deduplicated. Cost: the
filter timed on the raw texts of the mix. Last, what a stricter filter (a minimum score instead of
any event word) would skip and lose, for the record; the filter itself has no threshold.

usage: DATELINE_PARSE_CACHE=... python scripts/relevance_eval.py [--shared ../shared] [--sets case plover ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import ROOT, SETS, parsed_docs  # noqa: E402

from dateline.errors import ReportError  # noqa: E402
from dateline.pipeline import read_parsed  # noqa: E402
from dateline.relevance import Relevance, relevance  # noqa: E402
from dateline.reports import report_from_dict  # noqa: E402
from dateline.validate import check_text  # noqa: E402

BAR = 0.99
STRICTER_SCORES = (0.1, 0.2, 0.3, 0.5, 1.0)


@dataclass
class Judged:
    """One report: its size, the events found in it without the filter, the filter's verdict."""
    words: int
    events: list
    verdict: Relevance


def judge(text: str, events: list) -> Judged:
    return Judged(words=len(text.split()), events=events, verdict=relevance(text))


def read_events(record: dict, number: int, doc) -> list:
    report = report_from_dict(record, number)
    try:
        check_text(report.text)
        return read_parsed(report, doc).events
    except ReportError:
        return []


def dev_set(shared: Path, name: str) -> list[tuple[str, Judged]]:
    """Each record of the set (some sets repeat a text with other gold), its text judged."""
    records = [json.loads(line) for line in (shared / "eval" / "data" / name / "dev.jsonl").open(encoding="utf-8")
               if line.strip()]
    return [(record["text"], judge(record["text"], read_events(record, number, doc)))
            for number, (record, doc) in enumerate(zip(records, parsed_docs(name, records)), 1)]


def mix_texts(shared: Path) -> list[str]:
    path = shared / "eval" / "data" / "throughput" / "news.jsonl"
    return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]


def row(name: str, judged: list[Judged], min_score: float | None = None) -> str:
    """Reports and words skipped, events kept / found. min_score: a stricter filter, for comparison."""
    def kept(j: Judged) -> bool:
        return j.verdict.relevant if min_score is None else j.verdict.score > min_score
    skipped = [j for j in judged if not kept(j)]
    words, skipped_words = sum(j.words for j in judged), sum(j.words for j in skipped)
    events, lost = sum(len(j.events) for j in judged), sum(len(j.events) for j in skipped)
    return (f"{name:<14} {len(judged):>7} {len(skipped):>7} {_pct(len(skipped), len(judged)):>8} "
            f"{_pct(skipped_words, words):>8} {events - lost:>7}/{events:<7} {_pct(events - lost, events):>8}")


HEADER = f"{'set':<14} {'reports':>7} {'skipped':>7} {'skip %':>8} {'words %':>8} {'events kept/found':>15} {'kept %':>8}"


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "-"


def cost_us(texts: list[str], rounds: int = 3) -> float:
    """The filter's time per report, best of a few rounds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            relevance(text)
        best = min(best, time.perf_counter() - started)
    return best / len(texts) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    args = parser.parse_args()
    print(HEADER)
    by_text: dict[str, Judged] = {}
    every: list[Judged] = []
    for name in args.sets:
        judged = dev_set(args.shared, name)
        print(row(name, [j for _, j in judged]))
        by_text.update(judged)
        every.extend(j for _, j in judged)
    print(row("all dev", every))
    texts = mix_texts(args.shared)
    mix = [by_text.get(text) or judge(text, []) for text in texts]
    print(row("throughput", mix) + ("" if all(text in by_text for text in texts) else "  (events: dev texts only)"))

    found = sum(len(j.events) for j in every)
    kept = sum(len(j.events) for j in every if j.verdict.relevant)
    share = kept / found if found else 1.0
    print(f"\nevents kept on the dev sets: {share:.2%} (bar {BAR:.0%}: {'met' if share >= BAR else 'NOT met'})")
    mix_words = sum(j.words for j in mix)
    saved = sum(j.words for j in mix if not j.verdict.relevant) / mix_words
    print(f"throughput mix: {_pct(sum(not j.verdict.relevant for j in mix), len(mix))} of reports and {saved:.1%} "
          f"of words skipped: skipping alone makes the parse at most {1 / (1 - saved):.2f}x faster")
    cost = cost_us(texts)
    print(f"filter cost: {cost:.0f} µs per report, {cost * 1000 / (mix_words / len(mix)):.0f} µs per 1,000 words")
    lost = Counter(e.trigger.text.lower() for j in every if not j.verdict.relevant for e in j.events)
    if lost:
        print("triggers of the events lost:", ", ".join(f"{word} {n}" for word, n in lost.most_common(12)))
    print("\nfor comparison, a stricter filter keeping only reports scoring above a threshold (all dev sets):")
    print(HEADER)
    for threshold in STRICTER_SCORES:
        print(row(f"score > {threshold}", every, threshold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
