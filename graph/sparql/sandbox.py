"""Run one query in a forked child with a deadline, a memory allowance and a result-size cap.

pyoxigraph evaluates a query in Rust, out of reach of Python's signal handlers: a runaway query can be
neither interrupted nor bounded in-process. A forked child inherits the loaded store copy-on-write (nothing
is copied or pickled on the way in), runs the query under ``RLIMIT_AS``, and sends back the answer as pickled
plain values. The parent waits on the pipe with a deadline; on time-out, Ctrl-C or SIGTERM it kills the
child at once. Where fork is not available the query runs in-process, without these limits.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kg1571.errors import QueryError, QueryLimitExceeded

T = TypeVar("T")

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_RESULT_MB = 512


@dataclass(frozen=True)
class Limits:
    """How long a query may run, how much more memory than the loaded process it may take, how large its
    answer may be. ``timeout_s`` of 0 or None means no time limit."""

    timeout_s: float | None = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    result_mb: int = DEFAULT_RESULT_MB


class ChildFailure(Exception):
    """An exception raised in the child, sent back by type name and message (exceptions with custom
    constructors do not survive pickling)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _virtual_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _child(func: Callable[[], object], limits: Limits, fd: int) -> None:
    import faulthandler

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    faulthandler.disable()  # an abort on memory exhaustion is reported by the parent, without a dump
    try:  # the answer goes through the pipe; Rust's "memory allocation failed" noise goes nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
    try:
        import resource

        base = _virtual_size()
        if base is not None and limits.memory_mb > 0:
            cap = base + limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):
        pass
    try:
        payload = pickle.dumps(("ok", func()), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("error", "MemoryError", ""))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as text
        kind = "SyntaxError" if isinstance(exc, SyntaxError) else type(exc).__name__
        payload = pickle.dumps(("error", kind, str(exc)))
    if len(payload) > limits.result_mb * 1024 * 1024:
        payload = pickle.dumps(("error", "ResultTooLarge", str(len(payload))))
    view = memoryview(payload)
    try:
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os._exit(0)


def run_limited(func: Callable[[], T], limits: Limits, what: str = "query") -> T:
    """``func()`` in a forked child under ``limits``; raise QueryLimitExceeded when it runs past them and
    ChildFailure for an exception raised by ``func``."""
    if not hasattr(os, "fork"):
        return func()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reader)
        _child(func, limits, writer)
    os.close(writer)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.timeout_s if limits.timeout_s else None
    finished = False
    try:
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([reader], [], [], wait)
            if not ready:
                raise QueryLimitExceeded(
                    f"{what}: stopped after {limits.timeout_s:g} s (the time limit); narrow the query (LIMIT, "
                    "more specific patterns) or raise the limit with --timeout SECONDS (0: none)"
                )
            chunk = os.read(reader, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        finished = True
    finally:
        os.close(reader)
        if not finished:  # time-out, Ctrl-C, SIGTERM: the child is killed at once and reaped
            _kill(pid)
            os.waitpid(pid, 0)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    if not data:
        signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        if signum in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV, signal.SIGBUS):
            raise QueryLimitExceeded(
                f"{what}: stopped when it ran out of memory (allowance {limits.memory_mb:,} MiB above the loaded "
                "graph); narrow the query (LIMIT, fewer unbound variables)"
            )
        raise QueryError(f"{what}: the query process ended without an answer (status {status})")
    outcome = pickle.loads(data)  # noqa: S301 - written by our own child
    if outcome[0] == "ok":
        return outcome[1]
    _, kind, message = outcome
    if kind == "MemoryError":
        raise QueryLimitExceeded(
            f"{what}: stopped when it ran out of memory (allowance {limits.memory_mb:,} MiB above the loaded "
            "graph); narrow the query (LIMIT, fewer unbound variables)"
        )
    if kind == "ResultTooLarge":
        raise QueryLimitExceeded(
            f"{what}: the answer is larger than {limits.result_mb:,} MiB; add a LIMIT or select fewer variables"
        )
    raise ChildFailure(kind, message)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
