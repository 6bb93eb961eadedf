"""Event dates: the earliest and latest day an event can have happened, and how precisely.

An event is dated by the times the parse attaches to it ("captured on Thursday", "the capture
occurred on December 26", "Thursday's strike"), never by the nearest date in the text: an event
the report gives no time for stays unknown. Expressions resolved against another event ("died less
than 24 hours after being taken prisoner") are read by `anchor_to_events` once events exist.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from spacy.tokens import Token

from .event_types import trigger_type
from .model import Event, EventDate, Time
from .parse_index import sentence_number, sentence_of
from .parsed import ParsedReport

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
# verbs that only say an event took place: the event's time hangs from them ("the capture occurred on ...")
LIGHT_VERBS = {"occur", "happen", "take", "come", "begin", "start", "end", "be", "unfold", "break"}
OFFSET_AFTER = {"after", "later", "since"}
OFFSET_BEFORE = {"before", "earlier", "prior"}


def date_of_event(token: Token, times: list[Time]) -> EventDate:
    """The days an event triggered at `token` can have happened, from the times the parse attaches to it."""
    sentence = sentence_of(token)
    attached = [t for t in times if t.value and sentence.start_char <= t.start < sentence.end_char
                and _attached(token, t)]
    for time in sorted(attached, key=lambda t: abs(t.start - token.idx)):
        found = date_range(time.value)
        if found is not None:
            start, end, precision = found
            return EventDate(start, end, precision, time.id)
    return EventDate()


def date_range(value: str) -> tuple[str, str, str] | None:
    """(first day, last day, precision) of a TIMEX3 DATE/TIME value; None for durations, sets and references."""
    day = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if day:
        return day.group(0), day.group(0), "day"
    week = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
    if week:
        monday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        first = monday + dt.timedelta(days=5) if value.endswith("-WE") else monday
        return first.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week"
    month = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        return f"{value}-01", f"{value}-{calendar.monthrange(year, number)[1]:02d}", "month"
    part = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)", value)
    if part:
        year, code = int(part.group(1)), part.group(2)
        first, last = _months_of(code)
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        precision = "month" if code[0] in "QSFW" else "year"
        return dt.date(year, first, 1).isoformat(), end.isoformat(), precision
    year = re.fullmatch(r"\d{4}", value)
    if year:
        return f"{value}-01-01", f"{value}-12-31", "year"
    return None


def _months_of(code: str) -> tuple[int, int]:
    if code[0] == "Q":
        quarter = int(code[1])
        return 3 * quarter - 2, 3 * quarter
    if code[0] == "H":
        return (1, 6) if code == "H1" else (7, 12)
    return SEASON_MONTHS[code]


def _attached(trigger: Token, time: Time) -> bool:
    """Whether the parse hangs the time from the trigger (or from the light verb the trigger is subject of)."""
    span = trigger.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or sentence_number(span) != sentence_number(trigger):
        return False
    if trigger.i in range(span.start, span.end):
        return False
    between = trigger.doc[trigger.i + 1: span.start]
    if trigger.pos_ == "NOUN" and all(token.lower_ in ("on", "in", "at", "during", "of") for token in between):
        return True  # "the attack last week", "the strike on Monday", however the parser hung them
    holders = {trigger}
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in LIGHT_VERBS:
        holders.add(trigger.head)
    head = span.root
    for _ in range(5):
        if head in holders:
            return True
        if head.head is head or (head.pos_ in ("VERB", "AUX") and head is not span.root):
            return False
        head = head.head
    return False


def anchor_to_events(parsed: ParsedReport, events: list[Event]) -> None:
    """'died less than 24 hours after being taken prisoner': the duration is read from the capture event's
    date; the time becomes a date with `anchor: event:<id>`, and the event it dates gets that range."""
    doc = parsed.doc
    for time in parsed.reading.times:
        if time.type != "DURATION" or not time.value:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or span.end >= len(doc) or doc[span.end].lower_ not in OFFSET_AFTER | OFFSET_BEFORE:
            continue
        signal = doc[span.end]
        anchor_event = _event_in(signal, events)
        if anchor_event is None:
            continue
        if not _resolve_offset(time, anchor_event, after=signal.lower_ in OFFSET_AFTER):
            continue
        dependent = next((e for e in events if e.trigger.start == signal.head.idx), None)
        if dependent is not None and dependent is not anchor_event:
            dependent.date = _offset_range(anchor_event.date, time)


def _event_in(signal: Token, events: list[Event]) -> Event | None:
    """The event the phrase after 'after'/'before' names. A trigger there picks the event of its type; a bare
    verb clause ('after being taken prisoner') refers to the latest event dated before it in the text."""
    dated = [e for e in events if e.date.precision == "day"]
    for token in signal.subtree:
        found = trigger_type(token) if token is not signal else None
        if found is None:
            continue
        same = [e for e in dated if (e.type, e.mode) == (found.type, found.mode)]
        if same:
            return next((e for e in same if e.trigger.start == token.idx), same[0])
    clause = [c for c in signal.children if c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX")]
    earlier = [e for e in dated if e.trigger.start < signal.idx]
    if clause and earlier:
        return max(earlier, key=lambda e: e.trigger.start)
    return None


def _resolve_offset(time: Time, anchor_event: Event, *, after: bool) -> bool:
    """The time becomes the day the offset reaches from the anchor event; False when the offset is not in days."""
    start = dt.date.fromisoformat(anchor_event.date.start)
    days = _offset_days(time.value)
    if days is None:
        return False
    bound = start + dt.timedelta(days=days if after else -days)
    time.offset, time.type, time.value = time.value, "DATE", bound.isoformat()
    time.anchor = f"event:{anchor_event.id}"
    if time.mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        time.mod = "ON_OR_BEFORE" if after else "ON_OR_AFTER"
    return True


def _offset_days(duration: str) -> int | None:
    """Whole days a duration reaches into the calendar: PT24H -> 1, PT5H -> 1 (may cross midnight), P3D -> 3."""
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?|P(\d+)W", duration)
    if match is None:
        return None
    if match.group(4):
        return 7 * int(match.group(4))
    days = int(match.group(1) or 0)
    hours = int(match.group(2) or 0) + (1 if match.group(3) else 0)
    return days + -(-hours // 24)


def _offset_range(anchor_date: EventDate, time: Time) -> EventDate:
    """The days between the anchor event and the offset's bound, whichever way round."""
    bounds = sorted([anchor_date.start, time.value])
    exact = time.mod not in ("ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "EQUAL_OR_LESS")
    if exact and time.offset and not time.offset.startswith("PT"):
        bounds = [time.value, time.value]
    return EventDate(bounds[0], bounds[1], "day", time.id)

