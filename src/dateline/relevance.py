"""Relevance: a test on the raw text, before the parse, for reports that can hold no event.

The events stage finds an event only at a token whose lemma is an event trigger
(`lexicons/triggers.tsv`), so a report in which no form of any trigger appears is read with no
event at all, and its parse is wasted. The test spells every trigger out in its inflections
(regular endings, and the irregular ones in `lexicons/irregular_verbs.tsv`) and looks the report's
words up in that set: no spaCy, tens of microseconds a report, about a thousandth of its parse.
The vocabulary is built from the events stage's own lexicon, so a trigger added there is looked
for here too. `scripts/relevance_eval.py` measures what the filter skips and what it loses.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicon
from .event_types import entries as trigger_entries

WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    score: float  # words that can trigger an event, per 100 words


def relevance(text: str) -> Relevance:
    """Whether a report can hold an event, judged from its raw text."""
    words = WORD.findall(text.lower())
    vocabulary = event_words()
    hits = sum(word in vocabulary for word in words)
    return Relevance(relevant=hits > 0, score=round(100 * hits / len(words), 2) if words else 0.0)


@functools.cache
def event_words() -> frozenset[str]:
    """Every form of every trigger. A multi-word trigger ('air-strike', 'sit-in') is looked for by
    its longest word: the whole phrase cannot appear without it."""
    irregular = irregular_forms()
    words: set[str] = set()
    for trigger in trigger_entries():
        head = max(re.split(r"[\s-]+", trigger), key=len)
        words |= inflections(head) | irregular.get(head, set())
    return frozenset(words)


def inflections(word: str) -> set[str]:
    """The regular inflections of an English verb or noun, generously: a form that is no word
    costs nothing, a missing one may skip a report with an event."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    return forms


@functools.cache
def irregular_forms() -> dict[str, set[str]]:
    """Verb lemma -> its irregular forms ('fight' -> {'fought'})."""
    return {row[0]: set(row[1].split()) for row in lexicon.read_rows("irregular_verbs.tsv") if len(row) > 1}
