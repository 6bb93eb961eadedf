"""Shared fixtures: the real pipeline (loaded once), and schema validation of every output."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import dateline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCHEMA_PATH = SHARED / "spec" / "dateline.schema.json"
SEED_PATH = SHARED / "spec" / "examples" / "seed.txt"


@pytest.fixture(scope="session")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def read(validator):
    """dateline.extract, with every document it returns checked against the dateline/1 schema
    and every span checked against the text."""
    def run(text: str, published: str | None = None, **metadata) -> dict:
        document = dateline.extract(text, published, **metadata)
        assert_valid(document, text, validator)
        return document
    return run


def assert_valid(document: dict, text: str, validator) -> None:
    errors = sorted(validator.iter_errors(document), key=str)
    assert not errors, errors[0].message
    for key in ("places", "times", "actors"):
        for item in document[key]:
            assert text[item["start"]:item["end"]] == item["text"], item
    for attribution in document["attributions"]:
        for part in ("source", "cue", "content"):
            span = attribution[part]
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"], attribution
    for event in document["events"]:
        for part in ("trigger", "evidence"):
            assert text[event[part]["start"]:event[part]["end"]] == event[part]["text"], event


@pytest.fixture(scope="session")
def seed_document(read):
    return read(SEED_PATH.read_text(encoding="utf-8"))
