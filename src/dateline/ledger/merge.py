"""Canonical events: mentions of one real-world event, in one report or many, merged into one event.

Pure functions over plain rows (see rows.py), with no state but their arguments, so the same merge runs
in the ingest writer (one batch at a time, against the events already in the ledger) and, sharded by
kind (country, type, reality) and run of overlapping dates, on a Dask cluster.

A mention joins the most similar existing event it is compatible with, in ingestion order; otherwise it
starts a new event whose id is the hash of that first mention, so ids never depend on batching or on
which process ran. Compatible means all of:
- type: the same PLOVER type, and both real (asserted, negated, historical) or both not (future, hypothetical);
- place: the same country; two towns within PLACE_KM of each other; a region only with its own towns;
- date: windows that overlap, give or take DATE_SLACK_DAYS (a mention with no date is dated to the
  REPORT_LAG_DAYS before its report's publication);
- participants: on each side, the actors' countries must share one when both name any, and so must
  their sector families (state, armed group, civilians...);
- tolls: killed figures within TOLL_RATIO of each other (sources disagree, but not by orders of magnitude).
Mentions with no country at all merge only within their own report.

Mentions are rows from rows.mention_rows, given in ingestion order (the ledger's mentions.seq, .ord).
A mention is compared only with the events of its kind whose window its own reaches (`_Calendar`), so
the merge grows with the corpus, not with its square.
"""
from __future__ import annotations

import hashlib
import math
from datetime import date, timedelta

from .rows import FEATURE_RANK

PLACE_KM = 40.0
REGION_KM = 250.0
DATE_SLACK_DAYS = 1
REPORT_LAG_DAYS = 3
TOLL_RATIO = 10
UNREAL = {"future", "hypothetical"}
SECTOR_FAMILY = {"GOV": "state", "MIL": "state", "COP": "state", "REB": "armed", "PRM": "armed", "UAF": "armed",
                 "CVL": "civil", "REF": "civil", "JRN": "civil", "BUS": "business", "NGO": "ngo", "IGO": "igo"}


def event_id(mention: dict) -> str:
    """The id of an event first seen in this mention (document key + the mention's id in its document)."""
    return "ev-" + hashlib.sha256(f"{mention['document']}:{mention['event']}".encode()).hexdigest()[:16]


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def window(mention: dict) -> tuple[str, str] | None:
    """The days the mention's event can have happened on (ISO dates), or None when nothing dates it."""
    start, end = _day(mention["date_start"]), _day(mention["date_end"])
    if start or end:
        return (start or end).isoformat(), (end or start).isoformat()
    published = _day(mention["published"])
    if published:
        return (published - timedelta(days=REPORT_LAG_DAYS)).isoformat(), published.isoformat()
    return None


def _sides(people: list[dict]) -> tuple[list[str], list[str]]:
    countries = sorted({p["country"] for p in people if p["country"]})
    families = sorted({SECTOR_FAMILY.get(p["sector"], p["sector"]) for p in people if p["sector"]})
    return countries, families


def profile(mention: dict) -> dict:
    """What the merge compares: the profile of an event with this one mention."""
    place = mention["place"] or {}
    span = window(mention)
    actor_countries, actor_families = _sides(mention["actors"])
    recipient_countries, recipient_families = _sides(mention["recipients"])
    country = place.get("country")
    return {
        "id": event_id(mention), "type": mention["type"], "mode": mention["mode"],
        "real": mention["status"] not in UNREAL,
        "block": country or f"report:{mention['document']}",
        "admin1": place.get("admin1"), "lat": place.get("lat"), "lon": place.get("lon"),
        "rank": FEATURE_RANK.get(place.get("feature"), 4) if place else 5,
        "start": span[0] if span else None, "end": span[1] if span else None,
        "actor_countries": actor_countries, "actor_families": actor_families,
        "recipient_countries": recipient_countries, "recipient_families": recipient_families,
        "tolls": mention["tolls"][:1] + mention["tolls"][-1:] if mention["tolls"] else [], "mentions": 1,
    }


def _km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _place_score(a: dict, b: dict) -> float | None:
    """1 for the same spot, down to 0 for merely the same country; None when the places clash."""
    coarse = max(a["rank"], b["rank"])
    if coarse >= 4:
        return 0.0
    if a["admin1"] and b["admin1"] and a["admin1"] != b["admin1"]:
        return None
    if a["lat"] is None or b["lat"] is None:
        return 0.2
    km = _km(a, b)
    limit = PLACE_KM if coarse == 1 else REGION_KM
    return None if km > limit else 1.0 - km / limit


def _date_score(a: dict, b: dict) -> float | None:
    if a["start"] is None or b["start"] is None:
        return None
    slack = timedelta(days=DATE_SLACK_DAYS)
    if _day(a["start"]) > _day(b["end"]) + slack or _day(b["start"]) > _day(a["end"]) + slack:
        return None
    return 1.0 if (a["start"], a["end"]) == (b["start"], b["end"]) else 0.5


def _side_clash(countries_a, families_a, countries_b, families_b) -> bool:
    """Both sides name countries and share none, or name sector families (state, armed group,
    civilians...) and share none: the army and the rebels of one country are different attackers."""
    if countries_a and countries_b and not set(countries_a) & set(countries_b):
        return True
    return bool(families_a and families_b and not set(families_a) & set(families_b))


def _tolls_clash(a: list[int], b: list[int]) -> bool:
    if not a or not b:
        return False
    low, high = min(a[0], b[0]), max(a[-1], b[-1])
    return high > TOLL_RATIO * max(low, 1)


def similarity(mention: dict, event: dict) -> float | None:
    """How alike a mention's profile and an event's are, or None when they cannot be one event."""
    if mention["type"] != event["type"] or mention["real"] != event["real"] or mention["block"] != event["block"]:
        return None
    if _side_clash(mention["actor_countries"], mention["actor_families"], event["actor_countries"], event["actor_families"]):
        return None
    if _side_clash(mention["recipient_countries"], mention["recipient_families"],
                   event["recipient_countries"], event["recipient_families"]):
        return None
    if _tolls_clash(mention["tolls"], event["tolls"]):
        return None
    place, day = _place_score(mention, event), _date_score(mention, event)
    if place is None or day is None:
        return None
    return place + day + (0.5 if mention["mode"] and mention["mode"] == event["mode"] else 0.0)


def kind(profile_: dict) -> str:
    """What a mention and an event must share for `similarity` to compare them at all: block, type, reality."""
    return f"{profile_['block']}/{profile_['type']}/{'real' if profile_['real'] else 'unreal'}"


def absorb(event: dict, mention: dict) -> dict:
    """The event's profile after the mention joins it: its most precise place and dates, both sides' union."""
    merged = dict(event)
    if mention["rank"] < event["rank"]:
        merged.update({k: mention[k] for k in ("admin1", "lat", "lon", "rank")})
    if _span(mention) < _span(event):
        merged.update(start=mention["start"], end=mention["end"])
    for key in ("actor_countries", "actor_families", "recipient_countries", "recipient_families"):
        merged[key] = sorted(set(event[key]) | set(mention[key]))
    tolls = sorted(event["tolls"] + mention["tolls"])
    merged["tolls"] = tolls[:1] + tolls[-1:] if tolls else []
    merged["mode"] = event["mode"] or mention["mode"]
    merged["mentions"] = event["mentions"] + 1
    return merged


def _span(profile_: dict) -> int:
    return (_day(profile_["end"]) - _day(profile_["start"])).days


def probe(mention: dict) -> tuple[str, str, str] | None:
    """(block, earliest, latest day) an event must fall in to be a candidate for this mention."""
    p = profile(mention)
    if p["start"] is None:
        return None
    slack = timedelta(days=DATE_SLACK_DAYS)
    return p["block"], (_day(p["start"]) - slack).isoformat(), (_day(p["end"]) + slack).isoformat()


class _Calendar:
    """The events a mention can be compared with. `similarity` refuses an event of another kind (block,
    type, reality) or whose window misses the mention's by more than DATE_SLACK_DAYS, so events are filed
    under their kind and each day of their window; undated events are never candidates."""

    def __init__(self, events: list[dict]):
        self.events: dict[str, dict] = {}
        self.days: dict[tuple, set[str]] = {}
        for event in events:
            self.put(event)

    def put(self, event: dict) -> None:
        """File a new event, or refile one whose window changed (its kind never does)."""
        old = self.events.get(event["id"])
        self.events[event["id"]] = event
        if old is not None:
            if (old["start"], old["end"]) == (event["start"], event["end"]):
                return
            for key in _day_keys(old, 0):
                self.days[key].discard(old["id"])
        for key in _day_keys(event, 0):
            self.days.setdefault(key, set()).add(event["id"])

    def candidates(self, mention: dict) -> set[str]:
        return set().union(*(self.days.get(key, ()) for key in _day_keys(mention, DATE_SLACK_DAYS)))


def _day_keys(profile_: dict, slack: int) -> list[tuple]:
    """(kind, day) for every day of the profile's window widened by `slack` days; an inverted window
    counts from its earlier day to its later one, so the days are never fewer than `similarity` needs."""
    if profile_["start"] is None:
        return []
    first, last = sorted((_day(profile_["start"]).toordinal(), _day(profile_["end"]).toordinal()))
    key = kind(profile_)
    return [(key, day) for day in range(first - slack, last + slack + 1)]


def merge_mentions(mentions: list[dict], events: list[dict]) -> tuple[dict[tuple[str, str], str], dict[str, dict]]:
    """Assign each mention, in the order given, to an event: the most similar compatible one among
    `events` (profiles, e.g. the ledger's candidates) and those created so far, else a new one.

    Returns ({(document, mention event id): event id}, {event id: profile} for every event created or changed).
    """
    calendar = _Calendar(events)
    assigned: dict[tuple[str, str], str] = {}
    changed: dict[str, dict] = {}
    for mention in mentions:
        candidate = profile(mention)
        best_id, best_score = None, None
        for event_id_ in calendar.candidates(candidate):
            score = similarity(candidate, calendar.events[event_id_])
            if score is not None and (best_score is None or score > best_score
                                      or (score == best_score and event_id_ < best_id)):
                best_id, best_score = event_id_, score
        if best_id is None:
            best_id = candidate["id"]
            changed[best_id] = candidate
        else:
            changed[best_id] = absorb(calendar.events[best_id], candidate)
        calendar.put(changed[best_id])
        assigned[(mention["document"], mention["event"])] = best_id
    return assigned, changed
