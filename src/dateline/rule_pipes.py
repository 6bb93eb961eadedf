"""Exact, faster stand-ins for the model's two rule-based components.

The small English model's `attribute_ruler` runs a spaCy Matcher whose set and regex predicates are called
in Python at every token, and its `lemmatizer` builds a Token and a MorphAnalysis for every token; together
they cost more than a tenth of the parse. What either writes on a token depends only on a few of its
attributes (and, for the ruler's few two-token patterns, its neighbour's), so the stand-ins work each
distinct case out once per process, by the original component's own patterns and rules, and then only
look it up. They annotate exactly as the originals do (`tests/test_rule_pipes.py` compares them token by
token). `speed_up(nlp)` swaps them in.
"""
import re
from typing import Callable, Iterable

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

# What a pattern of the model's attribute ruler can ask of a token, in `Doc.to_array` order.
TOKEN_FEATURES = ("LOWER", "TAG", "DEP", "IS_SPACE")
FEATURE_IDS = [LOWER, TAG, DEP, IS_SPACE]

# What its rules set, in one array written over the doc: lemma, coarse tag, tag, dependency label, morphology.
WRITTEN = [LEMMA, POS, TAG, DEP, MORPH]

Features = tuple[int, int, int, int]
Check = Callable[[int], bool]


def speed_up(nlp: Language) -> None:
    """Replace the pipeline's attribute ruler and lemmatizer by their stand-ins, keeping names and order."""
    for name, factory in (("attribute_ruler", "dateline_attribute_ruler"), ("lemmatizer", "dateline_lemmatizer")):
        original = nlp.get_pipe(name)
        nlp.replace_pipe(name, factory)
        nlp.get_pipe(name).take_over(original)


class FastAttributeRuler:
    """`AttributeRuler.__call__`, by table. Each token of a pattern is a slot; which slots a token fits is worked
    out from its four features (lower, tag, dep, is_space) one by one, each value once per process, where a
    lower-cased word no pattern names counts as the empty word. A pattern of several tokens is checked only where
    its first token fits, and what the rules set is written over the whole doc at once."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.attrs: list[dict] = []
        self.single: list[tuple[int, int]] = []  # (rule number, slot) of one-token patterns, in rule order
        self.multiple: list[tuple[int, int, tuple[int, ...]]] = []  # (rule number, index, slots) of longer ones
        self._first_slots = 0  # the first slot of each longer pattern, as bits
        self._conditions: list[dict[int, Check]] = []  # of each slot: feature -> check of its value
        self._masks: dict[tuple[int, int], int] = {}  # (feature, value) -> the slots the value fits, as bits
        self._named_words: set[int] = set()  # every LOWER a pattern names, and those a REGEX matches
        self._word_regexes: list[re.Pattern] = []
        self._word_keys: dict[int, int] = {}  # LOWER -> itself if named, else 0
        self._fits: dict[Features, int] = {}  # features -> the slots they fit, as bits
        self._rules: dict[int, tuple[int, ...]] = {}  # fitted slots -> the one-token rules they make
        self._rows: dict[tuple[int, ...], int] = {}  # rules -> their row of the two tables below
        self._sets = numpy.zeros((0, len(WRITTEN)), dtype=bool)  # which of WRITTEN the rules set
        self._values = numpy.zeros((0, len(WRITTEN)), dtype=numpy.uint64)  # and to what

    def take_over(self, original: AttributeRuler) -> None:
        self.attrs = original.attrs
        if unwritten := {name for attrs in self.attrs for name in attrs} - set(WRITTEN):
            raise ValueError(f"attribute ruler: no stand-in writes the attributes {sorted(unwritten)}")
        for number, rule in enumerate(original.patterns):
            for pattern in rule["patterns"]:
                slots = tuple(self._add_slot(spec) for spec in pattern)
                if len(slots) == 1:
                    self.single.append((number, slots[0]))
                else:
                    self.multiple.append((number, rule["index"], slots))
                    self._first_slots |= 1 << slots[0]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lowers, tags, deps, spaces = doc.to_array(FEATURE_IDS).T.tolist()
        words = _looked_up(self._word_keys, lowers, self._word_key)
        fits = _looked_up(self._fits, zip(words, tags, deps, spaces), self._fit)
        rules = _looked_up(self._rules, fits, self._single_rules)
        for start in [start for start, fit in enumerate(fits) if fit & self._first_slots]:
            self._match_multiple(start, fits, rules)
        rows = _looked_up(self._rows, rules, self._add_row)
        values = doc.to_array(WRITTEN)
        numpy.copyto(values, self._values[rows], where=self._sets[rows])
        doc.from_array(WRITTEN, values)
        return doc

    def _add_slot(self, spec: dict) -> int:
        self._conditions.append({TOKEN_FEATURES.index(name): self._check(TOKEN_FEATURES.index(name), value)
                                 for name, value in spec.items()})
        return len(self._conditions) - 1

    def _word_key(self, lower: int) -> int:
        """The word itself if a pattern names it or a REGEX matches it, else the empty word: no pattern
        tells the words it does not name apart, so they share one row of the table."""
        named = lower in self._named_words or any(regex.search(self.vocab.strings[lower])
                                                   for regex in self._word_regexes)
        return lower if named else 0

    def _fit(self, features: Features) -> int:
        fit = -1
        for feature, value in enumerate(features):
            fit &= self._mask(feature, value)
        return fit

    def _mask(self, feature: int, value: int) -> int:
        """The slots whose condition on `feature`, if they have one, `value` meets, as bits."""
        mask = self._masks.get((feature, value))
        if mask is None:
            mask = self._masks[feature, value] = sum(
                1 << slot for slot, conditions in enumerate(self._conditions)
                if feature not in conditions or conditions[feature](value))
        return mask

    def _single_rules(self, fit: int) -> tuple[int, ...]:
        """The one-token rules, in rule order, as the original applies them."""
        return tuple(number for number, slot in self.single if fit >> slot & 1)

    def _match_multiple(self, start: int, fits: list[int], rules: list[tuple[int, ...]]) -> None:
        for number, index, slots in self.multiple:
            end = start + len(slots)
            if end <= len(fits) and all(fits[start + place] >> slot & 1 for place, slot in enumerate(slots)):
                at = start + index % len(slots)
                rules[at] = tuple(sorted((*rules[at], number)))

    def _add_row(self, numbers: tuple[int, ...]) -> int:
        """A row of the tables for what the rules set, in rule order, a later rule overriding an earlier one,
        as the original applies them."""
        attrs = {name: value for number in numbers for name, value in self.attrs[number].items()}
        self._sets = numpy.vstack([self._sets, [name in attrs for name in WRITTEN]])
        self._values = numpy.vstack([self._values, numpy.array([attrs.get(name, 0) for name in WRITTEN],
                                                               dtype=numpy.uint64)])
        return len(self._values) - 1

    def _check(self, feature: int, value) -> Check:
        """One condition of the Matcher's token pattern language, as far as the model's rules use it, on the
        value of one feature."""
        strings = self.vocab.strings
        naming_words = TOKEN_FEATURES[feature] == "LOWER"
        if isinstance(value, bool):
            return lambda feature_value: bool(feature_value) == value
        if isinstance(value, str):
            wanted = strings.add(value)
            if naming_words:
                self._named_words.add(wanted)
            return lambda feature_value: feature_value == wanted
        (name, operand), = value.items()
        if name == "REGEX":
            regex = re.compile(operand)
            if naming_words:
                if regex.search(""):
                    raise ValueError(f"attribute ruler: a REGEX that matches the empty word: {operand!r}")
                self._word_regexes.append(regex)
            return lambda feature_value: bool(regex.search(strings[feature_value]))
        hashes = {strings.add(item) for item in operand}
        if naming_words:
            self._named_words.update(hashes)
        if name == "IN":
            return lambda feature_value: feature_value in hashes
        if name == "NOT_IN":
            return lambda feature_value: feature_value not in hashes
        raise ValueError(f"attribute ruler: no stand-in for the pattern operator {name!r}")


def _looked_up(table: dict, keys: Iterable, compute: Callable) -> list:
    """table[key] for each of the keys, computed and kept in the table where it has none."""
    keys = list(keys)
    found = list(map(table.get, keys))
    if None in found:  # rare once the tables have filled
        for at, key in enumerate(keys):
            if found[at] is None:
                if key not in table:  # else computed already: the key came twice
                    table[key] = compute(key)
                found[at] = table[key]
    return found


class FastLemmatizer:
    """`Lemmatizer.__call__`, by table: the original's own rule lemmatizer caches its answer by (orth, pos,
    morph); this reads those three for every token at once and asks the original only for a key it has not seen.
    The original's word index comes as lists, which its rules only ask `form in index`: as sets, a word it
    has not seen costs a few microseconds rather than a scan of up to 57,000 words (about 90)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.original: Lemmatizer | None = None
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def take_over(self, original: Lemmatizer) -> None:
        if original.mode != "rule" or original.overwrite:
            raise ValueError("lemmatizer stand-in: only a rule lemmatizer that keeps earlier lemmas")
        index = original.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            index[pos] = frozenset(words)
        self.original = original

    def __call__(self, doc: Doc) -> Doc:
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for position, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if not lemma:
                lemmas[position] = self._lemma(doc, position, (orth, pos, morph))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _lemma(self, doc: Doc, position: int, key: tuple[int, int, int]) -> int:
        lemma = self._lemmas.get(key)
        if lemma is None:
            lemma = self._lemmas[key] = self.vocab.strings.add(self.original.lemmatize(doc[position])[0])
        return lemma


# No `from __future__ import annotations` here: confection resolves a factory's arguments by their annotations,
# and cannot resolve them as strings.
@Language.factory("dateline_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab)


@Language.factory("dateline_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.vocab)
