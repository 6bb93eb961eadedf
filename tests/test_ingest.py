"""Ingest: the readers (text, HTML, RSS, WARC, directories), and a real ingest killed with SIGKILL at
several points then run again, which must give exactly the ledger an uninterrupted run gives."""
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dateline.errors import ReportError
from dateline.ingest import read_paths
from dateline.ledger import Ledger

from test_ledger import dump

ARTICLE = ("A Russian missile strike on the city of Sumy killed at least 12 civilians on Thursday, the regional "
           "governor said. The missile hit an apartment block in the city centre and 40 people were injured.")
PAGE = f"""<html><head><title>Strike on Sumy | Northern Wire</title>
<meta property="og:site_name" content="Northern Wire"><meta property="og:title" content="Strike on Sumy">
<meta property="article:published_time" content="2025-03-14T09:00:00Z"></head>
<body><nav>Home | World | Sport | Weather</nav><article><h1>Strike on Sumy</h1><p>{ARTICLE}</p></article>
<footer>Copyright 2025 Northern Wire. Subscribe to our newsletter.</footer></body></html>"""
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Northern Wire</title>
<item><guid>nw-1</guid><title>Strike on Sumy</title><link>https://example.org/nw-1</link>
<pubDate>Fri, 14 Mar 2025 09:00:00 GMT</pubDate><description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
<item><guid>nw-2</guid><title>Protest</title><description>Thousands marched in Nairobi on Sunday.</description></item>
</channel></rss>"""


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/sumy", "response",
                                                      payload=io.BytesIO(PAGE.encode()), length=len(PAGE.encode()),
                                                      http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), length=4, http_headers=image))


def test_readers_cover_text_html_feeds_warc_and_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "feed.rss").write_text(FEED, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    write_warc(tmp_path / "sub" / "crawl.warc.gz")
    read = dict(read_paths([str(tmp_path)]))
    assert isinstance(read[str(tmp_path / "bad.txt")], ReportError)
    assert read[str(tmp_path / "report.txt")].text == ARTICLE
    page = read[str(tmp_path / "sub" / "page.html")]
    assert ARTICLE in page.text and "Subscribe" not in page.text and "Home | World" not in page.text
    assert (page.title, page.outlet, page.published) == ("Strike on Sumy", "Northern Wire", "2025-03-14")
    item = read[f"{tmp_path / 'sub' / 'feed.rss'}#nw-1"]
    assert (item.id, item.text, item.published, item.outlet) == ("nw-1", ARTICLE, "2025-03-14", "Northern Wire")
    [(label, archived)] = [(k, v) for k, v in read.items() if "crawl.warc.gz@" in k]
    assert ARTICLE in archived.text and archived.url == "https://example.org/sumy"


TOWNS = ["Kharkiv", "Sumy", "Kherson", "Goma", "Nairobi", "Mogadishu", "Khartoum", "Beirut"]


def reports(path: Path, count: int = 24) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            town = TOWNS[i % len(TOWNS)]
            text = (f"Gunmen attacked a checkpoint in {town} on Monday, killing {i + 2} people, police said. "
                    f"Report number {i} from our correspondent.")
            out.write(json.dumps({"id": f"r{i}", "published": "2025-03-11", "text": text}) + "\n")
        out.write("{not json\n")


def run_ingest(source: Path, ledger: Path, kill_after_commits: int | None = None, then_wait: float = 0.0) -> None:
    """Ingest in a subprocess; with kill_after_commits, SIGKILL it once that many transactions are
    committed (and then_wait seconds more, to land inside the next batch)."""
    command = [sys.executable, "-m", "dateline", "ingest", str(source), "--ledger", str(ledger), "--batch-size", "4",
               "--commit-every", "4"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")})
    commits = 0
    for line in process.stderr:
        commits += line.startswith("dateline: committed")
        if kill_after_commits is not None and commits >= kill_after_commits:
            time.sleep(then_wait)
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    if kill_after_commits is None:
        assert process.returncode == 0


def test_kill_and_rerun_gives_the_ledger_an_uninterrupted_run_gives(tmp_path):
    source = tmp_path / "reports.jsonl"
    reports(source)
    run_ingest(source, tmp_path / "clean.duckdb")
    killed = tmp_path / "killed.duckdb"
    run_ingest(source, killed, kill_after_commits=1)
    run_ingest(source, killed, kill_after_commits=1, then_wait=0.3)
    run_ingest(source, killed, kill_after_commits=2)
    run_ingest(source, killed)
    with Ledger(str(tmp_path / "clean.duckdb"), read_only=True) as clean, Ledger(str(killed), read_only=True) as rerun:
        expected = dump(clean)
        assert len(expected["documents"]) == 24 and len(expected["errors"]) == 1
        assert dump(rerun) == expected
