"""Security cases of `dateline serve`, each a test: SQL injection through every filter, paging and id
parameter, path traversal in static files and exports, oversized and malformed requests, the token on
every write route, no CORS, loopback by default. Uses the fixture ledger of test_web_api."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dateline.cli import build_parser  # noqa: E402
from dateline.web.app import create_app  # noqa: E402

from test_web_api import TOKEN, ledger, ledger_path, writable  # noqa: E402,F401  (fixtures)

INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE documents; --", "\" OR \"\"=\"", "1; DELETE FROM events",
              "x' UNION SELECT sha256, text FROM documents --", "%' --", "\\'; SELECT 1; --", "\x00'"]
FILTERS = ["start", "end", "country", "admin1", "type", "actor", "source", "q"]
LISTS = ["/api/events", "/api/claims", "/api/disputes", "/api/documents", "/api/sources", "/api/events.csv",
         "/api/claims.csv", "/api/disputes.csv", "/api/documents.csv", "/api/sources.csv", "/api/events.geojson",
         "/", "/disputes", "/sources"]
TRAVERSALS = ["/static/../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
              "/static/....//....//etc/passwd", "/static/..%252f..%252fetc%252fpasswd", "/static/%2e%2e%5c..%5cetc/passwd",
              "/static//etc/passwd", "/api/events/..%2f..%2fetc%2fpasswd", "/api/documents/..%2f..%2f..%2fetc%2fpasswd",
              "/documents/..%2f..%2fetc%2fpasswd", "/api/events.csv/../../etc/passwd"]


@pytest.fixture(scope="module")
def client(ledger):  # noqa: F811
    return TestClient(create_app(ledger), raise_server_exceptions=False)


def counts(client) -> dict[str, int]:
    return {path: client.get(path, params={"limit": 1}).json()["total"]
            for path in ("/api/events", "/api/claims", "/api/documents")}


@pytest.mark.parametrize("name", FILTERS)
def test_sql_injection_through_every_filter_matches_nothing_and_changes_nothing(client, name):
    before = counts(client)
    for payload in INJECTIONS:
        for path in LISTS:
            answer = client.get(path, params={name: payload})
            assert answer.status_code in (200, 400), (path, payload, answer.status_code)
            if answer.status_code == 200 and path.startswith("/api/") and "." not in path:
                # a payload is a literal: it cannot widen the filter to every row (a lone '%' is LIKE's own)
                assert answer.json()["total"] < before.get(path, 10 ** 9) or payload.startswith("%"), (path, payload)
    assert counts(client) == before


@pytest.mark.parametrize("name", ["limit", "offset", "sort", "order"])
def test_sql_injection_through_paging_is_refused_or_ignored(client, name):
    before = counts(client)
    for payload in INJECTIONS + ["-1", "1e9", "99999999999999999999", "1 OR 1=1"]:
        for path in ("/api/events", "/api/documents", "/api/claims"):
            answer = client.get(path, params={name: payload})
            assert answer.status_code in (200, 400), (path, name, payload)
            assert answer.json()["ok"] is (answer.status_code == 200)
    assert counts(client) == before


def test_injection_through_ids_in_paths_is_not_found(client):
    for payload in INJECTIONS:
        for prefix in ("/api/events/", "/api/documents/", "/events/", "/documents/"):
            answer = client.get(prefix + payload.replace("\x00", "%00"))
            assert answer.status_code in (400, 404), (prefix, payload, answer.status_code)
    assert counts(client)["/api/documents"] > 0


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_never_reads_files_outside_the_app(client, path):
    answer = client.get(path)
    assert answer.status_code in (400, 404), answer.status_code
    assert "root:" not in answer.text


def test_static_files_and_export_names_are_fixed(client):
    assert client.get("/static/style.css").status_code == 200
    answer = client.get("/api/events.csv", params={"q": '"; filename="../../evil.sh'})
    assert answer.headers["content-disposition"] == 'attachment; filename="events.csv"'


def test_oversized_and_malformed_bodies_are_refused_before_reading(writable):  # noqa: F811
    client = TestClient(create_app(writable, allow_writes=True, token=TOKEN, max_body_bytes=1000),
                        raise_server_exceptions=False)
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def chunks():  # no Content-Length: the cap must hold while streaming
        for _ in range(100):
            yield b"x" * 100

    assert client.post("/api/reports", content=chunks(), headers=auth).status_code == 413
    assert client.post("/api/reports", content=b"{}", headers={**auth, "Content-Length": "-1"}).status_code in (400, 413)
    for body in (b"[]", b"null", b'{"text": 5}', b'{"text": "ok", "title": ["x"]}', b"{" * 100000,
                 b'{"text": "\xff\xfe"}'):
        answer = client.post("/api/reports", content=body[:1000], headers=auth)
        assert answer.status_code in (400, 413), (body[:20], answer.status_code)
    # half a UTF-16 pair, legal in JSON, cannot be stored as UTF-8: a client error, not a crash
    answer = client.post("/api/reports", content=b'{"text": "Rebels attacked caf\\udcff on Monday."}', headers=auth)
    assert answer.status_code in (400, 422), answer.status_code
    assert client.get("/api/documents").json()["ok"] is True


def write_routes(app) -> list[tuple[str, str]]:
    return [(method, route.path) for route in app.routes for method in getattr(route, "methods", None) or ()
            if method not in ("GET", "HEAD")]


def test_every_write_route_needs_the_token(writable):  # noqa: F811
    app = create_app(writable, allow_writes=True, token=TOKEN)
    client = TestClient(app, raise_server_exceptions=False)
    routes = write_routes(app)
    assert ("POST", "/api/reports") in routes
    body = {"text": "Soldiers shelled the town of Kidal, Mali, on Thursday, killing seven civilians."}
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Bearer wrong"},
                        {"Authorization": f"bearer {TOKEN}x"}, {"Authorization": f"Basic {TOKEN}"},
                        {"Authorization": TOKEN}):
            assert client.request(method, path, json=body, headers=headers).status_code == 401, (method, path, headers)
    read_only = TestClient(create_app(writable), raise_server_exceptions=False)
    for method, path in routes:
        assert read_only.request(method, path, json=body,
                                 headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403


def test_get_routes_do_not_write(client):
    before = counts(client)
    for path in LISTS:
        assert client.post(path, json={"text": "x"}).status_code in (404, 405)
        assert client.delete(path).status_code in (404, 405)
    assert counts(client) == before


def test_no_cors_even_for_a_preflight(client):
    for path in ("/api/events", "/api/reports"):
        answer = client.options(path, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert not any(name.startswith("access-control-") for name in answer.headers), answer.headers


def test_serve_binds_loopback_unless_told_otherwise():
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and not args.allow_writes
