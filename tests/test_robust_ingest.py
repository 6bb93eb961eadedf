"""Bad input never crashes an ingest and never drops a good report: arbitrary bytes under every file kind,
arbitrary Unicode text, entity bombs and external entities in feeds, truncated WARC records, wrong
encodings, binary files with text extensions. Each failure is one row of the ledger's errors table."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import ReportError
from dateline.ingest import ingest, ingest_reports, read_paths
from dateline.ledger import Ledger
from dateline.model import Report

from test_ingest import ARTICLE, write_warc

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PARSED = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = (".txt", ".html", ".rss", ".atom", ".xml", ".jsonl", ".warc", ".warc.gz")
GOOD = "good.txt"


def errors(ledger: Ledger) -> list[tuple[str, str, str]]:
    return ledger.con.execute("SELECT input, stage, reason FROM errors ORDER BY seq").fetchall()


def documents(ledger: Ledger) -> list[str]:
    return [row[0] for row in ledger.con.execute("SELECT input FROM documents ORDER BY seq").fetchall()]


def ingest_dir(folder: Path, files: dict[str, bytes]) -> Ledger:
    """A fresh in-memory ledger holding `files` (and a good report) ingested from `folder`."""
    for name in folder.iterdir():
        name.unlink()
    (folder / GOOD).write_text(ARTICLE, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    ledger = Ledger()
    ingest([str(folder)], ledger)
    return ledger


def assert_good_kept_and_bad_quarantined(ledger: Ledger, folder: Path, bad: list[str]) -> None:
    assert str(folder / GOOD) in documents(ledger)
    failed = {re.split(r"[@#]|:\d+$", row[0])[0] for row in errors(ledger)}  # path@offset, path#guid, path:line
    for name in bad:
        assert str(folder / name) in failed, (name, errors(ledger))
    assert all(stage and reason for _, stage, reason in errors(ledger))


@FAST
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_readers_survive_arbitrary_bytes_under_every_extension(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for label, item in read_paths([str(path)]):
        assert label.startswith(str(path))
        assert isinstance(item, (Report, ReportError))
        if isinstance(item, ReportError):
            assert item.stage and item.reason


@PARSED
@given(texts=st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_arbitrary_unicode_reports_end_as_documents_or_error_rows(texts):
    inputs = [(f"fuzz:{i}", Report(text=text)) for i, text in enumerate(texts)] + [("good", Report(text=ARTICLE))]
    with Ledger() as ledger:
        totals = ingest_reports(inputs, ledger)
        assert totals.read == len(inputs)
        assert "good" in documents(ledger)
        # each input is a document, an error row, or skipped as a repeat of an earlier input's text
        assert totals.added + totals.errors + totals.skipped == totals.read
        assert totals.added == len(documents(ledger)) and totals.errors == len(errors(ledger))


def test_empty_and_oversized_reports_are_error_rows(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / GOOD).write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\u00a0\u2003\n")
    (folder / "huge.txt").write_text("Gunmen attacked a village. " * 400)
    with Ledger() as ledger:
        ingest([str(folder)], ledger, max_chars=5000)
        assert documents(ledger) == [str(folder / GOOD)]
        reasons = {Path(label).name: reason for label, _, reason in errors(ledger)}
        assert set(reasons) == {"empty.txt", "blank.txt", "huge.txt"}
        assert "--max-chars" in reasons["huge.txt"] and "empty" in reasons["empty.txt"]


def test_a_report_over_the_parsers_own_limit_is_an_error_row_even_when_max_chars_allows_it():
    inputs = [("big", Report(text="Rebels attacked the town. " * 40_000)), ("good", Report(text=ARTICLE))]
    with Ledger() as ledger:
        ingest_reports(inputs, ledger, max_chars=2_000_000)
        assert documents(ledger) == ["good"]
        [(label, stage, reason)] = errors(ledger)
        assert (label, stage) == ("big", "input") and "limit" in reason


BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
        + ']>\n<rss version="2.0"><channel><title>T</title><item><guid>bomb</guid><description>&lol9;'
        '</description></item></channel></rss>')


def test_an_entity_expansion_bomb_in_a_feed_is_not_expanded(tmp_path):
    path = tmp_path / "bomb.rss"
    path.write_text(BOMB)
    for _, item in read_paths([str(path)]):
        assert isinstance(item, ReportError) or len(item.text) < 1000


def test_a_feed_cannot_read_a_local_file_through_an_external_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7f3a")
    feed = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
            '<rss version="2.0"><channel><title>T</title><item><guid>xxe</guid><title>&xxe;</title>'
            '<description>Leak: &xxe; Gunmen attacked a village on Monday.</description></item></channel></rss>')
    for kind in ("rss", "atom", "xml"):
        (tmp_path / f"feed.{kind}").write_text(feed)
    read = list(read_paths([str(tmp_path / f"feed.{kind}") for kind in ("rss", "atom", "xml")]))
    assert read
    assert not any("TOPSECRET" in repr(vars(item)) for _, item in read)


def test_feed_items_are_unescaped_text_not_html(tmp_path):
    path = tmp_path / "amp.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><guid>a</guid>'
                    "<description>Rock &amp;amp; roll fans &amp;lt;3 marched in Nairobi.</description></item>"
                    "</channel></rss>")
    [(_, item)] = read_paths([str(path)])
    assert item.text == "Rock & roll fans <3 marched in Nairobi."


def test_every_truncation_of_a_warc_is_an_error_never_a_partial_report(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    data = whole.read_bytes()
    [(_, intact)] = [(label, item) for label, item in read_paths([str(whole)]) if isinstance(item, Report)]
    for cut in range(8, len(data) - 1, 37):
        path = tmp_path / f"cut{cut}.warc.gz"
        path.write_bytes(data[:cut])
        read = list(read_paths([str(path)]))
        reports = [item for _, item in read if isinstance(item, Report)]
        assert all(report.text == intact.text for report in reports), cut
        assert reports or any(isinstance(item, ReportError) for _, item in read), cut


def test_bad_files_in_a_batch_are_quarantined_and_the_good_report_kept(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(tmp_path / "whole.warc.gz")
    warc = (tmp_path / "whole.warc.gz").read_bytes()
    bad = {
        "latin1.txt": "Café bombing in Goma killed five people on Monday, police said.".encode("latin-1"),
        "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "png.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "zip.rss": b"PK\x03\x04" + bytes(range(256)) * 4,
        "mixed.txt": "Strike on Sumy: ".encode() + "café".encode("cp1252") + " killed 5.".encode(),
        "truncated.warc.gz": warc[: len(warc) // 2],
        "gzip-of-nothing.warc.gz": gzip.compress(b"")[:5],
        "lines.jsonl": b'{"text": 5}\n{not json\n' + json.dumps({"text": "caf\udcff"}).encode() + b"\n",
        "deep.html": b"<div>" * 50000 + b"</div>" * 50000,
        "surrogate.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><item><guid>s</guid>'
                         b"<description>Rebels &#55296; marched.</description></item></channel></rss>",
    }
    with ingest_dir(folder, bad) as ledger:
        assert_good_kept_and_bad_quarantined(ledger, folder, sorted(bad))
        stages = {stage for _, stage, _ in errors(ledger)}
        assert stages <= {"input", "parse", "places", "times", "actors", "attributions", "events", "claims",
                          "disputes"}


@PARSED
@given(junk=st.dictionaries(st.sampled_from(["a.txt", "b.html", "c.rss", "d.jsonl", "e.warc.gz"]),
                            st.binary(min_size=1, max_size=2048), min_size=1, max_size=5))
def test_arbitrary_junk_next_to_a_good_report_never_drops_it(tmp_path_factory, junk):
    folder = tmp_path_factory.mktemp("junk")
    with ingest_dir(folder, junk) as ledger:
        assert str(folder / GOOD) in documents(ledger)
