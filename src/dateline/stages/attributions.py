"""Attributions: who said or reported what ('X said that...', 'according to X', 'sources indicate')."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import Actor, Attribution, SourceSpan, Span
from ..parsed import ParsedReport

REPORTING_VERBS = {
    "say", "state", "tell", "claim", "report", "announce", "confirm", "reveal", "estimate", "indicate", "add",
    "note", "warn", "insist", "deny", "acknowledge", "admit", "allege", "suggest", "write", "believe",
    "assert", "declare", "disclose", "explain", "argue", "maintain", "stress", "show", "accuse", "predict",
    "tweet", "post", "testify", "contend", "speculate", "signal", "suspect", "think", "fear", "hope",
}
REPORTING_NOUNS = {"estimate", "figure", "report", "statement", "tally", "count", "data", "assessment", "account"}
ANONYMOUS_HEADS = {"source", "it", "report", "official", "reports", "sources"}
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def find_attributions(parsed: ParsedReport) -> list[Attribution]:
    doc = parsed.doc
    found: list[Attribution] = []
    for sent in doc.sents:
        for token in sent:
            made = _according_to(token, sent) or _reporting_verb(token, sent) or _reporting_noun(token, sent)
            if made is not None:
                kind, source, cue, content = made
                found.append(Attribution(id=f"s{len(found) + 1}", kind=kind, source=_source(source, parsed),
                                         cue=_span(cue), content=_span(content)))
    return found


def _span(span: SpacySpan | None) -> Span | None:
    return None if span is None else Span(text=span.text, start=span.start_char, end=span.end_char)


def _source(span: SpacySpan | None, parsed: ParsedReport) -> SourceSpan | None:
    if span is None:
        return None
    span = _with_apposition(_without_case(span))
    return SourceSpan(text=span.text, start=span.start_char, end=span.end_char,
                      actor=_actor_for(span, parsed.reading.actors))


def _actor_for(span: SpacySpan, actors: list[Actor]) -> str | None:
    """The actor mention inside the source span, the one nearest its head preferred."""
    head = span.root.idx
    inside = [a for a in actors if a.start < span.end_char and span.start_char < a.end]
    if not inside:
        return None
    return min(inside, key=lambda a: (not (a.start <= head < a.end), a.end - a.start < 2, -(a.end - a.start))).id


def _without_case(span: SpacySpan) -> SpacySpan:
    """'The South Korean military's' -> 'The South Korean military'."""
    return span[:-1] if len(span) > 1 and span[-1].dep_ == "case" else span


def _with_apposition(span: SpacySpan) -> SpacySpan:
    """'the intelligence agency, the National Intelligence Service (NIS)': keep the name that follows."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return span
    name = next((e for e in doc.ents if e.start in (span.end + 1, span.end + 2) and e.label_ in ("ORG", "PERSON")), None)
    if name is None:
        return span
    end = name.end
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        end += 3
    return doc[span.start: end]


def _subtree(token: Token) -> SpacySpan:
    return token.doc[token.left_edge.i: token.right_edge.i + 1]


def _according_to(token: Token, sent: SpacySpan):
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    phrase = _subtree(token)
    content = sent[: phrase.start - sent.start] if phrase.start > sent.start + 2 else sent[phrase.end - sent.start:]
    content = _trim(content)
    if not len(content):
        return None
    return "according_to", _subtree(pobj), token.doc[token.i: to.i + 1], content


def _reporting_verb(token: Token, sent: SpacySpan):
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORTING_VERBS:
        return None
    clause = next((c for c in token.children if c.dep_ in CLAUSE_DEPS), None)
    if clause is None:
        return None
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    content = _trim(_subtree(clause))
    if subject is None:
        return None
    source = _named_source(subject)
    if source is None:
        return "anonymous", None, token.doc[token.i: token.i + 1], content
    return "indirect", source, token.doc[token.i: token.i + 1], content


def _named_source(subject: Token) -> SpacySpan | None:
    """The speaker in a subject: 'Reports from the NIS' -> 'the NIS'; 'Sources' and 'it' -> None."""
    if subject.lemma_.lower() in ANONYMOUS_HEADS:
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return _subtree(pobj)
        if not any(c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ") for c in subject.children):
            return None
    return _subtree(subject)


def _reporting_noun(token: Token, sent: SpacySpan):
    """"The South Korean military's estimates ... indicating about 1,000": source is the possessor."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in REPORTING_NOUNS:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    content = _trim(token.doc[token.i + 1: sent.end])
    if not len(content):
        return None
    return "indirect", _subtree(owner), token.doc[token.i: token.i + 1], content


def _trim(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].lower_ in ("that", ",")):
        start += 1
    while end > start and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]
