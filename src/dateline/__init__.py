"""Dateline: news reports about conflict and politics read into a sourced event ledger."""
from __future__ import annotations

import logging

from .errors import ReportError
from .model import Reading, Report, to_json
from .pipeline import extract, extract_many

__all__ = ["extract", "extract_many", "Report", "Reading", "ReportError", "to_json"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
