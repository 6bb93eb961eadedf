"""Relevance: a test on the raw text, before the parse, for the passages that can hold an event.

The events stage finds an event only at a token whose lemma is an event trigger
(`lexicons/triggers.tsv`), so a sentence in which no form of any trigger appears yields no event,
and parsing it is wasted for the events. The test spells every trigger out in its inflections
(regular endings, and the irregular ones in `lexicons/irregular_verbs.tsv`) and looks each
sentence's words up in that set: no spaCy, a few hundred microseconds a report, under a hundredth of its
parse. A trigger the events stage reads as an event only beside certain words ('hit' beside a weapon,
'held' beside a person held) counts only in a sentence that has one of them, and the month March, which
the parse reads as a date, is no march. A report with no such sentence is skipped whole; otherwise only its
event sentences, and its first (the lede, with the dateline), are parsed. The vocabulary is built from the
events stage's own lexicon, so a trigger added there is looked for here too. Sentences are split by a cautious rule
(a stop, then a capital; never after a known abbreviation or an initial): a missed break only
costs speed, a false one could cut an event from its actor. `scripts/relevance_eval.py` measures
what the filter skips and what it loses.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import lexicon
from .event_types import NOUN_ONLY, sentence_needs
from .event_types import entries as trigger_entries

WORD = re.compile(r"[a-z]+")
SENTENCE_BREAK = re.compile(r"""(?<=[.!?])['"”’)\]]*\s+(?=['"“‘(\[]?[A-Z0-9])|\n\s*""")
WORD_BEFORE_STOP = re.compile(r"(\w+)\W*$")
TAKES_ES = ("s", "x", "z", "ch", "sh", "o")
# The month, not the trigger 'march': March with a day or year after it, or after a word that leads a date.
MONTH_MARCH = re.compile(r"\b(?i:\d+|in|on|since|until|by|last|next|early|late|mid|of|from|to|through|between|and|"
                         r"or|this|that|each|every)[ -]March\b|\bMarch(?=,? \d)")
ABBREVIATIONS = frozenset("""mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr brig gov sen rep pres st mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc co corp ltd jr sr rev hon dept est approx""".split())


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    score: float  # words that can trigger an event, per 100 words
    passages: tuple[tuple[int, int], ...] = ()  # character spans worth parsing: the lede and every event sentence


def relevance(text: str) -> Relevance:
    """Whether a report can hold an event, and where, judged from its raw text."""
    vocabulary = event_words()
    words = hits = 0
    passages: list[tuple[int, int]] = []
    for number, (start, end) in enumerate(sentence_spans(text)):
        sentence_words = _words_of(text[start:end])
        sentence_hits = _triggers_in(sentence_words, vocabulary)
        words, hits = words + len(sentence_words), hits + sentence_hits
        if sentence_hits or number == 0:
            passages.append((start, end))
    return Relevance(relevant=hits > 0, score=round(100 * hits / words, 2) if words else 0.0,
                     passages=tuple(passages) if hits else ())


def _words_of(sentence: str) -> list[str]:
    """The sentence's words in lower case, without the month March, which the parse reads as a date."""
    words = WORD.findall(sentence.lower())
    if "march" in words and len(MONTH_MARCH.findall(sentence)) >= words.count("march"):
        return [word for word in words if word != "march"]
    return words


def _triggers_in(words: list[str], vocabulary: dict[str, frozenset[str] | None]) -> int:
    """How many of a sentence's words can trigger an event in it: one that needs company, only beside it."""
    present = None
    hits = 0
    for word in words:
        if word not in vocabulary:
            continue
        needs = vocabulary[word]
        if needs is not None:
            present = present or frozenset(words)
            if needs.isdisjoint(present):
                continue
        hits += 1
    return hits


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The text cut at sentence breaks, as (start, end) character spans covering all of it."""
    spans, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.group(0)[0] != "\n" and _after_abbreviation(text, match.start()):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _after_abbreviation(text: str, stop_end: int) -> bool:
    """Whether the stop before `stop_end` ends an abbreviation or an initial ('Gen.', 'U.S.', 'J.')."""
    word = WORD_BEFORE_STOP.search(text, max(0, stop_end - 12), stop_end)
    return word is not None and (len(word.group(1)) == 1 or word.group(1).lower() in ABBREVIATIONS)


def passages_only(text: str, passages: tuple[tuple[int, int], ...]) -> str:
    """The text with everything outside `passages` blanked (spaces; line breaks kept), so every
    character offset into it is an offset into the original."""
    pieces, position = [], 0
    for start, end in passages:
        pieces += [_blank(text[position:start]), text[start:end]]
        position = end
    pieces.append(_blank(text[position:]))
    return "".join(pieces)


def _blank(segment: str) -> str:
    return "\n".join(" " * len(line) for line in segment.split("\n"))


@functools.cache
def event_words() -> dict[str, frozenset[str] | None]:
    """Every form of every trigger -> the words, in all their forms, one of which its sentence must also
    hold for the events stage to read an event there (`event_types.sentence_needs`), or None when it needs
    none. A multi-word trigger ('air-strike', 'sit-in') is looked for by its longest word in company of the
    others: the whole phrase cannot appear without them. A form that two triggers share needs company only if
    both need it."""
    words: dict[str, frozenset[str] | None] = {}
    for trigger in trigger_entries():
        phrase = re.split(r"[\s-]+", trigger)
        head = max(phrase, key=len)
        needs = [word for word in phrase if word != head] or sentence_needs(trigger)
        needed = None if needs is None else frozenset(form for need in needs for form in forms_of(_key_word(need, head)))
        for form in _forms_in_phrase(head, phrase, trigger in NOUN_ONLY):
            alone = needed is None or (form in words and words[form] is None)
            words[form] = None if alone else needed | words.get(form, frozenset())
    return words


def _key_word(phrase: str, trigger_word: str) -> str:
    """The word of a needed phrase to look for: the longest other than the trigger's own ('mustard' of
    'mustard_gas' for 'gas'), which the phrase cannot appear without."""
    words = re.split(r"[\s_-]+", phrase)
    return max([word for word in words if word != trigger_word] or words, key=len)


def _forms_in_phrase(word: str, phrase: list[str], noun_only: bool) -> set[str]:
    """The forms a trigger's word takes: only its last word inflects ('sit-ins', not 'sitting-in')."""
    if word != phrase[-1]:
        return {word}
    return {word, *noun_endings(word)} if noun_only else forms_of(word)


def forms_of(word: str) -> set[str]:
    """A word's regular and irregular inflections."""
    return inflections(word) | irregular_forms().get(word, set())


def noun_endings(word: str) -> set[str]:
    """The plural ('clashes', 'militias', 'allies')."""
    return {word[:-1] + "ies"} if word.endswith("y") else {word + ("es" if word.endswith(TAKES_ES) else "s")}


def inflections(word: str) -> set[str]:
    """The regular inflections of an English verb or noun, generously: a form that is no word
    costs nothing, a missing one may skip a report with an event."""
    forms = {word, word + "ed", word + "ing", word + word[-1] + "ed", word + word[-1] + "ing", *noun_endings(word)}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word + "s", word[:-1] + "ied"}
    if word.endswith("man"):
        forms.add(word[:-3] + "men")
    return forms


@functools.cache
def irregular_forms() -> dict[str, set[str]]:
    """Verb lemma -> its irregular forms ('fight' -> {'fought'})."""
    return {row[0]: set(row[1].split()) for row in lexicon.read_rows("irregular_verbs.tsv") if len(row) > 1}
