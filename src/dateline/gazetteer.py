"""The offline gazetteer: places by name, built by `scripts/build_gazetteer.py`."""
from __future__ import annotations

import functools
import gzip
import pickle
import unicodedata
from importlib import resources
from typing import NamedTuple

FORMAT_VERSION = 2
ARTIFACT = "data/gazetteer.pickle.gz"


class Entry(NamedTuple):
    name: str
    feature: str  # country | admin1 | admin2 | city | region | water
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    capital: bool


def fold(name: str) -> str:
    """Lookup key: accents stripped, lower case, single spaces, one kind of apostrophe."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("’", "'").replace("‘", "'").split())


class Gazetteer:
    """Entries and three indexes: folded names, case-sensitive short forms ("US", "Ky."), demonyms."""

    def __init__(self, payload: dict):
        if payload.get("version") != FORMAT_VERSION:
            raise ValueError(f"gazetteer format {payload.get('version')}, expected {FORMAT_VERSION}")
        self._rows: list[tuple] = payload["entries"]
        self._names: dict[str, tuple[int, ...]] = payload["names"]
        self._exact: dict[str, tuple[int, ...]] = payload["exact"]
        self._demonyms: dict[str, tuple[int, ...]] = payload["demonyms"]

    def _entries(self, indexes) -> list[Entry]:
        found = [Entry._make(self._rows[i]) for i in set(indexes)]
        return sorted(found, key=lambda e: (-e.population, e.geonameid or 0))

    def lookup(self, name: str) -> list[Entry]:
        """Every entry called `name` (folded, or exactly as written for short forms), largest first."""
        return self._entries((*self._names.get(fold(name), ()), *self._exact.get(name, ())))

    def lookup_exact(self, name: str) -> list[Entry]:
        """Entries whose short form is exactly `name` ("US", "Ky.")."""
        return self._entries(self._exact.get(name, ()))

    def demonym(self, word: str) -> Entry | None:
        """The country or continent a demonym ("Syrian", "European") belongs to."""
        found = self._entries(self._demonyms.get(fold(word), ()))
        return found[0] if found else None

    def has_name(self, name: str) -> bool:
        return fold(name) in self._names or name in self._exact


@functools.cache
def load() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    data = resources.files("dateline").joinpath(ARTIFACT).read_bytes()
    return Gazetteer(pickle.loads(gzip.decompress(data)))
