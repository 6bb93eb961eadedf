"""Reading the ledger back: documents, canonical events, claim groups, disputes and errors as plain
dicts in the shapes of the spec's "The ledger" section, with filters."""
from __future__ import annotations

import json
from dataclasses import dataclass

from .reconcile import event_fatalities, reconcile
from .store import Ledger


@dataclass
class Filters:
    country: str | None = None   # ISO alpha-3
    admin1: str | None = None
    type: str | None = None      # PLOVER type, or ACLED event type
    since: str | None = None     # ISO date: events ending on or after, reports published on or after
    until: str | None = None
    source: str | None = None    # outlet or named source, case-insensitive substring
    text: str | None = None      # case-insensitive substring of the report text (or event evidence)
    limit: int | None = None


LIKE_ESCAPE = "\\"


def contains_pattern(needle: str) -> str:
    """An ILIKE pattern (with ESCAPE LIKE_ESCAPE) matching `needle` literally anywhere: "50%" is not a wildcard."""
    for special in (LIKE_ESCAPE, "%", "_"):
        needle = needle.replace(special, LIKE_ESCAPE + special)
    return f"%{needle}%"


def _like(needle: str | None, *haystacks: str | None) -> bool:
    return needle is None or any(needle.lower() in (h or "").lower() for h in haystacks)


def _in_range(start: str | None, end: str | None, filters: Filters) -> bool:
    """Whether the days [start, end] meet [since, until]; an undated event meets no date range."""
    if filters.since and (end or start or "") < filters.since[:10]:
        return False
    return not (filters.until and (start or end or "9999") > filters.until[:10])


DOCUMENT_COLUMNS = ("id", "sha256", "title", "url", "outlet", "published", "copy_of", "input", "chars")
DOCUMENT_COLUMNS_SQL = "d.id, d.sha256, d.title, d.url, d.outlet, d.published, o.id, d.input, d.chars"
DOCUMENT_SOURCE = "documents d LEFT JOIN documents o ON o.sha256 = d.copy_of"


def document_conditions(filters: Filters, ids: list[str] | None = None) -> tuple[str, list]:
    """SQL over `documents d` for the filters a report row can answer itself (and, given, a list of ids)."""
    conditions, params = ["TRUE"], []
    if filters.source:
        conditions.append(f"d.outlet ILIKE ? ESCAPE '{LIKE_ESCAPE}'")
        params.append(contains_pattern(filters.source))
    if filters.since:
        conditions.append("d.published >= ?")
        params.append(filters.since)
    if filters.until:
        conditions.append("left(d.published, 10) <= ?")
        params.append(filters.until)
    if filters.text:
        conditions.append(f"d.text ILIKE ? ESCAPE '{LIKE_ESCAPE}'")
        params.append(contains_pattern(filters.text))
    if ids is not None:
        conditions.append("d.id IN (SELECT unnest(?))")
        params.append(ids)
    return " AND ".join(conditions), params


def documents(ledger: Ledger, filters: Filters = Filters()) -> list[dict]:
    ids = None
    if filters.country or filters.admin1 or filters.type:
        ids = sorted({m["document"] for e in events(ledger, Filters(country=filters.country, admin1=filters.admin1,
                                                                      type=filters.type)) for m in e["mentions"]})
    where, params = document_conditions(filters, ids)
    sql = f"SELECT {DOCUMENT_COLUMNS_SQL} FROM {DOCUMENT_SOURCE} WHERE {where} ORDER BY d.seq" + (f" LIMIT {int(filters.limit)}" if filters.limit else "")
    return [dict(zip(DOCUMENT_COLUMNS, row)) for row in ledger.con.execute(sql, params).fetchall()]


def _documents_by_key(ledger: Ledger) -> dict[str, dict]:
    rows = ledger.con.execute("SELECT sha256, id, outlet, copy_of, seq, url, published FROM documents").fetchall()
    return {r[0]: {"id": r[1], "outlet": r[2], "copy_of": r[3], "seq": r[4], "url": r[5], "published": r[6]}
            for r in rows}


def stored_claims(ledger: Ledger, docs: dict[str, dict]) -> list[dict]:
    """Every claim row, with its canonical event and its report's copy_of, in ingestion order."""
    rows = ledger.con.execute("SELECT canonical, row FROM claims ORDER BY seq, ord").fetchall()
    out = []
    for canonical, row in rows:
        claim = json.loads(row)
        claim["canonical"] = canonical
        original = docs[claim["document"]]["copy_of"]
        claim["copy_of"] = docs[original]["id"] if original else None
        out.append(claim)
    return out


def claim_groups(ledger: Ledger, filters: Filters = Filters(), *, disputed_only: bool = False) -> list[dict]:
    docs = _documents_by_key(ledger)
    groups = reconcile(stored_claims(ledger, docs))
    if any((filters.country, filters.admin1, filters.type, filters.since, filters.until, filters.text)):
        wanted = {e["id"] for e in events(ledger, filters, groups=groups)}
        groups = [g for g in groups if g["event"] in wanted]
    if filters.source:
        groups = [g for g in groups if any(_like(filters.source, c["source"]) for c in g["claims"])]
    if disputed_only:
        groups = [g for g in groups if g["disputed"]]
    return groups[:filters.limit] if filters.limit else groups


def events(ledger: Ledger, filters: Filters = Filters(), *, groups: list[dict] | None = None) -> list[dict]:
    """Canonical events, in the order their first mention was ingested."""
    docs = _documents_by_key(ledger)
    where, params = _event_conditions(filters)
    profiles = {r[0]: json.loads(r[1]) for r in
                ledger.con.execute(f"SELECT id, profile FROM events WHERE {where}", params).fetchall()}
    members: dict[str, list[dict]] = {}
    rows = ledger.con.execute(f"SELECT canonical, row FROM mentions WHERE canonical IN (SELECT id FROM events "
                              f"WHERE {where}) ORDER BY seq, ord", params).fetchall()
    for canonical, row in rows:
        members.setdefault(canonical, []).append(json.loads(row))
    if groups is None:
        groups = reconcile(stored_claims(ledger, docs))
    by_event: dict[str, list[dict]] = {}
    for group in groups:
        by_event.setdefault(group["event"], []).append(group)
    out = []
    for event_id, mentions in members.items():
        event = assemble_event(profiles[event_id], mentions, docs, by_event.get(event_id, []))
        if _matches(event, mentions, filters):
            out.append(event)
            if filters.limit and len(out) >= filters.limit:
                break
    return out


def _event_conditions(filters: Filters) -> tuple[str, list]:
    """SQL over the events table narrowing what the filters can match (the rest is checked in Python)."""
    conditions, params = ["TRUE"], []
    if filters.country:
        conditions.append("block = ?")
        params.append(filters.country.upper())
    if filters.since:
        conditions.append("end_day >= ?")
        params.append(filters.since[:10])
    if filters.until:
        conditions.append("start_day <= ?")
        params.append(filters.until[:10])
    return " AND ".join(conditions), params


def _matches(event: dict, mentions: list[dict], filters: Filters) -> bool:
    place = event["place"] or {}
    if filters.country and filters.country.upper() != (place.get("country") or ""):
        return False
    if filters.admin1 and not _like(filters.admin1, place.get("admin1")):
        return False
    if filters.type and filters.type.upper() != event["type"] and not _like(filters.type, (event["acled"] or {}).get("event_type")):
        return False
    if not _in_range(event["date"]["start"], event["date"]["end"], filters):
        return False
    if filters.source and not _like(filters.source, *event["sources"], *event["outlets"]):
        return False
    return _like(filters.text, *(m["evidence"] for m in mentions))


def _person_list(mentions: list[dict], side: str) -> list[dict]:
    seen, out = set(), []
    for mention in mentions:
        for person in mention[side]:
            key = (person["name"], person["country"], person["sector"])
            if (person["country"] or person["sector"]) and key not in seen:
                seen.add(key)
                out.append(person)
    return out


def assemble_event(profile: dict, mentions: list[dict], docs: dict[str, dict], groups: list[dict]) -> dict:
    """One canonical event in the spec's shape, from its merge profile, its mentions and its claim groups."""
    placed = [m for m in mentions if m["place"]]
    place = min(placed, key=lambda m: (m["place_inferred"], m["place"]["feature"] not in ("city", "landmark")),
                default=None)
    dated = [m for m in mentions if (m["date_start"], m["date_end"]) == (profile["start"], profile["end"])]
    acled = next((m for m in mentions if m["acled_type"]), None)
    independent = [m for m in mentions if not docs[m["document"]]["copy_of"]]
    return {
        "id": profile["id"], "type": profile["type"], "mode": profile["mode"],
        "acled": {"event_type": acled["acled_type"], "sub_event_type": acled["acled_sub"]} if acled else None,
        "actors": _person_list(mentions, "actors"), "recipients": _person_list(mentions, "recipients"),
        "place": {k: place["place"][k] for k in ("name", "country", "admin1", "lat", "lon")} if place else None,
        "location_precision": 1 if profile["rank"] <= 1 else 2 if profile["rank"] <= 3 else 3,
        "date": {"start": profile["start"], "end": profile["end"],
                 "precision": dated[0]["date_precision"] if dated else "unknown"},
        "fatalities": event_fatalities(groups, [(m["fatalities_low"], m["fatalities_high"]) for m in mentions]),
        "status": mentions[0]["status"],
        "documents": list(dict.fromkeys(docs[m["document"]]["id"] for m in mentions)),
        "reports": len({m["document"] for m in independent}) or 1,
        "mentions": [{"document": docs[m["document"]]["id"], "event": m["event"], "trigger": m["trigger"],
                      "evidence": m["evidence"]} for m in mentions],
        "sources": sorted({s for m in mentions for s in m["sources"]}),
        "outlets": sorted({docs[m["document"]]["outlet"] for m in independent if docs[m["document"]]["outlet"]}),
        "claims": [g["id"] for g in groups],
    }


def errors(ledger: Ledger, filters: Filters = Filters()) -> list[dict]:
    sql = "SELECT input, document, stage, reason FROM errors"
    params: list = []
    if filters.text:
        sql += f" WHERE reason ILIKE ? ESCAPE '{LIKE_ESCAPE}' OR input ILIKE ? ESCAPE '{LIKE_ESCAPE}'"
        params += [contains_pattern(filters.text)] * 2
    sql += " ORDER BY seq" + (f" LIMIT {int(filters.limit)}" if filters.limit else "")
    return [dict(zip(("input", "document", "stage", "reason"), r)) for r in ledger.con.execute(sql, params).fetchall()]
