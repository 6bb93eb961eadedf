"""Readable terminal tables of dateline/1 documents: events, claims and disputes."""
from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.table import Table


def _names(document: dict, ids: list[str]) -> str:
    actors = {a["id"]: a for a in document["actors"]}
    parts = []
    for actor_id in ids:
        actor = actors[actor_id]
        tag = "/".join(x for x in (actor["country"], actor["sector"]) if x)
        parts.append(f"{actor['text']} ({tag})" if tag else actor["text"])
    return "; ".join(parts)


def _range(value: dict | None) -> str:
    if not value:
        return ""
    low, high = value.get("low"), value.get("high")
    if high is None:
        return f"{low:,}+" if low is not None else ""
    if low is None:
        return f"≤{high:,}"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _source_name(document: dict, attribution_id: str | None) -> str:
    if attribution_id is None:
        return "(report)"
    attribution = next(a for a in document["attributions"] if a["id"] == attribution_id)
    return attribution["source"]["text"] if attribution["source"] else f"(anonymous: {attribution['cue']['text']})"


def events_table(documents: list[dict]) -> Table:
    table = Table(title="Events", show_lines=False)
    for column in ("report", "type", "who", "to whom", "where", "when", "killed", "size", "status", "trigger"):
        table.add_column(column, overflow="fold")
    for document in documents:
        places = {p["id"]: p for p in document["places"]}
        for event in document["events"]:
            place = places.get(event["place"])
            where = f"{place['name']} ({place['country']})" if place else ""
            date = event["date"]
            when = date["start"] if date["start"] == date["end"] else f"{date['start'] or '?'}…{date['end'] or '?'}"
            table.add_row(document["document"]["id"], f"{event['type']}/{event['mode'] or '-'}",
                          _names(document, event["actor"]), _names(document, event["recipient"]), where,
                          when if date["start"] else "", _range(event["fatalities"]), _range(event["size"]),
                          event["status"], event["trigger"]["text"])
    return table


def claims_table(documents: list[dict]) -> Table:
    table = Table(title="Claims")
    for column in ("report", "measure", "whom", "figure", "range", "according to"):
        table.add_column(column, overflow="fold")
    for document in documents:
        for claim in document["claims"]:
            subject = claim["subject"]
            whom = subject["text"] + (f" ({subject['country']})" if subject["country"] else "")
            table.add_row(document["document"]["id"], claim["measure"], whom, claim["value"]["text"],
                          _range(claim["value"]), _source_name(document, claim["source"]))
    return table


def disputes_table(documents: list[dict]) -> Table:
    table = Table(title="Disputes")
    for column in ("report", "measure", "of", "why"):
        table.add_column(column, overflow="fold")
    for document in documents:
        for dispute in document["disputes"]:
            table.add_row(document["document"]["id"], dispute["measure"], dispute["subject"] or "", dispute["reason"])
    return table


def print_readings(documents: Iterable[dict], console: Console | None = None) -> None:
    console = console or Console()
    documents = list(documents)
    for table in (events_table(documents), claims_table(documents), disputes_table(documents)):
        console.print(table)
