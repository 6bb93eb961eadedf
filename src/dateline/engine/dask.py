"""The Dask engine: `dateline ingest --engine dask [--scheduler ADDRESS]`.

1. This process reads the inputs, skips what the ledger holds, and sends them to the cluster in
   partitions of `partition_size` reports (two partitions per worker in flight, the next sent as soon as
   any finishes, so workers never wait on a slow one and memory stays flat however large the corpus).
   Each worker loads the spaCy model once, on its first partition, extracts, and writes the partition's
   rows as Parquet (`<folder>/<table>/part-NNNNN.parquet`).
2. Group-bys over that Parquet, each shuffled on a key whose group fits in one worker's memory:
   MinHash bands (near copies), (country, event type, run of overlapping dates) for the event merge,
   documents for their main event, canonical events for claim reconciliation (`<folder>/claim_groups`).
3. This process loads the Parquet into the DuckDB ledger in one transaction, ordered by input position,
   so the ledger is the one the local engine writes for the same input.

`folder` must be reachable by the workers and by this process (a shared file system on a real cluster).
It holds the latest run's tables; the ledger holds every run.
"""
from __future__ import annotations

import itertools
import json
import logging
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from ..errors import ReportError
from ..ingest import LOOKUP_CHUNK, Totals, read_paths
from ..ledger import Ledger, minhash
from ..ledger.merge import DATE_SLACK_DAYS, kind
from ..ledger.rows import text_key
from ..limits import DEFAULT_MAX_SECONDS
from ..pipeline import BATCH_SIZE, _batched
from ..validate import DEFAULT_MAX_CHARS
from . import partitions as work

PARTITION_SIZE = 128  # reports a task: enough to amortise a task, few enough that the last ones end together
TABLES = (*work.SCHEMAS, "merged", "claims_tied", "claim_groups")


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator:
    """A client of the cluster at `scheduler`, else of a LocalCluster of `workers` single-threaded processes
    (without the workers' statistical profiler: sampling the parse every 10 ms cost it about 6% of its CPU)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # the scheduler runs in this process, and logs every shuffle's start and end as a warning
    logging.getLogger("distributed.shuffle._scheduler_plugin").setLevel(logging.ERROR)
    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        yield client


def run(paths: list[str], ledger: Ledger, *, folder: str | None = None, scheduler: str | None = None,
        workers: int = 1, batch_size: int = BATCH_SIZE, max_chars: int = DEFAULT_MAX_CHARS,
        max_seconds: float | None = DEFAULT_MAX_SECONDS, relevance_filter: bool = False,
        partition_size: int = PARTITION_SIZE,
        on_progress: Callable[[Totals], None] | None = None) -> Totals:
    """Ingest every report under `paths` into `ledger` on a Dask cluster (see the module docstring)."""
    from distributed import as_completed

    if folder is None and ledger.path == ":memory:":
        raise ReportError("input", "an in-memory ledger needs a Parquet folder")
    folder = Path(folder or f"{ledger.path}.parquet")
    for table in TABLES:
        shutil.rmtree(folder / table, ignore_errors=True)
    totals = Totals()
    options = {"batch_size": batch_size, "max_chars": max_chars, "relevance_filter": relevance_filter,
               "max_seconds": max_seconds}
    chunks = _chunks(paths, ledger, totals, partition_size, max_seconds, max_chars)
    first = next(chunks, None)
    if first is None:
        return totals
    with connect(scheduler, workers) as client:
        in_flight = 2 * max(1, len(client.scheduler_info()["workers"]))
        running = as_completed()
        for part, chunk in enumerate(itertools.chain([first], chunks)):
            running.add(client.submit(work.read_partition, chunk, str(folder), part, **options, pure=False))
            if running.count() >= in_flight:
                _done(next(running).result(), totals, on_progress)
        for finished in running:
            _done(finished.result(), totals, on_progress)
        copies = _copies(folder, ledger)
        _merge_and_reconcile(folder, ledger, copies)
    written = load(folder, ledger, copies)
    totals.added, totals.errors = written
    return totals


def _done(counts: tuple[int, int], totals: Totals, on_progress) -> None:
    """Progress as partitions are read (the ledger itself is written once, at the end)."""
    totals.added += counts[0]
    totals.errors += counts[1]
    if on_progress:
        on_progress(totals)


def _chunks(paths: list[str], ledger: Ledger, totals: Totals, size: int, max_seconds: float | None,
            max_chars: int) -> Iterator[pd.DataFrame]:
    """The inputs the ledger does not hold yet, in frames of `size` rows (work.INPUT_COLUMNS), numbered
    by input position; a text met twice is read once, as the local engine's writer does."""
    seen: set[str] = set()
    position, rows = 0, []
    for chunk in _batched(read_paths(paths, max_seconds, max_chars), LOOKUP_CHUNK):
        keys = [text_key(item.text) if not isinstance(item, ReportError) else None for _, item in chunk]
        known = ledger.known([k for k in keys if k])
        for (label, item), key in zip(chunk, keys):
            totals.read += 1
            if key in known or key in seen:
                totals.skipped += 1
                continue
            if isinstance(item, ReportError):
                rows.append((position, label, None, item.report_id, None, None, None, None, None, item.stage,
                             item.reason))
            else:
                seen.add(key)
                rows.append((position, label, key, item.id or key, item.text, item.title, item.url, item.outlet,
                             item.published, None, None))
            position += 1
            if len(rows) == size:
                yield pd.DataFrame(rows, columns=work.INPUT_COLUMNS, dtype=object)
                rows = []
    if rows:
        yield pd.DataFrame(rows, columns=work.INPUT_COLUMNS, dtype=object)


def _copies(folder: Path, ledger: Ledger) -> pd.DataFrame:
    """(sha256, copy_of) of every new document that is a near copy of an earlier original: band pairs
    found by a Dask group-by on the band, then resolved in input order (a copy's copy is not an original)."""
    import dask.dataframe as dd

    bands = dd.read_parquet(str(folder / "bands"))
    pairs = bands.shuffle("band").map_partitions(work.band_pairs, meta=work.PAIRS_META).compute()
    earlier: dict[int, list[tuple[tuple, str]]] = {}
    for pos, original, later in pairs.drop_duplicates().itertuples(index=False):
        earlier.setdefault(later, []).append(((1, pos), original))
    for later, seq, original, copy_of in _ledger_matches(folder, ledger):
        if copy_of is None:
            earlier.setdefault(later, []).append(((0, seq), original))
    keys = _keys(folder, sorted(earlier))
    copies: dict[str, str] = {}
    for later in sorted(earlier):
        originals = [(order, key) for order, key in earlier[later] if key not in copies]
        if originals:
            copies[keys[later]] = min(originals)[1]
    return pd.DataFrame(list(copies.items()), columns=["sha256", "copy_of"], dtype="string")


def _ledger_matches(folder: Path, ledger: Ledger) -> list[tuple]:
    """(new pos, seq, sha256, copy_of) of documents already in the ledger that a new one copies."""
    rows = ledger.con.execute(
        "SELECT n.pos, n.minhash, d.seq, d.sha256, d.copy_of, d.minhash FROM read_parquet(?) n "
        "JOIN bands b ON b.key = n.band JOIN documents d ON d.sha256 = b.sha256", [_glob(folder, "bands")]).fetchall()
    return sorted({(pos, seq, sha, copy_of) for pos, new, seq, sha, copy_of, old in rows
                   if minhash.similarity(minhash.from_bytes(new), minhash.from_bytes(old)) >= minhash.COPY_THRESHOLD})


def _keys(folder: Path, positions: list[int]) -> dict[int, str]:
    import duckdb

    rows = duckdb.execute("SELECT pos, sha256 FROM read_parquet(?) WHERE pos IN (SELECT unnest(?))",
                          [_glob(folder, "documents"), positions]).fetchall()
    return dict(rows)


def _glob(folder: Path, table: str) -> str:
    return str(folder / table / "*.parquet")


def _merge_and_reconcile(folder: Path, ledger: Ledger, copies: pd.DataFrame) -> None:
    """The event merge, main events and claim reconciliation as Dask group-bys, written as Parquet."""
    import dask.dataframe as dd

    mentions = dd.read_parquet(str(folder / "mentions"))
    prior = _prior_events(folder, ledger)
    if len(prior):
        mentions = dd.concat([mentions, dd.from_pandas(prior.astype(mentions.dtypes.to_dict()), npartitions=1)])
    shards = mentions[["pos", "ord", "kind", "start", "end"]].shuffle("kind").map_partitions(
        work.date_shards, meta=work.SHARDS_META)
    merged = mentions.merge(shards, on=["pos", "ord"]).shuffle("shard").map_partitions(
        work.merge_shards, meta=work.MERGED_META)
    merged.to_parquet(str(folder / "merged"), write_index=False)

    assigned = dd.read_parquet(str(folder / "merged"))
    assigned = assigned[assigned["pos"] >= 0]  # the rest are the events' profiles
    mains = assigned[["document", "event", "status", "canonical", "ord"]].shuffle("document").map_partitions(
        work.main_events, meta=work.MAIN_META)
    claims = dd.read_parquet(str(folder / "claims"))
    claims = claims.merge(assigned[["document", "event", "canonical"]], on=["document", "event"], how="left")
    claims = claims.merge(mains, on="document", how="left")
    claims["canonical"] = claims["canonical"].fillna(claims["main"])
    originals = _original_ids(folder, ledger, copies)
    claims = claims.drop(columns="main").merge(originals, on="document", how="left")
    claims["shard"] = claims["canonical"].fillna("report:" + claims["document"])
    claims.to_parquet(str(folder / "claims_tied"), write_index=False)

    tied = dd.read_parquet(str(folder / "claims_tied"))
    groups = tied.shuffle("shard").map_partitions(work.reconcile_events, meta=work.GROUPS_META)
    groups.to_parquet(str(folder / "claim_groups"), write_index=False)


def _prior_events(folder: Path, ledger: Ledger) -> pd.DataFrame:
    """Events already in the ledger that a new mention could join (same block, dates within the slack),
    as merge input rows (pos -1, the profile as `row`); no other event can change."""
    prior = ledger.con.execute(
        "SELECT -1::BIGINT AS pos, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS ord, NULL AS document, "
        "NULL AS event, NULL AS status, block, start_day AS start, end_day AS \"end\", profile AS row FROM events e "
        "WHERE EXISTS (SELECT 1 FROM read_parquet(?) m WHERE m.block = e.block "
        "AND e.start_day::DATE <= m.\"end\"::DATE + ? AND m.start::DATE <= e.end_day::DATE + ?)",
        [_glob(folder, "mentions"), DATE_SLACK_DAYS, DATE_SLACK_DAYS]).df()
    prior.insert(prior.columns.get_loc("start"), "kind", [kind(json.loads(row)) for row in prior["row"]])
    return prior


def _original_ids(folder: Path, ledger: Ledger, copies: pd.DataFrame) -> pd.DataFrame:
    """(document, copy_of): each copy's key and the id (not the key) of the report it copies."""
    if copies.empty:
        return pd.DataFrame({"document": pd.Series(dtype="string"), "copy_of": pd.Series(dtype="string")})
    import duckdb

    with duckdb.connect() as con:
        con.register("copies", copies)
        ids = dict(con.execute("SELECT sha256, id FROM read_parquet(?) WHERE sha256 IN (SELECT copy_of FROM copies)",
                               [_glob(folder, "documents")]).fetchall())
    missing = sorted(set(copies["copy_of"]) - set(ids))
    if missing:
        ids.update(ledger.con.execute("SELECT sha256, id FROM documents WHERE sha256 IN (SELECT unnest(?))",
                                      [missing]).fetchall())
    return pd.DataFrame({"document": copies["sha256"], "copy_of": copies["copy_of"].map(ids)}, dtype="string")


def load(folder: Path, ledger: Ledger, copies: pd.DataFrame) -> tuple[int, int]:
    """Add the run's Parquet tables to the ledger in one transaction, numbered (seq) in input order after
    what the ledger holds; errors it already holds are left out. Returns (documents, errors) added."""
    con = ledger.con
    con.register("run_copies", copies)
    globs = {table: _glob(folder, table) for table in TABLES}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE run_errors AS SELECT * FROM read_parquet(?) "
                    "WHERE key NOT IN (SELECT key FROM errors) "
                    "QUALIFY row_number() OVER (PARTITION BY key ORDER BY pos) = 1", [globs["errors"]])
        con.execute("CREATE OR REPLACE TEMP TABLE run_seq AS SELECT pos, (? - 1 + row_number() OVER (ORDER BY pos))"
                    "::BIGINT AS seq FROM (SELECT pos FROM read_parquet(?) UNION ALL SELECT pos FROM run_errors)",
                    [ledger._next_seq(), globs["documents"]])
        _insert(con, "documents", "read_parquet({documents}) d JOIN run_seq s USING (pos) "
                "LEFT JOIN run_copies c USING (sha256)",
                {"sha256": "d.sha256", "id": "d.id", "seq": "s.seq", "input": "d.input", "title": "d.title",
                 "url": "d.url", "outlet": "d.outlet", "published": "d.published", "copy_of": "c.copy_of",
                 "chars": "d.chars", "text": "d.text", "reading": "d.reading", "minhash": "d.minhash"}, globs)
        _insert(con, "bands", "read_parquet({bands}) WHERE sha256 NOT IN (SELECT sha256 FROM run_copies)",
                {"key": "band", "sha256": "sha256"}, globs)
        _insert(con, "mentions", "read_parquet({mentions}) m JOIN read_parquet({merged}) a USING (pos, ord) "
                "JOIN run_seq s USING (pos)",
                {"document": "m.document", "event": "m.event", "seq": "s.seq", "ord": "m.ord",
                 "canonical": "a.canonical", "row": "m.row"}, globs)
        _insert(con, "claims", "read_parquet({claims_tied}) t JOIN run_seq s USING (pos)",
                {"document": "t.document", "claim": "t.claim", "seq": "s.seq", "ord": "t.ord",
                 "canonical": "t.canonical", "row": "t.row"}, globs)
        con.execute("DELETE FROM events WHERE id IN (SELECT canonical FROM read_parquet(?) WHERE pos < 0)",
                    [globs["merged"]])
        _insert(con, "events", "read_parquet({merged}) WHERE pos < 0",
                {"id": "canonical", "block": "block", "start_day": "start_day", "end_day": "end_day",
                 "profile": "profile"}, globs)
        _insert(con, "errors", "run_errors e JOIN run_seq s USING (pos)",
                {"key": "e.key", "seq": "s.seq", "input": "e.input", "document": "e.document", "stage": "e.stage",
                 "reason": "e.reason"}, globs)
        added = con.execute("SELECT count(*) FROM read_parquet(?)", [globs["documents"]]).fetchone()[0]
        errors = con.execute("SELECT count(*) FROM run_errors").fetchone()[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("run_copies")
    ledger._seq = None  # the ledger's own writer numbers on from what is now there
    return added, errors


def _insert(con, table: str, source: str, expressions: dict[str, str], globs: dict[str, str]) -> None:
    """INSERT the ledger's columns of `table` from `source` (Parquet tables named {table}), by name: the
    ledger decides its columns, each must have an expression here."""
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    select = ", ".join(f"{expressions[c]} AS \"{c}\"" for c in columns)
    quoted = {name: "'" + glob.replace("'", "''") + "'" for name, glob in globs.items()}
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM {source.format(**quoted)}")


def claim_groups(folder: str | Path) -> list[dict]:
    """The claim groups of a run's Parquet tables, in the order the ledger lists them."""
    import duckdb

    rows = duckdb.execute('SELECT "group" FROM read_parquet(?) ORDER BY pos, ord, "index"',
                          [_glob(Path(folder), "claim_groups")]).fetchall()
    return [json.loads(row[0]) for row in rows]
