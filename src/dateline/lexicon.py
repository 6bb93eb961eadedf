"""Hand-written lexicons shipped in `dateline/lexicons/` (tab-separated, '#' comments)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class ActorType:
    country: str | None
    sector: str | None
    kind: str | None


def read_rows(name: str) -> list[list[str]]:
    """The rows of a shipped lexicon file, split on tabs, comments and blank lines left out."""
    text = resources.files("dateline").joinpath(f"lexicons/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def demonyms() -> dict[str, str | None]:
    """Lower-cased demonym ('north korean') -> ISO3, or None for a people without one state."""
    return {row[0].lower(): (row[1].strip() or None) if len(row) > 1 else None for row in read_rows("demonyms.tsv")}


@functools.cache
def sectors() -> dict[str, tuple[str, str]]:
    """Head-noun lemma -> (sector, kind)."""
    return {row[0]: (row[1], row[2]) for row in read_rows("sectors.tsv")}


NAME_JOINS = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def organization(name: str) -> ActorType | None:
    """The organisation a name is written for, its words joined by spaces or hyphens alike: 'al-Shabaab',
    'Al Shabaab' and the tokens of 'al-Shabaab' joined by spaces ('al - Shabaab') are one."""
    return _organizations().get(_name_key(name))


@functools.cache
def _organizations() -> dict[str, ActorType]:
    return {_name_key(row[0]): ActorType(row[1] or None, row[2] or None, row[3] or None)
            for row in read_rows("organizations.tsv")}


def _name_key(name: str) -> str:
    return NAME_JOINS.sub(" ", name.lower()).strip()
