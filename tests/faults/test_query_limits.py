"""Queries cannot reach the network or run away: SERVICE is refused before any request, a time limit and a
memory allowance stop runaway queries with a clear message, Ctrl-C stops a query at once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from kg1571.cli import main
from kg1571.sparql.engine import KNOWN_EXTENSIONS

pytestmark = pytest.mark.slow  # real builds, forks, servers or timeouts

CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_ROWS = "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f"


@pytest.fixture
def listener():
    """A real TCP socket listening on 127.0.0.1 that never accepts: any connection attempt stays queued."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock
    sock.close()


def connections(sock: socket.socket) -> int:
    """How many connections were made to ``sock`` (they wait in its backlog; none is ever answered)."""
    sock.setblocking(False)
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ service <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ],
    ids=["service", "silent", "lower-case", "escaped", "variable"],
)
def test_service_is_refused_and_no_request_is_made(listener, capsys, template):
    port = listener.getsockname()[1]
    assert main(["query", "-e", template.format(port=port)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "Error: -e: SERVICE (a federated query) is refused: kg1571 never sends a query to another endpoint, and no "
        "request was made. Query that endpoint directly, or load its data with --data FILE\n"
    )
    assert connections(listener) == 0


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?service WHERE { ?service ?p "SERVICE" } LIMIT 1',
        "SELECT ?s WHERE { ?s k:service ?o } LIMIT 1  # SERVICE in a comment",
        "SELECT ?s WHERE { ?s ?p <http://example.org/SERVICE> } LIMIT 1",
    ],
)
def test_the_word_service_elsewhere_is_not_refused(capsys, text):
    assert main(["query", "-e", text]) == 0


def test_a_query_past_its_time_limit_is_stopped(capsys):
    started = time.monotonic()
    assert main(["query", "--timeout", "0.5", "-e", CARTESIAN_COUNT]) == 2
    elapsed = time.monotonic() - started
    assert capsys.readouterr().err == (
        "Error: -e: stopped after 0.5 s (the time limit); narrow the query (LIMIT, more specific patterns) or raise "
        "the limit with --timeout SECONDS (0: none)\n"
    )
    assert 0.5 <= elapsed < 5


def test_the_default_time_limit_is_30_seconds(capsys):
    from kg1571.cli import build_parser

    args = build_parser().parse_args(["query", "-e", "ASK {}"])
    assert args.timeout == 30.0


def test_a_query_past_its_memory_allowance_is_stopped(capsys):
    from kg1571.sparql.engine import QueryEngine, default_data_file
    from kg1571.sparql.sandbox import Limits

    engine = QueryEngine.from_file(default_data_file(ROOT), limits=Limits(timeout_s=30, memory_mb=256))
    from kg1571.errors import QueryLimitExceeded

    started = time.monotonic()
    with pytest.raises(QueryLimitExceeded) as raised:
        engine.run(CARTESIAN_ROWS, "-e")
    assert str(raised.value) == (
        "-e: stopped when it ran out of memory (allowance 256 MiB above the loaded graph); narrow the query (LIMIT, "
        "fewer unbound variables)"
    )
    assert time.monotonic() - started < 30


def test_a_too_large_answer_is_refused():
    from kg1571.errors import QueryLimitExceeded
    from kg1571.sparql.engine import QueryEngine, default_data_file
    from kg1571.sparql.sandbox import Limits

    engine = QueryEngine.from_file(default_data_file(ROOT), limits=Limits(result_mb=1))
    with pytest.raises(QueryLimitExceeded) as raised:
        engine.run("SELECT * { ?s ?p ?o }", "-e")
    assert str(raised.value) == "-e: the answer is larger than 1 MiB; add a LIMIT or select fewer variables"


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def test_ctrl_c_stops_a_query_at_once():
    process = subprocess.Popen(
        [sys.executable, "-m", "kg1571", "query", "--timeout", "0", "-e", CARTESIAN_COUNT],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not children(process.pid):  # wait for the query's child process to exist
            assert process.poll() is None and time.monotonic() < deadline, "the query never started"
            time.sleep(0.01)
        (child,) = children(process.pid)
        sent = time.monotonic()
        os.kill(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=5)
        assert time.monotonic() - sent < 2
        assert process.returncode == 130 and err == "interrupted\n"
        assert not Path(f"/proc/{child}").exists()  # the query process is gone, not orphaned
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\x00\x01\x02SELECT", "holds a NUL byte (at byte 0); a query is a text file, not binary data"),
        (b"\xff\xfe\x00", "not UTF-8 text (byte 0); a query is a UTF-8 text file"),
    ],
)
def test_a_binary_query_file(tmp_path, capsys, content, expected):
    query = tmp_path / "q.rq"
    query.write_bytes(content)
    assert main(["query", str(query)]) == 2
    assert capsys.readouterr().err == f"Error: {query}: {expected}\n"


def test_binary_stdin():
    done = subprocess.run(
        [sys.executable, "-m", "kg1571", "query", "-"], cwd=ROOT, input=b"\x89PNG\r\n\x1a\n\x00", capture_output=True
    )
    assert done.returncode == 2
    assert done.stderr == b"Error: <stdin>: not UTF-8 text (byte 0); a query is a UTF-8 text file\n"


def test_data_that_is_a_folder(tmp_path, capsys):
    assert main(["query", "--data", str(tmp_path), "-e", "ASK {}"]) == 2
    assert capsys.readouterr().err == (
        f"Error: {tmp_path}: is a folder; --data takes one RDF file ({KNOWN_EXTENSIONS})\n"
    )


TURTLE = "@prefix x: <http://example.org/> .\nx:a x:b x:c .\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # Turtle saved as .txt: Oxigraph maps .txt to N-Triples, and the message says the format was guessed so
        (
            "graph.txt",
            TURTLE,
            "not valid N-Triples (read as N-Triples, chosen from the extension .txt): Parser error at line 1 "
            "between columns 1 and 8: The subject of a triple must be an IRI or a blank node ({name}, line 1); "
            "fix the file, or give it the extension of the format it is in ({known})",
        ),
        (
            "graph.ttl",
            "@prefix x: <http://example.org/> .\nx:a x:b .\n",
            "not valid Turtle (read as Turtle, chosen from the extension .ttl): Parser error at line 2 column 9: . "
            "is not a valid RDF object ({name}, line 2); fix the file, or give it the extension of the format it "
            "is in ({known})",
        ),
        (
            "graph.graphml",
            "<graphml/>",
            "'.graphml' is not an extension of an RDF format; --data takes an RDF file named with one of {known} "
            "(rename it if it holds RDF in one of those formats)",
        ),
        ("missing.ttl", None, "data file not found; check the path given to --data"),
    ],
)
def test_data_file_errors_name_the_format_and_how_it_was_chosen(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["query", "--data", str(path), "-e", "ASK {}"]) == 2
    message = expected.format(name=name, known=KNOWN_EXTENSIONS)
    assert capsys.readouterr().err == f"Error: {path}: {message}\n"


@pytest.mark.parametrize("name", ["graph.jsonld", "graph.rdf", "graph.nt"])
def test_data_in_every_format_oxigraph_reads(tmp_path, capsys, name):
    import pyoxigraph as ox

    path = tmp_path / name
    triples = ox.parse(TURTLE.encode(), format=ox.RdfFormat.TURTLE)
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.from_extension(name.rsplit(".", 1)[1])) or b"")
    assert main(["query", "--data", str(path), "--format", "csv", "-e", "SELECT ?o WHERE { ?s ?p ?o }"]) == 0
    assert capsys.readouterr().out == "o\r\nhttp://example.org/c\r\n"


def test_load_data_names_the_format(tmp_path, capsys):
    path = tmp_path / "graph.txt"
    path.write_text(TURTLE, encoding="utf-8")
    # the file is parsed before any connection is made: the unreachable URL is never contacted
    assert main(["load", "--store", "oxigraph", "--data", str(path), "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"Error: {path} (read as N-Triples, chosen from the extension .txt): not valid N-Triples: Parser error at "
        "line 1 between columns 1 and 8"
    ), err


def test_a_named_query_is_never_a_path(tmp_path, capsys):
    (tmp_path / "x.rq").write_text("# zh: x\n# en: x\nASK {}\n", encoding="utf-8")
    rel = os.path.relpath(tmp_path / "x", ROOT / "graph" / "sparql" / "queries")
    assert main(["query", "--name", rel]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error: no named query {rel!r}; `kg1571 query --list` shows them: component-roles, ")


@pytest.mark.parametrize("value", ["abc", "-1", "nan"])
def test_a_bad_timeout(capsys, value):
    with pytest.raises(SystemExit) as exit_:
        main(["query", "--timeout", value, "-e", "ASK {}"])
    assert exit_.value.code == 2
    assert "argument --timeout: " in capsys.readouterr().err


def test_without_the_refusal_pyoxigraph_would_make_the_request(listener):
    """The control for the test above: pyoxigraph itself does send SERVICE requests."""
    import threading

    import pyoxigraph as ox

    port = listener.getsockname()[1]
    query = f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"

    def federate() -> None:
        try:
            list(ox.Store().query(query))  # type: ignore[arg-type]
        except OSError:
            pass  # the listener closes without answering

    threading.Thread(target=federate, daemon=True).start()
    listener.settimeout(10)
    conn, _ = listener.accept()
    with conn:
        assert conn.recv(12) == b"POST /sparql"
