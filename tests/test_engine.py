"""The Dask engine gives the ledger the local engine gives, on the shipped samples (near copies, disputed
figures, events merged across reports) plus an unreadable record, and a rerun adds nothing."""
import shutil
from pathlib import Path

import pytest

from dateline.engine import dask as dask_engine
from dateline.engine import local
from dateline.ledger import Ledger, queries

from test_ledger import SAMPLES, dump

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SAMPLES, folder / "reports.jsonl")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": 3}\n{not json\n', encoding="utf-8")
    return folder


def test_dask_engine_writes_the_ledger_the_local_engine_writes(corpus, tmp_path):
    with Ledger(str(tmp_path / "local.duckdb")) as ledger:
        expected_totals = local.run([str(corpus)], ledger, relevance_filter=True)
        expected, expected_groups = dump(ledger), queries.claim_groups(ledger)
    with Ledger(str(tmp_path / "dask.duckdb")) as ledger:
        totals = dask_engine.run([str(corpus)], ledger, workers=1, relevance_filter=True, partition_size=4)
        assert dump(ledger) == expected
        assert queries.claim_groups(ledger) == expected_groups
        assert totals == expected_totals
        assert dask_engine.claim_groups(tmp_path / "dask.duckdb.parquet") == expected_groups
        again = dask_engine.run([str(corpus)], ledger, workers=1, relevance_filter=True)
        assert again.added == 0 and again.skipped == 9 and dump(ledger) == expected
