"""Event types: which words trigger an event, and its PLOVER category, mode and ACLED type."""
from __future__ import annotations

from spacy.tokens import Token

from . import lexicon
from .lexicon import Trigger

TRIGGER_POS = {"VERB", "NOUN", "PROPN", "ADJ"}

__all__ = ["Trigger", "trigger_type"]


def trigger_type(token: Token) -> Trigger | None:
    """The event type a token triggers, or None when it triggers none."""
    if token.pos_ not in TRIGGER_POS:
        return None
    return lexicon.triggers().get(token.lemma_.lower())
