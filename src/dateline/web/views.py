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


def locate(text: str, needle: str | None, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where `needle` first occurs in text[start:end]. The ledger keeps each mention's evidence sentence
    and trigger as text, and the report's text: the sentence is found again in it."""
    if not needle:
        return None
    found = text.find(needle, start, len(text) if end is None else end)
    return (found, found + len(needle)) if found >= 0 else None


def _mention_spans(text: str, mention: dict) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    evidence = locate(text, mention["evidence"])
    trigger = locate(text, mention["trigger"], *evidence) if evidence else None
    return evidence, trigger


def event_reports(ledger: Ledger, event: dict) -> list[dict]:
    """Every report that mentions the event: each evidence sentence in context (with the triggers of
    every mention in it), and each source's figures."""
    reports: dict[str, dict] = {}
    for mention in event["mentions"]:
        if mention["document"] not in reports:
            document = ledger.document(mention["document"])
            if document is None:
                continue
            reports[mention["document"]] = {"document": document, "sentences": {}, "figures": []}
        report = reports[mention["document"]]
        text = report["document"]["text"]
        evidence, trigger = _mention_spans(text, mention)
        if evidence:
            report["sentences"].setdefault(evidence, []).extend([trigger] if trigger else [])
        report["figures"] += figures(report["document"], mention["event"])
    return [{"document": _summary(report["document"]), "figures": report["figures"],
             "passages": [_passage(report["document"]["text"], evidence, triggers)
                          for evidence, triggers in report["sentences"].items()]}
            for report in reports.values()]


def _passage(text: str, evidence: tuple[int, int], triggers: list[tuple[int, int]]) -> dict:
    left, right = context_window(text, *evidence)
    spans = [(*evidence, "evidence")] + [(*trigger, "trigger") for trigger in triggers]
    return {"before": left > 0, "after": right < len(text), "runs": segments(text, spans, left, right)}


def figures(document: dict, event: str) -> list[dict]:
    """The figures a report gives for one of its event mentions, each with who said it; failing any,
    the toll the mention itself carries."""
    rows = [{"measure": claim["measure"], "text": claim["value_text"], "low": claim["low"], "high": claim["high"],
             "source": claim["source"]}
            for claim in document["claims"] if claim["event"] == event]
    mention = next((m for m in document["mentions"] if m["event"] == event), None)
    if not rows and mention and mention["fatalities_low"] is not None:
        rows.append({"measure": "killed", "text": None, "low": mention["fatalities_low"],
                     "high": mention["fatalities_high"], "source": ", ".join(mention["sources"]) or None})
    return rows


def document_runs(document: dict) -> list[dict]:
    """The whole report with every event mention's evidence and trigger marked."""
    spans = []
    for mention in document["mentions"]:
        evidence, trigger = _mention_spans(document["text"], mention)
        spans += [(*evidence, "evidence")] if evidence else []
        spans += [(*trigger, "trigger")] if trigger else []
    return segments(document["text"], spans)


def with_evidence(ledger: Ledger, groups: list[dict]) -> list[dict]:
    """Claim groups whose every figure carries the sentence of the event it was given for (when it was
    tied to one), and whether it leaves out the group's best estimate. Copies: the ledger's rows stay as they are."""
    sentences: dict[str, dict] = {}

    def sentence(claim: dict) -> str | None:
        if claim["document"] not in sentences:
            document = ledger.document(claim["document"])
            events = {m["event"]: m["evidence"] for m in document["mentions"]} if document else {}
            sentences[claim["document"]] = {c["claim"]: events.get(c["event"]) for c in (document or {}).get("claims", ())}
        return sentences[claim["document"]].get(claim["claim"])

    return [{**group, "claims": [{**claim, "evidence": sentence(claim), "outside": outside_consensus(claim, group)}
                                 for claim in group["claims"]]}
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
            spoken = claim.get("source") and claim["source"] != claim.get("outlet")  # else the outlet's own voice
            names = [("source", claim["source"])] if spoken else []
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
