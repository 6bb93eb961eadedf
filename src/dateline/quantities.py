"""Counts of people as ranges: 'over 3,000', 'about 1,000', 'between 20 and 30', 'dozens'.

The band for 'about N' (and 'approximately', 'some', 'around', 'roughly') is N +/- 10%;
'nearly N' and 'almost N' are 90% of N up to N. Vague words have fixed bands: 'dozens' 24-99,
'scores' 40-99, 'hundreds' 200-999, 'thousands' 2,000-9,999, 'tens of thousands' 20,000-99,999.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
         "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
         "millions": (2_000_000, 9_999_999), "several": (3, 9), "a few": (2, 5), "few": (2, 5),
         "a handful": (3, 6), "many": (10, None), "numerous": (10, None)}
ABOUT = ("about", "approximately", "around", "some", "roughly", "an estimated", "estimated", "nearly about",
         "close to", "approx.", "circa", "only about")
OVER = ("over", "more than", "upwards of", "in excess of", "above", "exceeding", "beyond", "only over")
AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of", "as many as")
UNDER = ("nearly", "almost", "under", "fewer than", "less than", "just under", "short of", "below")
AT_MOST = ("up to", "at most", "no more than", "a maximum of")
ABOUT_BAND = 0.10


@dataclass(frozen=True)
class Quantity:
    low: int | None
    high: int | None
    approx: str


def parse_count(text: str) -> int | None:
    """'3,000' -> 3000, '1.5 million' -> 1500000, 'two thousand' -> 2000, 'a dozen' -> 12."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if re.fullmatch(r"\d+(\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in MULTIPLIERS and (seen or word == "dozen"):
            current = (current or 1) * MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
            seen = True
        elif word in ("and",):
            continue
        else:
            return None
    value = total + current
    return int(round(value)) if seen else None


def parse_number_phrase(text: str) -> Quantity | None:
    """A count with its approximation, or None when the text holds no count."""
    phrase = " ".join(text.lower().replace("\u00a0", " ").split())
    for vague, (low, high) in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
        if phrase == vague or phrase.endswith(" " + vague):
            return Quantity(low, high, "vague")
    between = re.fullmatch(r"(?:between|from)\s+(.+?)\s+(?:and|to)\s+(.+)", phrase) or re.fullmatch(
        r"(.+?)\s*(?:-|to|or)\s*(.+)", phrase)
    if between:
        low, high = parse_count(between.group(1)), parse_count(between.group(2))
        if low is not None and high is not None and low < high:
            return Quantity(low, high, "range")
    for cues, approx in ((OVER, "over"), (AT_LEAST, "at_least"), (AT_MOST, "at_most"), (ABOUT, "about"),
                         (UNDER, "under")):
        for cue in sorted(cues, key=len, reverse=True):
            if phrase.startswith(cue + " "):
                value = parse_count(phrase[len(cue) + 1:])
                return None if value is None else _banded(value, approx)
    value = parse_count(phrase)
    return None if value is None else Quantity(value, value, "exact")


def _banded(value: int, approx: str) -> Quantity:
    if approx == "over":
        return Quantity(value + 1, None, approx)
    if approx == "at_least":
        return Quantity(value, None, approx)
    if approx == "at_most":
        return Quantity(None, value, approx)
    if approx == "about":
        return Quantity(math.floor(value * (1 - ABOUT_BAND)), math.ceil(value * (1 + ABOUT_BAND)), approx)
    return Quantity(math.floor(value * (1 - ABOUT_BAND)), value, approx)  # "nearly", "almost", "under"
