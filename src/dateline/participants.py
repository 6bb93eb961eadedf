"""Who takes part in the event a trigger word names: dependency patterns over one spaCy parse.

`roles(trigger)` returns the head tokens of the doers (PLOVER source actor: attacker, killer,
demonstrator, jailer, sender) and of the targets (recipient: victim, detainee, the side attacked).
The actors stage makes an actor of every such phrase; the events stage maps them to actor ids.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Token

from . import lexicon
from .event_types import CARRIER_NOUNS as EVENT_CARRIER_NOUNS
from .event_types import cues, entries

# Verbs that hand a nominal event to someone: "Finland will give Tanzania a grant", "provided aid to refugees".
GIVING_VERBS = {"give", "provide", "offer", "extend", "send", "deliver", "pledge", "grant", "supply", "donate"}
# Verbs whose subject suffers the event: "the soldier died", "three people drowned".
VICTIM_SUBJECT_VERBS = {"die", "pass", "perish", "succumb", "starve", "drown", "bleed", "suffer", "survive"}
SERIES_NOUNS = {"series", "wave", "spate", "string", "number", "campaign", "round", "barrage", "volley"}
# Verbs that carry out a nominal event for their subject: "launched strikes", "culminating in the signing",
# "accepted responsibility for the bombings", "imposed sanctions on Iran", "issued an ultimatum", "paid a visit".
DOING_VERBS = {"carry", "launch", "conduct", "stage", "mount", "hold", "lead", "begin", "continue", "step",
               "intensify", "culminate", "order", "organize", "organise", "join", "participate", "resume",
               "escalate", "wage", "commit", "perpetrate", "claim", "execute", "unleash", "initiate", "start",
               "make", "take", "fight", "engage", "plan", "attempt", "undertake", "finalize", "complete", "reach",
               "renew", "open", "hold", "sign", "strike", "broker", "seal",
               "accept", "bear", "admit", "impose", "enforce", "declare", "introduce", "tighten", "issue", "pay",
               "express", "voice", "lodge", "file", "announce"} | GIVING_VERBS
# Restrictions, and what they restrict named by 'in' or 'on': 'a curfew in Montenegro', 'a blockade on Gaza'.
RESTRICTION_NOUNS = {"curfew", "blockade", "siege", "lockdown", "embargo", "sanction", "ban", "restriction",
                     "closure", "quarantine", "emergency"}
RESTRICTED_PREPS = {"in", "on"}
# Nouns that measure out what is given or done: '25,000 tons of aid', 'a shipment of arms'.
MEASURE_NOUNS = {"ton", "tonne", "shipment", "consignment", "package", "batch", "load", "truckload", "planeload",
                 "amount", "quantity", "supply"}
# Verbs whose subject goes or meets for the nominal event in their 'for' phrase: 'negotiators return to Geneva
# for talks', 'leaders gathered for a summit'.
GATHERING_VERBS = {"return", "travel", "arrive", "come", "go", "head", "fly", "meet", "gather", "convene", "sit"}
# Verbs that point a nominal event at its target: "bombings targeted at the military".
AIMING_VERBS = {"target", "aim", "direct"}
# Prepositions that give the means of an action: its doer does them too ('captured him through intelligence sharing').
MEANS_PREPS = {"through", "via"}
# Verbs whose subject, active or passive, takes part in the event in their 'in' phrase.
TAKING_PART_VERBS = {"involve", "implicate", "participate"}
# Verbs whose subject is an event and whose object is its victim: "the strikes killed / resulted in casualties",
# "the coup deposed the president".
EFFECT_VERBS = {"kill", "injure", "wound", "hurt", "leave", "cause", "result", "claim", "hit", "target", "destroy",
                "damage", "affect", "displace", "depose", "overthrow", "oust", "topple"}
# Event nouns whose possessor suffers them: "his arrest", "her death", "the soldier's capture".
PATIENT_POSSESSOR_NOUNS = {"arrest", "detention", "capture", "death", "murder", "killing", "kidnapping", "abduction",
                           "execution", "injury", "illness", "imprisonment", "assassination", "release", "torture"}
# Verbs whose subject suffers the nominal event they take: "suffered injuries", "survived the blast".
SUFFERING_VERBS = {"suffer", "sustain", "receive", "survive", "endure", "face", "escape"}
REFLEXIVES = {"himself", "herself", "themselves", "itself"}  # 'a bomber blew himself up' harmed no one else
# Nouns that carry an event named by the noun before them: "a bombing campaign", "a coup attempt".
CARRIER_NOUNS = SERIES_NOUNS | EVENT_CARRIER_NOUNS | {"operation", "mission", "spree"}
# Verbs whose object is the weapon used: "detonated a car bomb", "fired mortars".
WEAPON_VERBS = {"detonate", "explode", "fire", "launch", "drop", "plant", "hurl", "throw", "lob"}
# Event words that name their victims: "the dead", "among the wounded", "fatalities included".
VICTIM_NOUNS = {"dead", "injured", "wounded", "fatality", "casualty", "victim", "killed"}
# Event words that name their doers: "a suicide bomber", "the protesters".
DOER_NOUNS = {"bomber", "mob", "vigilante", "protester", "protestor", "demonstrator", "rioter"}
# Words that say someone did a deed: "accused Clinton of rape", "a general accused of genocide".
ACCUSING_WORDS = {"accuse", "convict", "suspect", "charge", "guilty", "blame", "indict", "arrest", "jail", "sentence"}
CUSTODY_WORDS = {"arrest", "jail"}
# Event nouns whose demonym names their victims: "the Armenian genocide", "the Rohingya genocide".
VICTIM_NAMED_NOUNS = {"genocide"}
VICTIM_ADJECTIVES = {"sick", "ill", "fatal", "hurt", "hungry", "starving", "homeless", "missing", "dehydrated",
                     "deceased"}
QUANTIFIERS = {"some", "many", "most", "all", "several", "none", "dozens", "hundreds", "thousands", "scores", "each",
               "both", "few", "more", "others", "rest"}
PARTICIPANT_POS = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"}
NOT_PARTICIPANT_ENTITIES = {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
TARGET_PREPS_OF_NOUNS = {"on", "against", "of", "at", "upon", "targeting"}
# Fighting has two sides, both of them doers: "clashes between X and Y", "X clashed with Y".
MUTUAL_EVENTS = {"clash", "fight", "fighting", "battle", "skirmish", "war", "engage", "confrontation", "firefight"}
# "sent troops to support Russia", "weapons to help Ukraine": whom aid or a deployment is for.
HELP_VERBS = {"support", "help", "assist", "aid", "back", "reinforce", "bolster", "defend", "protect", "fight"}
DOER_PREPS = {"by", "from"}
# The sides a mediator comes between are the parties mediated, not mediators: 'mediated between Israel and Hamas'.
MEDIATING = {"mediate", "mediation", "mediator"}
SIDES_PREPS = {"between", "among"}
# Prepositions by which a thing done names whom it is done to: 'action against Russia', 'contact with the US'.
AIMING_PREPS = {"against", "with", "toward", "towards"}
ACTOR_ENTITIES = {"GPE", "NORP", "ORG", "PERSON"}
PEOPLE_CUES = ("civilian", "armed", "protester_people")  # classes of event_cues.tsv that name people
RELATIVE_PRONOUNS = {"who", "that", "which", "whom", "whose"}
CLAUSE_LINKS = {"xcomp", "advcl", "conj", "pcomp"}
INTENT_TYPES = {"THREATEN", "REJECT"}  # triggers whose act to come is aimed at their target: 'threatened to strike X'
# Compound nouns that name what an event is about rather than who does it ('intelligence sharing').
NOT_DOER_MODIFIERS = {"intelligence", "service", "security", "defense", "defence", "peace", "trade"}
MAX_CLIMB = 4


@dataclass
class Roles:
    doers: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    beneficiaries: list[Token] = field(default_factory=list)


# The actors stage and the events stage both ask for the roles of most triggers. Callers must not
# change the Roles they get: it is shared.
@functools.lru_cache(maxsize=512)
def roles(trigger: Token) -> Roles:
    """The doers and targets of the event `trigger` names, each a noun-phrase head token."""
    found = Roles()
    if _qualifies_event_noun(trigger) or _names_carried_event(trigger):
        return roles(trigger.head)  # 'the fatal shooting of a teenager', 'a bombing campaign by the army'
    if trigger.pos_ in ("NOUN", "PROPN"):
        _nominal_roles(trigger, found)
    else:
        _verbal_roles(trigger, found)
    found.doers = _with_conjuncts(_resolve_relatives(found.doers))
    targets = _resolve_relatives(found.targets)
    if _plover_type(trigger) != "ACCUSE":  # 'condemned the aggression against Muslims' accuses the aggressor, not them
        targets = [aimed for target in targets for aimed in _whom_aimed_at(target)]
    found.targets = _with_conjuncts(targets)
    found.targets = [t for t in found.targets if t not in found.doers and t.lower_ not in REFLEXIVES]
    found.beneficiaries = _with_conjuncts(_beneficiaries(trigger))
    return found


def _qualifies_event_noun(trigger: Token) -> bool:
    """'fatal shooting', 'deadly attack': an adjective trigger on a noun the trigger lexicon lists."""
    return trigger.pos_ == "ADJ" and trigger.dep_ == "amod" and trigger.head.pos_ == "NOUN" and \
        trigger.head.lemma_.lower() in entries()


def _names_carried_event(trigger: Token) -> bool:
    """'bombing' in 'a bombing campaign against IS', 'assassination' in 'the assassination attempt'."""
    return trigger.dep_ == "compound" and trigger.head.lemma_.lower() in CARRIER_NOUNS


def _mediates(trigger: Token) -> bool:
    """'mediated', 'the mediation', 'a mediation mission' (the mission carries the mediation)."""
    return trigger.lemma_.lower() in MEDIATING or any(
        c.dep_ == "compound" and c.lemma_.lower() in MEDIATING for c in trigger.children)


def _beneficiaries(trigger: Token) -> list[Token]:
    """'sent to support Russian military operations', 'deployed to Russia', 'gave Tanzania a grant':
    whom the event serves."""
    found = []
    giving = trigger.lemma_.lower() in GIVING_VERBS
    given = trigger
    while given.dep_ == "pobj" and _counted_out(given):
        given = given.head.head  # 'provide 25,000 tons of aid to refugees'
    giver = given.head if given.dep_ == "dobj" and given.head.lemma_.lower() in GIVING_VERBS else None
    if giver is not None:
        found.extend(c for c in giver.children if c.dep_ == "dative" and c.pos_ != "ADP")
        found.extend(_objects_of_to(giver))
    for child in trigger.children:
        if child.dep_ == "dative" and child.pos_ != "ADP":
            found.append(child)
        if child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in HELP_VERBS:
            found.extend(c for c in child.children if c.dep_ in ("dobj", "pobj"))
        elif child.dep_ in ("prep", "dative") and child.lower_ in ("to", "for", "into"):
            # the parse marks 'to' after a giving verb's object dative: 'providing intelligence to Macedonia'
            found.extend(o for o in _objects(child) if o.ent_type_ in ("GPE", "NORP", "ORG") or (
                giving and _names_people(o)))  # 'provide food aid to refugees'
    return found


def _verbal_roles(trigger: Token, found: Roles) -> None:
    lemma = trigger.lemma_.lower()
    if lemma in VICTIM_NOUNS or trigger.lower_ in VICTIM_NOUNS:
        found.targets.extend(_victims_listed(trigger))  # 'the wounded included two journalists'
        if found.targets:
            return
    victim_subject = lemma in VICTIM_SUBJECT_VERBS or _headline_passive(trigger) or (trigger.pos_ == "ADJ" and (
        lemma in VICTIM_NOUNS or trigger.lower_ in VICTIM_NOUNS or lemma in VICTIM_ADJECTIVES))
    has_object = any(c.dep_ in ("dobj", "nsubjpass") for c in trigger.children)
    for child in trigger.children:
        if child.dep_ == "nsubj" and _goes_off(trigger):
            continue  # 'the bomb exploded': what exploded, not who set it off
        if child.dep_ == "nsubj":
            (found.targets if victim_subject or _passive_left_out(trigger) else found.doers).append(child)
        elif child.dep_ == "dobj" and lemma in WEAPON_VERBS:
            continue  # 'detonated his belt', 'fired rockets': what was used, not whom it hit
        elif child.dep_ in ("dobj", "nsubjpass", "attr"):
            found.targets.append(child)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found.doers.extend(_objects(child))
        elif child.dep_ == "prep" and (child.lower_ in ("against", "including") or (
                child.lower_ in ("on", "upon") and not has_object) or (
                child.lower_ == "at" and lemma in WEAPON_VERBS | {"shoot"})):
            # 'fired on the crowd', 'fired at the crowd'; 'killed three on the spot' says where, 'on Tuesday' when
            found.targets.extend(o for o in _objects(child) if o.ent_type_ not in ("DATE", "TIME"))
        elif child.dep_ == "prep" and child.lower_ in ("with", "between") and trigger.lemma_.lower() in MUTUAL_EVENTS:
            found.doers.extend(_objects(child))
        elif child.dep_ == "prep" and child.lower_ in SIDES_PREPS and _mediates(trigger):
            found.targets.extend(_objects(child))
        elif child.dep_ == "prep" and child.lower_ == "with":  # 'met with', 'signed a deal with'
            found.targets.extend(_objects(child))
        elif child.dep_ == "ccomp" and not has_object:
            # 'demanded that the US cancel', 'urged that Israel ease': who is asked, warned or accused
            found.targets.extend(c for c in child.children if c.dep_ == "nsubj")
    if trigger.dep_ in ("amod", "acl") and trigger.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        # "the captured soldier", "troops sent by Pyongyang" suffer it; "forces attacking the town" do it
        by_agent = any(c.dep_ == "agent" for c in trigger.children)  # 'X, shot dead by police,' tagged VBD
        if trigger.tag_ in ("VBG", "VBN") or trigger.pos_ == "ADJ" or by_agent:
            (found.doers if trigger.tag_ == "VBG" else found.targets).append(trigger.head)
    elif trigger.dep_ == "relcl":
        pass  # its subject is a relative pronoun, resolved below
    elif trigger.dep_ in ("acomp", "oprd") and not found.targets:
        found.targets.extend(c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children) or (
        trigger.dep_ == "conj" and trigger.tag_ == "VBN" and  # 'were mutilated and injured'
        any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.head.children))
    if not found.doers:
        found.doers.extend(_by_phrase_below(trigger))
    if not found.doers and not victim_subject and not passive and (
            trigger.dep_ in CLAUSE_LINKS | {"acomp"} or _infinitive_on_object(trigger)):
        found.doers.extend(_inherited_subject(trigger))
    if not found.targets and victim_subject and trigger.dep_ in CLAUSE_LINKS:
        found.targets.extend(_inherited_subject(trigger))
    if not found.targets and not victim_subject:
        found.targets.extend(_shared_object(trigger) or _aim_of_intended_act(trigger))
    if not found.doers:
        found.doers.extend(_accused(trigger))


def _aim_of_intended_act(trigger: Token) -> list[Token]:
    """Whom the act a threat or a refusal names is aimed at: 'threatened to deliver blows to the United States',
    'refused to work with the FBI'. Only actors: not 'voting' in 'threatened to ban voting'. (What a pledge or a
    request names is not: 'pledged to visit every Iowa county'.)"""
    if _plover_type(trigger) not in INTENT_TYPES:
        return []
    act = next((c for c in trigger.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
    if act is None:
        return []
    aimed = [c for c in act.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"]
    aimed += [o for c in act.children if c.dep_ == "prep" and c.lower_ in AIMING_PREPS | {"to", "on"}
              for o in _objects(c)]
    return [t for t in aimed if _names_an_actor(t)]


def _names_an_actor(noun: Token) -> bool:
    """A name or people, or a noun a name qualifies: 'Ugandan opposition candidates', 'the president of Armenia'."""
    qualifiers = [c for c in noun.children if c.dep_ in ("amod", "poss")]
    qualifiers += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in _objects(c)]
    return noun.ent_type_ in ACTOR_ENTITIES or _names_people(noun) or any(
        q.ent_type_ in ACTOR_ENTITIES for q in qualifiers)


def _passive_left_out(verb: Token) -> bool:
    """'15 people were killed and 40 wounded': a participle joined to a passive, its auxiliary left out, whose
    subject (as the parse has it) suffered it."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children) and any(
        c.dep_ == "auxpass" for c in verb.head.children)


def _headline_passive(verb: Token) -> bool:
    """'Protesters arrested in Minsk', 'Three soldiers killed near Kherson': a headline drops the
    auxiliary of a passive, leaving a participle whose subject suffers it."""
    return verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


def _nominal_roles(trigger: Token, found: Roles) -> None:
    if trigger.lemma_.lower() in VICTIM_NOUNS or trigger.lower_ in VICTIM_NOUNS:
        found.targets.extend(_victims_listed(trigger) or [trigger])
    elif trigger.lemma_.lower() in DOER_NOUNS:
        found.doers.append(trigger)
    patient_possessor = trigger.lemma_.lower() in PATIENT_POSSESSOR_NOUNS
    for child in trigger.children:
        if child.dep_ == "poss":
            (found.targets if patient_possessor else found.doers).append(child)
        elif child.dep_ in ("amod", "compound", "nmod") and (_suffers(child) or (
                trigger.lemma_.lower() in VICTIM_NAMED_NOUNS and _may_be_doer(child))):
            found.targets.append(child)  # 'civilian deaths', 'civilian massacres'
        elif child.dep_ in ("amod", "compound", "nmod") and _may_be_doer(child):
            found.doers.append(child)
        elif child.dep_ == "prep" and child.lower_ in SIDES_PREPS and _mediates(trigger):
            found.targets.extend(_objects(child))
        elif child.dep_ == "prep" and (child.lower_ in DOER_PREPS | SIDES_PREPS or (
                child.lower_ == "with" and trigger.lemma_.lower() in MUTUAL_EVENTS)):
            found.doers.extend(_objects(child))
        elif child.dep_ == "prep" and child.lower_ == "with":  # 'talks with Iran', 'a deal with the rebels'
            found.targets.extend(_objects(child))
        elif child.dep_ in ("prep", "acl") and child.lower_ in TARGET_PREPS_OF_NOUNS:
            found.targets.extend(_objects(child))
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # 'attacks carried out by militants'
            found.doers.extend(o for by in child.children if by.dep_ == "agent" for o in _objects(by))
        if child.dep_ in ("acl", "relcl"):  # 'bombings targeted at the military', 'which seemed aimed at'
            found.targets.extend(_aimed_at(child))
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in EFFECT_VERBS:
        found.targets.extend(_effect_objects(trigger.head))
    for clause in trigger.children:
        if clause.dep_ == "relcl" and clause.lemma_.lower() in EFFECT_VERBS | VICTIM_SUBJECT_VERBS:
            # 'the massacre, which left 89 people dead', 'the attack in which 12 were killed'
            found.targets.extend(_effect_objects(clause))
            found.targets.extend(c for c in clause.children if c.dep_ == "nsubjpass" or (
                c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS))
    if trigger.dep_ == "dobj":
        # 'used torture against suspects', 'launched strikes on the city'
        found.targets.extend(o for p in trigger.head.children if p.dep_ == "prep" and p.lower_ in ("against", "on")
                             for o in _objects(p))
    if trigger.dep_ == "appos" and trigger.head.pos_ in ("NOUN", "PROPN"):
        found.targets.append(trigger.head)
    if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in SUFFERING_VERBS:
        found.targets.extend(_subject_or_inherited(trigger.head))  # 'he suffered fatal wounds'
    if not found.targets and trigger.dep_ == "conj" and trigger.head.pos_ == "NOUN":
        # 'the slaughter and maiming of civilians': coordinated event nouns share what they were done to
        found.targets.extend(o for p in trigger.head.children if p.dep_ == "prep" and p.lower_ in
                             TARGET_PREPS_OF_NOUNS for o in _objects(p))
    if _plover_type(trigger) == "REQUEST":
        found.targets.extend(_asked_of(trigger))
    if not found.targets and _a_restriction(trigger):
        found.targets.extend(_restricted(trigger))  # 'imposed a curfew in Kashmir'
    if not found.targets and trigger.dep_ == "dobj":  # 'issued a warning to Iran', 'paid a visit to China'
        found.targets.extend(o for o in _objects_of_to(trigger.head) if o.ent_type_ in ACTOR_ENTITIES)
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "agent":
        # 'the building was shattered by an explosion': what the passive verb says was hit
        found.targets.extend(c for c in trigger.head.head.children if c.dep_ == "nsubjpass")
    if all(d.pos_ == "PRON" and d.dep_ == "poss" for d in found.doers):
        # 'the Kremlin launched its strikes': the subject names whom 'its' stands for
        found.doers = _doer_of_doing_verb(trigger) or found.doers
    if not found.doers:
        found.doers.extend(_accused(trigger))


def _asked_of(demand: Token) -> list[Token]:
    """Who a demand noun asks to act: the subject of its 'that' clause, on the noun ('its demand that Syria
    withdraw') or on the verb the noun is the object of ('reiterated its demand today that Israel ease')."""
    clauses = [c for c in demand.children if c.dep_ in ("acl", "ccomp")]
    if demand.dep_ == "dobj":
        clauses += [c for c in demand.head.children if c.dep_ == "ccomp" and c.i > demand.i]
    return [s for clause in clauses if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            for s in clause.children if s.dep_ == "nsubj"]


def _aimed_at(clause: Token) -> list[Token]:
    """What a clause on an event noun says it was aimed at, through verbs like 'seem to be'."""
    verb = clause
    while verb.lemma_.lower() not in AIMING_VERBS:
        verb = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
        if verb is None:
            return []
    return [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("at", "against", "on") for o in _objects(p)]


def _victims_listed(victims: Token) -> list[Token]:
    """'the dead included two Iraqis, one Tunisian and a Chinese', 'two of them were among the dead':
    whom a victim noun lists."""
    if victims.dep_ == "nsubj" and victims.head.lemma_.lower() == "include":
        return [m for o in victims.head.children if o.dep_ == "dobj" for m in _enumeration(o)]
    if victims.dep_ == "pobj" and victims.head.lower_ == "among":
        return [c for c in victims.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _enumeration(first: Token) -> list[Token]:
    """A listed item and those after it, which a parse hangs on it as conjuncts or appositions."""
    members = [first]
    for child in first.children:
        if child.dep_ in ("conj", "appos") and child.pos_ in PARTICIPANT_POS:
            members.extend(_enumeration(child))
    return members


def _shared_object(verb: Token) -> list[Token]:
    """'bombarding and starving people', 'were killed and wounded': the object a coordinated verb shares. A later
    verb's object only where the verb stops at the conjunction ('fired on and killed a soldier'), not where it goes
    on: 'withdrew from the pact on Thursday ... and had no plans'."""
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return []
    stops = _stops_at_conjunction(verb)
    return [c for other in verb.conjuncts if other.pos_ == "VERB" and (other.i < verb.i or stops)
            for c in other.children if c.dep_ in ("dobj", "nsubjpass")]


def _stops_at_conjunction(verb: Token) -> bool:
    """Nothing of the verb's own follows it but the conjunction, adverbs, particles and bare prepositions ('on')."""
    return all(c.dep_ in ("cc", "conj", "punct", "advmod", "prt") or (c.dep_ == "prep" and not c.n_rights)
               for c in verb.rights)


def _accused(trigger: Token) -> list[Token]:
    """'accused Clinton of rape', 'Bashir, accused of genocide', 'was charged with murder', 'convicted in
    the bombing': whom the accusation names did the deed."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in ("of", "with", "for", "in", "over"):
        return []
    accusing = prep.head
    if prep.lower_ in ("in", "over") and accusing.lemma_.lower() in CUSTODY_WORDS:
        return []  # 'arrested in a raid': the raid is not theirs
    if accusing.dep_ == "dobj" and accusing.head.lemma_.lower() in ACCUSING_WORDS:
        return [accusing]  # 'accused [the commander of torture]'
    if accusing.lemma_.lower() not in ACCUSING_WORDS:
        return []
    named = [c for c in accusing.children if c.dep_ in ("dobj", "nsubjpass")]
    if not named and accusing.dep_ in ("acl", "amod", "appos") and accusing.head.pos_ in ("NOUN", "PROPN"):
        named = [accusing.head]
    if not named and accusing.pos_ == "ADJ":  # 'he was guilty of murder'
        named = [c for c in accusing.head.children if c.dep_ == "nsubj"]
    return named


def _effect_objects(effect: Token) -> list[Token]:
    """What an event caused, 'killed 12 civilians', 'resulted in civilian casualties': its victims."""
    found = [child for child in effect.children if child.dep_ == "dobj"]
    if not found:  # 'resulted in casualties'; 'killed three on the spot' says where
        found.extend(o for p in effect.children if p.dep_ == "prep" and p.lower_ in ("in", "on", "against")
                     for o in _objects(p))
    return found


def _suffers(modifier: Token) -> bool:
    """'civilian', 'villager': a modifier naming people who suffer violence rather than do it."""
    return lexicon.sectors().get(modifier.lemma_.lower(), (None,))[0] == "CVL"


def _may_be_doer(modifier: Token) -> bool:
    """'Russian strikes', 'ISIS attack', 'police raid': a name, demonym or actor noun before the noun is its doer."""
    if modifier.ent_type_ in ("NORP", "ORG", "PERSON") or (modifier.pos_ == "PROPN" and modifier.ent_type_ not in (
            "GPE", "LOC", "FAC", "DATE", "EVENT")):
        return True
    lemma = modifier.lemma_.lower()
    return lemma not in NOT_DOER_MODIFIERS and (lemma in lexicon.sectors() or modifier.lower_ in lexicon.demonyms())


def _by_phrase_below(trigger: Token) -> list[Token]:
    """'captured during operations by Ukrainian special forces': the doer sits one phrase down."""
    found = []
    for prep in trigger.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for by in noun.children:
                if by.dep_ in ("prep", "agent") and by.lower_ == "by":
                    found.extend(_objects(by))
    return found


def _doer_of_doing_verb(trigger: Token) -> list[Token]:
    """'militants launched attacks', 'both regimes ..., culminating in the signing': the subject of the
    verb that carries the nominal event out, climbing clause links when that verb has none."""
    node = trigger
    while node.dep_ == "pobj" and _counted_out(node):
        node = node.head.head  # 'launched a series of attacks', 'provided 25,000 tons of aid'
    if node.dep_ == "pobj" and node.head.lower_ == "for" and node.head.head.lemma_.lower() == "responsibility":
        node = node.head.head  # 'claimed responsibility for the bombings'
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        node = node.head
    if node.dep_ not in ("dobj", "prep") or node.head.pos_ not in ("VERB", "AUX"):
        return []
    verb = node.head
    if node.dep_ == "prep" and node.lower_ in MEANS_PREPS:  # 'captured the soldier through intelligence sharing'
        return [c for c in verb.children if c.dep_ == "nsubj"] or [
            o for agent in verb.children if agent.dep_ == "agent" for o in _objects(agent)]
    if verb.lemma_.lower() in TAKING_PART_VERBS:  # '34 people are involved in the attempt'
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if node.dep_ == "prep" and node.lower_ == "for" and verb.lemma_.lower() in GATHERING_VERBS:
        return [c for c in verb.children if c.dep_ == "nsubj"]  # 'negotiators return to Geneva for talks'
    if verb.lemma_.lower() not in DOING_VERBS:
        return []
    return _subject_or_inherited(verb)


def _counted_out(noun: Token) -> bool:
    """'a series of attacks', '25,000 tons of aid', '$10 million in aid': the noun is what a series, a measure or
    a sum is of, which the verb carries out or gives."""
    counter = noun.head.head
    if noun.head.lower_ == "of" and counter.lemma_.lower() in SERIES_NOUNS | MEASURE_NOUNS:
        return True
    return noun.head.lower_ in ("of", "in") and counter.dep_ == "dobj" and counter.like_num


def _infinitive_on_object(verb: Token) -> bool:
    """'(he has) the right to assault', '(made) plans to attack': an infinitive on a verb's object, done
    by that verb's subject."""
    return verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.dep_ in ("dobj", "attr") and \
        verb.head.head.pos_ in ("VERB", "AUX")


def _subject_or_inherited(verb: Token) -> list[Token]:
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    return own or _inherited_subject(verb)


def _inherited_subject(clause: Token) -> list[Token]:
    """The subject a clause shares with the one it hangs from ('began to attack', 'and then killed')."""
    node = clause
    for _ in range(MAX_CLIMB):
        if _infinitive_on_object(node):  # 'he has the right to assault': the subject of 'has'
            return _subject_or_inherited(node.head.head)
        if node.dep_ not in CLAUSE_LINKS | {"acomp", "acl"} or node.head == node:
            return []
        node = node.head
        if node.dep_ == "prep" and clause.dep_ == "pcomp":
            node = node.head  # '(was) engaged in torturing': the subject of 'engaged'
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects
        subjects = [c for c in node.children if c.dep_ == "nsubj"]
        if subjects:
            return [] if _goes_off(node) else subjects  # 'the bomb exploded, killing five'
        if _infinitive_on_object(node):
            continue
        if node.dep_ in ("acl", "relcl", "amod") and node.head.pos_ in ("NOUN", "PROPN"):
            return [node.head] if node.tag_ == "VBG" or node.dep_ == "relcl" else []
    return []


def _goes_off(verb: Token) -> bool:
    """'the bomb exploded', 'a car bomb went off', 'the device detonated': the subject is what went
    off, neither who set it off nor whom it hit."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return lemma in ("explode", "detonate") or (lemma == "go" and "off" in particles) or (
        lemma == "blow" and "up" in particles)


def _whom_aimed_at(target: Token) -> list[Token]:
    """Whom a thing done is aimed at, when its phrase names them: 'threatened further action against Russia',
    'would boycott all official contact with the United States', 'to restore relations with Moscow'. The
    target stays as it is when it names people ('fighters with the Islamic State') or nobody is named."""
    if target.ent_type_ or target.pos_ != "NOUN" or _names_people(target):
        return [target]
    if _a_restriction(target):
        return _restricted(target) or [target]
    aimed = [o for p in target.children if p.dep_ == "prep" and p.lower_ in AIMING_PREPS
             for o in _objects(p) if o.ent_type_ in ACTOR_ENTITIES]
    return aimed or [target]


def _restricted(restriction: Token) -> list[Token]:
    """Whom or where a restriction holds: 'sanctions against Iran', 'a curfew in Kashmir', and, said on the
    verb, 'lifted a night curfew in Montenegro'."""
    holders = [restriction, restriction.head] if restriction.dep_ == "dobj" else [restriction]
    return [o for holder in holders for p in holder.children if p.dep_ == "prep" and p.lower_ in
            AIMING_PREPS | RESTRICTED_PREPS for o in _objects(p) if o.ent_type_ in ACTOR_ENTITIES | {"LOC"}]


def _a_restriction(noun: Token) -> bool:
    """'a curfew', 'sanctions', 'a state of emergency'."""
    return noun.lemma_.lower() in RESTRICTION_NOUNS or any(
        p.lower_ == "of" and any(o.lemma_.lower() in RESTRICTION_NOUNS for o in _objects(p)) for p in noun.children)


def _plover_type(trigger: Token) -> str | None:
    """The PLOVER type the trigger lexicon gives the word, if it lists it."""
    entry = entries().get(trigger.lemma_.lower())
    return entry.type if entry is not None else None


def _names_people(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in lexicon.sectors() or any(lemma in cues()[kind] for kind in PEOPLE_CUES)


def _objects_of_to(word: Token) -> list[Token]:
    """What a 'to' on the word names, which the parse labels a preposition or a dative: 'gave aid to Jordan'."""
    return [o for p in word.children if p.dep_ in ("prep", "dative") and p.lower_ == "to" for o in _objects(p)]


def _objects(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _resolve_relatives(tokens: list[Token]) -> list[Token]:
    """'soldiers who attacked': the relative pronoun stands for the noun the clause modifies."""
    resolved = []
    for token in tokens:
        clause = token.head
        if token.lower_ == "whose" and clause.dep_ != "relcl":
            clause = clause.head  # 'the employee whose arrest ...'
        if token.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
            token = clause.head
        if token not in resolved:
            resolved.append(token)
    return resolved


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Each head, its conjuncts, what a partitive counts ('some of the victims') and the members it
    lists ('leftists, including Eva Forest')."""
    out = []
    for token in tokens:
        for member in (token, *token.conjuncts, *_partitive_and_listed(token), *_named_appositions(token)):
            if member not in out and member.pos_ in PARTICIPANT_POS and member.ent_type_ not in NOT_PARTICIPANT_ENTITIES:
                out.append(member)
    return out


def _named_appositions(token: Token) -> list[Token]:
    """'the alleged killer, Cherif Chekatt,': the name an apposition gives the same participant."""
    return [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and token.pos_ != "PROPN"]


def is_partitive(token: Token) -> bool:
    """'some of the victims', 'hundreds of hostages', 'two of whom': a count of what follows 'of'."""
    return (token.pos_ in ("NUM", "PRON", "DET") or token.lower_ in QUANTIFIERS) and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _partitive_and_listed(token: Token) -> list[Token]:
    found = []
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ in ("including", "like"):
            for member in _objects(prep):
                found.extend((member, *member.conjuncts))
    return found
