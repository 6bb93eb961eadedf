"""Event dates: the earliest and latest day an event can have happened, and how precisely."""
from __future__ import annotations

import calendar

from spacy.tokens import Token

from .model import EventDate, Time


def date_of_event(token: Token, times: list[Time]) -> EventDate:
    """The days an event triggered at `token` can have happened, from the times in its sentence."""
    sent = token.sent
    in_sentence = [t for t in times if sent.start_char <= t.start < sent.end_char and t.type == "DATE" and t.value]
    if not in_sentence:
        return EventDate()
    best = min(in_sentence, key=lambda t: abs(t.start - token.idx))
    value = best.value
    if len(value) == 10 and value[4] == "-":
        return EventDate(value, value, "day", best.id)
    if len(value) == 7:
        return EventDate(f"{value}-01", f"{value}-{_month_end(value)}", "month", best.id)
    if len(value) == 4 and value.isdigit():
        return EventDate(f"{value}-01-01", f"{value}-12-31", "year", best.id)
    return EventDate(time=best.id)


def _month_end(year_month: str) -> str:
    year, month = int(year_month[:4]), int(year_month[5:7])
    return f"{calendar.monthrange(year, month)[1]:02d}"
