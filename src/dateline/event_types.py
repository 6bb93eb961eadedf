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

from spacy.tokens import Span, Token

from .lexicon import _rows

__all__ = ["Trigger", "trigger_type"]

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
VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# Instruments, most specific first, with the ACLED sub-event, PLOVER mode and how sure the reading is.
INSTRUMENTS = [
    ("suicide", "Suicide bomb", "suicide-attack", 0.9),
    ("chemical", "Chemical weapon", "cbrn", 0.88),
    ("air", "Air/drone strike", "aerial", 0.85),
    ("grenade", "Grenade", "explosives", 0.85),
    ("remote", "Remote explosive/landmine/IED", "explosives", 0.82),
    ("shelling", "Shelling/artillery/missile attack", "heavy-weapons", 0.82),
]
# Types that frame the event they govern: "threatened to strike", "accused them of shelling".
FRAMING_TYPES = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE"}
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
    for row in _rows("triggers.tsv"):
        if len(row) != 6:
            raise ValueError(f"triggers.tsv: expected 6 columns, got {row}")
        lemma, plover, mode, sub_event, rule, prior = row
        if sub_event and sub_event not in ACLED_EVENT_TYPE:
            raise ValueError(f"triggers.tsv: unknown ACLED sub-event type {sub_event!r}")
        out[lemma] = Entry(plover, mode or None, sub_event or None, rule or None, float(prior))
    return out


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Word class -> lower-cased lemmas and underscore-joined phrases (lexicons/event_cues.tsv)."""
    return {row[0]: frozenset(row[1].split()) for row in _rows("event_cues.tsv")}


def trigger_type(token: Token) -> Trigger | None:
    """The event a token triggers, typed and with a confidence, or None when it triggers none."""
    entry = _entry(token)
    if entry is None:
        return None
    reading = RULES[entry.rule](token, entry) if entry.rule else _reading(entry)
    if reading is None:
        return None
    return _in_context(token, reading)


def _entry(token: Token) -> Entry | None:
    if token.pos_ not in TRIGGER_POS and not (token.pos_ == "PROPN" and token.text.isupper()):
        return None
    return entries().get(token.lemma_.lower())


def _reading(entry: Entry, sub_event: str | None = "", mode: str | None = "", prior: float | None = None,
             plover: str | None = None) -> Trigger:
    """A Trigger from the lexicon entry, with what a rule found replacing the defaults."""
    sub = entry.sub_event if sub_event == "" else sub_event
    return Trigger(type=plover or entry.type, mode=entry.mode if mode == "" else mode,
                   acled_event_type=ACLED_EVENT_TYPE[sub] if sub else None, acled_sub_event_type=sub,
                   confidence=entry.prior if prior is None else prior)


# --------------------------------------------------------------------------- what the words around say


def _lemmas(tokens) -> set[str]:
    """Lemmas of tokens, with two- and three-word phrases joined by '_' ('tear_gas', 'fire_broke_out')."""
    words = [t.lemma_.lower() for t in tokens]
    texts = [t.lower_ for t in tokens]
    found = set(words) | set(texts)
    for n in (2, 3):
        for seq in (words, texts):
            found.update("_".join(seq[i:i + n]) for i in range(len(seq) - n + 1))
    return found


def _has(words: set[str], cue: str) -> bool:
    return not words.isdisjoint(cues()[cue])


def _sentence_words(token: Token) -> set[str]:
    return _lemmas(token.sent)


def _near(token: Token) -> set[str]:
    """Words of the trigger's own phrase: its modifiers, objects and subject, not the whole sentence."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "nsubj", "nsubjpass", "dobj", "agent", "prep", "npadvmod",
                          "poss", "prt"):
            tokens.extend(child.subtree)
    if token.dep_ in ("compound", "amod") or token.head.lemma_.lower() in ("attack", "strike", "blast", "explosion"):
        tokens.append(token.head)
        tokens.extend(c for c in token.head.children if c.dep_ in ("compound", "amod"))
    return _lemmas(sorted(set(tokens), key=lambda t: t.i))


def _instrument(words: set[str]) -> tuple[str, str, float] | None:
    for cue, sub_event, mode, prior in INSTRUMENTS:
        if _has(words, cue):
            return sub_event, mode, prior
    return None


def _roles(token: Token) -> tuple[list[Token], list[Token]]:
    """(doers, targets) of a trigger, from the parse."""
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
    if token.dep_ == "advcl" and not doers:
        doers.extend(c for c in token.head.children if c.dep_ == "nsubj")
    return doers, targets


def _words_of(tokens: list[Token]) -> set[str]:
    words: set[str] = set()
    for token in tokens:
        words |= _lemmas(list(token.subtree)[:12])
    return words


def _is(tokens: list[Token], cue: str) -> bool:
    return bool(tokens) and _has(_words_of(tokens), cue)


# --------------------------------------------------------------------------- rules


def _violence(token: Token, entry: Entry) -> Trigger | None:
    sentence = _sentence_words(token)
    if _has(sentence, "protester") and not _is(_roles(token)[0], "armed"):
        return _protest(token, entry, sentence)
    if _has(sentence, "mob"):
        return _reading(entry, "Mob violence", "beat", 0.8)
    near = _near(token)
    found = _instrument(near) or _instrument(sentence)
    if found is not None:
        sub_event, mode, prior = found
        return _reading(entry, sub_event, mode, prior if _instrument(near) else prior - 0.1)
    doers, targets = _roles(token)
    if _is(targets, "civilian") and not _is(targets, "armed"):
        return _reading(entry, "Attack")
    if _is(targets, "armed") or (_is(doers, "armed") and _is(targets, "armed")):
        return _reading(entry, "Armed clash")
    return _reading(entry)


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
    if {"hunger", "general", "worker", "union", "labour", "labor", "teacher", "doctor", "nurse"} & near or (
            token.head.lower_ == "on" and token.head.head.lemma_.lower() in ("go", "be", "remain", "stay")):
        return _reading(entry, "Peaceful protest", "strike-gen", 0.7, plover="PROTEST")
    return _violence(token, entry)


def _weapon(token: Token, entry: Entry) -> Trigger | None:
    """A weapon named on its own ('a rocket landed') is an attack, unless tested, sold or seized."""
    sentence = _sentence_words(token)
    if NOT_AN_ATTACK & sentence:
        return None
    return _violence(token, entry)


def _clash(token: Token, entry: Entry) -> Trigger | None:
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
    if {"fire", "gunfire", "shot"} & near:
        return _reading(entry)
    if {"prisoner", "detainee", "captive", "hostage", "body"} & near:
        return _reading(entry, "Agreement", "release", 0.65, plover="CONCEDE")
    return None


def _sexual(token: Token, entry: Entry) -> Trigger | None:
    if token.lemma_.lower() == "sexual" and token.head.lemma_.lower() not in (
            "violence", "assault", "abuse", "attack", "harassment", "exploitation", "slavery"):
        return None
    return _reading(entry)


def _abduct(token: Token, entry: Entry) -> Trigger | None:
    return _reading(entry)


def _mob(token: Token, entry: Entry) -> Trigger | None:
    if token.lemma_.lower() in ("mob", "vigilante"):
        verbs = {t.lemma_.lower() for t in token.head.subtree} | {token.head.lemma_.lower()}
        if not {"attack", "kill", "beat", "lynch", "burn", "torch", "assault", "stone", "storm", "kill"} & verbs:
            return None
    return _reading(entry)


def _territory(token: Token, entry: Entry) -> Trigger | None:
    """'captured the town' by the army or by rebels; 'captured two soldiers' is an abduction in a battle."""
    doers, targets = _roles(token)
    lemma = token.lemma_.lower()
    if lemma == "control" and token.head.lemma_.lower() in ("take", "seize", "gain", "assume", "wrest", "regain"):
        return None     # the verb is the trigger
    if lemma == "seize" and _is(targets, "weapon"):
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
    if _is(doers, "non_state") and not _is(doers, "state_force"):
        return _reading(entry, "Non-state actor overtakes territory", None, 0.8)
    if _is(doers, "state_force"):
        return _reading(entry, "Government regains territory", None, 0.8)
    return _reading(entry, mode=None)


def _transfer(token: Token, entry: Entry) -> Trigger | None:
    """Forces leaving ground without a fight; other withdrawals (of ambassadors, of support) are PLOVER only."""
    words = _near(token)
    if token.lemma_.lower() in ("pull", "hand") and not ({"out", "over", "back"} & words):
        return None
    if _has(words, "armed") or _has(words, "place_object"):
        return _reading(entry)
    return _reading(entry, None)


def _protest(token: Token, entry: Entry, sentence: set[str] | None = None) -> Trigger | None:
    """ACLED's protest sub-events: violent protesters, lethal or other force against them, or none."""
    sentence = _sentence_words(token) if sentence is None else sentence
    plover = "PROTEST"
    if _has(sentence, "mob"):
        return _reading(entry, "Mob violence", "riot", 0.8, plover="ASSAULT")
    if _has(sentence, "protest_violence") or token.lemma_.lower() in ("riot", "rioter"):
        return _reading(entry, "Violent demonstration", "riot", 0.8, plover=plover)
    if _has(sentence, "lethal_force"):
        return _reading(entry, "Excessive force against protesters", "demo", 0.82, plover=plover)
    if _has(sentence, "intervention"):
        return _reading(entry, "Protest with intervention", "demo", 0.8, plover=plover)
    return _reading(entry, "Peaceful protest", prior=entry.prior, plover=plover)


def _protest_cued(token: Token, entry: Entry) -> Trigger | None:
    """'dispersed', 'blocked roads': protest events only when the sentence is about a protest."""
    sentence = _sentence_words(token)
    if not _has(sentence, "protester"):
        return None
    return _protest(token, entry, sentence)


def _property(token: Token, entry: Entry) -> Trigger | None:
    sentence = _sentence_words(token)
    if _has(sentence, "protester") or token.lemma_.lower() == "vandalize" and _has(sentence, "protest_violence"):
        return _protest(token, entry, sentence)
    if token.lemma_.lower() in ("destroy", "burn"):
        _, targets = _roles(token)
        if _is(targets, "weapon"):
            return _reading(entry, "Disrupted weapons use", "confiscate", 0.7, plover="COERCE")
        if not targets:
            return None
    return _reading(entry)


def _disrupt(token: Token, entry: Entry) -> Trigger | None:
    return _reading(entry)


def _disrupt_cued(token: Token, entry: Entry) -> Trigger | None:
    """'confiscated weapons', 'intercepted a missile': disrupted weapons use; other objects, a seizure."""
    near = _near(token)
    if _has(near, "weapon") or _has(near, "shelling") or _has(near, "air"):
        return _reading(entry)
    return _reading(entry, None, prior=entry.prior - 0.2)


def _base(token: Token, entry: Entry) -> Trigger | None:
    """'set up a base', 'established headquarters'; 'set fire to' burns; 'established ties' supports."""
    near = _near(token)
    if token.lemma_.lower() == "set" and ("fire" in near or "ablaze" in near or "alight" in near):
        return _property(token, entries()["torch"])
    if {"base", "headquarters", "headquarter", "camp", "checkpoint", "outpost", "position", "stronghold",
            "garrison", "office", "hq"} & near:
        return _reading(entry)
    if {"tie", "ties", "relation", "relations"} & near:
        return _reading(entry, None, None, 0.55, plover="SUPPORT")
    if token.lemma_.lower() == "establish" and {"group", "militia", "brigade", "force", "movement", "party"} & near:
        return _reading(entry, "Change to group/activity", None, 0.6)
    return None


def _group(token: Token, entry: Entry) -> Trigger | None:
    """Armed groups merging, splitting, forming, disbanding; not 'joined the talks'."""
    lemma = token.lemma_.lower()
    near = _near(token)
    if lemma == "form" and not ({"group", "militia", "brigade", "alliance", "coalition", "movement", "front",
                                 "faction", "unit", "force"} & near):
        return None
    if lemma == "join" and not ({"force", "forces", "rank", "ranks", "group", "militia", "rebel", "alliance"} & near
                                or _has(near, "non_state")):
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
    if lemma == "deal" and token.pos_ != "NOUN":
        return None
    if lemma in ("sign", "signing", "ratify"):
        near = _near(token)
        if not ({"agreement", "treaty", "pact", "accord", "deal", "ceasefire", "truce", "memorandum",
                 "declaration", "protocol", "charter", "convention"} & near):
            return _reading(entry, None)
    return _reading(entry)


def _promise(token: Token, entry: Entry) -> Trigger | None:
    if token.pos_ == "ADJ" and not any(c.dep_ in ("xcomp", "prep") for c in token.children):
        return None
    return _reading(entry)


def _send(token: Token, entry: Entry) -> Trigger | None:
    """Troops or weapons sent to help another party are AID; sent elsewhere, a deployment."""
    near = _near(token)
    if _has(near, "armed") or _has(near, "weapon"):
        return _reading(entry, "Other")
    return _reading(entry, None)


def _call(token: Token, entry: Entry) -> Trigger | None:
    """'called for', 'called on ... to' requests; 'so-called', 'a phone call' do not."""
    if any(c.dep_ in ("prep", "xcomp", "ccomp") and c.lower_ in ("for", "on", "upon") for c in token.children) \
            or any(c.dep_ == "xcomp" for c in token.children):
        return _reading(entry)
    return None


def _mobilize(token: Token, entry: Entry) -> Trigger | None:
    lemma = token.lemma_.lower()
    if lemma in ("exercise", "drill") and not ({"military", "naval", "army", "joint", "war"} & _near(token)):
        return None
    return _reading(entry)


RULES: dict[str, Callable[[Token, Entry], Trigger | None]] = {
    "violence": _violence, "violence_cued": _violence_cued, "strike": _strike, "weapon": _weapon,
    "clash": _clash, "exchange": _exchange, "sexual": _sexual, "abduct": _abduct, "mob": _mob,
    "territory": _territory, "territory_cued": _territory, "transfer": _transfer,
    "protest": lambda token, entry: _protest(token, entry), "protest_cued": _protest_cued,
    "property": _property, "disrupt": _disrupt, "disrupt_cued": _disrupt_cued, "base": _base, "group": _group,
    "arrest": _arrest, "detain_cued": _detain_cued, "agreement": _agreement, "promise": _promise,
    "send": _send, "call": _call, "mobilize": _mobilize,
}


# --------------------------------------------------------------------------- the reading in its sentence


def _in_context(token: Token, reading: Trigger) -> Trigger | None:
    """What the rest of the sentence does to a reading: frames, non-political harm, clause depth."""
    sentence = _sentence_words(token)
    confidence = reading.confidence
    framing = _framing_trigger(token)
    if framing is not None:
        confidence -= 0.2
        if reading.type in COOPERATIVE_TYPES and framing.type == "AGREE":
            reading = replace(reading, type="AGREE")
    elif reading.type in COOPERATIVE_TYPES and _promised(token):
        reading = replace(reading, type="AGREE")
    if reading.acled_event_type in VIOLENT_ACLED:
        if _has(sentence, "disaster") and not _has(sentence, "armed") and not _has(sentence, "non_state"):
            return None
        if _has(sentence, "crime") and not _has(sentence, "non_state"):
            reading = replace(reading, acled_event_type=None, acled_sub_event_type=None)
            confidence -= 0.15
        elif _attributed(token):
            reading = replace(reading, acled_event_type=None, acled_sub_event_type=None)
    confidence += _position_bonus(token)
    context = tuple(name for name, words in CONTEXT_CUES.items() if words & sentence) or DEFAULT_CONTEXT.get(reading.type, ())
    return replace(reading, context=context, confidence=round(min(max(confidence, 0.05), 0.99), 2))


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
    """'will give', 'offered to send', 'is ready to contribute': a cooperative act promised is AGREE."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in token.children):
        return True
    return any(head.lemma_.lower() in cues()["promise"] for head in _governors(token, 2))


def _attributed(token: Token) -> bool:
    """'claimed responsibility for the bombing', 'blamed X for the attack': who did it, not what happened."""
    return any(head.lemma_.lower() in cues()["attribution"] for head in _governors(token, 3))


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
        bonus -= 0.03
    sentence_number = _sentence_number(token.sent)
    return bonus - min(0.05 * sentence_number, 0.15)


def _sentence_number(sent: Span) -> int:
    return sum(1 for s in sent.doc.sents if s.start < sent.start)
