"""The `dateline` command line: thin wrappers over the library's functions."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import ReportError
from .pipeline import extract_many
from .reports import read_jsonl, read_text_file
from .tables import print_readings
from .validate import DEFAULT_MAX_CHARS, check_text


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
    except (OSError, ReportError) as err:
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
    extract.add_argument("--format", choices=("json", "table"), default="json",
                         help="json: dateline/1 documents (default); table: events, claims and disputes as tables")
    extract.set_defaults(run=run_extract)
    serve = commands.add_parser("serve", help="browse a ledger: map, timeline, disputes, sources, JSON API",
                                description="Serve a web app and JSON API over a ledger (read-only unless --allow-writes).")
    serve.add_argument("--ledger", required=True, metavar="FILE",
                       help="the ledger, or a JSON Lines file of reports read into memory at start")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--allow-writes", action="store_true",
                       help="let POST /api/reports add reports (needs a token: --token-file or DATELINE_TOKEN)")
    serve.add_argument("--token-file", metavar="F", help="file holding the bearer token for writes")
    serve.set_defaults(run=run_serve)
    return parser


def run_extract(args: argparse.Namespace) -> int:
    if args.jsonl and args.file:
        raise ReportError("input", "give either FILE or --jsonl, not both")
    if args.jsonl:
        return _extract_jsonl(args)
    if not args.file:
        raise ReportError("input", "nothing to read: give FILE, - for standard input, or --jsonl IN.jsonl")
    from .pipeline import extract
    data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    report = read_text_file(None if args.file == "-" else Path(args.file), data, title=args.title, url=args.url,
                            outlet=args.outlet, published=args.published)
    try:
        check_text(report.text, args.max_chars)
    except ReportError as err:
        raise ReportError(err.stage, f"{args.file}: {err.reason}") from None
    document = extract(report.text, report.published, title=report.title, url=report.url, outlet=report.outlet,
                       max_chars=args.max_chars)
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
    try:
        ledger = open_ledger(args.ledger)
    except ValueError as err:
        raise ReportError("input", str(err)) from None
    app = create_app(ledger, allow_writes=args.allow_writes, token=token)
    print(f"dateline: serving {args.ledger} on http://{args.host}:{args.port}/"
          f" ({'writes allowed with the token' if args.allow_writes else 'read-only'})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def _extract_jsonl(args: argparse.Namespace) -> int:
    stream = sys.stdin.buffer if args.jsonl == "-" else open(args.jsonl, "rb")
    read, failed, documents = 0, 0, []
    with stream:
        for output in extract_many(read_jsonl(stream), workers=args.workers, batch_size=args.batch_size,
                                   max_chars=args.max_chars):
            if "error" in output:
                failed += 1
                print(f"dateline: {output['id']}: {output['error']['stage']}: {output['error']['reason']}",
                      file=sys.stderr)
                if args.format == "json":
                    sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
                continue
            read += 1
            if args.format == "table":
                documents.append(output)
            else:
                sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    if documents:
        print_readings(documents)
    if failed:
        print(f"dateline: read {read} reports, {failed} could not be read", file=sys.stderr)
    return 0 if read or not failed else 1
