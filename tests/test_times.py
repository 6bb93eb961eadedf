"""Times: TIMEX3 spans and values, anchoring, and the event dates read from them."""
import datetime as dt

import pytest

from dateline.event_dates import date_range
from dateline.timex import Context, normalise


def by_text(items, text):
    return next(item for item in items if item["text"] == text)


# Thursday 26 December 2024; the ISO week of Monday 30 December 2024 is 2025-W01
THURSDAY = dt.date(2024, 12, 26)


@pytest.mark.parametrize("text, tense, expected", [
    ("yesterday", "past", ("DATE", "2024-12-25")),
    ("last week", "past", ("DATE", "2024-W51")),
    ("this month", "past", ("DATE", "2024-12")),
    ("earlier this year", "past", ("DATE", "2024")),
    ("two years ago", "past", ("DATE", "2022")),
    ("Monday", "past", ("DATE", "2024-12-23")),
    ("Monday", "future", ("DATE", "2024-12-30")),
    ("Thursday", "past", ("DATE", "2024-12-26")),
    ("the third quarter", "past", ("DATE", "2024-Q3")),
    ("fiscal 1990", "past", ("DATE", "1990")),
    ("the 1990s", "past", ("DATE", "199")),
    ("three years", "past", ("DURATION", "P3Y")),
    ("less than 24 hours", "past", ("DURATION", "PT24H")),
    ("2 1/2 years", "past", ("DURATION", "P2Y6M")),
    ("every week", "past", ("SET", "P1W")),
    ("recently", "past", ("DATE", "PAST_REF")),
    ("now", "present", ("DATE", "PRESENT_REF")),
    ("2 p.m. Tuesday", "past", ("TIME", "2024-12-24T14:00")),
    ("Friday night", "future", ("TIME", "2024-12-27TNI")),
    ("the winter of nineteen ninety-four", "past", ("DATE", "1994-WI")),
    ("Christmas", "past", ("DATE", "2024-12-25")),
])
def test_normalise_against_the_anchor(text, tense, expected):
    found = normalise(text, Context(anchor=THURSDAY, tense=tense))
    assert (found.type, found.value) == expected


def test_normalise_week_across_the_year_boundary():
    assert normalise("last week", Context(anchor=dt.date(2024, 12, 30))).value == "2024-W52"


def test_normalise_financial_year_ago_follows_the_quarter_in_view():
    context = Context(anchor=dt.date(1989, 10, 26), quarter="1989-Q3")
    assert normalise("a year earlier", context).value == "1988-Q3"
    assert normalise("the latest quarter", context).value == "1989-Q3"


def test_normalise_without_an_anchor_leaves_relative_values_unresolved():
    assert normalise("yesterday", Context()).value is None
    assert normalise("December 26, 2024", Context()).value == "2024-12-26"


def test_date_ranges_of_values():
    assert date_range("2024-W52") == ("2024-12-23", "2024-12-29", "week")
    assert date_range("2024-Q4") == ("2024-10-01", "2024-12-31", "month")
    assert date_range("2024-02") == ("2024-02-01", "2024-02-29", "month")
    assert date_range("PXY") is None


def test_times_absolute_and_relative_dates(read):
    doc = read("The attack happened on December 26, 2024. Officials met yesterday.", published="2025-01-10")
    assert by_text(doc["times"], "December 26, 2024")["value"] == "2024-12-26"
    yesterday = by_text(doc["times"], "yesterday")
    assert (yesterday["value"], yesterday["anchor"]) == ("2025-01-09", "published")


def test_times_durations(read):
    doc = read("He died less than 24 hours after the battle.")
    duration = next(t for t in doc["times"] if t["type"] == "DURATION")
    assert duration["value"] == "PT24H"


def test_times_weekday_follows_the_tense(read):
    doc = read("Rebels attacked the town on Monday. Talks will resume on Monday.", published="2024-12-26")
    attacked, resume = [t for t in doc["times"] if t["text"] == "Monday"]
    assert (attacked["value"], resume["value"]) == ("2024-12-23", "2024-12-30")


def test_times_ages_are_not_times(read):
    doc = read("A 6-year-old boy and his 52-year-old father were wounded.", published="2024-12-26")
    assert doc["times"] == []


def test_times_without_publication_date_read_the_dateline(read):
    doc = read("KYIV, Dec 27 (Reuters) - Ukraine said on December 26, 2024 that troops attacked. "
               "Officials met yesterday.")
    yesterday = by_text(doc["times"], "yesterday")
    assert (yesterday["value"], yesterday["anchor"]) == ("2024-12-26", "absolute")


def test_event_dated_by_the_time_attached_to_it(read):
    doc = read("Russian forces shelled Kharkiv on Tuesday. Russia has attacked Ukraine for years.",
               published="2024-12-26")
    shelling, background = doc["events"][0], doc["events"][-1]
    assert (shelling["date"]["start"], shelling["date"]["precision"]) == ("2024-12-24", "day")
    assert (background["date"]["start"], background["date"]["precision"]) == (None, "unknown")


def test_event_dated_by_a_time_next_to_its_noun(read):
    doc = read("The attack last week left 20 dead.", published="2024-12-26")
    assert doc["events"][0]["date"] | {"time": None} == {"start": "2024-12-16", "end": "2024-12-22",
                                                        "precision": "week", "time": None}


def test_event_reported_on_a_day_is_not_dated_by_the_report(read):
    doc = read("Russian forces shelled Kharkiv, officials said on Tuesday.", published="2024-12-26")
    assert doc["events"][0]["date"]["precision"] == "unknown"


def test_expression_resolved_against_another_event(read):
    doc = read("Ukrainian special forces captured a North Korean soldier on December 26, 2024. "
               "The soldier died less than 24 hours after being taken prisoner.")
    capture = next(e for e in doc["events"] if e["mode"] == "abduct")
    offset = by_text(doc["times"], "less than 24 hours")
    assert capture["date"]["start"] == "2024-12-26"
    assert offset["anchor"] == f"event:{capture['id']}"
    assert (offset["value"], offset["offset"]) == ("2024-12-27", "PT24H")


def test_event_dated_by_an_offset_from_another_event(read):
    doc = read("Russian forces shelled Kharkiv on December 26, 2024. "
               "Ukrainian troops attacked Belgorod two days after the shelling.")
    shelling, attack = doc["events"][:2]
    offset = by_text(doc["times"], "two days")
    assert (offset["value"], offset["anchor"]) == ("2024-12-28", f"event:{shelling['id']}")
    assert (attack["date"]["start"], attack["date"]["end"]) == ("2024-12-28", "2024-12-28")
