"""The web app's JSON API and pages, over a ledger read from reports written for these tests."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dateline.cli import main  # noqa: E402
from dateline.ingest import ingest  # noqa: E402
from dateline.ledger import Ledger  # noqa: E402
from dateline.web.app import create_app  # noqa: E402
from dateline.web.data import open_ledger  # noqa: E402

REPORTS = Path(__file__).parent / "fixtures" / "web_reports.jsonl"
TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Ledger(str(path)) as store:
        ingest([str(REPORTS)], store)
    return path


@pytest.fixture(scope="module")
def ledger(ledger_path):
    ledger = open_ledger(ledger_path)
    yield ledger
    ledger.close()


@pytest.fixture
def writable(ledger_path, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(ledger_path, copy)
    ledger = open_ledger(copy, writable=True)
    yield ledger
    ledger.close()


@pytest.fixture(scope="module")
def client(ledger):
    return TestClient(create_app(ledger))


def rows(client, path: str, **params) -> list[dict]:
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]


def gao_event(client) -> dict:
    [event] = rows(client, "/api/events", country="MLI", type="ASSAULT")
    return event


def test_events_from_two_reports_of_one_attack_merge_into_one(client):
    event = gao_event(client)
    assert event["place"]["name"] == "Gao"
    assert sorted(event["documents"]) == ["web-1", "web-2"]
    assert {mention["document"] for mention in event["mentions"]} == {"web-1", "web-2"}
    assert event["fatalities"]["best"] == 12 and event["fatalities"]["high"] == 40  # most conservative, range kept


@pytest.mark.parametrize("params, expected", [
    ({"country": "UKR"}, {"web-3"}),
    ({"type": "PROTEST"}, {"web-4"}),
    ({"source": "bamako"}, {"web-1", "web-2"}),   # the merged event Bamako Daily reported
    ({"q": "market"}, {"web-1", "web-2"}),
    ({"start": "2024-05-01", "end": "2024-06-30"}, {"web-3", "web-xss"}),
    ({"actor": "protester"}, {"web-4"}),
])
def test_each_filter_narrows_the_events(client, params, expected):
    everything = rows(client, "/api/events")
    found = rows(client, "/api/events", **params)
    assert 0 < len(found) < len(everything)
    assert {document for event in found for document in event["documents"]} == expected


@pytest.mark.parametrize("name, field", [("q", "text"), ("source", "outlet")])
@pytest.mark.parametrize("needle", ["%", "_", "__", "\\", "1%"])
def test_text_filters_take_wildcard_characters_literally(client, name, field, needle):
    reports = [json.loads(line) for line in REPORTS.open(encoding="utf-8")]
    holding = {report["id"] for report in reports if needle in report[field]}  # "_" only in "window.__xss"
    assert {document["id"] for document in rows(client, "/api/documents", **{name: needle})} == holding


def test_pagination_pages_through_every_event_once(client):
    total = client.get("/api/events").json()["total"]
    first = client.get("/api/events", params={"limit": 2}).json()
    assert first["total"] == total and len(first["rows"]) == 2 and "offset=2" in first["next"]
    seen = [event["id"] for event in first["rows"]]
    following = first["next"]
    while following:
        page = client.get(following).json()
        seen += [event["id"] for event in page["rows"]]
        following = page["next"]
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize("path, status", [
    ("/api/events?start=last-week", 400),
    ("/api/events?limit=0", 400),
    ("/api/events?limit=100000", 400),
    ("/api/events/no-such-event", 404),
    ("/api/documents/no-such-document", 404),
    ("/api/nothing-here", 404),
])
def test_every_api_error_is_one_json_envelope(client, path, status):
    answer = client.get(path)
    assert answer.status_code == status
    body = answer.json()
    assert body["ok"] is False and body["status"] == status and body["error"]


def test_disputes_show_who_said_what(client):
    [dispute] = rows(client, "/api/disputes")
    figures = {(claim["document"], claim["low"]) for claim in dispute["claims"]}
    assert figures == {("web-1", 12), ("web-2", 40)}
    assert dispute["disputed"] and dispute["measure"] == "killed"
    assert {claim["source"] for claim in dispute["claims"]} == {"the regional governor", "A local official",
                                                                "a local rights group"}
    assert all(not group["disputed"] for group in rows(client, "/api/claims") if group["id"] != dispute["id"])


def test_sources_count_figures_outside_the_consensus(client):
    table = {(row["kind"], row["name"]): row for row in rows(client, "/api/sources")}
    assert table[("outlet", "Bamako Daily")]["outside"] == 1      # 40 against a best of 12
    assert table[("outlet", "Sahel Wire")]["outside"] == 0      # its two figures of the wounded are one report    assert table[("outlet", "Sahel Wire")]["documents"] == 1


def test_csv_and_geojson_downloads(client):
    events = rows(client, "/api/events", country="UKR")
    answer = client.get("/api/events.csv", params={"country": "UKR"})
    assert answer.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(answer.text)))
    assert [row["id"] for row in table] == [event["id"] for event in events]
    geojson = client.get("/api/events.geojson", params={"country": "UKR"}).json()
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == len(events)
    lon, lat = geojson["features"][0]["geometry"]["coordinates"]
    assert 20 < lon < 45 and 44 < lat < 53   # Ukraine, longitude first
    claims = list(csv.DictReader(io.StringIO(client.get("/api/disputes.csv").text)))
    assert sorted(int(row["low"]) for row in claims) == [12, 12, 40]  # web-1's governor and local official agree


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client):
    text = client.get("/api/sources.csv").text
    assert "=alert" not in text.replace("onerror=alert", "")  # the outlet name survives, quoted, as text
    assert not any(line.startswith(("=", "+", "@")) for line in text.splitlines())


def test_document_api_gives_text_mentions_and_claims(client):
    document = client.get("/api/documents/web-3").json()["row"]
    assert document["text"].startswith("Russian forces struck")
    assert all(mention["evidence"] in document["text"] for mention in document["mentions"])
    assert [claim["value_text"] for claim in document["claims"]] == ["three"]
    assert {row["id"] for row in rows(client, "/api/documents", source="Kyiv")} == {"web-3"}


def test_report_text_is_escaped_in_every_page(client):
    event = rows(client, "/api/events", country="SYR")[0]
    for path in ("/documents/web-xss", "/sources", f"/events/{event['id']}", "/?country=SYR"):
        html = client.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;script&gt;window" in html, path


def test_pages_answer_and_link_their_json_twin(client):
    for path, twin in [("/?country=MLI", "/api/events?country=MLI"), ("/disputes", "/api/disputes"),
                       ("/sources", "/api/sources"), ("/docs", "/openapi.json")]:
        answer = client.get(path)
        assert answer.status_code == 200 and f'href="{twin}"' in answer.text, path


def test_empty_filters_redirect_to_a_clean_url(client):
    answer = client.get("/?start=&end=&country=MLI&q=", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/?country=MLI"


def test_unknown_pages_answer_in_html(client):
    answer = client.get("/events/no-such-event")
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
    assert "no such event" in answer.text


def test_map_has_one_point_per_located_event_and_filters_narrow_it(client):
    everything = client.get("/").text.count('class="point ')
    assert everything == len([e for e in rows(client, "/api/events") if e["place"]])
    assert client.get("/?country=MLI&type=ASSAULT").text.count('class="point ') == 1


def test_security_headers_and_no_cors(client):
    answer = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in answer.headers
    assert "default-src 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_docs_work_offline(client):
    html = client.get("/docs").text
    assert "/api/events" in html and "<script" not in html and "cdn" not in html.lower()
    assert "/api/events" in client.get("/openapi.json").json()["paths"]


def test_writing_is_off_by_default(client):
    answer = client.post("/api/reports", json={"text": "Rebels attacked a village."},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 403 and answer.json()["ok"] is False


def test_writing_needs_the_token_and_adds_the_report(writable):
    client = TestClient(create_app(writable, allow_writes=True, token=TOKEN))
    report = {"id": "web-new", "outlet": "Test Desk", "published": "2024-08-02",
              "text": "Soldiers shelled the town of Kidal, Mali, on Thursday, killing seven civilians, a doctor said."}
    assert client.post("/api/reports", json=report).status_code == 401
    assert client.post("/api/reports", json=report, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/reports", json={"title": "no text"},
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 400
    assert not any("web-new" in event["documents"] for event in rows(client, "/api/events", country="MLI"))
    answer = client.post("/api/reports", json=report, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 201 and answer.json()["row"]["id"] == "web-new"
    assert any("web-new" in event["documents"] for event in rows(client, "/api/events", country="MLI"))
    again = client.post("/api/reports", json=report, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["row"]["id"] == "web-new"   # idempotent, as ingest is
    assert client.post("/api/reports", json={"text": "\x01\x02" * 50},
                       headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422


def test_request_bodies_are_capped(writable):
    client = TestClient(create_app(writable, allow_writes=True, token=TOKEN, max_body_bytes=1000))
    answer = client.post("/api/reports", json={"text": "x" * 5000}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 413 and answer.json() == {"ok": False, "error": answer.json()["error"], "status": 413}


def test_serve_refuses_writes_without_a_token(monkeypatch, capsys):
    monkeypatch.delenv("DATELINE_TOKEN", raising=False)
    assert main(["serve", "--ledger", str(REPORTS), "--allow-writes"]) == 1
    assert "token" in capsys.readouterr().err


def test_serve_command_answers_on_localhost_only(ledger_path, tmp_path):
    copy = tmp_path / "served.duckdb"   # a second process cannot open the file this one holds
    shutil.copy(ledger_path, copy)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--ledger", str(copy), "--port", str(port)],
                              env=env, stderr=subprocess.PIPE, text=True)
    body = None
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=2) as answer:
                    body = json.load(answer)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.1)
        assert body and body["ok"] and body["total"] > 0
        listening = [line for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                     if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"]
        assert listening and all(line.split()[1].startswith("0100007F:") for line in listening)  # 127.0.0.1
    finally:
        server.terminate()
        server.wait(timeout=10)
