"""From reports to `dateline/1` documents: one spaCy parse per report, then the stages in order."""
from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import itertools
import json
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from . import nlp
from .errors import ReportError
from .limits import DEFAULT_MAX_SECONDS, TimeLimitExceeded, call_within
from .model import DocumentInfo, Reading, Report, to_json
from .parsed import ParsedReport
from .relevance import Relevance, passages_only, relevance
from .stages import STAGES
from .validate import DEFAULT_MAX_CHARS, check_text

BATCH_SIZE = 32
PARSE_GROUP_WORDS = 8_000  # each of several processes parsing on one machine (see _groups)
SOLO_PARSE_GROUP_WORDS = 16_000  # the one process parsing: twice the memory, 1.5-2% less parse time
WARM_UP = "Police said two people were killed in a bombing in Kabul on Monday, the ministry said."
# A parse and its stages allocate hundreds of thousands of objects, nearly all freed by reference counting. At
# the collector's default threshold (700 allocations) it ran about once a report, for 0.65 ms of its 80 on news.
COLLECT_EVERY = 50_000


def report_id(report: Report) -> str:
    """The report's own id, else the SHA-256 of its text."""
    return report.id or hashlib.sha256(report.text.encode("utf-8")).hexdigest()


def document_info(report: Report, judged: Relevance | None = None) -> DocumentInfo:
    """The `document` block of a reading; `judged` is the relevance filter's verdict, if it ran."""
    return DocumentInfo(id=report_id(report), title=report.title, url=report.url, outlet=report.outlet,
                        published=report.published, language="en", chars=len(report.text),
                        relevant=None if judged is None else judged.relevant,
                        relevance=None if judged is None else judged.score,
                        parsed_chars=None if judged is None else sum(end - start for start, end in judged.passages))


def read_skipped(report: Report, judged: Relevance) -> Reading:
    """The reading of a report the relevance filter judged to hold no event: no parse, no stage."""
    return Reading(document=document_info(report, judged))


def read_parsed(report: Report, doc: Doc, judged: Relevance | None = None) -> Reading:
    """Run every stage over one parsed report. A failing stage raises ReportError naming it."""
    parsed = ParsedReport(report=report, doc=doc, reading=Reading(document=document_info(report, judged)))
    for name, stage in STAGES:
        try:
            setattr(parsed.reading, name, stage(parsed))
        except ReportError:
            raise
        except TimeLimitExceeded as overrun:
            overrun.stage = name
            raise
        except Exception as err:  # a stage bug must not take the batch down: report it for this record
            raise ReportError(name, f"{type(err).__name__}: {err}") from err
    return parsed.reading


def extract(text: str, published: str | None = None, *, id: str | None = None, title: str | None = None,
            url: str | None = None, outlet: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
            max_seconds: float | None = DEFAULT_MAX_SECONDS) -> dict:
    """The `dateline/1` document for one report. Raises ReportError when the text cannot be read, or when
    its parse or its stages take longer than `max_seconds` each (`limits.py`; None: no limit)."""
    report = Report(text=text, id=id, title=title, url=url, outlet=outlet, published=published)
    check_text(report.text, _char_limit(max_chars))
    doc = call_within(max_seconds, "parse", nlp.load(), report.text)
    return to_json(call_within(max_seconds, "parse", read_parsed, report, doc))


def _char_limit(max_chars: int) -> int:
    """The longest text that can be read: spaCy refuses (ValueError) texts over its own max_length."""
    return min(max_chars, nlp.load().max_length)


def extract_many(items: Iterable[Report | ReportError], *, workers: int = 1, batch_size: int = BATCH_SIZE,
                 max_chars: int = DEFAULT_MAX_CHARS, relevance_filter: bool = False,
                 max_seconds: float | None = DEFAULT_MAX_SECONDS, group_words: int | None = None) -> Iterator[dict]:
    """One output per input item, in input order: a `dateline/1` document, or an error object
    `{id, error: {stage, reason}}` for an item that could not be read (ReportError items are inputs
    that already failed to load; they pass through as errors). Streams: at most a few batches per
    worker are held in memory at once. With `relevance_filter`, a report that can hold no event
    (`relevance.py`) is not parsed: its document has `relevant: false` and empty stage lists; of the
    others only the lede and the sentences that can hold an event are parsed. A report whose parse, or
    whose stages, take longer than `max_seconds` becomes an error (`limits.py`). Texts are parsed in
    groups of at most `group_words` words (see _groups; by default more when this is the only worker)."""
    return _extract(items, _read_batch, workers, batch_size, max_chars, relevance_filter, max_seconds, group_words)


def extract_lines(items: Iterable[Report | ReportError], *, workers: int = 1, batch_size: int = BATCH_SIZE,
                  max_chars: int = DEFAULT_MAX_CHARS, relevance_filter: bool = False,
                  max_seconds: float | None = DEFAULT_MAX_SECONDS) -> Iterator[tuple[str, dict | None]]:
    """`extract_many`'s outputs as JSON text, a line each (non-ASCII characters kept), with the error object
    of an item that could not be read (None for a document). The workers write the JSON: sending a line back
    costs less than sending the document's objects, and frees the process that collects the outputs."""
    return _extract(items, _read_batch_as_lines, workers, batch_size, max_chars, relevance_filter, max_seconds,
                    None)


def _extract(items: Iterable[Report | ReportError], read_batch: Callable[..., list], workers: int, batch_size: int,
             max_chars: int, relevance_filter: bool, max_seconds: float | None, group_words: int | None) -> Iterator:
    batches = _batched(items, batch_size)
    group_words = group_words or (SOLO_PARSE_GROUP_WORDS if workers <= 1 else PARSE_GROUP_WORDS)
    if workers <= 1:
        for batch in batches:
            yield from read_batch(batch, max_chars, relevance_filter, max_seconds, group_words)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=ready) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(read_batch, batch, max_chars, relevance_filter, max_seconds, group_words))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


@functools.cache
def ready() -> None:
    """Load the model and everything the stages read (gazetteer, lexicons, date parser) by reading one
    report, then take it all out of the garbage collector's walks: a full collection visits every live
    object, and these are most of them. Once a process: worth 1-2% of extraction time on news. Then collect
    less often (COLLECT_EVERY): worth another 0.6%."""
    read_parsed(Report(text=WARM_UP), nlp.load()(WARM_UP))
    gc.freeze()
    gc.set_threshold(COLLECT_EVERY)
    atexit.register(gc.unfreeze)  # at exit, or what was frozen is never freed (nanobind modules then warn)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _text_to_parse(text: str, judged: Relevance | None) -> str:
    return text if judged is None else passages_only(text, judged.passages)


def _read_batch(batch: list[Report | ReportError], max_chars: int, relevance_filter: bool,
                max_seconds: float | None, group_words: int) -> list[dict]:
    ready()
    results: list[dict | None] = [None] * len(batch)
    readable: list[int] = []
    max_chars = _char_limit(max_chars)
    verdicts: dict[int, Relevance | None] = {}
    for i, item in enumerate(batch):
        if isinstance(item, ReportError):
            results[i] = item.as_dict(item.report_id)
            continue
        try:
            check_text(item.text, max_chars)
        except ReportError as err:
            results[i] = err.as_dict(report_id(item))
            continue
        verdicts[i] = relevance(item.text) if relevance_filter else None
        if verdicts[i] is None or verdicts[i].relevant:
            readable.append(i)
        else:
            results[i] = to_json(read_skipped(item, verdicts[i]))
    docs = _parse_within([_text_to_parse(batch[i].text, verdicts[i]) for i in readable], max_seconds, group_words)
    for i, doc in zip(readable, docs):
        try:
            if isinstance(doc, ReportError):
                raise doc
            results[i] = to_json(call_within(max_seconds, "parse", read_parsed, batch[i], doc, verdicts[i]))
        except ReportError as err:
            results[i] = err.as_dict(report_id(batch[i]))
    return results


def _read_batch_as_lines(batch: list[Report | ReportError], *args) -> list[tuple[str, dict | None]]:
    return [(json.dumps(output, ensure_ascii=False), output if "error" in output else None)
            for output in _read_batch(batch, *args)]


def _parse_within(texts: list[str], max_seconds: float | None, group_words: int) -> list[Doc | ReportError]:
    """The parses of `texts`, in groups of at most `group_words` words (see _groups), each given
    `max_seconds` a text."""
    model = nlp.load()
    return [doc for group in _groups(texts, group_words) for doc in _parse_group(model, group, max_seconds)]


def _groups(texts: list[str], most_words: int) -> Iterator[list[str]]:
    """Consecutive runs of `texts` of at most `most_words` words together (a longer text alone). spaCy's
    working memory grows with a batch's total length: a batch of 32 political news reports (24,000 words)
    peaked at 950 MB in one worker; in groups of 12,000 words at 480 MB, for 1% more time; of 8,000 words
    at about 400 MB, for 1% more again (a Dask worker, which also holds pandas and distributed, peaked at
    about 550 MB against 640 MB at 12,000 on the longest throughput reports). On the throughput mix (333
    words a report), groups of 16,000 words parse as fast as nlp.pipe's batches of 32 and groups of 8,000
    1.5-2% slower: a batch of 32 reports splits in two, the second small. So a process that parses alone
    on its machine takes 16,000, and each of several 8,000."""
    group: list[str] = []
    words = 0
    for text in texts:
        length = len(text.split())
        if group and words + length > most_words:
            yield group
            group, words = [], 0
        group.append(text)
        words += length
    if group:
        yield group


def _parse_group(model, texts: list[str], max_seconds: float | None) -> list[Doc | ReportError]:
    """The parses of `texts` in one batch; if the batch overruns, parsed again one at a time, so that only
    the texts that overrun fail."""
    try:
        return call_within(max_seconds and max_seconds * len(texts), "parse",
                           lambda: list(model.pipe(texts, batch_size=len(texts) or 1)))
    except ReportError:
        return [_parse_one(model, text, max_seconds) for text in texts]


def _parse_one(model, text: str, max_seconds: float | None) -> Doc | ReportError:
    try:
        return call_within(max_seconds, "parse", model, text)
    except ReportError as err:
        return err
