"""`dateline ingest` that stops where a kill does the most harm and waits for a line on standard input
before going on, so that the fault tests can SIGKILL it exactly there (or let it carry on):

- `insert`: inside a transaction, some of the batch's tables written, nothing committed;
- `checkpoint`: a batch committed to the write-ahead log, not yet checkpointed into the file;
- `released`: the file checkpointed and closed, between batches.

Each stop is announced on standard error as `paused: POINT`. Run as `python paused_ingest.py ARGS...`
with the arguments of `dateline ingest`."""
import sys

from dateline.cli import main
from dateline.ledger.store import Ledger


def pause(point: str) -> None:
    print(f"paused: {point}", file=sys.stderr, flush=True)
    sys.stdin.readline()


def paused_insert(self, table, rows, _insert=Ledger._insert):
    pause("insert")
    return _insert(self, table, rows)


def paused_release(self, _release=Ledger.release):
    committed = self._written
    if committed:
        pause("checkpoint")
    _release(self)
    if committed:
        pause("released")


Ledger._insert = paused_insert
Ledger.release = paused_release
sys.exit(main(["ingest", *sys.argv[1:]]))
