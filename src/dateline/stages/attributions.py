"""Attributions: who said, reported, thought or wanted what, and according to whom.

An attribution is a source (who), a cue (the word that attributes) and a content (what is
attributed). Spans follow the conventions of PolNeAR, the corpus we measure against:

- the source is the speaker's whole noun phrase as written, titles and appositions included; a
  clause set off by commas before the predicate ('X, who ..., said') is left out; a pronoun ('he',
  'who') stays the pronoun, and its actor link goes to the person it stands for;
- the cue is the attributing predicate ('said', 'according to', 'called for');
- the content is the clause, object or quotation attributed, with its 'that';
- what a quotation says is the quoted speaker's: a 'said' inside a quotation is not an
  attribution of the report.

Sources that say nothing of who they are ('sources indicate', 'it has been reported', 'reports
say') are `anonymous` with a null source; unnamed officials keep their phrase ('U.S. officials'),
which still tells the actor's country and sector.

Besides speech, PolNeAR counts what people think, want and back, what polls show, and what merely
seems so ('the deal seems dead': anonymous, no source); each
attribution says which in its extra field `act` (`speech`, `thought`, `stance`, `evidence`), so a
reader (or the claims stage) can keep to what was said.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..event_types import cues as event_cues
from ..model import Actor, Attribution, SourceSpan, Span
from ..parse_index import index_of, sentence_of, span_text, text_of, tokens_of
from ..parsed import ParsedReport

# Attributing predicates by what they attribute (the `act` of an attribution).
SPEECH = """
say tell add write ask note argue announce report explain claim tweet declare state insist warn acknowledge admit
reply respond answer repeat reiterate stress emphasize emphasise assert contend confirm deny reveal disclose predict
promise pledge vow threaten urge describe mention comment remark joke quip complain boast brag concede recall remind
suggest propose recommend testify allege accuse blame criticize criticise praise condemn denounce slam blast attack
question challenge dismiss defend thank apologize congratulate mock echo cite quote post email retweet shout yell
chant plead demand request caution tout highlight underscore counter retort rail lament bemoan decry applaud hail
call name label dub brand portray characterize characterise liken compare invoke voice express outline detail list
estimate forecast signal hint imply assure inform speculate concur reason observe muse charge summarize
summarise recount interject exclaim scoff sneer lash continue read offer discuss issue order encourage reference
maintain proclaim posit rebut reaffirm confess publish identify cast rule convince
release share unveil press assail rebuke scold lambaste chastise downplay veto
""".split()
THOUGHT = """
think believe know feel consider expect hope fear worry wonder doubt suspect assume imagine realize realise
understand recognize recognise remember learn guess figure regard deem anticipate conclude decide see view
surmise calculate notice sense sound trust
""".split()
STANCE = """
want wish prefer support oppose favor favour endorse back seek plan intend refuse decline agree advocate champion
embrace welcome reject resist like love hate promote adopt aim ignore nominate
""".split()
EVIDENCE = "show find indicate demonstrate prove".split()
# Verbs that attribute only with their particle or object: 'laid out a plan' (not 'laid off workers'),
# 'as she put it'.
PHRASAL_SPEECH = {"lay out", "spell out", "put forward", "put forth", "set out", "weigh in", "chime in", "speak out",
                  "put it"}
PHRASAL_HEADS = {phrasal.split()[0] for phrasal in PHRASAL_SPEECH}
ACTS = {**{lemma: "speech" for lemma in SPEECH + sorted(PHRASAL_SPEECH)}, **{lemma: "thought" for lemma in THOUGHT},
        **{lemma: "stance" for lemma in STANCE}, **{lemma: "evidence" for lemma in EVIDENCE}}
# Verbs that attribute only a clause or a quotation ('he continued: “...”', 'she sees that ...',
# 'the poll found that ...'), or an 'as' ('she sees him as a threat'): 'continued to fight',
# 'saw the video', 'found a way' and 'proved difficult' attribute nothing.
CLAUSE_ONLY = {"put it", "continue", "read", "see", "find", "prove", "identify", "cast", "rule", "convince", "sense", "notice"}
# Verbs whose clause is what is attributed but whose bare object is not: 'maintained that ...' but
# 'maintained high costs', 'decided to run' but 'decided the case', 'added that ...' but 'added jobs'.
CLAUSE_NOT_OBJECT = {"maintain", "threaten", "decide", "learn", "demonstrate", "encourage", "demand", "add"}
# Attitudes held by the subject of 'be': 'she is confident that ...', 'he was critical of ...'.
ATTITUDE_ADJECTIVES = {
    "eager": "stance", "critical": "speech", "glad": "thought", "concerned": "thought", "convinced": "thought",
    "clear": "speech", "wary": "thought", "proud": "thought", "adamant": "speech", "confident": "thought",
    "sure": "thought", "certain": "thought", "optimistic": "thought", "skeptical": "thought",
    "sceptical": "thought", "worried": "thought", "afraid": "thought", "happy": "thought", "upset": "thought",
    "disappointed": "thought", "supportive": "stance", "opposed": "stance", "aware": "thought",
    "hopeful": "thought", "determined": "stance", "willing": "stance", "unwilling": "stance",
    "reluctant": "stance", "keen": "stance", "angry": "thought", "frustrated": "thought", "pleased": "thought",
    "uncertain": "thought", "unsure": "thought", "interested": "stance", "conscious": "thought", "content": "stance",
    "enthusiastic": "stance", "excited": "thought", "nervous": "thought", "anxious": "thought", "furious": "thought",
    "outraged": "thought", "open": "stance", "comfortable": "thought", "satisfied": "thought", "unhappy": "thought",
    "dissatisfied": "thought", "grateful": "thought", "thankful": "thought", "sorry": "thought", "shocked": "thought",
    "embarrassed": "thought", "surprised": "thought", "hesitant": "stance", "vocal": "speech", "mindful": "thought",
    "fearful": "thought", "ambivalent": "thought", "firm": "stance", "explicit": "speech", "blunt": "speech",
    "candid": "speech", "unified": "stance", "united": "stance", "divided": "thought", "sanguine": "thought",
    "enamored": "thought", "unconvinced": "thought", "dismissive": "speech", "quick": "stance", "careful": "stance",
}
POLL_NOUNS = {"poll", "survey", "average"}
EVIDENCE_HEADS = POLL_NOUNS | {"study", "report", "analysis", "data", "record", "review", "audit", "research",
                               "investigation", "test", "model", "figure", "number"}
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}
# 'X seems to ...', 'it appears that ...': an impression no one in the text is named as having.
IMPRESSION_VERBS = {"seem", "appear"}
IMPRESSION_DEPS = {"xcomp", "acomp", "ccomp", "oprd", "attr"}
NAMING_VERBS = {"call", "name", "title", "dub", "label", "brand", "know"}
# 'Sanders is seen as a spoiler', 'a club now known as Doral': a view held or a name given by no one named.
# ('A group called X', 'a man named Y' are mere names.)
REGARDING_VERBS = NAMING_VERBS - {"call", "name"} | {"see", "view", "regard", "consider", "perceive", "describe",
                                                     "portray", "characterize"}
# What a token must be for some pattern to start at it (see _possible_cues): the patterns' own first tests.
CUE_POS = {"VERB", "AUX", "NOUN"}
CUE_WORDS = {"according", "in", *HEARSAY_ADVERBS, *ATTITUDE_ADJECTIVES, ":", "\u2015", "\u2014"}
# Nouns of saying whose complement is what was said: 'his claim that ...', 'her pledge to ...'.
# (Nouns that name the message itself, 'his statement on Monday', are left out: their
# complement is seldom the content.)
NOUN_CUES = {
    "claim": "speech", "assertion": "speech", "suggestion": "speech", "argument": "speech", "promise": "speech",
    "pledge": "speech", "vow": "speech", "warning": "speech", "estimate": "speech", "allegation": "speech",
    "accusation": "speech", "denial": "speech", "admission": "speech", "insistence": "speech",
    "endorsement": "stance", "refusal": "stance", "attack": "speech", "criticism": "speech", "critique": "speech",
    "call": "speech", "demand": "speech", "praise": "speech", "question": "speech", "complaint": "speech",
    "account": "speech", "advice": "speech", "fear": "thought", "worry": "thought", "concern": "thought",
    "idea": "thought", "assessment": "thought", "understanding": "thought", "conclusion": "thought",
    "embrace": "stance", "goal": "stance", "rejection": "stance",
}
# 'won the endorsement of X': what one gets when someone backs one.
BACKING_NOUNS = {"endorsement", "backing", "support"}
WINNING_VERBS = {"win", "receive", "secure", "get", "earn", "pick", "gain", "land", "snag", "have", "collect", "nab"}
# 'made the case that ...', 'delivered remarks on ...': the noun carries the saying.
LIGHT_VERBS = {"make", "give", "deliver", "lay", "raise", "level", "issue", "file", "voice", "pose", "take", "launch", "unleash",
                "renew", "escalate", "intensify", "mount", "offer", "express"}
SPEECH_NOUNS = {"case", "point", "argument", "pitch", "comment", "remark", "statement", "claim", "promise", "pledge",
                "mention", "reference", "appeal", "plea", "allegation", "accusation", "criticism", "observation",
                "speech", "address", "warning", "announcement", "prediction", "complaint", "charge", "request",
                "demand", "suggestion", "threat", "vow", "assurance", "question", "concern", "objection", "endorsement",
                "issue", "swipe", "jab", "exception", "broadside", "tirade",
                "critique", "rebuke", "praise"}
# Prepositional objects that are the content: 'called for a ceasefire', 'talked about the war'.
CONTENT_PREPOSITIONS = {"for", "about", "on", "of", "against", "to"}
TOPIC_PREPOSITIONS = {"for", "about", "of", "on", "as", "against", "at", "from", "over", "without"}
BODILY_SENSES = {"attack", "blast", "assail"}  # words, or violence (_bodily)
RETORT_VERBS = {"fire", "shoot", "hit", "strike", "jab", "snap", "lash", "punch"}
ANSWERS = {"yes", "no", "so"}
PREPOSITIONAL_VERBS = {"talk": "speech", "speak": "speech", "refer": "speech", "point": "speech",
                       "push": "stance", "focus": "stance", "vote": "stance"}
TO_VERBS = {"refer", "point", "respond", "reply"}  # 'responded to the charge'
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
# Sources that name nobody: their attribution is anonymous with a null source.
FACELESS_HEADS = {"source", "report", "rumor", "rumour"}
UNSPECIFIC = {"a", "an", "some", "several", "many", "multiple", "various", "numerous", "other", "unnamed",
              "anonymous", "unconfirmed", "local", "media", "news"}
MESSAGE_NOUNS = {"statement", "letter", "report", "memo", "tweet", "post", "message", "email", "release", "video",
                 "ad", "advertisement", "note", "op-ed", "editorial", "column", "essay", "book", "speech"}
# Unnamed people whose phrase still says who they are ('U.S. officials'): anonymous, source kept.
UNNAMED_HEADS = {"source", "official", "aide", "insider", "diplomat", "person", "people", "adviser", "advisor", "staffer",
                 "spokesman", "spokeswoman", "spokesperson", "observer", "analyst", "expert"}
# How a word at the end of a stranded subject hangs on its head ('Reid, the minority leader', 'Lazar, 44').
STRANDED_CLIMB = {"appos", "compound", "nummod", "amod", "npadvmod", "nmod"}
NOMINATIVE_PRONOUNS = {"i", "we", "you", "he", "she", "they", "who"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
DASHES = {"—", "–", "-", "--"}
FOCUS_ADVERBS = {"even", "just", "also"}
# Clauses that say more about a source than who it is: its span stops before them.
ASIDE_DEPS = {"relcl", "acl", "advcl"}
WH_RELATIVES = {"who", "whose", "whom", "which"}
REFLEXIVES = {"himself", "herself", "themselves", "itself"}
TIME_PREPOSITIONS = {"on", "during"}
SPEECH_MANNERS = {"speak", "write", "talk"}
# Line labels that name no speaker ('Update: ...', 'Watch: ...').
SECTION_LABELS = {"update", "updated", "note", "correction", "clarification", "related", "watch", "photo", "photos",
                  "video", "read", "more", "editor", "disclosure", "breaking", "live", "analysis", "opinion",
                  "exclusive", "sources", "source", "credit", "subscribe", "listen", "see", "also", "advertisement"}
# What may stand between a clause and the quotation it reports: a comma or a colon, a line break only after a colon.
ADJOINING = re.compile(r"[ \t]*,?[ \t]*|\s*:\s*")
# What may stand between a cue and the quotation its colon introduces: a few words, no sentence end.
INTRODUCED = re.compile(r"[^.!?\n“”\"]{0,60}:\s*")
QUOTE_MARK = re.compile(r"[“”\"]|''")


@dataclass(frozen=True)
class _Found:
    kind: str
    act: str
    source: SpacySpan | None
    cue: SpacySpan
    content: SpacySpan


def find_attributions(parsed: ParsedReport) -> list[Attribution]:
    doc = parsed.doc
    text = text_of(doc)
    quotations, paragraphs = Quotations(text), Paragraphs(text)
    found: list[_Found] = []
    for token in _possible_cues(doc):
        if quotations.inside(token):
            # a transcript line may open with a quotation mark it never closes ('"WALLACE: If I may ...')
            found.extend(item for item in [_label(token)] if item is not None)
            continue
        made = (_according_to(token) or _in_poll(token) or _reportedly(token) or _impression(token)
                or _regarded_as(token) or _predicate(token, quotations) or _light_verb(token, quotations)
                or _attitude(token, quotations) or _noun_cue(token) or _label(token) or _signature(token, quotations))
        if made is not None:
            found.append(_within_paragraph(made, paragraphs))
    attributions = []
    for item in sorted(_without_nested(found, paragraphs), key=lambda f: f.cue.start):
        attributions.append(Attribution(
            id=f"s{len(attributions) + 1}", kind=item.kind, source=_source_span(item.source, parsed),
            cue=_span(item.cue), content=_span(item.content), act=item.act))
    return attributions


def _possible_cues(doc: Doc) -> list[Token]:
    """The tokens at which some pattern of find_attributions can start: most words start none, and asking
    each pattern costs more than this."""
    index = index_of(doc)
    return [token for token, pos, lower, lemma in zip(index.tokens, index.pos, index.lowers, index.lemmas)
            if pos in CUE_POS or lower in CUE_WORDS or lemma in REGARDING_VERBS]


class Paragraphs:
    """The paragraphs (lines) of a text, found by character offset."""

    def __init__(self, text: str):
        self.breaks = [match.start() for match in re.finditer("\n", text)]
        self.length = len(text)

    def of(self, span: SpacySpan) -> tuple[int, int]:
        """The character span of the paragraph the span starts in."""
        after = bisect.bisect_left(self.breaks, span.start_char)
        start = self.breaks[after - 1] + 1 if after else 0
        return start, self.breaks[after] if after < len(self.breaks) else self.length


def _within_paragraph(item: _Found, paragraphs: Paragraphs) -> _Found:
    """A content stops at the paragraph of its cue: a parse that runs one paragraph into the next
    ('... he said.\\n\\nPolls show ...') does not make the next paragraph what was said."""
    start, end = paragraphs.of(item.cue)
    content = item.content
    if content.start_char >= start and content.end_char <= end:
        return item
    clipped = content.doc.char_span(max(content.start_char, start), min(content.end_char, end), alignment_mode="contract")
    if clipped is None or not len(_trim(clipped)):
        return item
    return replace(item, content=_trim(clipped))


def _without_nested(found: list[_Found], paragraphs: Paragraphs) -> list[_Found]:
    """What is said inside what someone says ('he said that she told him', 'he said she wants ...')
    is part of the outer content: PolNeAR seldom marks it (on its dev half about one in five)."""
    paragraph_of = {id(item): paragraphs.of(item.cue) for item in found}

    def nested(item: _Found) -> bool:
        cue, paragraph = item.cue.root, paragraph_of[id(item)]
        return any(other is not item and other.content.start <= cue.i < other.content.end
                   and paragraph_of[id(other)] == paragraph and not _side_by_side(item, other) for other in found)
    return [item for item in found if not nested(item)]


def _side_by_side(inner: _Found, outer: _Found) -> bool:
    """'Officials said the road was open, the mayor said': a saying that comes before the saying the
    parser hung it on is reported beside it, not inside it; PolNeAR marks both."""
    return (inner.act == outer.act == "speech" and inner.cue.start < outer.cue.start
            and inner.cue.root.dep_ in ("ccomp", "advcl"))


# --------------------------------------------------------------------------- quotations


class Quotations:
    """The quoted passages of one report (character spans, marks included)."""

    def __init__(self, text: str):
        self.text = text
        self.spans = _quoted_passages(text)
        self.starts = [start for start, _ in self.spans]

    def inside(self, token: Token) -> bool:
        at = bisect.bisect_left(self.starts, token.idx) - 1  # the last quotation opening before the token
        return at >= 0 and token.idx + len(token) < self.spans[at][1]

    def near(self, cue: Token) -> tuple[int, int] | None:
        """The quotation a bare 'he said' reports: one ending just before its clause or opening just after."""
        spoken = [c for c in cue.lefts if not c.is_punct and not self.inside(c)]  # not the quotation itself
        clause_start = min([cue.idx] + [c.left_edge.idx for c in spoken])
        clause_end = max(cue.right_edge.idx + len(cue.right_edge), cue.idx + len(cue))
        cue_end = cue.idx + len(cue)
        for start, end in self.spans:
            if end <= clause_start and clause_start - end <= 3 and "\n" not in self.text[end:clause_start]:
                return start, end
            if start >= clause_end and ADJOINING.fullmatch(self.text[clause_end:start]) \
                    and self.text[clause_end - 1] not in ".!?":
                return start, end
            if start >= cue_end and INTRODUCED.fullmatch(self.text[cue_end:start]):
                return start, end  # 'she said in a statement: “...”', 'he replied, with a smile: “...”'
        return None

    def ends_before(self, token: Token) -> bool:
        """A quotation closes just before the token ('“...,” said X')."""
        return any(0 <= token.idx - end <= 3 for _, end in self.spans)

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """A content that reaches into a quotation takes all of it ('“One. Two,” he said')."""
        for q_start, q_end in self.spans:
            if q_start < end and start < q_end:
                start, end = min(start, q_start), max(end, q_end)
        return start, end

    def holds(self, span: SpacySpan) -> bool:
        return any(start <= span.start_char and span.end_char <= end for start, end in self.spans)


def _quoted_passages(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks: “ opens and ” closes; straight marks (" and '') alternate. A quotation
    left open ends with its paragraph."""
    spans = []
    opened: int | None = None
    for mark in QUOTE_MARK.finditer(text):
        start, end = mark.span()
        if opened is not None and "\n" in text[opened:start]:
            spans.append((opened, text.index("\n", opened)))
            opened = None
        opening = mark.group() == "“" or (mark.group() != "”" and opened is None)
        if opened is None and opening:
            opened = start
        elif opened is not None and not opening:
            spans.append((opened, end))
            opened = None
    if opened is not None:
        spans.append((opened, text.find("\n", opened) if "\n" in text[opened:] else len(text)))
    return spans


# --------------------------------------------------------------------------- the patterns


def _according_to(token: Token) -> _Found | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    phrase = _subtree(token)
    sent = sentence_of(token)
    if phrase.start > sent.start + 2:
        content = sent.doc[sent.start: phrase.start]
    else:
        content = sent.doc[phrase.end: sent.end]
    content = _trim(content)
    if not len(content):
        return None
    source = _phrase(pobj)
    cue = token.doc[token.i: to.i + 1]
    if _faceless(source):
        return _Found("anonymous", "speech", None, cue, content)
    return _Found("anonymous" if _unnamed(source) else "according_to", "speech", source, cue, content)


def _in_poll(token: Token) -> _Found | None:
    """'Cruz had 38 percent in a Fox poll': the poll is the source of what its clause says."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS or verb is None or _verb_lemma(verb) in ACTS:
        return None  # 'voters in the poll said ...' is the voters' saying
    clause, phrase = _subtree(verb), _subtree(token)
    if phrase.start > clause.start:
        content = token.doc[clause.start: phrase.start]
    else:
        content = token.doc[phrase.end: clause.end]
    content = _trim(content)
    if not len(content) or not any(t.dep_ in ("nsubj", "nsubjpass") for t in content):
        return None
    return _Found("according_to", "evidence", _phrase(pobj), token.doc[token.i: token.i + 1], content)


def _reportedly(token: Token) -> _Found | None:
    """'The soldier reportedly died': someone unnamed says so."""
    if token.lower_ not in HEARSAY_ADVERBS or token.dep_ != "advmod":
        return None
    content = _trim(_subtree(token.head))
    return _Found("anonymous", "speech", None, token.doc[token.i: token.i + 1], content) if len(content) else None


def _impression(token: Token) -> _Found | None:
    """'The deal seems to be dead', 'it appears that ...': what seems so, to no one named.
    ('She appeared to imply ...' is her implying: the predicate pattern takes it.)"""
    if token.lemma_.lower() not in IMPRESSION_VERBS or token.pos_ not in ("VERB", "AUX"):
        return None
    complement = next((c for c in token.children if c.dep_ in IMPRESSION_DEPS), None)
    if complement is None or _verb_lemma(complement) in ACTS:
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    start = token.i if subject is None or subject.lower_ == "it" else subject.left_edge.i
    content = _trim(token.doc[start: complement.right_edge.i + 1])
    return _Found("anonymous", "thought", None, token.doc[token.i: token.i + 1], content) if len(content) else None


def _regarded_as(token: Token) -> _Found | None:
    """'He is widely seen as a moderate', 'a resort now known as Trump National', 'a series called
    "Quick Question"': a passive participle with what it names or sees, and no 'by' to say whose view."""
    if token.lemma_.lower() not in REGARDING_VERBS or token.tag_ != "VBN" or token.dep_ not in ("ROOT", "acl", "relcl", "conj", "ccomp"):
        return None
    if any(c.dep_ == "agent" for c in token.children) or (token.dep_ != "acl" and not _passive(token)):
        return None
    as_phrase = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > token.i), None)
    if as_phrase is not None:
        content, cue = _prepositional_object(as_phrase), token.doc[token.i: as_phrase.i + 1]
    else:
        named = next((c for c in token.children if c.dep_ in ("oprd", "attr", "dobj") and c.i > token.i), None)
        if named is None or token.lemma_.lower() not in NAMING_VERBS:
            return None
        content, cue = _trim(_subtree(named)), token.doc[token.i: token.i + 1]
    return _Found("anonymous", "thought", None, cue, content) if len(content) else None


def _predicate(token: Token, quotations: Quotations) -> _Found | None:
    """'X said that ...', '“...,” X said', 'X called for ...', 'X wants to ...'."""
    if token.pos_ != "VERB":
        return None
    lemma = _verb_lemma(token)
    act = ACTS.get(lemma) or PREPOSITIONAL_VERBS.get(lemma) or _retort(token)
    if act is None or (lemma in NAMING_VERBS and token.dep_ == "acl"):  # 'a group called Citizens for Trump'
        return None
    if lemma in BODILY_SENSES and _bodily(token):
        return None
    if _unasserted(token):
        return None
    cue_end = token.i + 1
    content = (_clause(token, with_infinitive=lemma not in CLAUSE_ONLY) or _stranded_clause(token)
               or _question(token) or _as_clause_host(token))
    if content is None and (quoted := quotations.near(token)) is not None:
        content = token.doc.char_span(*quoted, alignment_mode="expand")
    if content is None and token.dep_ == "parataxis" and lemma in ACTS:
        content = _trim(_subtree(token.head))  # 'Many of the closures, he said, have involved ...'
    if content is None and lemma in CLAUSE_ONLY:
        content = _object(token) if _as_object(token) or _by_evidence(token) else None
    elif content is None and lemma in ACTS:
        content = (None if lemma in CLAUSE_NOT_OBJECT else _object(token)) or _answer(token) or _passive_subject(token)
    if content is None and lemma not in CLAUSE_ONLY and (prep := _content_preposition(token)) is not None:
        content, cue_end = _prepositional_object(prep), prep.i + 1
    if content is None and lemma not in CLAUSE_ONLY and (mark := _for_clause_mark(token)) is not None:
        content, cue_end = _trim(token.doc[mark.i + 1: mark.head.right_edge.i + 1]), mark.i + 1
    if content is None or not len(content):
        return None
    particles = [c.i for c in token.children if c.dep_ == "prt" or (c.lower_ == "back" and c.i == token.i + 1)]
    cue = token.doc[token.i: max([cue_end, *(i + 1 for i in particles)])]
    content = token.doc.char_span(*quotations.widen(content.start_char, content.end_char),
                                  alignment_mode="expand") or content
    speaker = None if _asked(token) else _speaker(token, quotations)
    if speaker is None:
        # 'it has been reported that ...', 'he is expected to ...': no one says who
        finite_passive = _asked(token) or any(c.dep_ == "auxpass" for c in token.children)
        return _Found("anonymous", act, None, cue, content) if finite_passive and act in ("speech", "thought") else None
    if _faceless(speaker):
        return _Found("anonymous", act, None, cue, content)
    kind = "anonymous" if _unnamed(speaker) else "direct" if quotations.holds(content) else "indirect"
    return _Found(kind, act, speaker, cue, content)


def _unasserted(verb: Token) -> bool:
    """A saying only named, not made: 'a chance to say', 'criticized for supporting the war',
    'talked about endorsing him'."""
    if verb.dep_ == "acl" and verb.tag_ == "VB":
        return True
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in TOPIC_PREPOSITIONS


def _asked(verb: Token) -> bool:
    """'Asked about the deal, he said ...': whoever asked is not named."""
    return verb.lemma_ == "ask" and verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def _bodily(verb: Token) -> bool:
    """'Gunmen attacked a village', 'the town was assailed by troops': armed doers, or people or places
    attacked, and no words at all."""
    cues = event_cues()
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    targets = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    hit = cues["armed"] | cues["place_object"] | cues["civilian"]
    return any(d.lemma_.lower() in cues["armed"] for d in doers) or any(
        t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in hit for t in targets)


def _retort(token: Token) -> str | None:
    """'Trump fired back', 'she shot back at ...': a verb of hitting with 'back' is a reply."""
    back = any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in token.children)
    return "speech" if back and token.lemma_.lower() in RETORT_VERBS else None


def _answer(verb: Token) -> SpacySpan | None:
    """'72 percent said yes', 'half said so'."""
    reply = next((c for c in verb.children if c.lower_ in ANSWERS and c.i > verb.i and c.dep_ in ("intj", "advmod", "dobj")), None)
    return verb.doc[reply.i: reply.i + 1] if reply is not None else None


def _passive_subject(verb: Token) -> SpacySpan | None:
    """'Sanders is viewed favorably by Republicans': what is viewed is the content."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return _trim(_subtree(subject)) if subject is not None and subject.tag_ not in ("WDT", "WP") else None


def _verb_lemma(token: Token) -> str:
    """The lemma, mended where the lemmatizer drops a final 'e' ('hop' for 'hoping')."""
    lemma = token.lemma_.lower()
    if lemma in PHRASAL_HEADS:
        phrasal = next((f"{lemma} {c.lower_}" for c in token.children if c.dep_ in ("prt", "dobj")
                        and f"{lemma} {c.lower_}" in PHRASAL_SPEECH), None)
        if phrasal is not None:
            return phrasal
    known = lemma in ACTS or lemma in PREPOSITIONAL_VERBS
    if not known and (lemma + "e" in ACTS or lemma + "e" in PREPOSITIONAL_VERBS):
        return lemma + "e"
    return lemma


def _light_verb(token: Token, quotations: Quotations) -> _Found | None:
    """'She made it clear that ...', 'he made the case for ...', 'Trump made statements on ...':
    a verb that says nothing itself, with a noun (or 'clear') that says what was done."""
    if token.lemma_.lower() not in LIGHT_VERBS or token.pos_ != "VERB":
        return None
    said = next((c for c in token.children if (c.dep_ in ("dobj", "ccomp", "oprd", "acomp") and c.lower_ == "clear")
                 or (c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS)), None)
    if said is None:
        return None
    content = next((_trim(_subtree(c)) for c in said.children if c.dep_ in ("acl", "ccomp", "advcl", "csubj")
                    and c.i > said.i), None)
    if content is None:
        prep = next((c for c in [*said.children, *token.rights] if c.dep_ == "prep"
                     and c.lower_ in CONTENT_PREPOSITIONS | {"against", "at", "with"} and c.i > said.i), None)
        content = _prepositional_object(prep) if prep is not None else _clause(token)
    if content is None or not len(content) or _unasserted(token):
        return None
    speaker = _speaker(token, quotations)
    if speaker is None:
        return None
    cue = token.doc[token.i: said.i + 1]
    return _Found("anonymous" if _unnamed(speaker) else "indirect", "speech", speaker, cue, content)


def _attitude(token: Token, quotations: Quotations) -> _Found | None:
    """'She is confident that ...', 'he was critical of the deal': the subject of 'be' holds the attitude."""
    act = ATTITUDE_ADJECTIVES.get(token.lower_)
    if act is None or token.pos_ != "ADJ" or token.dep_ != "acomp" or token.head.pos_ not in ("AUX", "VERB"):
        return None
    content = _clause(token)
    if content is None:
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "to", "with", "on")), None)
        content = _prepositional_object(prep) if prep is not None else None
    if content is None or not len(content):
        return None
    speaker = _speaker(token.head, quotations)
    if speaker is None:
        return None
    copula = token.head
    cue = token.doc[min(copula.i, token.i): max(copula.i, token.i) + 1]
    return _Found("anonymous" if _unnamed(speaker) else "indirect", act, speaker, cue, content)


def _noun_cue(token: Token) -> _Found | None:
    """'his call to ban ...', 'Clinton's support for the bill', 'the senator's claim that ...'."""
    act = NOUN_CUES.get(token.lemma_.lower())
    if token.pos_ != "NOUN":
        return None
    if act is None:
        return _endorsement_won(token)
    owner = next((c for c in token.children if c.dep_ == "poss"), None) or _agent(token)
    if owner is None:
        return _endorsement_won(token)
    complement = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")), None)
    if complement is not None:
        content = _trim(_subtree(complement))
    else:
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPOSITIONS), None)
        content = _prepositional_object(prep) if prep is not None and prep.i > token.i else None
    if content is None or not len(content):
        return None
    source = _phrase(owner)
    kind = "anonymous" if _unnamed(source) else "indirect"
    return _Found(kind, act, source, token.doc[token.i: token.i + 1], content)


def _endorsement_won(noun: Token) -> _Found | None:
    """'Cruz won the endorsement of Bob Vander Plaats': the endorser backs the one who won it."""
    verb = noun.head
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in BACKING_NOUNS or verb.lemma_.lower() not in WINNING_VERBS:
        return None
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    endorser = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    endorsed = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if endorser is None or endorsed is None:
        return None
    return _Found("indirect", "stance", _phrase(endorser), noun.doc[noun.i: noun.i + 1], _phrase(endorsed))


def _agent(noun: Token) -> Token | None:
    """'criticism from Democrats', 'the claim by the agency that ...': who made it, after the noun."""
    by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _label(token: Token) -> _Found | None:
    """A line that opens with a name and a colon: 'TAPPER: Do you think...', 'Marco Rubio: I'm not ...'."""
    if token.text not in (":", "\u2015"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text and token.i - start < 6:
        start -= 1
    name = _trim(doc[start: token.i])
    if not len(name) or (start > 0 and "\n" not in doc[start - 1].text):
        return None
    if not _names_someone(name):
        return None
    content = _rest_of_line(doc, token.i + 1)
    if not len(content):  # 'JAKE TAPPER:' on a line of its own, what he says on the next
        content = _rest_of_line(doc, _next_line(doc, token.i + 1))
    if not any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    return _Found("indirect", "speech", name, doc[token.i: token.i + 1], content)


def _next_line(doc, start: int) -> int:
    while start < len(doc) and (doc[start].is_space or "\n" in doc[start].text or doc[start].is_punct):
        start += 1
    return start


def _rest_of_line(doc, start: int) -> SpacySpan:
    end = start
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    return _trim(doc[start: end])


def _signature(token: Token, quotations: Quotations) -> _Found | None:
    """'“Maybe we can build a wall.” ― Steve Quinlan': a quotation signed with a bar and a name."""
    if token.text not in ("\u2015", "\u2014") or not quotations.ends_before(token):
        return None
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and end - token.i <= 4 and doc[end].pos_ == "PROPN" and not quotations.inside(doc[end]):
        end += 1
    name = doc[token.i + 1: end]
    if not len(name) or not any(t.ent_type_ in ("PERSON", "ORG") for t in name):
        return None
    quoted = next(span for span in quotations.spans if 0 <= token.idx - span[1] <= 3)
    content = doc.char_span(*quoted, alignment_mode="expand")
    return _Found("direct", "speech", name, doc[token.i: token.i + 1], content) if content is not None else None


def _names_someone(name: SpacySpan) -> bool:
    """'Marco Rubio', 'TAPPER', 'Gingrich', 'Poll': a person, an organisation or a poll, not 'Q',
    'Twitter' or 'South Carolina'."""
    if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "PRODUCT") for t in name):
        return False
    if len(name) == 1 and name[0].lemma_.lower() in POLL_NOUNS | MESSAGE_NOUNS | {"newspaper", "study"}:
        return True
    if len(name) == 1 and name[0].is_upper and name[0].is_alpha:
        return len(name[0]) >= 3
    if name[0].lower_ in SECTION_LABELS:
        return False
    proper = all(t.pos_ == "PROPN" or t.is_punct or (t.pos_ == "NOUN" and t.is_title) for t in name)
    return proper and (len(name) <= 3 or any(t.ent_type_ in ("PERSON", "ORG") for t in name))


def _clause(verb: Token, with_infinitive: bool = True) -> SpacySpan | None:
    deps = CLAUSE_DEPS if with_infinitive else CLAUSE_DEPS - {"xcomp"}
    clause = next((c for c in verb.children if c.dep_ in deps and not _reporting_aside(c)), None)
    if clause is None:
        return None
    return _trim(_subtree(clause))


def _reporting_aside(clause: Token) -> bool:
    """'Recently, he said, he has realized ...': the 'he said' set in the clause reports it; it is
    not what 'realized' attributes."""
    return clause.dep_ == "parataxis" and _verb_lemma(clause) in ACTS and any(c.dep_ == "nsubj" for c in clause.children)


def _question(verb: Token) -> SpacySpan | None:
    """'Asked if he was ever bullied, ...': the if-clause is what was asked."""
    if verb.lemma_ not in ("ask", "wonder"):
        return None
    clause = next((c for c in verb.children if c.dep_ == "advcl"
                   and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)), None)
    return _trim(_subtree(clause)) if clause is not None else None


def _as_clause_host(verb: Token) -> SpacySpan | None:
    """'As Politico reported, the party agreed ...': the clause the as-clause hangs on."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    host, aside = _subtree(verb.head), _subtree(verb)
    if aside.start > host.start:
        return _trim(verb.doc[host.start: aside.start])
    return _trim(verb.doc[aside.end: host.end])


def _as_object(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)


def _by_evidence(verb: Token) -> bool:
    """'A survey found Clinton with a lead': what a poll or study finds or shows is attributed to it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in EVIDENCE_HEADS


def _stranded_clause(verb: Token) -> SpacySpan | None:
    """'She insisted in an interview that ...': a that-clause the parser hung on the noun between."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        for clause in prep.subtree:
            mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
            if clause.dep_ in ("relcl", "acl", "ccomp") and mark is not None and mark.i == clause.left_edge.i:
                return _trim(_subtree(clause))
    return None


def _object(verb: Token) -> SpacySpan | None:
    """The object with its predicate: 'called him a liar', 'sees Russia as a threat'."""
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ == "as")]
    if not any(o.dep_ != "prep" for o in objects):
        return None
    if not objects:
        return None
    return _trim(verb.doc[min(o.left_edge.i for o in objects): max(o.right_edge.i for o in objects) + 1])


def _content_preposition(verb: Token) -> Token | None:
    allowed = CONTENT_PREPOSITIONS if verb.lemma_ in TO_VERBS else CONTENT_PREPOSITIONS - {"to"}
    return next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in allowed and c.i > verb.i
                 and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME") for g in c.children)),
                None)


def _for_clause_mark(verb: Token) -> Token | None:
    """The 'for' of 'called for the wage to be raised', which the parser makes the mark of a clause."""
    return next((m for c in verb.rights if c.dep_ == "advcl" for m in c.children
                 if m.dep_ == "mark" and m.lower_ == "for" and m.i > verb.i and m.i == c.left_edge.i), None)


def _prepositional_object(prep: Token) -> SpacySpan:
    return _trim(prep.doc[prep.i + 1: prep.right_edge.i + 1])


def _speaker(verb: Token, quotations: Quotations) -> SpacySpan | None:
    """Who the predicate belongs to: its subject, the 'by' of a passive, or the subject it shares
    ('X said ... and added', 'X said ..., adding', 'X defended it by saying', 'X, speaking to
    reporters, ...', 'X urged Y to say', 'X is reported to have said')."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # a quotation parsed as a second subject ('“...,” said X') is what X said, not X
    subject = next((c for c in subjects if not quotations.inside(c)), subjects[0] if subjects else None)
    if subject is not None:
        return _phrase(subject)
    if (inverted := _inverted_subject(verb, quotations)) is not None:
        return _phrase(inverted)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return _phrase(pobj) if pobj is not None else None
    if _passive(verb):
        return None
    head = verb.head
    if head.i == verb.i:
        return _stranded_subject(verb)
    if verb.dep_ == "xcomp":
        controller = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if controller is not None:
            return _phrase(controller)
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # 'readers were quick to condemn it'
    if verb.dep_ in ("conj", "advcl", "xcomp") and head.pos_ in ("VERB", "AUX"):
        shared = _speaker(head, quotations)
        if verb.dep_ == "xcomp" and shared is not None and shared.root.lower_ in ("it", "this"):
            return None  # 'it is hard to say': no one says
        return shared

    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return _speaker(head.head, quotations)
    if verb.dep_ == "acl" and head.pos_ in ("PROPN", "NOUN", "PRON"):
        if head.lemma_.lower() in MESSAGE_NOUNS and head.dep_ == "dobj":
            return _speaker(head.head, quotations)  # 'X released a statement saying ...'
        return _trim(verb.doc[head.left_edge.i: max(verb.left_edge.i, head.i + 1)])  # 'a family of PACs backing X'
    return None


def _stranded_subject(verb: Token) -> SpacySpan | None:
    """'Alarmed by the unrest, Sen. Harry Reid, the minority leader, said ...': the parser hung the
    speaker on the phrase before it and left the verb without a subject. The noun phrase that ends
    just before a finite verb is its subject (not a fronted 'In the past,' nor 'there')."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" for c in verb.children):
        return None
    i = verb.i - 1
    sentence_start = sentence_of(verb).start
    while i >= sentence_start and doc[i].head.i == verb.i and doc[i].dep_ in ("advmod", "aux", "neg"):
        i -= 1
    end = i + 1
    if i >= sentence_start and (doc[i].text == "," or doc[i].text in DASHES):
        i -= 1
    if i < sentence_start:
        return None
    token = doc[i]
    aside = next((a for a in token.ancestors if a.dep_ in ASIDE_DEPS and a.head.pos_ in ("NOUN", "PROPN")
                  and a.head.i < a.i and doc[a.left_edge.i - 1].text == ","), None)
    if aside is not None:  # 'Grassley, facing a spirited challenge, said': the aside is left out
        token, end = aside.head, aside.left_edge.i - 1
    while token.head.i < token.i:
        if token.dep_ in STRANDED_CLIMB and token.pos_ != "PROPN":
            token = token.head  # 'Reid, the minority leader', 'Lazar, 44'
        elif token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and token.head.head.i < token.i:
            token = token.head.head  # 'voters in Virginia'
        else:
            break
    if token.dep_ in OBJECT_DEPS | {"pobj"} or token.ent_type_ in ("DATE", "TIME") or not _can_be_subject(token):
        return None
    return _trim(doc[token.left_edge.i: end])


def _can_be_subject(token: Token) -> bool:
    if token.pos_ == "PRON":
        return token.lower_ in NOMINATIVE_PRONOUNS
    return token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "NUM" and token.dep_ != "nummod")


def _inverted_subject(verb: Token, quotations: Quotations) -> Token | None:
    """'“...,” added another Democrat': after a quotation the parser may take the speaker that
    follows the verb for its object."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or not quotations.ends_before(verb):
        return None
    return next((c for c in verb.rights if c.dep_ in ("dobj", "npadvmod", "attr", "dep")
                 and c.pos_ in ("PROPN", "NOUN")), None)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _faceless(source: SpacySpan) -> bool:
    """'Sources', 'reports', 'some sources': no one named. ('The source' refers back to someone
    introduced before, 'reports from the NIS' names the NIS.)"""
    head = source.root
    if head.lemma_.lower() not in FACELESS_HEADS:
        return False
    return all(t.i == head.i or (t.pos_ in ("DET", "NUM", "ADJ") and t.lower_ in UNSPECIFIC) for t in source)


def _unnamed(source: SpacySpan) -> bool:
    return source.root.lemma_.lower() in UNNAMED_HEADS and not any(t.pos_ == "PROPN" for t in source)


# --------------------------------------------------------------------------- spans and actors


def _subtree(token: Token) -> SpacySpan:
    return token.doc[token.left_edge.i: token.right_edge.i + 1]


def _phrase(token: Token) -> SpacySpan:
    """The token's subtree, within its own line ('7 p.m.\\n\\nDonald Trump says' -> 'Donald Trump'),
    after any dateline ('WASHINGTON — Sen. Chuck Grassley'), without a clause set off by a comma
    ('Obama, who has denounced the attack,' -> 'Obama') or a leading 'even'."""
    doc = token.doc
    start, end = token.left_edge.i, min(_before_aside(token), _before_trailer(token))
    dash = next((i for i in range(start, token.i) if doc[i].text in DASHES and doc[i - 1].whitespace_), None)
    if dash is not None and doc[start].is_upper and len(doc[start]) > 2:
        start = dash + 1
    while start < token.i and doc[start].lower_ in FOCUS_ADVERBS:
        start += 1
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    for i in range(token.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    return doc[start:end]


def _before_aside(token: Token) -> int:
    """Where the phrase ends: before the first clause after the head that a comma or dash sets
    off, when the phrase stands before its predicate ('Small, who attended the rally, said');
    after it the clause stays ('said Small, who attended the rally'), and so does a relative
    clause that introduces someone named for the first time ('Jane Roe, who runs the shelter,
    said'): it tells the reader who the source is."""
    doc = token.doc
    end = token.right_edge.i + 1
    if token.head.i < token.i:
        return end
    for inner in doc[token.i + 1: end]:
        before = doc[inner.left_edge.i - 1]
        if inner.dep_ in ASIDE_DEPS and inner.left_edge.i > token.i and (before.text == "," or before.text in DASHES):
            if not _introducing(inner, token):
                end = min(end, before.i)
    return end


def _before_trailer(token: Token) -> int:
    """Where the phrase ends: before what follows the head but says when or how it spoke rather
    than who it is ('Trump on Tuesday', 'Obama himself', 'Smith, speaking to reporters')."""
    end = token.right_edge.i + 1
    for child in token.rights:
        if _trailer(child):
            return child.left_edge.i
    return end


def _trailer(child: Token) -> bool:
    set_off = child.doc[child.left_edge.i - 1].text == ","
    if child.i == child.right_edge.i and (child.lower_ in ("both", "all") or child.lower_ in REFLEXIVES and set_off):
        return True  # 'Smith and Jones both said', 'Tester, himself up for reelection, said'
    if child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS:
        when = [t for t in child.subtree if t.i != child.i and t.pos_ not in ("DET", "PUNCT")]
        return bool(when) and all(t.ent_type_ in ("DATE", "TIME") for t in when)
    return child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_ in SPEECH_MANNERS and set_off


def _introducing(clause: Token, head: Token) -> bool:
    """A 'who'/'which' clause on a head that the text has not named before."""
    if clause.dep_ != "relcl" or clause.left_edge.lower_ not in WH_RELATIVES:
        return False
    return text_of(head.doc).find(head.text, 0, head.idx) < 0


def _trim(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _span(span: SpacySpan) -> Span:
    return Span(text=span_text(span), start=span.start_char, end=span.end_char)


def _source_span(span: SpacySpan | None, parsed: ParsedReport) -> SourceSpan | None:
    if span is None:
        return None
    span = _trim(span)
    if not len(span):
        return None
    return SourceSpan(text=span_text(span), start=span.start_char, end=span.end_char,
                      actor=_actor_for(span, parsed.reading.actors))


def _actor_for(span: SpacySpan, actors: list[Actor]) -> str | None:
    """The actor the source names: the one at its head, else the one a 'reports from' or a
    possessive names, else the first inside; a personal pronoun or 'who' stands for the person
    named last before it."""
    root = span.root
    if root.lower_ in PERSONAL_PRONOUNS:
        return _last_person(root, actors)
    if root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
        root = root.head.head
    at_root = next((a for a in actors if a.start <= root.idx < a.end), None)
    if at_root is not None:
        return at_root.id
    inside = [a for a in actors if span.start_char <= a.start and a.end <= span.end_char]
    return inside[0].id if inside else None


def _last_person(pronoun: Token, actors: list[Actor]) -> str | None:
    doc = pronoun.doc
    for actor in reversed(actors):
        if actor.end > pronoun.idx or actor.kind != "person":
            continue
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None and any(t.pos_ == "PROPN" for t in span):
            return actor.id
    return None
