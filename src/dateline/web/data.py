"""What the web app reads: the ledger through a small query interface, in the spec's shapes.

Every row the app shows comes from one of `Ledger`'s methods, in the shapes of the spec's "The
ledger" section (extra fields allowed). `DuckDBLedger` answers them from an `Index` of the ledger's
events and claim groups (assembled by the query functions the CLI's `dateline events|claims|disputes`
use, `dateline.ledger.queries`, once for each version of the file) and from the ledger's own tables,
filtering, counting and paging in SQL. The file is opened only while a request reads it, so that
`dateline ingest` can write between requests; the index is rebuilt when the file has changed.
"""
from __future__ import annotations

import atexit
import json
import os
import threading
import time
import weakref
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol

from ..errors import ReportError
from ..ledger import Ledger as Store
from ..ledger import queries, text_key
from ..ledger.queries import contains_pattern
from ..ledger.store import LOCK_RETRY, waiting_marker
from .index import Index, contains_sql, event_conditions, page

LEASE_S = 5.0                # the longest serve holds the ledger file while requests keep coming
YIELD_S = 1.2 * LOCK_RETRY   # then how long it leaves the file to others
WATCH_S = 0.2                # how often an idle server looks for a waiting writer
FILTER_NAMES = ("start", "end", "country", "admin1", "type", "actor", "source", "q")
DOCUMENT_FIELDS = ("id", "sha256", "title", "url", "outlet", "published", "copy_of")


@dataclass(frozen=True)
class Filters:
    """The filter bar: every field is optional and all given ones must hold."""
    start: str | None = None     # ISO date: events ending on or after it
    end: str | None = None       # ISO date: events starting on or before it
    country: str | None = None   # ISO 3166 alpha-3 of the place
    admin1: str | None = None
    type: str | None = None      # PLOVER type or ACLED event type
    actor: str | None = None     # part of an actor's or recipient's name
    source: str | None = None    # part of a source's or outlet's name
    q: str | None = None         # words in the evidence (events) or the text (documents)

    def items(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in asdict(self).items() if value]

    def for_queries(self) -> queries.Filters:
        return queries.Filters(country=self.country, admin1=self.admin1, type=self.type, since=self.start,
                               until=self.end, source=self.source, text=self.q)


@dataclass
class Page:
    rows: list[dict]
    total: int


class Ledger(Protocol):
    writable: bool

    def events(self, filters: Filters, limit: int, offset: int) -> Page: ...
    def event(self, event_id: str) -> dict | None: ...
    def claims(self, filters: Filters, limit: int, offset: int, disputed: bool = False,
               event: str | None = None) -> Page: ...
    def documents(self, filters: Filters, limit: int, offset: int) -> Page: ...
    def document(self, document_id: str) -> dict | None: ...
    def add_report(self, report: dict) -> dict: ...
    def version(self) -> object: ...


def open_ledger(path: str | Path, *, writable: bool = False) -> "DuckDBLedger":
    if not Path(path).exists():
        raise FileNotFoundError(f"no ledger at {path}: run `dateline ingest PATH --ledger {path}` first")
    return DuckDBLedger(Store.checked(str(path), read_only=not writable), writable=writable)


_HOLDING: "weakref.WeakSet[DuckDBLedger]" = weakref.WeakSet()  # ledgers whose file is open, with a watch


@atexit.register
def _let_go_of_files() -> None:
    """Release every file still held before the interpreter tears DuckDB down: a watch thread waking
    meanwhile would close a connection in a half-finalised process (and abort it)."""
    for ledger in list(_HOLDING):
        with ledger._state:
            ledger._release()


class DuckDBLedger:
    """A ledger file: events and claim groups from an index of the file's current version, reports read
    from the file itself (requests side by side; rebuilding the index and writing alone)."""

    def __init__(self, store: Store, *, writable: bool = False) -> None:
        self.store, self.writable = store, writable
        self._state = threading.Condition()
        self._users, self._closing = 0, False
        self._lease: threading.Timer | None = None  # set while the file is open
        self._released_at = self._opened_at = 0.0
        self._waiting = waiting_marker(store.path)
        with self._alone():
            self._stamp, self._index = store.stamp(), Index(store)

    def close(self) -> None:
        with self._state:
            self._release()
        self._index.close()
        self.store.close()

    def version(self) -> object:
        """What changes whenever the file does, another process's commits included."""
        return self.store.stamp()

    @contextmanager
    def _open(self):
        """A cursor on the file's connection for one request; requests read side by side. The file stays
        open across requests (opening it for each cost more than the request) until a writer waiting for
        it says so (`dateline ingest` keeps a marker file while it waits), or LEASE_S at most for writers
        that do not; then it is not reopened for YIELD_S, so that the writer, retrying every LOCK_RETRY,
        gets the file."""
        with self._state:
            con = self._connection()
            self._users += 1
        cursor = con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._state:
                self._users -= 1
                self._state.notify_all()
                if os.path.exists(self._waiting):
                    self._release()

    @contextmanager
    def _alone(self):
        """The store to itself, no request reading meanwhile (to rebuild the index, to write)."""
        with self._state:
            while self._users:
                self._state.wait()
            self._connection()
            yield self.store

    def _connection(self):
        """The open connection (the state's lock held), opened if need be."""
        while self._closing:
            self._state.wait()
        if self._lease is None:
            time.sleep(max(0.0, self._released_at + YIELD_S - time.monotonic()))
            self._opened_at = time.monotonic()
            self._watch()
        try:
            return self.store.con
        except BaseException:
            self._release()
            raise

    def _watch(self) -> None:
        """Check now and then, requests or not, whether to let go of the file."""
        _HOLDING.add(self)
        self._lease = threading.Timer(WATCH_S, self._check)
        self._lease.daemon = True
        self._lease.start()

    def _check(self) -> None:
        with self._state:
            if self._lease is None:
                return
            if os.path.exists(self._waiting) or time.monotonic() - self._opened_at >= LEASE_S:
                self._release()
            else:
                self._watch()

    def _release(self) -> None:
        """Close the file once no request reads it (the state's lock held)."""
        self._closing = True
        while self._users:
            self._state.wait()
        if self._lease is not None:
            self._lease.cancel()
            self._lease, self._released_at = None, time.monotonic()
        try:
            self.store.release()
        finally:
            self._closing = False
            self._state.notify_all()

    def _current(self) -> Index:
        """The index of the file as it is now: rebuilt, once, when the file has changed."""
        if self.store.stamp() != self._stamp:
            with self._alone():
                stamp = self.store.stamp()
                if stamp != self._stamp:
                    self._index, self._stamp = Index(self.store), stamp
        return self._index

    def events(self, filters: Filters, limit: int, offset: int) -> Page:
        index = self._current()
        seqs, total = index.page("events", *_event_conditions(filters), limit, offset)
        return Page([index.events[seq] for seq in seqs], total)

    def event(self, event_id: str) -> dict | None:
        index = self._current()
        seqs, _ = index.page("events", "id = ?", [event_id], 1, 0)
        return index.events[seqs[0]] if seqs else None

    def claims(self, filters: Filters, limit: int, offset: int, disputed: bool = False,
               event: str | None = None) -> Page:
        """Claim groups (only those tied to `event`, when given)."""
        conditions, params = ["TRUE"], []
        if any((filters.country, filters.admin1, filters.type, filters.start, filters.end, filters.q)):
            where, found = _event_conditions(replace(filters, actor=None))
            conditions.append(f"event IN (SELECT id FROM events WHERE {where})")
            params += found
        if filters.source:
            conditions.append(f"seq IN (SELECT seq FROM group_sources WHERE {contains_sql('source')})")
            params.append(contains_pattern(filters.source))
        if disputed:
            conditions.append("disputed")
        if event is not None:
            conditions.append("event = ?")
            params.append(event)
        if filters.actor:
            where, found = _event_conditions(Filters(actor=filters.actor))
            conditions.append(f"event IN (SELECT id FROM events WHERE {where})")
            params += found
        index = self._current()
        seqs, total = index.page("groups", " AND ".join(conditions), params, limit, offset)
        return Page([index.groups[seq] for seq in seqs], total)

    def documents(self, filters: Filters, limit: int, offset: int) -> Page:
        index = self._current()
        ids = None  # the reports that mention an event of this place and type, and one of this actor
        for wanted in (Filters(country=filters.country, admin1=filters.admin1, type=filters.type),
                       Filters(actor=filters.actor)):
            if wanted != Filters():
                mentioning = index.document_ids(*_event_conditions(wanted))
                ids = mentioning if ids is None else sorted(set(ids) & set(mentioning))
        where, params = queries.document_conditions(filters.for_queries(), ids)
        with self._open() as con:
            rows, total = page(con, queries.DOCUMENT_COLUMNS_SQL, queries.DOCUMENT_SOURCE, where, "d.seq",
                               params, limit, offset)
        return Page([dict(zip(queries.DOCUMENT_COLUMNS, row)) for row in rows], total)

    def document(self, document_id: str) -> dict | None:
        """One report: its text, and the rows the ledger keeps of its event mentions and its claims."""
        seq = self._current().document_seqs.get(document_id)
        if seq is None:
            return None
        with self._open() as con:
            row = con.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents WHERE seq = ?", [seq]).fetchone()
            document = dict(zip((*DOCUMENT_FIELDS, "text"), row))
            if document["copy_of"]:
                document["copy_of"] = con.execute("SELECT id FROM documents WHERE sha256 = ?",
                                                  [document["copy_of"]]).fetchone()[0]
            readings = con.execute("SELECT 'mentions', ord, row FROM mentions WHERE seq = ? UNION ALL "
                                   "SELECT 'claims', ord, row FROM claims WHERE seq = ? ORDER BY ord", [seq] * 2).fetchall()
        document["mentions"], document["claims"] = [], []
        for table, _, found in readings:
            document[table].append(json.loads(found))
        return document

    def add_report(self, report: dict) -> dict:
        """Read one report and ingest it (as `dateline ingest` would); the document row it became."""
        from ..ingest import ingest_reports
        from ..model import Report
        from ..validate import check_text
        if not self.writable:
            raise PermissionError("the ledger is open read-only")
        check_text(report["text"])
        with self._alone():  # the index follows on the next request: the file has changed
            totals = ingest_reports([("api", Report(**report))], self.store)
            con = self.store.con  # ingest released the connection it wrote through
            if totals.errors:
                stage, reason = con.execute("SELECT stage, reason FROM errors ORDER BY seq DESC LIMIT 1").fetchone()
                raise ReportError(stage, reason)
            row = con.execute(f"SELECT {', '.join(DOCUMENT_FIELDS[:-1])} FROM documents WHERE sha256 = ?",
                              [text_key(report["text"])]).fetchone()
        return {**dict(zip(DOCUMENT_FIELDS[:-1], row)), "added": bool(totals.added)}


def _event_conditions(filters: Filters) -> tuple[str, list]:
    return event_conditions(country=filters.country, admin1=filters.admin1, type=filters.type, since=filters.start,
                            until=filters.end, source=filters.source, text=filters.q, actor=filters.actor)
