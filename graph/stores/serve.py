"""Run a local Oxigraph SPARQL server (the `oxigraph` binary from PyPI) with the graph loaded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg1571.errors import ServeError
from kg1571.stores.process import free_port, stop_process


def find_oxigraph() -> Path:
    """The `oxigraph` server binary: next to this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServeError("the `oxigraph` server binary was not found; install it with `pip install oxigraph`")


#: A process that outlives `kg1571 serve` however it ends (even by SIGKILL): it reads its stdin, a pipe whose
#: other end only the serving process holds, until end of file; then it ends the Oxigraph server and removes
#: the temporary folders. It runs in its own session, so Ctrl-C in the terminal does not reach it.
_WATCHDOG = """
import os, shutil, signal, sys, time
folders, pids = sys.argv[1:], []
try:
    for line in sys.stdin.buffer:  # one PID per line, as servers are started
        pids.append(int(line))
except BaseException:
    pass
def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except ProcessLookupError:
            return False
for pid in pids:
    try:
        if running(pid):
            os.kill(pid, signal.SIGTERM)
        for _ in range(200):
            if not running(pid):
                break
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
for folder in folders:
    shutil.rmtree(folder, ignore_errors=True)
"""


def _die_with_parent() -> None:  # runs in the Oxigraph child between fork and exec
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@dataclass
class OxigraphServer:
    """An Oxigraph server on ``host:port`` over a database in ``location``; stop it with :meth:`stop`."""

    process: subprocess.Popen
    host: str
    port: int
    location: Path
    owns_location: bool
    watchdog: subprocess.Popen | None = None
    command: tuple[str, ...] = ()

    def watch(self, process: subprocess.Popen) -> None:
        """Tell the watchdog about a server process it must end when we end."""
        if self.watchdog is not None and self.watchdog.stdin is not None:
            try:
                self.watchdog.stdin.write(f"{process.pid}\n".encode())
                self.watchdog.stdin.flush()
            except OSError:
                pass

    def restart(self, startup_s: float = 30.0) -> None:
        """Replace the server process by a fresh one on a new port over the same (read-only) database: the
        only way to stop a query Oxigraph does not interrupt. Call it from the thread that started the server
        (the parent-death signal belongs to the thread); the old process is stopped after the swap."""
        port = free_port(self.host)
        bind = f"[{self.host}]:{port}" if ":" in self.host else f"{self.host}:{port}"
        command = [*self.command[:-1], bind]
        process = _popen(command, None)
        self.watch(process)
        fresh = OxigraphServer(process, self.host, port, self.location, False)
        try:
            wait_for_oxigraph(fresh, startup_s)
        except ServeError:
            stop_process(process, 5)
            raise
        old, self.process, self.port, self.command = self.process, process, port, tuple(command)
        stop_process(old, 5)

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base_url + "/query"

    @property
    def update_url(self) -> str:
        return self.base_url + "/update"

    @property
    def store_url(self) -> str:
        return self.base_url + "/store"

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server process (by its PID) and remove a database folder this object created."""
        stop_process(self.process, timeout)
        if self.owns_location:
            shutil.rmtree(self.location, ignore_errors=True)
        if self.watchdog is not None:
            if self.watchdog.stdin is not None:
                self.watchdog.stdin.close()
            try:
                self.watchdog.wait(timeout)
            except subprocess.TimeoutExpired:
                self.watchdog.kill()
                self.watchdog.wait()

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def check_port_free(host: str, port: int) -> None:
    """Raise ServeError when ``port`` cannot be bound on ``host`` (in use, privileged, not our address)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.bind((host, port))
    except OSError as exc:
        raise bind_error(host, port, exc) from None


def bind_error(host: str, port: int, exc: OSError) -> ServeError:
    """What a failed bind means, in words."""
    import errno
    import socket

    if isinstance(exc, socket.gaierror):
        return ServeError(f"--host {host}: not an address of this machine ({exc.strerror}); use e.g. 127.0.0.1")
    if exc.errno == errno.EADDRINUSE:
        return ServeError(
            f"port {port} on {host} is in use by another program; choose another --port (--port 0: any free one)"
        )
    if exc.errno == errno.EACCES:
        return ServeError(f"port {port} needs privileges (ports below 1024); choose --port 1024 or above")
    if exc.errno == errno.EADDRNOTAVAIL:
        return ServeError(f"--host {host}: not an address of this machine; use e.g. 127.0.0.1")
    return ServeError(f"cannot listen on {host} port {port} ({exc.strerror})")


def wait_for_oxigraph(server: OxigraphServer, deadline_s: float) -> None:
    """Wait until *our* server answers ASK {} with SPARQL JSON `true`; another program answering on the port,
    or our process exiting, is a ServeError at once."""
    import json
    import time
    import urllib.error
    import urllib.request

    url = server.base_url + "/query?query=ASK%7B%7D"
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if server.process.poll() is not None:
            raise ServeError(
                f"the Oxigraph server exited with code {server.process.returncode} before answering on "
                f"{server.host} port {server.port}"
            )
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                body = response.read(1000)
        except urllib.error.HTTPError as exc:
            body = exc.read(1000) if exc.fp is not None else b""
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.05)
            continue
        try:
            answer = json.loads(body)
        except ValueError:
            answer = None
        if isinstance(answer, dict) and answer.get("boolean") is True:
            return
        raise ServeError(
            f"another program answers on {server.host} port {server.port} (not the Oxigraph server kg1571 started)"
        )
    raise ServeError(f"no answer from {url} within {deadline_s:.0f} s")


def _popen(command: list[str], log: Path | None) -> subprocess.Popen:
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
    return subprocess.Popen(
        command,
        stdout=out,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
    )


def start_oxigraph(
    data: Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    location: Path | None = None,
    read_only: bool = False,
    graph: str | None = None,
    startup_s: float = 30.0,
    log: Path | None = None,
    timeout_s: float | None = None,
    cleanup: tuple[Path, ...] = (),
) -> OxigraphServer:
    """Start `oxigraph serve` (or `serve-read-only`), first loading ``data`` (Turtle or N-Triples) into the
    default graph, or into ``graph`` when given. ``location`` defaults to a new temporary folder,
    removed on stop. ``timeout_s`` is Oxigraph's query time limit. The server answers when this returns; it
    ends when this process does, even by SIGKILL, and a watchdog then removes ``location`` (if ours) and
    ``cleanup``. ``port`` None or 0: a free port."""
    binary = find_oxigraph()
    owns = location is None
    location = Path(tempfile.mkdtemp(prefix="kg1571-oxigraph-")) if location is None else location
    if not port:
        port = free_port(host)
    else:
        check_port_free(host, port)
    try:
        if data is not None:
            if not data.is_file():
                raise ServeError(f"{data}: data file not found; run `kg1571 build` first or pass --data FILE")
            command = [str(binary), "load", "--location", str(location), "--file", str(data)]
            if graph:
                command += ["--graph", graph]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                message = (done.stderr.strip() or done.stdout.strip())[:500]
                raise ServeError(f"`oxigraph load` failed on {data}: {message}")
        mode = "serve-read-only" if read_only else "serve"
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        command = [str(binary), mode, "--location", str(location)]
        if timeout_s:
            command += ["--timeout-s", str(max(1, round(timeout_s)))]
        command += ["--bind", bind]  # last, so restart() can swap the address
        process = _popen(command, log)
        folders = [str(p) for p in ((location,) if owns else ()) + tuple(cleanup)]
        watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, *folders],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        server = OxigraphServer(process, host, port, location, owns, watchdog, tuple(command))
        server.watch(process)
        try:
            wait_for_oxigraph(server, startup_s)
        except ServeError as exc:
            server.stop()
            raise ServeError(f"the Oxigraph server did not start: {exc}") from None
        return server
    except BaseException:
        if owns:
            shutil.rmtree(location, ignore_errors=True)
        raise
