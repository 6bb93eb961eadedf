"""Dateline: news reports about conflict and politics read into a sourced event ledger."""
from __future__ import annotations

import os

# One BLAS thread a process (Dateline runs a process per core; see nlp.load), told to OpenBLAS before numpy loads
# it: it then starts no thread pool. Limited only once loaded, its idle threads still cost about 5% of a filtered
# extraction's time. A value the environment already sets is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import logging  # noqa: E402  (the imports below load numpy: after the line above)

from .errors import ReportError
from .model import Reading, Report, to_json
from .pipeline import extract, extract_many

__all__ = ["extract", "extract_many", "Report", "Reading", "ReportError", "to_json"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
