"""Events: who did what to whom, coded as PLOVER categories mapped to ACLED types."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..event_dates import anchor_to_events, date_of_event
from ..event_types import Trigger, trigger_type
from ..model import Acled, Actor, Event, Place, Range, Span
from ..parsed import ParsedReport
from ..quantities import parse_number_phrase

FUTURE_WORDS = {"will", "shall", "plan", "intend", "prepare", "vow", "threaten", "expect", "aim"}
HYPOTHETICAL_WORDS = {"could", "might", "may", "would", "if", "possible", "potential", "should"}
NEGATION_WORDS = {"not", "never", "no", "n't", "deny"}
DEATH_LEMMAS = {"die", "death", "dead"}
LOCATION_PREPS = {"in", "near", "at", "on", "outside", "around", "across", "along", "to", "into", "from"}


def find_events(parsed: ParsedReport) -> list[Event]:
    doc = parsed.doc
    events: list[Event] = []
    for token in doc:
        trigger = trigger_type(token)
        if trigger is None:
            continue
        event = _event(token, trigger, parsed, f"e{len(events) + 1}")
        if event is not None:
            events.append(event)
    events = _merge_coreferent(events, parsed)
    _add_deaths(events, parsed)
    for number, event in enumerate(events, 1):
        event.id = f"e{number}"
    anchor_to_events(parsed, events)
    return events


def _event(token: Token, trigger: Trigger, parsed: ParsedReport, event_id: str) -> Event | None:
    actor, recipient = _participants(token, parsed.reading.actors)
    sent = token.sent
    place, precision = _place(token, sent, parsed.reading.places)
    when = date_of_event(token, parsed.reading.times)
    acled = Acled(trigger.acled_event_type, trigger.acled_sub_event_type) if trigger.acled_event_type else None
    size = _size(token) if trigger.type in ("MOBILIZE", "AID") else None
    return Event(id=event_id, type=trigger.type, mode=trigger.mode, context=list(trigger.context),
                 acled=acled, actor=actor, recipient=recipient, place=place, location_precision=precision,
                 date=when, fatalities=None, injured=None, size=size, status=_status(token),
                 sources=_sources(token, parsed), trigger=_span(token.doc[token.i: token.i + 1]),
                 evidence=_span(sent), confidence=trigger.confidence)


def _span(span: SpacySpan) -> Span:
    return Span(text=span.text, start=span.start_char, end=span.end_char)


def _actor_at(token: Token, actors: list[Actor]) -> Actor | None:
    for actor in actors:
        if actor.start <= token.idx < actor.end:
            return actor
    inside = [a for a in actors if token.left_edge.idx <= a.start < token.right_edge.idx + len(token.right_edge)]
    return min(inside, key=lambda a: abs(a.start - token.idx)) if inside else None


def _participants(token: Token, actors: list[Actor]) -> tuple[list[str], list[str]]:
    """(actor ids, recipient ids) from the dependency parse around the trigger."""
    doers: list[Token] = []
    targets: list[Token] = []
    for child in token.children:
        if child.dep_ in ("nsubj", "poss") or (child.dep_ in ("amod", "compound") and token.pos_ == "NOUN"):
            doers.append(child)
        elif child.dep_ in ("dobj", "nsubjpass"):
            targets.append(child)
        elif child.dep_ in ("agent", "prep"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "agent" or child.lower_ == "by":
                doers.extend(objects)
            elif child.lower_ in ("of", "on", "against") and token.pos_ == "NOUN":
                targets.extend(objects)
    if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
        targets.append(token.head)
    doers.extend(_by_phrases(token))
    return _ids(doers, actors), _ids(targets, actors)


def _by_phrases(token: Token) -> list[Token]:
    """'captured during operations by Ukrainian special forces': the doer sits one phrase down."""
    found = []
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for by in noun.children:
                if by.dep_ in ("prep", "agent") and by.lower_ == "by":
                    found.extend(c for c in by.children if c.dep_ == "pobj")
    return found


def _ids(tokens: list[Token], actors: list[Actor]) -> list[str]:
    ids = []
    for token in tokens:
        actor = _actor_at(token, actors)
        if actor is not None and actor.id not in ids:
            ids.append(actor.id)
        for conj in token.conjuncts:
            actor = _actor_at(conj, actors)
            if actor is not None and actor.id not in ids:
                ids.append(actor.id)
    return ids


def _place(token: Token, sent: SpacySpan, places: list[Place]) -> tuple[str | None, int | None]:
    """The location the sentence puts the event in; places under the trigger come first."""
    in_sentence = [p for p in places if p.role == "location" and sent.start_char <= p.start < sent.end_char]
    if not in_sentence:
        return None, None
    subtree = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge))
    best = min(in_sentence, key=lambda p: (not subtree[0] <= p.start < subtree[1], abs(p.start - token.idx)))
    precision = 1 if best.feature == "city" else 3 if best.feature in ("country", "admin1", "region") else 2
    return best.id, precision


def _status(token: Token) -> str:
    heads = [token, token.head] if token.dep_ in ("xcomp", "ccomp", "pcomp", "pobj") else [token]
    for head in heads:
        for child in head.children:
            lower = child.lower_
            if child.dep_ == "neg" or lower in NEGATION_WORDS:
                return "negated"
            if child.dep_ == "aux" and lower in FUTURE_WORDS:
                return "future"
            if child.dep_ in ("aux", "mark") and lower in HYPOTHETICAL_WORDS:
                return "hypothetical"
        if head.lemma_.lower() in FUTURE_WORDS and head is not token:
            return "future"
    return "asserted"


def _size(token: Token) -> Range | None:
    """'10,000 troops sent': the number on the people the trigger moves."""
    nouns = [token.head] if token.dep_ in ("acl", "amod") else [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    for noun in nouns:
        for child in noun.children:
            if child.like_num or child.dep_ == "nummod":
                value = parse_number_phrase(noun.doc[child.left_edge.i: child.i + 1].text)
                if value is not None:
                    return Range(value.low, value.high)
    return None


def _sources(token: Token, parsed: ParsedReport) -> list[str]:
    return [a.id for a in parsed.reading.attributions if a.content.start <= token.idx < a.content.end]


def _countries(event: Event, role: str, by_id: dict[str, Actor]) -> set[str]:
    return {by_id[i].country for i in getattr(event, role) if by_id[i].country}


def _merge_coreferent(events: list[Event], parsed: ParsedReport) -> list[Event]:
    """Mentions of one action ('the capture', 'was captured', 'the captured soldier') become one event."""
    by_id = {a.id: a for a in parsed.reading.actors}
    merged: list[Event] = []
    for event in events:
        same = next((m for m in merged if _same_action(m, event, by_id)), None)
        if same is None:
            merged.append(event)
            continue
        for role in ("actor", "recipient", "sources"):
            getattr(same, role).extend(i for i in getattr(event, role) if i not in getattr(same, role))
        if same.place is None and event.place is not None:
            same.place, same.location_precision = event.place, event.location_precision
        if same.date.start is None and event.date.start is not None:
            same.date = event.date
        same.size = same.size or event.size
        same.confidence = round(min(1.0, max(same.confidence, event.confidence) + 0.05), 2)
    return merged


def _same_action(a: Event, b: Event, by_id: dict[str, Actor]) -> bool:
    if (a.type, a.mode, a.acled) != (b.type, b.mode, b.acled) or a.status != b.status:
        return False
    for role in ("actor", "recipient"):
        ca, cb = _countries(a, role, by_id), _countries(b, role, by_id)
        if ca and cb and not ca & cb:
            return False
    return True


def _add_deaths(events: list[Event], parsed: ParsedReport) -> None:
    """'the capture and death of the soldier': a death of an event's single recipient is a fatality."""
    by_id = {a.id: a for a in parsed.reading.actors}
    for token in parsed.doc:
        if token.lemma_.lower() not in DEATH_LEMMAS:
            continue
        victims = {token.text.lower() for token in token.subtree if token.pos_ == "NOUN"}
        victims |= {c.lemma_.lower() for c in token.children if c.dep_ in ("nsubj", "nsubjpass")}
        if token.dep_ == "conj":
            victims |= {t.lemma_.lower() for t in token.head.subtree if t.pos_ == "NOUN"}
        for event in events:
            if event.type != "ASSAULT" or event.fatalities is not None:
                continue
            names = {(by_id[i].name or "").lower() for i in event.recipient}
            singular = [by_id[i] for i in event.recipient if by_id[i].name in victims and not by_id[i].text.endswith("s")]
            if singular and names:
                event.fatalities = Range(1, 1)
