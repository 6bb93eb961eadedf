"""Reading reports for the ledger from files and directories: plain text, HTML pages, RSS/Atom feeds,
WARC archives and JSON Lines. Each reader yields (input, Report | ReportError) pairs, where input says
where the report came from (path, path:line, path#guid, path@offset), lazily, one report at a time."""
from __future__ import annotations

import gzip
import re
import zlib
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ReportError
from .ledger.rows import text_key
from .ledger.store import Item, Ledger
from .limits import DEFAULT_MAX_SECONDS, call_within
from .model import Report
from .pipeline import BATCH_SIZE, _batched, extract_many
from .reports import jsonl_lines, read_jsonl
from .validate import DEFAULT_MAX_CHARS, SNIFF_BYTES, decode

JSONL = (".jsonl", ".ndjson")
HTML = (".html", ".htm", ".xhtml")
FEEDS = (".rss", ".atom", ".xml", ".feed")
WARC = (".warc", ".warc.gz", ".arc.gz")
ARC = (".arc", ".arc.gz")
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
MAX_PAGE_BYTES = 20_000_000  # a web page (file or WARC record) longer is not read: trafilatura's own MAX_FILE_SIZE
LOOKUP_CHUNK = 256  # reports looked up in the ledger at a time, before parsing
COMMIT_EVERY = 256  # reports a transaction: each commit costs a sync, so not too few

Input = tuple[str, "Report | ReportError"]


def discover(paths: list[str]) -> Iterator[Path]:
    """Every file to read: the files given, and the files under the directories given (sorted, recursive;
    hidden files skipped)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not any(
                part.startswith(".") for part in p.relative_to(path).parts))
        else:
            yield path


def kind_of(path: Path) -> str:
    name = path.name.lower()
    for kind, suffixes in (("warc", WARC), ("jsonl", JSONL), ("html", HTML), ("feed", FEEDS)):
        if name.endswith(suffixes):
            return kind
    return "text"


def read_paths(paths: list[str], max_seconds: float | None = DEFAULT_MAX_SECONDS,
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Input]:
    """Reports from every file under `paths`; a file that cannot be opened, or holds no report, becomes one
    error. Extracting the article from a page, or parsing a feed, is given `max_seconds` (`limits.py`); a
    text file too large to hold `max_chars` characters or fewer is not read."""
    readers = {"warc": partial(read_warc, max_seconds=max_seconds), "jsonl": read_jsonl_file,
               "html": partial(read_html_file, max_seconds=max_seconds),
               "feed": partial(read_feed_file, max_seconds=max_seconds),
               "text": partial(read_text, max_chars=max_chars)}
    for path in discover(paths):
        read = 0
        try:
            for read, item in enumerate(readers[kind_of(path)](path), 1):
                yield item
        except OSError as err:
            read += 1
            yield str(path), ReportError("input", f"cannot read {path}: {err.strerror or err}", str(path))
        except Exception as err:  # a reader's bug, or a library's on odd input, must not take the batch down
            read += 1
            yield str(path), ReportError("input", f"reading failed ({type(err).__name__}: {err})", str(path))
        if not read:
            yield str(path), ReportError("input", "no report in the file", str(path))


def read_text(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Input]:
    try:
        _check_size(path, 4 * max_chars, f"more than {max_chars:,} characters in any encoding (--max-chars)")
        text = decode(path.read_bytes())
    except ReportError as err:
        yield str(path), ReportError(err.stage, err.reason, str(path))
        return
    yield str(path), Report(text=text)


def read_jsonl_file(path: Path) -> Iterator[Input]:
    """Reports from a JSON Lines file (the records `dateline extract --jsonl` reads), labelled path:line."""
    line = 0
    with open(path, "rb") as stream:
        def lines() -> Iterator[bytes]:
            nonlocal line
            for line, raw in enumerate(jsonl_lines(stream), 1):
                yield raw
        try:
            for report in read_jsonl(lines()):
                yield f"{path}:{line}", report
        except ReportError as err:  # a binary file, or a UTF-16 one that breaks
            yield (f"{path}:{line + 1}" if line else str(path)), ReportError(err.stage, err.reason, str(path))


def html_report(html: bytes, url: str | None = None, charset: str | None = None) -> Report:
    """The article in a web page, boilerplate removed, with the page's title, date and outlet. The page is
    decoded by its BOM, else as UTF-8, else by its `charset` (HTTP header) or <meta> charset (`decode`)."""
    import trafilatura

    declared = _DECLARED_CHARSET.search(html[:SNIFF_BYTES])
    text = decode(html, charset or (declared and (declared[1] or declared[2]).decode("ascii")))
    page = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False,
                                       include_tables=False)
    if page is None or not (page.text or "").strip():
        raise ReportError("input", "no article text found in the page", url)
    return Report(text=page.text, title=page.title, url=page.url or url, outlet=page.sitename, published=page.date)


def _check_size(path: Path, limit: int, why: str) -> None:
    """ReportError when the file is larger than `limit` bytes: it is not read."""
    size = path.stat().st_size
    if size > limit:
        raise ReportError("input", f"file has {size:,} bytes, {why}")


def read_html_file(path: Path, max_seconds: float | None = DEFAULT_MAX_SECONDS) -> Iterator[Input]:
    try:
        _check_size(path, MAX_PAGE_BYTES, f"over the {MAX_PAGE_BYTES:,} bytes a page may have")
        yield str(path), call_within(max_seconds, "input", html_report, path.read_bytes())
    except ReportError as err:
        yield str(path), ReportError(err.stage, err.reason, str(path))


def read_feed_file(path: Path, max_seconds: float | None = DEFAULT_MAX_SECONDS) -> Iterator[Input]:
    """One report per feed item: its content (HTML stripped), else its summary; the guid is the id."""
    import feedparser

    try:
        feed = call_within(max_seconds, "input", feedparser.parse, path.read_bytes())
    except ReportError as err:
        yield str(path), ReportError(err.stage, err.reason, str(path))
        return
    except ValueError as err:  # e.g. a character reference to a lone surrogate (&#55296;) breaks feedparser
        yield str(path), ReportError("input", f"not a readable RSS/Atom feed ({type(err).__name__}: {err})", str(path))
        return
    if feed.bozo and not feed.entries:
        yield str(path), ReportError("input", f"not a readable RSS/Atom feed ({feed.bozo_exception})", str(path))
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        guid = entry.get("id") or entry.get("link") or f"item-{number}"
        label = f"{path}#{guid}"
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        try:
            text = _strip_html(body) if "<" in body or "&" in body else body  # feedparser hands back HTML
            if not text.strip():
                raise ReportError("input", "feed item has no text", guid)
            yield label, Report(text=text, id=guid, title=entry.get("title"), url=entry.get("link"),
                                outlet=outlet, published=_feed_date(entry))
        except ReportError as err:
            yield label, ReportError(err.stage, err.reason, guid)


def _strip_html(fragment: str) -> str:
    import lxml.html

    return lxml.html.fromstring(f"<div>{fragment}</div>").text_content().strip()


def _feed_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return datetime(*parsed[:6], tzinfo=timezone.utc).date().isoformat()
    return None


def read_warc(path: Path, max_seconds: float | None = DEFAULT_MAX_SECONDS) -> Iterator[Input]:
    """One report per WARC response record holding an HTML page (Common Crawl News, web archives); other
    responses (images, PDFs, scripts) are not reports. A .warc file is read as WARC only, never guessed to
    be ARC (a file that is neither would give nonsense records); .arc and .arc.gz files as ARC."""
    from warcio.archiveiterator import ARCIterator, WARCIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as stream:
        records = (ARCIterator if path.name.lower().endswith(ARC) else WARCIterator)(stream, check_digests=True)
        seen = 0
        try:
            for record in records:
                seen += 1
                if not record.rec_type:
                    yield f"{path}@{records.get_record_offset()}", ReportError(
                        "input", "truncated WARC record (no WARC-Type header)", str(path))
                    continue
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                is_page = "html" in content_type.lower()
                misplaced = records.err_count
                content = _read_at_most(record.content_stream(), MAX_PAGE_BYTES if is_page else 0)
                label = f"{path}@{records.get_record_offset()}"  # only once the record has been read
                missing = getattr(record.raw_stream, "limit", 0)  # bytes the record's Content-Length promised
                if missing:
                    yield label, ReportError("input", f"truncated WARC record ({missing:,} bytes missing)", url)
                    continue
                if records.err_count > misplaced:  # warcio found no blank line where the record should end
                    yield label, ReportError("input", "damaged WARC record (it does not end where its "
                                                      "Content-Length says)", url)
                    continue
                if record.digest_checker.passed is False:
                    yield label, ReportError("input", "damaged WARC record (its content does not match its digest)",
                                             url)
                    continue
                if not is_page:
                    continue
                if content is None:
                    yield label, ReportError("input", f"page over {MAX_PAGE_BYTES:,} bytes is not read", url)
                    continue
                charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
                try:
                    report = call_within(max_seconds, "input", html_report, content, url, charset and charset[1])
                except ReportError as err:
                    yield label, ReportError(err.stage, err.reason, url)
                    continue
                if not report.published:
                    report.published = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield label, report
        # warcio fails on a record cut inside its headers with whatever the parse hits first
        except (ArchiveLoadFailed, gzip.BadGzipFile, zlib.error, EOFError, ValueError, AttributeError) as err:
            yield f"{path}", ReportError("input", f"not a readable WARC file ({' '.join(str(err).split())})", str(path))
            return
        if not seen and stream.tell():
            yield f"{path}", ReportError("input", "not a readable WARC file (no WARC record in it)", str(path))
        elif damage := _gzip_damage(path):
            yield f"{path}", ReportError("input", f"truncated or corrupt gzip data after the last record ({damage})",
                                         str(path))


def _read_at_most(stream, limit: int) -> bytes | None:
    """A stream's bytes, None when there are more than `limit`; read to its end either way, a chunk at a time."""
    content = stream.read(limit + 1)
    if len(content) <= limit:
        return content
    while stream.read(1 << 20):
        pass
    return None


def _gzip_damage(path: Path) -> str | None:
    """What is wrong with a gzip file's compressed data, if anything: warcio stops quietly at a gzip member
    cut short. None for a file that is not gzip."""
    with open(path, "rb") as stream:
        if stream.read(2) != b"\x1f\x8b":
            return None
    try:
        with gzip.open(path) as unzipped:
            while unzipped.read(1 << 20):
                pass
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        return str(err)
    return None


@dataclass
class Totals:
    read: int = 0
    added: int = 0
    skipped: int = 0
    errors: int = 0


def ingest(paths: list[str], ledger: Ledger, **options) -> Totals:
    """Read every report under `paths` into the ledger (see ingest_reports)."""
    inputs = read_paths(paths, options.get("max_seconds", DEFAULT_MAX_SECONDS),
                        options.get("max_chars", DEFAULT_MAX_CHARS))
    return ingest_reports(inputs, ledger, **options)


def ingest_reports(inputs: Iterable[Input], ledger: Ledger, *, workers: int = 1, batch_size: int = BATCH_SIZE,
                   commit_every: int = COMMIT_EVERY, max_chars: int = DEFAULT_MAX_CHARS,
                   max_seconds: float | None = DEFAULT_MAX_SECONDS, relevance_filter: bool = False,
                   on_progress: Callable[[Totals], None] | None = None) -> Totals:
    """Read (input label, report) pairs into the ledger, skipping those it holds: parsed `batch_size` at a
    time, written in one transaction per `commit_every` outputs. Calls on_progress(totals) after each.
    The ledger file is released between lookups and commits, so other processes can read it meanwhile.
    With `relevance_filter`, only the sentences that can hold an event are parsed (see extract_many); a
    report that takes longer than `max_seconds` to parse, or to run the stages over, is an error."""
    totals = Totals()
    pending: deque[tuple[str, str | None, str | None]] = deque()

    def fresh() -> Iterator[Report | ReportError]:
        for chunk in _batched(inputs, LOOKUP_CHUNK):
            keys = [text_key(report.text) if isinstance(report, Report) else None for _, report in chunk]
            known = ledger.known([k for k in keys if k])
            ledger.release()  # other processes may read the ledger while this chunk is parsed
            for (label, report), key in zip(chunk, keys):
                totals.read += 1
                if key in known:
                    totals.skipped += 1
                    continue
                if isinstance(report, Report) and report.id is None:
                    report.id = key
                pending.append((label, key, report.text if isinstance(report, Report) else None))
                yield report

    def write(batch: list[Item]) -> None:
        written = ledger.write(batch)
        totals.added += written.added
        totals.skipped += written.skipped
        totals.errors += written.errors
        if on_progress:
            on_progress(totals)
        ledger.release()  # after the progress report: a checkpoint can fail (full disk) once the batch is safe

    batch: list[Item] = []
    for output in extract_many(fresh(), workers=workers, batch_size=batch_size, max_chars=max_chars,
                               relevance_filter=relevance_filter, max_seconds=max_seconds):
        label, key, text = pending.popleft()
        batch.append(Item(label, key, text, output))
        if len(batch) >= commit_every:
            write(batch)
            batch = []
    if batch:
        write(batch)
    return totals


def estimate_total(paths: list[str]) -> int:
    """Roughly how many reports `paths` hold (JSON Lines lines, one per other file), for a progress bar."""
    total = 0
    for path in discover(paths):
        if kind_of(path) == "jsonl":
            with open(path, "rb") as stream:
                total += sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
        else:
            total += 1
    return total
