"""Run queries in a forked worker process with a deadline, a memory allowance and an answer-size cap.

pyoxigraph evaluates a query in Rust, out of reach of Python's signal handlers: a runaway query can be
neither interrupted nor bounded in-process. A worker forked from the process that loaded the store inherits
the store copy-on-write (nothing is copied or pickled on the way in) and runs under ``RLIMIT_AS``; queries go
to it and answers come back, pickled, through two pipes. The parent waits for each answer with a deadline;
on time-out, Ctrl-C or SIGTERM it kills the worker at once, and the next query forks a fresh one. The worker
ends when the parent does (its request pipe reaches end of file). Where fork is not available queries run
in-process, without these limits.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg1571.errors import QueryError, QueryLimitExceeded

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_RESULT_MB = 512

_HEADER = struct.Struct("!Q")
_OPEN_WORKER_FDS: set[int] = set()  # parent-side pipe ends of every live worker, closed in new workers


@dataclass(frozen=True)
class Limits:
    """How long a query may run, how much more memory than the loaded process it may take, how large its
    answer may be. ``timeout_s`` of 0 or None means no time limit."""

    timeout_s: float | None = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    result_mb: int = DEFAULT_RESULT_MB


class ChildFailure(Exception):
    """An exception raised in the worker, sent back by type name and message (exceptions with custom
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


def _write_message(fd: int, payload: bytes) -> None:
    view = memoryview(_HEADER.pack(len(payload)) + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


#: The signals that stop a query (Ctrl-C, SIGTERM). They are held while the worker is forked: one arriving
#: between fork() and the parent recording the pid would leave the worker running, out of stop()'s reach
#: and holding the parent's stdout open.
_STOPPING = {signal.SIGINT, signal.SIGTERM}


def _serve(
    handler: Callable[[object], object], limits: Limits, requests: int, answers: int, mask: Iterable[int]
) -> None:
    """The worker's loop: one request in, one answer out, until the parent closes the request pipe."""
    import faulthandler

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    faulthandler.disable()  # an abort on memory exhaustion is reported by the parent, without a dump
    try:  # answers go through the pipe; Rust's "memory allocation failed" noise goes nowhere
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
    while True:
        head = _read_exactly(requests, _HEADER.size)
        if head is None:
            os._exit(0)
        body = _read_exactly(requests, _HEADER.unpack(head)[0])
        if body is None:
            os._exit(0)
        try:
            payload = pickle.dumps(("ok", handler(pickle.loads(body))), protocol=pickle.HIGHEST_PROTOCOL)  # noqa: S301
        except MemoryError:
            payload = pickle.dumps(("error", "MemoryError", ""))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as text
            kind = "SyntaxError" if isinstance(exc, SyntaxError) else type(exc).__name__
            payload = pickle.dumps(("error", kind, str(exc)))
        if len(payload) > limits.result_mb * 1024 * 1024:
            payload = pickle.dumps(("error", "ResultTooLarge", str(len(payload))))
        _write_message(answers, payload)


class Worker:
    """A forked process answering ``handler(request)`` under ``limits``; forked at the first call, and again
    after a time-out, an interruption or a crash."""

    def __init__(self, handler: Callable[[object], object], limits: Limits):
        self.handler = handler
        self.limits = limits
        self.pid: int | None = None
        self._requests = self._answers = -1

    def _start(self) -> None:
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        # Ctrl-C or SIGTERM between fork() and the parent recording the worker's pid would leave the worker
        # running, unkillable by stop() and holding the parent's stdout open: hold those signals until then.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            pid = os.fork()
            if pid == 0:  # the worker (it unblocks the signals once it has its own handlers)
                for fd in (request_write, answer_read, *_OPEN_WORKER_FDS):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                try:
                    _serve(self.handler, self.limits, request_read, answer_write, previous)
                finally:
                    os._exit(0)
            os.close(request_read)
            os.close(answer_write)
            self.pid, self._requests, self._answers = pid, request_write, answer_read
            _OPEN_WORKER_FDS.update((request_write, answer_read))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    def stop(self) -> None:
        """Kill the worker (if any) and reap it."""
        if self.pid is None:
            return
        for fd in (self._requests, self._answers):
            _OPEN_WORKER_FDS.discard(fd)
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self.pid = None

    def __del__(self) -> None:
        try:
            self.stop()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def call(self, request: object, what: str = "query") -> object:
        """The worker's answer to ``request``; raise QueryLimitExceeded when it runs past the limits and
        ChildFailure for an exception raised by the handler."""
        if not hasattr(os, "fork"):
            return self.handler(request)
        deadline = time.monotonic() + self.limits.timeout_s if self.limits.timeout_s else None
        finished = False
        try:
            if self.pid is None:
                self._start()
            _write_message(self._requests, pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            head = self._read(_HEADER.size, deadline, what)
            data = self._read(_HEADER.unpack(head)[0], deadline, what) if head is not None else None
            finished = data is not None
        except BrokenPipeError:
            data = None
        finally:
            if not finished:  # time-out, Ctrl-C, SIGTERM, a crashed worker: kill it now, fork anew next time
                self.stop()
        if data is None:
            raise QueryLimitExceeded(
                f"{what}: stopped when it ran out of memory (allowance {self.limits.memory_mb:,} MiB above the "
                "loaded graph); narrow the query (LIMIT, fewer unbound variables)"
            )
        outcome = pickle.loads(data)  # noqa: S301 - written by our own worker
        if outcome[0] == "ok":
            return outcome[1]
        _, kind, message = outcome
        if kind == "MemoryError":
            self.stop()  # its heap may be fragmented: start clean
            raise QueryLimitExceeded(
                f"{what}: stopped when it ran out of memory (allowance {self.limits.memory_mb:,} MiB above the "
                "loaded graph); narrow the query (LIMIT, fewer unbound variables)"
            )
        if kind == "ResultTooLarge":
            raise QueryLimitExceeded(
                f"{what}: the answer is larger than {self.limits.result_mb:,} MiB; add a LIMIT or select fewer "
                "variables"
            )
        raise ChildFailure(kind, message)

    def _read(self, size: int, deadline: float | None, what: str) -> bytes | None:
        chunks, left = [], size
        while left:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._answers], [], [], wait)
            if not ready:
                raise QueryLimitExceeded(
                    f"{what}: stopped after {self.limits.timeout_s:g} s (the time limit); narrow the query (LIMIT, "
                    "more specific patterns) or raise the limit with --timeout SECONDS (0: none)"
                )
            chunk = os.read(self._answers, min(left, 1 << 20))
            if not chunk:
                return None  # the worker died (killed by the kernel or aborted on memory exhaustion)
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)


__all__ = ["ChildFailure", "Limits", "QueryError", "QueryLimitExceeded", "Worker"]
