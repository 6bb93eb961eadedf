"""Measure the relevance filter: what it skips, which events it loses, what it costs.

Dev sets: every report is read as `scripts/evaluate.py` reads it (cached parses, never re-parsed)
and its events are counted, in the reports the filter keeps and in all of them; the bar is that the
kept reports hold >= 99% of the events. Throughput mix: reports and words skipped (words are what
the parse costs), and the events of those of its texts that are dev texts. Cost: the filter timed
on the raw texts of the mix.

usage: DATELINE_PARSE_CACHE=... python scripts/relevance_eval.py [--shared ../shared] [--sets case plover ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import ROOT, SETS, parsed_docs  # noqa: E402

from dateline.errors import ReportError  # noqa: E402
from dateline.pipeline import read_parsed  # noqa: E402
from dateline.relevance import relevance  # noqa: E402
from dateline.reports import report_from_dict  # noqa: E402
from dateline.validate import check_text  # noqa: E402

BAR = 0.99


@dataclass
class Tally:
    reports: int = 0
    skipped: int = 0
    words: int = 0
    skipped_words: int = 0
    events: int = 0
    kept_events: int = 0
    lost_triggers: Counter = field(default_factory=Counter)

    def add(self, text: str, events: list, kept: bool) -> None:
        words = len(text.split())
        self.reports += 1
        self.words += words
        self.events += len(events)
        if kept:
            self.kept_events += len(events)
        else:
            self.skipped += 1
            self.skipped_words += words
            self.lost_triggers.update(event.trigger.text.lower() for event in events)

    def merge(self, other: "Tally") -> None:
        for name in ("reports", "skipped", "words", "skipped_words", "events", "kept_events"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.lost_triggers.update(other.lost_triggers)

    def row(self, name: str, with_events: bool = True) -> str:
        row = (f"{name:<12} {self.reports:>7} {self.skipped:>7} {_pct(self.skipped, self.reports):>8} "
               f"{_pct(self.skipped_words, self.words):>8}")
        if with_events:
            row += f" {self.kept_events:>7}/{self.events:<7} {_pct(self.kept_events, self.events):>8}"
        return row


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "-"


HEADER = f"{'set':<12} {'reports':>7} {'skipped':>7} {'skip %':>8} {'words %':>8} {'events kept/found':>15} {'kept %':>8}"


def events_of(record: dict, number: int, doc) -> list:
    report = report_from_dict(record, number)
    try:
        check_text(report.text)
        return read_parsed(report, doc).events
    except ReportError:
        return []


def dev_set(shared: Path, name: str) -> tuple[Tally, dict[str, list]]:
    """The set's tally, and the events of each of its texts."""
    records = [json.loads(line) for line in (shared / "eval" / "data" / name / "dev.jsonl").open(encoding="utf-8")
               if line.strip()]
    tally, events_by_text = Tally(), {}
    for number, (record, doc) in enumerate(zip(records, parsed_docs(name, records)), 1):
        events = events_of(record, number, doc)
        events_by_text[record["text"]] = events
        tally.add(record["text"], events, relevance(record["text"]).relevant)
    return tally, events_by_text


def throughput_mix(shared: Path, events_by_text: dict[str, list]) -> tuple[Tally, Tally, float]:
    """(every text of the mix, the texts that are dev texts with their events, µs per report)."""
    texts = [json.loads(line)["text"] for line in (shared / "eval" / "data" / "throughput" / "news.jsonl")
             .open(encoding="utf-8") if line.strip()]
    mix, known = Tally(), Tally()
    for text in texts:
        kept = relevance(text).relevant
        mix.add(text, [], kept)
        if text in events_by_text:
            known.add(text, events_by_text[text], kept)
    return mix, known, _cost_us(texts)


def _cost_us(texts: list[str], rounds: int = 3) -> float:
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
    overall, events_by_text = Tally(), {}
    for name in args.sets:
        tally, events = dev_set(args.shared, name)
        print(tally.row(name))
        overall.merge(tally)
        events_by_text.update(events)
    print(overall.row("all dev"))
    mix, known, cost = throughput_mix(args.shared, events_by_text)
    print(mix.row("throughput", with_events=False))
    print(known.row("  dev texts"))
    kept_share = overall.kept_events / overall.events if overall.events else 1.0
    print(f"\nevents kept on the dev sets: {kept_share:.2%} (bar {BAR:.0%}: {'met' if kept_share >= BAR else 'NOT met'})")
    saved = mix.skipped_words / mix.words
    print(f"throughput mix: {_pct(mix.skipped, mix.reports)} of reports and {saved:.1%} of words skipped; "
          f"parse work left {1 - saved:.1%}, so skipping alone speeds the parse up at most {1 / (1 - saved):.2f}x")
    print(f"filter cost: {cost:.0f} µs per report ({cost * 1000 / (mix.words / mix.reports):.0f} µs per 1,000 words)")
    if overall.lost_triggers:
        print("triggers of the events lost:", ", ".join(f"{w} {n}" for w, n in overall.lost_triggers.most_common(12)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
