"""The local engine: the ledger's own ingest, worker processes on this machine (`ingest.py`)."""
from __future__ import annotations

from ..ingest import Totals, ingest
from ..ledger import Ledger


def run(paths: list[str], ledger: Ledger, **options) -> Totals:
    return ingest(paths, ledger, **options)
