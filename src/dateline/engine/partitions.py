"""The work the Dask engine sends to workers, one partition at a time: module-level functions over
pandas frames and plain rows (they pickle by name, and none of them imports Dask).

Every row carries `pos`, the report's position in the input, so that whatever partition or worker it
lands on, the ledger orders it exactly as the local engine's one sequential writer would.
"""
from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import ReportError
from ..ledger import minhash
from ..ledger.merge import DATE_SLACK_DAYS, kind, merge_mentions, profile
from ..ledger.reconcile import group_key, reconcile
from ..ledger.rows import claim_rows, mention_rows
from ..ledger.store import _dumps, _main_event, error_key
from ..model import Report
from ..pipeline import PARSE_GROUP_WORDS, extract_many

_TEXT = pa.string()
SCHEMAS = {
    "documents": pa.schema([("pos", pa.int64()), ("sha256", _TEXT), ("id", _TEXT), ("input", _TEXT),
                            ("title", _TEXT), ("url", _TEXT), ("outlet", _TEXT), ("published", _TEXT),
                            ("chars", pa.int32()), ("text", _TEXT), ("reading", _TEXT), ("minhash", pa.binary())]),
    "errors": pa.schema([("pos", pa.int64()), ("key", _TEXT), ("input", _TEXT), ("document", _TEXT),
                         ("stage", _TEXT), ("reason", _TEXT)]),
    "bands": pa.schema([("band", pa.uint64()), ("sha256", _TEXT), ("pos", pa.int64()), ("minhash", pa.binary())]),
    "mentions": pa.schema([("pos", pa.int64()), ("ord", pa.int32()), ("document", _TEXT), ("event", _TEXT),
                           ("status", _TEXT), ("block", _TEXT), ("kind", _TEXT), ("start", _TEXT), ("end", _TEXT),
                           ("row", _TEXT)]),
    "claims": pa.schema([("pos", pa.int64()), ("ord", pa.int32()), ("document", _TEXT), ("claim", _TEXT),
                         ("event", _TEXT), ("row", _TEXT)]),
}
INPUT_COLUMNS = ("pos", "input", "key", "id", "text", "title", "url", "outlet", "published", "stage", "reason")


def _groups(frame: pd.DataFrame, by: str, order: list[str], columns: list[str]):
    """(value of `by`, its rows as tuples of `columns` sorted by `order`, missing values last): plain
    tuples, since pandas' own work on thousands of small groups costs more than what is done with them."""
    ordered = frame.sort_values([by, *order], na_position="last")
    records = zip(ordered[by], *(ordered[column] for column in columns))
    for value, group in itertools.groupby(records, key=lambda record: record[0]):
        yield value, [record[1:] for record in group]


def _item(row: dict) -> Report | ReportError:
    if row["stage"] is not None:
        return ReportError(row["stage"], row["reason"], row["id"])
    return Report(text=row["text"], id=row["id"], title=row["title"], url=row["url"], outlet=row["outlet"],
                  published=row["published"])


def read_partition(chunk: pd.DataFrame, folder: str, part: int, *, batch_size: int, max_chars: int,
                   relevance_filter: bool, max_seconds: float | None) -> tuple[int, int]:
    """Extract every report of `chunk` (INPUT_COLUMNS) and write the partition's rows, one Parquet file
    per table under `folder` (documents/part-00007.parquet...). The spaCy model is loaded by the first
    partition a worker process reads, and kept for the next. Returns (documents, errors) written."""
    rows = chunk.to_dict("records")
    tables: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    outputs = extract_many(map(_item, rows), batch_size=batch_size, max_chars=max_chars,
                           relevance_filter=relevance_filter, max_seconds=max_seconds,
                           group_words=PARSE_GROUP_WORDS)  # one of several workers: the smaller share
    for row, output in zip(rows, outputs):
        if "error" in output:
            failure = output["error"]
            tables["errors"].append({"pos": row["pos"], "input": row["input"], "document": output["id"],
                                     "stage": failure["stage"], "reason": failure["reason"],
                                     "key": error_key(row["input"], output["id"], failure["stage"], failure["reason"])})
        else:
            _document_rows(row, output, tables)
    for name, schema in SCHEMAS.items():
        path = Path(folder) / name / f"part-{part:05d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(tables[name], schema=schema), path)
    return len(tables["documents"]), len(tables["errors"])


def _document_rows(row: dict, output: dict, tables: dict[str, list[dict]]) -> None:
    info, key, pos = output["document"], row["key"], row["pos"]
    signature = minhash.signature(row["text"])
    packed = minhash.to_bytes(signature)
    tables["documents"].append({
        "pos": pos, "sha256": key, "id": info["id"], "input": row["input"], "title": info["title"], "url": info["url"],
        "outlet": info["outlet"], "published": info["published"], "chars": len(row["text"]), "text": row["text"],
        "reading": _dumps(output), "minhash": packed})
    tables["bands"] += [{"band": band, "sha256": key, "pos": pos, "minhash": packed}
                        for band in sorted(set(minhash.band_keys(signature)))]
    for order, mention in enumerate(mention_rows(output, key)):
        merged = profile(mention)
        tables["mentions"].append({"pos": pos, "ord": order, "document": key, "event": mention["event"],
                                   "status": mention["status"], "block": merged["block"], "kind": kind(merged),
                                   "start": merged["start"], "end": merged["end"], "row": _dumps(mention)})
    tables["claims"] += [{"pos": pos, "ord": order, "document": key, "claim": claim["claim"], "event": claim["event"],
                          "row": _dumps(claim)} for order, claim in enumerate(claim_rows(output, key))]


# --- near copies: candidate pairs from documents that share a MinHash band ---------------------------

PAIRS_META = pd.DataFrame({"earlier": pd.Series(dtype="int64"), "original": pd.Series(dtype="string"),
                           "later": pd.Series(dtype="int64")})


def band_pairs(bands: pd.DataFrame) -> pd.DataFrame:
    """(earlier pos, its text key, later pos) of every two documents in one band whose signatures say
    they are copies. A partition holds whole bands."""
    pairs = []
    for _, group in _groups(bands, "band", ["pos"], ["pos", "sha256", "minhash"]):
        if len(group) < 2:
            continue
        members = [(pos, key, minhash.from_bytes(packed)) for pos, key, packed in group]
        for i, (later, _, signature) in enumerate(members):
            pairs += [(pos, key, later) for pos, key, other in members[:i]
                      if minhash.similarity(signature, other) >= minhash.COPY_THRESHOLD]
    return pd.DataFrame(pairs, columns=list(PAIRS_META.columns)).astype(PAIRS_META.dtypes.to_dict())


# --- the event merge: shards of one kind (country, type, reality) whose mentions' dates can interact -----

SHARDS_META = pd.DataFrame({"pos": pd.Series(dtype="int64"), "ord": pd.Series(dtype="int32"),
                            "shard": pd.Series(dtype="string")})


def date_shards(mentions: pd.DataFrame) -> pd.DataFrame:
    """The shard of each mention (and prior event, pos -1): its kind (`merge.kind`) and the run of
    overlapping date windows it falls in. A mention joins an event only of its kind and only if their
    windows overlap give or take DATE_SLACK_DAYS, and an event's window is always one of its members', so
    mentions in separate shards never meet: merging each shard apart gives exactly the events one
    sequential merge gives. Undated mentions never join anything; they get a shard of their own per kind."""
    out = []
    for kind_, group in _groups(mentions, "kind", ["start", "end", "pos", "ord"], ["pos", "ord", "start", "end"]):
        reach, run = None, 0
        for pos, order, start, end in group:
            if pd.isna(start):
                out.append((pos, order, f"{kind_}/undated"))
                continue
            first = date.fromisoformat(start[:10])
            if reach is not None and first > reach:
                run += 1
            last = date.fromisoformat(end[:10]) + timedelta(days=DATE_SLACK_DAYS)
            reach = last if reach is None else max(reach, last)
            out.append((pos, order, f"{kind_}/{run}"))
    frame = pd.DataFrame(out, columns=["pos", "ord", "shard"])
    return frame.astype(SHARDS_META.dtypes.to_dict())


MERGED_META = pd.DataFrame({
    "pos": pd.Series(dtype="int64"), "ord": pd.Series(dtype="int32"), "document": pd.Series(dtype="string"),
    "event": pd.Series(dtype="string"), "status": pd.Series(dtype="string"), "canonical": pd.Series(dtype="string"),
    "block": pd.Series(dtype="string"), "start_day": pd.Series(dtype="string"), "end_day": pd.Series(dtype="string"),
    "profile": pd.Series(dtype="string")})


def merge_shards(mentions: pd.DataFrame) -> pd.DataFrame:
    """Each mention's canonical event, shard by shard, in input order (`merge_mentions`), then one row
    (pos -1, `profile` set) per event created or changed. A partition holds whole shards; input rows with
    pos -1 are events already in the ledger (their `row` is the event's profile)."""
    out = []
    for _, shard in _groups(mentions, "shard", ["pos", "ord"], ["pos", "ord", "status", "row"]):
        shard = [(pos, order, status, json.loads(row)) for pos, order, status, row in shard]
        new = [record for record in shard if record[0] >= 0]
        assigned, changed = merge_mentions([row for *_, row in new], [row for pos, *_, row in shard if pos < 0])
        out += [(pos, order, row["document"], row["event"], status, assigned[(row["document"], row["event"])],
                 None, None, None, None) for pos, order, status, row in new]
        out += [(-1, 0, None, None, None, e["id"], e["block"], e["start"], e["end"], _dumps(e)) for e in changed.values()]
    return pd.DataFrame(out, columns=list(MERGED_META.columns)).astype(MERGED_META.dtypes.to_dict())


# --- claims: tied to events, then reconciled event by event --------------------------------------------

MAIN_META = pd.DataFrame({"document": pd.Series(dtype="string"), "main": pd.Series(dtype="string")})


def main_events(mentions: pd.DataFrame) -> pd.DataFrame:
    """The canonical event each report is mostly about (the ledger's `_main_event`), for its claims that
    name no event. A partition holds whole documents."""
    out = []
    for document, group in _groups(mentions, "document", ["ord"], ["event", "status", "canonical"]):
        assigned = {(document, event): canonical for event, _, canonical in group}
        rows = [{"event": event, "status": status} for event, status, _ in group]
        out.append((document, _main_event(document, rows, assigned)))
    return pd.DataFrame(out, columns=["document", "main"]).astype(MAIN_META.dtypes.to_dict())


GROUPS_META = pd.DataFrame({"pos": pd.Series(dtype="int64"), "ord": pd.Series(dtype="int32"),
                            "index": pd.Series(dtype="int32"), "group": pd.Series(dtype="string")})


def reconcile_events(claims: pd.DataFrame) -> pd.DataFrame:
    """Claim groups (`reconcile`), event by event. Each group keeps the (pos, ord) of the first claim of
    its key and its index among that key's groups: the order the ledger lists groups in.
    A partition holds whole events (`shard`: the canonical event, or the report for claims with none)."""
    out = []
    for _, event in _groups(claims, "shard", ["pos", "ord"], ["pos", "ord", "row", "canonical", "copy_of"]):
        keyed: dict[tuple, list[dict]] = {}
        for pos, order, row, canonical, copy_of in event:
            claim = {**json.loads(row), "canonical": _value(canonical), "copy_of": _value(copy_of), "at": (pos, order)}
            keyed.setdefault(group_key(claim), []).append(claim)
        for members in keyed.values():
            for index, group in enumerate(reconcile(members)):
                out.append((*members[0]["at"], index, json.dumps(group, ensure_ascii=False, sort_keys=True)))
    return pd.DataFrame(out, columns=list(GROUPS_META.columns)).astype(GROUPS_META.dtypes.to_dict())


def _value(cell):
    return None if pd.isna(cell) else cell
