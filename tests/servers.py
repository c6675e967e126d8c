"""Real triple-store servers for the tests: Oxigraph (PyPI `oxigraph`) and OpenLink Virtuoso 7 (Debian's
virtuoso-opensource-7-bin unpacked by scripts/install-virtuoso.sh), on 127.0.0.1, free ports, stopped by PID."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

from kg1571.errors import ServeError
from kg1571.stores.process import free_port, stop_process, wait_for_http
from kg1571.stores.serve import OxigraphServer, start_oxigraph

ROOT = Path(__file__).resolve().parents[1]

VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # a fresh Virtuoso database's administrator


def virtuoso_home() -> Path:
    """Where scripts/install-virtuoso.sh unpacks Virtuoso ($KG1571_VIRTUOSO_HOME or <repo>/.cache/virtuoso)."""
    return Path(os.environ.get("KG1571_VIRTUOSO_HOME") or ROOT / ".cache" / "virtuoso")


def find_virtuoso() -> tuple[Path, dict[str, str]] | None:
    """The virtuoso-t binary and the environment to run it with, or None when it is not installed."""
    home = virtuoso_home()
    unpacked = home / "usr" / "bin" / "virtuoso-t"
    env = dict(os.environ)
    if unpacked.is_file():
        libs = [home / "lib" / "x86_64-linux-gnu", home / "usr" / "lib" / "x86_64-linux-gnu"]
        env["LD_LIBRARY_PATH"] = ":".join([str(p) for p in libs] + [env.get("LD_LIBRARY_PATH", "")]).rstrip(":")
        return unpacked, env
    system = shutil.which("virtuoso-t")
    return (Path(system), env) if system else None


@dataclass
class VirtuosoServer:
    """A Virtuoso process with its own database folder; :meth:`stop` ends it by PID."""

    process: subprocess.Popen
    http_port: int
    sql_port: int
    folder: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(encoding="utf-8", errors="replace")[-3000:] if path.exists() else ""

    def stop(self, timeout: float = 20.0) -> None:
        stop_process(self.process, timeout)


def _virtuoso_ini(folder: Path, http_port: int, sql_port: int) -> str:
    return textwrap.dedent(f"""\
        [Database]
        DatabaseFile = {folder}/virtuoso.db
        ErrorLogFile = {folder}/virtuoso.log
        LockFile = {folder}/virtuoso.lck
        TransactionFile = {folder}/virtuoso.trx
        xa_persistent_file = {folder}/virtuoso.pxa
        ErrorLogLevel = 7
        FileExtend = 200
        MaxCheckpointRemap = 2000
        Striping = 0
        TempStorage = TempDatabase

        [TempDatabase]
        DatabaseFile = {folder}/virtuoso-temp.db
        TransactionFile = {folder}/virtuoso-temp.trx
        MaxCheckpointRemap = 2000
        Striping = 0

        [Parameters]
        ServerPort = 127.0.0.1:{sql_port}
        DisableUnixSocket = 1
        ServerThreads = 10
        CheckpointInterval = 60
        NumberOfBuffers = 10000
        MaxDirtyBuffers = 6000
        DirsAllowed = {folder}
        VADInstallDir = {folder}/vad

        [HTTPServer]
        ServerPort = 127.0.0.1:{http_port}
        ServerRoot = {folder}
        MaxClientConnections = 8
        ServerThreads = 8

        [SPARQL]
        ResultSetMaxRows = 100000
        MaxQueryExecutionTime = 60
        MaxQueryCostEstimationTime = 400
        """)


def start_virtuoso(folder: Path, startup_s: float = 90.0) -> VirtuosoServer:
    """Start `virtuoso-t +foreground` on a fresh database in ``folder``; raise ServeError when it cannot."""
    found = find_virtuoso()
    if found is None:
        raise ServeError(f"virtuoso-t not found in {virtuoso_home()} nor on PATH; run scripts/install-virtuoso.sh")
    binary, env = found
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    while sql_port == http_port:
        sql_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_virtuoso_ini(folder, http_port, sql_port), encoding="utf-8")
    out = open(folder / "stdout.log", "ab")  # noqa: SIM115 - handed to the child
    process = subprocess.Popen(
        [str(binary), "+foreground", "+configfile", str(ini)],
        cwd=folder,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    out.close()
    server = VirtuosoServer(process, http_port, sql_port, folder)
    try:
        wait_for_http(f"{server.base_url}/sparql?query=ASK%7B%7D", startup_s, process)
    except ServeError as exc:
        server.stop()
        raise ServeError(f"Virtuoso did not start: {exc}\n{server.log()}") from None
    return server


def start_oxigraph_store(folder: Path) -> OxigraphServer:
    """A writable Oxigraph server over an empty database in ``folder``."""
    return start_oxigraph(None, location=folder, read_only=False, log=folder.parent / "oxigraph.log")
