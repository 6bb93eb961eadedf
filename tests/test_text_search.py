"""The fast searches find what the plain ones do."""
import re

import pytest

from dateline.stages.places import PART_OF_TOWN_PATTERN
from dateline.stages.times import EXTRA_EXPRESSIONS, RATE
from dateline.text_search import finditer_ignoring_case, whole_words


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
