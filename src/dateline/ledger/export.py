"""Exports of canonical events: ACLED-style and UCDP GED-style CSV, GeoJSON, JSON Lines, Parquet."""
from __future__ import annotations

import csv
import json
from typing import IO, Callable

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
UCDP_COLUMNS = ("id", "year", "type_of_violence", "side_a", "side_b", "source_article", "number_of_sources",
                "where_coordinates", "adm_1", "latitude", "longitude", "where_prec", "country", "date_start",
                "date_end", "date_prec", "deaths_civilians", "best", "high", "low")
TIME_PRECISION = {"day": 1, "week": 2, "month": 2}
VIOLENT = {"ASSAULT", "COERCE"}


def _names(people: list[dict]) -> list[str]:
    return [p["name"] + (f" ({p['country']})" if p["country"] else "") for p in people]


def acled_row(event: dict) -> dict:
    place = event["place"] or {}
    actors, recipients = _names(event["actors"]), _names(event["recipients"])
    acled = event["acled"] or {}
    return {
        "event_id_cnty": event["id"], "event_date": event["date"]["start"],
        "year": int(event["date"]["start"][:4]) if event["date"]["start"] else None,
        "time_precision": TIME_PRECISION.get(event["date"]["precision"], 3),
        "disorder_type": "Political violence" if event["type"] in VIOLENT
        else "Demonstrations" if event["type"] == "PROTEST" else "Strategic developments",
        "event_type": acled.get("event_type"), "sub_event_type": acled.get("sub_event_type"),
        "actor1": actors[0] if actors else None, "assoc_actor_1": "; ".join(actors[1:]) or None,
        "actor2": recipients[0] if recipients else None, "assoc_actor_2": "; ".join(recipients[1:]) or None,
        "country": place.get("country"), "admin1": place.get("admin1"), "location": place.get("name"),
        "latitude": place.get("lat"), "longitude": place.get("lon"), "geo_precision": event["location_precision"],
        "source": "; ".join(event["outlets"] + event["sources"]) or None, "source_scale": None,
        "notes": event["mentions"][0]["evidence"], "fatalities": (event["fatalities"] or {}).get("best") or 0,
        "tags": None, "timestamp": None,
    }


def ucdp_row(event: dict) -> dict:
    place = event["place"] or {}
    fatalities = event["fatalities"] or {}
    return {
        "id": event["id"], "year": int(event["date"]["start"][:4]) if event["date"]["start"] else None,
        "type_of_violence": 3 if any(r["sector"] == "CVL" for r in event["recipients"]) else 1,
        "side_a": "; ".join(_names(event["actors"])) or None, "side_b": "; ".join(_names(event["recipients"])) or None,
        "source_article": "; ".join(event["documents"]), "number_of_sources": event["reports"],
        "where_coordinates": place.get("name"), "adm_1": place.get("admin1"), "latitude": place.get("lat"),
        "longitude": place.get("lon"), "where_prec": event["location_precision"], "country": place.get("country"),
        "date_start": event["date"]["start"], "date_end": event["date"]["end"],
        "date_prec": TIME_PRECISION.get(event["date"]["precision"], 3), "deaths_civilians": None,
        "best": fatalities.get("best"), "high": fatalities.get("high"), "low": fatalities.get("low"),
    }


def write_csv(events: list[dict], out: IO[str], columns: tuple[str, ...], row: Callable[[dict], dict]) -> None:
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for event in events:
        writer.writerow(row(event))


def geojson(events: list[dict]) -> dict:
    """A FeatureCollection of the events that have coordinates (RFC 7946: [longitude, latitude])."""
    features = []
    for event in events:
        place = event["place"]
        if not place or place["lat"] is None or place["lon"] is None:
            continue
        properties = {k: v for k, v in event.items() if k != "place"}
        properties.update(place_name=place["name"], country=place["country"], admin1=place["admin1"])
        features.append({"type": "Feature", "id": event["id"],
                         "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def flat(event: dict) -> dict:
    """One table row per event (nested values as JSON text), for Parquet."""
    row = acled_row(event)
    row.update(id=event["id"], type=event["type"], mode=event["mode"], date_end=event["date"]["end"],
               fatalities_low=(event["fatalities"] or {}).get("low"),
               fatalities_high=(event["fatalities"] or {}).get("high"), reports=event["reports"],
               documents=json.dumps(event["documents"]), mentions=json.dumps(event["mentions"], ensure_ascii=False))
    return row


def export(events: list[dict], fmt: str, out: IO) -> None:
    """Write events in `fmt` to a text stream (or, for parquet, a binary one)."""
    if fmt == "acled-csv":
        write_csv(events, out, ACLED_COLUMNS, acled_row)
    elif fmt == "ucdp-csv":
        write_csv(events, out, UCDP_COLUMNS, ucdp_row)
    elif fmt == "geojson":
        json.dump(geojson(events), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        import pyarrow as pa  # the `scale` extra
        import pyarrow.parquet as pq

        rows = [flat(e) for e in events]
        table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in ACLED_COLUMNS})
        pq.write_table(table, out)
    else:
        raise ValueError(f"unknown export format {fmt!r}")


FORMATS = ("acled-csv", "ucdp-csv", "geojson", "jsonl", "parquet")
__all__ = ["export", "FORMATS"]
