"""Regex searches of a whole report's text, written so that Python's engine can skip ahead.

The engine tries a pattern at every position of the text unless the pattern opens with a literal, or with
an alternation of literals, which it looks for first. A pattern opening with a word boundary
(`\\b(?:village|town)`) or matching while ignoring case is tried everywhere: a few tenths of a millisecond
a report for each such search, and the stages run a dozen. The helpers here give the same matches.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

CASELESS_ONLY = frozenset("ıſ")  # letters that match an ASCII letter only when case is ignored ('ı' i, 'ſ' s)


def whole_words(words: Iterable[str]) -> str:
    """`\\b(?:word|word)` for words that open with a word character and hold no regex syntax, opening with the
    words' letters: each word is checked for the boundary before it after it has matched."""
    return "|".join(f"{word}(?<!\\w{word})" for word in words)


def finditer_ignoring_case(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern compiled with IGNORECASE and written in lower case, three times
    faster: the pattern without IGNORECASE over the lower-cased text, where the engine passes over most
    alternatives at a glance. The matches' spans are the same; their text is in lower case. Not where
    lower-casing changes the text's length ('İ'), nor where it holds a letter of CASELESS_ONLY."""
    lowered = _lowered(text)
    return pattern.finditer(text) if lowered is None else _minding_case(pattern).finditer(lowered)


@functools.lru_cache(maxsize=2)  # a stage runs several searches over the same text
def _lowered(text: str) -> str | None:
    """The text in lower case, or None where lower-casing changes its length or it holds CASELESS_ONLY."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) and CASELESS_ONLY.isdisjoint(text) else None


@functools.cache
def _minding_case(pattern: re.Pattern) -> re.Pattern:
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
