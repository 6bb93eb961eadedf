"""Times: temporal expressions with TIMEX3 type and value, anchored to publication or the text."""
from __future__ import annotations

import datetime as dt
import functools
import re

import dateparser
from dateparser.date import DateDataParser

from ..model import Time
from ..parsed import ParsedReport

_DURATION_UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y"}
_DURATION = re.compile(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|24|48|72)[\s-]+"
                       r"(second|minute|hour|day|week|month|year)s?\b", re.I)
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12}
_HAS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RELATIVE_WORDS = re.compile(r"\b(ago|after|before|later|earlier|since|until)\b", re.I)


@functools.cache
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})


def find_times(parsed: ParsedReport) -> list[Time]:
    base = _anchor_date(parsed)
    times = []
    for span in parsed.doc.ents:
        if span.label_ not in ("DATE", "TIME"):
            continue
        kind, value, anchor = normalise(span.text, base)
        times.append(Time(id=f"t{len(times) + 1}", text=span.text, start=span.start_char, end=span.end_char,
                          type=kind, value=value, anchor=anchor))
    return times


def _anchor_date(parsed: ParsedReport) -> tuple[dt.date, str] | None:
    published = parsed.report.published
    if published:
        try:
            return dt.date.fromisoformat(published[:10]), "published"
        except ValueError:
            pass
    return None


def normalise(text: str, base: tuple[dt.date, str] | None) -> tuple[str, str | None, str | None]:
    """(TIMEX3 type, value, anchor) for one expression; value None when it cannot be resolved."""
    duration = _DURATION.search(text)
    if duration and not _RELATIVE_WORDS.search(text):
        amount, unit = duration.group(1).lower(), duration.group(2).lower()
        count = int(amount) if amount.isdigit() else _WORD_NUMBERS[amount]
        prefix = "PT" if unit in ("second", "minute", "hour") else "P"
        return "DURATION", f"{prefix}{count}{_DURATION_UNITS[unit]}", None
    if _HAS_YEAR.search(text):
        return "DATE", _absolute_value(text), "absolute"
    if base is None:
        return "DATE", None, None
    settings = {"RELATIVE_BASE": dt.datetime.combine(base[0], dt.time()), "PREFER_DATES_FROM": "past"}
    found = dateparser.parse(text, languages=["en"], settings=settings)
    if found is None:
        return "DATE", None, None
    return "DATE", found.date().isoformat(), base[1]


def _absolute_value(text: str) -> str | None:
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        year = _HAS_YEAR.search(text)
        return year.group(1) if year else None
    when = data.date_obj.date()
    if data.period == "year":
        return f"{when.year:04d}"
    if data.period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()
