"""Load test of `dateline serve`: C concurrent clients for S seconds against a ledger, on loopback only.

Starts `dateline serve` (its default settings) on a free 127.0.0.1 port (unless --url names a loopback
server already running), then each client loops over a mix of API requests (filtered and paged lists,
single events and documents, CSV exports) until the time is up or --max-requests is reached. Prints
requests, errors (non-2xx or transport failures), throughput, latency percentiles and the CPU time the
server and this generator spent per request (they share the machine's cores); exits 1 on any error.
--runs N starts a fresh server for each of N runs. Unless --no-readme (or --url), writes
benchmarks/load-results.json and rewrites the README's load table (`make load` does all of it).

usage: python benchmarks/load.py LEDGER [--clients 50] [--seconds 30] [--runs 1] [--warmup 0]
                                 [--max-requests 200000] [--no-readme]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

import duckdb
import httpcore
import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from readme_section import replace_section  # noqa: E402  (a script beside scripts/evaluate.py)
RESULTS = ROOT / "benchmarks" / "load-results.json"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TIMEOUTS = {"connect": 30, "read": 30, "write": 30, "pool": 30}  # seconds
COUNTRIES = ["UKR", "LBY", "COD", "MLI", "SOM", "SDN", "LBN", "SSD", "NGA", "SYR"]


def requests_mix(rng: random.Random, ids: dict[str, list[str]]) -> tuple[str, dict]:
    """One request, drawn from what a map page, a researcher's script and a spreadsheet user send."""
    choice = rng.random()
    if choice < 0.35:
        return "/api/events", {"country": rng.choice(COUNTRIES), "limit": 50, "offset": rng.choice((0, 50, 100))}
    if choice < 0.50:
        return "/api/events", {"start": f"2024-{rng.randint(1, 12):02d}", "type": rng.choice(("ASSAULT", "FIGHT"))}
    if choice < 0.65:
        return f"/api/events/{rng.choice(ids['events'])}", {}
    if choice < 0.80:
        return f"/api/documents/{rng.choice(ids['documents'])}", {}
    if choice < 0.90:
        return "/api/claims", {"country": rng.choice(COUNTRIES), "limit": 20}
    if choice < 0.97:
        return "/api/documents", {"source": "Wire", "limit": 20, "offset": rng.randint(0, 500)}
    return "/api/events.csv", {"country": rng.choice(COUNTRIES), "start": "2026-06"}


async def client(number: int, base: str, ids: dict, deadline: float, budget: list[int], results: list) -> None:
    """One keep-alive connection, one request at a time. httpcore rather than httpx: a third of the CPU a
    request costs httpx, CPU the server on the same cores would otherwise lose."""
    rng = random.Random(number)
    async with httpcore.AsyncConnectionPool(max_connections=1) as pool:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            path, params = requests_mix(rng, ids)
            url = f"{base}{path}?{urlencode(params)}" if params else f"{base}{path}"
            began = time.perf_counter()
            try:
                status = (await pool.request("GET", url, extensions={"timeout": TIMEOUTS})).status
            except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as err:
                status = type(err).__name__
            results.append((time.perf_counter() - began, status, path.split("/")[2] if "/" in path[1:] else path))


def known_ids(base: str) -> dict[str, list[str]]:
    with httpx.Client(base_url=base, timeout=60) as http:
        return {kind: [row["id"] for row in http.get(f"/api/{kind}", params={"limit": 1000}).json()["rows"]]
                for kind in ("events", "documents")}


def start_server(ledger: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--ledger", ledger, "--port", str(port)],
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(f"{base}/api/events", params={"limit": 1}, timeout=2)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not answer in 60 s")


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def cpu_seconds(process: psutil.Process, *, descendants: bool = True) -> float:
    """CPU time of a process, and of its descendants (a server's workers) unless told not to, user and system."""
    total = 0.0
    for member in [process, *(process.children(recursive=True) if descendants else ())]:
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def report(results: list, seconds: float) -> dict:
    latencies = sorted(r[0] for r in results)
    errors = [r for r in results if not (isinstance(r[1], int) and 200 <= r[1] < 300)]
    return {"requests": len(results), "errors": len(errors), "seconds": round(seconds, 1),
            "requests_per_second": round(len(results) / seconds, 1),
            **{f"p{int(q * 100)}_ms": round(1000 * percentile(latencies, q), 1) for q in (0.5, 0.9, 0.95, 0.99)},
            "max_ms": round(1000 * latencies[-1], 1),
            "error_kinds": sorted({f"{r[2]}:{r[1]}" for r in errors})[:10]}


async def run(base: str, ids: dict, clients: int, seconds: float, max_requests: int) -> dict:
    results: list = []
    began = time.monotonic()
    budget = [max_requests]
    await asyncio.gather(*(client(n, base, ids, began + seconds, budget, results) for n in range(clients)))
    return report(results, time.monotonic() - began)


def measure(args: argparse.Namespace) -> dict:
    """One run: a fresh server unless --url, the load, and what it cost the server and this process in CPU."""
    server, base = start_server(args.ledger) if not args.url else (None, args.url)
    watched = psutil.Process(server.pid) if server else None
    generator = psutil.Process()
    try:
        ids = known_ids(base)
        if args.warmup:  # the same mix, untimed: fills the server's answer cache as a while in service would
            asyncio.run(run(base, ids, args.clients, args.warmup, args.max_requests))
        server_before, generator_before = cpu_seconds(watched) if watched else 0.0, cpu_seconds(generator, descendants=False)
        load_before = os.getloadavg()[0]
        figures = asyncio.run(run(base, ids, args.clients, args.seconds, args.max_requests))
        server_cpu = cpu_seconds(watched) - server_before if watched else None
        generator_cpu = cpu_seconds(generator, descendants=False) - generator_before  # the server is its child
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    requests = max(1, figures["requests"])
    return {**figures, "server_cpu_ms_per_request": round(1000 * server_cpu / requests, 2) if watched else None,
            "generator_cpu_ms_per_request": round(1000 * generator_cpu / requests, 2),
            "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def load_table(results: dict) -> str:
    """The README's load section, from benchmarks/load-results.json."""
    runs, setup = results["runs"], results["setup"]
    warmed = f", warmed up by {setup['warmup_seconds']:g} s of the same requests (untimed)" if setup["warmup_seconds"] else ""
    lines = [f"`{setup['command']}`: {setup['clients']} concurrent clients for {setup['seconds']:g} s a run, each run "
             f"against a freshly started `dateline serve --ledger LEDGER` (default settings) on 127.0.0.1{warmed}; "
             f"{setup['events']:,} events in the ledger; {setup['cores']} cores shared by the server, this load "
             "generator and whatever else the machine runs (load average at the start and end of each run):", "",
             "| run | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/request "
             "| generator CPU ms/request | share of the cores they got | load average |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for number, run in enumerate(runs, 1):
        cpu_ms = run["server_cpu_ms_per_request"] + run["generator_cpu_ms_per_request"]
        share = cpu_ms * run["requests_per_second"] / 1000 / setup["cores"]
        lines.append(f"| {number} | {run['requests']:,} | {run['errors']} | {run['requests_per_second']} | "
                     f"{run['p50_ms']} | {run['p95_ms']} | {run['p99_ms']} | {run['max_ms']} | "
                     f"{run['server_cpu_ms_per_request']} | {run['generator_cpu_ms_per_request']} | {share:.0%} | "
                     f"{run['load_average'][0]} → {run['load_average'][1]} |")
    worst = max(run["p99_ms"] for run in runs)
    errors = sum(run["errors"] for run in runs)
    lines += ["", f"Against the bar (0 errors, p99 under 200 ms): {errors} errors, worst p99 {worst:,} ms: "
                  + ("met." if errors == 0 and worst < 200 else "not met.")]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", nargs="?", help="ledger to serve (not needed with --url)")
    parser.add_argument("--url", help="a server already running on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--runs", type=int, default=1, help="runs, each against a freshly started server")
    parser.add_argument("--warmup", type=float, default=0.0, help="seconds of untimed requests first")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many in all")
    parser.add_argument("--no-readme", action="store_true", help="do not write load-results.json and the README")
    args = parser.parse_args()
    if not (args.url or args.ledger):
        parser.error("give a LEDGER to serve or --url")
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        parser.error("load tests run against loopback only")
    runs = []
    for _ in range(args.runs):
        runs.append(measure(args))
        print(json.dumps({"clients": args.clients, "warmup_seconds": args.warmup, **runs[-1]}, indent=1))
    if not (args.no_readme or args.url):
        results = {"setup": {"command": " ".join(["python", "benchmarks/load.py", *sys.argv[1:]]),
                             "clients": args.clients, "seconds": args.seconds, "warmup_seconds": args.warmup,
                             "events": ledger_events(args.ledger), "cores": os.cpu_count()},
                   "runs": runs}
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        replace_section("load", load_table(results))
    return 1 if any(run["errors"] for run in runs) else 0


def ledger_events(path: str) -> int:
    with duckdb.connect(path, read_only=True) as con:
        return con.execute("SELECT count(*) FROM events").fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())
