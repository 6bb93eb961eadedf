"""Places: toponyms found in the report, resolved against the gazetteer, location or metonym."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Span as SpacySpan

from .. import gazetteer
from ..gazetteer import Entry
from ..model import Place
from ..parsed import ParsedReport

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# spaCy's small model often labels a bare town as ORG or PRODUCT ("Kursk", "Sumy"): those labels
# count only for well-known places, so organisations that share a name with a village stay out.
OTHER_LABELS = {"ORG", "PRODUCT", "PERSON", "NORP", "EVENT", "WORK_OF_ART"}
MIN_POPULATION_OTHER_LABEL = 100_000
METONYM_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
METONYM_PREPS = {"by", "between", "with", "against", "from"}


def find_places(parsed: ParsedReport) -> list[Place]:
    gaz = gazetteer.load()
    found = [(span, gaz.lookup(_bare_name(span))) for span in parsed.doc.ents]
    found = [(span, entries) for span, entries in found if entries and _plausible(span, entries[0])]
    context = Counter(entries[0].country for _, entries in found if entries[0].feature == "country")
    places = []
    for span, entries in found:
        entry = _resolve(entries, context)
        places.append(Place(id=f"p{len(places) + 1}", text=span.text, start=span.start_char, end=span.end_char,
                            name=entry.name, feature=entry.feature, country=entry.country, admin1=entry.admin1,
                            lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid,
                            role="metonym" if _is_metonym(span, entry, gaz) else "location"))
    return places


def _bare_name(span: SpacySpan) -> str:
    tokens = [t for t in span if not (t.i == span.start and t.lower_ == "the")]
    return " ".join(t.text for t in tokens) if tokens else span.text


def _plausible(span: SpacySpan, best: Entry) -> bool:
    if span.text.islower():
        return False
    if span.label_ in PLACE_LABELS:
        return True
    if span.label_ in OTHER_LABELS and span.label_ != "NORP":
        return best.feature == "country" or best.population >= MIN_POPULATION_OTHER_LABEL
    return False


def _resolve(entries: list[Entry], countries_in_report: Counter) -> Entry:
    """Countries first, then places in a country the report names, then the most populous."""
    return max(entries, key=lambda e: (e.feature == "country", countries_in_report[e.country] > 0, e.population))


def _is_metonym(span: SpacySpan, entry: Entry, gaz: gazetteer.Gazetteer) -> bool:
    """A country or capital standing for its government: 'Pyongyang sent', 'Moscow's military'."""
    if entry.feature != "country" and not gaz.is_capital(entry):
        return False
    head = span.root
    if head.dep_ in METONYM_DEPS:
        return True
    if head.dep_ == "conj" and head.head.dep_ in METONYM_DEPS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in METONYM_PREPS:
        return True
    return head.dep_ == "conj" and head.head.dep_ == "pobj" and head.head.head.lower_ in METONYM_PREPS
