"""Reading reports from files: one text file, or JSON Lines with one report a line."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import ReportError
from .model import Report
from .validate import SNIFF_BYTES, decode, has_unpaired_surrogate, sniff

REPORT_FIELDS = ("id", "title", "url", "outlet", "published")


def report_from_dict(record: object, line_number: int) -> Report:
    """A Report from one decoded JSON line; ReportError (carrying the id when there is one) if unusable."""
    if not isinstance(record, dict):
        raise ReportError("input", f"line {line_number}: expected a JSON object", f"line-{line_number}")
    raw_id = record.get("id")
    report_id = str(raw_id) if raw_id is not None else None
    text = record.get("text")
    if not isinstance(text, str):
        raise ReportError("input", f"line {line_number}: no 'text' string", report_id or f"line-{line_number}")
    fields = {k: (str(record[k]) if record.get(k) is not None else None) for k in REPORT_FIELDS}
    fields["id"] = report_id
    for name, value in (("text", text), *fields.items()):
        if value is not None and has_unpaired_surrogate(value):
            raise ReportError("input", f"line {line_number}: '{name}' holds an unpaired surrogate, not valid Unicode",
                              f"line-{line_number}")
    return Report(text=text, **fields)


def jsonl_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a JSON Lines byte stream (a file or standard input), in UTF-8: a UTF-16 or UTF-32 stream
    (by its BOM, or the NULs of its ASCII) is decoded. ReportError when the stream is a binary format (PNG,
    ZIP, PDF...), or when UTF-16 breaks (then the lines after are not read)."""
    codec = sniff(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES])
    if codec is None:
        yield from stream
        return
    number = 0
    try:
        for number, text in enumerate(io.TextIOWrapper(stream, encoding=codec, newline=""), 1):
            yield text.encode("utf-8", "surrogatepass")
    except UnicodeDecodeError as err:
        raise ReportError("input", f"line {number + 1}: not valid {codec.upper()} ({err.reason}); "
                                   "the lines after it are not read") from None


def read_jsonl(stream: BinaryIO) -> Iterator[Report | ReportError]:
    """Reports from a JSON Lines byte stream, lazily; unreadable lines become ReportErrors in place."""
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(decode(raw))
        except ReportError as err:
            yield ReportError("input", f"line {number}: {err.reason}", f"line-{number}")
            continue
        except (ValueError, RecursionError):
            yield ReportError("input", f"line {number}: not valid JSON", f"line-{number}")
            continue
        try:
            yield report_from_dict(record, number)
        except ReportError as err:
            yield err


def read_text_file(path: Path | None, data: bytes, **metadata: str | None) -> Report:
    """A Report from one plain-text file's bytes (path None for standard input)."""
    try:
        text = decode(data)
    except ReportError as err:
        raise ReportError(err.stage, f"{path or 'stdin'}: {err.reason}") from None
    return Report(text=text, **metadata)
