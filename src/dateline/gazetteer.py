"""The offline gazetteer: places by name, built by `scripts/build_gazetteer.py`."""
from __future__ import annotations

import functools
import gzip
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Entry:
    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    capital: str | None = None


def fold(name: str) -> str:
    """Lookup key: accents stripped, lower case, single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("’", "'").split())


class Gazetteer:
    def __init__(self, rows: list[dict]):
        self.entries: list[Entry] = []
        self._by_name: dict[str, list[int]] = {}
        for row in rows:
            index = len(self.entries)
            self.entries.append(Entry(name=row["name"], feature=row["feature"], country=row["country"],
                                      admin1=row.get("admin1"), lat=row["lat"], lon=row["lon"],
                                      geonameid=row["geonameid"], population=row.get("population") or 0,
                                      capital=row.get("capital")))
            for name in {fold(n) for n in row["names"]} | {fold(row["name"])}:
                self._by_name.setdefault(name, []).append(index)
        self.countries = {e.country: e for e in self.entries if e.feature == "country"}

    def lookup(self, name: str) -> list[Entry]:
        """Every entry called `name`, largest population first."""
        found = [self.entries[i] for i in self._by_name.get(fold(name), ())]
        return sorted(found, key=lambda e: (-e.population, e.geonameid or 0))

    def is_capital(self, entry: Entry) -> bool:
        country = self.countries.get(entry.country)
        return entry.feature == "city" and country is not None and country.capital == entry.name


@functools.cache
def load() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    data = resources.files("dateline").joinpath("data/gazetteer.json.gz").read_bytes()
    return Gazetteer(json.loads(gzip.decompress(data))["places"])
