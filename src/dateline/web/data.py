"""What the web app reads: the ledger through a small query interface, in the spec's shapes.

Every row the app shows comes from one of `Ledger`'s methods, in the shapes of the spec's "The
ledger" section (extra fields allowed). `DuckDBLedger` answers them from an `Index` of the ledger's
events and claim groups (assembled by the query functions the CLI's `dateline events|claims|disputes`
use, `dateline.ledger.queries`, once) and from the ledger's own tables, filtering, counting and paging
in SQL.
"""
from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol

from ..errors import ReportError
from ..ledger import Ledger as Store
from ..ledger import queries, text_key
from ..ledger.queries import contains_pattern
from .index import Index, contains_sql, event_conditions, page

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


def open_ledger(path: str | Path, *, writable: bool = False) -> "DuckDBLedger":
    if not Path(path).exists():
        raise FileNotFoundError(f"no ledger at {path}: run `dateline ingest PATH --ledger {path}` first")
    return DuckDBLedger(Store(str(path), read_only=not writable), writable=writable)


class DuckDBLedger:
    """A ledger file: events and claim groups from its index (rebuilt when a report is added), reports read
    through a cursor of the calling thread's own; writes one at a time."""

    def __init__(self, store: Store, *, writable: bool = False) -> None:
        self.store, self.writable = store, writable
        self._write_lock = threading.Lock()
        self._cursors = threading.local()
        self._index = Index(store)

    def close(self) -> None:
        self._index.close()
        self.store.close()

    def events(self, filters: Filters, limit: int, offset: int) -> Page:
        index = self._index
        seqs, total = index.page("events", *_event_conditions(filters), limit, offset)
        return Page([index.events[seq] for seq in seqs], total)

    def event(self, event_id: str) -> dict | None:
        index = self._index
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
        index = self._index
        seqs, total = index.page("groups", " AND ".join(conditions), params, limit, offset)
        return Page([index.groups[seq] for seq in seqs], total)

    def documents(self, filters: Filters, limit: int, offset: int) -> Page:
        index = self._index
        ids = None  # the reports that mention an event of this place and type, and one of this actor
        for wanted in (Filters(country=filters.country, admin1=filters.admin1, type=filters.type),
                       Filters(actor=filters.actor)):
            if wanted != Filters():
                mentioning = index.document_ids(*_event_conditions(wanted))
                ids = mentioning if ids is None else sorted(set(ids) & set(mentioning))
        where, params = queries.document_conditions(filters.for_queries(), ids)
        rows, total = page(self._cursor(), queries.DOCUMENT_COLUMNS_SQL, queries.DOCUMENT_SOURCE, where, "d.seq",
                           params, limit, offset)
        return Page([dict(zip(queries.DOCUMENT_COLUMNS, row)) for row in rows], total)

    def document(self, document_id: str) -> dict | None:
        """One report: its text, and the rows the ledger keeps of its event mentions and its claims."""
        seq = self._index.document_seqs.get(document_id)
        if seq is None:
            return None
        cursor = self._cursor()
        row = cursor.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents WHERE seq = ?", [seq]).fetchone()
        document = dict(zip((*DOCUMENT_FIELDS, "text"), row))
        if document["copy_of"]:
            document["copy_of"] = cursor.execute("SELECT id FROM documents WHERE sha256 = ?",
                                                 [document["copy_of"]]).fetchone()[0]
        document["mentions"], document["claims"] = [], []
        readings = cursor.execute("SELECT 'mentions', ord, row FROM mentions WHERE seq = ? UNION ALL "
                                  "SELECT 'claims', ord, row FROM claims WHERE seq = ? ORDER BY ord", [seq] * 2).fetchall()
        for table, _, found in readings:
            document[table].append(json.loads(found))
        return document

    def _cursor(self):
        """This thread's cursor on the ledger (DuckDB connections are not for sharing between threads)."""
        if not hasattr(self._cursors, "cursor"):
            self._cursors.cursor = self.store.con.cursor()
        return self._cursors.cursor

    def add_report(self, report: dict) -> dict:
        """Read one report and ingest it (as `dateline ingest` would); the document row it became."""
        from ..ingest import ingest_reports
        from ..model import Report
        from ..validate import check_text
        if not self.writable:
            raise PermissionError("the ledger is open read-only")
        check_text(report["text"])
        with self._write_lock:
            totals = ingest_reports([("api", Report(**report))], self.store)
            if totals.added:
                self._index = Index(self.store)
            if totals.errors:
                stage, reason = self.store.con.execute(
                    "SELECT stage, reason FROM errors ORDER BY seq DESC LIMIT 1").fetchone()
                raise ReportError(stage, reason)
            row = self.store.con.execute(f"SELECT {', '.join(DOCUMENT_FIELDS[:-1])} FROM documents WHERE sha256 = ?",
                                         [text_key(report["text"])]).fetchone()
        return {**dict(zip(DOCUMENT_FIELDS[:-1], row)), "added": bool(totals.added)}


def _event_conditions(filters: Filters) -> tuple[str, list]:
    return event_conditions(country=filters.country, admin1=filters.admin1, type=filters.type, since=filters.start,
                            until=filters.end, source=filters.source, text=filters.q, actor=filters.actor)
