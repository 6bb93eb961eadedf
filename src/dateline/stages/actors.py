"""Actors: the people, groups, organisations and states that events and claims refer to.

Mentions come from named entities, noun phrases headed by an actor noun ('Ukrainian special
forces', 'the soldier'), organisation nouns modifying another noun ('Russian military
operations'), possessives, and every phrase that takes part in an event (participants.roles).
Country and sector come from the shipped lexicons, demonyms and the places stage's metonyms;
anaphors ('he', 'their', 'both regimes', 'the agency') take them from what they refer to.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import gazetteer, lexicon
from ..event_types import entries as trigger_words
from ..lexicon import ActorType
from ..model import Actor, Place
from ..parse_index import (by_sentence, dateline_tokens, ents_of, index_of, sentence_number, sentence_of, span_text,
                           tokens_of)
from ..parsed import ParsedReport
from ..participants import DOER_NOUNS, VICTIM_NOUNS, is_partitive, roles

PERSON_TITLES = {"president": "GOV", "minister": "GOV", "leader": "GOV", "spokesman": "GOV",
                 "spokeswoman": "GOV", "general": "MIL", "commander": "MIL", "chancellor": "GOV",
                 "king": "GOV", "secretary": "GOV", "ambassador": "GOV", "envoy": "GOV", "governor": "GOV",
                 "mayor": "GOV", "chief": "GOV", "colonel": "MIL", "lieutenant": "MIL", "major": "MIL",
                 "captain": "MIL", "sergeant": "MIL", "admiral": "MIL", "brigadier": "MIL", "marshal": "MIL",
                 "premier": "GOV", "senator": "GOV",
                 # as news abbreviates them: 'Lt. Gen. Prosper Avril', 'Gov. Gavin Newsom'
                 "gen.": "MIL", "lt.": "MIL", "col.": "MIL", "maj.": "MIL", "capt.": "MIL", "sgt.": "MIL",
                 "adm.": "MIL", "brig.": "MIL", "cmdr.": "MIL", "gov.": "GOV", "sen.": "GOV", "pres.": "GOV"}
# Civil offices whose title ends in 'general', no soldier's: 'Secretary-General', 'Attorney General'.
GENERAL_OFFICES = {"secretary", "attorney", "solicitor", "inspector", "consul", "director", "surgeon", "auditor",
                   "governor", "prosecutor", "procurator", "postmaster", "comptroller", "accountant"}
ANAPHORIC_DETERMINERS = {"the", "this", "these", "those", "that", "its", "their", "his", "her"}
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
SPEAKER_PRONOUNS = {"i", "me", "my", "we", "us", "our", "you", "your"}
PAIR_WORDS = {"both", "two"}
DIRECTIONS = {"north", "south", "east", "west", "central"}
NOT_ACTORS = {"bomb", "device", "ied", "explosive", "missile", "rocket", "shell", "fire", "blast", "explosion",
              "weapon", "gun", "car", "vehicle", "drone", "grenade", "mine", "attack", "violence", "incident",
              "way", "time", "year", "day", "part", "one", "thing", "something", "anything", "nothing"}
ANTECEDENT_SENTENCES = 2
MAX_NAME_TOKENS = 6
PLACE_LABELS = ("GPE", "LOC", "NORP")


@dataclass
class Mention:
    span: SpacySpan
    name: str | None
    typed: ActorType
    anaphor: str | None = None  # 'person', 'group', 'thing' or 'pair': resolved against earlier actors


def find_actors(parsed: ParsedReport) -> list[Actor]:
    doc = parsed.doc
    found = _Found()
    dateline = dateline_tokens(doc)
    found.tokens.update(dateline)
    acronyms = _acronyms(doc)
    metonyms = {p.start for p in parsed.reading.places if p.role == "metonym"}
    for span in ents_of(doc):
        typed = _named_type(span, acronyms, metonyms)
        if typed is not None and span.start not in dateline:
            found.add(span.start, span.end, Mention(span, _canonical(span), typed))
    history: dict[str, ActorType] = {}
    chunks = {chunk.root.i: chunk for chunk in doc.noun_chunks}
    for chunk in chunks.values():
        if found.covers(chunk.root):
            continue
        mention = _group_mention(chunk, history) or _modifier_mention(chunk)
        if mention is not None:
            found.add(mention.span.start, mention.span.end, mention)
    for token in tokens_of(doc):
        if token.dep_ == "poss" and not found.covers(token):
            owner = doc[token.left_edge.i: token.i + 1]
            mention = _group_mention(owner, history) or _pronoun_mention(token)
            if mention is not None:
                found.add(owner.start, owner.end, mention)
    for head in _participant_heads(doc):
        if not found.covers(head) and not found.holds_mention(chunks.get(head.i)):
            mention = _participant_mention(head, chunks.get(head.i))
            if mention is not None:
                found.add(mention.span.start, mention.span.end, mention)
    return _resolved(found.in_text_order(), by_sentence(doc, parsed.reading.places))


class _Found:
    """The mentions found so far, by the token span they were found at; every candidate asks which tokens
    they cover, so the tokens are kept apart (a scan of the mentions made long reports quadratic)."""

    def __init__(self) -> None:
        self.mentions: dict[tuple[int, int], Mention] = {}
        self.tokens: set[int] = set()
        self.starting_at: dict[int, list[Mention]] = {}

    def add(self, start: int, end: int, mention: Mention) -> None:
        self.mentions[(start, end)] = mention
        self.tokens.update(range(start, end))
        self.starting_at.setdefault(start, []).append(mention)

    def covers(self, token: Token) -> bool:
        return token.i in self.tokens

    def holds_mention(self, chunk: SpacySpan | None) -> bool:
        """'Russian military operations' already holds the actor 'Russian military'."""
        return chunk is not None and any(mention.span.root.pos_ != "PRON" for i in range(chunk.start, chunk.end)
                                         for mention in self.starting_at.get(i, ()))

    def in_text_order(self) -> list[Mention]:
        return sorted(self.mentions.values(), key=lambda m: (m.span.start, m.span.end))


def _resolved(mentions: list[Mention], places: dict[int, list[Place]]) -> list[Actor]:
    """Actors in text order, anaphors given the country, sector and antecedents of what they mean; `places`
    by sentence."""
    actors: list[Actor] = []
    sentence_start: dict[str, int] = {}
    places_by_country = Counter(p.country for sentence in places.values() for p in sentence if p.country)
    for mention in mentions:
        span, typed = mention.span, mention.typed
        actor = Actor(id=f"a{len(actors) + 1}", text=span_text(span), start=span.start_char, end=span.end_char,
                      name=mention.name, country=typed.country, sector=typed.sector, kind=typed.kind)
        sentence = sentence_of(span).start
        if mention.anaphor is not None:
            since = _sentence_start_before(span, ANTECEDENT_SENTENCES)
            earlier = [a for a in actors if sentence_start[a.id] >= since]
            _resolve(actor, mention.anaphor, earlier)
        if actor.country is None:
            actor.country = _country_of_place_within(actor, places[sentence_number(span)], places_by_country)
        if actor.country is None and (actor.sector == "CVL" or _is_titled_person(mention)):
            actor.country = _country_where(span, places[sentence_number(span)])
        sentence_start[actor.id] = sentence
        actors.append(actor)
    return actors


def _sentence_start_before(span: SpacySpan, sentences: int) -> int:
    """The token index where the sentence `sentences` before the span's sentence starts."""
    start = sentence_of(span).start
    for _ in range(sentences):
        if start == 0:
            break
        start = sentence_of(span.doc[start - 1]).start
    return start


def _resolve(actor: Actor, anaphor: str, earlier: list[Actor]) -> None:
    if anaphor == "pair":
        states = []
        for candidate in reversed(earlier):
            if candidate.country and candidate.kind in ("state", "organization") and \
                    candidate.country not in {s.country for s in states}:
                states.append(candidate)
            if len(states) == 2:
                actor.antecedents = [s.id for s in reversed(states)]
                return
        return
    for candidate in reversed(earlier):
        if _may_mean(anaphor, candidate):
            if candidate.end > actor.start:
                continue
            actor.antecedents = candidate.antecedents or [candidate.id]
            actor.name, actor.country, actor.sector = candidate.name, candidate.country, candidate.sector
            actor.kind = actor.kind or candidate.kind
            return


def _may_mean(anaphor: str, candidate: Actor) -> bool:
    """'he' means a person, 'they' a group, several people or a state, 'it' an organisation or a state."""
    plural = candidate.text.lower().endswith("s") and candidate.kind != "state"
    if anaphor == "person":
        return candidate.kind == "person" and not plural
    if anaphor == "group":
        return candidate.kind in ("group", "organization", "state") or plural or len(candidate.antecedents) > 1
    return candidate.kind in ("organization", "state")


def _is_titled_person(mention: Mention) -> bool:
    """'President Yoweri Museveni': a named official whose title names no country."""
    return mention.typed.kind == "person" and mention.typed.sector is not None and mention.anaphor is None


def _country_of_place_within(actor: Actor, places: list[Place], places_by_country: Counter) -> str | None:
    """'Darfur rebels', 'Gaza militants': a group named by where it is belongs to that place's country, when
    the report names another place there (a lone place in a name was more often a misreading: 'Abu Kamal')."""
    return next((p.country for p in places if p.role == "location" and places_by_country[p.country] > 1
                 and actor.start <= p.start and p.end < actor.end), None)


def _country_where(span: SpacySpan, places: list[Place]) -> str | None:
    """Civilians belong to the country where they are, and an official without a country most often
    to the one the sentence is about: the nearest place or demonym in their sentence (`places`: those of
    the sentence)."""
    sent = sentence_of(span)
    near = [(p.start, p.country) for p in places if p.country and sent.start_char <= p.start < sent.end_char]
    near += [(at, country) for i, at, country in _demonyms_in(sent) if not span.start <= i < span.end]
    if not near:
        return None
    return min(near, key=lambda found: abs(found[0] - span.start_char))[1]


@functools.lru_cache(maxsize=64)
def _demonyms_in(sent: SpacySpan) -> tuple[tuple[int, int, str], ...]:
    """(token index, character offset, country) of each demonym in a sentence: asked for every actor in it."""
    tokens = tokens_of(sent.doc)[sent.start:sent.end]  # a Span builds each token anew
    return tuple((t.i, t.idx, country) for t in tokens if (country := _demonym_country(t)))


def _canonical(span: SpacySpan) -> str:
    """The name a span writes, without a leading 'the' or a possessive ending ("North Korea's")."""
    words = [t.text for t in span if not (t.i == span.start and t.lower_ == "the")
             and not (t.i == span.end - 1 and t.dep_ == "case")]
    return " ".join(words)


def _acronyms(doc: Doc) -> dict[str, ActorType]:
    """'the National Intelligence Service (NIS)': NIS means what the full name means."""
    found = {}
    for span in ents_of(doc):
        end = span.end
        if end < len(doc) and doc[end].lower_ == "of" and doc[end].head.i == span.root.i:
            end = doc[end].right_edge.i + 1  # 'the Security Service of Ukraine (SBU)'
        nxt = doc[end: end + 3]
        if len(nxt) == 3 and nxt[0].text == "(" and nxt[2].text == ")" and nxt[1].is_upper:
            typed = lexicon.organization(_canonical(span)) or _type_from_modifiers(span)
            if typed is not None:
                found[nxt[1].text.lower()] = typed
    return found


def _named_type(span: SpacySpan, acronyms: dict[str, ActorType], metonyms: set[int]) -> ActorType | None:
    """`metonyms`: where the places that stand for a government start."""
    key = _canonical(span).lower()
    known = lexicon.organization(key) or acronyms.get(key)
    if known is None and (named := _organization_named_before(span.doc, span.end)):
        known = named[1]  # spaCy named part of it: 'Tahrir al-Sham' of 'Hayat Tahrir al-Sham'
    if known is not None:
        return known
    if span.label_ == "PERSON":
        return _person_type(span)
    if span.label_ == "ORG":
        return _type_from_modifiers(span) or ActorType(None, None, "organization")
    if span.label_ == "NORP" and span.root.dep_ not in ("amod", "compound"):
        country = _demonym(span.text)
        return ActorType(country, None, "group") if country else None
    if span.label_ == "GPE" and span.start_char in metonyms:
        entry = gazetteer.load().lookup(_canonical(span))
        return ActorType(entry[0].country, "GOV", "state") if entry else None
    return None


def _demonym(text: str) -> str | None:
    """'Ukrainian' or 'Ukrainians' -> UKR."""
    demonyms = lexicon.demonyms()
    lower = text.lower()
    return demonyms.get(lower) or (demonyms.get(lower[:-1]) if lower.endswith("s") else None)


def _person_type(span: SpacySpan) -> ActorType:
    """'Ukrainian President Volodymyr Zelensky': country and sector from the words before the name."""
    country, sector = None, None
    for token in reversed(span.doc[max(0, span.start - 4): span.start]):
        lower = token.lower_
        if (lower == "general" and _office_before(token)) or (lower == "-" and not token.whitespace_):
            continue  # 'Secretary-General': the office names the sector
        if lower in PERSON_TITLES and sector is None:
            sector = PERSON_TITLES[lower]
        elif country := _demonym_country(token):
            break
        elif token.pos_ == "PROPN" and (country := _country_of_organization_before(span.doc, token.i + 1)):
            break  # 'Arab League Secretary General Chadli Klibi' serves the League
        elif token.pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
    return ActorType(country, sector, "person")


def _office_before(general: Token) -> bool:
    """'Secretary General', 'Secretary-General': the word before 'general' names a civil office."""
    lowers, before = index_of(general.doc).lowers, general.i - 1
    if before > 0 and lowers[before] == "-":
        before -= 1
    return before >= 0 and lowers[before] in GENERAL_OFFICES


def _demonym_country(token: Token) -> str | None:
    demonyms, lowers = lexicon.demonyms(), index_of(token.doc).lowers
    if token.i > 0:
        pair = f"{lowers[token.i - 1]} {lowers[token.i]}"
        if pair in demonyms:
            return demonyms[pair]
    return demonyms.get(lowers[token.i])


def _type_from_modifiers(span: SpacySpan) -> ActorType | None:
    """Country from a demonym or country name within or just before the span, not across punctuation: in
    'aid to Albania, the Washington Post said' the Post is not Albanian."""
    head_sector = lexicon.sectors().get(span.root.lemma_.lower())
    doc, start, end = span.doc, span.start, span.end
    while start > max(0, span.start - 3) and not doc[start - 1].is_punct:
        start -= 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end].head.i == span.root.i:
        end += 2  # 'the army of Syria'
    for token in doc[start:end]:
        country = _demonym_country(token) or _country_name(token)
        if country:
            return ActorType(country, head_sector[0] if head_sector else None, "organization")
    return None


def _country_name(token: Token) -> str | None:
    """The country a token names, or the entity it is part of ('Ivory Coast', 'Mozambique' tagged an adjective)."""
    if token.ent_type_ in PLACE_LABELS:
        return _named_country(_canonical(_entity_at(token)))
    return _gazetteer_country(token.text) if token.pos_ == "PROPN" else None


def _group_mention(chunk: SpacySpan, history: dict[str, ActorType]) -> Mention | None:
    """A noun phrase headed by an actor noun ('Ukrainian special forces', 'the soldier', 'both regimes')."""
    lemma = chunk.root.lemma_.lower()
    known = lexicon.sectors().get(lemma)
    if known is None:
        return None
    sector, kind = known
    sector = sector or _modifier_sector(chunk)
    country = _phrase_country(chunk)
    first = chunk[0].lower_
    if country is None and first in PAIR_WORDS:
        return Mention(chunk, lemma, ActorType(None, sector, kind), anaphor="pair")
    if country is None and first in ANAPHORIC_DETERMINERS and lemma in history:
        return Mention(chunk, lemma, history[lemma])
    typed = ActorType(country, sector, kind)
    if country:
        history[lemma] = typed
    return Mention(chunk, lemma, typed)


def _phrase_country(chunk: SpacySpan) -> str | None:
    # a name within, whatever spaCy labels it: 'Ivory Coast rebels', 'Boko Haram insurgents', or does not:
    # 'Hayat Tahrir al-Sham fighters'
    for entity in _entities_within(chunk):
        if country := _named_country(_canonical(entity)):
            return country
    named = _organization_named_before(chunk.doc, chunk.root.i, chunk.start)
    if named and named[1].country:
        return named[1].country
    for token in chunk:
        country = _demonym_country(token) or _country_name(token)
        if token.pos_ == "PROPN" and (known := lexicon.organization(token.text)):  # 'U.N. helicopters', 'NATO troops'
            country = country or known.country
        if country:
            return country
    # the owner or the of/from phrase: "the Ivory Coast's court", 'a group of Moroccan diplomats', 'activists from Fatah'
    for child in chunk.root.children:
        if child.dep_ == "poss" and (country := _phrase_country(_phrase_of(child))):
            return country
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for noun in child.children:
                if noun.dep_ == "pobj" and (country := _phrase_country(_phrase_of(noun))):
                    return country
    return None


def _phrase_of(noun: Token) -> SpacySpan:
    """A noun with the words before it that modify it."""
    return noun.doc[noun.left_edge.i: noun.i + 1]


def _organization_named_before(doc: Doc, end: int, first: int = 0) -> tuple[SpacySpan, ActorType] | None:
    """The known organisation that the proper nouns before token `end` (from token `first` on) name, all of
    them together, and their span: 'Hayat Tahrir al-Sham', which spaCy tokenises 'al', '-', 'Sham' and may
    tag in part. Not some of them: 'Security Council' is not the 'National Security Council'."""
    start = end
    while start > first and end - start < MAX_NAME_TOKENS and (
            doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "-" and not doc[start - 1].whitespace_):
        start -= 1
    known = lexicon.organization(doc[start: end].text) if start < end else None
    return (doc[start: end], known) if known else None


def _country_of_organization_before(doc: Doc, end: int) -> str | None:
    named = _organization_named_before(doc, end)
    return (named[1].country or None) if named else None


def _named_country(name: str) -> str | None:
    """The country a name is, or an organisation's country."""
    if (known := lexicon.organization(name)) and known.country:
        return known.country
    return _gazetteer_country(name)


def _gazetteer_country(name: str) -> str | None:
    return next((entry.country for entry in gazetteer.load().lookup(name) if entry.feature == "country"), None)


def _modifier_sector(chunk: SpacySpan) -> str | None:
    """'civilian casualties', 'military personnel': the sector of a generic head comes from its modifier."""
    for token in chunk:
        if token.i != chunk.root.i and token.lemma_.lower() in lexicon.sectors():
            return lexicon.sectors()[token.lemma_.lower()][0] or None
    return None


def _modifier_mention(chunk: SpacySpan) -> Mention | None:
    """'Russian military operations', 'police raid': an organisation noun modifying another noun is an actor."""
    for token in chunk:
        if token.i == chunk.root.i or token.dep_ not in ("amod", "compound", "nmod"):
            continue
        known = lexicon.sectors().get(token.lemma_.lower())
        if known is None or known[1] != "organization":
            continue
        start = token.i
        while start > chunk.start and _demonym_country(chunk.doc[start - 1]):
            start -= 1
        if start > chunk.start and _demonym_country(chunk.doc[start]) and chunk.doc[start - 1].lower_ in DIRECTIONS:
            start -= 1
        span = chunk.doc[start: token.i + 1]
        country = _phrase_country(span)
        if country is None:
            return None
        return Mention(span, token.lemma_.lower(), ActorType(country, known[0] or None, known[1]))
    return None


def _pronoun_mention(token: Token) -> Mention | None:
    lower = token.lower_
    for words, anaphor, kind in ((PERSON_PRONOUNS, "person", "person"), (GROUP_PRONOUNS, "group", "group"),
                                 (THING_PRONOUNS, "thing", None)):
        if lower in words:
            return Mention(token.doc[token.i: token.i + 1], None, ActorType(None, None, kind), anaphor=anaphor)
    if lower in SPEAKER_PRONOUNS:  # 'we', 'you': the speaker or the addressed, named elsewhere if at all
        return Mention(token.doc[token.i: token.i + 1], None, ActorType(None, None, None))
    return None


def _participant_heads(doc: Doc) -> list[Token]:
    heads: list[Token] = []
    seen: set[int] = set()  # token indexes: `t not in heads` compares every token, quadratic on long reports
    index = index_of(doc)
    for token, pos, lemma in zip(index.tokens, index.pos, index.lemmas):
        if not _a_trigger_word(pos, lemma):
            continue
        found = roles(token)
        for head in found.doers + found.targets + found.beneficiaries:
            if head.i not in seen:
                seen.add(head.i)
                heads.append(head)
    return heads


def _a_trigger_word(pos: str, lemma: str) -> bool:
    """A word the trigger lexicon lists: its participants are actors whatever type the event gets."""
    return pos in ("VERB", "NOUN", "ADJ") and lemma in trigger_words()


def _participant_mention(head: Token, chunk: SpacySpan | None) -> Mention | None:
    """An actor for a phrase that takes part in an event but names no known actor ('the villagers', 'them')."""
    if head.pos_ == "PRON":
        return _pronoun_mention(head)
    lemma = head.lemma_.lower()
    if lemma in NOT_ACTORS or (_a_trigger_word(head.pos_, lemma) and lemma not in VICTIM_NOUNS | DOER_NOUNS):
        return None
    doc = head.doc
    chunk = chunk or doc[head.i: head.i + 1]
    named = _organization_named_before(doc, head.i + 1) if head.pos_ == "PROPN" else None
    if named is not None:  # 'the Islamic State claimed', which spaCy leaves unnamed or names 'Islamic' alone
        return Mention(named[0], _canonical(named[0]), named[1])
    country = _demonym_country(head)
    if country and head.pos_ == "ADJ":
        return Mention(doc[head.i: head.i + 1], head.text, ActorType(country, None, "state"))
    if head.ent_type_ in ("GPE", "LOC"):
        entity = _entity_at(head)
        entries = gazetteer.load().lookup(_canonical(entity))
        if entries:
            kind = "state" if entries[0].feature == "country" else None
            return Mention(entity, _canonical(entity), ActorType(entries[0].country, None, kind))
    if is_partitive(head):
        counted = next(c for c in head.children if c.dep_ == "prep" and c.lower_ == "of")
        span = doc[head.left_edge.i: max(counted.right_edge.i, head.i) + 1]
        whom = next((c for c in counted.children if c.dep_ == "pobj"), head)  # 'thousands of protesters'
        return Mention(span, whom.lemma_.lower(), ActorType(_phrase_country(span), _modifier_sector(span), None))
    if head.pos_ == "NUM" and chunk.root == head and len(chunk) == 1:
        chunk = _number_phrase(head)
    return Mention(chunk, head.lemma_.lower(), ActorType(_phrase_country(chunk), _modifier_sector(chunk), None))


def _number_phrase(number: Token) -> SpacySpan:
    """'some 130 more', 'more than 260': a number standing for people, with its modifiers."""
    modifiers = [c for c in number.children if c.dep_ in ("amod", "quantmod", "advmod", "compound", "det")]
    start = min([number.i, *(m.left_edge.i for m in modifiers)])
    end = max([number.i, *(m.right_edge.i for m in modifiers)])
    return number.doc[start: end + 1]


def _entities_within(span: SpacySpan) -> list[SpacySpan]:
    """span.ents, from the tokens' entity tags: spaCy builds every entity of the document for each call,
    which made long reports quadratic."""
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ == "B":
            entity = _entity_at(doc[i])
            if entity.end <= span.end:
                found.append(entity)
            i = entity.end
        else:
            i += 1
    return found


def _entity_at(token: Token) -> SpacySpan:
    """The entity a token is part of (its ent_iob_ is B or I)."""
    doc, start = token.doc, token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=doc[start].ent_type_)
