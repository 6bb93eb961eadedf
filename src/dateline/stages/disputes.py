"""Disputes: claims counting the same people whose figures cannot all be true."""
from __future__ import annotations

from itertools import combinations

from ..model import Claim, Dispute
from ..parsed import ParsedReport


def find_disputes(parsed: ParsedReport) -> list[Dispute]:
    groups: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in parsed.reading.claims:
        groups.setdefault((claim.measure, claim.subject.country), []).append(claim)
    disputes = []
    for (measure, country), claims in groups.items():
        clashing = _clashing(claims)
        if clashing:
            disputes.append(Dispute(id=f"d{len(disputes) + 1}", measure=measure, subject=country,
                                    claims=[c.id for c in clashing], reason=_reason(clashing)))
    return disputes


def _clashing(claims: list[Claim]) -> list[Claim]:
    """The claims from different sources whose ranges do not overlap with some other claim's."""
    out: list[Claim] = []
    for a, b in combinations(claims, 2):
        if a.source != b.source and not overlap(a, b):
            out.extend(c for c in (a, b) if c not in out)
    return out


def overlap(a: Claim, b: Claim) -> bool:
    low_a, high_a = a.value.low or 0, a.value.high if a.value.high is not None else float("inf")
    low_b, high_b = b.value.low or 0, b.value.high if b.value.high is not None else float("inf")
    return low_a <= high_b and low_b <= high_a


def _reason(claims: list[Claim]) -> str:
    parts = [f"{c.value.text!r} ({_range(c)})" for c in claims]
    return f"{claims[0].measure.replace('_', ' ')} of the same population: " + " vs ".join(parts) + " do not overlap"


def _range(claim: Claim) -> str:
    low, high = claim.value.low, claim.value.high
    if high is None:
        return f"{low:,} or more"
    if low is None:
        return f"up to {high:,}"
    return f"{low:,}" if low == high else f"{low:,}-{high:,}"
