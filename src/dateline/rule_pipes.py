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
from typing import Callable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# What a pattern of the model's attribute ruler can ask of a token, in `Doc.to_array` order.
TOKEN_FEATURES = ("LOWER", "TAG", "DEP", "IS_SPACE")
FEATURE_IDS = [LOWER, TAG, DEP, IS_SPACE]

Features = tuple[int, int, int, int]
Check = Callable[[Features], bool]


def speed_up(nlp: Language) -> None:
    """Replace the pipeline's attribute ruler and lemmatizer by their stand-ins, keeping names and order."""
    for name, factory in (("attribute_ruler", "dateline_attribute_ruler"), ("lemmatizer", "dateline_lemmatizer")):
        original = nlp.get_pipe(name)
        nlp.replace_pipe(name, factory)
        nlp.get_pipe(name).take_over(original)


class FastAttributeRuler:
    """`AttributeRuler.__call__`, by table: a token's matching patterns are found once per distinct
    (lower, tag, dep, is_space), where a lower-cased word no pattern names counts as the empty word, and a
    pattern of several tokens is checked only where its first token fits."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.attrs: list[dict] = []
        self.single: list[tuple[int, Check]] = []  # (rule number, check) of one-token patterns
        self.multiple: list[tuple[int, int, tuple[Check, ...]]] = []  # (rule number, index, checks)
        self._fits: dict[Features, tuple[tuple[int, ...], frozenset[tuple[int, int]]]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}
        self._named_words: set[int] = set()  # every LOWER a pattern names, and those a REGEX matches
        self._word_regexes: list[re.Pattern] = []
        self._word_keys: dict[int, int] = {}

    def take_over(self, original: AttributeRuler) -> None:
        self.attrs = original.attrs
        for number, rule in enumerate(original.patterns):
            for pattern in rule["patterns"]:
                checks = tuple(self._compile(spec) for spec in pattern)
                if len(checks) == 1:
                    self.single.append((number, checks[0]))
                else:
                    self.multiple.append((number, rule["index"], checks))

    def __call__(self, doc: Doc) -> Doc:
        features = [(self._word_key(lower), tag, dep, space) for lower, tag, dep, space in
                    doc.to_array(FEATURE_IDS).tolist()]
        fits = [self._fit(token) for token in features]
        longer: dict[int, list[int]] = {}  # position -> longer patterns' rules that set it: few tokens have any
        for position, (_, slots) in enumerate(fits):
            if slots:
                self._match_multiple(position, fits, longer)
        for position, (singles, _) in enumerate(fits):
            numbers = tuple(sorted(singles + tuple(longer[position]))) if position in longer else singles
            if numbers:
                set_token_attrs(doc[position], self._attrs_of(numbers))
        return doc

    def _word_key(self, lower: int) -> int:
        """The word itself if a pattern names it or a REGEX matches it, else the empty word: no pattern
        tells the words it does not name apart, so they share one row of the table."""
        key = self._word_keys.get(lower)
        if key is None:
            named = lower in self._named_words or any(regex.search(self.vocab.strings[lower])
                                                       for regex in self._word_regexes)
            key = self._word_keys[lower] = lower if named else 0
        return key

    def _fit(self, token: Features) -> tuple[tuple[int, ...], frozenset[tuple[int, int]]]:
        """The one-token rules the token matches, and the (pattern, position) slots of longer patterns it fits."""
        fit = self._fits.get(token)
        if fit is None:  # in rule order, as the original applies them
            singles = tuple(number for number, check in self.single if check(token))
            slots = frozenset((pattern, place) for pattern, (_, _, checks) in enumerate(self.multiple)
                              for place, check in enumerate(checks) if check(token))
            fit = self._fits[token] = (singles, slots)
        return fit

    def _match_multiple(self, start: int, fits: list, longer: dict[int, list[int]]) -> None:
        for pattern, (number, index, checks) in enumerate(self.multiple):
            end = start + len(checks)
            if end <= len(fits) and all((pattern, place) in fits[start + place][1] for place in range(len(checks))):
                longer.setdefault(start + index % len(checks), []).append(number)

    def _attrs_of(self, numbers: tuple[int, ...]) -> dict:
        """The rules' attributes in rule order, a later rule overriding an earlier one, as the original applies them."""
        merged = self._merged.get(numbers)
        if merged is None:
            merged = self._merged[numbers] = {k: v for number in numbers for k, v in self.attrs[number].items()}
        return merged

    def _compile(self, spec: dict) -> Check:
        checks = [self._check(TOKEN_FEATURES.index(name), value) for name, value in spec.items()]
        return lambda token: all(check(token) for check in checks)

    def _check(self, feature: int, value) -> Check:
        """One condition of the Matcher's token pattern language, as far as the model's rules use it."""
        strings = self.vocab.strings
        naming_words = TOKEN_FEATURES[feature] == "LOWER"
        if isinstance(value, bool):
            return lambda token: bool(token[feature]) == value
        if isinstance(value, str):
            wanted = strings.add(value)
            if naming_words:
                self._named_words.add(wanted)
            return lambda token: token[feature] == wanted
        (operator, operand), = value.items()
        if operator == "REGEX":
            regex = re.compile(operand)
            if naming_words:
                if regex.search(""):
                    raise ValueError(f"attribute ruler: a REGEX that matches the empty word: {operand!r}")
                self._word_regexes.append(regex)
            return lambda token: bool(regex.search(strings[token[feature]]))
        hashes = {strings.add(item) for item in operand}
        if naming_words:
            self._named_words.update(hashes)
        if operator == "IN":
            return lambda token: token[feature] in hashes
        if operator == "NOT_IN":
            return lambda token: token[feature] not in hashes
        raise ValueError(f"attribute ruler: no stand-in for the pattern operator {operator!r}")


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
