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
from typing import Callable, Protocol, Sequence, TypeVar

import numpy
from spacy.attrs import IS_UPPER, ORTH
from spacy.tokens import Doc, Span, Token

RECENT_PARSES = 2
NAME_JOINERS = ("/", "-", "'", "’", ".")  # inside a name in capitals: 'BEIRUT/JERUSALEM', 'DEIR EZ-ZOR', "SAN'A"
DASHES = set("-—–_")  # 'JERUSALEM (AP)_ Taking the stand'
CLOSERS_AFTER_A_BRACKET = tuple(":-—–_")
DATELINE_PUNCTUATION = (",", ".", "(", ")", "/")
CONNECTORS_IN_NAMES = ("and", "of", "de", "del", "du", "la", "el", "al")  # 'SARAJEVO, Bosnia and Herzegovina (AP) —'
SENTENCE_ENDS = (".", "!", "?")
DATELINE_TAIL = 12  # tokens after the words in capitals: ', Afghanistan, Oct. 3 (Xinhua) --' has 10


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
    def dateline_tokens(self) -> frozenset[int]:
        """The tokens of each wire dateline (see `datelines`)."""
        return frozenset(i for dateline in datelines(self.doc) for i in dateline)

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


def dateline_tokens(doc: Doc) -> frozenset[int]:
    """The indices of the tokens of the report's wire datelines, which say where it was filed and by which
    agency: never who acted, nor, unless nothing else does, where."""
    return index_of(doc).dateline_tokens


def datelines(doc: Doc) -> list[range]:
    """The wire datelines in a text's tokens, parsed or not: 'GAZA CITY (AP) —', 'KANDAHAR, Afghanistan, Oct. 3
    (Xinhua) --', 'UNITED NATIONS, Nov 3 (Reuters) -'. Words in capitals open a line or sentence; then, before a
    dash or colon, only capitalised words, numbers, brackets and stops ('NATO, Britain and France agreed' is no
    dateline)."""
    found = []
    in_capitals = numpy.flatnonzero(doc.to_array(IS_UPPER)).tolist()  # most reports have few such words
    for start in (i for i in in_capitals if _opens_a_line_or_sentence(doc, i)):
        names_end = start
        while names_end < len(doc) and (doc[names_end].text.isupper() or _joins_a_name(doc, names_end)):
            names_end += 1
        while names_end > start and doc[names_end - 1].text in NAME_JOINERS:  # 'GAZA CITY-- Israeli'
            names_end -= 1
        letters = sum(c.isalpha() for token in doc[start:names_end] for c in token.text)
        dash = _dateline_dash(doc, names_end) if letters > 3 else None
        if dash is not None:
            found.append(range(start, dash + 1))
    return found


def _opens_a_line_or_sentence(tokens: Sequence[Token], i: int) -> bool:
    """A headline and its story are often run together: 'Taco Bell killer pleads guilty. CHARLESTON, W.Va. --'.
    Before the parse no token starts a sentence, and one after a full stop is taken to."""
    return (i == 0 or "\n" in tokens[i - 1].text_with_ws or bool(tokens[i].is_sent_start)
            or tokens[i - 1].text in SENTENCE_ENDS)


def _joins_a_name(tokens: Sequence[Token], i: int) -> bool:
    """'-' in 'DEIR EZ-ZOR', not in 'ROSWELL - A man'."""
    return i > 0 and tokens[i].text in NAME_JOINERS and not tokens[i - 1].whitespace_


def _dateline_dash(tokens: Sequence[Token], i: int) -> int | None:
    """The index of the dash (or colon) closing a dateline whose words in capitals end at `i`, if one does."""
    for j in range(i, min(len(tokens), i + DATELINE_TAIL)):
        text = tokens[j].text
        if tokens[j].is_space and "\n" not in text:
            continue
        if set(text) <= DASHES and (text != "-" or tokens[j - 1].whitespace_):  # not the hyphen of 'Dan-Ali'
            return j
        if text == ":" or text.partition(")")[2][:1] in CLOSERS_AFTER_A_BRACKET:
            return j  # 'SOUTH WAZIRISTAN, April 5 (APP):Chief of Army Staff', the last two words one token
        if not (text[:1].isupper() or text.isdigit() or text in DATELINE_PUNCTUATION or text in CONNECTORS_IN_NAMES):
            return None
    return None


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
