"""The Dask engine gives the ledger the local engine gives: the shipped samples (near copies, disputed
figures, events merged across reports) and unreadable records, read by the local engine in one run, and
by the Dask engine in two (the second merging into events and copying reports the first left in the
ledger); a third run adds nothing."""
import json
from pathlib import Path

import pytest

from dateline.ledger import Ledger, queries

from test_ledger import SAMPLES, dump

pytest.importorskip("distributed")
from dateline.engine import dask as dask_engine  # noqa: E402
from dateline.engine import local  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """a.jsonl: three reports of a strike on Sumy and two of a protest in Nairobi; b.jsonl: a wire copy
    of the first, an earlier Sumy strike, two reports of fighting in Goma; broken.jsonl: unreadable."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = SAMPLES.read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "a.jsonl").write_text("".join(lines[:5]), encoding="utf-8")
    (folder / "b.jsonl").write_text("".join(lines[5:]), encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x", "text": 3}\n{not json\n', encoding="utf-8")
    assert json.loads(lines[5])["id"] == "sample-herald-6"
    return folder


def test_dask_engine_writes_the_ledger_the_local_engine_writes(corpus, tmp_path):
    with Ledger(str(tmp_path / "local.duckdb")) as ledger:
        expected_totals = local.run([str(corpus)], ledger, relevance_filter=True)
        expected = dump(ledger)
    with Ledger(str(tmp_path / "dask.duckdb")) as ledger:
        first = dask_engine.run([str(corpus / "a.jsonl")], ledger, workers=1, relevance_filter=True,
                                partition_size=2)
        assert first.added == 5
        assert dask_engine.claim_groups(tmp_path / "dask.duckdb.parquet") == queries.claim_groups(ledger)
        second = dask_engine.run([str(corpus)], ledger, workers=1, relevance_filter=True, partition_size=2)
        assert (second.read, second.added + first.added, second.errors) == \
            (expected_totals.read, expected_totals.added, expected_totals.errors)
        assert dump(ledger) == expected
        again = dask_engine.run([str(corpus)], ledger, relevance_filter=True)
        assert again.added == 0 and again.skipped == 9 and dump(ledger) == expected
