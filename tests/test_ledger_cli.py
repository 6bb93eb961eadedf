"""The ledger commands as a user meets them: ingest, the query commands in both formats, export."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports.jsonl"


def run(*args):
    result = subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    assert "9 reports added" in run("ingest", str(SAMPLES), "--ledger", str(path)).stderr
    assert "0 reports added, 9 already there" in run("ingest", str(SAMPLES), "--ledger", str(path)).stderr
    return str(path)


def jsonl(*args):
    return [json.loads(line) for line in run(*args, "--format", "jsonl").stdout.splitlines()]


def test_query_commands_print_the_spec_fields(ledger):
    shapes = {"documents": {"id", "sha256", "title", "url", "outlet", "published", "copy_of"},
              "events": {"id", "type", "mode", "acled", "actors", "recipients", "place", "date", "fatalities",
                         "documents", "mentions", "sources"},
              "claims": {"id", "measure", "subject", "best", "low", "high", "claims", "disputed"},
              "disputes": {"id", "measure", "subject", "best", "low", "high", "claims", "disputed"}}
    for command, fields in shapes.items():
        rows = jsonl(command, "--ledger", ledger)
        assert rows and all(fields <= set(row) for row in rows), command
    assert all(row["disputed"] for row in jsonl("disputes", "--ledger", ledger))
    assert jsonl("errors", "--ledger", ledger) == []


def test_query_filters(ledger):
    kenya = jsonl("events", "--ledger", ledger, "--country", "KEN")
    assert kenya and all(e["place"]["country"] == "KEN" for e in kenya)
    early = jsonl("events", "--ledger", ledger, "--until", "2025-02-28")
    assert early and all(e["date"]["start"] <= "2025-02-28" for e in early)
    assert [d["id"] for d in jsonl("documents", "--ledger", ledger, "--source", "lake times")] == ["sample-lakes-7"]
    assert {d["id"] for d in jsonl("documents", "--ledger", ledger, "--text", "finance bill")} == {"sample-wire-4"}
    assert "Events" in run("events", "--ledger", ledger, "--type", "ASSAULT").stdout


def test_export_geojson_to_stdout(ledger):
    collection = json.loads(run("export", "--ledger", ledger, "--format", "geojson").stdout)
    assert collection["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])
