"""The command line as a user meets it: messages, exit codes, formats."""
import json
import subprocess
import sys

from conftest import assert_valid


def run(*args, stdin: bytes = b""):
    return subprocess.run([sys.executable, "-m", "dateline", *args], input=stdin, capture_output=True)


def test_cli_extract_file_prints_one_document(tmp_path, validator):
    path = tmp_path / "report.txt"
    path.write_text("Rebels attacked a police post in Goma on Monday.", encoding="utf-8")
    result = run("extract", str(path), "--published", "2024-05-08", "--outlet", "Test Wire")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert_valid(document, path.read_text(encoding="utf-8"), validator)
    assert document["document"]["outlet"] == "Test Wire"
    assert document["document"]["published"] == "2024-05-08"


def test_cli_bad_inputs_give_one_line_and_no_traceback(tmp_path):
    cases = {"empty.txt": b"", "binary.txt": bytes(range(256)) * 4, "pdf.txt": b"%PDF-1.4\n1 0 obj\n",
             "big.txt": b"Rebels attacked the town. " * 200_000}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        result = run("extract", str(tmp_path / name))
        lines = result.stderr.decode().strip().splitlines()
        assert result.returncode == 1, name
        assert len(lines) == 1 and "Traceback" not in result.stderr.decode(), (name, lines)
        assert result.stdout == b""


def test_cli_jsonl_goes_on_past_bad_records_and_exits_zero(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Police arrested 12 protesters."}) + "\n{oops\n", encoding="utf-8")
    result = run("extract", "--jsonl", str(path))
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert lines[0]["document"]["id"] == "a" and lines[1]["error"]["stage"] == "input"
    assert "line-2" in result.stderr.decode()


def test_cli_jsonl_with_two_workers_reports_a_bad_record_and_tables_the_rest(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("{oops\n" + json.dumps({"id": "a", "text": "Rebels shelled Goma on Monday."}) + "\n", encoding="utf-8")
    as_json, as_table = (run("extract", "--jsonl", str(path), "--workers", "2", "--format", kind)
                         for kind in ("json", "table"))
    assert as_json.returncode == as_table.returncode == 0, as_json.stderr
    assert [json.loads(line).get("id") for line in as_json.stdout.decode().splitlines()] == ["line-1", None]
    for result in (as_json, as_table):
        assert "dateline: line-1: input: line 1: not valid JSON" in result.stderr.decode()
    assert "Events" in as_table.stdout.decode() and "oops" not in as_table.stdout.decode()


def test_cli_jsonl_with_nothing_readable_exits_non_zero(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("{oops\n", encoding="utf-8")
    assert run("extract", "--jsonl", str(path)).returncode == 1


def test_cli_table_format_shows_events_and_disputes(tmp_path):
    result = run("extract", "-", "--format", "table",
                 stdin=b"Officials said 12 civilians were killed. Rebels said 40 civilians were killed.")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "Events" in out and "Claims" in out and "Disputes" in out
