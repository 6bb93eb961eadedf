"""The one place the shape of a `dateline/1` reading is defined.

Every stage produces these dataclasses; `to_json` is the only serialiser. Field names are the
contract's (`../shared/spec/README.md`); extra fields are allowed by the contract and marked here.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "dateline/1"


@dataclass
class Report:
    """One input report, as read from a file, a JSON line, a feed item or a web page."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class SourceSpan(Span):
    actor: str | None = None


@dataclass
class DocumentInfo:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    chars: int
    # extra: the relevance filter's verdict on the raw text (None when the filter did not run);
    # a report judged not relevant is not parsed and has empty stage lists; a relevant one has only
    # its lede and event sentences parsed, `parsed_chars` characters of them
    relevant: bool | None = None
    relevance: float | None = None
    parsed_chars: int | None = None


@dataclass
class Place:
    id: str
    text: str
    start: int
    end: int
    name: str | None
    feature: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    role: str = "location"
    demonym: bool = False  # extra field: an adjective of the place ("Syrian"), role metonym


@dataclass
class Time:
    id: str
    text: str
    start: int
    end: int
    type: str
    value: str | None
    anchor: str | None
    mod: str | None = None     # extra: TIMEX3 mod ("LESS_THAN", "APPROX", "START", "ON_OR_BEFORE"...)
    offset: str | None = None  # extra: for an expression resolved against an event, the offset as written ("PT24H")


@dataclass
class Actor:
    id: str
    text: str
    start: int
    end: int
    name: str | None
    country: str | None
    sector: str | None
    kind: str | None
    antecedents: list[str] = field(default_factory=list)  # extra: the actors an anaphor refers to


@dataclass
class Attribution:
    id: str
    kind: str
    source: SourceSpan | None
    cue: Span | None
    content: Span
    act: str | None = None  # extra: speech | thought | stance | evidence (what the cue attributes)


@dataclass
class Range:
    low: int | None
    high: int | None


@dataclass
class Acled:
    event_type: str
    sub_event_type: str | None


@dataclass
class EventDate:
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    time: str | None = None


@dataclass
class EventMention:
    """One mention of an event (extra field): its trigger word and the sentence it stands in."""

    trigger: Span
    evidence: Span


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    context: list[str]
    acled: Acled | None
    actor: list[str]
    recipient: list[str]
    place: str | None
    location_precision: int | None
    date: EventDate
    fatalities: Range | None
    injured: Range | None
    size: Range | None
    status: str
    sources: list[str]
    trigger: Span
    evidence: Span
    confidence: float
    mentions: list[EventMention] = field(default_factory=list)  # extra: every mention merged into this event


@dataclass
class Subject:
    text: str | None
    country: str | None
    sector: str | None


@dataclass
class Value:
    text: str
    low: int | None
    high: int | None
    approx: str


@dataclass
class Claim:
    id: str
    measure: str
    subject: Subject
    value: Value
    source: str | None
    event: str | None
    evidence: Span


@dataclass
class Dispute:
    id: str
    measure: str
    subject: str | None
    claims: list[str]
    reason: str


@dataclass
class Reading:
    """Everything Dateline read in one report; stages fill it in pipeline order."""

    document: DocumentInfo
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)


def to_json(reading: Reading) -> dict[str, Any]:
    """The `dateline/1` document for one reading (plain dicts and lists, ready for json.dumps)."""
    return {"schema": SCHEMA, **_plain(reading)}


def _plain(value: Any) -> Any:
    """What dataclasses.asdict returns, for the types a reading holds, without its deep copies (they took a
    tenth of the stages' time), telling the types apart by a lookup where it can."""
    kind = type(value)
    if kind in _SCALARS:  # most values: asked first
        return value
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(kind.__dataclass_fields__) if dataclasses.is_dataclass(kind) else None
    if (fields := _FIELD_NAMES[kind]) is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}  # a type met -> its fields' names if it is a dataclass
