"""Faults: `dateline ingest` killed again and again at random points, a full disk, a damaged ledger file,
and `dateline serve` reading while `dateline ingest` writes. Each ends with the ledger an uninterrupted
run gives, or with one line naming the file and what to do (and the file left as it was)."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dateline.cli import main
from dateline.ledger import Ledger
from dateline.ledger.store import LOCK_WAIT

from test_ingest import reports
from test_ledger import dump

HERE = Path(__file__).resolve().parent
INGEST_OPTIONS = ["--batch-size", "4", "--commit-every", "4", "--workers", "1"]
BLOCK_SIZE, HEADERS_SIZE = 262144, 3 * 4096  # DuckDB's storage layout: block i starts at HEADERS_SIZE + i * BLOCK_SIZE
COMMANDS = [["events"], ["documents"], ["claims"], ["disputes"], ["errors"], ["export", "--format", "jsonl"],
            ["check"], ["serve"]]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "reports.jsonl"
    reports(path)
    return path


@pytest.fixture(scope="module")
def uninterrupted(source) -> dict:
    """The ledger one uninterrupted ingest of `source` gives (every table, rows sorted)."""
    path = source.parent / "uninterrupted.duckdb"
    assert main(["ingest", str(source), "--ledger", str(path), *INGEST_OPTIONS]) == 0
    with Ledger(str(path), read_only=True) as ledger:
        tables = dump(ledger)
    assert len(tables["documents"]) == 24 and len(tables["errors"]) == 1
    return tables


def ledger_tables(path: Path) -> dict:
    with Ledger(str(path), read_only=True) as ledger:
        return dump(ledger)


class PausedIngest:
    """`dateline ingest` in a subprocess that stops at each `paused: POINT` (see paused_ingest.py)."""

    def __init__(self, source: Path, ledger: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "paused_ingest.py"), str(source), "--ledger", str(ledger), *INGEST_OPTIONS],
            stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent / "src"), str(HERE)])})
        self.committed = 0  # reports the ingest has said it committed
        self.last_line = ""

    def stops(self):
        """Each point the ingest stopped at; it goes on when the caller asks for the next."""
        for line in self.process.stderr:
            self.last_line = line.strip()
            if line.startswith("dateline: committed"):
                self.committed = int(line.split()[2])
            if line.startswith("paused: "):
                yield line.split()[1]
                try:
                    self.process.stdin.write("\n")
                    self.process.stdin.flush()
                except BrokenPipeError:  # a timed kill landed while it was paused
                    break
        self.process.wait()

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)

    def finish(self) -> int:
        for _ in self.stops():
            pass
        return self.process.returncode


def killed_at(source: Path, ledger: Path, point: str, nth: int, delay: float = 0.0) -> None:
    """Run the ingest and SIGKILL it at the `nth` stop at `point` ("insert", "checkpoint", "released"),
    `delay` seconds after letting it go on from there; point "parse" kills it `delay` seconds after its
    first commit, wherever it is then (mostly parsing the next batch)."""
    ingest = PausedIngest(source, ledger)
    seen = 0
    for stop in ingest.stops():
        if stop != ("released" if point == "parse" else point):
            continue
        seen += 1
        if seen == nth and not delay:
            ingest.kill()  # where it stands
            break
        if seen == nth:
            threading.Timer(delay, ingest.kill).start()  # and let it go on meanwhile
    ingest.process.wait()
    assert ingest.process.returncode == -signal.SIGKILL, f"the ingest finished before its kill at {point} {nth}"


def test_repeated_random_kills_end_with_the_uninterrupted_ledger(source, uninterrupted, tmp_path):
    """Four SIGKILLs on a seeded random schedule: mid-parse, early and late in a transaction (a batch
    writes 5 or 6 tables), during or just after a checkpoint; then one clean run. (Between the commit and
    its checkpoint: the stale log test; between batches: test_ingest.)"""
    schedule = random.Random(11)
    ledger = tmp_path / "killed.duckdb"
    kills = [("parse", 1, schedule.uniform(0.05, 0.3)), ("insert", schedule.randint(2, 3), 0.0),
             ("insert", schedule.randint(4, 6), 0.0), ("checkpoint", 1, schedule.uniform(0.0, 0.02))]
    schedule.shuffle(kills)
    for point, nth, delay in kills:
        killed_at(source, ledger, point, nth, delay)
    assert main(["ingest", str(source), "--ledger", str(ledger), *INGEST_OPTIONS]) == 0
    assert ledger_tables(ledger) == uninterrupted


def digest(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, Path(f"{path}.wal")) if p.exists()}


def test_a_stale_log_left_by_a_kill_is_read_by_every_command_and_ingest_carries_on(source, uninterrupted, tmp_path,
                                                                                  capsys):
    ledger = tmp_path / "stale.duckdb"
    killed_at(source, ledger, "checkpoint", 2)  # the second batch committed to the log, not checkpointed
    assert Path(f"{ledger}.wal").stat().st_size > 0
    before = digest(ledger)
    for command in COMMANDS[:-1]:
        assert main([*command, "--ledger", str(ledger)]) == 0, command
    assert digest(ledger) == before  # reading replays the log in memory and changes neither file
    capsys.readouterr()
    assert main(["documents", "--ledger", str(ledger), "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 8
    assert main(["ingest", str(source), "--ledger", str(ledger), *INGEST_OPTIONS]) == 0
    assert ledger_tables(ledger) == uninterrupted


def overwrite_a_block_in_the_middle(path: Path) -> None:
    """Overwrite a few bytes of the block holding the middle report's text (the file's free blocks
    could be overwritten harmlessly)."""
    with Ledger(str(path), read_only=True) as ledger:
        blocks = sorted(row[0] for row in ledger.con.execute(
            "SELECT block_id FROM pragma_storage_info('documents') WHERE column_name = 'text' AND block_id >= 0"
        ).fetchall())
    with open(path, "r+b") as stream:
        stream.seek(HEADERS_SIZE + blocks[len(blocks) // 2] * BLOCK_SIZE + 64)
        stream.write(b"\xde\xad\xbe\xef" * 4)


def truncate_to_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def not_a_duckdb_file(path: Path) -> None:
    path.write_text('{"id": "r1", "text": "a JSON Lines file given as the ledger by mistake"}\n')


def damage_the_log(path: Path) -> None:
    """A log holding a committed transaction, as a kill leaves it (the files copied while DuckDB has them
    open), damaged in the middle of its largest entry. (Log entries are [size, checksum, payload]; damage
    to a size cannot be told from a write cut short by a crash, which DuckDB drops, as it should: that
    damage goes unnoticed, and costs the last batch, which the same ingest puts back.)"""
    import duckdb

    live = path.rename(path.with_name("live.duckdb"))
    con = duckdb.connect(str(live))
    con.execute("DELETE FROM claims")
    shutil.copy(live, path)
    shutil.copy(f"{live}.wal", f"{path}.wal")
    con.close()
    log = Path(f"{path}.wal")
    data = log.read_bytes()
    entries = next(chain for start in range(len(data)) if (chain := log_entries(data, start)))
    offset, size = max(entries, key=lambda entry: entry[1])
    with open(log, "r+b") as stream:
        stream.seek(offset + 16 + size // 2)
        stream.write(b"\xde\xad\xbe\xef" * 4)


def log_entries(data: bytes, start: int) -> list[tuple[int, int]]:
    """The (offset, payload size) of each log entry, if entries start at `start` and end with the file."""
    entries = []
    while start + 16 <= len(data):
        size = int.from_bytes(data[start:start + 8], "little")
        entries.append((start, size))
        start += 16 + size
    return entries if start == len(data) and entries else []


@pytest.mark.parametrize("damage", [overwrite_a_block_in_the_middle, truncate_to_half, not_a_duckdb_file,
                                    damage_the_log])
def test_a_damaged_ledger_is_named_in_one_line_by_every_command_and_left_as_it_is(damage, source, uninterrupted,
                                                                                 tmp_path, capsys, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # serving a damaged ledger returns 0
    ledger = tmp_path / "damaged.duckdb"
    shutil.copy(source, tmp_path / "reports.jsonl")
    shutil.copy(source.parent / "uninterrupted.duckdb", ledger)
    damage(ledger)
    before = digest(ledger)
    for command in [["ingest", str(source)], *COMMANDS]:
        capsys.readouterr()
        assert main([*command, "--ledger", str(ledger)]) == 1, command
        [message] = capsys.readouterr().err.strip().splitlines()
        assert message.startswith(f"dateline: {ledger}: ") and "Traceback" not in message
        assert "aside and run the same ingest again" in message, message
        assert digest(ledger) == before, command


def test_another_duckdb_database_is_not_taken_for_a_ledger(source, tmp_path, capsys):
    import duckdb

    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE prices (day DATE, price DOUBLE)")
    before = digest(other)
    for command in [["ingest", str(source)], ["events"], ["check"]]:
        capsys.readouterr()
        assert main([*command, "--ledger", str(other)]) == 1
        assert capsys.readouterr().err.strip() == (f"dateline: {other}: a DuckDB database but not a Dateline ledger "
                                                   "(no documents table); give the ledger `dateline ingest` writes, "
                                                   "or a new file")
    assert digest(other) == before


def test_the_documented_recovery_rebuilds_a_damaged_ledger_exactly(source, uninterrupted, tmp_path):
    """README, Faults and recovery: move the file and its log aside, ingest the same sources again."""
    ledger = tmp_path / "damaged.duckdb"
    shutil.copy(source.parent / "uninterrupted.duckdb", ledger)
    overwrite_a_block_in_the_middle(ledger)
    assert main(["check", "--ledger", str(ledger)]) == 1
    for name in digest(ledger):
        (tmp_path / name).rename(tmp_path / f"{name}.damaged")
    assert main(["ingest", str(source), "--ledger", str(ledger), *INGEST_OPTIONS]) == 0
    assert main(["check", "--ledger", str(ledger)]) == 0
    assert ledger_tables(ledger) == uninterrupted


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs, to fill."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs to fill (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


def fill(disk: Path) -> Path:
    """A ballast file taking every byte left on `disk`."""
    ballast = disk / "ballast"
    descriptor = os.open(ballast, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError:  # ENOSPC: full
        pass
    finally:
        os.close(descriptor)
    return ballast


@pytest.mark.parametrize("full_at", ["checkpoint", "released"])
def test_a_full_disk_stops_ingest_in_one_line_and_keeps_every_commit(full_at, source, uninterrupted, small_disk):
    """The disk fills after the first batch is committed to the log (its checkpoint fails), or after it is
    checkpointed (the next commit fails)."""
    ledger = small_disk / "full.duckdb"
    ingest = PausedIngest(source, ledger)
    ballast = None
    for stop in ingest.stops():
        if stop == full_at and ballast is None:
            ballast = fill(small_disk)
    message = ingest.last_line
    assert ingest.process.returncode == 1
    assert message.startswith(f"dateline: {ledger}: no space left on the device"), message
    assert ingest.committed == 4
    with Ledger.checked(str(ledger), read_only=True) as survivor:
        assert survivor.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    ballast.unlink()
    assert main(["ingest", str(source), "--ledger", str(ledger), *INGEST_OPTIONS]) == 0
    assert ledger_tables(ledger) == uninterrupted


def test_serve_answers_while_ingest_writes_and_shows_each_commit(source, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.web.app import create_app
    from dateline.web.data import open_ledger

    path = tmp_path / "shared.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text("".join(source.read_text().splitlines(keepends=True)[:4]))
    assert main(["ingest", str(first), "--ledger", str(path), *INGEST_OPTIONS]) == 0
    ledger = open_ledger(path)
    statuses: list[int] = []
    stop = threading.Event()

    def poll() -> None:  # meanwhile, as fast as it can, whatever the ingest is doing
        client = TestClient(create_app(ledger))
        while not stop.is_set():
            for url in ("/api/events?limit=1", "/api/documents?limit=1", "/api/disputes?limit=1"):
                statuses.append(client.get(url).status_code)

    poller = threading.Thread(target=poll)
    poller.start()
    client = TestClient(create_app(ledger))
    ingest = PausedIngest(source, path)
    served = []
    try:
        for stop_point in ingest.stops():
            if stop_point == "released":  # between batches: what was just committed is served
                answer = client.get("/api/documents?limit=1")
                assert answer.status_code == 200
                served.append(answer.json()["total"])
                assert served[-1] == 4 + ingest.committed
    finally:
        stop.set()
        poller.join(LOCK_WAIT)
        ledger.close()
    assert ingest.process.returncode == 0 and ingest.committed == 20
    assert served == [8, 12, 16, 20, 24, 24]  # each batch, then the unreadable line's error
    assert statuses and set(statuses) == {200}


def test_serve_answers_503_not_500_while_another_process_holds_the_ledger_too_long(source, uninterrupted,
                                                                                  tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.web.app import create_app
    from dateline.web.data import DuckDBLedger

    path = tmp_path / "held.duckdb"
    shutil.copy(source.parent / "uninterrupted.duckdb", path)
    store = Ledger(str(path), read_only=True, wait=0.2)
    store.release()
    client = TestClient(create_app(DuckDBLedger(store)))
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"  # waits for serve's lease
                               "for _ in range(200):\n"
                               f"    try: con = duckdb.connect({str(path)!r}); break\n"
                               "    except duckdb.IOException: time.sleep(0.05)\n"
                               "print('holding', flush=True); sys.stdin.readline()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        assert client.get("/api/events").status_code == 200  # from the index built before: no need of the file
        answer = client.get("/api/documents")  # read from the file itself
        assert (answer.status_code, answer.json()["ok"]) == (503, False)
    finally:
        holder.communicate("\n")
    assert client.get("/api/documents").status_code == 200


def test_serve_holding_the_file_lets_go_when_a_writer_waits(source, uninterrupted, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.web.app import create_app
    from dateline.web.data import LEASE_S, DuckDBLedger

    path = tmp_path / "shared.duckdb"
    shutil.copy(source.parent / "uninterrupted.duckdb", path)
    client = TestClient(create_app(DuckDBLedger(Ledger(str(path), read_only=True))))
    assert client.get("/api/documents").status_code == 200  # serve now holds the file, idle
    writer = subprocess.run([sys.executable, "-c", "import sys; from dateline.ledger import Ledger; "
                             "Ledger(sys.argv[1], wait=float(sys.argv[2])).close()", str(path), str(LEASE_S / 2)],
                            capture_output=True, text=True)  # gives up before serve's lease would run out
    assert writer.returncode == 0, writer.stderr
    assert not Path(str(path) + ".waiting").exists()
    assert client.get("/api/documents").status_code == 200
