"""Events: who did what to whom, where, how many, coded as PLOVER categories mapped to ACLED types.

Trigger words and their types come from event_types; participants from the dependency patterns
in participants.roles, mapped onto the actors stage's mentions; mentions of one real-world action
('the capture', 'was captured', 'the captured soldier') are merged into one event.
"""
from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..event_dates import anchor_to_events, date_of_event
from ..event_types import Trigger, cues, entries, possible_triggers, trigger_span, trigger_type
from ..model import Acled, Actor, Attribution, Event, EventMention, Place, Range, Span
from ..parse_index import by_sentence, dateline_tokens, sentence_number, sentence_of, span_text, tokens_of
from ..parsed import ParsedReport
from ..participants import roles
from ..quantities import parse_number_phrase

FUTURE_WORDS = {"will", "shall", "plan", "intend", "prepare", "vow", "threaten", "expect", "aim", "going"}
HYPOTHETICAL_WORDS = {"could", "might", "may", "would", "if", "possible", "potential", "should", "unless"}
NEGATING_HEADS = {"deny", "refuse", "fail", "reject", "avoid", "prevent", "stop", "halt", "cancel", "call"}
NEGATION_WORDS = {"not", "never", "no", "n't"}
STATUS_LINKS = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "advcl"}
DEATH_WORDS = {"kill", "die", "dead", "death", "fatality", "slay", "execute", "murder", "toll"}
INJURY_WORDS = {"injure", "wound", "hurt", "injury", "injured", "wounded", "maim"}
TOLL_WORDS = DEATH_WORDS | INJURY_WORDS
MIXED_CASUALTY_WORDS = {"casualty", "casualties"}
GIVING_TYPES = {"AID", "MOBILIZE"}
COUNTED_TYPES = {"MOBILIZE", "AID", "PROTEST"}
ARMED_SECTORS = {"MIL", "REB", "PRM", "UAF"}
ANAPHORIC_DETERMINERS = {"the", "this", "these", "those", "that"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "on", "over"}
NEAR_PREPS = {"near", "outside", "around", "close", "nearby", "outskirts"}
TOWN_FEATURES = {"city", "admin2", "landmark"}
REGION_WORDS = {"region", "oblast", "province", "governorate", "state", "district", "area"}
HISTORICAL_YEARS = 2
CAUSE_PREPS = {"in", "during", "by", "from"}
CLAUSE_OF_CAUSE = {"when", "as", "after"}  # '12 were killed when / as / after a missile hit the market'
NOWHERE = object()  # the place of an event that has none, in _Merged's keys
COUNTRY_WIDE, WITHIN = object(), object()  # an event placed in a country as a whole, or somewhere in it


def find_events(parsed: ParsedReport) -> list[Event]:
    doc = parsed.doc
    by_id = {a.id: a for a in parsed.reading.actors}
    events: list[Event] = []
    tokens: dict[str, Token] = {}
    whereabouts = _Whereabouts(parsed)
    for token in possible_triggers(doc):
        trigger = trigger_type(token)
        if trigger is None:
            continue
        events.append(_event(token, trigger, parsed, by_id, f"e{len(events) + 1}", whereabouts))
        tokens[events[-1].id] = token
    _add_tolls(events, parsed, by_id)
    places = {p.id: p for p in parsed.reading.places}
    events = _merge_coreferent(events, tokens, by_id, places)
    for event in events:
        token = tokens[event.id]
        if not event.actor and _is_anaphoric_nominal(token):
            event.actor = _implicit_actor(token, event.recipient, parsed.reading.actors)
    for number, event in enumerate(events, 1):
        event.id = f"e{number}"
    anchor_to_events(parsed, events)
    return events


def _event(token: Token, trigger: Trigger, parsed: ParsedReport, by_id: dict[str, Actor], event_id: str,
           whereabouts: _Whereabouts) -> Event:
    actors = whereabouts.actors
    found = roles(token)
    doers = [t for t in found.doers if not _town_on_event_noun(t, token, parsed.reading.places)]
    actor = _ids(doers, actors, by_id)
    recipient = _ids(found.targets, actors, by_id)
    size = None
    if trigger.type in GIVING_TYPES:
        size = _count_of(found.targets)
        recipient = [i for i in _ids(found.beneficiaries, actors, by_id) if i not in actor]
    elif trigger.type in COUNTED_TYPES:
        size = _count_of(found.doers)
    if not recipient:
        recipient = [i for i in _ids(found.beneficiaries, actors, by_id) if i not in actor]
    sent = sentence_of(token)
    place, precision = _place(token, whereabouts)
    when = date_of_event(token, whereabouts.times[sentence_number(token)])
    acled = Acled(trigger.acled_event_type, trigger.acled_sub_event_type) if trigger.acled_event_type else None
    named_by, evidence = _span(trigger_span(token)), _span(sent)
    return Event(id=event_id, type=trigger.type, mode=trigger.mode, context=list(trigger.context),
                 acled=acled, actor=actor, recipient=recipient, place=place, location_precision=precision,
                 date=when, fatalities=None, injured=None, size=size,
                 status=_status(token, when.end, parsed.report.published),
                 sources=_sources(token, whereabouts), trigger=named_by, evidence=evidence,
                 confidence=trigger.confidence, mentions=[EventMention(named_by, evidence)])


def _span(span: SpacySpan) -> Span:
    return Span(text=span_text(span), start=span.start_char, end=span.end_char)


def _actor_at(token: Token, actors: list[Actor]) -> Actor | None:
    for actor in actors:
        if actor.start <= token.idx < actor.end:
            return actor
    low, high = token.left_edge.idx, token.idx + len(token)
    inside = [a for a in actors if low <= a.start < high]
    return min(inside, key=lambda a: abs(a.start - token.idx)) if inside else None


def _ids(tokens: list[Token], actors: dict[int, list[Actor]], by_id: dict[str, Actor]) -> list[str]:
    """Actor ids for participant heads (`actors`: by sentence); a plural anaphor ('both regimes') stands for its
    antecedents."""
    ids: list[str] = []
    for token in tokens:
        actor = _actor_at(token, actors[sentence_number(token)])
        if actor is None:
            continue
        meant = actor.antecedents if len(actor.antecedents) > 1 else [actor.id]
        ids.extend(i for i in meant if i not in ids and i in by_id)
    return ids


def _town_on_event_noun(doer: Token, trigger: Token, places: list[Place]) -> bool:
    """'the Manchester bombing', 'the Kramatorsk attack': a town before an event noun says where, not
    who. A country may act ('US strikes'), and so may a capital elsewhere ('troops sent by Pyongyang')."""
    if doer.dep_ != "compound" or doer.head != trigger:
        return False
    return any(p.start <= doer.idx < p.end and p.feature in TOWN_FEATURES for p in places)


def _is_anaphoric_nominal(token: Token) -> bool:
    """'The strikes', 'the capture': a definite event noun that refers back to what came before."""
    return token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in token.children)


def _implicit_actor(token: Token, recipient: list[str], actors: list[Actor]) -> list[str]:
    """'... recent Russian military operations. The strikes ...': the nearest armed actor before the
    trigger, in its sentence or the one before, that is not on the receiving side."""
    sent = sentence_of(token)
    previous = sentence_of(token.doc[sent.start - 1]) if sent.start > 0 else sent
    receiving = {a.country for a in actors if a.id in recipient}
    governing = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass") else token.head.head
    speakers = [_actor_at(c, actors) for c in governing.children if c.dep_ in ("nsubj", "nsubjpass")]
    for actor in sorted(actors, key=lambda a: -a.start):
        if actor.start >= token.idx or actor.start < previous.start_char or actor in speakers:
            continue
        if (actor.sector in ARMED_SECTORS or actor.kind == "state") and actor.country not in receiving:
            return [actor.id]
    return []


def _count_of(tokens: list[Token]) -> Range | None:
    """'10,000 troops sent', 'thousands protested': the number on the people the event involves."""
    for noun in tokens:
        number = _number_on(noun)
        if number is not None:
            return number
    return None


def _number_on(noun: Token) -> Range | None:
    if noun.like_num or noun.pos_ == "NUM":
        return _parsed_number(noun.doc[noun.left_edge.i: noun.i + 1].text)
    for child in noun.children:
        if child.dep_ == "nummod" or child.like_num:
            return _parsed_number(noun.doc[child.left_edge.i: child.i + 1].text)
    return None


def _parsed_number(text: str) -> Range | None:
    value = parse_number_phrase(text)
    return Range(value.low, value.high) if value is not None else None


class _Whereabouts:
    """The report's places, actors and times by sentence: an event looks for its participants, place and date
    in its own sentence, and a report may tell of hundreds."""

    def __init__(self, parsed: ParsedReport):
        self.places = by_sentence(parsed.doc, parsed.reading.places)
        self.actors = by_sentence(parsed.doc, parsed.reading.actors)
        self.times = by_sentence(parsed.doc, parsed.reading.times)
        # the actors whose names can hold a place's ('officials in Kabul')
        self.naming_actors = by_sentence(parsed.doc, [a for a in parsed.reading.actors
                                                      if a.sector or a.kind in ("person", "organization")])
        self.attributions = by_sentence(parsed.doc, parsed.reading.attributions, lambda a: a.content)

    def attributions_of(self, token: Token) -> list[Attribution]:
        """The attributions whose content holds the token."""
        return [a for a in self.attributions[sentence_number(token)] if a.content.start <= token.idx < a.content.end]


def _place(token: Token, whereabouts: _Whereabouts) -> tuple[str | None, int | None]:
    """Where the event happened: a location in its sentence rather than one naming a source or an actor, and
    the dateline's (where the report was filed) only if the sentence names no other."""
    sent, number = sentence_of(token), sentence_number(token)
    dateline = dateline_tokens(token.doc)
    sources = [span for a in whereabouts.attributions_of(token)
               for span in (a.source, a.cue) if span is not None]  # 'officials in Kabul said'
    actor_spans = [(a.start, a.end) for a in whereabouts.naming_actors[number]]
    places = [p for p in whereabouts.places[number] if sent.start_char <= p.start < sent.end_char]
    if sent.start - 1 in dateline:  # the lede, parsed apart from its dateline (nlp.break_after_datelines)
        places += whereabouts.places[number - 1]
    located = [(p, token.doc.char_span(p.start, p.end, alignment_mode="expand")) for p in places
               if p.role == "location"
               and not any(s <= p.start < e and (s, e) != (p.start, p.end) for s, e in actor_spans)
               and not any(s.start <= p.start < s.end for s in sources)]
    candidates = [(p, span) for p, span in located if not _describes_something_else(span)]
    if not candidates:
        return None, None
    clause = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") else token
    subtree = (clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
    best, span = min(candidates, key=lambda c: (c[1] is not None and c[1].start in dateline,
                                                not _on_the_trigger(c[1], token), not _after_locative(c[1]),
                                                not subtree[0] <= c[0].start < subtree[1], abs(c[0].start - token.idx)))
    return best.id, _precision(best, span)


def _on_the_trigger(span: SpacySpan | None, trigger: Token) -> bool:
    """'the battle for Aleppo', 'attacks in Kharkiv', 'the Kursk offensive': a place the event word itself
    takes."""
    if span is None:
        return False
    root = span.root
    return root.head == trigger or (root.dep_ == "pobj" and root.head.head == trigger)


def _describes_something_else(span: SpacySpan | None) -> bool:
    """'the Cleveland police officer', 'the Vienna process', 'Dagestan's Muslims': a place modifying a noun
    that is neither an event ('the Orlando massacre') nor a place ('Istanbul airport', 'the Darfur region')
    tells what that thing is, not where the event happened."""
    if span is None or span.root.dep_ not in ("compound", "poss", "nmod"):
        return False
    head = span.root.head
    lemma = head.lemma_.lower()
    return head.pos_ == "NOUN" and lemma not in entries() and lemma not in cues()["place_object"] | REGION_WORDS


def _after_locative(span: SpacySpan | None) -> bool:
    """'in Aleppo', 'at the Oxford Street station', 'near Kursk': a place the sentence puts something in."""
    if span is None:
        return False
    head = span.root.head
    while head.dep_ in ("compound", "appos", "conj") and head.head != head:
        head = head.head
    return head.dep_ == "prep" and head.lower_ in LOCATIVE_PREPS


def _precision(place: Place, span: SpacySpan | None) -> int:
    """ACLED's geo precision: 1 the town itself, 2 near a town or part of a region, 3 only the region."""
    before = span.doc[span.start - 1].lower_ if span is not None and span.start > 0 else ""
    after = span.doc[span.end].lower_ if span is not None and span.end < len(span.doc) else ""
    if place.feature in ("country", "admin1", "region") or after in REGION_WORDS:
        return 3
    if place.feature in ("city", "landmark") and before not in NEAR_PREPS:
        return 1
    return 2


def _status(token: Token, date_end: str | None, published: str | None) -> str:
    node = token
    for _ in range(3):
        for child in node.children:
            lower = child.lower_
            if child.dep_ == "neg" or lower in NEGATION_WORDS:
                return "negated"
            if child.dep_ == "aux" and child.lemma_.lower() in FUTURE_WORDS:
                return "future"
            if child.dep_ in ("aux", "mark") and lower in HYPOTHETICAL_WORDS:
                return "hypothetical"
        if node != token:
            lemma = node.lemma_.lower()
            if lemma in NEGATING_HEADS and lemma != "call":
                return "negated"
            if lemma in FUTURE_WORDS:
                return "future"
        if node.dep_ not in STATUS_LINKS or node.head == node:
            break
        node = node.head
    if date_end and published and int(date_end[:4]) <= int(published[:4]) - HISTORICAL_YEARS:
        return "historical"
    return "asserted"


def _sources(token: Token, whereabouts: _Whereabouts) -> list[str]:
    """The attributions that report the event: someone's wish or stance about it is no source."""
    return [a.id for a in whereabouts.attributions_of(token) if a.act not in ("thought", "stance")]


def _add_tolls(events: list[Event], parsed: ParsedReport, by_id: dict[str, Actor]) -> None:
    """Fatalities and injured from numbers on the victims of killing and wounding words in an event's
    sentence ('killed 12 civilians', '3 soldiers were wounded'). 'killed or injured' and 'casualties'
    count no fatalities (ACLED). A death of an event's one recipient ('the capture and death of the
    soldier') is one fatality."""
    assaults: dict[int, list[Event]] = {}  # by the start of their sentence
    for event in events:
        if event.type == "ASSAULT":
            assaults.setdefault(event.evidence.start, []).append(event)
    for token in tokens_of(parsed.doc):
        lemma = token.lemma_.lower()
        measure = "fatalities" if lemma in DEATH_WORDS else "injured" if lemma in INJURY_WORDS else None
        if measure is None or _mixed_with_other_measure(token, measure):
            continue
        in_sentence = assaults.get(sentence_of(token).start_char, [])
        count = _toll_count(token)
        for event in in_sentence:
            if getattr(event, measure) is not None:
                continue
            if count is not None:
                setattr(event, measure, count)
            elif measure == "fatalities" and _one_recipient_dies(token, event, by_id):
                event.fatalities = Range(1, 1)


def _mixed_with_other_measure(token: Token, measure: str) -> bool:
    """'killed or injured', 'dead and wounded': a figure both words share counts both, so neither on its
    own ('killed 12 and wounded 30' gives each word its own figure)."""
    other = INJURY_WORDS if measure == "fatalities" else DEATH_WORDS
    return any((t.lemma_.lower() in other or t.lower_ in other) and not _has_own_victims(t) and
               not (_has_own_victims(token) and t.i < token.i) for t in token.conjuncts)


def _has_own_victims(token: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass", "nsubj") for c in token.children)


def _toll_count(token: Token) -> Range | None:
    victims = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "attr")]
    if token.pos_ in ("ADJ", "NOUN") and token.dep_ in ("amod", "compound", "acomp"):
        victims.append(token.head if token.dep_ != "acomp" else token.head)
        victims.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if token.pos_ == "NOUN":
        victims.append(token)
        victims.extend(o for p in token.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
        victims.append(token.head)
    return _count_of(victims)


def _one_recipient_dies(death: Token, event: Event, by_id: dict[str, Actor]) -> bool:
    """'the capture and death of the soldier', 'the soldier died': the event's one recipient died."""
    victims = {t.lemma_.lower() for t in death.subtree if t.pos_ == "NOUN"}
    victims |= {c.lemma_.lower() for c in death.children if c.dep_ in ("nsubj", "nsubjpass")}
    if death.dep_ == "conj":
        victims |= {t.lemma_.lower() for t in death.head.subtree if t.pos_ == "NOUN"}
    return any(by_id[i].name in victims and not by_id[i].text.endswith("s") for i in event.recipient)


def _merge_coreferent(events: list[Event], tokens: dict[str, Token], by_id: dict[str, Actor],
                      places: dict[str, Place]) -> list[Event]:
    """Mentions of one action ('the capture', 'was captured', 'the captured soldier') become one event,
    and so does an event with what it caused in the same clause ('an airstrike killed 12')."""
    merged = _Merged(places)
    words: dict[str, list[Token]] = {}  # every trigger word merged into an event
    # In each sentence an anaphor ('the attack') finds its antecedent before what it caused ('12 died in
    # the attack') joins it.
    for event in sorted(events, key=lambda e: (sentence_number(tokens[e.id]), not _is_anaphoric_nominal(tokens[e.id]))):
        token = tokens[event.id]
        sentence = sentence_number(token)
        same = next((m for m in merged.worded_in(sentence) if m.type == event.type and any(
            _cause_and_effect(word, token) for word in words[m.id])), None)
        points_back = _is_anaphoric_nominal(token) or token.dep_ == "amod"
        if same is None and (points_back or event.recipient):  # _same_action holds for no other later mention
            same = next((m for m in merged.could_repeat(event)
                         if _same_action(m, event, by_id, places, points_back, words[m.id])), None)
        same = same or _attack_tolled(event, token, merged.events, words, places)
        if same is None:
            merged.add(event, sentence)
            words[event.id] = [token]
            continue
        same_sentence = sentence_number(tokens[same.id]) == sentence
        same_victim = bool(_singular_names(same, by_id) & _singular_names(event, by_id))
        words[same.id].append(token)
        merged.worded(same, sentence)
        same.sources.extend(i for i in event.sources if i not in same.sources)
        for role in ("actor", "recipient"):
            had = getattr(same, role)
            if same_sentence:
                had.extend(i for i in getattr(event, role) if i not in had)
            elif not had:
                had.extend(_participants_carried_across(event, token, role, by_id, same_victim))
        if same.place is None and event.place is not None and (same_sentence or same_victim):
            # the place of a mention in another sentence was wrong on args dev (0 of 7) but for one victim
            merged.place(same, event.place, event.location_precision)
        if same.date.start is None and event.date.start is not None:
            same.date = event.date
        for measure in ("size", "fatalities", "injured"):
            setattr(same, measure, getattr(same, measure) or getattr(event, measure))
        same.mentions.extend(event.mentions)
        same.confidence = max(same.confidence, event.confidence)
    return sorted(merged.events, key=lambda e: e.trigger.start)


class _Merged:
    """The events merged so far, in order, found by what the merge asks of them: the sentences their words
    are in (a cause and its effect share one), and their type, status and place, on which a repeat of an
    action agrees (_same_action). A long report's hundreds of events are not each compared with every other."""

    def __init__(self, places: dict[str, Place]):
        self.events: list[Event] = []
        self.places = places
        self._position: dict[str, int] = {}
        self._in_sentence: dict[int, set[int]] = defaultdict(set)  # positions, by sentence
        self._of_kind: dict[tuple, set[int]] = defaultdict(set)  # positions, by (type, status)
        self._at: dict[tuple, set[int]] = defaultdict(set)  # positions, by (type, status, place's name)

    def add(self, event: Event, sentence: int) -> None:
        position = self._position[event.id] = len(self.events)
        self.events.append(event)
        self._in_sentence[sentence].add(position)
        self._of_kind[(event.type, event.status)].add(position)
        self._file(event, position)

    def worded(self, event: Event, sentence: int) -> None:
        """A word of the event is in the sentence."""
        self._in_sentence[sentence].add(self._position[event.id])

    def place(self, event: Event, place: str, precision: int | None) -> None:
        """Give an event the place it lacked."""
        position = self._position[event.id]
        for key in self._where(event):
            self._at[key].discard(position)
        event.place, event.location_precision = place, precision
        self._file(event, position)

    def worded_in(self, sentence: int) -> list[Event]:
        return self._in_order(self._in_sentence[sentence])

    def could_repeat(self, event: Event) -> list[Event]:
        """The events of the same type and status, with no place or one that agrees with the event's (_places_agree):
        of the same name, or the country as a whole and a place in it."""
        kind = (event.type, event.status)
        if event.place is None:
            return self._in_order(self._of_kind[kind])
        place = self.places[event.place]
        found = self._at[(*kind, NOWHERE)] | self._at[(*kind, place.name)]
        if place.country:
            found = found | self._at[(*kind, WITHIN if place.feature == "country" else COUNTRY_WIDE, place.country)]
        return self._in_order(found)

    def _file(self, event: Event, position: int) -> None:
        for key in self._where(event):
            self._at[key].add(position)

    def _where(self, event: Event) -> list[tuple]:
        """The keys an event is found by: its place's name, and its country, as a whole or as where it lies."""
        kind = (event.type, event.status)
        if event.place is None:
            return [(*kind, NOWHERE)]
        place = self.places[event.place]
        keys = [(*kind, place.name)]
        if place.country:
            keys.append((*kind, COUNTRY_WIDE if place.feature == "country" else WITHIN, place.country))
        return keys

    def _in_order(self, positions: set[int]) -> list[Event]:
        return [self.events[i] for i in sorted(positions)]


def _participants_carried_across(event: Event, token: Token, role: str, by_id: dict[str, Actor],
                                 same_victim: bool) -> list[str]:
    """What a mention in another sentence tells of a role its event left empty: everyone, when both
    name the same one victim ('the soldier'); else only those its trigger's own phrase names ('the
    ambush by jihadists', 'the talks with Lavrov'). Participants found elsewhere in that sentence
    (a modifier, a speaker, the subject of another verb) were wrong far more often than right."""
    if same_victim:
        return list(getattr(event, role))
    phrase_end = token.right_edge.idx + len(token.right_edge)
    return [i for i in getattr(event, role) if token.idx < by_id[i].start < phrase_end]


def _attack_tolled(event: Event, token: Token, merged: list[Event], words: dict[str, list[Token]],
                   places: dict[str, Place]) -> Event | None:
    """A death or injury with no doer of its own is the toll of the last attack, not an event of its own,
    when it is in that attack's sentence ('A missile hit the block and 40 people were injured'), or when it
    counts the dead later with no place of its own ('"We have counted 15 dead bodies," a police officer said')."""
    if event.actor or token.lemma_.lower() not in TOLL_WORDS:
        return None
    counted_later = event.place is None and _counts_the_dead(token)
    for attack in reversed(merged):
        if attack.type != "ASSAULT" or attack.status != event.status:
            continue
        if counted_later:
            return attack
        if not any(sentence_number(word) == sentence_number(token) for word in words[attack.id]):
            return None
        if attack.place and event.place and not _places_agree(places[attack.place], places[event.place]):
            return None
        return attack
    return None


def _counts_the_dead(token: Token) -> bool:
    """'15 dead bodies': a toll word on a counted noun."""
    return token.dep_ == "amod" and any(child.dep_ == "nummod" for child in token.head.children)


def _cause_and_effect(first: Token, second: Token) -> bool:
    """'an airstrike killed 12', 'five were killed in an attack': one event named by its cause and its effect."""
    return _causes(first, second) or _causes(second, first)


def _causes(cause: Token, effect: Token) -> bool:
    if cause.dep_ in ("nsubj", "compound") and cause.head == effect:  # 'missile strikes' is one event too
        return True
    if _in_clause_of(cause, effect):  # '15 were killed when a suicide bomber blew himself up'
        return True
    return cause.dep_ == "pobj" and cause.head.lower_ in CAUSE_PREPS and cause.head.head == effect


def _in_clause_of(cause: Token, effect: Token) -> bool:
    """The effect is a toll and the cause an adverbial clause of it ('killed when an airstrike hit'), or that
    clause's subject, or the effect a participle of the cause's ('shelled a camp, killing 22'). Not any two
    events so joined: 'bombers blew themselves up after another bomber killed four'."""
    if effect.lemma_.lower() not in TOLL_WORDS:
        return False
    if effect.dep_ == "advcl" and effect.tag_ == "VBG" and effect.head == cause:  # 'shelled a camp, killing 22'
        return True
    verb = cause.head if cause.dep_ in ("nsubj", "nsubjpass") else cause
    return verb.dep_ == "advcl" and verb.head == effect and any(
        child.dep_ in ("mark", "advmod") and child.lower_ in CLAUSE_OF_CAUSE for child in verb.children)


def _same_action(a: Event, b: Event, by_id: dict[str, Actor], places: dict[str, Place], points_back: bool,
                 a_words: list[Token]) -> bool:
    """Two mentions are one action when nothing about them conflicts and the later one points back:
    an anaphoric noun ('the capture', 'the attack') naming a word of the earlier one, or the same doers
    and the same one recipient. A vague anaphor ('the attack') takes its antecedent's mode and ACLED
    type: it was typed with less context."""
    if (a.type, a.status) != (b.type, b.status):
        return False
    vague_anaphor = points_back and b.mode is None  # 'the attack' may name any kind of assault
    if not vague_anaphor and (a.mode, a.acled) != (b.mode, b.acled):
        return False
    if a.evidence.start == b.evidence.start:
        return False
    if a.place and b.place and not _places_agree(places[a.place], places[b.place]):
        return False
    if a.date.start and b.date.start and (a.date.start, a.date.end) != (b.date.start, b.date.end):
        return False
    for role in ("actor", "recipient"):
        ca, cb = _countries(a, role, by_id), _countries(b, role, by_id)
        if ca and cb and not ca & cb:
            return False
    shared = _countries(a, "recipient", by_id) & _countries(b, "recipient", by_id) and \
        _countries(a, "actor", by_id) & _countries(b, "actor", by_id)
    same_victim = bool(_singular_names(a, by_id) & _singular_names(b, by_id))
    same_word = b.trigger.text.lower()[:5] in {word.lower_[:5] for word in a_words}
    # 'condemned the attack'; 'al Shabaab claimed the attack' names only who did it; but 'the signing' by
    # two states the earlier support did not name is no anaphor of it
    says_nothing_else = not b.recipient and (
        not _countries(b, "actor", by_id) or vague_anaphor and b.type == "ASSAULT")
    return bool(shared or same_victim or (points_back and (same_word or says_nothing_else or _countries(
        a, "actor", by_id) & _countries(b, "actor", by_id))))


def _places_agree(a: Place, b: Place) -> bool:
    """The same place's name, or a country and a place in it ('blasts in Afghanistan', 'in Kandahar province')."""
    return a.name == b.name or bool(a.country) and a.country == b.country and "country" in (a.feature, b.feature)


def _singular_names(event: Event, by_id: dict[str, Actor]) -> set[tuple]:
    """'the soldier': one named individual on the receiving side, as (name, country)."""
    return {(by_id[i].name, by_id[i].country) for i in event.recipient
            if by_id[i].name and not by_id[i].text.lower().endswith("s") and by_id[i].kind != "state"}


def _countries(event: Event, role: str, by_id: dict[str, Actor]) -> set[str]:
    return {by_id[i].country for i in getattr(event, role) if by_id[i].country}
