"""Hand-written lexicons shipped in `dateline/lexicons/` (tab-separated, '#' comments)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class ActorType:
    country: str | None
    sector: str | None
    kind: str | None


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dateline").joinpath(f"lexicons/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def demonyms() -> dict[str, str | None]:
    """Lower-cased demonym ('north korean') -> ISO3, or None for a people without one state."""
    return {row[0].lower(): (row[1].strip() or None) if len(row) > 1 else None for row in _rows("demonyms.tsv")}


@functools.cache
def sectors() -> dict[str, tuple[str, str]]:
    """Head-noun lemma -> (sector, kind)."""
    return {row[0]: (row[1], row[2]) for row in _rows("sectors.tsv")}


@functools.cache
def organizations() -> dict[str, ActorType]:
    """Lower-cased organisation name -> its country, sector and kind."""
    return {row[0].lower(): ActorType(row[1] or None, row[2] or None, row[3] or None)
            for row in _rows("organizations.tsv")}


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None


@functools.cache
def triggers() -> dict[str, Trigger]:
    """Trigger lemma -> PLOVER type and mode with the ACLED types it maps to."""
    out = {}
    for row in _rows("triggers.tsv"):
        row = row + [""] * (5 - len(row))
        out[row[0]] = Trigger(row[1], row[2] or None, row[3] or None, row[4] or None)
    return out
