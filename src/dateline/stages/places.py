"""Places: toponyms found in the report, resolved against the gazetteer, location or metonym.

Detection takes entity spans of any label that name a place, gazetteer names the model did not
tag (proper nouns only, so "Bar" or "Police" at a sentence start stay out), demonyms ("Syrian")
and all-caps datelines ("KYIV, Dec 27 (Reuters) —"). Resolution scores each candidate entry by
its feature and population, the countries and first-level divisions the rest of the report
names, a qualifier right after the name ("Paris, Texas"; "Louisville, Ky.") and cue words
("the Sumy region", "the city of Kursk"). One name keeps one sense throughout a report.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from .. import gazetteer
from ..gazetteer import Entry, Gazetteer, fold
from ..model import Place
from ..parsed import ParsedReport

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels whose spans may hold a place name inside ("University of Alberta", "Gainesville Police").
CONTAINER_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "LOC", "NORP"}
SKIP_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
MAX_NAME_TOKENS = 5
ADMIN1_CUES = {"region", "oblast", "province", "governorate", "state", "prefecture", "krai", "territory"}
CITY_CUES = {"city", "town", "village", "capital"}
# Capitalised words that are names of some small place but rarely mean one in news text.
COMMON_WORDS = {
    "of", "bar", "police", "mobile", "reading", "nice", "split", "man", "march", "may", "van", "most", "date",
    "hope", "orange", "university", "president", "governor", "minister", "general", "republic", "union", "center",
    "centre", "home", "north", "south", "east", "west", "central", "national", "new", "city", "state", "county",
    "street", "road", "river", "lake", "park", "church", "school", "hospital", "court", "house", "world", "island",
    "valley", "mount", "fort", "port", "saint", "san", "santa", "la", "le", "el", "de", "du", "des", "di", "da",
    "al", "mr", "mrs", "ms", "dr", "god", "lord", "christ", "jesus", "news", "post", "times", "star", "mail",
    "media", "today", "online", "internet", "web", "email", "tv", "radio", "video", "photo", "free", "best",
    "good", "great", "grand", "long", "little", "big", "old", "young", "white", "black", "red", "green", "blue",
    "gold", "golden", "silver", "deal", "win", "victory", "liberty", "justice", "independence", "unity",
    "progress", "friendship", "harmony", "paradise", "eden", "alpha", "delta", "obama", "trump", "clinton",
    "bush", "washington post", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
    "ebola", "zika", "covid", "aids", "hiv", "sars", "mers", "flu", "cholera", "malaria", "english", "spanish",
    "german", "french", "arabic", "latin", "islam", "muslim", "christian", "jewish", "catholic", "protestant",
    "sunni", "shia", "democrat", "republican", "congress", "senate", "parliament", "army", "navy", "apple",
    "amazon", "google", "facebook", "twitter", "reuters", "ap", "afp", "bbc", "cnn", "un", "eu", "nato",
}
FEATURE_PRIOR = {"country": 8.5, "region": 8.0, "water": 8.0}
METONYM_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
METONYM_PREPS = {"by", "between", "with", "against", "from"}


@dataclass
class Mention:
    start: int  # token indexes in the doc
    end: int
    candidates: list[Entry]
    cue: str | None = None  # "admin1" | "city" from the words around the name
    demonym: bool = False
    qualifiers: list[Entry] = field(default_factory=list)

    def key(self, doc: Doc) -> str:
        return fold(doc[self.start:self.end].text)


def find_places(parsed: ParsedReport) -> list[Place]:
    gaz = gazetteer.load()
    doc = parsed.doc
    mentions = sorted(_mentions(doc, gaz), key=lambda m: m.start)
    _attach_qualifiers(mentions, doc)
    chosen = _resolve(mentions, doc)
    places = []
    for mention in mentions:
        entry = chosen[mention.key(doc)] if not mention.demonym else mention.candidates[0]
        span = doc[mention.start:mention.end]
        role = "metonym" if mention.demonym or _is_metonym(span, entry) else "location"
        places.append(Place(id=f"p{len(places) + 1}", text=span.text, start=span.start_char, end=span.end_char,
                            name=entry.name, feature=entry.feature, country=entry.country,
                            admin1=entry.admin1, lat=entry.lat, lon=entry.lon, geonameid=entry.geonameid,
                            role=role, demonym=mention.demonym))
    return places


# --------------------------------------------------------------------------- detection

def _mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in SKIP_LABELS:
            continue
        mention = _entity_mention(ent, gaz)
        if mention is not None:
            found.append(mention)
        elif ent.label_ in CONTAINER_LABELS:
            found.extend(_scan(doc, gaz, ent.start, ent.end, inside_entity=True))
        for i in range(ent.start, ent.end):
            taken[i] = True
    i = 0
    while i < len(doc):
        if taken[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and not taken[j]:
            j += 1
        found.extend(_scan(doc, gaz, i, j, inside_entity=False))
        i = j
    return found


def _entity_mention(ent: SpacySpan, gaz: Gazetteer) -> Mention | None:
    """The whole entity as one place: 'the Sumy region', 'Kursk', 'Syrian'."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if doc[start].lower_ == "the":
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    if span.text[:1].islower():
        return None
    if len(span) == 1 and _demonym(span[0], gaz):
        return Mention(start, end, [gaz.demonym(span.text)], demonym=True)
    if ent.label_ == "NORP":
        return None
    candidates = _lookup(span, gaz)
    cue = _cue(doc, start, end)
    if not candidates and len(span) > 1 and span[-1].lower_ in ADMIN1_CUES:
        candidates = [e for e in _lookup(span[:-1], gaz) if e.feature == "admin1"]
        end, cue = end - 1, "admin1"
    if not candidates:
        return None
    if ent.label_ not in PLACE_LABELS and not _plausible_name(span, candidates):
        return None
    return Mention(start, end, candidates, cue=cue)


def _scan(doc: Doc, gaz: Gazetteer, start: int, end: int, inside_entity: bool) -> list[Mention]:
    """Gazetteer names among the tokens start..end, longest first."""
    found = []
    i = start
    while i < end:
        for length in range(min(MAX_NAME_TOKENS, end - i), 0, -1):
            span = doc[i:i + length]
            if not _may_start_name(span[0]) or not _may_end_name(span[-1]):
                continue
            if not gaz.has_name(span.text):
                continue
            if len(span) == 1 and _demonym(span[0], gaz):
                found.append(Mention(i, i + 1, [gaz.demonym(span.text)], demonym=True))
                i += 1
                break
            candidates = _lookup(span, gaz)
            if candidates and _plausible_name(span, candidates, strict=not inside_entity):
                found.append(Mention(i, i + length, candidates, cue=_cue(doc, i, i + length)))
                i += length
                break
        else:
            if i < end and _demonym(doc[i], gaz):
                found.append(Mention(i, i + 1, [gaz.demonym(doc[i].text)], demonym=True))
            i += 1
    return found


def _may_start_name(token) -> bool:
    return token.text[:1].isupper() or not token.text[:1].isascii() and token.is_alpha


def _may_end_name(token) -> bool:
    return token.is_alpha or token.text.endswith(".") and len(token.text) > 1


def _demonym(token, gaz: Gazetteer) -> bool:
    return token.text[:1].isupper() and token.pos_ in ("ADJ", "PROPN", "NOUN") and gaz.demonym(token.text) is not None


def _lookup(span: SpacySpan, gaz: Gazetteer) -> list[Entry]:
    """Entries for a span; short all-caps words ('US', 'UN') count only as exact short forms."""
    text = span.text
    if text.isupper() and len(text.replace(".", "")) <= 3:
        return gaz.lookup_exact(text)
    return gaz.lookup(text)


def _plausible_name(span: SpacySpan, candidates: list[Entry], strict: bool = False) -> bool:
    """Guards against common words that happen to name some village."""
    words = fold(span.text)
    if words in COMMON_WORDS:
        return False
    best = max(candidates, key=_prior)
    big = best.feature in ("country", "admin1", "region", "water") or best.population >= 100_000
    if not strict:
        return big or best.population >= 1_000 or len(span) > 1
    if not all(t.pos_ == "PROPN" or t.text[:1].isupper() and t.is_sent_start is False for t in span):
        return False
    if span[0].is_sent_start and len(span) == 1 and not big:
        return False
    if span.text.isupper() and len(span.text) > 3:
        return _in_dateline(span) or big
    return big or best.population >= 5_000 or len(span) > 1


def _in_dateline(span: SpacySpan) -> bool:
    """'KYIV, Dec 27 (Reuters) —': an all-caps place at the start of a line, before a comma or bracket."""
    doc = span.doc
    line_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    return line_start and after in (",", "(", "-", "--", "—")


def _cue(doc: Doc, start: int, end: int) -> str | None:
    after = doc[end].lower_ if end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    if after in ADMIN1_CUES or before[-2:] in (["region", "of"], ["province", "of"], ["state", "of"]):
        return "admin1"
    if before[-2:] in (["city", "of"], ["town", "of"], ["village", "of"]) or after in CITY_CUES:
        return "city"
    return None


# --------------------------------------------------------------------------- resolution

def _attach_qualifiers(mentions: list[Mention], doc: Doc) -> None:
    """'Paris, Texas', 'Louisville, Ky.', 'Warwick in Queensland': the next place qualifies this one."""
    for here, nxt in zip(mentions, mentions[1:]):
        between = doc[here.end:nxt.start]
        if nxt.demonym or len(between) > 1 or (between and between[0].text not in (",", "in", "(")):
            continue
        bigger = [e for e in nxt.candidates if e.feature in ("country", "admin1")]
        if bigger:
            here.qualifiers.extend(bigger)


def _prior(entry: Entry) -> float:
    if entry.feature in FEATURE_PRIOR:
        return FEATURE_PRIOR[entry.feature]
    size = math.log10(entry.population + 10)
    if entry.feature == "admin1":
        return size - 1.0
    if entry.feature == "admin2":
        return size - 1.5
    return size + (1.0 if entry.capital else 0.0)


def _score(entry: Entry, mention: Mention, countries: Counter, admin1s: Counter) -> float:
    score = _prior(entry)
    if countries[entry.country]:
        score += 2.0 + min(countries[entry.country], 5) * 0.3
    if entry.admin1 and admin1s[(entry.country, entry.admin1)] and entry.feature != "admin1":
        score += 2.0
    if any(q.country == entry.country and (q.feature == "country" or q.admin1 == entry.admin1)
           for q in mention.qualifiers):
        score += 6.0
    if mention.cue == "admin1":
        score += 4.0 if entry.feature == "admin1" else 0.0
    elif mention.cue == "city":
        score += 2.0 if entry.feature == "city" else 0.0
    return score


def _resolve(mentions: list[Mention], doc: Doc) -> dict[str, Entry]:
    """One entry per name: priors first, then again with the rest of the report as context."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if not mention.demonym:
            by_key[mention.key(doc)].append(mention)
    empty = Counter()
    first = {key: max(ms[0].candidates, key=lambda e: max(_score(e, m, empty, empty) for m in ms))
             for key, ms in by_key.items()}
    chosen = {}
    for key, ms in by_key.items():
        countries, admin1s = Counter(), Counter()
        for other_key, entry in first.items():
            if other_key != key:
                countries[entry.country] += len(by_key[other_key])
                if entry.admin1:
                    admin1s[(entry.country, entry.admin1)] += len(by_key[other_key])
        for mention in mentions:
            if mention.demonym and mention.key(doc) != key:
                countries[mention.candidates[0].country] += 1
        chosen[key] = max(ms[0].candidates, key=lambda e: max(_score(e, m, countries, admin1s) for m in ms))
    return chosen


def _is_metonym(span: SpacySpan, entry: Entry) -> bool:
    """A country or capital standing for its government: 'Pyongyang sent', 'Moscow's military'."""
    if entry.feature != "country" and not entry.capital:
        return False
    head = span.root
    if head.dep_ in METONYM_DEPS:
        return True
    if head.dep_ == "conj" and head.head.dep_ in METONYM_DEPS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in METONYM_PREPS:
        return True
    return head.dep_ == "conj" and head.head.dep_ == "pobj" and head.head.head.lower_ in METONYM_PREPS
