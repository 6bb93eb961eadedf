"""Claims: every count of people in the report (killed, injured, troops...), with its source."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import Actor, Attribution, Claim, Event, Span, Subject, Value
from ..parse_index import by_sentence, sentence_number, sentence_of, span_text, tokens_of
from ..parsed import ParsedReport
from ..quantities import MULTIPLIERS, VAGUE, parse_number_phrase

MEASURE_NOUNS = {
    "casualty": "killed_or_injured", "fatality": "killed", "death": "killed", "dead": "killed", "body": "killed",
    "injury": "injured", "wounded": "injured", "injured": "injured", "prisoner": "captured", "captive": "captured",
    "hostage": "captured", "pow": "captured", "refugee": "displaced", "evacuee": "displaced",
}
MEASURE_VERBS = {
    "kill": "killed", "die": "killed", "slay": "killed", "murder": "killed", "execute": "killed",
    "dead": "killed",  # 'leaving at least 180 people dead'
    "injure": "injured", "wound": "injured", "hurt": "injured", "maim": "injured",
    "injured": "injured", "wounded": "injured",  # adjectives: 'more than 1,300 injured'
    "capture": "captured", "detain": "captured", "abduct": "captured", "kidnap": "captured", "seize": "captured",
    "arrest": "captured", "jail": "captured", "imprison": "captured",
    "miss": "missing", "disappear": "missing",
    "displace": "displaced", "flee": "displaced", "evacuate": "displaced", "uproot": "displaced",
}
TOLL_NOUNS = {"toll", "tally"}
TROOP_NOUNS = {"troop", "soldier", "personnel", "force", "serviceman", "servicemen", "fighter", "marine",
               "reservist", "conscript", "sailor", "paratrooper"}
DEPLOY_VERBS = {"send", "deploy", "dispatch", "mobilize", "station", "move", "amass", "number"}
NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
MEASURE_EVENT_TYPES = {"troops": ("MOBILIZE", "AID"), "captured": ("ASSAULT", "COERCE"), "killed": ("ASSAULT",),
                       "injured": ("ASSAULT",), "killed_or_injured": ("ASSAULT",)}


def find_claims(parsed: ParsedReport) -> list[Claim]:
    claims: list[Claim] = []
    # by sentence, and each event by its trigger words: a report may tell of hundreds
    actors = by_sentence(parsed.doc, parsed.reading.actors)
    triggers = [(m.trigger, e) for e in parsed.reading.events for m in e.mentions]
    triggered: dict[int, str] = {}
    for trigger, event in triggers:
        triggered.setdefault(trigger.start, event.id)
    mentioned = by_sentence(parsed.doc, triggers, lambda pair: pair[0])
    for phrase, counted in sorted(_count_phrases(parsed.doc), key=lambda pair: pair[0].start):
        quantity = parse_number_phrase(phrase.text)
        # 'Dozens of civilians were killed' is measured by its head; 'put the death toll at 40' by the toll
        toll = _toll_measure(counted)
        measure = _measure(counted) or _measure(phrase.root) or toll
        if quantity is None or measure is None:
            continue
        source = _source(phrase, parsed.reading.attributions, _toll_holder(counted) if toll else None)
        subject = _subject(counted, actors[sentence_number(counted)])
        if subject.country is None and measure == "troops":
            subject = _deployers(subject, counted, parsed.reading.actors)
        if subject.country is None:
            subject = _inherited_subject(subject, measure, claims)
        event = _event(phrase, counted, measure, triggered, mentioned[sentence_number(phrase)])
        if event is None and toll:  # 'The ministry put the death toll at 40': of the last one told
            event = next((c.event for c in reversed(claims) if c.measure == measure and c.event), None)
        sent = sentence_of(phrase)
        claims.append(Claim(
            id=f"c{len(claims) + 1}", measure=measure, subject=subject,
            value=Value(text=phrase.text, low=quantity.low, high=quantity.high, approx=quantity.approx),
            source=source, event=event,
            evidence=Span(text=span_text(sent), start=sent.start_char, end=sent.end_char)))
    return claims


def _count_phrases(doc) -> list[tuple[SpacySpan, Token]]:
    """(number phrase, the noun it counts) for each count ('over 3,000', 'between 20 and 30',
    'a dozen', '1.5 million') and each vague quantity word ('dozens of', 'hundreds')."""
    found = []
    tokens = tokens_of(doc)
    for token in tokens:
        if not _is_number(token) or (_is_number(token.head) and token.head.i != token.i):
            continue  # the parts of 'two thousand' and '20 and 30' belong to their head
        phrase = _trim_punct(doc[token.left_edge.i: token.right_edge.i + 1])
        counted = token.head if token.dep_ == "nummod" else token
        found.append((phrase, counted))
    taken = {t.i for phrase, _ in found for t in phrase}
    for token in tokens:
        if token.i in taken or token.lower_ not in VAGUE or token.pos_ not in ("NOUN", "ADJ", "PRON", "NUM"):
            continue
        if token.lower_ in ("many", "few", "several", "numerous") and token.dep_ != "amod":
            continue
        of = next((c for c in token.children if c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        counted = noun if noun is not None else token.head if token.dep_ == "amod" else token
        found.append((doc[token.i: token.i + 1], counted))
    return found


def _is_number(token: Token) -> bool:
    if not (token.like_num or token.lower_ in MULTIPLIERS) or token.lower_ in VAGUE:
        return False
    # the tagger reads 'between 20 and 30' and 'put the toll at 40' as dates: a count only where it counts
    # a noun or a toll
    return token.ent_type_ not in NOT_COUNTS or token.dep_ == "nummod" and token.head.pos_ == "NOUN" or \
        _toll_measure(token) is not None


def _trim_punct(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_punct:
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


def _measure(counted: Token) -> str | None:
    lemma = counted.lemma_.lower()
    if lemma in MEASURE_NOUNS:
        return MEASURE_NOUNS[lemma]
    verbs = _governing_verbs(counted)
    measures = [MEASURE_VERBS[v.lemma_.lower()] for v in verbs if v.lemma_.lower() in MEASURE_VERBS]
    if "killed" in measures and "injured" in measures:
        return "killed_or_injured"
    if measures:
        return measures[0]
    if lemma in TROOP_NOUNS:
        return "troops"
    return None


def _toll_measure(counted: Token) -> str | None:
    """A count given as a toll: 'put the death toll at 40', 'the toll rose to 40', 'the death toll is 40',
    'a toll of 40'."""
    holder = _toll_holder(counted)
    if holder is None:
        return None
    nouns = [holder, *(c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]
    toll = next((noun for noun in nouns if noun.lemma_.lower() in TOLL_NOUNS), None)
    if toll is None:
        return None
    kinds = [MEASURE_NOUNS[c.lemma_.lower()] for c in toll.children
             if c.dep_ in ("compound", "amod") and c.lemma_.lower() in MEASURE_NOUNS]
    return kinds[0] if kinds else "killed"  # 'the toll' alone is of the dead


def _toll_holder(counted: Token) -> Token | None:
    """The word a toll's figure hangs on: the verb ('put ... at 40', 'rose to 40', 'is 40') or the toll ('of 40')."""
    if counted.dep_ == "pobj" and counted.head.lower_ in ("at", "to", "of"):
        return counted.head.head
    return counted.head if counted.dep_ == "attr" else None


def _governing_verbs(counted: Token) -> list[Token]:
    """The predicate a counted noun takes part in, with its conjuncts ('killed or injured')."""
    verbs = []
    if counted.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and counted.head.pos_ in ("VERB", "AUX", "ADJ"):
        verbs.append(counted.head)
    for child in counted.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.pos_ in ("VERB", "ADJ"):
            verbs.append(child)
    for verb in list(verbs):
        verbs.extend(c for c in verb.conjuncts if not _own_subject(c, counted))  # not '15 were killed and 40 wounded'
        verbs.extend(c for c in verb.children if c.dep_ in ("acomp", "xcomp") and c.pos_ in ("VERB", "ADJ"))
    return verbs


def _own_subject(verb: Token, counted: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c != counted for c in verb.children)


def _subject(counted: Token, actors: list[Actor]) -> Subject:
    """Whose the counted are, from the actors (of their sentence) that hold or follow them."""
    span = counted.doc[counted.left_edge.i: counted.i + 1]
    actor = next((a for a in actors if a.start <= counted.idx < a.end), None)
    if actor is None:
        actor = next((a for a in actors if span.start_char <= a.start < span.end_char and a.country), None)
    return Subject(text=span.text, country=actor.country if actor else None, sector=actor.sector if actor else None)


def _deployers(subject: Subject, counted: Token, actors: list[Actor]) -> Subject:
    """'Russia has deployed 50,000 troops', '10,000 troops sent by Pyongyang': the troops are the deployer's."""
    verb = counted.head
    if verb.lemma_.lower() not in DEPLOY_VERBS:
        return subject
    if counted.dep_ == "dobj":
        deployer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        deployer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    actor = next((a for a in actors if deployer is not None and a.start <= deployer.idx < a.end), None)
    if actor is None or actor.country is None:
        return subject
    return Subject(text=subject.text, country=actor.country, sector=subject.sector or "MIL")


def _inherited_subject(subject: Subject, measure: str, earlier: list[Claim]) -> Subject:
    """'about 1,000 casualties' right after '3,000 North Korean soldiers killed or injured' counts them too."""
    previous = next((c for c in reversed(earlier) if c.measure == measure and c.subject.country), None)
    if previous is None:
        return subject
    return Subject(text=subject.text, country=previous.subject.country, sector=subject.sector or previous.subject.sector)


def _source(phrase: SpacySpan, attributions: list[Attribution], toll_holder: Token | None) -> str | None:
    """The innermost attribution that reports the number (who wants or backs something does not report it),
    else the one whose cue gives a toll its figure ('Amnesty estimated the toll at 60')."""
    holding = [a for a in attributions if a.content.start <= phrase.start_char < a.content.end and a.act != "stance"]
    if holding:
        return min(holding, key=lambda a: a.content.end - a.content.start).id
    if toll_holder is None:
        return None
    return next((a.id for a in attributions if a.cue and a.cue.start == toll_holder.idx), None)


def _event(phrase: SpacySpan, counted: Token, measure: str, triggered: dict[int, str],
           mentioned: list[tuple[Span, Event]]) -> str | None:
    """The event whose trigger governs the counted people ('arrested 23 people'), else the first of a
    fitting type one of whose mentions is in the number's sentence. `triggered`: the first event by the
    start of each trigger word; `mentioned`: the events' trigger words in the number's sentence."""
    for verb in _governing_verbs(counted):  # the counted noun's own head first, then its conjuncts
        if verb.idx in triggered:
            return triggered[verb.idx]
    types = MEASURE_EVENT_TYPES.get(measure, ())
    sent = sentence_of(phrase)
    return next((event.id for trigger, event in mentioned if event.type in types
                 and sent.start_char <= trigger.start < sent.end_char), None)
