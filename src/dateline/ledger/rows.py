"""Plain rows from one `dateline/1` document: its event mentions and its claims.

Rows are dicts of JSON-ready values, so the merge and reconciliation functions that read them can run
anywhere (this process, a Dask worker) and the ledger can store them as they are."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
# the finer the feature, the more precisely a place pins an event down (ACLED geo_precision-like)
FEATURE_RANK = {"landmark": 1, "city": 1, "admin2": 2, "admin1": 3, "water": 3, "region": 4, "country": 4}


def normalise(text: str) -> str:
    """The text a report is keyed by: Unicode NFC, runs of whitespace collapsed to one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_key(text: str) -> str:
    """SHA-256 (hex) of the normalised text: the key that makes ingest idempotent."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def _people(document: dict, ids: list[str]) -> list[dict]:
    actors = {a["id"]: a for a in document["actors"]}
    return [{"name": actors[i]["name"] or actors[i]["text"], "country": actors[i]["country"],
             "sector": actors[i]["sector"]} for i in ids if i in actors]


def _place(place: dict | None) -> dict | None:
    if place is None:
        return None
    return {"name": place["name"] or place["text"], "country": place["country"], "admin1": place["admin1"],
            "lat": place["lat"], "lon": place["lon"], "feature": place["feature"]}


def main_place(document: dict) -> dict | None:
    """Where the report as a whole is about: its most often named location, finest feature first."""
    counts: dict[str, int] = {}
    first: dict[str, dict] = {}
    for place in document["places"]:
        if place["role"] != "location" or not place["country"]:
            continue
        key = place["name"] or place["text"]
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, place)
    if not counts:
        return None
    best = min(first, key=lambda k: (FEATURE_RANK.get(first[k]["feature"], 4) > 2, -counts[k]))
    return first[best]


def source_names(document: dict) -> dict[str, str]:
    """Attribution id → the name of who said it ('anonymous: <cue>' when nobody is named)."""
    names = {}
    for attribution in document["attributions"]:
        source = attribution["source"]
        names[attribution["id"]] = source["text"] if source else f"anonymous ({attribution['cue']['text'] if attribution['cue'] else attribution['kind']})"
    return names


def mention_rows(document: dict, key: str) -> list[dict]:
    """One row per event mention of the document (key: the document's text key)."""
    info = document["document"]
    places = {p["id"]: p for p in document["places"]}
    names = source_names(document)
    fallback = main_place(document)
    killed: dict[str, list[int]] = {}
    for claim in document["claims"]:
        if claim["measure"] == "killed" and claim["event"] and claim["value"]["low"] is not None:
            killed.setdefault(claim["event"], []).append(claim["value"]["low"])
    rows = []
    for event in document["events"]:
        place = places.get(event["place"]) if event["place"] else None
        fatalities = event["fatalities"]
        tolls = ([fatalities["low"]] if fatalities and fatalities["low"] is not None else []) + killed.get(event["id"], [])
        rows.append({
            "document": key, "document_id": info["id"], "event": event["id"], "published": info["published"],
            "type": event["type"], "mode": event["mode"], "status": event["status"],
            "acled_type": event["acled"]["event_type"] if event["acled"] else None,
            "acled_sub": event["acled"]["sub_event_type"] if event["acled"] else None,
            "actors": _people(document, event["actor"]), "recipients": _people(document, event["recipient"]),
            "place": _place(place or fallback), "place_inferred": place is None and fallback is not None,
            "date_start": event["date"]["start"], "date_end": event["date"]["end"],
            "date_precision": event["date"]["precision"],
            "fatalities_low": fatalities["low"] if fatalities else None,
            "fatalities_high": fatalities["high"] if fatalities else None,
            "tolls": sorted(tolls),
            "sources": sorted({names[s] for s in event["sources"] if s in names}),
            "trigger": event["trigger"]["text"], "evidence": event["evidence"]["text"],
        })
    return rows


def claim_rows(document: dict, key: str) -> list[dict]:
    """One row per numeric claim of the document; `source` is the attributed name or the outlet."""
    info = document["document"]
    names = source_names(document)
    own_voice = info["outlet"] or info["id"]
    rows = []
    for claim in document["claims"]:
        value, subject = claim["value"], claim["subject"]
        rows.append({
            "document": key, "document_id": info["id"], "claim": claim["id"], "measure": claim["measure"],
            "subject_text": subject["text"], "subject_country": subject["country"],
            "subject_sector": subject["sector"], "value_text": value["text"], "low": value["low"],
            "high": value["high"], "approx": value["approx"],
            "source": names.get(claim["source"], own_voice) if claim["source"] else own_voice,
            "event": claim["event"],
        })
    return rows
