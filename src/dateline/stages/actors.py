"""Actors: the people, groups, organisations and states that events and claims refer to."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import gazetteer, lexicon
from ..lexicon import ActorType
from ..model import Actor
from ..parsed import ParsedReport

PERSON_TITLES = {"president": "GOV", "minister": "GOV", "leader": "GOV", "spokesman": "GOV",
                 "spokeswoman": "GOV", "general": "MIL", "commander": "MIL", "chancellor": "GOV",
                 "king": "GOV", "secretary": "GOV", "ambassador": "GOV", "envoy": "GOV", "governor": "GOV",
                 "mayor": "GOV", "chief": "GOV", "colonel": "MIL", "lieutenant": "MIL"}
ANAPHORIC_DETERMINERS = {"the", "this", "these", "those", "that", "its", "their", "his", "her"}


def find_actors(parsed: ParsedReport) -> list[Actor]:
    doc = parsed.doc
    found: dict[tuple[int, int], tuple[SpacySpan, str | None, ActorType]] = {}
    acronyms = _acronyms(doc)
    for span in doc.ents:
        typed = _named_type(span, acronyms, parsed)
        if typed is not None:
            found[(span.start, span.end)] = (span, _canonical(span), typed)
    covered = {i for start, end in found for i in range(start, end)}
    history: dict[str, ActorType] = {}
    for chunk in doc.noun_chunks:
        typed = _group_type(chunk, history)
        if typed is None or chunk.root.i in covered:
            continue
        found[(chunk.start, chunk.end)] = (chunk, chunk.root.lemma_, typed)
    for token in doc:
        if token.dep_ == "poss" and not any(s <= token.i < e for s, e in found):
            owner = doc[token.left_edge.i: token.i + 1]
            typed = _group_type(owner, history)
            if typed is not None:
                found[(owner.start, owner.end)] = (owner, token.lemma_, typed)
    actors = []
    for (start, _end), (span, name, typed) in sorted(found.items()):
        actors.append(Actor(id=f"a{len(actors) + 1}", text=span.text, start=span.start_char, end=span.end_char,
                            name=name, country=typed.country, sector=typed.sector, kind=typed.kind))
    return actors


def _canonical(span: SpacySpan) -> str:
    words = [t.text for t in span if not (t.i == span.start and t.lower_ == "the")]
    return " ".join(words)


def _acronyms(doc) -> dict[str, ActorType]:
    """'the National Intelligence Service (NIS)': NIS means what the full name means."""
    found = {}
    orgs = lexicon.organizations()
    for span in doc.ents:
        nxt = doc[span.end: span.end + 3]
        if len(nxt) == 3 and nxt[0].text == "(" and nxt[2].text == ")" and nxt[1].is_upper:
            typed = orgs.get(_canonical(span).lower()) or _type_from_modifiers(span)
            if typed is not None:
                found[nxt[1].text.lower()] = typed
    return found


def _named_type(span: SpacySpan, acronyms: dict[str, ActorType], parsed: ParsedReport) -> ActorType | None:
    key = _canonical(span).lower()
    known = lexicon.organizations().get(key) or acronyms.get(key)
    if known is not None:
        return known
    if span.label_ == "PERSON":
        return _person_type(span)
    if span.label_ == "ORG":
        return _type_from_modifiers(span) or ActorType(None, None, "organization")
    if span.label_ == "NORP" and span.root.dep_ not in ("amod", "compound"):
        country = lexicon.demonyms().get(span.text.lower())
        return ActorType(country, None, "group") if country else None
    if span.label_ == "GPE" and _is_metonym_place(span, parsed):
        entry = gazetteer.load().lookup(_canonical(span))
        return ActorType(entry[0].country, "GOV", "state") if entry else None
    return None


def _is_metonym_place(span: SpacySpan, parsed: ParsedReport) -> bool:
    return any(p.start == span.start_char and p.role == "metonym" for p in parsed.reading.places)


def _person_type(span: SpacySpan) -> ActorType:
    """'Ukrainian President Volodymyr Zelensky': country and sector from the words before the name."""
    country, sector = None, None
    for token in reversed(span.doc[max(0, span.start - 4): span.start]):
        lower = token.lower_
        if lower in PERSON_TITLES and sector is None:
            sector = PERSON_TITLES[lower]
        elif _demonym_country(token):
            country = _demonym_country(token)
            break
        elif token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
    return ActorType(country, sector, "person")


def _demonym_country(token: Token) -> str | None:
    demonyms = lexicon.demonyms()
    if token.i > 0:
        pair = f"{token.doc[token.i - 1].lower_} {token.lower_}"
        if pair in demonyms:
            return demonyms[pair]
    return demonyms.get(token.lower_)


def _type_from_modifiers(span: SpacySpan) -> ActorType | None:
    """Country from a demonym or country name within or just before the span."""
    head_sector = lexicon.sectors().get(span.root.lemma_.lower())
    window = span.doc[max(0, span.start - 3): span.end]
    for token in window:
        country = _demonym_country(token) or _country_name(token)
        if country:
            return ActorType(country, head_sector[0] if head_sector else None, "organization")
    return None


def _country_name(token: Token) -> str | None:
    if token.ent_type_ != "GPE":
        return None
    for entry in gazetteer.load().lookup(token.text):
        if entry.feature == "country":
            return entry.country
    return None


def _group_type(chunk: SpacySpan, history: dict[str, ActorType]) -> ActorType | None:
    """A noun phrase headed by an actor noun ('Ukrainian special forces', 'the soldier')."""
    lemma = chunk.root.lemma_.lower()
    known = lexicon.sectors().get(lemma)
    if known is None:
        return None
    sector, kind = known
    country = None
    for token in chunk:
        country = country or _demonym_country(token) or _country_name(token)
    for child in chunk.root.children:
        if child.dep_ == "poss":
            country = country or _country_name(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            country = country or next((_country_name(t) for t in child.children if t.dep_ == "pobj"), None)
    if country is None and chunk[0].lower_ in ANAPHORIC_DETERMINERS and lemma in history:
        return history[lemma]
    typed = ActorType(country, sector, kind)
    if country:
        history[lemma] = typed
    return typed
