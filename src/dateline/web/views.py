"""What each page shows, computed from the ledger's rows (no HTML here: templates escape everything)."""
from __future__ import annotations

from collections import defaultdict

from .data import Filters, Ledger

ALL = 100_000  # "every row" for the map, the timeline and the source tallies
CONTEXT_CHARS = 280


def all_rows(query, filters: Filters, **options) -> list[dict]:
    return query(filters, ALL, 0, **options).rows


def segments(text: str, spans: list[tuple[int, int, str]], start: int = 0, end: int | None = None) -> list[dict]:
    """Cut text[start:end] into runs, each with the classes of the spans that cover it."""
    end = len(text) if end is None else end
    cuts = sorted({start, end} | {max(start, min(end, edge)) for s, e, _ in spans for edge in (s, e)})
    runs = []
    for left, right in zip(cuts, cuts[1:]):
        classes = sorted({kind for s, e, kind in spans if s <= left and right <= e})
        runs.append({"text": text[left:right], "classes": " ".join(classes)})
    return runs


def context_window(text: str, start: int, end: int) -> tuple[int, int]:
    """About CONTEXT_CHARS either side of a span, widened to whole words."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


def event_reports(ledger: Ledger, event: dict) -> list[dict]:
    """Every report that mentions the event: each evidence sentence in context (with the triggers of
    every mention in it), and each source's figures."""
    reports: dict[str, dict] = {}
    for mention in event["mentions"]:
        document = ledger.document(mention["document"])
        found = document and next((e for e in document["reading"]["events"] if e["id"] == mention["event"]), None)
        if not found:
            continue
        report = reports.setdefault(document["id"], {"document": document, "sentences": {}, "figures": []})
        evidence = (found["evidence"]["start"], found["evidence"]["end"])
        report["sentences"].setdefault(evidence, []).append((found["trigger"]["start"], found["trigger"]["end"]))
        report["figures"] += figures(document["reading"], found)
    return [{"document": _summary(report["document"]), "figures": report["figures"],
             "passages": [_passage(report["document"]["text"], evidence, triggers)
                          for evidence, triggers in report["sentences"].items()]}
            for report in reports.values()]


def _passage(text: str, evidence: tuple[int, int], triggers: list[tuple[int, int]]) -> dict:
    left, right = context_window(text, *evidence)
    spans = [(*evidence, "evidence")] + [(*trigger, "trigger") for trigger in triggers]
    return {"before": left > 0, "after": right < len(text), "runs": segments(text, spans, left, right)}


def figures(reading: dict, event: dict) -> list[dict]:
    """The figures a report gives for an event: its claims tied to it, each with who said it."""
    sources = {attribution["id"]: attribution["source"]["text"] for attribution in reading["attributions"]}
    rows = [{"measure": claim["measure"], "text": claim["value"]["text"], "low": claim["value"].get("low"),
             "high": claim["value"].get("high"), "source": sources.get(claim.get("source")),
             "evidence": claim["evidence"]["text"]}
            for claim in reading["claims"] if claim.get("event") == event["id"]]
    if event.get("fatalities") and not any(row["measure"] == "killed" for row in rows):
        toll = event["fatalities"]
        rows.append({"measure": "fatalities", "text": None, "low": toll.get("low"), "high": toll.get("high"),
                     "source": ", ".join(sources[s] for s in event.get("sources") or () if s in sources) or None,
                     "evidence": event["evidence"]["text"]})
    return rows


def document_runs(document: dict) -> list[dict]:
    """The whole report with every event's evidence and every figure marked."""
    reading = document["reading"]
    spans = [(e["evidence"]["start"], e["evidence"]["end"], "evidence") for e in reading["events"]]
    spans += [(e["trigger"]["start"], e["trigger"]["end"], "trigger") for e in reading["events"]]
    spans += [(c["evidence"]["start"], c["evidence"]["end"], "claim") for c in reading["claims"]]
    return segments(document["text"], spans)


def with_evidence(ledger: Ledger, groups: list[dict]) -> list[dict]:
    """Claim groups whose every figure carries the sentence it was read from, and whether it leaves out
    the group's best estimate (copies of each, the ledger's rows are not changed)."""
    readings: dict[str, dict] = {}

    def sentence(claim: dict) -> str | None:
        if claim["document"] not in readings:
            document = ledger.document(claim["document"])
            readings[claim["document"]] = {c["id"]: c["evidence"]["text"]
                                           for c in (document["reading"]["claims"] if document else ())}
        return readings[claim["document"]].get(claim["claim"])

    return [{**group, "claims": [{**claim, "evidence": claim.get("evidence") or sentence(claim),
                                  "outside": outside_consensus(claim, group)} for claim in group["claims"]]}
            for group in groups]


def _summary(document: dict) -> dict:
    return {key: document.get(key) for key in ("id", "title", "url", "outlet", "published", "copy_of")}


def outside_consensus(claim: dict, group: dict) -> bool:
    """A figure whose range leaves out the group's best estimate."""
    low = claim["low"]
    high = claim["high"] if claim["high"] is not None else low
    return low is not None and group["best"] is not None and not low <= group["best"] <= high


def source_table(ledger: Ledger, filters: Filters) -> list[dict]:
    """For each outlet and each cited source: what it reported and how often its figures sit
    outside the consensus of the claim groups it takes part in (groups with figures from two
    independent reports or more; syndicated copies do not count)."""
    rows: dict[tuple[str, str], dict] = defaultdict(lambda: {"documents": 0, "events": 0, "claims": 0,
                                                             "compared": 0, "outside": 0})
    documents = all_rows(ledger.documents, filters)
    for document in documents:
        rows[("outlet", document["outlet"] or "(no outlet)")]["documents"] += 1
    for event in all_rows(ledger.events, filters):
        for name in event["sources"]:
            rows[("source", name)]["events"] += 1
        for name in event.get("outlets", ()):
            rows[("outlet", name)]["events"] += 1
    for group in all_rows(ledger.claims, filters):
        compared = len({claim["document"] for claim in group["claims"] if not claim.get("copy_of")}) > 1
        for claim in group["claims"]:
            counted = compared and not claim.get("copy_of")  # a syndicated copy repeats its original
            names = [("source", claim["source"])] if claim.get("source") else []
            names += [("outlet", claim.get("outlet") or "(no outlet)")]
            for name in names:
                row = rows[name]
                row["claims"] += 1
                row["compared"] += counted
                row["outside"] += counted and outside_consensus(claim, group)
    table = [{"name": name, "kind": kind, **counts,
              "outside_share": round(counts["outside"] / counts["compared"], 3) if counts["compared"] else None}
             for (kind, name), counts in rows.items()]
    return sorted(table, key=lambda row: (row["kind"], -row["claims"], -row["events"], row["name"].casefold()))
