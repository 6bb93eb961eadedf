"""The `dateline` command line: thin wrappers over the library's functions."""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console

from . import __version__
from .errors import LedgerError, ReportError
from .limits import DEFAULT_MAX_SECONDS
from .pipeline import extract, extract_lines, extract_many
from .reports import jsonl_lines, read_jsonl, read_text_file
from .engine import ENGINES
from .tables import print_readings
from .validate import DEFAULT_MAX_CHARS

DEFAULT_LEDGER = "dateline.duckdb"
FORMATS = ("acled-csv", "ucdp-csv", "geojson", "jsonl", "parquet")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("dateline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (OSError, ReportError, LedgerError) as err:
        print(f"dateline: {err}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dateline", description="Read news reports into a sourced event ledger.")
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    commands = parser.add_subparsers(title="commands")
    extract = commands.add_parser("extract", help="read reports and print dateline/1 JSON",
                                  description="Print the dateline/1 reading of one report, or of each line of a JSON Lines file.")
    extract.add_argument("file", nargs="?", help="a plain-text report, or - for standard input")
    extract.add_argument("--jsonl", metavar="IN.jsonl", help="JSON Lines input ({id, text, published, ...} a line), or -")
    extract.add_argument("--published", help="publication date (ISO 8601): the anchor for 'yesterday', 'Thursday'")
    extract.add_argument("--title")
    extract.add_argument("--url")
    extract.add_argument("--outlet")
    extract.add_argument("--workers", type=int, default=1, help="processes to parse with (default 1)")
    extract.add_argument("--batch-size", type=int, default=32, help="reports per nlp.pipe batch (default 32)")
    extract.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                         help=f"longest report read, in characters (default {DEFAULT_MAX_CHARS:,})")
    _add_max_seconds(extract)
    extract.add_argument("--filter", action="store_true",
                         help="with --jsonl: parse only the lede and the sentences in which the relevance filter "
                              "finds an event word; a report with none is not parsed (empty, relevant: false)")
    extract.add_argument("--format", choices=("json", "table"), default="json",
                         help="json: dateline/1 documents (default); table: events, claims and disputes as tables")
    extract.set_defaults(run=run_extract)
    _add_ledger_commands(commands)
    serve = commands.add_parser("serve", help="browse a ledger: map, timeline, disputes, sources, JSON API",
                                description="Serve a web app and JSON API over a ledger (read-only unless --allow-writes).")
    serve.add_argument("--ledger", default=DEFAULT_LEDGER, metavar="FILE",
                       help=f"the ledger file (default {DEFAULT_LEDGER}), as written by dateline ingest")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--allow-writes", action="store_true",
                       help="let POST /api/reports add reports (needs a token: --token-file or DATELINE_TOKEN)")
    serve.add_argument("--token-file", metavar="F", help="file holding the bearer token for writes")
    serve.set_defaults(run=run_serve)
    return parser


def _add_max_seconds(command: argparse.ArgumentParser) -> None:
    command.add_argument("--max-seconds", type=float, default=DEFAULT_MAX_SECONDS,
                         help=f"time a report's parse may take, and again its stages, before it becomes an error "
                              f"(default {DEFAULT_MAX_SECONDS:g}; 0: no limit)")


def _add_ledger_commands(commands) -> None:
    ingest = commands.add_parser("ingest", help="read reports into a ledger",
                                 description="Read reports (text, HTML, RSS/Atom, WARC, JSON Lines; directories "
                                             "recursively) into a DuckDB ledger. Idempotent: what is there is skipped.")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--ledger", default=DEFAULT_LEDGER, help=f"the ledger file (default {DEFAULT_LEDGER})")
    ingest.add_argument("--workers", type=int, default=1, help="processes to parse with (default 1)")
    ingest.add_argument("--batch-size", type=int, default=32, help="reports per parse batch (default 32)")
    ingest.add_argument("--commit-every", type=int, default=256,
                        help="reports per transaction (default 256); a killed ingest loses at most these")
    ingest.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help=f"longest report read, in characters (default {DEFAULT_MAX_CHARS:,})")
    _add_max_seconds(ingest)
    ingest.add_argument("--no-filter", dest="filter", action="store_false",
                        help="parse every report whole (default: only the lede and the sentences the relevance "
                             "filter finds an event word in; a report with none is stored unparsed, relevant: false)")
    ingest.add_argument("--engine", choices=ENGINES, default="local",
                        help="local: worker processes on this machine (default); dask: a Dask cluster")
    ingest.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler (tcp://host:8786); default a LocalCluster of --workers")
    ingest.add_argument("--parquet", metavar="DIR",
                        help="with --engine dask: where workers write the run's Parquet tables "
                             "(default LEDGER.parquet; on a cluster, a path every worker can reach)")
    ingest.set_defaults(run=run_ingest)
    for name, text in (("documents", "the reports in the ledger"), ("events", "canonical events merged across reports"),
                       ("claims", "claim groups: figures for one quantity across reports"),
                       ("disputes", "claim groups whose figures cannot all hold"),
                       ("errors", "inputs that could not be read or processed")):
        query = commands.add_parser(name, help=text, description=f"Show {text}.")
        query.add_argument("--ledger", default=DEFAULT_LEDGER)
        query.add_argument("--format", choices=("table", "jsonl"), default="table")
        query.add_argument("--country", help="ISO 3166-1 alpha-3 code of where the event happened")
        query.add_argument("--admin1", help="first-level division (province, oblast, state)")
        query.add_argument("--type", help="PLOVER type (ASSAULT, PROTEST...) or ACLED event type")
        query.add_argument("--since", help="ISO date: on or after")
        query.add_argument("--until", help="ISO date: on or before")
        query.add_argument("--source", help="outlet or named source (substring)")
        query.add_argument("--text", help="text search (substring, case-insensitive)")
        query.add_argument("--limit", type=int)
        query.set_defaults(run=run_query, query=name)
    export = commands.add_parser("export", help="export canonical events",
                                 description="Export the ledger's canonical events.")
    export.add_argument("--ledger", default=DEFAULT_LEDGER)
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", help="output file (default standard output; required for parquet)")
    export.set_defaults(run=run_export)
    check = commands.add_parser("check", help="read every block of a ledger back",
                                description="Read every stored value of a ledger, checking each block's checksum: "
                                            "damage anywhere in the file is reported (and the file left as it is).")
    check.add_argument("--ledger", default=DEFAULT_LEDGER)
    check.set_defaults(run=run_check)


def run_extract(args: argparse.Namespace) -> int:
    if args.jsonl and args.file:
        raise ReportError("input", "give either FILE or --jsonl, not both")
    if args.jsonl:
        return _extract_jsonl(args)
    if not args.file:
        raise ReportError("input", "nothing to read: give FILE, - for standard input, or --jsonl IN.jsonl")
    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    report = read_text_file(None if args.file == "-" else Path(args.file), data, title=args.title, url=args.url,
                            outlet=args.outlet, published=args.published)
    try:
        document = extract(report.text, report.published, title=report.title, url=report.url,
                           outlet=report.outlet, max_chars=args.max_chars, max_seconds=args.max_seconds)
    except ReportError as err:
        raise ReportError(err.stage, f"{args.file}: {err.reason}") from None
    if args.format == "table":
        print_readings([document])
    else:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn
        from .web.app import create_app
        from .web.data import open_ledger
    except ImportError as err:
        raise ReportError("input", f"serve needs the web extra (pip install 'dateline[web]'): {err}") from None
    token = None
    if args.allow_writes:
        token = (Path(args.token_file).read_text().strip() if args.token_file
                 else os.environ.get("DATELINE_TOKEN", "").strip())
        if not token:
            raise ReportError("input", "--allow-writes needs a token: --token-file F or DATELINE_TOKEN")
    _require_ledger(args.ledger)
    ledger = open_ledger(args.ledger, writable=args.allow_writes)
    app = create_app(ledger, allow_writes=args.allow_writes, token=token)
    print(f"dateline: serving {args.ledger} on http://{args.host}:{args.port}/"
          f" ({'writes allowed with the token' if args.allow_writes else 'read-only'})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def _extract_jsonl(args: argparse.Namespace) -> int:
    stream = sys.stdin.buffer if args.jsonl == "-" else open(args.jsonl, "rb")
    read, failed, documents = 0, 0, []
    options = dict(workers=args.workers, batch_size=args.batch_size, max_chars=args.max_chars,
                   relevance_filter=args.filter, max_seconds=args.max_seconds)
    with stream:
        reports = read_jsonl(jsonl_lines(stream))
        # JSON lines are written by the workers; a table needs the documents themselves
        outputs = extract_lines(reports, **options) if args.format == "json" else (
            (document, document if "error" in document else None) for document in extract_many(reports, **options))
        for output, error in outputs:
            if error:
                failed += 1
                stage, reason = error["error"]["stage"], error["error"]["reason"]
                print(f"dateline: {error['id']}: {stage}: {reason}", file=sys.stderr)
            else:
                read += 1
            if args.format == "json":
                sys.stdout.write(output + "\n")
            elif not error:
                documents.append(output)
    if documents:
        print_readings(documents)
    if failed:
        print(f"dateline: read {read} reports, {failed} could not be read", file=sys.stderr)
    return 0 if read or not failed else 1


def run_ingest(args: argparse.Namespace) -> int:
    from .ingest import estimate_total
    from .ledger import Ledger

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise ReportError("input", f"no such file or directory: {missing[0]}")
    if args.engine != "dask" and (args.scheduler or args.parquet):
        raise ReportError("input", "--scheduler and --parquet are options of --engine dask")
    if args.engine == "dask":
        from .engine import dask as engine
        options = {"scheduler": args.scheduler, "folder": args.parquet}
    else:
        from .engine import local as engine
        options = {"commit_every": args.commit_every}
    with Ledger.checked(args.ledger) as ledger, _IngestProgress(estimate_total(args.paths)) as report:
        totals = engine.run(args.paths, ledger, workers=args.workers, batch_size=args.batch_size,
                            max_chars=args.max_chars, max_seconds=args.max_seconds, relevance_filter=args.filter,
                            on_progress=report, **options)
    print(f"dateline: {args.ledger}: {totals.added} reports added, {totals.skipped} already there, "
          f"{totals.errors} errors (see `dateline errors`)", file=sys.stderr)
    return 0 if totals.added or totals.skipped or not totals.errors else 1


class _IngestProgress:
    """A rich progress bar (rate, ETA) on a terminal; elsewhere one line per batch committed."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)
            self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.description}"), TimeElapsedColumn(), TextColumn("ETA"),
                                TimeRemainingColumn(), console=Console(stderr=True))
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        self.started = time.monotonic()
        return self.report

    def report(self, totals) -> None:
        done = totals.added + totals.skipped + totals.errors
        if self.bar:
            rate = done / max(time.monotonic() - self.started, 1e-9)
            self.bar.update(self.task, completed=done, total=max(self.total, done),
                            description=f"{rate:,.1f} reports/s")
        else:
            print(f"dateline: committed {totals.added} added, {totals.skipped} skipped, {totals.errors} errors",
                  file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()


def run_query(args: argparse.Namespace) -> int:
    from functools import partial

    from .ledger import Ledger, queries, tables

    filters = queries.Filters(country=args.country, admin1=args.admin1, type=args.type, since=args.since,
                              until=args.until, source=args.source, text=args.text, limit=args.limit)
    query, table = {
        "documents": (queries.documents, tables.documents_table),
        "events": (queries.events, tables.events_table),
        "claims": (queries.claim_groups, tables.claims_table),
        "disputes": (partial(queries.claim_groups, disputed_only=True), partial(tables.claims_table, title="Disputes")),
        "errors": (queries.errors, tables.errors_table),
    }[args.query]
    _require_ledger(args.ledger)
    with Ledger.checked(args.ledger, read_only=True) as ledger:
        rows = query(ledger, filters)
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        Console().print(table(rows))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .ledger import Ledger, queries
    from .ledger.export import export

    _require_ledger(args.ledger)
    if args.format == "parquet" and not args.out:
        raise ReportError("input", "parquet is binary: give --out FILE")
    if args.format == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise ReportError("input", "parquet export needs pyarrow: pip install 'dateline[scale]'")
    with Ledger.checked(args.ledger, read_only=True) as ledger:
        events = queries.events(ledger)
    if not args.out:
        export(events, args.format, sys.stdout)
        return 0
    mode = "wb" if args.format == "parquet" else "w"
    with open(args.out, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as out:
        export(events, args.format, out)
    print(f"dateline: wrote {len(events)} events to {args.out}", file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from .ledger import Ledger

    _require_ledger(args.ledger)
    with Ledger.checked(args.ledger, read_only=True) as ledger:
        counts = {table: ledger.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("documents", "events", "claims", "errors")}
    print(f"dateline: {args.ledger}: every block reads back; " + ", ".join(f"{n:,} {t}" for t, n in counts.items()),
          file=sys.stderr)
    return 0


def _require_ledger(path: str) -> None:
    if not Path(path).exists():
        raise ReportError("input", f"no ledger at {path}: run `dateline ingest PATH --ledger {path}` first")
