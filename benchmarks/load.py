"""Load test of `dateline serve`: C concurrent clients for S seconds against a ledger, on loopback only.

Starts `dateline serve` on a free 127.0.0.1 port (unless --url names a loopback server already
running), then each client loops over a mix of API requests (filtered and paged lists, single events
and documents, CSV exports) until the time is up or --max-requests is reached. Prints requests,
errors (non-2xx or transport failures), throughput and latency percentiles; exits 1 on any error.

usage: python benchmarks/load.py LEDGER [--clients 50] [--seconds 30] [--warmup 0] [--max-requests 200000]
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
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = ("127.0.0.1", "localhost", "::1")
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
    rng = random.Random(number)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            path, params = requests_mix(rng, ids)
            began = time.perf_counter()
            try:
                status = (await http.get(path, params=params)).status_code
            except httpx.HTTPError as err:
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


def report(results: list, seconds: float) -> dict:
    latencies = sorted(r[0] for r in results)
    errors = [r for r in results if not (isinstance(r[1], int) and 200 <= r[1] < 300)]
    return {"requests": len(results), "errors": len(errors), "seconds": round(seconds, 1),
            "requests_per_second": round(len(results) / seconds, 1),
            **{f"p{int(q * 100)}_ms": round(1000 * percentile(latencies, q), 1) for q in (0.5, 0.9, 0.99)},
            "max_ms": round(1000 * latencies[-1], 1),
            "error_kinds": sorted({f"{r[2]}:{r[1]}" for r in errors})[:10]}


async def run(base: str, clients: int, seconds: float, max_requests: int, warmup: float = 0.0) -> dict:
    ids = known_ids(base)
    if warmup:  # the same mix, untimed: fills the server's answer cache as a while in service would
        await asyncio.gather(*(client(n, base, ids, time.monotonic() + warmup, [max_requests], [])
                               for n in range(clients)))
    results: list = []
    began = time.monotonic()
    budget = [max_requests]
    await asyncio.gather(*(client(n, base, ids, began + seconds, budget, results) for n in range(clients)))
    return report(results, time.monotonic() - began)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", nargs="?", help="ledger to serve (not needed with --url)")
    parser.add_argument("--url", help="a server already running on loopback, e.g. http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=0.0, help="seconds of untimed requests first")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many in all")
    args = parser.parse_args()
    if not (args.url or args.ledger):
        parser.error("give a LEDGER to serve or --url")
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        parser.error("load tests run against loopback only")
    server = None
    if not args.url:
        server, args.url = start_server(args.ledger)
    try:
        figures = asyncio.run(run(args.url, args.clients, args.seconds, args.max_requests, args.warmup))
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"clients": args.clients, "warmup_seconds": args.warmup, **figures}, indent=1))
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
