"""A time limit on the work done for one report: past it, the work is interrupted and the report
becomes a ReportError ("took longer than N s"), so one pathological report cannot stall a batch.

What can be interrupted: in a process's main thread (the local engine, `--workers` processes,
`dateline extract`) a SIGALRM timer raises in the running Python code, and inside a regular-expression
match or a sleep, which check for signals. In any other thread (Dask workers run tasks in threads) a
watchdog thread raises in the worker thread instead, which Python delivers only between bytecodes, so a
single long C call (one regex match) finishes first. In both, C code that does not check for signals (one
lxml parse, one numpy operation) finishes first; only killing the process would stop it sooner. A spaCy
parse returns to Python often and is interrupted within a fraction of a second."""
from __future__ import annotations

import ctypes
import signal
import threading
from typing import Callable, TypeVar

from .errors import ReportError

DEFAULT_MAX_SECONDS = 60.0
Result = TypeVar("Result")


class TimeLimitExceeded(BaseException):
    """Raised in the code that overran. A BaseException, so that no `except Exception` on the way swallows it.
    Code that knows which stage it is running sets `stage` on the way out (`pipeline.read_parsed`)."""

    stage: str | None = None


def call_within(seconds: float | None, stage: str, work: Callable[..., Result], *args) -> Result:
    """work(*args), or ReportError(stage, "took longer than N s") once it has run `seconds` (None or 0: no
    limit). The error names the stage the work was in when interrupted, if it says, else `stage`."""
    if not seconds or seconds <= 0:
        return work(*args)
    main = threading.current_thread() is threading.main_thread() and not signal.getitimer(signal.ITIMER_REAL)[0]
    try:
        with (_Alarm if main else _Watchdog)(seconds):
            return work(*args)
    except TimeLimitExceeded as err:
        raise ReportError(err.stage or stage, f"took longer than {seconds:g} s (--max-seconds)") from None


class _Alarm:
    """SIGALRM after `seconds`; the handler raises only while armed, so a signal already on its way when the
    block ends is dropped."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def _fire(self, signum, frame) -> None:
        if self.armed:
            self.armed = False
            raise TimeLimitExceeded

    def __enter__(self) -> None:
        self.previous = signal.signal(signal.SIGALRM, self._fire)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


class _Watchdog:
    """A timer thread that raises TimeLimitExceeded in this thread after `seconds`; on the way out, an
    exception raised but not yet delivered is withdrawn."""

    def __init__(self, seconds: float):
        self.thread = threading.get_ident()
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.lock = threading.Lock()
        self.armed = self.fired = False

    def _fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                _raise_in_thread(self.thread, TimeLimitExceeded)

    def __enter__(self) -> None:
        self.armed = True
        self.timer.start()

    def __exit__(self, *exc) -> None:
        with self.lock:
            self.armed = False
            if self.fired:
                _raise_in_thread(self.thread, None)
        self.timer.cancel()


def _raise_in_thread(thread: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                               ctypes.py_object(exception) if exception else None)
