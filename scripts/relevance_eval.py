"""Measure the relevance filter: what it skips, which events it loses, what it costs.

Dev sets: every report is read twice, as `scripts/evaluate.py` reads it: whole (the cached full
parse) and filtered (skipped when it holds no event word, else only its lede and event sentences
parsed; those parses are cached too). An event found in the whole reading is kept when the filtered
reading has an event with the same trigger and type; the bar is >= 99% kept. For the kept events it
also counts how often actor, recipient and place came out the same (the sentences around an event
can change them). Throughput mix: reports skipped and words left unparsed (words are what the parse
costs). Cost: the filter timed on the raw texts of the mix. Bound: the words of the sentences in which
the whole reading found an event, and of the ledes: the least any filter that picks sentences could
parse without losing an event.

Prints a table and rewrites the README's `filter` section with it (not with --no-readme, nor when only
some sets are measured).

usage: DATELINE_PARSE_CACHE=... python scripts/relevance_eval.py [--shared ../shared] [--sets case plover ...]
       [--no-readme]
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
from readme_section import replace_section  # noqa: E402

from dateline.errors import ReportError  # noqa: E402
from dateline.model import Reading  # noqa: E402
from dateline.pipeline import read_parsed  # noqa: E402
from dateline.relevance import Relevance, passages_only, relevance, sentence_spans  # noqa: E402
from dateline.reports import report_from_dict  # noqa: E402
from dateline.validate import check_text  # noqa: E402

BAR = 0.99
SAME_ROLES = ("actor", "recipient", "place")


@dataclass
class Tally:
    reports: int = 0
    skipped: int = 0
    words: int = 0
    words_parsed: int = 0
    words_needed: int = 0
    events: int = 0
    kept: int = 0
    same: Counter = field(default_factory=Counter)
    lost: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        for name in ("reports", "skipped", "words", "words_parsed", "words_needed", "events", "kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.same.update(other.same)
        self.lost.update(other.lost)


def words_of(text: str, verdict: Relevance) -> tuple[int, int]:
    """Words in the report, and in what the filter leaves to parse."""
    return len(text.split()), sum(len(text[start:end].split()) for start, end in verdict.passages)


def words_needed(text: str, whole: Reading) -> int:
    """Words of the sentences in which the whole reading found an event, and of the lede (for the
    dateline) when it found any."""
    starts = [event.trigger.start for event in whole.events]
    return sum(len(text[start:end].split()) for number, (start, end) in enumerate(sentence_spans(text))
               if starts and (number == 0 or any(start <= at < end for at in starts)))


def read(record: dict, number: int, doc, verdict: Relevance | None) -> Reading:
    report = report_from_dict(record, number)
    try:
        check_text(report.text)
        return read_parsed(report, doc, verdict)
    except ReportError:
        return Reading(document=None)


def compare(whole: Reading, filtered: Reading, tally: Tally) -> None:
    found = {(e.trigger.start, e.trigger.end, e.type): e for e in filtered.events}
    for event in whole.events:
        tally.events += 1
        twin = found.get((event.trigger.start, event.trigger.end, event.type))
        if twin is None:
            tally.lost[event.trigger.text.lower()] += 1
            continue
        tally.kept += 1
        for role in SAME_ROLES:
            tally.same[role] += _fillers(whole, event, role) == _fillers(filtered, twin, role)


def _fillers(reading: Reading, event, role: str) -> list:
    """A role's fillers by their text: ids are numbered over what each reading parsed."""
    ids = getattr(event, role)
    ids = [ids] if isinstance(ids, str) else ids or []
    names = {item.id: item.text for item in (*reading.actors, *reading.places)}
    return [names.get(i, i) for i in ids]


def dev_set(shared: Path, name: str) -> dict[str, Tally]:
    """The set's tally for each dataset in it."""
    records = [json.loads(line) for line in (shared / "eval" / "data" / name / "dev.jsonl").open(encoding="utf-8")
               if line.strip()]
    verdicts = [relevance(r["text"]) for r in records]
    whole_docs = parsed_docs(name, [r["text"] for r in records])
    filtered_docs = parsed_docs(name, [passages_only(r["text"], v.passages) for r, v in zip(records, verdicts)])
    tallies: dict[str, Tally] = {}
    for number, (record, verdict, whole, filtered) in enumerate(zip(records, verdicts, whole_docs, filtered_docs), 1):
        tally = tallies.setdefault(record.get("dataset") or name, Tally())
        words, parsed = words_of(record["text"], verdict)
        tally.reports, tally.words, tally.words_parsed = tally.reports + 1, tally.words + words, tally.words_parsed + parsed
        tally.skipped += not verdict.relevant
        filtered_reading = read(record, number, filtered, verdict) if verdict.relevant else Reading(document=None)
        whole_reading = read(record, number, whole, None)
        tally.words_needed += words_needed(record["text"], whole_reading)
        compare(whole_reading, filtered_reading, tally)
    return tallies


HEADER = (f"{'set':<12} {'reports':>7} {'skip %':>7} {'words parsed %':>14} {'events kept/found':>17} "
          f"{'kept %':>7} " + " ".join(f"{'same ' + role:>14}" for role in SAME_ROLES))


def row(name: str, tally: Tally) -> str:
    same = " ".join(f"{_pct(tally.same[role], tally.kept):>14}" for role in SAME_ROLES)
    return (f"{name:<12} {tally.reports:>7} {_pct(tally.skipped, tally.reports):>7} "
            f"{_pct(tally.words_parsed, tally.words):>14} {tally.kept:>8}/{tally.events:<8} "
            f"{_pct(tally.kept, tally.events):>7} {same}")


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "-"


def mix(shared: Path) -> tuple[Tally, float]:
    """The throughput mix: reports skipped, words parsed, and the filter's cost per report in µs."""
    path = shared / "eval" / "data" / "throughput" / "news.jsonl"
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    started = time.perf_counter()
    verdicts = [relevance(text) for text in texts]
    cost = (time.perf_counter() - started) / len(texts) * 1e6
    tally = Tally(reports=len(texts), skipped=sum(not v.relevant for v in verdicts))
    for text, verdict in zip(texts, verdicts):
        words, parsed = words_of(text, verdict)
        tally.words, tally.words_parsed = tally.words + words, tally.words_parsed + parsed
    return tally, cost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--no-readme", action="store_true", help="print only; leave README.md as it is")
    args = parser.parse_args()
    print(HEADER)
    rows, every = [], Tally()
    for name in args.sets:
        tallies = dev_set(args.shared, name)
        whole = merged(tallies.values())
        every.add(whole)
        for line in set_rows(name, whole, tallies):
            rows.append(line)
            print(line, flush=True)
    throughput, cost = mix(args.shared)
    tail = [row("all dev", every), row("throughput", throughput), "", *summary(every, throughput, cost)]
    print("\n".join(tail))
    if not args.no_readme and args.sets == list(SETS):
        replace_section("filter", "```\n" + "\n".join([HEADER, *rows, *tail]) + "\n```")
    return 0


def merged(tallies) -> Tally:
    whole = Tally()
    for tally in tallies:
        whole.add(tally)
    return whole


def set_rows(name: str, whole: Tally, tallies: dict[str, Tally]) -> list[str]:
    """The set's row, then one for each of its datasets when it has several (the places set holds general,
    local and health news)."""
    if len(tallies) == 1:
        return [row(name, whole)]
    return [row(name, whole), *(row(f"  {dataset}", tally) for dataset, tally in sorted(tallies.items()))]


def summary(every: Tally, throughput: Tally, cost: float) -> list[str]:
    share = every.kept / every.events if every.events else 1.0
    lines = [f"events kept on the dev sets: {share:.2%} (bar {BAR:.0%}: {'met' if share >= BAR else 'NOT met'})",
             f"throughput mix: {_pct(throughput.skipped, throughput.reports)} of reports skipped, "
             f"{_pct(throughput.words_parsed, throughput.words)} of words parsed",
             f"filter cost: {cost:.0f} µs per report",
             f"bound: on the dev sets the filter parses {_pct(every.words_parsed, every.words)} of the words; the "
             f"sentences with an event, and their reports' ledes, hold {_pct(every.words_needed, every.words)}"]
    if every.lost:
        lines.append("triggers of the events lost: " + ", ".join(f"{word} {n}" for word, n in every.lost.most_common(12)))
    return lines


if __name__ == "__main__":
    sys.exit(main())
