"""What the web app reads: a ledger seen through a small query interface in the spec's shapes.

Every row the app shows comes from one of `Ledger`'s methods, in the shapes of the spec's
"The ledger" section (extra fields allowed). `ReadingsLedger` keeps a ledger in memory, built by
reading a JSON Lines file of reports; `open_ledger` picks the backend from the file.
"""
from __future__ import annotations

import hashlib
import json
import statistics
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Protocol

FILTER_NAMES = ("start", "end", "country", "admin1", "type", "actor", "source", "q")


@dataclass(frozen=True)
class Filters:
    """The filter bar: every field is optional and all given ones must hold."""
    start: str | None = None     # ISO date: events ending on or after it
    end: str | None = None       # ISO date: events starting on or before it
    country: str | None = None   # ISO 3166 alpha-3 of the place
    admin1: str | None = None
    type: str | None = None      # PLOVER type or ACLED event type
    actor: str | None = None     # part of an actor's or recipient's name
    source: str | None = None    # part of a source's or outlet's name
    q: str | None = None         # words in the evidence, place or actors

    def items(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in asdict(self).items() if value]


@dataclass
class Page:
    rows: list[dict]
    total: int


class Ledger(Protocol):
    writable: bool

    def events(self, filters: Filters, limit: int, offset: int) -> Page: ...
    def event(self, event_id: str) -> dict | None: ...
    def claims(self, filters: Filters, limit: int, offset: int, disputed: bool = False) -> Page: ...
    def documents(self, filters: Filters, limit: int, offset: int) -> Page: ...
    def document(self, document_id: str) -> dict | None: ...
    def add_report(self, report: dict) -> dict: ...


def open_ledger(path: str | Path) -> Ledger:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no ledger at {path}")
    if path.suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as stream:
            return ReadingsLedger.from_jsonl(stream)
    raise ValueError(f"{path}: give a JSON Lines file of reports ({{id, text, published, outlet, ...}} a line)")


def _key_id(prefix: str, *parts) -> str:
    return prefix + hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()[:10]


def _contains(needle: str | None, *haystacks) -> bool:
    needle = (needle or "").casefold()
    return any(needle in (text or "").casefold() for text in haystacks)


def _same(wanted: str | None, value) -> bool:
    return (value or "").casefold() == wanted.casefold()


class ReadingsLedger:
    """A ledger held in memory: each report read with `dateline.extract`, events merged across reports
    by type, place and date, figures grouped by measure and subject."""

    writable = True

    def __init__(self) -> None:
        self._documents: dict[str, dict] = {}
        self._lock = threading.Lock()
        self._events: list[dict] = []
        self._groups: list[dict] = []

    @classmethod
    def from_jsonl(cls, stream) -> "ReadingsLedger":
        """Read every report of a JSON Lines stream; lines that cannot be read are skipped."""
        from ..pipeline import extract_many
        from ..reports import read_jsonl
        ledger = cls()
        items = list(read_jsonl(stream))
        for item, output in zip(items, extract_many(items)):
            if "error" not in output:
                ledger._store(asdict(item), output)
        ledger._rebuild()
        return ledger

    def add_report(self, report: dict) -> dict:
        from ..pipeline import extract
        reading = extract(report["text"], report.get("published"), title=report.get("title"),
                          url=report.get("url"), outlet=report.get("outlet"), id=report.get("id"))
        with self._lock:
            document = self._store(report, reading)
            self._rebuild()
        return _public_document(document)

    def _store(self, report: dict, reading: dict) -> dict:
        meta = reading["document"]
        sha256 = hashlib.sha256(report["text"].encode()).hexdigest()
        document = {"id": report.get("id") or meta["id"], "sha256": sha256, "title": meta.get("title"),
                    "url": meta.get("url"), "outlet": meta.get("outlet"), "published": meta.get("published"),
                    "copy_of": None, "text": report["text"], "reading": reading}
        self._documents.setdefault(document["id"], document)
        return self._documents[document["id"]]

    # building the canonical events and claim groups

    def _rebuild(self) -> None:
        events: dict[str, dict] = {}
        mention_to_event: dict[tuple[str, str], str] = {}
        for document in self._documents.values():
            reading = document["reading"]
            for mention in reading["events"]:
                row = _event_row(document, reading, mention)
                key = (row["type"], (row["place"] or {}).get("name"), row["date"]["start"])
                event_id = _key_id("ev", *key)
                mention_to_event[(document["id"], mention["id"])] = event_id
                if event_id in events:
                    _merge_event(events[event_id], row)
                else:
                    events[event_id] = {"id": event_id, **row}
        self._events = sorted(events.values(), key=lambda e: (e["date"]["start"] or "", e["id"]), reverse=True)
        for event in self._events:
            event["fatalities"] = _conservative_toll(event.pop("_tolls"))
        self._groups = _claim_groups(self._documents.values(), mention_to_event)

    # queries

    def events(self, filters: Filters, limit: int, offset: int) -> Page:
        rows = [event for event in self._events if _event_matches(event, filters)]
        return Page([_public(event) for event in rows[offset:offset + limit]], len(rows))

    def event(self, event_id: str) -> dict | None:
        return next((_public(event) for event in self._events if event["id"] == event_id), None)

    def claims(self, filters: Filters, limit: int, offset: int, disputed: bool = False) -> Page:
        rows = [group for group in self._groups
                if (group["disputed"] or not disputed) and self._claim_matches(group, filters)]
        return Page([_public(group) for group in rows[offset:offset + limit]], len(rows))

    def documents(self, filters: Filters, limit: int, offset: int) -> Page:
        rows = [document for document in self._documents.values() if _document_matches(document, filters)]
        rows.sort(key=lambda d: (d["published"] or "", d["id"]), reverse=True)
        return Page([_public_document(document) for document in rows[offset:offset + limit]], len(rows))

    def document(self, document_id: str) -> dict | None:
        document = self._documents.get(document_id)
        return dict(document) if document else None

    def _claim_matches(self, group: dict, filters: Filters) -> bool:
        published = [self._documents[claim["document"]]["published"] or "" for claim in group["claims"]]
        return ((not filters.country or _same(filters.country, group["subject"].get("country")))
                and (not filters.start or max(published) >= filters.start)
                and (not filters.end or min(published) <= filters.end)
                and (not filters.source or any(_contains(filters.source, c["source"], c["outlet"])
                                               for c in group["claims"]))
                and (not filters.q or _contains(filters.q, group["subject"].get("text"),
                                                *(c["evidence"] for c in group["claims"]))))


def _public(row: dict) -> dict:
    return {key: value for key, value in row.items() if not key.startswith("_")}


def _public_document(document: dict) -> dict:
    return {key: document[key] for key in ("id", "sha256", "title", "url", "outlet", "published", "copy_of")}


def _event_row(document: dict, reading: dict, mention: dict) -> dict:
    places = {place["id"]: place for place in reading["places"]}
    actors = {actor["id"]: actor for actor in reading["actors"]}
    attributions = {attribution["id"]: attribution for attribution in reading["attributions"]}
    place = places.get(mention.get("place"))

    def people(ids):
        return [{"name": actors[i]["name"], "country": actors[i].get("country"), "sector": actors[i].get("sector")}
                for i in ids or () if i in actors]

    sources = [attributions[s]["source"]["text"] for s in mention.get("sources") or () if s in attributions]
    tolls = [mention["fatalities"]] if mention.get("fatalities") else [
        claim["value"] for claim in reading["claims"] if claim.get("event") == mention["id"] and claim["measure"] == "killed"]
    return {
        "type": mention["type"], "mode": mention.get("mode"), "acled": mention.get("acled"),
        "actors": people(mention.get("actor")), "recipients": people(mention.get("recipient")),
        "place": {key: place.get(key) for key in ("name", "country", "admin1", "lat", "lon")} if place else None,
        "date": {key: (mention.get("date") or {}).get(key) for key in ("start", "end", "precision")},
        "documents": [document["id"]],
        "mentions": [{"document": document["id"], "event": mention["id"]}],
        "sources": _unique(sources + [document["outlet"]] if document["outlet"] else sources),
        "_tolls": tolls,
        "_search": " ".join([mention["evidence"]["text"], place["name"] if place else ""]
                            + [a["name"] for a in people(mention.get("actor")) + people(mention.get("recipient"))]),
    }


def _merge_event(event: dict, row: dict) -> None:
    for key in ("actors", "recipients", "documents", "mentions", "sources"):
        event[key] = _unique(event[key] + row[key])
    event["_tolls"] += row["_tolls"]
    event["_search"] += " " + row["_search"]


def _unique(items: list) -> list:
    seen, kept = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _conservative_toll(tolls: list[dict]) -> dict | None:
    """ACLED's rule: the lowest figure reported is the best; the range keeps every report."""
    if not tolls:
        return None
    lows = [toll["low"] for toll in tolls if toll.get("low") is not None]
    highs = [toll.get("high") for toll in tolls]
    if not lows:
        return None
    return {"best": min(lows), "low": min(lows), "high": None if None in highs else max(highs)}


def _claim_groups(documents: Iterable[dict], mention_to_event: dict) -> list[dict]:
    groups: dict[str, dict] = {}
    for document in documents:
        reading = document["reading"]
        attributions = {attribution["id"]: attribution for attribution in reading["attributions"]}
        for claim in reading["claims"]:
            subject = claim.get("subject") or {}
            event = mention_to_event.get((document["id"], claim.get("event")))
            key = (claim["measure"], event or subject.get("country") or (subject.get("text") or "").casefold())
            group_id = _key_id("cg", *key)
            group = groups.setdefault(group_id, {"id": group_id, "measure": claim["measure"],
                                                 "subject": subject, "claims": []})
            attribution = attributions.get(claim.get("source"))
            group["claims"].append({
                "document": document["id"], "claim": claim["id"],
                "source": attribution["source"]["text"] if attribution else None,
                "low": claim["value"].get("low"), "high": claim["value"].get("high"),
                "text": claim["value"]["text"], "outlet": document["outlet"], "published": document["published"],
                "evidence": claim["evidence"]["text"],
                "event": event,
            })
    for group in groups.values():
        _summarise(group)
    return sorted(groups.values(), key=lambda g: (not g["disputed"], g["measure"], g["id"]))


def _summarise(group: dict) -> None:
    """UCDP-style best (the lower median: conservative), low and high; disputed when two figures
    cannot both be right."""
    lows = [claim["low"] for claim in group["claims"] if claim["low"] is not None]
    highs = [claim["high"] if claim["high"] is not None else claim["low"] for claim in group["claims"]
             if claim["low"] is not None]
    group["best"] = statistics.median_low(lows) if lows else None
    group["low"] = min(lows) if lows else None
    group["high"] = max(highs) if highs else None
    group["disputed"] = bool(lows) and len(group["claims"]) > 1 and max(lows) > min(highs)


def _event_matches(event: dict, filters: Filters) -> bool:
    place = event["place"] or {}
    date = event["date"]
    people = event["actors"] + event["recipients"]
    return ((not filters.start or (date["end"] or date["start"] or "") >= filters.start)
            and (not filters.end or (date["start"] is not None and date["start"] <= filters.end))
            and (not filters.country or _same(filters.country, place.get("country")))
            and (not filters.admin1 or _same(filters.admin1, place.get("admin1")))
            and (not filters.type or _same(filters.type, event["type"])
                 or _same(filters.type, (event["acled"] or {}).get("event_type")))
            and (not filters.actor or _contains(filters.actor, *(p["name"] for p in people)))
            and (not filters.source or _contains(filters.source, *event["sources"]))
            and (not filters.q or _contains(filters.q, event["_search"])))


def _document_matches(document: dict, filters: Filters) -> bool:
    published = document["published"] or ""
    return ((not filters.start or published >= filters.start)
            and (not filters.end or (published and published <= filters.end))
            and (not filters.source or _contains(filters.source, document["outlet"]))
            and (not filters.q or _contains(filters.q, document["title"], document["text"])))
