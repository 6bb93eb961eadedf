"""The web app in a real browser: Debian's headless chromium driven by Playwright, against a
server on a free local port. Skipped only where chromium or Playwright is not installed
(`make test` installs both)."""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("needs Debian's chromium at /usr/bin/chromium (make install)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from dateline.ingest import ingest  # noqa: E402
from dateline.ledger import Ledger  # noqa: E402
from dateline.web.app import create_app  # noqa: E402
from dateline.web.data import open_ledger  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from screenshots import free_port, launch  # noqa: E402  (one way to start chromium, shared with the screenshots)

REPORTS = Path(__file__).parent / "fixtures" / "web_reports.jsonl"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Ledger(str(path)) as store:
        ingest([str(REPORTS)], store)
    ledger = open_ledger(path)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(ledger), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    ledger.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records every request it makes, to show nothing leaves the server."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    assert all(url.startswith(base_url) for url in page.requests), page.requests
    page.close()


def test_map_draws_a_point_per_located_event(page, base_url):
    events = page.request.get(f"{base_url}/api/events").json()["rows"]
    page.goto(base_url + "/")
    points = page.locator("svg#map circle.point")
    assert points.count() == len([e for e in events if e["place"]]) > 3
    box = points.first.bounding_box()
    assert box and box["width"] > 2  # drawn, with a size on the screen
    assert page.locator("svg#map .countries path").count() > 150  # the Natural Earth outlines, from the page itself


def test_filter_bar_narrows_the_map_and_keeps_filters_in_the_url(page, base_url):
    page.goto(base_url + "/")
    before = page.locator("svg#map circle.point").count()
    page.select_option("select[name=country]", "MLI")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?country=MLI&type=ASSAULT")   # the empty fields are dropped from the URL
    assert page.locator("svg#map circle.point").count() == 1 < before
    assert page.locator("#event-count").inner_text() == "1"
    page.reload()
    assert page.locator("select[name=country]").input_value() == "MLI"
    assert page.locator("svg#map circle.point").count() == 1


def test_timeline_bar_filters_to_its_dates(page, base_url):
    page.goto(base_url + "/")
    before = page.locator("svg#map circle.point").count()
    bars = page.locator("svg#timeline rect.bar")
    heights = [float(height) for height in bars.evaluate_all("rs => rs.map(r => r.getAttribute('height'))")]
    tallest = heights.index(max(heights))
    bars.nth(tallest).click()
    page.wait_for_url("**start=**")
    shown = page.locator("svg#map circle.point").count()
    assert 0 < shown < before
    start, end = page.locator("input[name=start]").input_value(), page.locator("input[name=end]").input_value()
    events = page.request.get(f"{base_url}/api/events?start={start}&end={end}").json()["rows"]
    assert shown == len([e for e in events if e["place"]])


def test_event_page_highlights_the_evidence_of_each_report(page, base_url):
    page.goto(base_url + "/?country=MLI&type=ASSAULT")
    page.locator("svg#map circle.point").first.click()
    page.wait_for_url("**/events/**")
    reports = page.locator("article.mention")
    assert reports.count() == 2
    evidence = page.locator("article.mention mark.evidence")
    texts = " | ".join(evidence.all_inner_texts())
    assert "12 civilians" in texts and "40 civilians" in texts
    assert page.locator("article.mention mark.trigger").count() >= 2
    assert page.locator("mark.evidence").first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_hostile_report_renders_as_inert_text(page, base_url):
    syrian = page.request.get(f"{base_url}/api/events?country=SYR").json()["rows"][0]
    for path in ("/documents/web-xss", f"/events/{syrian['id']}", "/sources"):
        page.goto(base_url + path)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.locator("script").count() == 0, path
        assert page.locator("main img").count() == 0, path
    page.goto(base_url + "/documents/web-xss")
    text = page.locator("#report-text").inner_text()
    assert "<script>window.__xss = 1;</script>" in text and 'onerror="window.__xss = 2"' in text
    assert "<img src=x onerror=alert(1)>" in page.locator("main .meta").first.inner_text()
