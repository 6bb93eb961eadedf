"""Take the README's screenshots of the web app: ingest the sample reports into a fresh ledger, start
`dateline serve` on a free port, drive Debian's headless chromium with Playwright, and save
docs/screenshots/{map,event,disputes,sources}.png.

    python scripts/screenshots.py [--reports samples/reports.jsonl]
"""
from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(ledger: Path, timeout: float = 120.0):
    """`dateline serve` in a child process; yields its base URL once it answers."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--ledger", str(ledger), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/api/events?limit=1", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"dateline serve did not start: {server.stderr.read() if server.poll() is not None else 'timeout'}")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "samples" / "reports.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        ledger = Path(scratch) / "screenshots.duckdb"
        subprocess.run([sys.executable, "-m", "dateline", "ingest", str(args.reports), "--ledger", str(ledger)],
                       check=True)
        take(ledger, args.out)


def take(ledger: Path, out: Path) -> None:
    with running_server(ledger) as base, sync_playwright() as playwright:
        events = json.load(urllib.request.urlopen(base + "/api/events?limit=1000"))["rows"]
        busiest = max(events, key=lambda event: (len(event["documents"]), len(event["sources"])))
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in [("map", "/"), ("event", f"/events/{busiest['id']}"),
                           ("disputes", "/disputes"), ("sources", "/sources")]:
            page.goto(base + path)
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            print(f"{name}: {out / (name + '.png')}")
        browser.close()


if __name__ == "__main__":
    main()
