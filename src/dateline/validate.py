"""Checks a report's text before it is parsed: empty, binary, too long, not English."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .errors import ReportError

DEFAULT_MAX_CHARS = 1_000_000
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Running English has 40-55% stop words; other languages written in Latin script share few.
_MIN_STOPWORD_SHARE = 0.12
_MIN_WORDS_TO_JUDGE = 12


def decode(data: bytes) -> str:
    """UTF-8 text of a file's bytes (a BOM is dropped), or a ReportError saying where it broke."""
    if b"\x00" in data[:8192]:
        raise ReportError("input", "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReportError("input", f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})") from None


def has_unpaired_surrogate(text: str) -> bool:
    """True when JSON escaped half a UTF-16 pair into the text ("\\udcff"): no UTF-8 writer can store it."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def check_text(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Raise ReportError when a report's text cannot usefully be read."""
    if not text.strip():
        raise ReportError("input", "empty report (no text)")
    if len(text) > max_chars:
        raise ReportError("input", f"report has {len(text):,} characters, over the limit of {max_chars:,} (--max-chars)")
    sample = text[:20000]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise ReportError("input", "binary content (control characters), not text")
    language = guess_language(sample)
    if language != "en":
        raise ReportError("input", "report is not in English; Dateline reads English news")


def guess_language(text: str) -> str | None:
    """'en' when the text reads as English, None when it does not, 'en' when too short to tell."""
    words = [w.lower() for w in _WORD.findall(text)][:2000]
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return "en"
    share = sum(w in STOP_WORDS for w in words) / len(words)
    return "en" if share >= _MIN_STOPWORD_SHARE else None
