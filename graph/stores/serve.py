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
from kg1571.stores.process import free_port, stop_process, wait_for_http


def find_oxigraph() -> Path:
    """The `oxigraph` server binary: next to this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServeError("the `oxigraph` server binary was not found; install it with `pip install oxigraph`")


@dataclass
class OxigraphServer:
    """An Oxigraph server on ``host:port`` over a database in ``location``; stop it with :meth:`stop`."""

    process: subprocess.Popen
    host: str
    port: int
    location: Path
    owns_location: bool

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

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


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
) -> OxigraphServer:
    """Start `oxigraph serve` (or `serve-read-only`), first loading ``data`` (Turtle or N-Triples) into the
    default graph, or into ``graph`` when given. ``location`` defaults to a new temporary folder,
    removed on stop. The server answers when this returns."""
    binary = find_oxigraph()
    owns = location is None
    location = Path(tempfile.mkdtemp(prefix="kg1571-oxigraph-")) if location is None else location
    if port is None:
        port = free_port(host)
    try:
        if data is not None:
            if not data.is_file():
                raise ServeError(f"{data}: data file not found; run `kg1571 build` first or pass --data FILE")
            command = [str(binary), "load", "--location", str(location), "--file", str(data)]
            if graph:
                command += ["--graph", graph]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise ServeError(f"`oxigraph load` failed on {data}: {done.stderr.strip() or done.stdout.strip()}")
        mode = "serve-read-only" if read_only else "serve"
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
        process = subprocess.Popen(
            [str(binary), mode, "--location", str(location), "--bind", bind],
            stdout=out,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        server = OxigraphServer(process, host, port, location, owns)
        try:
            wait_for_http(server.base_url + "/query?query=ASK%7B%7D", startup_s, process)
        except ServeError as exc:
            server.stop()
            raise ServeError(
                f"the Oxigraph server did not start on {bind}: {exc}; is the port in use? try --port"
            ) from None
        return server
    except BaseException:
        if owns:
            shutil.rmtree(location, ignore_errors=True)
        raise
