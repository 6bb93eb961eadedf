"""`dateline serve`: pages and a JSON API over a ledger, every page with its JSON twin.

Read-only unless writing is switched on (then POST /api/reports needs the bearer token). Filters
live in the URL; every error is the same JSON envelope {"ok": false, "error", "status"} under /api.
"""
from __future__ import annotations

import csv
import hmac
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import LedgerError, ReportError
from ..validate import has_unpaired_surrogate
from .cache import AnswerCache
from .charts import map_view, timeline_view
from .data import FILTER_NAMES, Filters, Ledger, Page
from .views import all_rows, document_runs, event_reports, source_table, with_evidence

HERE = Path(__file__).parent
MAX_BODY_BYTES = 1_000_000
MAX_LIMIT = 1000
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
REPORT_FIELDS = ("id", "title", "url", "outlet", "published")


# async so that FastAPI calls them on the event loop: they only read the URL (a sync one goes to a thread)
async def read_filters(
    start: Annotated[str | None, Query(pattern=DATE, description="events ending on or after this date")] = None,
    end: Annotated[str | None, Query(pattern=DATE, description="events starting on or before this date")] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO 3166 alpha-3 code of the place")] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=60, description="PLOVER type or ACLED event type")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name")] = None,
    source: Annotated[str | None, Query(max_length=200, description="part of a source's or outlet's name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the evidence")] = None,
) -> Filters:
    return Filters(*(value.strip() or None if value else None
                     for value in (start, end, country, admin1, type, actor, source, q)))


@dataclass
class Paging:
    limit: int
    offset: int


async def read_paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                      offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Paging:
    return Paging(limit, offset)


FiltersParam = Annotated[Filters, Depends(read_filters)]
PagingParam = Annotated[Paging, Depends(read_paging)]


def create_app(ledger: Ledger, *, allow_writes: bool = False, token: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    if allow_writes and not token:
        raise ValueError("writing through the API needs a token")
    if allow_writes and not ledger.writable:
        raise ValueError("writing through the API needs the ledger opened writable")
    app = FastAPI(title="Dateline", version=__version__, docs_url=None, redoc_url=None,
                  description="Events, claims, disputes, documents and sources of a Dateline ledger. "
                              "Every list takes the same filters and `limit`/`offset`; "
                              "errors are `{ok: false, error, status}`.")
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                            trim_blocks=True, lstrip_blocks=True)
    templates.globals.update(version=__version__, filter_names=FILTER_NAMES)
    templates.globals["query_with"] = query_with
    templates.filters["figure"] = figure
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        body = templates.get_template(template).render(request=request, **context)
        return HTMLResponse(body, status_code=status)

    def choices() -> dict:
        """The filter bar's menus: every type and country in the ledger."""
        events = all_rows(ledger.events, Filters())
        return {"types": sorted({event["type"] for event in events}),
                "countries": sorted({(event["place"] or {}).get("country") for event in events} - {None})}

    app.add_middleware(Guard, max_body_bytes=max_body_bytes)
    app.add_middleware(AnswerCache, version=ledger.version)  # outermost: what it remembers passed the guard

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return _error_for(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error_for(request, 400, problems or "invalid request")

    @app.exception_handler(LedgerError)
    async def ledger_unavailable(request: Request, exc: LedgerError):
        print(f"dateline: {exc}", file=sys.stderr)  # the file and what to do are for the operator, not the client
        return _error_for(request, 503, "the ledger cannot be read just now; try again later")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        return _error_for(request, 500, "internal error")

    def _error_for(request: Request, status: int, message: str):
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return _error(status, message)
        return page(request, "error.html", status=status, status_code=status, message=message)

    # the API

    @app.get("/api/events", tags=["events"], summary="Canonical events merged across reports")
    def api_events(request: Request, filters: FiltersParam, paging: PagingParam):
        return _listing(request, ledger.events(filters, paging.limit, paging.offset), paging)

    @app.get("/api/events.csv", tags=["events"], summary="Events as CSV (one row an event)")
    def api_events_csv(filters: FiltersParam):
        return _csv("events", [_flat_event(e) for e in all_rows(ledger.events, filters)])

    @app.get("/api/events.geojson", tags=["events"], summary="Located events as a GeoJSON FeatureCollection")
    def api_events_geojson(filters: FiltersParam):
        return Response(json.dumps(_geojson(all_rows(ledger.events, filters)), ensure_ascii=False),
                        media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="events.geojson"'})

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with every report that mentions it")
    def api_event(event_id: str):
        event = _found(ledger.event(event_id), "event")
        return JSONResponse({"ok": True, "row": event, "reports": event_reports(ledger, event),
                             "claims": all_rows(ledger.claims, Filters(), event=event["id"])})

    @app.get("/api/claims", tags=["claims"], summary="Claim groups: one quantity's figures across reports")
    def api_claims(request: Request, filters: FiltersParam, paging: PagingParam):
        return _listing(request, ledger.claims(filters, paging.limit, paging.offset), paging)

    @app.get("/api/claims.csv", tags=["claims"], summary="Every figure of every claim group as CSV")
    def api_claims_csv(filters: FiltersParam):
        return _csv("claims", _flat_claims(all_rows(ledger.claims, filters)))

    @app.get("/api/disputes", tags=["claims"], summary="Claim groups whose figures cannot all hold")
    def api_disputes(request: Request, filters: FiltersParam, paging: PagingParam):
        return _listing(request, ledger.claims(filters, paging.limit, paging.offset, disputed=True), paging)

    @app.get("/api/disputes.csv", tags=["claims"], summary="Every figure of every dispute as CSV")
    def api_disputes_csv(filters: FiltersParam):
        return _csv("disputes", _flat_claims(all_rows(ledger.claims, filters, disputed=True)))

    @app.get("/api/documents", tags=["documents"], summary="Reports in the ledger")
    def api_documents(request: Request, filters: FiltersParam, paging: PagingParam):
        return _listing(request, ledger.documents(filters, paging.limit, paging.offset), paging)

    @app.get("/api/documents.csv", tags=["documents"], summary="Reports as CSV")
    def api_documents_csv(filters: FiltersParam):
        return _csv("documents", all_rows(ledger.documents, filters))

    @app.get("/api/documents/{document_id}", tags=["documents"],
             summary="One report: its text, its event mentions and its claims")
    def api_document(document_id: str):
        return JSONResponse({"ok": True, "row": _found(ledger.document(document_id), "document")})

    @app.get("/api/sources", tags=["sources"],
             summary="Outlets and cited sources: what each reported, how often outside the consensus")
    def api_sources(request: Request, filters: FiltersParam, paging: PagingParam):
        rows = source_table(ledger, filters)
        return _listing(request, _slice(rows, paging), paging)

    @app.get("/api/sources.csv", tags=["sources"], summary="The sources table as CSV")
    def api_sources_csv(filters: FiltersParam):
        return _csv("sources", source_table(ledger, filters))

    @app.post("/api/reports", tags=["writing"], status_code=201,
              summary="Read a report and add it to the ledger (only when writing is switched on); "
                      "201 when added, 200 when the ledger already held it",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["text"],
                  "properties": {name: {"type": "string"} for name in ("text", *REPORT_FIELDS)}}}}}})
    async def api_add_report(request: Request):
        if not allow_writes:
            raise HTTPException(403, "writing is switched off (start with --allow-writes --token-file FILE)")
        offered = request.headers.get("authorization", "")
        if not hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
            raise HTTPException(401, "a valid bearer token is needed to write")
        report = _report_from_body(await _read_body(request, max_body_bytes))
        try:
            document = await run_in_threadpool(ledger.add_report, report)
        except ReportError as err:
            raise HTTPException(422, f"{err.stage}: {err.reason}") from None
        status = 201 if document.pop("added") else 200
        return JSONResponse({"ok": True, "row": document}, status_code=status)

    # the pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, filters: FiltersParam, paging: PagingParam):
        events = all_rows(ledger.events, filters)
        return page(request, "map.html", filters=filters, events=_slice(events, paging).rows, total=len(events),
                    paging=paging, map=map_view(events), timeline=timeline_view(events), **choices(),
                    twin=_twin(request, "/api/events"), pager=_pager(request, paging, len(events)))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        event = _found(ledger.event(event_id), "event")
        return page(request, "event.html", event=event, reports=event_reports(ledger, event),
                    claims=with_evidence(ledger, all_rows(ledger.claims, Filters(), event=event["id"])),
                    twin=f"/api/events/{event_id}")

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, document_id: str):
        document = _found(ledger.document(document_id), "document")
        return page(request, "document.html", document=document, runs=document_runs(document),
                    twin=f"/api/documents/{document_id}")

    @app.get("/disputes", response_class=HTMLResponse, include_in_schema=False)
    def disputes_page(request: Request, filters: FiltersParam):
        groups = with_evidence(ledger, all_rows(ledger.claims, filters, disputed=True))
        return page(request, "disputes.html", filters=filters, groups=groups, **choices(), twin=_twin(request, "/api/disputes"))

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, filters: FiltersParam):
        return page(request, "sources.html", filters=filters, rows=source_table(ledger, filters), **choices(),
                    twin=_twin(request, "/api/sources"))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request):
        return page(request, "docs.html", openapi=app.openapi(), twin="/openapi.json")

    app.state.ledger = ledger
    return app


class Guard:
    """Refuses bodies over the limit (413), drops the empty filters the filter bar sends (303 to the short
    URL, so URLs stay short and shareable), and puts the security headers on every answer. Plain ASGI:
    it adds nothing to a request it lets through."""

    def __init__(self, app, max_body_bytes: int) -> None:
        self.app, self.max_body_bytes = app, max_body_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def secured(message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        refusal = self._refusal(Request(scope))
        await (refusal or self.app)(scope, receive, secured)

    def _refusal(self, request: Request) -> Response | None:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body_bytes):
            return _error(413, f"request body over {self.max_body_bytes:,} bytes")
        if request.method == "GET" and any(not value for value in request.query_params.values()):
            kept = [(k, v) for k, v in request.query_params.multi_items() if v]
            return RedirectResponse(request.url.path + ("?" + urlencode(kept) if kept else ""), status_code=303)
        return None


def query_with(request: Request, **changes: str) -> str:
    """This page's URL query with some parameters replaced (and the page offset reset)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "offset"]
    return "?" + urlencode(items + list(changes.items()))


def figure(low, high=None) -> str:
    """12, 10–15, 3,001 or more."""
    if low is None:
        return "?"
    if high is None:
        return f"{low:,} or more"
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _found(row: dict | None, kind: str) -> dict:
    if row is None:
        raise HTTPException(404, f"no such {kind}")
    return row


def _slice(rows: list[dict], paging: Paging) -> Page:
    return Page(rows[paging.offset:paging.offset + paging.limit], len(rows))


def _listing(request: Request, page: Page, paging: Paging) -> JSONResponse:
    following = paging.offset + paging.limit
    return JSONResponse({"ok": True, "total": page.total, "limit": paging.limit, "offset": paging.offset,
                         "next": str(request.url.include_query_params(offset=following)) if following < page.total else None,
                         "rows": page.rows})


def _twin(request: Request, path: str) -> str:
    query = request.url.query
    return f"{path}?{query}" if query else path


def _pager(request: Request, paging: Paging, total: int) -> dict:
    following = paging.offset + paging.limit
    return {"previous": query_with(request, offset=str(max(0, paging.offset - paging.limit))) if paging.offset else None,
            "next": query_with(request, offset=str(following)) if following < total else None}


async def _read_body(request: Request, limit: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body over {limit:,} bytes")
    return bytes(body)


def _report_from_body(body: bytes) -> dict:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise HTTPException(400, "the body must be a JSON object {text, id, title, url, outlet, published}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str) or not payload["text"].strip():
        raise HTTPException(400, "the body must be a JSON object with a non-empty 'text' string")
    for name in REPORT_FIELDS:
        if payload.get(name) is not None and not isinstance(payload[name], str):
            raise HTTPException(400, f"'{name}' must be a string")
    for name in ("text", *REPORT_FIELDS):
        if payload.get(name) and has_unpaired_surrogate(payload[name]):
            raise HTTPException(400, f"'{name}' holds an unpaired surrogate (\\ud800-\\udfff), not valid Unicode")
    return {"text": payload["text"], **{name: payload.get(name) for name in REPORT_FIELDS}}


def _csv(name: str, rows: list[dict]) -> Response:
    buffer = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # keep spreadsheets from running a cell as a formula
    return value


def _flat_event(event: dict) -> dict:
    place, date, toll = event.get("place") or {}, event["date"], event.get("fatalities") or {}
    return {"id": event["id"], "type": event["type"], "mode": event.get("mode"),
            "acled_event_type": (event.get("acled") or {}).get("event_type"),
            "acled_sub_event_type": (event.get("acled") or {}).get("sub_event_type"),
            "date_start": date.get("start"), "date_end": date.get("end"), "date_precision": date.get("precision"),
            "place": place.get("name"), "country": place.get("country"), "admin1": place.get("admin1"),
            "lat": place.get("lat"), "lon": place.get("lon"),
            "fatalities_best": toll.get("best"), "fatalities_low": toll.get("low"), "fatalities_high": toll.get("high"),
            "actors": "; ".join(a["name"] for a in event["actors"]),
            "recipients": "; ".join(a["name"] for a in event["recipients"]),
            "sources": "; ".join(event["sources"]), "documents": "; ".join(event["documents"])}


def _flat_claims(groups: list[dict]) -> list[dict]:
    return [{"group": group["id"], "measure": group["measure"], "subject": (group.get("subject") or {}).get("text"),
             "best": group["best"], "group_low": group["low"], "group_high": group["high"],
             "disputed": group["disputed"], "document": claim["document"], "claim": claim["claim"],
             "source": claim.get("source"), "low": claim["low"], "high": claim["high"]}
            for group in groups for claim in group["claims"]]


def _geojson(events: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": event["id"],
         "geometry": {"type": "Point", "coordinates": [event["place"]["lon"], event["place"]["lat"]]},
         "properties": _flat_event(event)}
        for event in events if (event.get("place") or {}).get("lat") is not None]}
