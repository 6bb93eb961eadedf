"""Answers to GET requests, remembered while the ledger stays as it is.

A GET answer is a function of its URL and of the ledger's version: the same URL gets the same bytes
without running the app again until the ledger changes, through a write request to this app or through
another process (`dateline ingest` writing the file). Either forgets every answer.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable

MAX_BYTES = 64_000_000          # all answers together: least recently used ones go first
MAX_ANSWER_BYTES = 4_000_000    # larger answers (a map of every event) are computed each time
WRITES = ("POST", "PUT", "PATCH", "DELETE")


class AnswerCache:
    """ASGI middleware: remembers 200 answers to GET by (host, path, query). It runs on the event loop
    only (no lock needed): the app's threads never touch it."""

    def __init__(self, app, version: Callable[[], object], max_bytes: int = MAX_BYTES,
                 max_answer_bytes: int = MAX_ANSWER_BYTES) -> None:
        self.app, self.version, self.max_bytes, self.max_answer_bytes = app, version, max_bytes, max_answer_bytes
        self._answers: OrderedDict[tuple, tuple[dict, bytes]] = OrderedDict()
        self._bytes = 0
        self._generation = 0  # bumped by every change: an answer computed across a change is not kept
        self._version = version()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in WRITES:
            self._forget()
            try:
                return await self.app(scope, receive, send)
            finally:
                self._forget()
        if scope["type"] != "http" or scope["method"] != "GET":
            return await self.app(scope, receive, send)
        version = self.version()
        if version != self._version:
            self._forget()
            self._version = version
        key = (dict(scope["headers"]).get(b"host"), scope["root_path"], scope["path"], scope["query_string"])
        hit = self._recall(key)
        if hit:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        generation, start, chunks = self._generation, {}, []

        async def keep(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        if start.get("status") == 200:
            self._keep(key, generation, start, b"".join(chunks))

    def _recall(self, key: tuple) -> tuple[dict, bytes] | None:
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        return None

    def _keep(self, key: tuple, generation: int, start: dict, body: bytes) -> None:
        if len(body) > self.max_answer_bytes:
            return
        if generation != self._generation or key in self._answers:
            return
        self._answers[key] = start, body
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            _, (_, dropped) = self._answers.popitem(last=False)
            self._bytes -= len(dropped)

    def _forget(self) -> None:
        self._answers.clear()
        self._bytes = 0
        self._generation += 1
