"""Engines that run `dateline ingest`: `local` (this machine's processes, straight into the ledger)
and `dask` (any Dask cluster, through partitioned Parquet). Both give the same ledger for the same input."""

ENGINES = ("local", "dask")
