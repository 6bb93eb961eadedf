import pytest

from dateline.quantities import Quantity, parse_count, parse_number_phrase


@pytest.mark.parametrize("text, expected", [
    ("over 3,000", Quantity(3001, None, "over")),
    ("more than 50", Quantity(51, None, "over")),
    ("about 1,000", Quantity(900, 1100, "about")),
    ("approximately 10,000", Quantity(9000, 11000, "about")),
    ("at least 12", Quantity(12, None, "at_least")),
    ("nearly two thousand", Quantity(1800, 2000, "under")),
    ("between 20 and 30", Quantity(20, 30, "range")),
    ("20-30", Quantity(20, 30, "range")),
    ("dozens", Quantity(24, 99, "vague")),
    ("hundreds", Quantity(200, 999, "vague")),
    ("1.5 million", Quantity(1_500_000, 1_500_000, "exact")),
    ("a dozen", Quantity(12, 12, "exact")),
    ("up to 50", Quantity(None, 50, "at_most")),
    ("12", Quantity(12, 12, "exact")),
])
def test_quantities_approximation_forms(text, expected):
    assert parse_number_phrase(text) == expected


def test_quantities_words_that_are_not_counts():
    assert parse_number_phrase("Thursday") is None
    assert parse_count("first") is None
