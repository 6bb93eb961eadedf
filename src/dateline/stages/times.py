"""Times: temporal expressions with TIMEX3 type and value, anchored to publication or the text.

Spans come from the parser's DATE/TIME entities (split where it joined two expressions, joined where
it split a clock time from its day, ages and bare numbers dropped) and from patterns for what it
misses ("now", "recently", "daily", "Sept. 30"). Values come from `timex.normalise`, read against
the publication date, else the report's dateline or its latest absolute date.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import Time
from ..parse_index import ents_of, sentence_of, span_text, text_between, text_of
from ..parsed import ParsedReport
from ..text_search import finditer_ignoring_case
from ..timex import ANCHOR, MONTHS, SPOKEN_YEAR, Context, Timex, normalise

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_DAY = rf"(?:{MONTH_NAMES})\.? \d{{1,2}}(?:st|nd|rd|th)?"  # 'Sept. 30', 'May 5th'
TEMPORAL = re.compile(
    rf"\b(?:{MONTH_NAMES})\b\.?|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b1\d{{3}}s?\b|\b20\d\d\b|'\d0s\b|"
    r"\b(?:seconds?|minutes?|hours?|hourly|days?|daily|nights?|nightly|weeks?|weekly|weekends?|fortnights?|months?|"
    r"monthly|quarters?|quarterly|years?|yearly|annual|annually|decades?|centur(?:y|ies)|spring|summer|fall|autumn|"
    r"winter|morning|afternoon|evening|tonight|overnight|noon|midday|midnight|today|yesterday|tomorrow|now|"
    r"currently|current|recent|recently|future|past|soon|earlier|previously|once|period|time|nineteen|"
    r"thanksgiving|christmas|new year's|easter|election day|independence day|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ties)\b|\d\s?(?:a\.?m\b|p\.?m\b)|\b\d{1,2}:\d\d\b", re.I)
AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[\s-]+old\b|\baged?\b|^\d{1,3}$|\byear-olds?\b", re.I)
EXTRA_EXPRESSIONS = re.compile(
    r"\b(?:right now|now|currently|recently|more recently|the future|the near future|the past|daily|every day|"
    r"each day|every week|each week|every month|each month|every year|each year|every quarter|weekly|hourly|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow|tonight|"
    r"(?:fiscal )?(?:first|second|third|fourth)[- ]quarter|the (?:latest|comparable|year-ago|year-earlier) period|"
    rf"{SPOKEN_YEAR.pattern}|{MONTH_DAY}(?:, \d{{4}})?|"
    r"(?:(?:last|this|next) )?(?:thanksgiving|christmas|new year's|easter|election|independence)"
    r"(?: day| eve| sunday)?)\b",
    re.I)  # written in lower case, for finditer_ignoring_case
# 'Sept. 30, 2024': of all EXTRA_EXPRESSIONS finds, the only kind that reads as a whole date without an anchor,
# which is what _anchor looks for (written in lower case); YEAR_AFTER_COMMA, found fast, is in every one
WRITTEN_FULL_DATE = re.compile(rf"\b{MONTH_DAY}, \d{{4}}\b", re.I)
YEAR_AFTER_COMMA = re.compile(r", \d{4}\b")
# "$33 million a year", "three times a day": the rate, which the parser does not mark (in lower case, as above)
RATE = re.compile(r"(?:\d|million|billion|percent|times|cents?|dollars?)\s+(a (?:year|day|week|month))\b", re.I)
# adjectives the parser marks as dates but TimeML does not ("quarterly dividend", "annual meeting")
NOT_EXPRESSIONS = {"quarterly", "annual", "annually", "previously", "soon"}
DATELINE = re.compile(rf"^\s*[A-Z][A-Za-z .'-]+,?\s+(?:\([^)]*\)\s+)?((?:{MONTH_NAMES})\.? \d{{1,2}}(?:, \d{{4}})?)",
                      re.I)
LOOKS_BACK = re.compile(r"\b(?:ago|earlier|last|previous|prior|before)\b", re.I)
SPLIT_WORDS = {"and", "or", ";", "to", "through", "until", "till", "ended", "ending", "ends", "thru"}
# words the parser leaves out of an expression they belong to ("This year's": 'year')
LEFT_MODIFIERS = {"this", "last", "next", "that", "early", "late", "earlier", "later", "mid", "each", "every"}
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
PAST_AUX = {"was", "were", "had", "did", "'d"}
PRESENT_PROGRESSIVE_AUX = {"is", "are", "am", "'s", "'re"}
# "scheduled to meet Monday", "planned to leave Thursday": what these lead to lies ahead
FUTURE_ORIENTED = {"set", "schedule", "due", "expect", "plan", "intend", "hope", "aim", "prepare", "promise", "vow",
                   "threaten", "want", "seek", "likely", "go", "about", "poise", "ready"}
PRESENT_AUX = PRESENT_PROGRESSIVE_AUX | {"has", "have", "do", "does"}


def find_times(parsed: ParsedReport) -> list[Time]:
    doc = parsed.doc
    anchor_date, anchor_name = _anchor(parsed)
    times: list[Time] = []
    quarter = reference = None
    for span in _expression_spans(doc):
        text = span_text(span)
        context = Context(anchor=anchor_date, tense=_tense(span), quarter=quarter, after_quantity=_after_quantity(span),
                          reference=reference)
        found = normalise(text, context)
        if found.type == "DATE" and _names_a_period_length(span):
            found = Timex("DURATION", "P1Y")
        if found.value and re.fullmatch(r"\d{4}-Q\d", found.value) and not LOOKS_BACK.search(text):
            quarter = found.value
        if found.type in ("DATE", "TIME") and found.value and found.value[:4].isdigit():
            reference = found.value
        times.append(Time(id=f"t{len(times) + 1}", text=text, start=span.start_char, end=span.end_char,
                          type=found.type, value=found.value, anchor=_anchor_of(found, anchor_name), mod=found.mod))
    return times


def _names_a_period_length(span: SpacySpan) -> bool:
    """'the year ended Sept. 30', 'the fiscal year ending June 30': a twelve-month period, not a calendar year."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and following.lower_ in ("ended", "ending") \
        and bool(re.fullmatch(r"(?:the |a )?(?:fiscal |financial )?year", span.text, re.I))


def _anchor_of(found: Timex, anchor_name: str | None) -> str | None:
    if found.value is None:
        return None
    return anchor_name if found.resolved_against == ANCHOR else "absolute"


def _anchor(parsed: ParsedReport) -> tuple[dt.date | None, str | None]:
    """The publication date; else the report's dateline ('KYIV, Dec 27') or the latest date it names."""
    published = parsed.report.published
    if published:
        try:
            return dt.date.fromisoformat(published[:10]), "published"
        except ValueError:
            pass
    text = parsed.text
    written = finditer_ignoring_case(WRITTEN_FULL_DATE, text) if YEAR_AFTER_COMMA.search(text) else ()
    dates = [normalise(text[match.start():match.end()], Context()).value for match in written]
    dates += [normalise(ent.text, Context()).value for ent in ents_of(parsed.doc) if ent.label_ == "DATE"]
    full_dates = sorted(v for v in dates if v and re.fullmatch(r"\d{4}-\d\d-\d\d", v))
    dateline = DATELINE.match(parsed.text)
    if dateline:
        context = Context(anchor=dt.date.fromisoformat(full_dates[-1]) if full_dates else None)
        value = normalise(dateline.group(1), context).value
        if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return dt.date.fromisoformat(value), "absolute"
    if full_dates:
        return dt.date.fromisoformat(full_dates[-1]), "absolute"
    return None, None


def _expression_spans(doc: Doc) -> list[SpacySpan]:
    """Temporal expressions in text order, without overlaps."""
    spans = []
    for ent in _joined_clock_times(doc):
        spans.extend(part for part in _split_conjoined(ent) if _is_temporal(part))
    taken = [(s.start_char, s.end_char) for s in spans]
    text = text_of(doc)
    matches = [match.span() for match in finditer_ignoring_case(EXTRA_EXPRESSIONS, text)]
    matches += [m.span(1) for m in finditer_ignoring_case(RATE, text)]
    for start_char, end_char in sorted(matches):
        if any(start < end_char and start_char < end for start, end in taken):
            continue
        span = doc.char_span(start_char, end_char, alignment_mode="contract")
        if span is not None and len(span) and _is_temporal(span):
            spans.append(span)
            taken.append((span.start_char, span.end_char))
    return sorted(spans, key=lambda s: s.start_char)


def _joined_clock_times(doc: Doc) -> list[SpacySpan]:
    """'4 a.m. EDT' + 'Thursday', '8 p.m.' + 'on Thursday' as the parser split them become one expression."""
    ents = [e for e in ents_of(doc) if e.label_ in ("DATE", "TIME")]
    joined: list[SpacySpan] = []
    for ent in ents:
        # the gap is cut from the text only for a clock time: joining its tokens walks the whole report
        if joined and (joined[-1].label_ == "TIME" or ent.label_ == "TIME") and joined[-1].end <= ent.start \
                and re.fullmatch(r"[\s,]*(?:on|of)?\s*", text_between(doc, joined[-1].end, ent.start)):
            joined[-1] = SpacySpan(doc, joined[-1].start, ent.end, label="TIME")
        else:
            joined.append(ent)
    return joined


def _split_conjoined(span: SpacySpan) -> list[SpacySpan]:
    """'Nov. 9 and now Sept. 30' -> 'Nov. 9', 'now Sept. 30'; 'two to three weeks' stays whole."""
    parts, start = [], span.start
    for token in span:
        if token.lower_ in SPLIT_WORDS and token.i > start:
            left = span.doc[start: token.i]
            if _is_temporal(left) and _is_temporal(span.doc[token.i + 1: span.end]) \
                    and not re.search(r"\b(half|a)$", left.text.lower()):
                parts.append(left)
                start = token.i + 1
    parts.append(span.doc[start: span.end])
    return [_extend_left(_trim(part)) for part in parts if len(part)]


def _extend_left(span: SpacySpan) -> SpacySpan:
    start = span.start
    while start > 0 and span.doc[start - 1].lower_ in LEFT_MODIFIERS and start > sentence_of(span).start:
        start -= 1
    return span.doc[start: span.end]


def _trim(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while end - start > 1 and span.doc[end - 1].is_punct:
        end -= 1
    while end - start > 1 and (span.doc[start].is_punct or span.doc[start].lower_ in ("now",)):
        start += 1
    return span.doc[start:end]


def _is_temporal(span: SpacySpan) -> bool:
    text = span.text
    return bool(TEMPORAL.search(text)) and not AGE.search(text) and text.lower() not in NOT_EXPRESSIONS


def _tense(span: SpacySpan) -> str:
    """past | present | future, from the verb the expression hangs from."""
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    if token.tag_ == "VB" and "to" in auxiliaries and token.head is not token:
        head = token.head
        past_perfect = any(child.lower_ in ("had", "'d") for child in head.children)
        if not past_perfect and (head.lemma_.lower() in FUTURE_ORIENTED or _tense_of_verb(head) != "past"):
            return "future"
        return "past"
    if _follows(span, ("as early as", "as soon as")):
        return "future"
    return _tense_of_verb(token)


def _follows(span: SpacySpan, phrases: tuple[str, ...]) -> bool:
    before = span.doc[max(0, span.start - 6): span.start].text.lower().rstrip()
    return before.endswith(phrases)


def _tense_of_verb(token: Token) -> str:
    if token.pos_ not in ("VERB", "AUX"):
        return "past"
    auxiliaries = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    if auxiliaries & FUTURE_AUX or token.lower_ in FUTURE_AUX:
        return "future"
    if token.tag_ == "VBG" and auxiliaries & PRESENT_PROGRESSIVE_AUX:
        return "future"
    if token.tag_ == "VBD" or auxiliaries & PAST_AUX:
        return "past"
    if token.tag_ in ("VBZ", "VBP") or auxiliaries & PRESENT_AUX:
        return "present"
    return "past"


def _after_quantity(span: SpacySpan) -> bool:
    """'$33 million a year', 'interviews a day': the expression is a rate."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.like_num or before.tag_ in ("CD", "$", "NNS") or before.lower_ in ("%", "percent")
