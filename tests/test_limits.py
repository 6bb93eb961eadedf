"""The time limit per report (`limits.py`, `--max-seconds`): a report whose parse or stages overrun becomes
an error row naming where it was, the reports around it are read, and nothing is raised after the limit
is lifted. Slowness is made in the test: a Python loop, a sleep, a catastrophic regular expression."""
from __future__ import annotations

import json
import re
import threading
import time

from dateline import nlp, pipeline
from dateline.cli import main
from dateline.errors import ReportError
from dateline.ingest import ingest, ingest_reports
from dateline.ledger import Ledger
from dateline.limits import call_within
from dateline.model import Report
from dateline.pipeline import extract_many

from test_ingest import ARTICLE

LIMIT = 0.5
SLOW = "The slow report: rebels attacked the town of Goma on Monday, police said."


def spin(seconds: float = 20.0) -> str:
    """Busy Python bytecode for `seconds`, far past the limit (bounded, so a broken limit fails, not hangs)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def in_thread(work):
    """work() in a thread that is not the main thread, as a Dask worker runs tasks."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=work()))
    thread.start()
    thread.join()
    return result["value"]


def outcome(work) -> str:
    try:
        return work()
    except ReportError as err:
        return f"{err.stage}: {err.reason}"


def test_call_within_interrupts_python_code_in_the_main_thread_and_in_other_threads():
    overrun = f"parse: took longer than {LIMIT:g} s (--max-seconds)"
    assert outcome(lambda: call_within(LIMIT, "parse", spin)) == overrun
    assert in_thread(lambda: outcome(lambda: call_within(LIMIT, "parse", spin))) == overrun
    assert call_within(LIMIT, "parse", sum, [1, 2]) == 3
    assert in_thread(lambda: call_within(LIMIT, "parse", len, "ab")) == 2
    assert call_within(None, "parse", len, "abc") == 3
    time.sleep(2 * LIMIT)  # a timer left running would raise here


def test_in_the_main_thread_even_a_regex_match_or_a_sleep_is_interrupted():
    catastrophic = re.compile(r"(a+)+$")
    assert outcome(lambda: call_within(LIMIT, "parse", catastrophic.match, "a" * 32 + "b")).startswith("parse: took")
    assert outcome(lambda: call_within(LIMIT, "parse", time.sleep, 30)).startswith("parse: took")


def test_a_real_parse_is_interrupted_and_the_model_parses_as_before_after_it():
    model = nlp.load()
    before = [(token.tag_, token.dep_, token.head.i, token.ent_type_) for token in model(ARTICLE)]
    long_batch = [ARTICLE * 40] * 8  # several seconds of parsing
    assert outcome(lambda: call_within(0.3, "parse", lambda: list(model.pipe(long_batch)))).startswith("parse: took")
    assert in_thread(lambda: outcome(lambda: call_within(0.3, "parse", lambda: list(model.pipe(long_batch))))
                     ).startswith("parse: took")
    assert [(token.tag_, token.dep_, token.head.i, token.ent_type_) for token in model(ARTICLE)] == before


def slow_events(monkeypatch) -> None:
    """The events stage spins on the slow report."""
    stages = dict(pipeline.STAGES)
    find_events = stages["events"]

    def events(parsed):
        if parsed.report.text == SLOW:
            spin()
        return find_events(parsed)
    stages["events"] = events
    monkeypatch.setattr(pipeline, "STAGES", tuple(stages.items()))


def test_a_report_whose_stage_overruns_is_an_error_row_naming_the_stage_and_the_batch_goes_on(monkeypatch):
    slow_events(monkeypatch)
    inputs = [("before", Report(text=ARTICLE)), ("slow", Report(text=SLOW)),
              ("after", Report(text="Police arrested 12 protesters in Nairobi on Sunday."))]
    with Ledger() as ledger:
        totals = ingest_reports(inputs, ledger, max_seconds=LIMIT)
        assert (totals.added, totals.errors) == (2, 1)
        assert ledger.con.execute("SELECT input, stage, reason FROM errors").fetchall() == [
            ("slow", "events", f"took longer than {LIMIT:g} s (--max-seconds)")]


def test_the_limit_holds_in_a_worker_thread_as_on_a_dask_worker(monkeypatch):
    slow_events(monkeypatch)
    outputs = in_thread(lambda: list(extract_many([Report(text=SLOW, id="slow"), Report(text=ARTICLE, id="good")],
                                                  max_seconds=LIMIT)))
    assert outputs[0] == {"id": "slow", "error": {"stage": "events", "reason": f"took longer than {LIMIT:g} s "
                                                                               "(--max-seconds)"}}
    assert outputs[1]["document"]["id"] == "good"


class SlowOnOneText:
    """The spaCy pipeline, spinning when it meets the slow report, in a batch or alone."""

    def __init__(self, model):
        self.model = model
        self.max_length = model.max_length

    def __call__(self, text):
        if text == SLOW:
            spin()
        return self.model(text)

    def pipe(self, texts, batch_size):
        texts = list(texts)
        if SLOW in texts:
            spin()
        return self.model.pipe(texts, batch_size=batch_size)


def test_a_report_whose_parse_overruns_fails_alone_and_its_batch_is_parsed(monkeypatch):
    monkeypatch.setattr(nlp, "load", lambda model=SlowOnOneText(nlp.load()): model)
    reports = [Report(text=ARTICLE, id="a"), Report(text=SLOW, id="slow"), Report(text=ARTICLE + " Again.", id="b")]
    outputs = list(extract_many(reports, max_seconds=LIMIT))
    assert [output.get("error", {}).get("stage") for output in outputs] == [None, "parse", None]
    assert [output["document"]["id"] for output in (outputs[0], outputs[2])] == ["a", "b"]


def test_max_seconds_is_an_option_of_extract_and_ingest(monkeypatch, tmp_path, capsys):
    slow_events(monkeypatch)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "slow.txt").write_text(SLOW)
    (tmp_path / "in" / "good.txt").write_text(ARTICLE)
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "slow", "text": SLOW}) + "\n")
    assert main(["extract", "--jsonl", str(tmp_path / "in.jsonl"), "--max-seconds", str(LIMIT)]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["reason"].startswith(f"took longer than {LIMIT:g} s")
    ledger = str(tmp_path / "ledger.duckdb")
    assert main(["ingest", str(tmp_path / "in"), "--ledger", ledger, "--max-seconds", str(LIMIT)]) == 0
    with Ledger(ledger, read_only=True) as read:
        assert read.con.execute("SELECT input, stage FROM errors").fetchall() == [(str(tmp_path / "in" / "slow.txt"),
                                                                                  "events")]


def test_a_page_whose_article_extraction_overruns_is_an_error_row(monkeypatch, tmp_path):
    import trafilatura

    bare_extraction = trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "bare_extraction",
                        lambda html, **options: spin() if "slow" in html else bare_extraction(html, **options))
    (tmp_path / "slow.html").write_text(f"<html><body><p>slow {ARTICLE}</p></body></html>")
    (tmp_path / "good.txt").write_text(ARTICLE)
    with Ledger() as ledger:
        ingest([str(tmp_path)], ledger, max_seconds=LIMIT)
        assert ledger.con.execute("SELECT input, stage, reason FROM errors").fetchall() == [
            (str(tmp_path / "slow.html"), "input", f"took longer than {LIMIT:g} s (--max-seconds)")]
        assert ledger.con.execute("SELECT input FROM documents").fetchall() == [(str(tmp_path / "good.txt"),)]
