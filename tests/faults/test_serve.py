"""`kg1571 serve` cleans up and refuses what it must: a port in use is found at once, SERVICE is refused over
HTTP, Oxigraph's query timeout is passed, and SIGKILL of kg1571 ends its Oxigraph child and removes its
temporary folders. Real Oxigraph servers, real sockets."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # real builds, forks, servers or timeouts

CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def start_serve(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`kg1571 serve --port 0 ARGS` with its temporary folders under tmp_path/tmp; return it and its base URL."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "kg1571", "serve", "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path / "tmp")},
    )
    lines = [process.stdout.readline() for _ in range(5)]  # type: ignore[union-attr]
    page = next((line for line in lines if "query page:" in line), None)
    assert page is not None, (lines, process.stderr.read() if process.poll() is not None else "")  # type: ignore[union-attr]
    return process, page.split()[-1].rstrip("/")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def eventually(condition, seconds: float = 10) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def query(base: str, text: str, timeout: float = 20) -> tuple[int, str]:
    body = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(
        base + "/query", data=body, headers={"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_port_0_picks_a_free_port_at_once_and_answers(tmp_path):
    started = time.monotonic()
    process, base = start_serve(tmp_path)
    try:
        assert time.monotonic() - started < 15
        assert not base.endswith(":0")
        assert query(base, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[1].split()[0] == "n"
    finally:
        stop(process)
    assert process.returncode == 0
    assert list((tmp_path / "tmp").iterdir()) == []


def test_service_over_http_is_refused_and_no_request_is_made(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    process, base = start_serve(tmp_path)
    try:
        port = listener.getsockname()[1]
        status, text = query(base, f"SELECT * {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
        assert status == 400
        assert text == (
            "SERVICE (a federated query) is refused by kg1571 serve: this endpoint never sends queries to other "
            "endpoints. Query that endpoint directly.\n"
        )
        listener.setblocking(False)
        with pytest.raises(BlockingIOError):
            listener.accept()  # no connection was ever made
    finally:
        stop(process)
        listener.close()


def test_serve_passes_its_timeout_to_oxigraph(tmp_path):
    process, base = start_serve(tmp_path, "--timeout", "1")
    try:
        started = time.monotonic()
        status, text = query(base, CARTESIAN_COUNT)
        assert status >= 400 and time.monotonic() - started < 10, (status, text[:200])
        assert text == (
            "the query was stopped after 1 s (the time limit of kg1571 serve --timeout); narrow it (LIMIT, more "
            "specific patterns)\n"
        )
        assert query(base, "ASK { ?s ?p ?o }")[0] == 200  # a fresh Oxigraph answers the next query
    finally:
        stop(process)


def test_sigkill_of_serve_ends_oxigraph_and_removes_the_temporary_folders(tmp_path):
    process, base = start_serve(tmp_path, "--fresh")
    try:
        (oxigraph, *_watchdog) = [
            c for c in children(process.pid) if "oxigraph" in Path(f"/proc/{c}/cmdline").read_text()
        ]
        assert running(oxigraph)
        assert sorted(p.name.split("-")[1] for p in (tmp_path / "tmp").iterdir()) == ["oxigraph", "serve"]
        process.kill()
        process.wait()
        assert eventually(lambda: not running(oxigraph)), "the Oxigraph child outlived kg1571"
        assert eventually(lambda: list((tmp_path / "tmp").iterdir()) == []), list((tmp_path / "tmp").iterdir())
    finally:
        stop(process)


def test_a_port_used_by_another_http_server_is_an_error_at_once(tmp_path):
    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        port = other.server_address[1]
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "kg1571", "serve", "--port", str(port)], cwd=ROOT, capture_output=True, text=True
        )
        assert time.monotonic() - started < 10
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr == (
            f"Error: port {port} on 127.0.0.1 is in use by another program; choose another --port (--port 0: any "
            "free one)\n"
        )
    finally:
        other.shutdown()
        other.server_close()


def test_the_health_check_recognises_only_our_own_server(tmp_path):
    """Oxigraph started on a port another HTTP server holds (SO_REUSEPORT-free race): the check must not
    take that server's answer for ours."""
    from kg1571.errors import ServeError
    from kg1571.stores.serve import OxigraphServer, wait_for_oxigraph

    other = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        server = OxigraphServer(sleeper, "127.0.0.1", other.server_address[1], tmp_path, owns_location=False)
        with pytest.raises(ServeError) as raised:
            wait_for_oxigraph(server, 10)
        assert str(raised.value) == (
            f"another program answers on 127.0.0.1 port {other.server_address[1]} (not the Oxigraph server kg1571 "
            "started)"
        )
    finally:
        sleeper.kill()
        sleeper.wait()
        other.shutdown()
        other.server_close()


def test_a_host_that_is_not_ours(capsys):
    from kg1571.cli import main

    assert main(["serve", "--host", "192.0.2.1", "--port", "0"]) == 1
    assert capsys.readouterr().err == "Error: --host 192.0.2.1: not an address of this machine; use e.g. 127.0.0.1\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["--host", "127.0.0.1:80"],
            "argument --host: '127.0.0.1:80': give the address only and the port with --port, e.g. --host "
            "127.0.0.1 --port 80",
        ),
        (["--host", "example.org"], "argument --host: 'example.org' is not an IP address"),
        (["--port", "70000"], "argument --port: '70000' is not a port number from 0 to 65535 (0: any free port)"),
        (["--timeout", "x"], "argument --timeout: 'x' is not a number of seconds, e.g. --timeout 30"),
    ],
)
def test_bad_serve_arguments(capsys, args, expected):
    from kg1571.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", *args])
    assert exit_.value.code == 2
    assert expected in capsys.readouterr().err
