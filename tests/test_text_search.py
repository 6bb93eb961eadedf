"""The fast searches find what the plain ones do."""
import re

import pytest

from dateline.stages.places import PART_OF_TOWN_PATTERN
from dateline.stages.times import EXTRA_EXPRESSIONS, RATE, WRITTEN_FULL_DATE
from dateline.text_search import finditer_ignoring_case, whole_words
from dateline.timex import Context, normalise


def spans(matches):
    return [(m.span(), *(m.span(g) for g in range(1, m.re.groups + 1))) for m in matches]


@pytest.mark.parametrize("text", [
    "NOW and Right Now, Daily: MONDAY, Sept. 30, 2024 and next Christmas Eve, $3 Million A Year.",
    "İstanbul said today it would decide tomorrow",  # lower-casing 'İ' makes the text longer
    "ſunday and ıtself: the ſame tuesday",  # letters that match 's' and 'i' only ignoring case
    "Ⅻ KELVIN Kelvin’s today, in the Adhamiyah District of Baghdad",
])
@pytest.mark.parametrize("pattern", [EXTRA_EXPRESSIONS, RATE, PART_OF_TOWN_PATTERN])
def test_a_search_ignoring_case_finds_what_the_pattern_finds(pattern, text):
    found = spans(finditer_ignoring_case(pattern, text))
    assert found == spans(pattern.finditer(text))
    assert found or pattern is not EXTRA_EXPRESSIONS


def test_whole_words_match_only_as_whole_words():
    pattern = re.compile(rf"({whole_words(['town', 'city', 'cities'])}) of")
    text = "the town of Ulmu, a township of Nowhere, cities of Hubei, Velocity of light, downtown of, city of X"
    assert spans(pattern.finditer(text)) == spans(re.finditer(r"\b(town|city|cities) of", text))
    assert [m.group(1) for m in pattern.finditer(text)] == ["town", "cities", "city"]


def test_the_written_full_dates_are_all_the_whole_dates_the_extra_expressions_read():
    """The anchor looks only for WRITTEN_FULL_DATE: what else EXTRA_EXPRESSIONS finds needs an anchor to read."""
    text = ("On Sept. 30, 2024, and MAY 5th, 2021, not May 5, 20201, Christmas 2020, March 3 or Dec. 7; today, "
            "Monday, nineteen ninety-one, the past, every year, the first quarter, next Easter, June 1, 1999.")

    def whole_dates(pattern):
        values = [normalise(match.group(), Context()).value for match in pattern.finditer(text)]
        return sorted(v for v in values if v and re.fullmatch(r"\d{4}-\d\d-\d\d", v))

    assert whole_dates(EXTRA_EXPRESSIONS) == whole_dates(WRITTEN_FULL_DATE) == ["1999-06-01", "2021-05-05", "2024-09-30"]
