"""The stages, in the order they run. Each is one module with one entry function over a
ParsedReport, returning the list that fills the reading field of the same name."""
from __future__ import annotations

from .actors import find_actors
from .attributions import find_attributions
from .claims import find_claims
from .disputes import find_disputes
from .events import find_events
from .places import find_places
from .times import find_times

STAGES = (
    ("places", find_places),
    ("times", find_times),
    ("actors", find_actors),
    ("attributions", find_attributions),
    ("events", find_events),
    ("claims", find_claims),
    ("disputes", find_disputes),
)
