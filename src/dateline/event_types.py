"""Event types: which words trigger an event, and its PLOVER category, mode, context and ACLED type.

`lexicons/triggers.tsv` gives each trigger lemma a default reading, a prior confidence and, where
the word alone does not decide the type, a rule that reads the parse around it: what the violence
was done with ("strikes by drones" is an air strike, "mortar strikes" shelling), whom it hit
(civilians: ACLED's Attack; armed men: Armed clash), who took a town (the army regains territory,
rebels overtake it), whether protesters were dispersed, shot at or rioting. Disasters, accidents,
ordinary crime and claims of responsibility get no ACLED type: ACLED does not code them.

The confidence says how likely the reading is right, and ranks the events of one report: specific
readings over generic ones ("a suicide bomber" over "killed"), main clauses over embedded ones
("accused them of shelling" is first an accusation), earlier sentences over later ones.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Callable

from spacy.tokens import Doc, Span, Token

from .lexicon import read_rows
from .parse_index import index_of, sentence_number, sentence_of, text_between, tokens_of

__all__ = ["Trigger", "trigger_span", "trigger_type"]

TRIGGER_POS = {"VERB", "NOUN", "ADJ"}
ACLED_EVENT_TYPE = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence", "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians", "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Agreement": "Strategic developments", "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments", "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments", "Other": "Strategic developments",
}
# A weapon in a sentence with these words is traded, tested or built, not fired at anyone.
NOT_AN_ATTACK = {"test", "sell", "sale", "buy", "purchase", "supply", "deliver", "develop", "programme", "program",
                 "export", "import", "acquire", "manufacture", "factory"}
# Verbs that end a restriction: 'lifted the curfew', 'eased the blockade'.
ENDING_VERBS = {"lift", "end", "ease", "remove", "scrap", "revoke", "cancel", "rescind", "relax", "abolish"}
# Verbs that, with a weapon as object, make ACLED's Disrupted weapons use.
DISRUPT_VERBS = {"defuse", "dismantle", "confiscate", "seize", "capture", "find", "discover", "uncover", "unearth",
                 "recover", "clear", "remove", "intercept", "destroy", "neutralize", "neutralise", "foil", "thwart",
                 "down", "seizure", "discovery", "recovery"}
WEAPON_STORES = {"depot", "arsenal"}
WHO_NOUNS = {"group", "organisation", "organization", "charity", "agency", "worker", "official", "leader", "member",
             "spokesman", "spokeswoman", "spokesperson", "envoy", "minister", "ministry", "organiser", "organizer",
             "activist", "campaigner", "monitor", "observer", "negotiator"}
TERRITORY_RULES = {"territory", "territory_cued"}
# Words in a sentence that make a weapon hit something.
IMPACT_WORDS = {"kill", "wound", "injure", "hit", "land", "fall", "strike", "target", "damage", "destroy", "fire",
                "launch", "explode", "attack", "casualty", "dead", "death", "rain", "pound", "slam", "crash"}
ROAD_WORDS = {"road", "street", "highway", "bridge", "railway", "rail", "traffic", "motorway", "junction", "entrance"}
POLITICAL_VIOLENCE_WORDS = {"attack", "terror", "terrorist", "terrorism", "bomb", "bomber", "insurgency", "war",
                            "conflict", "claim", "device", "ied", "suspect", "perpetrator", "explosive"}
# What a group formed or joined must be for the forming or joining to be an armed group's ('formed a militia',
# 'joined the rebels'), and what makes an exercise a military one.
GROUPS_FORMED = {"group", "militia", "brigade", "alliance", "coalition", "movement", "front", "faction", "unit", "force"}
GROUPS_JOINED = {"force", "forces", "rank", "ranks", "group", "militia", "rebel", "alliance"}
MILITARY_DRILLS = {"military", "naval", "army", "joint", "war"}
FIRE_EXCHANGED = {"fire", "gunfire", "shot"}
PEOPLE_EXCHANGED = {"prisoner", "detainee", "captive", "hostage", "body"}
POISONS = {"poisonous", "poison", "toxic", "nerve", "mustard"}
MOB_ACTS = {"attack", "kill", "murder", "beat", "lynch", "burn", "torch", "assault", "stone", "storm", "injure", "loot",
            "looter", "ransack", "hack"}
PROTESTER_VIOLENT_ACTS = {"throw", "hurl", "pelt", "burn", "torch", "loot", "vandalize", "vandalise", "smash", "clash",
                          "storm", "attack", "break", "set", "ransack", "riot", "stone", "damage", "destroy", "pull"}
RIOT_WORDS = {"riot", "rioter", "rampage", "vandalism", "arson", "violent", "violence", "clash", "molotov", "firecracker",
              "stone-pelting", "stone-throwing", "stone", "rock"}
HARM_ACTS = {"kill", "shoot", "beat", "injure", "wound", "hit", "assault", "attack"}
VIOLENT_MANNER = {"violent", "violently", "brutal", "brutally"}
FORCE_HEADS = {"crackdown", "disperse", "dispersal", "suppress", "suppression", "repression", "attack", "break"}
# What makes a violent dispersal ACLED's Excessive force rather than an intervention: it left casualties.
# A dispersal or crackdown called violent or brutal does not say it killed or hurt anyone.
CASUALTY_WORDS = {"kill", "die", "dead", "death", "fatality", "casualty", "fatal", "lethal", "wound", "wounded",
                  "injure", "injured", "injury", "hurt", "hospitalise", "hospitalize", "hospitalised",
                  "hospitalized"}
LIVE_FIRE = {"live_ammunition", "live_bullet", "live_round", "live_fire", "open_fire_on", "opened_fire_on",
             "fire_live", "shot_dead"}
POLICE_WORDS = {"police", "policeman", "policemen", "officer", "guard", "personnel", "forces", "force", "security_force"}
WITHDRAWAL_WORDS = {"withdraw", "withdrawal", "pull_out", "pulled_out", "retreat", "handover", "hand_over",
                    "abandon", "evacuation_deal", "without_resistance", "no_resistance", "without_a_fight",
                    "without_fighting", "any_resistance"}
# Fighting named beside a withdrawal: the ground was taken by force ('rebels who withdrew following intensive
# bombardment'), which ACLED's non-violent transfer of territory rules out.
COMBAT_WORDS = {"fighting", "clash", "battle", "bombardment", "shelling", "airstrike", "air_strike", "offensive",
                "counteroffensive", "assault"}
WEAPON_USE_VERBS = {"fire", "launch", "use", "drop", "hurl", "throw", "detonate", "plant", "lob", "shoot"}
LIGHT_VERBS = {"open", "carry", "launch", "stage", "conduct", "mount", "make", "unleash", "commit", "perpetrate"}
PROPERTY_WORDS = {"property", "properties", "shop", "store", "business", "building", "office", "warehouse", "bank",
                  "statue", "monument", "establishment"}
VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# What is set up or established: a base ('set up a base'), ties (support), a group.
BASE_WORDS = {"base", "bases", "headquarters", "headquarter", "camp", "checkpoint", "outpost", "position", "stronghold",
              "garrison", "office", "hq", "post", "point", "barrack", "barracks", "airbase"}
TIE_WORDS = {"tie", "ties", "relation", "relations"}
FOUNDED_GROUPS = {"group", "militia", "brigade", "force", "movement", "party"}
# Triggers that name an event only as nouns: 'a deal', 'the accord'; not 'deal with', 'according to'.
NOUN_ONLY = {"deal", "accord"}
# Instruments, most specific first, with the ACLED sub-event, PLOVER mode and how sure the reading is.
INSTRUMENTS = [
    ("suicide", "Suicide bomb", "suicide-attack", 0.9),
    ("chemical", "Chemical weapon", "cbrn", 0.88),
    ("air", "Air/drone strike", "aerial", 0.85),
    ("grenade", "Grenade", "explosives", 0.85),
    ("remote", "Remote explosive/landmine/IED", "explosives", 0.82),
    ("shelling", "Shelling/artillery/missile attack", "heavy-weapons", 0.82),
]
INSTRUMENT_OF = {cue: (sub_event, mode, prior) for cue, sub_event, mode, prior in INSTRUMENTS}
# Nouns that carry the event named before them: 'a coup attempt', 'a bombing campaign'.
CARRIER_NOUNS = {"attempt", "plot", "campaign"}
# Types that frame the event they govern: "threatened to strike", "accused them of shelling".
FRAMING_TYPES = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE", "SANCTION"}
CONFLICTUAL_TYPES = {"PROTEST", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}
BACKGROUND_PREPS = {"after", "following", "since", "amid", "despite"}
COOPERATIVE_TYPES = {"AID", "SUPPORT", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"}
REPORTING_VERBS = {"say", "tell", "report", "announce", "claim", "add", "state", "confirm", "quote", "note"}
OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
DEFAULT_CONTEXT = {"ASSAULT": ("military",), "MOBILIZE": ("military",), "COERCE": ("security",)}
CONTEXT_CUES = {
    "military": {"military", "troop", "army", "soldier", "force", "weapon", "missile", "defence", "defense"},
    "diplomatic": {"diplomat", "diplomatic", "embassy", "ambassador", "ties", "relation", "envoy", "minister"},
    "economic": {"economic", "trade", "loan", "aid", "investment", "tariff", "oil", "gas", "grant", "debt"},
    "legal": {"court", "law", "trial", "judge", "legal", "rights", "constitution", "ban"},
    "election": {"election", "vote", "ballot", "poll", "campaign", "candidate"},
    "refugee": {"refugee", "asylum", "migrant", "displaced"},
    "terrorism": {"terrorist", "terrorism", "terror", "suicide", "extremist", "jihadist"},
    "cbrn": {"chemical", "nuclear", "biological", "radiological"},
    "cyber": {"cyber", "hacker", "hack", "cyberattack"},
}


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    context: tuple[str, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Entry:
    type: str
    mode: str | None
    sub_event: str | None
    rule: str | None
    prior: float


@functools.cache
def entries() -> dict[str, Entry]:
    """Trigger lemma -> its default reading (lexicons/triggers.tsv)."""
    out = {}
    for row in read_rows("triggers.tsv"):
        if len(row) != 6:
            raise ValueError(f"triggers.tsv: expected 6 columns, got {row}")
        lemma, plover, mode, sub_event, rule, prior = row
        if sub_event and sub_event not in ACLED_EVENT_TYPE:
            raise ValueError(f"triggers.tsv: unknown ACLED sub-event type {sub_event!r}")
        if rule and rule not in RULES:
            raise ValueError(f"triggers.tsv: unknown rule {rule!r}")
        out[lemma] = Entry(plover, mode or None, sub_event or None, rule or None, float(prior))
    return out


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Word class -> lower-cased lemmas and underscore-joined phrases (lexicons/event_cues.tsv)."""
    return {row[0]: frozenset(row[1].split()) for row in read_rows("event_cues.tsv")}


def trigger_type(token: Token) -> Trigger | None:
    """The event a token triggers, typed and with a confidence, or None when it triggers none."""
    entry = _entry(token)
    if entry is None or _classifies_who(token) or _restriction_ended(token, entry):
        return None
    reading = RULES[entry.rule](token, entry) if entry.rule else _reading(entry)
    if reading is None:
        return None
    return _in_context(token, reading)


def _restriction_ended(token: Token, entry: Entry) -> bool:
    """'Serbia lifted a night curfew', 'the army ended its blockade': the lifting is the event; the curfew
    or blockade is what it ends."""
    return (token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in ENDING_VERBS
            and (entry.type in ("COERCE", "SANCTION") or token.lemma_.lower() in ("blockade", "siege")))


def _classifies_who(token: Token) -> bool:
    """'a local aid group', 'protest leaders', 'election officials': the word says what kind of group or person,
    not that anything happened."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in WHO_NOUNS


def possible_triggers(doc: Doc) -> list[Token]:
    """The tokens at which trigger_type can find an event, in text order: those whose lemma or word the
    lexicon lists, and those beside a hyphen (a part of 'sit-in'). Most words are neither, and asking
    trigger_type of each costs more than this."""
    index, lexicon = index_of(doc), entries()
    hyphens = index.hyphens
    return [token for i, (token, lemma, lower) in enumerate(zip(index.tokens, index.lemmas, index.lowers))
            if lemma in lexicon or lower in lexicon or i - 1 in hyphens or i + 1 in hyphens]


def trigger_span(token: Token) -> Span:
    """The words a trigger token names its event with: the whole hyphenated word it carries ('sit-in'),
    else the token alone."""
    first, last = _hyphenated_word(token)
    if first.i != last.i and _hyphenated_entry(first, last) is not None:
        return token.doc[first.i: last.i + 1]
    return token.doc[token.i: token.i + 1]


def _entry(token: Token) -> Entry | None:
    first, last = _hyphenated_word(token)
    if first.i != last.i:
        found = _hyphenated_entry(first, last)
        if found is not None:  # the word carries it at its head part alone, whatever spaCy tags the parts
            return found if token.i == _head_part(first, last).i else None
    pos = token.pos_
    if pos not in TRIGGER_POS and not (pos == "PROPN" and _event_name_word(token)):
        return None
    lexicon = entries()
    found = lexicon.get(token.lemma_.lower())
    return found if found is not None else lexicon.get(token.lower_)


def _hyphenated_word(token: Token) -> tuple[Token, Token]:
    """The first and last parts of the hyphenated word a token is part of ('sit', 'in' for any part of
    'sit-in', which spaCy splits in three); the token twice when it is part of none."""
    index = index_of(token.doc)  # asked of every token the events stage reads: no Token built anew
    tokens, hyphens, first, last = index.tokens, index.hyphens, token.i, token.i
    while first - 1 in hyphens and first >= 2 and _joined_by_hyphen(*tokens[first - 2:first + 1]):
        first -= 2
    while last + 1 in hyphens and last + 2 < len(tokens) and _joined_by_hyphen(*tokens[last:last + 3]):
        last += 2
    return tokens[first], tokens[last]


def _joined_by_hyphen(left: Token, hyphen: Token, right: Token) -> bool:
    return hyphen.text == "-" and not left.whitespace_ and not hyphen.whitespace_ and left.is_alpha and right.is_alpha


def _hyphenated_entry(first: Token, last: Token) -> Entry | None:
    """The lexicon's entry for a hyphenated word, its last part lemmatised ('sit-ins' is 'sit-in')."""
    written = text_between(first.doc, first.i, last.i).lower()
    lexicon = entries()
    found = lexicon.get(written + last.lemma_.lower())
    return found if found is not None else lexicon.get(written + last.lower_)


def _head_part(first: Token, last: Token) -> Token:
    """The part of a hyphenated word the parse attaches to the rest of the sentence ('ins' in 'held
    sit-ins'), the last part when none or several are."""
    parts = first.doc[first.i: last.i + 1]
    outward = [part for part in parts if part.text != "-" and not first.i <= part.head.i <= last.i]
    return outward[0] if len(outward) == 1 else last


def _event_name_word(token: Token) -> bool:
    """'ATTACK' in a shouted headline, 'Massacre' in 'the Boston Massacre', 'Genocide' in 'the Armenian
    Genocide': a capitalised trigger word that is no part of a person's, a place's or a group's name."""
    return token.text.isupper() or (token.text.istitle() and token.ent_type_ in ("", "EVENT"))


def _reading(entry: Entry, sub_event: str | None = "", mode: str | None = "", prior: float | None = None,
             plover: str | None = None) -> Trigger:
    """A Trigger from the lexicon entry, with what a rule found replacing the defaults."""
    sub = entry.sub_event if sub_event == "" else sub_event
    return Trigger(type=plover or entry.type, mode=entry.mode if mode == "" else mode,
                   acled_event_type=ACLED_EVENT_TYPE[sub] if sub else None, acled_sub_event_type=sub,
                   confidence=entry.prior if prior is None else prior)


# --------------------------------------------------------------------------- what the words around say


def _lemmas(tokens: Span | list[Token]) -> set[str]:
    """Lemmas of tokens, with two- and three-word phrases joined by '_' ('tear_gas', 'fire_broke_out') and
    hyphenated words whole ('tear-gas'); dates left out ('12 March' is no march)."""
    if isinstance(tokens, Span):  # its tokens from the shared list: a Span builds each anew
        tokens = tokens_of(tokens.doc)[tokens.start:tokens.end]
    if not tokens:
        return set()
    index = index_of(tokens[0].doc)
    tokens = [t for t in tokens if t.i not in index.dated]
    words = [index.lemmas[t.i] for t in tokens]
    texts = [index.lowers[t.i] for t in tokens]
    found = set(words) | set(texts)
    for seq in (words, texts):
        found.update(map("_".join, zip(seq, seq[1:])))
        found.update(map("_".join, zip(seq, seq[1:], seq[2:])))
    return found | _hyphenated_words(tokens)


def _hyphenated_words(tokens: list[Token]) -> set[str]:
    """Two-part hyphenated words, which spaCy splits in three: 'tear-gas', 'sit-ins' and 'sit-in'."""
    found: set[str] = set()
    hyphens = index_of(tokens[0].doc).hyphens if tokens else frozenset()
    for left, hyphen, right in zip(tokens, tokens[1:], tokens[2:]):
        if hyphen.i in hyphens and right.i == left.i + 2 and _joined_by_hyphen(left, hyphen, right):
            found |= {f"{left.lower_}-{right.lower_}", f"{left.lower_}-{right.lemma_.lower()}"}
    return found


def _has(words: set[str], cue: str) -> bool:
    return not words.isdisjoint(cues()[cue])


def _sentence_words(token: Token) -> frozenset[str]:
    return _words_of_sentence(sentence_of(token))


# The rules ask about the same sentence many times; the cache holds the spans (and so their docs)
# it keys on, so a key is never a recycled id.
@functools.lru_cache(maxsize=64)
def _words_of_sentence(sent: Span) -> frozenset[str]:
    return frozenset(_lemmas(sent))


def _near(token: Token) -> set[str]:
    """Words of the trigger's own phrase: its modifiers, objects and subject, not the whole sentence."""
    return _lemmas(_near_tokens(token))


def _near_tokens(token: Token) -> list[Token]:
    tokens = [token]
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "nsubj", "nsubjpass", "dobj", "agent", "prep", "npadvmod",
                          "poss", "prt"):
            tokens.extend(child.subtree)
    if token.dep_ in ("compound", "amod") or token.head.lemma_.lower() in ("attack", "strike", "blast", "explosion"):
        tokens.append(token.head)
        tokens.extend(c for c in token.head.children if c.dep_ in ("compound", "amod"))
    return sorted(set(tokens), key=lambda t: t.i)


def _instrument(words: set[str]) -> tuple[str, str, float] | None:
    if _has(words, "incendiary"):
        words = words - {"bomb"}  # a petrol bomb or a Molotov cocktail is thrown fire, no explosive device
    for cue, sub_event, mode, prior in INSTRUMENTS:
        if _has(words, cue):
            return sub_event, mode, prior
    return None


def _roles(token: Token) -> tuple[list[Token], list[Token]]:
    """(doers, targets) of a trigger, from the parse; 'opened fire on', 'carried out strikes on' read
    through the light verb."""
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS:
        doers, targets = _roles(token.head)
        own_doers, own_targets = _own_roles(token)
        return doers + own_doers, [t for t in targets if t.i != token.i] + own_targets
    return _own_roles(token)


def _own_roles(token: Token) -> tuple[list[Token], list[Token]]:
    doers, targets = [], []
    for child in token.children:
        if child.dep_ in ("nsubj", "poss") or (child.dep_ in ("compound", "amod") and token.pos_ == "NOUN"):
            doers.append(child)
        elif child.dep_ in OBJECT_DEPS:
            targets.append(child)
        elif child.dep_ in ("agent", "prep"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if child.dep_ == "agent" or child.lower_ == "by":
                doers.extend(objects)
            elif child.lower_ in ("on", "against", "at", "of"):
                targets.extend(objects)
    if token.dep_ in ("acl", "amod", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
        (doers if token.dep_ == "relcl" and token.tag_ != "VBN" else targets).append(token.head)
    if not doers:
        doers.extend(_inherited_subjects(token))
    if not targets and token.pos_ == "VERB":
        targets.extend(c for conj in token.conjuncts for c in conj.children if c.dep_ in OBJECT_DEPS)
        if token.lemma_.lower() in DISRUPT_VERBS:
            targets.extend(_object_read_as_a_clause(token))
    return doers, targets


def _object_read_as_a_clause(verb: Token) -> list[Token]:
    """'discovered a large amount of ammunition believed to belong to the PKK', which the parse may read as
    'discovered (that) an amount believed ...': the subject of a participle clause without an auxiliary is
    what was found."""
    return [c for clause in verb.children if clause.dep_ == "ccomp" and clause.tag_ in ("VBN", "VBD")
            and not any(a.dep_ in ("aux", "auxpass") for a in clause.children)
            for c in clause.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]


def _inherited_subjects(token: Token) -> list[Token]:
    """'rebels advanced after seizing the town', 'troops pushed in and retook it': the subject of the verb above."""
    node = token
    for _ in range(3):
        if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep") or node.head.i == node.i:
            return []
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "agent")]
        if subjects:
            return [s for s in subjects if s.dep_ == "nsubj"] + [
                c for s in subjects if s.dep_ == "agent" for c in s.children if c.dep_ == "pobj"]
    return []


def _object_words(targets: list[Token]) -> set[str]:
    """The objects themselves: 'a cache of rifles', 'two IEDs', not a clause hanging off them."""
    tokens = []
    for target in targets:
        tokens.append(target)
        for child in target.children:
            if child.dep_ in ("compound", "amod", "conj"):
                tokens.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                tokens.extend(c for c in child.children if c.dep_ == "pobj")
    return _lemmas(tokens)


def _words_of(tokens: list[Token]) -> set[str]:
    words: set[str] = set()
    for token in tokens:
        words |= _lemmas(list(token.subtree)[:12])
    return words


def _is(tokens: list[Token], cue: str) -> bool:
    return bool(tokens) and _has(_words_of(tokens), cue)


# --------------------------------------------------------------------------- rules


def _violence(token: Token, entry: Entry) -> Trigger | None:
    if token.lower_ in ("wounded", "injured") and (token.pos_ != "VERB" or _treated_as_people(token)):
        return None     # 'evacuated the wounded', which the parse may tag a verb
    sentence = _sentence_words(token)
    if {"cyber", "cyberattack", "hacker", "hack", "computer"} & _near(token):
        return _reading(entry, None, "cyber", plover="COERCE")
    if token.pos_ == "NOUN":
        above = {token.head.lemma_.lower(), token.head.head.lemma_.lower()}
        if above & NOT_AN_ATTACK:
            return None
        if above & DISRUPT_VERBS and token.head.dep_ != "agent" and token.dep_ != "nsubj":
            # what was destroyed, not what destroyed: 'destroyed by an explosion', 'the explosion destroyed' did not
            return _reading(entry, "Disrupted weapons use", "confiscate", 0.85, plover="COERCE")
    doers, targets = _roles(token)
    hit = _hit(token, targets)
    in_phrase = _instrument(_lemmas([t for t in _near_tokens(token) if t.i not in hit]))  # 'attacked a helicopter'
    if in_phrase is None:
        if _has(sentence, "protester") and not _is(doers, "armed"):
            return _protest(token, entry, sentence)
        if _has(sentence, "mob") and MOB_ACTS & sentence:
            return _reading(entry, "Mob violence", "beat", 0.8)
    found = in_phrase or _instrument(_words_beside(token, hit))
    if found == INSTRUMENT_OF["remote"] and _has(sentence, "suicide"):
        found = INSTRUMENT_OF["suicide"]  # 'detonated explosives, killing themselves'
    if found is None and {"explosion", "blast", "explode"} & sentence and not _political(token):
        return None     # an explosion nobody set off, and what it did: an accident until the report says otherwise
    if found is not None:
        sub_event, mode, prior = found
        return _reading(entry, sub_event, mode, prior if in_phrase else prior - 0.1)
    if _is(targets, "armed"):
        return _reading(entry, "Armed clash")
    if _is(targets, "civilian"):
        return _reading(entry, "Attack")
    if targets and PROPERTY_WORDS & _words_of(targets):
        return _reading(entry, "Looting/property destruction", "destroy", 0.6)
    sub_event = "Attack" if _thrown_fire(token) else entry.sub_event
    if not targets and sub_event in ("Attack", "Armed clash"):
        return _reading(entry, _victims_in_sentence(token, doers) or sub_event)
    return _reading(entry, sub_event)


def _thrown_fire(token: Token) -> bool:
    """'petrol bombs', 'a fire bomb': ACLED codes their throwing as an attack, not as an explosive device."""
    return any(c.dep_ in ("compound", "amod") and f"{c.lemma_.lower()}_{token.lemma_.lower()}" in cues()["incendiary"]
               for c in token.children)


def _treated_as_people(token: Token) -> bool:
    """'evacuated the wounded', 'treated the injured': people something was done for, not their wounding."""
    return token.dep_ == "dobj" and any(c.dep_ == "det" for c in token.children)


def _words_beside(token: Token, hit: set[int]) -> frozenset[str] | set[str]:
    """The sentence's words without what the trigger hit, named there or again: 'opened fire on a plane' is no
    air strike, nor is it when '... one of the plane's pilots said'."""
    if not hit:
        return _sentence_words(token)
    lemmas = index_of(token.doc).lemmas
    hit_words = {lemmas[i] for i in hit}
    return _lemmas([t for t in sentence_of(token) if t.i not in hit and lemmas[t.i] not in hit_words])


def _hit(token: Token, targets: list[Token]) -> set[int]:
    """The tokens of what the trigger hit, of its targets. A verb of using a weapon has the weapon for its object
    ('fired rockets', 'dropped barrel bombs'): what it hit is what it was used on or at ('fired on a plane')."""
    if token.lemma_.lower() in WEAPON_USE_VERBS:
        targets = [t for t in targets if t.dep_ == "pobj"]
    return {t.i for target in targets for t in target.subtree}


def _victims_in_sentence(token: Token, doers: list[Token]) -> str | None:
    """With no target in the phrase, whom the rest of the sentence names: armed men or civilians."""
    doer_tokens = {t.i for d in doers for t in d.subtree}
    others = _lemmas([t for t in sentence_of(token) if t.i not in doer_tokens and t.pos_ in ("NOUN", "PROPN")])
    if _has(others, "armed"):
        return "Armed clash"
    if _has(others, "civilian"):
        return "Attack"
    return None


def _violence_cued(token: Token, entry: Entry) -> Trigger | None:
    """'hit', 'fire', 'target': violence only with a weapon or an armed doer in the phrase."""
    near = _near(token)
    if token.lemma_.lower() == "fire" and not (_has(near, "weapon") or _has(near, "shelling")
                                                or any(c.lower_ in ("at", "on") for c in token.children)
                                                or "open_fire" in _sentence_words(token)):
        return None
    doers, _ = _roles(token)
    if not (_instrument(near) or _has(near, "weapon") or _has(near, "firearm") or _is(doers, "armed")):
        return None
    return _violence(token, entry)


def _strike(token: Token, entry: Entry) -> Trigger | None:
    """'strike' is an attack, or a walkout ('workers went on strike', 'a general strike')."""
    near = _near(token)
    if {"hunger", "general", "worker", "union", "labour", "labor", "teacher", "employee", "wage", "pay"} & (
            near | _sentence_words(token)) or (
            token.head.lower_ == "on" and token.head.head.lemma_.lower() in ("go", "be", "remain", "stay")):
        return _reading(entry, "Peaceful protest", "strike-gen", 0.7, plover="PROTEST")
    if any(c.lower_ == "back" for c in token.children) and not (_instrument(near) or _has(near, "weapon")):
        return None
    return _violence(token, entry)


def _weapon(token: Token, entry: Entry) -> Trigger | None:
    """A weapon named on its own ('a rocket landed') is an attack, unless tested, sold or seized."""
    sentence = _sentence_words(token)
    if NOT_AN_ATTACK & sentence or not IMPACT_WORDS & sentence:
        return None
    return _violence(token, entry)


def _clash(token: Token, entry: Entry) -> Trigger | None:
    if token.dep_ == "compound" and token.head.lemma_.lower() not in CARRIER_NOUNS:
        return None     # 'battle zones', 'combat troops'; but 'a coup attempt'
    sentence = _sentence_words(token)
    if _has(sentence, "protester") and not _is(_roles(token)[0], "armed"):
        return _protest(token, entry, sentence)
    found = _instrument(_near(token))
    if found is not None:
        sub_event, mode, prior = found
        return _reading(entry, sub_event, mode, prior)
    return _reading(entry)


def _exchange(token: Token, entry: Entry) -> Trigger | None:
    near = _near(token)
    if FIRE_EXCHANGED & near:
        return _reading(entry)
    if PEOPLE_EXCHANGED & near:
        return _reading(entry, "Agreement", "release", 0.65, plover="CONCEDE")
    return None


def _gas(token: Token, entry: Entry) -> Trigger | None:
    """Poison gas is a chemical weapon; tear gas is a protest intervention; other gas, no event."""
    near = _near(token)
    if _has(near, "chemical") or POISONS & near:
        return _reading(entry)
    if "tear" in near:
        return _protest_cued(token, entries()["teargas"])
    return None


def _blow(token: Token, entry: Entry) -> Trigger | None:
    """'blew himself up' is a suicide bombing; 'blew up the power lines' destroys property."""
    if not any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
        return None
    _, targets = _roles(token)
    if any(t.lower_ in ("himself", "herself", "themselves") for t in targets):
        return _reading(entry, "Suicide bomb", "suicide-attack", 0.9, plover="ASSAULT")
    if _is(targets, "armed") or _is(targets, "civilian"):
        return _violence(token, entry)
    return _reading(entry)


def _harm(token: Token, entry: Entry) -> Trigger | None:
    """A death or an injury is the toll of violence, unless illness, an accident or a disaster caused it
    ('died of cancer', 'injured in a crash'); 'death penalty', 'war dead' name no event."""
    if token.dep_ == "compound":
        return None
    near = _near(token)
    if _has(near, "illness") or _has(near, "disaster"):
        return None
    return _reading(entry)


def _sexual(token: Token, entry: Entry) -> Trigger | None:
    if token.lemma_.lower() == "sexual" and token.head.lemma_.lower() not in (
            "violence", "assault", "abuse", "attack", "harassment", "exploitation", "slavery"):
        return None
    return _reading(entry)


def _mob(token: Token, entry: Entry) -> Trigger | None:
    if token.lemma_.lower() in ("mob", "vigilante") and not MOB_ACTS & _sentence_words(token):
        return None
    return _reading(entry)


def _territory(token: Token, entry: Entry) -> Trigger | None:
    """'captured the town' by the army or by rebels; 'captured two soldiers' is an abduction in a battle."""
    lemma = token.lemma_.lower()
    if lemma == "control" and token.pos_ == "NOUN":
        if token.head.lemma_.lower() in entries() or token.head.pos_ != "VERB":
            return None     # 'took control': the verb is the trigger
        doers, _ = _roles(token.head)
        return _territory_by(doers, _controlled(token), token, entry)
    doers, targets = _roles(token)
    targets += [place for target in targets if target.lemma_.lower() == "control" for place in _controlled(target)]
    if _lacks_particle(lemma, _near(token)):
        return None
    if _is(targets, "weapon") and not _is(targets, "place_object"):
        return _reading(entry, "Disrupted weapons use", "confiscate", 0.8, plover="COERCE")
    places = [t for t in targets if _is([t], "place_object") or t.ent_type_ in ("GPE", "LOC", "FAC")]
    if not places and lemma not in ("recapture", "retake", "overrun", "liberate", "liberation", "takeover"):
        if lemma in ("take", "control", "occupy", "regain", "reclaim", "recover"):
            return None
        if lemma in ("capture", "seize") and targets and not _is(targets, "civilian"):
            return _reading(entry, "Armed clash", "abduct", 0.6)
        if lemma in ("capture", "seize") and targets:
            return _reading(entry, "Abduction/forced disappearance", "abduct", 0.65)
        if lemma == "seize":
            return _reading(entry, None, "confiscate", 0.4, plover="COERCE")
        return _reading(entry, mode="abduct", prior=0.5)
    if lemma == "take" and not ({"control", "over", "hold", "charge"} & _near(token)):
        return None
    return _territory_by(doers, places, token, entry)


def _controlled(control: Token) -> list[Token]:
    """What 'control of' or 'control over' is over: 'took control of Garma'."""
    return [c for prep in control.children if prep.lower_ in ("of", "over") for c in prep.children]


def _territory_by(doers: list[Token], places: list[Token], token: Token, entry: Entry) -> Trigger | None:
    """Who took the ground decides: state forces regain territory, armed groups overtake it; ground
    left to them ('after the army pulled out', 'handed over', 'without resistance') is a non-violent transfer."""
    sentence = _sentence_words(token)
    if (WITHDRAWAL_WORDS & sentence or {"hand", "over"} <= sentence) and not COMBAT_WORDS & sentence:
        return _reading(entry, "Non-violent transfer of territory", None, 0.8)
    if _is(doers, "non_state") and not _is(doers, "state_force"):
        return _reading(entry, "Non-state actor overtakes territory", None, 0.8)
    if _is(doers, "state_force"):
        return _reading(entry, "Government regains territory", None, 0.8)
    if all(d.pos_ == "PRON" for d in doers):
        if _has(sentence, "non_state") != _has(sentence, "state_force"):
            sub_event = "Non-state actor overtakes territory" if _has(sentence, "non_state") else \
                "Government regains territory"
            return _reading(entry, sub_event, None, 0.7)
    return _reading(entry, mode=None)


def _lacks_particle(lemma: str, near: set[str]) -> bool:
    return lemma in PARTICLE_NEEDS and near.isdisjoint(PARTICLE_NEEDS[lemma])


def _transfer(token: Token, entry: Entry) -> Trigger | None:
    """Forces leaving ground without a fight; other withdrawals (of ambassadors, of support) are PLOVER only."""
    words = _near(token)
    if _lacks_particle(token.lemma_.lower(), words):
        return None
    if token.lemma_.lower() == "evacuate" and _is(_roles(token)[1], "civilian"):
        return _reading(entry, None, None, 0.55, plover="AID")
    if _has(words, "armed") or _has(words, "place_object"):
        return _reading(entry)
    return _reading(entry, None)


def _protest(token: Token, entry: Entry, sentence: set[str] | None = None) -> Trigger | None:
    """ACLED's protest sub-events: violent protesters, lethal or other force against them, or none."""
    sentence = _sentence_words(token) if sentence is None else sentence
    protesting = entry.type == "PROTEST"
    if _has(sentence, "mob") and MOB_ACTS & sentence:
        return _reading(entry, "Mob violence", "riot", 0.8, plover="ASSAULT")
    if _protesters_violent(sentence_of(token)):
        return _reading(entry, "Violent demonstration", "riot", 0.8, plover="PROTEST")
    if _force_against_protesters(sentence_of(token)):
        return _reading(entry, "Excessive force against protesters", None if protesting else entry.mode, 0.82,
                        plover="PROTEST" if protesting else "ASSAULT")
    if _has(sentence, "intervention"):
        return _reading(entry, "Protest with intervention", None if protesting else entry.mode, 0.8,
                        plover="PROTEST" if protesting else "COERCE")
    if not protesting and entry.type == "ASSAULT":
        return _reading(entry, None)  # 'protesters denounced the killing': the killing is no protest
    return _reading(entry, "Peaceful protest", prior=entry.prior, plover="PROTEST")


def _protest_event(token: Token, entry: Entry) -> Trigger | None:
    """'demonstrating the vulnerabilities of foreign troops' shows something; it is no demonstration."""
    if token.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        return None
    return _protest(token, entry)


def _protesters_violent(sent: Span) -> bool:
    """Rioters, clashes, 'protests turned violent', or protesters who throw, burn or loot."""
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in RIOT_WORDS and token.dep_ != "compound" and not _force_word(token) \
                and token.head.lower_ != "against":     # not 'riot police', 'protests against gun violence'
            return True
        if lemma in ("throw", "hurl") and any(c.lower_ == "at" and _is(list(c.children), "armed")
                                             for c in token.children):
            return True
        if token.pos_ == "VERB" and lemma in PROTESTER_VIOLENT_ACTS and not _broke_up(token):
            doers, _ = _roles(token)
            if _is(doers, "protester") or _has(_lemmas(doers), "protester_people"):
                return True
    return False


def _broke_up(token: Token) -> bool:
    """'broke up a rally by protesters' disperses it: no violence of the protesters."""
    return token.lemma_.lower() == "break" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children)


def _force_word(token: Token) -> bool:
    """'violent crackdown', 'violently dispersed', 'non-violent': violence that is not the protesters'."""
    if token.lemma_.lower() not in ("violent", "violently"):
        return False
    preceding = token.doc[max(token.i - 2, 0): token.i].text.lower()
    return "non" in preceding or token.head.lemma_.lower() in FORCE_HEADS


def _force_against_protesters(sent: Span) -> bool:
    """Force likely to kill or seriously hurt (ACLED's Excessive force): protesters killed, shot, beaten or
    wounded, live fire, or a violent dispersal that left casualties. A violent dispersal alone is an
    intervention."""
    words = _lemmas(sent)
    if LIVE_FIRE & words or ("bullet" in words and "rubber" not in words):
        return True
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma == "die" and _is([c for c in token.children if c.dep_ == "nsubj"], "protester"):
            return True
        if _violent_dispersal(token) and CASUALTY_WORDS & words:
            return True
        if lemma in HARM_ACTS:
            doers, targets = _roles(token)
            if _is(targets, "protester") or _is(doers, "state_force") or _is(doers, "armed"):
                return True
    return False


def _violent_dispersal(token: Token) -> bool:
    """'a violent crackdown', 'brutally dispersed', 'violently broke up'."""
    return token.lemma_.lower() in FORCE_HEADS and any(c.lemma_.lower() in VIOLENT_MANNER for c in token.children)


def _protest_cued(token: Token, entry: Entry) -> Trigger | None:
    """'dispersed', 'blocked roads': protest events only when the sentence is about a protest."""
    sentence = _sentence_words(token)
    if token.lemma_.lower() == "block" and ROAD_WORDS & _near(token):
        return _road_blocked(token, entry, sentence)
    if not _has(sentence, "protester"):
        return None
    return _protest(token, entry, sentence)


def _road_blocked(token: Token, entry: Entry, sentence: frozenset[str]) -> Trigger | None:
    """ACLED counts road-blocking among the destructive acts that make a demonstration violent, unless the
    sentence says worse ('blocked roads' by a mob, or protesters shot dead). Troops or fighters blocking a road
    restrict movement; they do not protest."""
    doers, _ = _roles(token)
    if _is(doers, "armed"):
        return _reading(entry, None, "restrict", plover="COERCE")
    found = _protest(token, entry, sentence) if _has(sentence, "protester") else _reading(entry, prior=0.6)
    if found is not None and found.acled_sub_event_type in ("Peaceful protest", "Protest with intervention"):
        return replace(found, acled_event_type=ACLED_EVENT_TYPE["Violent demonstration"],
                       acled_sub_event_type="Violent demonstration")
    return found


def _blockade(token: Token, entry: Entry) -> Trigger | None:
    """Protesters blockade roads; states blockade ports and borders (a restriction, COERCE)."""
    if _has(_sentence_words(token), "protester"):
        return _protest(token, entry)
    return _reading(entry, None, "restrict", plover="COERCE")


def _property(token: Token, entry: Entry) -> Trigger | None:
    sentence = _sentence_words(token)
    if _has(sentence, "protester") or token.lemma_.lower() == "vandalize" and _has(sentence, "protest_violence"):
        return _protest(token, entry, sentence)
    if token.lemma_.lower() in ("destroy", "burn"):
        doers, targets = _roles(token)
        if _instrument(_words_of(doers)):
            return _violence(token, entry)     # 'warplanes destroyed the depot' is an air strike
        if _has(_object_words(targets), "weapon"):
            return _reading(entry, "Disrupted weapons use", "confiscate", 0.7, plover="COERCE")
        if not targets:
            return None
    return _reading(entry)


def _disrupt_cued(token: Token, entry: Entry) -> Trigger | None:
    """'confiscated weapons', 'intercepted a missile': disrupted weapons use; other objects, a seizure."""
    if token.lemma_.lower() in WEAPON_STORES and _attacked(token):
        return None  # 'a drone struck a depot', 'warplanes destroyed the arms depot': the store is the target
    _, targets = _roles(token)
    if token.lemma_.lower() == "intercept" and (_is(targets, "non_state") or _is(targets, "armed")):
        return _reading(entries()["arrest"])
    objects = _object_words(targets) | _lemmas([token, *(c for c in token.children if c.dep_ == "compound")])
    if _has(objects, "weapon") or _has(objects, "shelling") or _has(objects, "air"):
        return _reading(entry)
    if entry.type != "COERCE":
        return None
    return _reading(entry, None, prior=entry.prior - 0.2)


def _attacked(token: Token) -> bool:
    """The object of an attack or of a destruction (not of a capture, which may be of the weapons)."""
    reading = entries().get(token.head.lemma_.lower())
    return (token.dep_ in ("dobj", "nsubjpass") and reading is not None and reading.rule not in TERRITORY_RULES
            and (reading.type == "ASSAULT" or reading.mode == "destroy"))


def _base(token: Token, entry: Entry) -> Trigger | None:
    """'set up a base', 'established headquarters'; 'set fire to' burns; 'established ties' supports."""
    near = _near(token)
    if any(c.dep_ == "dobj" and c.lemma_.lower() == "control" for c in token.children):
        return _territory(token, entries()["seize"])
    if token.lemma_.lower() == "set" and ("fire" in near or "ablaze" in near or "alight" in near):
        return _property(token, entries()["torch"])
    if BASE_WORDS & near:
        return _reading(entry)
    if TIE_WORDS & near:
        return _reading(entry, None, None, 0.55, plover="SUPPORT")
    if token.lemma_.lower() == "establish" and FOUNDED_GROUPS & near:
        return _reading(entry, "Change to group/activity", None, 0.6)
    return None


def _group(token: Token, entry: Entry) -> Trigger | None:
    """Armed groups merging, splitting, forming, disbanding; not 'joined the talks'."""
    lemma = token.lemma_.lower()
    near = _near(token)
    if lemma == "form" and GROUPS_FORMED.isdisjoint(near):
        return None
    if lemma == "join" and GROUPS_JOINED.isdisjoint(near) and not _has(near, "non_state"):
        return None
    if lemma == "appoint" and not _has(_sentence_words(token), "non_state"):
        return _reading(entry, None)
    return _reading(entry)


def _arrest(token: Token, entry: Entry) -> Trigger | None:
    sentence = _sentence_words(token)
    _, targets = _roles(token)
    if _is(targets, "protester") or (_has(sentence, "protester") and not targets):
        return _protest(token, entry, sentence)
    return _reading(entry)


def _detain_cued(token: Token, entry: Entry) -> Trigger | None:
    """'holding thousands of refugees' detains; 'held talks' does not."""
    _, targets = _roles(token)
    if _is(targets, "civilian") or _is(targets, "armed"):
        return _reading(entry)
    return None


def _agreement(token: Token, entry: Entry) -> Trigger | None:
    lemma = token.lemma_.lower()
    if lemma in NOUN_ONLY and token.pos_ != "NOUN":
        return None     # 'deal with', 'according to'
    if lemma in ("sign", "signing", "ratify"):
        near = _near(token)
        if not ({"agreement", "treaty", "pact", "accord", "deal", "ceasefire", "truce", "memorandum",
                 "declaration", "protocol", "charter", "convention"} & near):
            return _reading(entry, None, prior=0.45)
    return _reading(entry)


def _concession(token: Token, entry: Entry) -> Trigger | None:
    """Prisoners released in an exchange, and peace talks, are ACLED agreements; other concessions are not."""
    sentence = _sentence_words(token)
    if {"exchange", "swap"} & sentence or (token.lemma_.lower() in ("talk", "talks", "negotiation")
                                          and {"peace", "ceasefire", "truce"} & _near(token)):
        return _reading(entry, "Agreement")
    if token.lemma_.lower() == "accept" and {"demand", "condition", "term"} & _near(token):
        return _reading(entry, plover="CONCEDE")
    return _reading(entry)


def _promise(token: Token, entry: Entry) -> Trigger | None:
    if token.pos_ == "ADJ" and not any(c.dep_ in ("xcomp", "prep") for c in token.children):
        return None
    return _reading(entry)


def _send(token: Token, entry: Entry) -> Trigger | None:
    """Troops or weapons sent to help another party are AID; sent elsewhere, a deployment."""
    near = _near(token)
    if {"peacekeeper", "peacekeeping", "humanitarian", "relief", "food", "medicine"} & near:
        return _reading(entry, None, None, plover="AID")
    if _has(near, "armed") or _has(near, "weapon"):
        return _reading(entry, "Change to group/activity")
    return _reading(entry, None)


def _call(token: Token, entry: Entry) -> Trigger | None:
    """'called for', 'called on ... to' requests; 'called off' concedes; 'so-called', 'a phone call' do not."""
    if any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children):
        return _reading(entry, plover="CONCEDE", prior=0.6)
    if any(c.dep_ in ("prep", "xcomp", "ccomp") and c.lower_ in ("for", "on", "upon") for c in token.children) \
            or any(c.dep_ == "xcomp" for c in token.children):
        return _reading(entry)
    return None


def _mobilize(token: Token, entry: Entry) -> Trigger | None:
    lemma = token.lemma_.lower()
    if lemma == "patrol" and token.pos_ != "NOUN":
        return None
    near = _near(token)
    if {"peacekeeper", "peacekeeping"} & near:
        return _reading(entry, None, None, plover="AID")
    if _has(near, "intervention"):
        return _protest_cued(token, entry)     # 'deployed tear gas'
    if lemma in ("exercise", "drill") and MILITARY_DRILLS.isdisjoint(_near(token)):
        return None
    return _reading(entry)


RULES: dict[str, Callable[[Token, Entry], Trigger | None]] = {
    "violence": _violence, "violence_cued": _violence_cued, "strike": _strike, "weapon": _weapon,
    "clash": _clash, "harm": _harm, "exchange": _exchange, "sexual": _sexual, "mob": _mob,
    "territory": _territory, "territory_cued": _territory, "transfer": _transfer,
    "protest": _protest_event, "protest_cued": _protest_cued,
    "property": _property, "disrupt_cued": _disrupt_cued, "base": _base, "group": _group,
    "arrest": _arrest, "detain_cued": _detain_cued, "agreement": _agreement, "promise": _promise,
    "send": _send, "call": _call, "mobilize": _mobilize, "concession": _concession, "blow": _blow, "gas": _gas, "blockade": _blockade,
}

# Words some rules never read an event without, somewhere in the trigger's sentence (cue classes of
# event_cues.tsv as '@class'): 'hit' needs a weapon or an armed doer, 'hold' a detained person, 'take' what
# was taken over, 'set up' what was set up. The relevance filter asks this of the raw text, before the parse.
RULE_NEEDS = {
    "violence_cued": (*(f"@{cue}" for cue, *_ in INSTRUMENTS), "@weapon", "@firearm", "@armed"),
    "protest_cued": ("@protester", *ROAD_WORDS),
    "detain_cued": ("@civilian", "@armed"),
    "weapon": tuple(IMPACT_WORDS),
    "exchange": (*FIRE_EXCHANGED, *PEOPLE_EXCHANGED),
    "gas": (*POISONS, "tear", "@chemical"),
    "base": ("control", "fire", "ablaze", "alight", *BASE_WORDS, *TIE_WORDS, *FOUNDED_GROUPS),
}
# Verbs read as a withdrawal or a push only with their particle ('pulled out', 'handed over', 'pushed out').
PARTICLE_NEEDS = {"pull": ("out", "over", "back"), "hand": ("out", "over", "back"), "push": ("out",)}
TRIGGER_NEEDS = {"take": ("control", "over", "hold", "charge", "@weapon"), **PARTICLE_NEEDS,
                 "form": tuple(GROUPS_FORMED), "join": (*GROUPS_JOINED, "@non_state"),
                 "exercise": tuple(MILITARY_DRILLS), "drill": tuple(MILITARY_DRILLS),
                 "mob": tuple(MOB_ACTS), "vigilante": tuple(MOB_ACTS)}


def sentence_needs(lemma: str) -> frozenset[str] | None:
    """The lemmas (and '_'-joined phrases) one of which a trigger's sentence must hold for the events stage
    to read an event at it; None when the trigger needs no company."""
    entry = entries().get(lemma)
    needs = TRIGGER_NEEDS.get(lemma) or (RULE_NEEDS.get(entry.rule) if entry else None)
    if needs is None:
        return None
    return frozenset(word for need in needs for word in (cues()[need[1:]] if need.startswith("@") else (need,)))


# --------------------------------------------------------------------------- the reading in its sentence


def _in_context(token: Token, reading: Trigger) -> Trigger | None:
    """What the rest of the sentence does to a reading: frames, modality, non-political harm, clause depth."""
    sentence = _sentence_words(token)
    confidence = reading.confidence
    framing = _framing_trigger(token)
    if framing is not None:
        confidence -= 0.2
        if reading.type in COOPERATIVE_TYPES and framing.type == "AGREE":
            reading = replace(reading, type="AGREE")
    else:
        reading = _modality(token, reading)
    if reading.acled_event_type in VIOLENT_ACLED:
        if _has(_window(token), "disaster") and not _political(token):
            return None     # an accident or a disaster, with neither armed men nor an attack in sight
        if _not_political(token, "crime"):
            reading = replace(reading, acled_event_type=None, acled_sub_event_type=None)
            confidence -= 0.15
        elif _attributed(token):
            reading = replace(reading, acled_event_type=None, acled_sub_event_type=None)
    confidence += _position_bonus(token)
    if _negated(token) and reading.type != "REJECT":
        confidence -= 0.3
    context = tuple(name for name, words in CONTEXT_CUES.items() if words & sentence)
    return replace(reading, context=context or DEFAULT_CONTEXT.get(reading.type, ()),
                   confidence=round(min(max(confidence, 0.05), 0.99), 2))


def _modality(token: Token, reading: Trigger) -> Trigger:
    """PLOVER codes what is said about an act: 'must return' requests it, 'will not accept' rejects,
    'will give' or 'offered to send' agrees to it, 'will boycott' threatens it."""
    clause = _clause_verb(token)
    auxiliaries = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" for c in clause.children)
    future = bool(auxiliaries & {"will", "would", "shall", "'ll"}) or _promised(clause)
    said = max(reading.confidence, 0.75)     # the modality is what the sentence says
    demanded = auxiliaries | {c.lower_ for head in _governors(clause, 2) for c in head.children if c.dep_ == "aux"}
    if demanded & {"must", "should"}:
        return replace(reading, type="REQUEST", acled_event_type=None, acled_sub_event_type=None, confidence=said)
    if reading.type in COOPERATIVE_TYPES | {"AGREE"} and negated:
        return replace(reading, type="REJECT", acled_event_type=None, acled_sub_event_type=None, confidence=said)
    if reading.type in COOPERATIVE_TYPES and future:
        return replace(reading, type="AGREE")
    if reading.type in CONFLICTUAL_TYPES and future and (token.i == clause.i or token.dep_ == "dobj"):
        return replace(reading, type="THREATEN", acled_event_type=None, acled_sub_event_type=None, confidence=said)
    return reading


def _clause_verb(token: Token) -> Token:
    """The verb whose clause the trigger is in: itself, or the verb above a nominal trigger."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return token


def _window(token: Token) -> frozenset[str]:
    return _words_around(sentence_of(token))


@functools.lru_cache(maxsize=64)
def _words_around(sent: Span) -> frozenset[str]:
    """Words of a sentence and of about two sentences either side."""
    doc = sent.doc
    return frozenset(_lemmas(doc[max(sent.start - 60, 0): min(sent.end + 60, len(doc))]))


def _military(words: set[str]) -> bool:
    """Soldiers or armed groups among the words; police alone appear in accident and crime reports too."""
    return bool((cues()["armed"] - POLICE_WORDS) & words) or _has(words, "non_state")


def _political(token: Token) -> bool:
    words = _window(token)
    return _military(words) or bool(POLITICAL_VIOLENCE_WORDS & words)


def _not_political(token: Token, cue: str) -> bool:
    """A disaster or a crime around the trigger, and no armed group in sight."""
    words = _window(token)
    return _has(words, cue) and not _military(words)


def _governors(token: Token, steps: int = 4):
    """The tokens above the trigger in its sentence, nearest first."""
    head = token
    for _ in range(steps):
        if head.head.i == head.i:
            return
        head = head.head
        yield head


def _framing_trigger(token: Token) -> Entry | None:
    for head in _governors(token):
        entry = _entry(head)
        if entry is not None and entry.type in FRAMING_TYPES and head.lemma_.lower() != "agreement":
            return entry
    return None


def _promised(token: Token) -> bool:
    """'offered to send', 'is ready to contribute', 'has pledged to give'."""
    return any(head.lemma_.lower() in cues()["promise"] for head in _governors(token, 2))


def _attributed(token: Token) -> bool:
    """'claimed responsibility for the bombing', 'its alleged attack': who did it, not what happened."""
    if any(c.lower_ == "alleged" for c in token.children):
        return True
    above = {head.i for head in _governors(token, 8)}
    claimed = token.dep_ == "dobj" and token.head.lemma_.lower() == "claim"
    return claimed or any(word.lemma_.lower() in cues()["attribution"] and (word.i in above or word.head.i in above)
                          for word in sentence_of(token))


def _position_bonus(token: Token) -> float:
    """Main clauses of early sentences carry a report's event; subordinate and later mentions less."""
    depth = 0
    node = token
    while node.head.i != node.i:
        if node.dep_ in CLAUSE_DEPS and not (node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS):
            depth += 1
        node = node.head
    bonus = {0: 0.1, 1: 0.0}.get(depth, -0.05)
    if token.pos_ != "VERB":
        bonus -= 0.03 * _hops_to_verb(token)
    if _in_background(token):
        bonus -= 0.15
    return bonus - min(0.05 * sentence_number(token), 0.15)


def _negated(token: Token) -> bool:
    """'no arrests have been made', 'did not attack'."""
    clause = token if token.pos_ == "VERB" else token.head
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in (*token.children, *clause.children))


def _hops_to_verb(token: Token) -> int:
    hops = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and hops < 4:
        token, hops = token.head, hops + 1
    return hops


def _in_background(token: Token) -> bool:
    """'after bloody clashes', 'following the shooting', 'where 28 were killed': an earlier event, for context."""
    for node in (token, *_governors(token, 3)):
        if node.dep_ == "relcl" and any(c.lower_ in ("where", "when") for c in node.children if c.dep_ == "advmod"):
            return True
    if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_PREPS for c in _clause_verb(token).children):
        return True     # 'one day after a jet shot down a helicopter'
    return any((head.lower_ in BACKGROUND_PREPS and head.dep_ == "prep") or head.lower_ in ("aftermath", "wake")
               for head in _governors(token, 3))
