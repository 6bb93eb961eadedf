"""Bad input never crashes an ingest and never drops a good report: arbitrary bytes under every file kind,
arbitrary Unicode text, entity bombs and external entities in feeds, truncated WARC records, wrong
encodings, binary files with text extensions. Each failure is one row of the ledger's errors table."""
from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import ReportError
from dateline.ingest import ingest, ingest_reports, read_paths
from dateline.ledger import Ledger
from dateline.model import Report

from test_ingest import ARTICLE, PAGE, write_warc

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
def test_readers_give_every_file_at_least_one_row_whatever_its_bytes(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    read = list(read_paths([str(path)]))
    assert read  # a report or an error: no file vanishes without a trace
    for label, item in read:
        assert label.startswith(str(path))
        assert isinstance(item, (Report, ReportError))
        if isinstance(item, ReportError):
            assert item.stage and item.reason and "\n" not in item.reason


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
        "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "png.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "zip.rss": b"PK\x03\x04" + bytes(range(256)) * 4,
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


# --- encodings: text in any common encoding comes out right; binary is one error naming its format -------

SAID = "Café owners in Goma said “nobody was spared” — five people were killed on Monday."
LATIN = "Café owners in Goma said nobody was spared; five people were killed in Zürich on Monday."
ENCODED = {
    "utf-16 with BOM": SAID.encode("utf-16"),
    "utf-16-le without BOM": SAID.encode("utf-16-le"),
    "utf-16-be without BOM": SAID.encode("utf-16-be"),
    "utf-16-be with BOM": b"\xfe\xff" + SAID.encode("utf-16-be"),
    "utf-32 with BOM": SAID.encode("utf-32"),
    "utf-8 with BOM": SAID.encode("utf-8-sig"),
    "windows-1252": SAID.encode("cp1252"),
}


def test_text_files_in_common_encodings_are_decoded_to_the_same_text(tmp_path):
    files = {f"{i}.txt": data for i, data in enumerate(ENCODED.values())}
    files["latin-1.txt"] = LATIN.encode("latin-1")
    files["mixed.txt"] = SAID.encode() + b" " + SAID.encode("cp1252")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    read = {Path(label).name: item for label, item in read_paths([str(tmp_path)])}
    for number, encoding in enumerate(ENCODED):
        assert read[f"{number}.txt"].text == SAID, encoding
    assert read["latin-1.txt"].text == LATIN
    assert read["mixed.txt"].text == f"{SAID} {SAID}"


def test_json_lines_in_utf16_or_windows_1252_are_decoded(tmp_path):
    lines = "".join(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n"
                    for i, text in enumerate([SAID, ARTICLE]))
    (tmp_path / "utf16.jsonl").write_bytes(lines.encode("utf-16"))
    (tmp_path / "cp1252.jsonl").write_bytes(lines.encode("cp1252"))
    for name in ("utf16.jsonl", "cp1252.jsonl"):
        assert [item.text for _, item in read_paths([str(tmp_path / name)])] == [SAID, ARTICLE], name


def test_a_page_is_decoded_by_its_declared_charset(tmp_path):
    russian = ARTICLE + " Мэр Сум Александр Лысенко заявил, что город будет восстановлен."
    pages = {"cp1251.html": ("windows-1251", russian), "koi8.html": ("koi8-r", russian),
             "latin1.html": ("iso-8859-1", ARTICLE + " " + SAID)}  # browsers read iso-8859-1 as windows-1252
    for name, (charset, text) in pages.items():
        html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
                f"<title>Sumy</title></head><body><article><p>{text}</p></article></body></html>")
        (tmp_path / name).write_bytes(html.encode("cp1252" if charset == "iso-8859-1" else charset))
    for name, (_, text) in pages.items():
        [(_, page)] = read_paths([str(tmp_path / name)])
        assert page.text == text, name


BINARY = {"png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
          "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
          "pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20}  # all ASCII, no NUL


def test_binary_files_under_text_extensions_are_one_error_naming_the_format(tmp_path):
    for kind, data in BINARY.items():
        for suffix in (".txt", ".html", ".jsonl"):
            (tmp_path / f"{kind}{suffix}").write_bytes(data)
    read = list(read_paths([str(tmp_path)]))
    assert len(read) == len(BINARY) * 3 and all(isinstance(item, ReportError) for _, item in read)
    for label, item in read:
        assert Path(label).stem.upper() in item.reason.upper(), (label, item.reason)


TEXT_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
LATIN_1_LETTERS = st.sampled_from("ÀÉÈÊËÎÏÔÖÙÛÜÇàéèêëîïôöùûüçñßøå")  # one byte each, 0xC0-0xFF: never a UTF-8 sequence


@FAST
@given(text=st.text(TEXT_ALPHABET, max_size=200),
       latin=st.lists(st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7e), LATIN_1_LETTERS),
                      max_size=60).map("".join))
def test_decode_gives_back_the_text_in_every_encoding_it_reads(text, latin):
    from dateline.validate import decode

    text = "Report: " + text  # no binary signature (%PDF-, PK...) at the start
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert decode(text.encode(encoding)) == text, encoding
    assert decode(("Report: " + latin).encode("cp1252")) == "Report: " + latin
    assert decode(text.encode() + latin.encode("cp1252")) == text + latin  # UTF-8 then Windows-1252
    ascii_text = "Report: " + "".join(c for c in text if " " <= c <= "~")
    assert decode(ascii_text.encode("utf-16-le")) == decode(ascii_text.encode("utf-16-be")) == ascii_text


# --- WARC: only WARC is read as WARC; damage is an error row; payloads are decoded ------------------------

def write_records(path: Path, records: list[tuple[str, list[tuple[str, str]], bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, headers, body in records:
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                          http_headers=http))


def test_a_file_that_is_not_warc_under_a_warc_name_is_one_error_not_junk_reports(tmp_path):
    files = {"arc-like.warc": b"http://example.org/ 10.0.0.1 20250101000000 text/html 52\n"
                              b"<html><body><p>" + ARTICLE.encode() + b"</p></body></html>\n",
             "text.warc": (ARTICLE + "\n").encode() * 5, "page.warc.gz": gzip.compress(PAGE.encode())}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name in files:
        [(label, item)] = read_paths([str(tmp_path / name)])
        assert isinstance(item, ReportError) and "not a readable WARC" in item.reason, (name, item)


def test_a_gzip_member_cut_short_after_good_records_is_an_error_row_and_the_records_are_kept(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data + data[:60])  # a second copy of the archive, cut inside its first gzip member
    read = list(read_paths([str(cut)]))
    assert [item.url for _, item in read if isinstance(item, Report)] == ["https://example.org/sumy"]
    assert any(isinstance(item, ReportError) and "gzip" in item.reason for _, item in read)


def test_warc_payloads_are_decoded_and_non_html_responses_are_not_reports(tmp_path):
    body = PAGE.encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:100], body[100:])) + b"0\r\n\r\n"
    path = tmp_path / "crawl.warc.gz"
    write_records(path, [
        ("https://example.org/report.pdf", [("Content-Type", "application/pdf")], BINARY["pdf"]),
        ("https://example.org/gzip", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
         gzip.compress(body)),
        ("https://example.org/chunked", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")], chunked),
        ("https://example.org/mislabelled", [("Content-Type", "text/html")], BINARY["pdf"]),
        ("https://example.org/cyrillic", [("Content-Type", "text/html; charset=windows-1251")],
         PAGE.replace("<h1>Strike on Sumy", "<h1>Удар по Сумам").encode("cp1251")),
    ])
    read = {item.report_id if isinstance(item, ReportError) else item.url: item for _, item in read_paths([str(path)])}
    assert "https://example.org/report.pdf" not in read
    assert ARTICLE in read["https://example.org/gzip"].text and ARTICLE in read["https://example.org/chunked"].text
    assert isinstance(read["https://example.org/mislabelled"], ReportError)
    assert "PDF" in read["https://example.org/mislabelled"].reason
    assert "Удар по Сумам" in read["https://example.org/cyrillic"].text


# --- deep and malformed HTML ---------------------------------------------------------------------------

def test_deeply_nested_and_malformed_html_is_text_or_an_error_row(tmp_path):
    pages = {"deep.html": b"<div>" * 100_000 + ARTICLE.encode() + b"</div>" * 100_000,
             "deep-unclosed.html": b"<html><body>" + b"<div><span>" * 50_000 + b"<p>" + ARTICLE.encode(),
             "tables.html": b"<table><tr><td>" * 30_000 + ARTICLE.encode(),
             "unclosed-inline.html": b"<html><body><p>" + ARTICLE.encode() + b"<b><i><u>" * 30_000,
             "open-comment.html": b"<html><body><p>" + ARTICLE.encode() + b"</p><!-- " + b"x" * 100_000,
             "brackets.html": b"<" * 200_000}
    for name, data in pages.items():
        (tmp_path / name).write_bytes(data)
    read = dict(read_paths([str(tmp_path)]))
    assert set(read) == {str(tmp_path / name) for name in pages}
    for label, item in read.items():
        assert isinstance(item, ReportError) or ARTICLE in item.text, label
    assert ARTICLE in read[str(tmp_path / "unclosed-inline.html")].text


def test_files_and_pages_too_large_for_the_limits_are_error_rows_read_no_further(tmp_path, monkeypatch):
    from dateline import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "MAX_PAGE_BYTES", 2000)
    (tmp_path / "long.txt").write_text("Rebels attacked the town. " * 200)  # 5,200 bytes: over 4 x 1,000 characters
    (tmp_path / "long.html").write_text(PAGE + " " * 2000)
    html = [("Content-Type", "text/html")]
    write_records(tmp_path / "long.warc.gz", [("https://example.org/long", html, PAGE.encode() + b" " * 2000),
                                              ("https://example.org/sumy", html, PAGE.encode())])
    read = [(Path(label).name, item) for label, item in read_paths([str(tmp_path)], max_chars=1000)]
    errors = {name.split("@")[0]: item.reason for name, item in read if isinstance(item, ReportError)}
    assert "5,200 bytes" in errors["long.txt"] and "--max-chars" in errors["long.txt"]
    assert "2,000 bytes" in errors["long.html"] and "2,000 bytes" in errors["long.warc.gz"]
    assert [item.url for _, item in read if isinstance(item, Report)] == ["https://example.org/sumy"]


def test_a_damaged_warc_record_is_an_error_row_not_a_report_with_damaged_text(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole)
    plain = gzip.decompress(whole.read_bytes())
    length = re.search(rb"Content-Length: (\d+)", plain)
    damaged = {"flipped.warc": plain.replace(b"on Thursday", b"on Thursdax", 1),  # the digest no longer matches
               "short.warc": plain.replace(length[0], b"Content-Length: %d" % (int(length[1]) - 20), 1)}
    for name, data in damaged.items():
        (tmp_path / name).write_bytes(data)
        read = list(read_paths([str(tmp_path / name)]))
        assert not any(isinstance(item, Report) and item.url == "https://example.org/sumy" for _, item in read), name
        assert any(isinstance(item, ReportError) and "damaged WARC record" in item.reason for _, item in read), name


def valid_files(folder: Path) -> dict[str, bytes]:
    from test_ingest import FEED

    write_warc(folder / "valid.warc.gz")
    warc = (folder / "valid.warc.gz").read_bytes()
    return {".warc.gz": warc, ".warc": gzip.decompress(warc), ".html": PAGE.encode(), ".rss": FEED.encode(),
            ".txt": ARTICLE.encode(), ".jsonl": (json.dumps({"id": "a", "text": ARTICLE}) + "\n").encode() * 2}


MUTATIONS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["set", "insert", "delete", "cut"]),
                               st.binary(min_size=1, max_size=16)), min_size=1, max_size=6)


def mutate(data: bytes, mutations) -> bytes:
    data = bytearray(data)
    for where, how, junk in mutations:
        at = int(where * len(data))
        if how == "set":
            data[at:at + len(junk)] = junk
        elif how == "insert":
            data[at:at] = junk
        elif how == "delete":
            del data[at:at + 4 * len(junk)]
        else:
            del data[at:]
    return bytes(data)


@FAST
@given(suffix=st.sampled_from([".warc.gz", ".warc", ".html", ".rss", ".txt", ".jsonl"]), mutations=MUTATIONS)
def test_damaged_copies_of_valid_files_give_rows_never_an_exception(tmp_path_factory, suffix, mutations):
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / f"damaged{suffix}"
    path.write_bytes(mutate(valid_files(folder)[suffix], mutations))
    read = list(read_paths([str(path)]))
    assert read
    for label, item in read:
        assert label.startswith(str(path)) and isinstance(item, (Report, ReportError))
        if isinstance(item, ReportError):
            assert item.stage and item.reason and "\n" not in item.reason


def test_extract_jsonl_reads_utf16_and_refuses_a_binary_file_in_one_line(tmp_path, capsys):
    from dateline.cli import main

    (tmp_path / "utf16.jsonl").write_bytes((json.dumps({"id": "a", "text": ARTICLE}) + "\n").encode("utf-16"))
    (tmp_path / "png.jsonl").write_bytes(BINARY["png"])
    assert main(["extract", "--jsonl", str(tmp_path / "utf16.jsonl")]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["id"] == "a"
    assert main(["extract", "--jsonl", str(tmp_path / "png.jsonl")]) == 1
    assert capsys.readouterr().err.strip() == "dateline: input: binary file (PNG image), not text"


def test_a_reader_that_fails_unexpectedly_is_an_error_row_and_the_batch_goes_on(tmp_path, monkeypatch):
    import feedparser

    def broken(data):
        raise RuntimeError("feedparser bug")
    monkeypatch.setattr(feedparser, "parse", broken)
    (tmp_path / "a.rss").write_text("<rss/>")
    (tmp_path / "b.txt").write_text(ARTICLE)
    read = [(Path(label).name, item) for label, item in read_paths([str(tmp_path)])]
    assert read[0][0] == "a.rss" and read[0][1].reason == "reading failed (RuntimeError: feedparser bug)"
    assert read[1][0] == "b.txt" and read[1][1].text == ARTICLE
