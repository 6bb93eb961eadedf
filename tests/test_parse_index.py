"""The parse index answers as spaCy does: same sentences, entities, tokens and texts."""
import pytest

from dateline import nlp
from dateline.model import Span
from dateline.parse_index import (by_sentence, dateline_tokens, ents_of, index_of, sentence_number, sentence_of, span_text, text_between,
                                  text_of, tokens_of)

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


def test_hyphens_are_the_tokens_that_are_a_hyphen_alone():
    doc = nlp.load()("A sit-in - and a well-known co-op; no hyphen-- here, nor in –.")
    assert index_of(doc).hyphens == {i for i, token in enumerate(doc) if token.text == "-"} and index_of(doc).hyphens


def test_items_by_the_sentences_they_overlap(doc):
    sentences = list(doc.sents)
    spans = [Span(e.text, e.start_char, e.end_char) for e in doc.ents]
    across = Span("", sentences[0].end_char - 3, sentences[1].start_char + 3)  # the end of one and the start of the next
    found = by_sentence(doc, [*spans, across])
    for number, sentence in enumerate(sentences):
        inside = [s for s in spans if sentence.start_char <= s.start < sentence.end_char]
        assert [s for s in found[number] if s is not across] == inside
    assert [n for n, items in found.items() if across in items] == [0, 1]



@pytest.mark.parametrize("text, dateline", [
    ("GAZA CITY (AP) — Israeli strikes killed 12 people.", "GAZA CITY (AP) —"),
    ("Killer pleads guilty. CHARLESTON, W.Va. -- A man admitted it.", "CHARLESTON, W.Va. --"),
    ("SARAJEVO, Bosnia and Herzegovina (AP) — Police arrested two men.", "SARAJEVO, Bosnia and Herzegovina (AP) —"),
    ("KANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven militants were killed.",
     "KANDAHAR, Afghanistan, Oct. 3 (Xinhua) --"),
    ("NATO, Britain and France agreed to send troops.", ""),
    ("ISIS (Islamic State) fighters attacked a checkpoint.", ""),
])
def test_a_wire_dateline_runs_from_its_words_in_capitals_to_its_dash(text, dateline):
    doc = nlp.load()(text)
    assert " ".join(doc[i].text for i in sorted(dateline_tokens(doc))) == " ".join(t.text for t in nlp.load()(dateline))


def test_the_lede_is_parsed_apart_from_its_dateline():
    doc = nlp.load()("MOGADISHU, Feb 3 (Reuters) - At least 15 people were killed in a bombing.")
    assert [sentence.text for sentence in doc.sents] == ["MOGADISHU, Feb 3 (Reuters) -",
                                                         "At least 15 people were killed in a bombing."]
    assert next(t for t in doc if t.text == "people").dep_ == "nsubjpass"
