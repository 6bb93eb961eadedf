"""Claim groups: figures for the same quantity across reports, reconciled UCDP-style.

A group is one measure (killed, injured...) of one population (subject country and sector family) in one
canonical event. Its `low` and `high` bound every figure given, `best` is the lowest credible figure
(ACLED's most-conservative rule: the smallest figure a source stands behind, so "at least 12" counts 12),
and it is `disputed` when two figures cannot both hold (their ranges do not overlap). Syndicated copies
are left out: a wire story carried by ten outlets is one source. Pure functions over plain claim rows.
"""
from __future__ import annotations

import hashlib
from itertools import combinations

from .merge import SECTOR_FAMILY


def group_key(claim: dict) -> tuple[str, str, str]:
    """(event, measure, population family): claims that may count the same people."""
    family = SECTOR_FAMILY.get(claim["subject_sector"], claim["subject_sector"]) or "civil"
    return claim["canonical"] or f"report:{claim['document']}", claim["measure"], family


def group_id(key: tuple, country: str | None) -> str:
    return "cg-" + hashlib.sha256("|".join(map(str, (*key, country))).encode()).hexdigest()[:16]


def _overlap(a: dict, b: dict) -> bool:
    low_a, low_b = a["low"] or 0, b["low"] or 0
    high_a = a["high"] if a["high"] is not None else float("inf")
    high_b = b["high"] if b["high"] is not None else float("inf")
    return low_a <= high_b and low_b <= high_a


def _figure(claim: dict) -> int | None:
    return claim["low"] if claim["low"] is not None else claim["high"]


def _bounds(claims: list[dict]) -> tuple[int | None, int | None, int | None]:
    figures = [f for f in map(_figure, claims) if f is not None]
    highs = [c["high"] if c["high"] is not None else c["low"] for c in claims]
    highs = [h for h in highs if h is not None]
    return (min(figures) if figures else None, min(figures) if figures else None, max(highs) if highs else None)


def _describe(claim: dict) -> str:
    low, high = claim["low"], claim["high"]
    span = f"{low:,} or more" if high is None else f"up to {high:,}" if low is None else \
        f"{low:,}" if low == high else f"{low:,}-{high:,}"
    return f"{claim['source']}: {claim['value_text']!r} ({span})"


def reconcile(claims: list[dict]) -> list[dict]:
    """Claim groups from claim rows (each with `canonical`, its event, and `copy_of`, its original report
    or None). Groups come out in the order of their first claim; claims keep their order."""
    grouped: dict[tuple, list[dict]] = {}
    for claim in claims:
        grouped.setdefault(group_key(claim), []).append(claim)
    groups = []
    for key, members in grouped.items():
        for country, population in _by_country(members).items():
            groups.append(_group(key, country, population))
    return groups


def _by_country(claims: list[dict]) -> dict[str | None, list[dict]]:
    """Split a group by subject country; claims naming no country join the one country named, if only one."""
    countries = sorted({c["subject_country"] for c in claims if c["subject_country"]})
    if len(countries) <= 1:
        return {countries[0] if countries else None: claims}
    split: dict[str | None, list[dict]] = {}
    for claim in claims:
        split.setdefault(claim["subject_country"], []).append(claim)
    return split


def _group(key: tuple, country: str | None, claims: list[dict]) -> dict:
    independent = [c for c in claims if not c.get("copy_of")]
    best, low, high = _bounds(independent or claims)
    clashes = [(a, b) for a, b in combinations(independent, 2) if not _overlap(a, b)]
    subject = next((c["subject_text"] for c in claims if c["subject_text"]), None)
    return {
        "id": group_id(key, country), "event": key[0] if not key[0].startswith("report:") else None,
        "measure": key[1], "subject": {"text": subject, "country": country, "sector": key[2]},
        "best": best, "low": low, "high": high,
        "claims": [{"document": c["document_id"], "claim": c["claim"], "source": c["source"], "text": c["value_text"],
                    "low": c["low"], "high": c["high"], "copy_of": c.get("copy_of")} for c in claims],
        "sources": sorted({c["source"] for c in independent}),
        "disputed": bool(clashes),
        "reason": "; ".join(f"{_describe(a)} vs {_describe(b)} cannot both hold" for a, b in clashes) or None,
    }


def event_fatalities(groups: list[dict], mention_tolls: list[tuple[int | None, int | None]]) -> dict | None:
    """An event's fatality figure: summed over its populations' `killed` groups (each at its most
    conservative best); failing any, the lowest toll its mentions give."""
    killed = [g for g in groups if g["measure"] == "killed" and g["best"] is not None]
    if killed:
        return {"best": sum(g["best"] for g in killed), "low": sum(g["low"] for g in killed),
                "high": sum(g["high"] if g["high"] is not None else g["best"] for g in killed)}
    lows = [low for low, _ in mention_tolls if low is not None]
    if not lows:
        return None
    highs = [high if high is not None else low for low, high in mention_tolls if low is not None]
    return {"best": min(lows), "low": min(lows), "high": max(highs)}
