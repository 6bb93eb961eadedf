"""`make bench`: Dateline's speed against the raw spaCy parse, on real news text, in one run.

Each measurement runs in its own subprocess (model load included, as a user would see it), over the
same texts: ../shared/eval/data/throughput/news.jsonl (with --limit N, N records spread evenly over the
file, so a short run reads the same mix of sources as the whole), and runs this checkout's code (src/
first on the path). Measures the raw parse (nlp.pipe, the model as spaCy ships it), Dateline's parse (the
same model as `nlp.load` gives it: its matrix products by OpenBLAS, and the exact stand-ins of
`rule_pipes.py`), `dateline extract` with 1 and 2
workers, with and without the relevance filter, `dateline ingest` into a ledger (2 workers), the Dask
engine on a LocalCluster of 1 and 2 workers, and each stage's time against the parse's in one process.
Peak RSS is sampled over a run's whole process tree (workers, and for Dask the scheduler and nannies
too), summed. Prints a table, writes benchmarks/results.json, and rewrites the README's performance table.

`--scale 5000,50000` (`make bench-scale`, long) instead ingests corpora of those sizes (the texts
repeated, each copy made distinct) and records the ingest's peak memory at each size: it must stay flat.
`--many-places 100,500,1000` (`make bench-places`) instead times the stages against the parse on one report
naming that many different towns, to show whether their share grows with the count.
`--filter-ceiling` (`make bench-ceiling`) instead measures what the best sentence filter could reach on the mix:
`extract --filter` on the texts cut to the lede and the sentences in which the unfiltered extraction found an
event, against the raw parse and the real filter in the same run.

usage: python benchmarks/bench.py [--limit N] [--shared ../shared] [--no-readme] [--scale N,N] [--many-places N,N]
                                  [--filter-ceiling]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import psutil

# Each run starts from the environment the bench was given: importing dateline sets what Dateline tunes for its own
# runs (OPENBLAS_NUM_THREADS), which the raw parse, the model as spaCy ships it, must not inherit.
GIVEN_ENVIRONMENT = dict(os.environ)

from dateline import gazetteer  # noqa: E402
from dateline.relevance import passages_only, relevance, sentence_spans  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from readme_section import replace_section  # noqa: E402  (a script beside scripts/evaluate.py)
RESULTS = ROOT / "benchmarks" / "results.json"
PYTHON = sys.executable
ENV = {**GIVEN_ENVIRONMENT, "PYTHONPATH": str(ROOT / "src")}
SAMPLE_EVERY_S = 0.1
GENERAL_NEWS = ("GWN", "LGL", "TR-News")  # the throughput sources that are general and local news
POLITICAL_NEWS = "PolNeAR"

# The raw parse is the model as spaCy ships it; Dateline's parse is the same model as `nlp.load` gives it, its
# matrix products by OpenBLAS and with the exact, faster stand-ins of `rule_pipes.py` (the same annotations,
# token for token), and a sentence start after a wire dateline.
PARSE = """
import json, sys
import spacy
from dateline import nlp
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
language = spacy.load(nlp.MODEL_NAME) if sys.argv[2] == "raw" else nlp.load()
for _ in language.pipe(texts, batch_size=32):
    pass
"""
RAW_PARSE_RUN = "raw spaCy parse (nlp.pipe)"
DATELINE_PARSE_RUN = "Dateline's parse (nlp.load)"


def tree_rss_mb(process: psutil.Process) -> tuple[float, float]:
    """Resident memory of a process and all its descendants: summed (shared pages counted in each),
    and the largest single process's."""
    sizes = []
    for member in [process, *process.children(recursive=True)]:
        try:
            sizes.append(member.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            continue
    return sum(sizes), max(sizes, default=0.0)


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, command: list[str], docs: int, words: int) -> dict:
    """Wall time, CPU time (the process tree's, so less sensitive to a loaded machine) and peak memory."""
    cpu_before, started = children_cpu_s(), time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
    watched, peak, largest = psutil.Process(child.pid), 0.0, 0.0
    while child.poll() is None:
        try:
            total, single = tree_rss_mb(watched)
            peak, largest = max(peak, total), max(largest, single)
        except psutil.NoSuchProcess:
            break
        time.sleep(SAMPLE_EVERY_S)
    errors = child.stderr.read().decode("utf-8", "replace")
    if child.wait():
        raise SystemExit(f"{name} failed:\n{errors[-2000:]}")
    seconds, cpu = time.perf_counter() - started, children_cpu_s() - cpu_before
    row = {"name": name, "seconds": round(seconds, 2), "docs_per_s": round(docs / seconds, 2),
           "words_per_s": round(words / seconds), "cpu_ms_per_doc": round(1000 * cpu / docs, 1),
           "peak_rss_mb": round(peak), "peak_process_rss_mb": round(largest)}
    print(f"{name:<32} {seconds:8.1f} s {row['docs_per_s']:8.2f} docs/s {row['words_per_s']:8d} words/s "
          f"{row['cpu_ms_per_doc']:7.1f} CPU ms/doc {row['peak_rss_mb']:6d} MB", file=sys.stderr)
    return row


def sample(shared: Path, limit: int | None, path: Path, size: int | None = None) -> tuple[int, int]:
    """`limit` throughput records (all of them without it) as JSON Lines at `path`; with `size`, repeated up
    to that many records, each repeat's texts made distinct by a trailing marker so the ledger reads them
    as new. The records are taken evenly across the file, which is ordered by source dataset: the first
    ones alone would be one kind of news."""
    source = shared / "eval" / "data" / "throughput" / "news.jsonl"
    with source.open(encoding="utf-8") as src:
        records = [json.loads(line) for line in src if line.strip()]
    if limit and limit < len(records):
        records = [records[number * len(records) // limit] for number in range(limit)]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(size or len(records)):
            record, copy = records[number % len(records)], number // len(records)
            marker = f" [{copy}]" if copy else ""
            out.write(json.dumps({"id": record["id"] + marker, "text": record["text"] + marker,
                                  "published": record.get("published"), "source": record.get("source")}) + "\n")
            words += len(record["text"].split())
    return size or len(records), words


def skip_rate(corpus: Path) -> dict:
    """What the relevance filter leaves unparsed on the corpus: the share of reports skipped whole, and
    the share of words outside the sentences it keeps; over the whole corpus and for each `source`."""
    counts: dict[str, list[int]] = {}  # source -> [reports, skipped, words, words parsed]
    for line in corpus.open(encoding="utf-8"):
        record = json.loads(line)
        judged = relevance(record["text"])
        parsed = sum(len(record["text"][start:end].split()) for start, end in judged.passages)
        count = counts.setdefault(record.get("source") or "unknown", [0, 0, 0, 0])
        for at, value in enumerate((1, not judged.relevant, len(record["text"].split()), parsed)):
            count[at] += value
    return {**_shares([sum(column) for column in zip(*counts.values())]),
            "by_source": {source: _shares(count) for source, count in sorted(counts.items())}}


def _shares(count: list[int]) -> dict:
    reports, skipped, words, parsed = count
    return {"reports": round(skipped / reports, 4), "words": round(1 - parsed / words, 4), "docs": reports}


def stage_times(corpus: Path) -> dict:
    output = subprocess.run([PYTHON, str(ROOT / "benchmarks" / "stage_times.py"), str(corpus)], check=True,
                            capture_output=True, cwd=ROOT, env=ENV).stdout
    return json.loads(output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="only N records, taken evenly across the file")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--scale", help="comma-separated corpus sizes: measure ingest memory as the corpus grows")
    parser.add_argument("--many-places",
                        help="comma-separated counts: time the stages on one report naming that many towns")
    parser.add_argument("--filter-ceiling", action="store_true",
                        help="measure the filter against a perfect sentence filter's texts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.scale:
            return scale(args, Path(tmp))
        if args.many_places:
            return many_places(args, Path(tmp))
        if args.filter_ceiling:
            return filter_ceiling(args, Path(tmp))
        corpus = Path(tmp) / "bench.jsonl"
        docs, words = sample(args.shared, args.limit, corpus)
        print(f"{docs} reports, {words:,} words, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.2f}", file=sys.stderr)
        results = run_all(corpus, Path(tmp), docs, words)
    results["corpus"]["limit"] = args.limit
    earlier = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    for apart in ("scale", "many_places", "filter_ceiling"):  # each measured by its own option: keep its last results
        if apart in earlier:
            results[apart] = earlier[apart]
    results["other_hosts"] = other_hosts(earlier, results["machine"])
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(performance_table(results))
    if not args.no_readme:
        replace_section("performance", performance_table(results))
        replace_section("cost", cost_paragraph(results))
    return 0


RUNS = (  # results key, name, arguments after `python -m dateline` ({corpus}, {tmp} filled in)
    ("extract_1w", "extract, 1 worker", "extract --jsonl {corpus}"),
    ("extract_2w", "extract, 2 workers", "extract --jsonl {corpus} --workers 2"),
    ("extract_filtered_2w", "extract --filter, 2 workers", "extract --jsonl {corpus} --workers 2 --filter"),
    ("ingest_2w", "ingest --no-filter, 2 workers", "ingest {corpus} --ledger {tmp}/local.duckdb --workers 2 --no-filter"),
    ("dask_1w", "dask ingest --no-filter, 1 worker",
     "ingest {corpus} --ledger {tmp}/dask1.duckdb --engine dask --workers 1 --no-filter"),
    ("dask_2w", "dask ingest --no-filter, 2 workers",
     "ingest {corpus} --ledger {tmp}/dask2.duckdb --engine dask --workers 2 --no-filter"),
)


def run_all(corpus: Path, tmp: Path, docs: int, words: int) -> dict:
    load_before = os.getloadavg()[0]
    rows = [measure(RAW_PARSE_RUN, [PYTHON, "-c", PARSE, str(corpus), "raw"], docs, words),
            measure(DATELINE_PARSE_RUN, [PYTHON, "-c", PARSE, str(corpus), "dateline"], docs, words)]
    results = {"raw_parse_docs_per_s": rows[0]["docs_per_s"], "dateline_parse_docs_per_s": rows[1]["docs_per_s"]}
    for key, name, arguments in RUNS:
        command = [PYTHON, "-m", "dateline", *arguments.format(corpus=corpus, tmp=tmp).split()]
        rows.append(measure(name, command, docs, words))
        results[f"{key}_docs_per_s"] = rows[-1]["docs_per_s"]
    raw = results["raw_parse_docs_per_s"]
    stages = stage_times(corpus)
    results.update({
        "peak_rss_mb": max(row["peak_rss_mb"] for row in rows),
        "peak_process_rss_mb": max(row["peak_process_rss_mb"] for row in rows),
        "ratios": {"extract_1w_vs_raw": round(results["extract_1w_docs_per_s"] / raw, 2),
                   "extract_2w_vs_raw": round(results["extract_2w_docs_per_s"] / raw, 2),
                   "extract_filtered_2w_vs_raw": round(results["extract_filtered_2w_docs_per_s"] / raw, 2),
                   "extract_filtered_2w_vs_dateline_parse": round(results["extract_filtered_2w_docs_per_s"]
                                                                  / results["dateline_parse_docs_per_s"], 2),
                   "dask_2w_vs_dask_1w": round(results["dask_2w_docs_per_s"] / results["dask_1w_docs_per_s"], 2)},
        "filter_skips": skip_rate(corpus),
        "stages": stages,
        "corpus": {"docs": docs, "words": words},
        "machine": {**this_machine(), "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]},
        "runs": rows,
    })
    return results


def this_machine() -> dict:
    return {"cores": os.cpu_count(), "processor": processor(), "blis_kernel": blis_kernel(),
            "python": platform.python_version(), "spacy": spacy_version()}


def other_hosts(earlier: dict, machine: dict) -> list[dict]:
    """The last run's ratios on each other host (processor and BLIS kernel) the bench has run on, newest first:
    the ratios to the raw parse move with the host, so the README shows them beside this run's."""
    hosts = earlier.get("other_hosts", [])
    if "ratios" in earlier:
        hosts = [host_summary(earlier), *hosts]
    seen, kept = {host_name(machine)}, []
    for host in hosts:
        if host["host"] not in seen:
            seen.add(host["host"])
            kept.append(host)
    return kept


def host_summary(results: dict) -> dict:
    machine = results["machine"]
    return {"host": host_name({"blis_kernel": "not recorded", **machine}),
            "raw_parse_docs_per_s": results["raw_parse_docs_per_s"],
            "dateline_parse_docs_per_s": results["dateline_parse_docs_per_s"], "ratios": results["ratios"]}


def processor() -> str:
    """The CPU's model name: runs on different hosts are not comparable (Python code ran 2-3x slower on one
    KVM guest than on another, relative to the parse)."""
    cpuinfo = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
             if line.startswith("model name")] if cpuinfo.exists() else []
    return names[0] if names else platform.processor() or "unknown"


def blis_kernel() -> str:
    """The kernel BLIS chose for this processor, which sets the raw parse's speed: where the BLIS that pip
    installs does not know the processor it runs its 'generic' kernel, and the raw parse then ran at about half
    the speed of Dateline's, whose products OpenBLAS computes (`nlp.py`), against two thirds where BLIS knew it."""
    probe = "import numpy, blis.py; blis.py.gemm(numpy.ones((4, 4), 'f'), numpy.ones((4, 4), 'f'))"
    printed = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True,
                             env={**ENV, "BLIS_ARCH_DEBUG": "1"}).stderr
    chosen = re.search(r"sub-configuration '(\w+)'", printed)
    return chosen.group(1) if chosen else "unknown"


def spacy_version() -> str:
    """The raw parse is spaCy's own, so its speed depends on the release (see pyproject.toml)."""
    return version("spacy")


def scale(args: argparse.Namespace, tmp: Path) -> int:
    """Ingest memory against corpus size: the peak must not grow with the corpus."""
    rows = []
    for size in (int(s) for s in args.scale.split(",")):
        corpus = tmp / f"scale-{size}.jsonl"
        docs, words = sample(args.shared, args.limit, corpus, size)
        row = measure(f"ingest {docs} reports, 2 workers", [PYTHON, "-m", "dateline", "ingest", str(corpus),
                      "--ledger", str(tmp / f"scale-{size}.duckdb"), "--workers", "2"], docs, words)
        rows.append({**row, "docs": docs, "ledger_mb": round((tmp / f"scale-{size}.duckdb").stat().st_size / 2**20)})
        corpus.unlink()
    return _record_apart(args, "scale", {"runs": rows, "load_average": round(os.getloadavg()[0], 2),
                                         "peak_rss_growth": round(rows[-1]["peak_rss_mb"] / rows[0]["peak_rss_mb"], 2)})


def many_places(args: argparse.Namespace, tmp: Path) -> int:
    """The stages against the parse on one report naming many different towns: a report may list hundreds."""
    rows = []
    for count in (int(n) for n in args.many_places.split(",")):
        corpus = tmp / f"places-{count}.jsonl"
        corpus.write_text(json.dumps({"id": f"places-{count}", "text": report_naming(count)}) + "\n", encoding="utf-8")
        rows.append({"places": count, **stage_times(corpus)})
    return _record_apart(args, "many_places", {"runs": rows, "load_average": round(os.getloadavg()[0], 2)})


def filter_ceiling(args: argparse.Namespace, tmp: Path) -> int:
    """The filter bar's ceiling on this mix. The filter picks sentences by event words; the best any sentence
    filter could do is to parse only the lede and the sentences that do hold an event. Those are known only
    after an unfiltered extraction, so this cuts each text to them (the rest blanked, offsets kept; a report
    with no event blanked whole) and times `extract --filter` on the cut texts, beside the raw parse and the
    real filter on the whole ones, in one run."""
    corpus, readings, cut = tmp / "bench.jsonl", tmp / "readings.jsonl", tmp / "event-sentences.jsonl"
    docs, words = sample(args.shared, args.limit, corpus)
    with readings.open("w", encoding="utf-8") as out:
        subprocess.run([PYTHON, "-m", "dateline", "extract", "--jsonl", str(corpus), "--workers", "2"], stdout=out,
                       check=True, cwd=ROOT, env=ENV)
    words_left = keep_event_sentences(corpus, readings, cut)
    extract = [PYTHON, "-m", "dateline", "extract", "--workers", "2", "--filter", "--jsonl"]
    rows = [measure(RAW_PARSE_RUN, [PYTHON, "-c", PARSE, str(corpus), "raw"], docs, words),
            measure("extract --filter, 2 workers", [*extract, str(corpus)], docs, words),
            measure("the same, a perfect sentence filter", [*extract, str(cut)], docs, words)]
    raw = rows[0]["docs_per_s"]
    return _record_apart(args, "filter_ceiling", {
        "runs": rows, "load_average": round(os.getloadavg()[0], 2),
        "words_unparsed": {"filter": skip_rate(corpus)["words"], "perfect": round(1 - words_left / words, 4)},
        "ratios": {"filtered_2w_vs_raw": round(rows[1]["docs_per_s"] / raw, 2),
                   "perfect_filter_2w_vs_raw": round(rows[2]["docs_per_s"] / raw, 2)}})


def keep_event_sentences(corpus: Path, readings: Path, out: Path) -> int:
    """Write `corpus` with each text cut to its lede and the sentences (`relevance.sentence_spans`) holding
    a trigger of an event of its reading; return the words left."""
    words = 0
    with corpus.open(encoding="utf-8") as records, readings.open(encoding="utf-8") as read, \
            out.open("w", encoding="utf-8") as cut:
        for record, reading in zip(map(json.loads, records), map(json.loads, read)):
            triggers = [mention["trigger"]["start"] for event in reading.get("events", [])
                        for mention in event["mentions"]]
            kept = tuple(span for number, span in enumerate(sentence_spans(record["text"]))
                         if triggers and (number == 0 or any(span[0] <= at < span[1] for at in triggers)))
            record["text"] = passages_only(record["text"], kept)
            words += len(record["text"].split())
            cut.write(json.dumps(record) + "\n")
    return words


def report_naming(count: int) -> str:
    """A report of one sentence for each of the `count` most populous towns with a one-word name."""
    with resources.as_file(resources.files("dateline") / gazetteer.ARTIFACT) as path, \
            contextlib.closing(sqlite3.connect(path)) as database:
        names = [name for name, in database.execute(
            "SELECT name FROM entries WHERE feature = 'city' GROUP BY name ORDER BY max(population) DESC")]
    towns = [name for name in names if name.isascii() and name.isalpha()][:count]
    return " ".join(f"Air raid sirens sounded in {town} and people went to the shelters." for town in towns)


def _record_apart(args: argparse.Namespace, key: str, result: dict) -> int:
    """Keep a measurement run apart from the main one in results.json, and in the README's table."""
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[key] = {**result, "host": host_name(this_machine())}
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    if not args.no_readme and "runs" in results:
        replace_section("performance", performance_table(results))
    return 0


def performance_table(results: dict) -> str:
    raw = results["raw_parse_docs_per_s"]
    machine = results["machine"]
    limit = results["corpus"]["limit"]
    command = f"`python benchmarks/bench.py --limit {limit}`" if limit else "`make bench`"
    spread = " (spread evenly over the file)" if limit else ""
    lines = [f"{results['corpus']['docs']} reports ({results['corpus']['words']:,} words) of "
             f"`../shared/eval/data/throughput/news.jsonl`{spread}, {machine['cores']} cores{_host(machine)} (load "
             f"average {machine['load_average'][0]} at the start), one run of {command}:",
             "", "| run | reports/s | words/s | × raw parse | CPU ms/report | peak RSS, MB: process tree (largest process) |",
             "|---|---|---|---|---|---|"]
    for row in results["runs"]:
        lines.append(f"| {row['name']} | {row['docs_per_s']} | {row['words_per_s']:,} | "
                     f"{row['docs_per_s'] / raw:.2f} | {row['cpu_ms_per_doc']} | {row['peak_rss_mb']:,} ({row['peak_process_rss_mb']:,}) |")
    ratios, skips = results["ratios"], results["filter_skips"]
    lines += ["", f"Against the bars: extract is {ratios['extract_1w_vs_raw']}× the raw parse with 1 worker and "
                  f"{ratios['extract_2w_vs_raw']}× with 2 (bar 0.8×); with the filter, {ratios['extract_filtered_2w_vs_raw']}× "
                  f"(bar 3×: the filter skips {skips['reports']:.1%} of these reports whole and leaves {skips['words']:.1%} "
                  f"of their words unparsed); Dask with 2 workers is {ratios['dask_2w_vs_dask_1w']}× Dask with 1 (bar 1.6×); peak RSS "
                  f"{results['peak_rss_mb']:,} MB summed over a run's processes, {results['peak_process_rss_mb']:,} MB "
                  "in the largest one (bar 1,500 MB). Dateline's own parse runs at "
                  f"{results['dateline_parse_docs_per_s'] / raw:.2f}× the raw parse: the same model, its matrix "
                  "products by numpy's OpenBLAS rather than BLIS (`src/dateline/nlp.py`), with exact and faster "
                  "stand-ins for its attribute ruler and lemmatizer (`src/dateline/rule_pipes.py`); the annotations "
                  "are the same, token for token, but that a lede is parsed apart from its wire dateline. Against Dateline's own parse, the filtered extract with 2 workers "
                  f"is {ratios['extract_filtered_2w_vs_dateline_parse']}×.", "",
              "Each stage's time against the parse's, in one process over the same texts:", "",
              "| stage | seconds | share of parse time |", "|---|---|---|"]
    stages = results["stages"]
    lines.append(f"| Dateline's parse (nlp.load) | {stages['parse_s']} | 100% |")
    lines.append(f"| (once per process: lexicons, gazetteer) | {stages['warm_up_s']} | |")
    for name, stage in stages["stages"].items():
        lines.append(f"| {name} | {stage['seconds']} | {stage['share_of_parse']:.1%} |")
    return "\n".join(lines + other_hosts_table(results.get("other_hosts")) + scale_table(results.get("scale"))
                     + many_places_table(results.get("many_places"))
                     + filter_ceiling_table(results.get("filter_ceiling")))


def _host(machine: dict) -> str:
    """', <processor>, BLIS kernel <name>, spaCy <version>' where the run recorded them."""
    return f", {name}" if (name := host_name(machine)) else ""


def host_name(machine: dict) -> str:
    return ", ".join(f"{label}{machine[key]}" for key, label in
                     (("processor", ""), ("blis_kernel", "BLIS kernel "), ("spacy", "spaCy ")) if key in machine)


def core_hours(cpu_ms_per_report: float, reports: int = 1_000_000) -> float:
    return cpu_ms_per_report * reports / 1000 / 3600


def cost_paragraph(results: dict) -> str:
    """What a million reports cost, priced from the run's CPU time per report."""
    cpu = {row["name"]: row["cpu_ms_per_doc"] for row in results["runs"]}
    runs = {key: name for key, name, _ in RUNS}
    local, dask = cpu[runs["ingest_2w"]], cpu[runs["dask_2w"]]
    filtered = cpu[runs["extract_filtered_2w"]]
    corpus, machine, skips = results["corpus"], results["machine"], results["filter_skips"]
    return (f"**What a million reports cost.** From the committed bench run ({corpus['docs']:,} reports of the "
            f"throughput mix, {corpus['words'] / corpus['docs']:.0f} words each on average; {machine['cores']} cores"
            f"{_host(machine)}, load average {machine['load_average'][0]} at the start): the raw parse costs "
            f"{cpu[RAW_PARSE_RUN]} CPU ms a report (Dateline's own parse {cpu[DATELINE_PARSE_RUN]} ms), `dateline extract` {cpu[runs['extract_1w']]} ms, "
            f"with the relevance filter {filtered} ms, ingest into the ledger {local} ms, the Dask engine {dask} ms. "
            f"A million such reports therefore take about **{core_hours(local):,.0f} core-hours** with the local "
            f"ingest unfiltered ({core_hours(dask):,.0f} with Dask), {core_hours(filtered):,.0f} with the filter: "
            f"about {core_hours(local) * 60 / 64:,.0f} minutes on 64 single-thread workers. On this mix the filter "
            f"skips {skips['reports']:.1%} of the reports whole and leaves {skips['words']:.1%} of the words "
            f"unparsed. {_general_news_sentence(skips)} "
            f"Each worker holds one model and one partition: about {results['peak_process_rss_mb'] / 1024:.1f} GB "
            f"at its peak here.{_other_hosts_sentence(results)}")


def _other_hosts_sentence(results: dict) -> str:
    return (" The costs move with the host: the table above gives the last run on each other host the bench has "
            "run on." if results.get("other_hosts") else "")


def _general_news_sentence(skips: dict) -> str:
    """The filter on the mix's general and local news: it picks sentences by event words, not reports by topic."""
    by_source = skips.get("by_source", {})
    if not all(source in by_source for source in (*GENERAL_NEWS, POLITICAL_NEWS)):
        return ""
    shares = "; ".join(f"{source} {by_source[source]['reports']:.1%} and {by_source[source]['words']:.1%}"
                       for source in GENERAL_NEWS)
    political = by_source[POLITICAL_NEWS]
    return (f"It is a sentence filter, not a topic filter. On the general and local news in the mix (reports "
            f"skipped whole, and words left unparsed: {shares}) it does as on the political news ({POLITICAL_NEWS}: "
            f"{political['reports']:.1%} and {political['words']:.1%}): its event words (support, call, meet, "
            "attack) occur in most news. It skips whole reports only where many hold no event word at all.")


def other_hosts_table(hosts: list[dict] | None) -> list[str]:
    """The last run on each other host: the raw parse's speed, and so every ratio to it, depends on the
    processor and on the kernel BLIS chose for it."""
    if not hosts:
        return []
    rows = [[host["host"], host["raw_parse_docs_per_s"], host["dateline_parse_docs_per_s"],
             *(host["ratios"][key] for key in ("extract_1w_vs_raw", "extract_filtered_2w_vs_raw",
                                               "extract_filtered_2w_vs_dateline_parse", "dask_2w_vs_dask_1w"))]
            for host in hosts]
    return _table("The last run of `make bench` on each other host it has run on (the raw parse's speed, and so "
                  "each ratio to it, depends on the processor and on the kernel BLIS chose for it):",
                  ["host", "raw parse, reports/s", "Dateline's parse, reports/s", "extract 1 worker × raw",
                   "extract --filter 2 workers × raw", "the same × Dateline's parse", "Dask 2w / 1w"], rows)


def scale_table(scale: dict | None) -> list[str]:
    """The last `--scale` run: ingest memory as the corpus grows."""
    if not scale:
        return []
    rows = [[f"{row['docs']:,}", row["docs_per_s"], f"{row['peak_rss_mb']:,} ({row['peak_process_rss_mb']:,})",
             f"{row['ledger_mb']:,}"] for row in scale["runs"]]
    return _table(f"Ingest memory as the corpus grows (`make bench-scale`{_on_host(scale)}: the texts repeated, "
                  f"each copy made distinct; load average {scale['load_average']}):",
                  ["reports ingested", "reports/s", "peak RSS, MB: process tree (largest process)", "ledger, MB"], rows) + [
        f"\nPeak RSS at the largest size is {scale['peak_rss_growth']}× that at the smallest."]


def many_places_table(many: dict | None) -> list[str]:
    """The last `--many-places` run: the stages against the parse on one report naming many towns."""
    if not many:
        return []
    rows = []
    for row in many["runs"]:
        stages, parse = row["stages"], row["parse_s"]
        total = sum(stage["seconds"] for stage in stages.values())
        shares = [f"{stages[name]['seconds']} ({stages[name]['share_of_parse']:.0%})" for name in ("places", "events")]
        rows.append([f"{row['places']:,}", parse, *shares, f"{total:.3f} ({total / parse:.0%})"])
    return _table(f"One report naming many different towns, a sentence each (`make bench-places`{_on_host(many)}; "
                  f"load average {many['load_average']}), in one process:",
                  ["towns named", "parse, s", "places, s (share of parse)", "events, s (share)", "all stages, s (share)"],
                  rows)


def filter_ceiling_table(ceiling: dict | None) -> list[str]:
    """The last `--filter-ceiling` run: the filter against a perfect sentence filter."""
    if not ceiling:
        return []
    raw = ceiling["runs"][0]["docs_per_s"]
    unparsed = [f"{ceiling['words_unparsed'][key]:.1%}" for key in ("filter", "perfect")]
    rows = [[row["name"], row["docs_per_s"], f"{row['docs_per_s'] / raw:.2f}", row["cpu_ms_per_doc"], left]
            for row, left in zip(ceiling["runs"], ["", *unparsed])]
    return _table(f"The filter bar's ceiling on this mix (`make bench-ceiling`{_on_host(ceiling)}; load average "
                  f"{ceiling['load_average']}): the texts cut to the lede and the sentences in which the unfiltered "
                  "extraction found an event, the most that any filter choosing sentences could leave unparsed "
                  "without losing an event:",
                  ["run", "reports/s", "× raw parse", "CPU ms/report", "words left unparsed"], rows)


def _on_host(apart: dict) -> str:
    """' on <host>' of a run kept apart from the main one: each ran on the host of its day."""
    return f" on {apart.get('host', 'a host not recorded')}"


def _table(intro: str, columns: list[str], rows: list[list]) -> list[str]:
    """A paragraph and a markdown table under it, as README lines."""
    return ["", intro, "", f"| {' | '.join(columns)} |", "|" + "---|" * len(columns),
            *(f"| {' | '.join(str(cell) for cell in row)} |" for row in rows)]


if __name__ == "__main__":
    sys.exit(main())
