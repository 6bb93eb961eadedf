"""The ledger's canonical events and claim groups, assembled once, with DuckDB tables to query them.

Assembling an event (its mentions, people, figures) is Python work over the whole ledger; done on each
request, it was the server's cost. An `Index` does it once for a version of the ledger and keeps the
rows, and an in-memory DuckDB database holds what the filters look at, one row per event or group
(and one per name or sentence a filter matches a part of), so that each request filters, sorts,
counts and pages in SQL and only picks finished rows by position. Every thread reads through its own
cursor.
"""
from __future__ import annotations

import threading

import duckdb

from ..ledger import queries
from ..ledger.queries import LIKE_ESCAPE, contains_pattern
from ..ledger.store import Ledger as Store, row_type

TABLES = """
CREATE TABLE events (seq INTEGER, id VARCHAR, block VARCHAR, start_day VARCHAR, end_day VARCHAR, country VARCHAR,
                     admin1 VARCHAR, type VARCHAR, acled_type VARCHAR, date_start VARCHAR, date_end VARCHAR);
CREATE TABLE event_terms (seq INTEGER, role VARCHAR, term VARCHAR);
CREATE TABLE groups (seq INTEGER, event VARCHAR, disputed BOOLEAN);
CREATE TABLE group_sources (seq INTEGER, source VARCHAR);
"""
# what a filter matches a part of: roles in event_terms
PERSON, SOURCE, EVIDENCE, DOCUMENT = "person", "source", "evidence", "document"


def contains_sql(column: str) -> str:
    """`column` holds the parameter's text anywhere (the parameter a `contains_pattern`)."""
    return f"{column} ILIKE ? ESCAPE '{LIKE_ESCAPE}'"


def _has_term(role: str) -> str:
    return f"seq IN (SELECT seq FROM event_terms WHERE role = '{role}' AND {contains_sql('term')})"


class Index:
    """Events and claim groups of one version of a ledger (build a new one when the ledger changes)."""

    def __init__(self, store: Store) -> None:
        groups = queries.claim_groups(store)
        self.events = queries.events(store, groups=groups)
        self.groups = _dated(groups, store)
        # each report's place in the ledger (the first, should two share an id): its rows are found by it
        self.document_seqs = dict(store.con.execute("SELECT id, min(seq) FROM documents GROUP BY id").fetchall())
        self._con = duckdb.connect()
        self._con.execute(TABLES)
        self._fill(store)
        self._cursors = threading.local()

    def close(self) -> None:
        self._con.close()

    def page(self, table: str, where: str, params: list, limit: int, offset: int) -> tuple[list[int], int]:
        """Positions (seq) of the rows of `table` that meet `where`, in order, one page of them; and their count."""
        rows, total = page(self._cursor(), "seq", table, where, "seq", params, limit, offset)
        return [seq for seq, in rows], total

    def document_ids(self, where: str, params: list) -> list[str]:
        """The reports that mention the events meeting `where`."""
        rows = self._cursor().execute(f"SELECT DISTINCT term FROM event_terms WHERE role = '{DOCUMENT}' AND seq IN "
                                      f"(SELECT seq FROM events WHERE {where}) ORDER BY term", params).fetchall()
        return [found for found, in rows]

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        if not hasattr(self._cursors, "cursor"):
            self._cursors.cursor = self._con.cursor()
        return self._cursors.cursor

    def _fill(self, store: Store) -> None:
        merged = {found[0]: found for found in store.con.execute("SELECT id, block, start_day, end_day FROM events").fetchall()}
        events, terms = [], []
        for seq, event in enumerate(self.events):
            place, date = event["place"] or {}, event["date"]
            events.append((seq, *merged[event["id"]], place.get("country"),
                           place.get("admin1"), event["type"], (event["acled"] or {}).get("event_type"),
                           date["start"], date["end"]))
            terms += [(seq, PERSON, person["name"]) for person in event["actors"] + event["recipients"]]
            terms += [(seq, SOURCE, name) for name in event["sources"] + event["outlets"]]
            terms += [(seq, EVIDENCE, mention["evidence"]) for mention in event["mentions"]]
            terms += [(seq, DOCUMENT, document) for document in event["documents"]]
        _insert(self._con, "events", events)
        _insert(self._con, "event_terms", [term for term in terms if term[2] is not None])
        _insert(self._con, "groups", [(seq, group["event"], group["disputed"]) for seq, group in enumerate(self.groups)])
        _insert(self._con, "group_sources", [(seq, claim["source"]) for seq, group in enumerate(self.groups)
                                             for claim in group["claims"] if claim["source"] is not None])


def page(cursor: duckdb.DuckDBPyConnection, columns: str, source: str, where: str, order: str, params: list,
         limit: int, offset: int) -> tuple[list[tuple], int]:
    """One page of `SELECT columns FROM source WHERE where ORDER BY order`, and how many rows there are in all:
    one query (the count is a window over every row), and a second only to count when the page is past the end."""
    rows = cursor.execute(f"SELECT {columns}, count(*) OVER () FROM {source} WHERE {where} ORDER BY {order} "
                          "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    if rows:
        return [row[:-1] for row in rows], rows[0][-1]
    return [], cursor.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]


def _dated(groups: list[dict], store: Store) -> list[dict]:
    """Claim groups whose every claim carries the outlet and publication date of its report: who said it where, when."""
    rows = store.con.execute("SELECT id, outlet, published FROM documents").fetchall()
    documents = {document_id: (outlet, published) for document_id, outlet, published in rows}
    dated = []
    for group in groups:
        claims = []
        for claim in group["claims"]:
            outlet, published = documents.get(claim["document"], (None, None))
            claims.append({**claim, "outlet": outlet, "published": published})
        dated.append({**group, "claims": claims})
    return dated


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Many rows in one statement, as the ledger's store inserts them."""
    if rows:
        names, struct = row_type(con, table)
        con.execute(f"INSERT INTO {table} SELECT unnest(?::{struct}[], recursive := true)",
                    [[dict(zip(names, row)) for row in rows]])


def event_conditions(country: str | None = None, admin1: str | None = None, type: str | None = None,
                     since: str | None = None, until: str | None = None, source: str | None = None,
                     text: str | None = None, actor: str | None = None) -> tuple[str, list]:
    """SQL over the index's events for the filters (the same tests as `queries.events`, and the web's actor)."""
    conditions, params = ["TRUE"], []
    if country:
        conditions.append("block = ? AND country = ?")
        params += [country.upper()] * 2
    if admin1:
        conditions.append(contains_sql("admin1"))
        params.append(contains_pattern(admin1))
    if type:
        conditions.append(f"(type = ? OR {contains_sql('acled_type')})")
        params += [type.upper(), contains_pattern(type)]
    if since:  # an undated event meets no date range
        conditions.append("end_day >= ? AND coalesce(date_end, date_start, '') >= ?")
        params += [since[:10]] * 2
    if until:
        conditions.append("start_day <= ? AND coalesce(date_start, date_end, '9999') <= ?")
        params += [until[:10]] * 2
    for role, needle in ((SOURCE, source), (EVIDENCE, text), (PERSON, actor)):
        if needle:
            conditions.append(_has_term(role))
            params.append(contains_pattern(needle))
    return " AND ".join(conditions), params
