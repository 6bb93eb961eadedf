"""A synthetic ledger for load tests: N generated `dateline/1` documents, one event and one claim each,
written through the ledger's own store (no spaCy parse), one country and type per place, days apart, so that
they stay N distinct canonical events. Seeded: the same N gives the same ledger.

usage: python benchmarks/synthetic_ledger.py OUT.duckdb [--events 10000] [--seed 1]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dateline.ledger.rows import text_key  # noqa: E402
from dateline.ledger.store import Item, Ledger  # noqa: E402

PLACES = [("Kharkiv", "UKR", "Kharkivska", 49.99, 36.23), ("Tripoli", "LBY", "Tripoli", 32.89, 13.19),
          ("Goma", "COD", "North Kivu", -1.68, 29.22), ("Gao", "MLI", "Gao", 16.27, -0.04),
          ("Mogadishu", "SOM", "Banaadir", 2.04, 45.34), ("Khartoum", "SDN", "Khartoum", 15.50, 32.56),
          ("Beirut", "LBN", "Beirut", 33.89, 35.50), ("Juba", "SSD", "Central Equatoria", 4.85, 31.58),
          ("Maiduguri", "NGA", "Borno", 11.85, 13.16), ("Aleppo", "SYR", "Aleppo", 36.20, 37.13)]
TYPES = [("ASSAULT", "armed", "Violence against civilians", "Attack", "attacked"),
         ("FIGHT", "armed", "Battles", "Armed clash", "clashed with"),
         ("PROTEST", "demonstrate", "Protests", "Peaceful protest", "marched in")]
ACTORS = ["Gunmen", "Rebels", "Soldiers", "Militia fighters", "Police", "Protesters"]
OUTLETS = ["Northern Wire", "Sahel Post", "Coast Herald", "Metro Daily", "Frontline News"]
WORDS = ("local residents said the area had been quiet for weeks before the morning when roads were closed "
         "and markets shut while officials promised an inquiry into what happened near the river crossing").split()


def document(number: int, rng: random.Random, start: date) -> tuple[str, dict]:
    place, country, admin1, lat, lon = PLACES[number % len(PLACES)]
    plover, mode, acled, sub, verb = TYPES[(number // len(PLACES)) % len(TYPES)]
    # one event per (country, type) every third day: further apart than the merge's date slack
    day = (start + timedelta(days=3 * (number // (len(PLACES) * len(TYPES))))).isoformat()
    actor, killed, outlet = rng.choice(ACTORS), rng.randint(1, 60), rng.choice(OUTLETS)
    filler = " ".join(rng.choice(WORDS) for _ in range(40))
    text = f"{actor} {verb} {place} on {day}, killing {killed} people, officials said. {filler}. Ref {number}."
    doc_id = f"syn-{number}"
    return text, {
        "document": {"id": doc_id, "title": f"{actor} {verb} {place}", "url": f"https://example.org/{doc_id}",
                     "outlet": outlet, "published": day},
        "places": [{"id": "p1", "text": place, "name": place, "country": country, "admin1": admin1, "lat": lat,
                    "lon": lon, "feature": "city", "role": "location"}],
        "actors": [{"id": "a1", "text": actor, "name": actor, "country": country, "sector": None}],
        "attributions": [{"id": "s1", "source": {"text": "officials"}, "cue": {"text": "said"}, "kind": "named"}],
        "events": [{"id": "e1", "type": plover, "mode": mode, "status": "asserted",
                    "acled": {"event_type": acled, "sub_event_type": sub}, "actor": ["a1"], "recipient": [],
                    "place": "p1", "date": {"start": day, "end": day, "precision": "day"},
                    "fatalities": {"low": killed, "high": killed}, "sources": ["s1"],
                    "trigger": {"text": verb}, "evidence": {"text": text[:120]}}],
        "claims": [{"id": "c1", "measure": "killed", "event": "e1", "source": "s1",
                    "subject": {"text": "people", "country": country, "sector": None},
                    "value": {"text": str(killed), "low": killed, "high": killed, "approx": False}}],
    }


def build(path: str, events: int, seed: int = 1, batch: int = 500) -> None:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    with Ledger(path) as ledger:
        for first in range(0, events, batch):
            items = []
            for number in range(first, min(first + batch, events)):
                text, output = document(number, rng, start)
                items.append(Item(f"synthetic:{number}", text_key(text), text, output))
            ledger.write(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if Path(args.out).exists():
        parser.error(f"{args.out} exists: give a new file")
    began = time.perf_counter()
    build(args.out, args.events, args.seed)
    with Ledger(args.out, read_only=True) as ledger:
        counts = {table: ledger.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("documents", "events", "claims")}
    print(f"{args.out}: {counts} in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
