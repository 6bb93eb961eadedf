"""Readable terminal tables of what the ledger query commands return."""
from __future__ import annotations

from rich.table import Table


def _figure(best, low, high) -> str:
    if best is None:
        return ""
    spread = "" if low == high == best else f" ({low:,}–{high:,})" if high is not None else f" ({low:,}+)"
    return f"{best:,}{spread}"


def _people(people: list[dict]) -> str:
    return "; ".join(p["name"] + (f" ({'/'.join(x for x in (p['country'], p['sector']) if x)})"
                                  if p["country"] or p["sector"] else "") for p in people)


def documents_table(rows: list[dict]) -> Table:
    table = Table(title=f"Documents ({len(rows)})")
    for column in ("id", "outlet", "published", "title", "copy of", "sha256"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["outlet"] or "", r["published"] or "", r["title"] or "", r["copy_of"] or "",
                      r["sha256"][:12])
    return table


def events_table(rows: list[dict]) -> Table:
    table = Table(title=f"Events ({len(rows)})")
    for column in ("event", "type", "who", "to whom", "where", "when", "killed", "reports", "sources"):
        table.add_column(column, overflow="fold")
    for e in rows:
        place = e["place"]
        date = e["date"]
        when = "" if not date["start"] else date["start"] if date["start"] == date["end"] else f"{date['start']}…{date['end']}"
        killed = _figure(**e["fatalities"]) if e["fatalities"] else ""
        table.add_row(e["id"], f"{e['type']}/{e['mode'] or '-'}", _people(e["actors"]), _people(e["recipients"]),
                      f"{place['name']} ({place['country']})" if place else "", when, killed,
                      f"{e['reports']} ({len(e['mentions'])} mentions)",
                      "; ".join(e["outlets"]) + (f" +{len(e['sources'])} named" if e["sources"] else ""))
    return table


def claims_table(rows: list[dict], title: str = "Claims") -> Table:
    table = Table(title=f"{title} ({len(rows)})")
    for column in ("group", "measure", "of", "best (low–high)", "figures by source", "disputed"):
        table.add_column(column, overflow="fold")
    for g in rows:
        subject = g["subject"]
        whom = " ".join(x for x in (subject["text"], f"({subject['country']})" if subject["country"] else None) if x)
        figures = "\n".join(f"{c['source']}: {c['text']}" + (" (copy)" if c.get("copy_of") else "") for c in g["claims"])
        table.add_row(g["id"], g["measure"], whom, _figure(g["best"], g["low"], g["high"]), figures,
                      "yes" if g["disputed"] else "")
    return table


def errors_table(rows: list[dict]) -> Table:
    table = Table(title=f"Errors ({len(rows)})")
    for column in ("input", "document", "stage", "reason"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["input"] or "", r["document"] or "", r["stage"], r["reason"])
    return table
