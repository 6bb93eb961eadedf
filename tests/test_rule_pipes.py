"""Dateline's parse (`nlp.load`) annotates exactly as the model as spaCy ships it: the stand-ins for the
model's attribute ruler and lemmatizer, and its matrix products by numpy's BLAS. (Its one addition, a sentence
start after a wire dateline, is tested with the parse index.)"""
import sys

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from conftest import SEED_PATH
from dateline import nlp
from dateline.relevance import passages_only, relevance
from dateline.rule_pipes import FastAttributeRuler

# Sentences that reach every kind of rule the model's attribute ruler holds: the tag map, words by their
# tag ('gets', 'got'), pronouns by their role ('I', 'you', 'it' as subject or object), auxiliaries and
# 'do'/'have' as main verbs, 'but' as an adverb, determiners standing alone, subordinating 'that', the
# two-token rules ('ain't', 'gonna', 'gotta', "let's", "c'mon", "y'all", 'there is'), and whitespace.
TEXTS = [
    "I told you it was over, but you ain't listening and I'm gonna say it again.",
    "We gotta go. Let's see what they've got; c'mon, y'all know that it gets worse.",
    "There is no water and there were no doctors, residents said on Tuesday.",
    "She did her homework, has a car and had been told that those were hers.",
    "He said that this is all but over.\n\n   The ministry  denied it.",
    "Rebels shelled Kursk Oblast; Moscow said 12 soldiers were killed and 30 wounded near Sumy.",
]


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(nlp.MODEL_NAME), nlp.load()


def annotations(doc):
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_dateline_parses_with_the_same_components_in_the_same_order(pipelines):
    stock, dateline = pipelines
    assert dateline.pipe_names == ["tok2vec", "tagger", "dateline_break", "parser", "attribute_ruler", "lemmatizer",
                                   "ner"]
    assert [name for name in dateline.pipe_names if name != "dateline_break"] == stock.pipe_names


def test_the_stand_ins_annotate_every_token_as_the_model_does(pipelines):
    stock, dateline = pipelines
    texts = [*TEXTS, SEED_PATH.read_text(encoding="utf-8")]
    for ours, theirs in zip(dateline.pipe(texts), stock.pipe(texts)):
        assert annotations(ours) == annotations(theirs)


def test_every_layer_of_the_model_multiplies_with_numpy_in_one_thread(pipelines):
    _, dateline = pipelines
    layers = [layer for _, component in dateline.pipeline if getattr(component, "model", None)
              for layer in component.model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")


def test_the_stand_ins_annotate_a_text_the_same_the_second_time(pipelines):
    """The second time, every case is read from the tables the first time filled."""
    stock, dateline = pipelines
    first, second = (annotations(dateline(TEXTS[0])) for _ in range(2))
    assert first == second == annotations(stock(TEXTS[0]))


def test_the_attribute_ruler_stand_in_refuses_a_pattern_operator_it_cannot_read(pipelines):
    with pytest.raises(ValueError, match="FUZZY"):
        FastAttributeRuler(pipelines[0].vocab)._check(0, {"FUZZY": "word"})


def test_the_attribute_ruler_stand_in_refuses_a_rule_that_sets_what_it_does_not_write(pipelines):
    ruler = AttributeRuler(pipelines[0].vocab)
    ruler.add([[{"LOWER": "gonna"}]], {"NORM": "going to"})
    with pytest.raises(ValueError, match="no stand-in writes"):
        FastAttributeRuler(pipelines[0].vocab).take_over(ruler)


@pytest.mark.parametrize("word, lemma", [("raped", "rape"), ("hoped", "hope"), ("staged", "stage"), ("waged", "wage")])
def test_a_verb_in_e_keeps_its_e_in_the_lemma(word, lemma):
    """spaCy 3.8.8 and later lemmatise these to 'rap', 'hop', 'stag', 'wag' (see pyproject.toml)."""
    doc = nlp.load()(f"The soldiers {word} them.")
    assert doc[2].lemma_ == lemma


def test_no_affix_pattern_of_the_model_matches_a_run_of_whitespace(pipelines):
    """Why Dateline's tokenizer need not search a whitespace run for affixes."""
    tokenizer = pipelines[0].tokenizer
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    runs = [*spaces, *(space * 40 for space in spaces), " \n \n  ", "\n" + " " * 500 + "\n  \t"]
    assert not [run for run in runs if tokenizer.prefix_search(run) or tokenizer.suffix_search(run)
                or list(tokenizer.infix_finditer(run))]


def test_the_tokenizer_keeps_more_pieces_than_spacys_default_and_cuts_them_the_same(pipelines):
    stock, dateline = pipelines
    assert dateline.tokenizer.max_cache_size == nlp.TOKENIZER_CACHE_PIECES > stock.tokenizer.max_cache_size
    text = SEED_PATH.read_text(encoding="utf-8")
    first, again = ([t.text for t in dateline.tokenizer(text)] for _ in range(2))
    assert first == again == [t.text for t in stock.tokenizer(text)]


def test_a_text_with_blanked_passages_is_cut_into_the_same_tokens(pipelines):
    stock, dateline = pipelines
    text = " ".join(TEXTS[4:] * 20) + "\n\n" + " ".join(TEXTS)
    blanked = passages_only(text, relevance(text).passages)
    assert blanked.count(" " * 200) and "Rebels shelled Kursk" in blanked
    tokens = [[(t.text, t.whitespace_, t.norm_) for t in pipeline.tokenizer(blanked)] for pipeline in pipelines]
    assert tokens[0] == tokens[1]
