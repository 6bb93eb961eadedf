"""The offline gazetteer: places by name, built by `scripts/build_gazetteer.py` into one SQLite file.

SQLite keeps loading instant (nothing is read until a name is looked up) and lookups cheap.
"""
from __future__ import annotations

import functools
import os
import sqlite3
import unicodedata
from importlib import resources
from typing import NamedTuple

FORMAT_VERSION = 5
ARTIFACT = "data/gazetteer.sqlite"
NAME, EXACT, DEMONYM = 0, 1, 2  # kinds of name: folded, case-sensitive short form, demonym
# Latin letters that Unicode does not split into a letter and an accent, as English writes them: "Lodz" for
# Łódź, "Dogubayazit" for Doğubayazıt, "Tromso" for Tromsø.
UNSPLIT_LETTERS = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t",
                                 "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})
# Kinds with a few hundred names: held in memory, so that the many words that are none of them cost
# no query.
FEW_KEYS = (EXACT, DEMONYM)
SCHEMA = """
CREATE TABLE meta (version INTEGER);
CREATE TABLE entries (id INTEGER PRIMARY KEY, name TEXT, feature TEXT, country TEXT, admin1 TEXT,
                      lat REAL, lon REAL, geonameid INTEGER, population INTEGER, capital INTEGER, admin2 TEXT);
CREATE TABLE names (kind INTEGER, key TEXT, entry INTEGER, PRIMARY KEY (kind, key, entry)) WITHOUT ROWID;
"""
_QUERY = ("SELECT e.name, e.feature, e.country, e.admin1, e.lat, e.lon, e.geonameid, e.population, e.capital, e.admin2 "
          "FROM names n JOIN entries e ON e.id = n.entry WHERE n.kind = ? AND n.key = ?")


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
    admin2: str | None = None  # the second-level division a place lies in (its own name for one)


@functools.lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lookup key: accents stripped, lower case, letters as English writes them, single spaces, one kind
    of apostrophe."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().translate(UNSPLIT_LETTERS).replace("’", "'").replace("‘", "'").split())


class Gazetteer:
    """Entries found by folded name, by case-sensitive short form ("US", "Ky.") or by demonym."""

    def __init__(self, path: str):
        self._path = path
        self._pid = None
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # never share a connection across fork
            self._db = sqlite3.connect(f"file:{self._path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._pid = os.getpid()
            (version,), = self._db.execute("SELECT version FROM meta")
            if version != FORMAT_VERSION:
                raise ValueError(f"gazetteer format {version}, expected {FORMAT_VERSION}")
        return self._db

    @functools.lru_cache(maxsize=100_000)
    def _find(self, kind: int, key: str) -> tuple[Entry, ...]:
        if kind in FEW_KEYS and key not in self._keys(kind):
            return ()
        rows = self._connection().execute(_QUERY, (kind, key)).fetchall()
        found = {Entry(*row[:8], capital=bool(row[8]), admin2=row[9]) for row in rows}
        return tuple(sorted(found, key=lambda e: (-e.population, e.geonameid or 0, e.name)))

    @functools.cache
    def _keys(self, kind: int) -> frozenset[str]:
        return frozenset(key for key, in self._connection().execute("SELECT key FROM names WHERE kind = ?", (kind,)))

    def lookup(self, name: str) -> list[Entry]:
        """Every entry called `name` (folded, or exactly as written for short forms), largest first."""
        found = {*self._find(NAME, fold(name)), *self._find(EXACT, name)}
        return sorted(found, key=lambda e: (-e.population, e.geonameid or 0, e.name))

    def lookup_exact(self, name: str) -> list[Entry]:
        """Entries whose short form is exactly `name` ("US", "Ky.")."""
        return list(self._find(EXACT, name))

    def demonym(self, word: str) -> Entry | None:
        """The country or continent a demonym ("Syrian", "European") belongs to."""
        found = self._find(DEMONYM, fold(word))
        return found[0] if found else None

    def has_name(self, name: str) -> bool:
        return bool(self._find(NAME, fold(name)) or self._find(EXACT, name))


@functools.cache
def load() -> Gazetteer:
    """The shipped gazetteer (opened lazily, once per process)."""
    return Gazetteer(str(resources.files("dateline").joinpath(ARTIFACT)))
