"""Checks a report's text before it is parsed: empty, binary, too long, not English."""
from __future__ import annotations

import codecs
import functools
import importlib
import re

from spacy.lang.en.stop_words import STOP_WORDS

from .errors import ReportError

DEFAULT_MAX_CHARS = 1_000_000
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Running English has 40-55% stop words; other languages written in Latin script share few. A short item (a
# wire alert: 'KYIV, Dec 27 (Reuters) - Russian drones struck Kharkiv on Monday, officials said.') may have
# fewer, so up to _WORDS_TO_JUDGE_ALONE words it is taken for another language only if that language's stop
# words are twice as common in it (many are English words or letters too: 'a', 'on', 'in', 'el', the 's' of "Sudan's").
_MIN_STOPWORD_SHARE = 0.12
_MIN_WORDS_TO_JUDGE = 12
_WORDS_TO_JUDGE_ALONE = 60
_OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "ro", "pl", "sv", "id", "tr", "ru", "uk", "ar")
_LATIN_LETTERS_END = 0x250  # Basic Latin to Latin Extended-B


# Formats often saved under a text extension, by their first bytes.
_BINARY_SIGNATURES = {
    b"%PDF-": "PDF", b"\x89PNG\r\n\x1a\n": "PNG image", b"GIF87a": "GIF image", b"GIF89a": "GIF image",
    b"\xff\xd8\xff": "JPEG image", b"PK\x03\x04": "ZIP archive or Office document", b"PK\x05\x06": "ZIP archive",
    b"\x1f\x8b": "gzip-compressed", b"BZh": "bzip2-compressed", b"\xfd7zXZ\x00": "xz-compressed",
    b"\x28\xb5\x2f\xfd": "zstd-compressed", b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "old Microsoft Office document", b"\x7fELF": "executable",
    b"SQLite format 3\x00": "SQLite database", b"PAR1": "Parquet file", b"RIFF": "RIFF media (WebP, WAV, AVI)",
}
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))
_UTF8_BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192


def decode(data: bytes, declared: str | None = None) -> str:
    """The text of a file's bytes, or a ReportError saying why it is not text. In order: a byte order mark
    (UTF-8, UTF-16, UTF-32); UTF-16 without one, by the NUL bytes of its ASCII characters; UTF-8; the
    `declared` charset (an HTML page's <meta> or HTTP header); else UTF-8 with each byte that is not
    UTF-8 read as Windows-1252, which reads Latin-1 and Windows-1252 files and files mixing them with UTF-8."""
    data = data[len(_UTF8_BOM):] if data.startswith(_UTF8_BOM) else data
    head = data[:SNIFF_BYTES]
    if codec := sniff(head):
        try:
            return data.decode(codec)
        except UnicodeDecodeError as err:
            raise ReportError("input", f"not valid {codec.upper()} ({err.reason} at byte {err.start})") from None
    if b"\x00" in head:
        raise ReportError("input", "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if codec := _single_byte_codec(declared):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="cp1252-for-stray-bytes")


def sniff(head: bytes) -> str | None:
    """The codec a file's first bytes call for: UTF-16 or UTF-32 by a BOM or by NUL bytes, None when the file
    is UTF-8 or a single-byte charset. ReportError when they start a known binary format (PDF, PNG, ZIP...)."""
    for signature, kind in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise ReportError("input", f"binary file ({kind}), not text")
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None) or _utf16_by_nuls(head)


def _utf16_by_nuls(head: bytes) -> str | None:
    """UTF-16-LE or -BE when most characters of `head` are ASCII with a NUL byte before or after it."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    nuls_first, nuls_second = head[0:2 * pairs:2].count(0), head[1:2 * pairs:2].count(0)
    if nuls_second > 0.3 * pairs and nuls_first < 0.02 * pairs:
        return "utf-16-le"
    if nuls_first > 0.3 * pairs and nuls_second < 0.02 * pairs:
        return "utf-16-be"
    return None


def _single_byte_codec(declared: str | None) -> str | None:
    """The codec for a declared charset, as browsers read it (WHATWG): Latin-1 and ASCII mean Windows-1252;
    a UTF-16 or UTF-32 declaration in bytes that have no BOM is wrong, and UTF-8 has been tried."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip()).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return None if name.startswith(("utf-8", "utf-16", "utf-32")) else name


def _stray_bytes_as_cp1252(err: UnicodeError) -> tuple[str, int]:
    return "".join(_CP1252[byte] for byte in err.object[err.start:err.end]), err.end


_CP1252 = [bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256)]  # 5 unassigned: C1
codecs.register_error("cp1252-for-stray-bytes", _stray_bytes_as_cp1252)


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
    if _mostly_other_scripts(text[:2000]):
        return None
    words = [w.lower() for w in _WORD.findall(text) if not w.isdigit()][:2000]
    if len(words) < _MIN_WORDS_TO_JUDGE:
        return "en"
    english = _share_in(words, STOP_WORDS)
    if english >= _MIN_STOPWORD_SHARE:
        return "en"
    if len(words) >= _WORDS_TO_JUDGE_ALONE:
        return None
    others = (_share_in(words, stop_words) for stop_words in _other_stop_words())
    return None if any(share >= _MIN_STOPWORD_SHARE and share > 2 * english for share in others) else "en"


def _share_in(words: list[str], stop_words: set[str]) -> float:
    return sum(w in stop_words for w in words) / len(words)


def _mostly_other_scripts(text: str) -> bool:
    """Three letters in four outside the Latin alphabets: Chinese, Russian, Arabic news, not an English report
    that quotes a sentence or names places in their own script."""
    letters = [c for c in text if c.isalpha()]
    return sum(ord(c) >= _LATIN_LETTERS_END for c in letters) > 0.75 * len(letters)


@functools.cache
def _other_stop_words() -> list[set[str]]:
    """spaCy's stop words of languages news is often written in."""
    return [importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS for code in _OTHER_LANGUAGES]
