"""The ledger: reports and their readings in DuckDB, mentions merged into canonical events, figures
reconciled across sources into claim groups."""
from .rows import normalise, text_key
from .store import Ledger

__all__ = ["Ledger", "normalise", "text_key"]
