"""What the stages ask of a parse again and again, built once per parse.

spaCy builds a new object on every access: a Token for each step of `for token in doc`, a Span list for
`doc.ents`, a walk along the parse and a Span for `token.sent`, the whole text for `doc.text`. The
stages ask for these hundreds of thousands of times a report; `index_of(doc)` keeps them for the last few
parses only (a parse is not changed once the stages read it: see ParsedReport).
"""
from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from typing import Callable, Protocol, TypeVar

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

RECENT_PARSES = 2


class _CharSpan(Protocol):
    start: int
    end: int


Item = TypeVar("Item")


class ParseIndex:
    """The tokens, entities and sentences of one parse."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.tokens: list[Token] = list(doc)
        self.ents: tuple[Span, ...] = doc.ents

    @functools.cached_property
    def text(self) -> str:
        return "".join([token.text_with_ws for token in self.tokens])  # doc.text, without a Token per step again

    @functools.cached_property
    def sentences(self) -> list[Span]:
        return list(self.doc.sents)

    @functools.cached_property
    def lowers(self) -> list[str]:
        """`token.lower_`, by token index."""
        return [token.lower_ for token in self.tokens]

    @functools.cached_property
    def lemmas(self) -> list[str]:
        """`token.lemma_.lower()`, by token index."""
        return [token.lemma_.lower() for token in self.tokens]

    @functools.cached_property
    def pos(self) -> list[str]:
        """`token.pos_`, by token index."""
        return [token.pos_ for token in self.tokens]

    @functools.cached_property
    def dated(self) -> frozenset[int]:
        """The indices of the tokens in a DATE or TIME entity."""
        return frozenset(i for ent in self.ents if ent.label_ in ("DATE", "TIME") for i in range(ent.start, ent.end))

    @functools.cached_property
    def hyphens(self) -> frozenset[int]:
        """The indices of the tokens that are a hyphen alone (spaCy splits 'sit-in' in three)."""
        return frozenset(numpy.flatnonzero(self.doc.to_array(ORTH) == self.doc.vocab.strings["-"]).tolist())

    @functools.cached_property
    def sentence_number(self) -> list[int]:
        """By token index."""
        numbers = [0] * len(self.doc)
        for number, sentence in enumerate(self.sentences):
            numbers[sentence.start:sentence.end] = [number] * len(sentence)
        return numbers


@functools.lru_cache(maxsize=RECENT_PARSES)
def index_of(doc: Doc) -> ParseIndex:
    return ParseIndex(doc)


def tokens_of(doc: Doc) -> list[Token]:
    """`list(doc)`, shared: callers must not change the list."""
    return index_of(doc).tokens


def text_of(doc: Doc) -> str:
    """`doc.text`: the text parsed, which is not always the report's (the relevance filter blanks
    passages)."""
    return index_of(doc).text


def text_between(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text`, cut from the text without building the span."""
    if end <= start:
        return ""
    index = index_of(doc)
    last = index.tokens[end - 1]
    return index.text[index.tokens[start].idx: last.idx + len(last)]


def span_text(span: Span) -> str:
    """`span.text`, cut from the parse's text: spaCy joins the span's tokens on every access."""
    return text_between(span.doc, span.start, span.end)


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`."""
    return index_of(doc).ents


def sentence_of(item: Token | Span) -> Span:
    """The sentence a token, or a span's first token, is in: `item.sent`, without the walk."""
    index = index_of(item.doc)
    return index.sentences[index.sentence_number[item.i if isinstance(item, Token) else item.start]]


def sentence_number(item: Token | Span) -> int:
    """How many sentences come before the one the token, or a span's first token, is in."""
    return index_of(item.doc).sentence_number[item.i if isinstance(item, Token) else item.start]


def by_sentence(doc: Doc, items: list[Item], span_of: Callable[[Item], _CharSpan] = lambda item: item
                ) -> dict[int, list[Item]]:
    """Places, actors or anything else with character offsets into the parse (its own, or those `span_of` gives),
    by the number of each sentence they overlap, in their own order: a stage that looks within one sentence
    need not scan the whole report's."""
    starts = [sentence.start_char for sentence in index_of(doc).sentences]
    found: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        span = span_of(item)
        first, last = (bisect.bisect_right(starts, at) - 1 for at in (span.start, span.end - 1))
        for number in range(first, last + 1):
            found[number].append(item)
    return found
