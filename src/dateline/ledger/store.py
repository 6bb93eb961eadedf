"""The ledger on disk: one DuckDB file, written by one process, one transaction per batch.

A batch is committed whole or not at all, so a process killed at any moment leaves the ledger as it
was after some batch; running the same ingest again skips what is there (documents are keyed by the
SHA-256 of their normalised text, errors by what failed where) and carries on exactly as an
uninterrupted run would have, because everything derived (order, copies, canonical events) depends only
on what was committed before and on the inputs that come after.

DuckDB lets one process open a file for writing, or any number open it read-only, never both. So a
writer releases the file between its reads and writes (`Ledger.release`: checkpoint, close), and every
opener waits a while for a lock another process holds: `dateline serve` and the query commands can read
while `dateline ingest` writes. Damage (a bad checksum, a truncated file, not a DuckDB file at all) and a
full disk become a `LedgerError` naming the file and what to do; nothing here deletes or rewrites a file
it found damaged."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import duckdb

from ..errors import LedgerError
from . import minhash
from .merge import merge_mentions, probe
from .rows import claim_rows, mention_rows
from .schema import TABLES

# DuckDB caches the database in memory up to its limit (by default most of the machine's); writing only
# needs the recent blocks, so a fixed cap keeps a long ingest's memory flat (queries read without it)
MEMORY_LIMIT = "128MB"
LOCK_WAIT = 60.0  # seconds an opener waits for another process's lock on the file (a commit, a query)
LOCK_RETRY = 0.05
DAMAGE_SIGNS = ("Corrupt", "Could not read enough bytes", "Failure while replaying WAL", "checksum")
RECOVERY = "see 'Faults and recovery' in the README"


def file_fault(path: str, err: Exception) -> LedgerError | None:
    """The LedgerError for a DuckDB error about the file itself (full disk, lock, damage), else None."""
    message = str(err)
    reason = message.splitlines()[0] if message else type(err).__name__
    if "No space left on device" in message:
        return LedgerError(f"{path}: no space left on the device. The reports committed before are kept: free some "
                           f"space (or move {path} and {path}.wal together to a larger disk) and run the same "
                           "ingest again, it carries on where it stopped")
    if "Could not set lock" in message:
        holder = re.search(r"PID (\d+)", message)
        return LedgerError(f"{path}: in use by another process{f' (PID {holder[1]})' if holder else ''}, which did not "
                           "let go of it in time; try again when it has finished")
    rebuild = f"move {path} and {path}.wal aside and run the same ingest again to rebuild it from the sources"
    if "not a valid DuckDB database file" in message:
        return LedgerError(f"{path}: not a DuckDB file, so not a ledger (the wrong file, or a ledger damaged at its "
                           f"start). It is left as it is; if it was a ledger, {rebuild} ({RECOVERY})")
    if any(sign in message for sign in DAMAGE_SIGNS):
        return LedgerError(f"{path}: damaged ({reason}). It is left as it is: {rebuild} ({RECOVERY})")
    return None


def waiting_marker(path: str) -> str:
    """The file a writer keeps while it waits for the ledger's lock, for readers to notice."""
    return path + ".waiting"


def explain(path: str, err: Exception) -> LedgerError:
    """A LedgerError for any DuckDB error met opening or checking the file."""
    message = str(err).splitlines()[0] if str(err) else type(err).__name__
    return file_fault(path, err) or LedgerError(f"{path}: cannot be opened as a ledger ({message}); {RECOVERY}")


@dataclass
class Item:
    """One pipeline output on its way into the ledger: a dateline/1 document or an error object."""

    input: str
    key: str | None  # text key; None when the input could not even be read
    text: str | None
    output: dict


@dataclass
class Written:
    added: int = 0
    skipped: int = 0
    errors: int = 0


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def error_key(input_: str, document: str | None, stage: str, reason: str) -> str:
    return hashlib.sha256("\x1f".join((input_, document or "", stage, reason)).encode()).hexdigest()


class Ledger:
    """A ledger file (or ":memory:"). Use as a context manager, or call close().

    The connection opens now and again on first use after `release()`, waiting up to `wait` seconds
    for a lock another process holds."""

    def __init__(self, path: str = ":memory:", read_only: bool = False, *, wait: float = 0.0):
        self.path, self.read_only, self.wait = path, read_only, wait
        self._written = False  # since the connection opened: a checkpoint is due on release
        self._seq: int | None = None
        self._types: dict[str, tuple[list[str], str]] = {}
        # opened now, so that a lock held too long or a damaged file is reported here
        self._con: duckdb.DuckDBPyConnection | None = self._connect()

    @classmethod
    def checked(cls, path: str, read_only: bool = False, *, wait: float = LOCK_WAIT) -> "Ledger":
        """The ledger file at `path`, every block of it read back first (see verify): a damaged file
        is reported, and never opened for writing."""
        if not Path(path).exists():
            return cls(path, read_only, wait=wait)
        ledger = cls(path, read_only=True, wait=wait)
        try:
            ledger.verify()
        except BaseException:
            ledger.close()
            raise
        if read_only:
            return ledger
        ledger.close()
        return cls(path, wait=wait)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = self._connect()
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait
        waiting = Path(waiting_marker(self.path))
        try:
            while True:
                try:
                    con = duckdb.connect(self.path, read_only=self.read_only,
                                         config={} if self.read_only else {"memory_limit": MEMORY_LIMIT})
                    break
                except duckdb.Error as err:
                    if "Could not set lock" not in str(err) or time.monotonic() >= deadline:
                        raise explain(self.path, err) from None
                    if not self.read_only:
                        with contextlib.suppress(OSError):
                            waiting.touch()  # asks `dateline serve` to let go of the file (see web/data.py)
                    time.sleep(LOCK_RETRY)
        finally:
            if not self.read_only:
                with contextlib.suppress(OSError):
                    waiting.unlink(missing_ok=True)
        if not self.read_only:
            try:
                con.execute(TABLES)
            except duckdb.Error as err:
                con.close()
                raise explain(self.path, err) from None
        return con

    def release(self) -> None:
        """Let other processes open the file until this ledger is next used: checkpoint what was written
        (so that readers need not replay a log) and close the connection."""
        if self._con is None or self.path == ":memory:":
            return
        con, self._con, self._seq = self._con, None, None
        try:
            if self._written:
                con.execute("CHECKPOINT")
        except duckdb.Error as err:
            raise explain(self.path, err) from None
        finally:
            self._written = False
            con.close()

    def stamp(self) -> tuple | None:
        """Something that changes whenever the file does (another process's commits included)."""
        if self.path == ":memory:":
            return None
        return tuple((s.st_ino, s.st_size, s.st_mtime_ns) if (s := _stat(name)) else None
                     for name in (self.path, self.path + ".wal"))

    def verify(self) -> None:
        """Read every stored value of every table: DuckDB checks each block's checksum as it reads it, so
        damage anywhere in the file is found now rather than by whichever query first reads it."""
        try:
            tables = [row[0] for row in self.con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
            if tables and "documents" not in tables:
                raise LedgerError(f"{self.path}: a DuckDB database but not a Dateline ledger (no documents table); "
                                  "give the ledger `dateline ingest` writes, or a new file")
            for table in tables:
                names, _ = self._columns(table)
                digests = ", ".join(f'bit_xor(hash("{name}"))' for name in names)
                self.con.execute(f'SELECT {digests} FROM "{table}"').fetchall()
        except duckdb.Error as err:
            raise explain(self.path, err) from None

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def known(self, keys: Sequence[str]) -> set[str]:
        """The text keys among `keys` that the ledger already holds."""
        if not keys:
            return set()
        rows = self.con.execute("SELECT sha256 FROM documents WHERE sha256 IN (SELECT unnest(?))", [list(keys)])
        return {row[0] for row in rows.fetchall()}

    def _next_seq(self) -> int:
        if self._seq is None:
            self._seq = self.con.execute(
                "SELECT greatest((SELECT coalesce(max(seq), 0) FROM documents), "
                "(SELECT coalesce(max(seq), 0) FROM errors)) + 1").fetchone()[0]
        return self._seq

    def write(self, items: Iterable[Item]) -> Written:
        """Add a batch in one transaction; what the ledger already holds is skipped."""
        items = list(items)
        written = Written()
        self.con.execute("BEGIN TRANSACTION")
        try:
            seq = self._write(items, written)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self._rollback()
            if fault := file_fault(self.path, err):
                raise fault from None
            raise
        except BaseException:
            self._rollback()
            raise
        self._seq, self._written = seq, True
        return written

    def _rollback(self) -> None:
        """Undo an unfinished batch; after a failed COMMIT there is none, after a fatal error (a checkpoint
        on a full disk) DuckDB refuses everything until reopened, so the connection is dropped."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            self.close()

    def _write(self, items: list[Item], written: Written) -> int:
        seq = self._next_seq()
        known = self.known([i.key for i in items if i.key and "error" not in i.output])
        failures = {id(item): error_key(item.input, item.output["id"], item.output["error"]["stage"],
                                        item.output["error"]["reason"]) for item in items if "error" in item.output}
        known_errors = self._known_errors(list(failures.values()))
        documents, errors, seen = [], [], set()
        for item in items:
            if "error" in item.output:
                key = failures[id(item)]
                if key in known_errors or key in seen:
                    continue
                seen.add(key)
                errors.append((key, seq, item.input, item.output["id"], item.output["error"]["stage"],
                               item.output["error"]["reason"]))
                seq += 1
            elif item.key in known or item.key in seen:
                written.skipped += 1
            else:
                seen.add(item.key)
                documents.append((item, seq))
                seq += 1
        copies, signatures, bands = self._copies(documents)
        self._write_readings(documents, copies)
        self._insert("documents", [
            (item.key, item.output["document"]["id"], s, item.input, item.output["document"]["title"],
             item.output["document"]["url"], item.output["document"]["outlet"], item.output["document"]["published"],
             copies.get(item.key), len(item.text), item.text, signatures[item.key])
            for item, s in documents])
        self._insert("bands", bands)
        self._insert("errors", errors)
        written.added, written.errors = len(documents), len(errors)
        return seq

    def _known_errors(self, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        rows = self.con.execute("SELECT key FROM errors WHERE key IN (SELECT unnest(?))", [keys]).fetchall()
        return {row[0] for row in rows}

    def _copies(self, documents: list[tuple[Item, int]]) -> tuple[dict[str, str], dict[str, bytes], list[tuple]]:
        """Which new documents are near-copies of an earlier one ({key: original key}), their MinHash
        signatures, and their band rows."""
        signatures = {item.key: minhash.signature(item.text) for item, _ in documents}
        band_keys = {key: minhash.band_keys(sig) for key, sig in signatures.items()}
        all_keys = sorted({k for keys in band_keys.values() for k in keys})
        earlier: dict[int, list[tuple[int, str, str | None, object]]] = {}
        hits = self.con.execute("SELECT key, sha256 FROM bands WHERE key IN (SELECT unnest(?))", [all_keys]).fetchall() \
            if all_keys else []
        if hits:
            rows = self.con.execute("SELECT sha256, seq, copy_of, minhash FROM documents "
                                    "WHERE sha256 IN (SELECT unnest(?))", [sorted({sha for _, sha in hits})]).fetchall()
            found = {sha: (seq, sha, copy_of, minhash.from_bytes(blob)) for sha, seq, copy_of, blob in rows}
            for key, sha in hits:
                earlier.setdefault(key, []).append(found[sha])
        copies: dict[str, str] = {}
        for item, seq in documents:
            sig = signatures[item.key]
            matches = [(s, sha, copy_of) for k in band_keys[item.key] for s, sha, copy_of, other in earlier.get(k, ())
                       if minhash.similarity(sig, other) >= minhash.COPY_THRESHOLD]
            if matches:
                _, sha, copy_of = min(matches)
                copies[item.key] = copy_of or sha
            for k in band_keys[item.key]:
                if item.key not in copies:
                    earlier.setdefault(k, []).append((seq, item.key, None, sig))
        # only originals are looked up: a later copy of a copy resembles the original as much
        bands = [(k, key) for key, keys in band_keys.items() if key not in copies for k in sorted(set(keys))]
        return copies, {key: minhash.to_bytes(sig) for key, sig in signatures.items()}, bands

    def _write_readings(self, documents: list[tuple[Item, int]], copies: dict[str, str]) -> None:
        """Mentions merged into canonical events, and claims tied to those events."""
        mentions = [(row, seq) for item, seq in documents for row in mention_rows(item.output, item.key)]
        assigned, changed = merge_mentions([row for row, _ in mentions], self._candidates([m for m, _ in mentions]))
        claims = []
        for item, seq in documents:
            main = _main_event(item.key, [row for row, _ in mentions if row["document"] == item.key], assigned)
            for order, row in enumerate(claim_rows(item.output, item.key)):
                canonical = assigned.get((item.key, row["event"])) if row["event"] else None
                claims.append((item.key, row["claim"], seq, order, canonical or main, _dumps(row)))
        order_in_document: dict[str, int] = {}
        mention_records = []
        for row, seq in mentions:
            order = order_in_document[row["document"]] = order_in_document.get(row["document"], -1) + 1
            mention_records.append((row["document"], row["event"], seq, order,
                                    assigned[(row["document"], row["event"])], _dumps(row)))
        self._insert("mentions", mention_records)
        self._insert("claims", claims)
        if changed:
            self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [sorted(changed)])
            self._insert("events", [(e["id"], e["block"], e["start"], e["end"], _dumps(e))
                                    for _, e in sorted(changed.items())])

    def _candidates(self, mentions: list[dict]) -> list[dict]:
        """Events in the ledger that any of these mentions could join (same block, near in time)."""
        probes = sorted({p for p in map(probe, mentions) if p})
        if not probes:
            return []
        rows = self.con.execute(
            "SELECT DISTINCT e.profile FROM events e JOIN "
            "(SELECT unnest(?::STRUCT(block VARCHAR, lo VARCHAR, hi VARCHAR)[], recursive := true)) p "
            "ON e.block = p.block AND e.end_day >= p.lo AND e.start_day <= p.hi",
            [[dict(zip(("block", "lo", "hi"), p)) for p in probes]]).fetchall()
        return [json.loads(row[0]) for row in rows]

    def _insert(self, table: str, rows: list[tuple]) -> None:
        """Many rows in one statement: one list-of-structs parameter, unnested (far cheaper than VALUES)."""
        if not rows:
            return
        names, struct = self._columns(table)
        self.con.execute(f"INSERT INTO {table} SELECT unnest(?::{struct}[], recursive := true)",
                         [[dict(zip(names, row)) for row in rows]])

    def _columns(self, table: str) -> tuple[list[str], str]:
        if table not in self._types:
            self._types[table] = row_type(self.con, table)
        return self._types[table]


def _stat(name: str) -> os.stat_result | None:
    try:
        return os.stat(name)
    except FileNotFoundError:
        return None


def row_type(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], str]:
    """A table's column names and the STRUCT type of one of its rows (to insert rows as one list parameter)."""
    described = con.execute(f"DESCRIBE {table}").fetchall()
    return [row[0] for row in described], "STRUCT(" + ", ".join(f'"{n}" {t}' for n, t, *_ in described) + ")"


def _main_event(key: str, mentions: list[dict], assigned: dict[tuple[str, str], str]) -> str | None:
    """The canonical event a report is mostly about: the one most of its real mentions joined."""
    counts: dict[str, int] = {}
    for row in mentions:
        if row["status"] in ("asserted", "negated"):
            event = assigned[(key, row["event"])]
            counts[event] = counts.get(event, 0) + 1
    return max(counts, key=lambda e: counts[e]) if counts else None
