"""The parse index answers as spaCy does: same sentences, entities, tokens and texts."""
import pytest

from dateline import nlp
from dateline.parse_index import ents_of, sentence_number, sentence_of, span_text, text_between, text_of, tokens_of
from dateline.stages.times import EXTRA_EXPRESSIONS, _extra_expressions

TEXT = ("KYIV, Dec. 27 (Reuters) - Russian drones struck Odesa overnight, officials said.\n\n"
        "“We will rebuild,” the mayor said on Friday.  Two people were hurt in Izmail. Talks resume Monday.")


@pytest.fixture(scope="module")
def doc():
    return nlp.load()(TEXT)


def test_tokens_entities_and_text_are_spacys(doc):
    assert [t.i for t in tokens_of(doc)] == [t.i for t in doc]
    assert ents_of(doc) == doc.ents
    assert text_of(doc) == doc.text


def test_sentences_are_spacys(doc):
    sentences = list(doc.sents)
    for token in doc:
        assert sentence_of(token) == token.sent
        assert sentence_number(token) == sentences.index(token.sent)
    for ent in doc.ents:
        assert sentence_of(ent) == ent.sent


def test_span_texts_are_spacys(doc):
    for start in range(len(doc)):
        for end in range(start, min(start + 6, len(doc)) + 1):
            assert text_between(doc, start, end) == doc[start:end].text
    for sentence in doc.sents:
        assert span_text(sentence) == sentence.text


@pytest.mark.parametrize("text", [
    "NOW and Right Now, Daily: MONDAY, Sept. 30, 2024 and next Christmas Eve.",
    "İstanbul said today it would decide tomorrow",  # lower-casing 'İ' makes the text longer
    "ſunday and ıtself: the ſame tuesday",  # letters that match 's' and 'i' only ignoring case
    "Ⅻ KELVIN Kelvin’s today",
])
def test_extra_expressions_match_as_ignoring_case(text):
    assert _extra_expressions(text) == tuple(m.span() for m in EXTRA_EXPRESSIONS.finditer(text))
