"""Where the time goes inside one process: the spaCy parse of each text, then each stage over it.

usage: python benchmarks/stage_times.py CORPUS.jsonl   (prints JSON: parse and per-stage seconds)

The stages run exactly as `pipeline.read_parsed` runs them, each timed on its own, over fresh parses
of the same texts (nlp.pipe, batch 32, streamed), after one warm-up report has loaded what the
stages load once per process (timed apart). A report a stage fails on stops there, as in the pipeline.
"""
from __future__ import annotations

import json
import sys
import time

from dateline import nlp
from dateline.errors import ReportError
from dateline.model import Reading, Report
from dateline.parsed import ParsedReport
from dateline.pipeline import document_info, read_parsed
from dateline.reports import read_jsonl
from dateline.stages import STAGES

WARM_UP = "Police said two people were killed in a bombing in Kabul on Monday, the ministry said."


def main(corpus: str) -> dict:
    with open(corpus, "rb") as stream:
        reports = [r for r in read_jsonl(stream) if not isinstance(r, ReportError)]
    language = nlp.load()
    started = time.perf_counter()
    read_parsed(Report(text=WARM_UP), language(WARM_UP))  # lexicons and gazetteer load on first use
    warm_up = time.perf_counter() - started
    docs = language.pipe((r.text for r in reports), batch_size=32)
    parse, failed = 0.0, 0
    stages = {name: 0.0 for name, _ in STAGES}
    for report in reports:
        started = time.perf_counter()
        doc = next(docs)  # the parse is timed as it streams, so no more than a batch of docs is held
        parse += time.perf_counter() - started
        parsed = ParsedReport(report=report, doc=doc, reading=Reading(document=document_info(report)))
        for name, stage in STAGES:
            started = time.perf_counter()
            try:
                setattr(parsed.reading, name, stage(parsed))
            except Exception:  # counted, as the pipeline reports it for this record and moves on
                failed += 1
                break
            finally:
                stages[name] += time.perf_counter() - started
    return {"docs": len(reports), "parse_s": round(parse, 3), "failed": failed, "warm_up_s": round(warm_up, 3),
            "stages": {name: {"seconds": round(seconds, 3), "share_of_parse": round(seconds / parse, 4)}
                       for name, seconds in stages.items()}}


if __name__ == "__main__":
    json.dump(main(sys.argv[1]), sys.stdout)
