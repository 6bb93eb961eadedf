"""What the web app reads: the ledger through a small query interface, in the spec's shapes.

Every row the app shows comes from one of `Ledger`'s methods, in the shapes of the spec's "The
ledger" section (extra fields allowed). `DuckDBLedger` answers them with the query functions the
CLI's `dateline events|claims|disputes|documents` use (`dateline.ledger.queries`), adding the
filters and paging the web needs.
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from ..errors import ReportError
from ..ledger import Ledger as Store
from ..ledger import queries, text_key

FILTER_NAMES = ("start", "end", "country", "admin1", "type", "actor", "source", "q")
DOCUMENT_FIELDS = ("id", "sha256", "title", "url", "outlet", "published", "copy_of")
CACHED_ANSWERS = 64


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
    store = Store.checked(str(path), read_only=not writable)
    store.release()
    return DuckDBLedger(store, writable=writable)


def _named(needle: str, people: list[dict]) -> bool:
    return any(needle.casefold() in (person["name"] or "").casefold() for person in people)


def _dated(claim: dict, documents: dict) -> dict:
    """A claim with the outlet and publication date of its report: who said it where, and when."""
    outlet, published = documents.get(claim["document"], (None, None))
    return {**claim, "outlet": outlet, "published": published}


class DuckDBLedger:
    """A ledger file, one connection shared by the server's threads (one query at a time), opened per
    request and released after it, so that `dateline ingest` can write between requests."""

    def __init__(self, store: Store, *, writable: bool = False) -> None:
        self.store, self.writable = store, writable
        self._lock = threading.Lock()
        self._answers: dict[tuple, object] = {}  # until the file changes
        self._stamp = store.stamp()

    @contextmanager
    def _open(self):
        """One request's use of the ledger: one at a time, answers remembered while the file is unchanged."""
        with self._lock:
            stamp = self.store.stamp()
            if stamp != self._stamp:
                self._answers.clear()
                self._stamp = stamp
            try:
                yield
            finally:
                self.store.release()

    def _query(self, function, filters: queries.Filters, **options) -> list[dict]:
        """A query's rows, remembered until the ledger changes (callers copy before changing them)."""
        key = (function.__name__, repr(filters), tuple(sorted(options.items())))
        if key not in self._answers:
            if len(self._answers) >= CACHED_ANSWERS:
                self._answers.pop(next(iter(self._answers)))
            self._answers[key] = function(self.store, filters, **options)
        return self._answers[key]

    def close(self) -> None:
        self.store.close()

    def _events(self, filters: Filters) -> list[dict]:
        rows = self._query(queries.events, filters.for_queries())
        if filters.actor:
            rows = [e for e in rows if _named(filters.actor, e["actors"] + e["recipients"])]
        return rows

    def events(self, filters: Filters, limit: int, offset: int) -> Page:
        with self._open():
            rows = self._events(filters)
        return Page(rows[offset:offset + limit], len(rows))

    def event(self, event_id: str) -> dict | None:
        with self._open():
            return next((e for e in self._query(queries.events, queries.Filters()) if e["id"] == event_id), None)

    def claims(self, filters: Filters, limit: int, offset: int, disputed: bool = False,
               event: str | None = None) -> Page:
        """Claim groups (only those tied to `event`, when given: dating every group costs a page load)."""
        with self._open():
            groups = self._query(queries.claim_groups, filters.for_queries(), disputed_only=disputed)
            if event is not None:
                groups = [g for g in groups if g["event"] == event]
            if filters.actor:
                wanted = {e["id"] for e in self._events(Filters(actor=filters.actor))}
                groups = [g for g in groups if g["event"] in wanted]
            documents = self._document_dates()
        page = [{**group, "claims": [_dated(claim, documents) for claim in group["claims"]]}
                for group in groups[offset:offset + limit]]
        return Page(page, len(groups))

    def documents(self, filters: Filters, limit: int, offset: int) -> Page:
        with self._open():
            rows = self._query(queries.documents, filters.for_queries())
            if filters.actor:
                wanted = {m["document"] for e in self._events(Filters(actor=filters.actor)) for m in e["mentions"]}
                rows = [d for d in rows if d["id"] in wanted]
        return Page(rows[offset:offset + limit], len(rows))

    def document(self, document_id: str) -> dict | None:
        """One report: its text, and the rows the ledger keeps of its event mentions and its claims."""
        with self._open():
            row = self.store.con.execute(
                "SELECT d.id, d.sha256, d.title, d.url, d.outlet, d.published, o.id, d.text "
                "FROM documents d LEFT JOIN documents o ON o.sha256 = d.copy_of WHERE d.id = ? ORDER BY d.seq LIMIT 1",
                [document_id]).fetchone()
            if row is None:
                return None
            document = dict(zip((*DOCUMENT_FIELDS, "text"), row))
            for table in ("mentions", "claims"):  # fixed names, not input
                rows = self.store.con.execute(f"SELECT row FROM {table} WHERE document = ? ORDER BY ord",
                                              [document["sha256"]]).fetchall()
                document[table] = [json.loads(found) for found, in rows]
        return document

    def _document_dates(self) -> dict[str, tuple[str | None, str | None]]:
        """Each report's outlet and publication date, by id."""
        key = ("outlets and dates",)
        if key not in self._answers:
            rows = self.store.con.execute("SELECT id, outlet, published FROM documents").fetchall()
            self._answers[key] = {document_id: (outlet, published) for document_id, outlet, published in rows}
        return self._answers[key]

    def add_report(self, report: dict) -> dict:
        """Read one report and ingest it (as `dateline ingest` would); the document row it became."""
        from ..ingest import ingest_reports
        from ..model import Report
        from ..validate import check_text
        if not self.writable:
            raise PermissionError("the ledger is open read-only")
        check_text(report["text"])
        with self._open():
            totals = ingest_reports([("api", Report(**report))], self.store)
            self._answers.clear()
            if totals.errors:
                stage, reason = self.store.con.execute(
                    "SELECT stage, reason FROM errors ORDER BY seq DESC LIMIT 1").fetchone()
                raise ReportError(stage, reason)
            row = self.store.con.execute(f"SELECT {', '.join(DOCUMENT_FIELDS[:-1])} FROM documents WHERE sha256 = ?",
                                         [text_key(report["text"])]).fetchone()
        return {**dict(zip(DOCUMENT_FIELDS[:-1], row)), "added": bool(totals.added)}
