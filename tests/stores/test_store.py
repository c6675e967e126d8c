"""Loading into real Oxigraph and Virtuoso servers, and the named queries over HTTP (no mocks)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg1571.errors import StoreAuthError, StoreConfigError, StoreNotFound, StoreRequestError, StoreUnreachable
from kg1571.sparql import library
from kg1571.sparql.engine import QueryEngine
from kg1571.sparql.results import GraphResult
from kg1571.stores.gsp import Endpoints, StoreClient, endpoints_for, ntriples_of, staging_graph
from kg1571.stores.process import free_port
from kg1571.stores.serve import start_oxigraph

ROOT = Path(__file__).resolve().parents[2]
GRAPH = "https://w3id.org/kg1571/graph"
STORES = ["oxigraph", "virtuoso"]


@pytest.fixture(scope="module")
def payload(built_graph) -> tuple[bytes, int]:
    """The real graph as canonical N-Triples and its number of distinct triples."""
    return ntriples_of(built_graph.serialize(format="nt", encoding="utf-8"), "nt")


@pytest.fixture(scope="module")
def engine(payload) -> QueryEngine:
    return QueryEngine.from_ntriples(payload[0])


@pytest.fixture
def store_env(monkeypatch, tmp_path):
    """No ambient credentials: no $KG1571_STORE_*, and an empty ~/.netrc stand-in."""
    monkeypatch.delenv("KG1571_STORE_USER", raising=False)
    monkeypatch.delenv("KG1571_STORE_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    return monkeypatch


def connect(request, kind: str, monkeypatch, *, password: str | None = "dba", attempts: int = 2) -> StoreClient:
    """A client for the running server of ``kind``; Virtuoso credentials come from the environment."""
    server = request.getfixturevalue(f"{kind}_store")
    if kind == "virtuoso" and password is not None:
        monkeypatch.setenv("KG1571_STORE_USER", "dba")
        monkeypatch.setenv("KG1571_STORE_PASSWORD", password)
    return StoreClient.connect(endpoints_for(kind, server.base_url), attempts=attempts, backoff=0.05)


@pytest.mark.parametrize("kind", STORES)
def test_named_queries_same_answers_as_in_process(request, kind, store_env, payload, engine):
    client = connect(request, kind, store_env)
    data, count = payload
    report = client.load(GRAPH, data, count)
    assert report.triples == count == client.count(GRAPH)
    assert report.staged  # every layout stages by default (Oxigraph's PUT is not atomic either)
    for named in library.all_queries():
        text = named.render()
        local = engine.run(text, f"{named.name}.rq")
        if isinstance(local, GraphResult):  # CONSTRUCT: compared as sets of triples
            triples = ox.parse(local.turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
            lines = sorted({f"{ox.Triple(t.subject, t.predicate, t.object)} ." for t in triples})
            assert client.construct(text, default_graph=GRAPH) == lines, f"{named.name}.rq differs on {kind}"
            continue
        remote = client.query(text, default_graph=GRAPH)
        assert remote == local, f"{named.name}.rq answers differently on {kind}"


@pytest.mark.parametrize("kind", STORES)
def test_reload_replaces_rather_than_duplicates(request, kind, store_env, payload):
    client = connect(request, kind, store_env)
    data, count = payload
    lines = data.splitlines(keepends=True)
    client.load(GRAPH, b"".join(lines[:10]), 10)
    assert client.count(GRAPH) == 10
    client.load(GRAPH, data, count)
    client.load(GRAPH, data, count)
    assert client.count(GRAPH) == count
    assert client.count(staging_graph(GRAPH)) == 0


@pytest.mark.parametrize("kind", STORES)
def test_failed_load_leaves_previous_graph_intact(request, kind, store_env, payload, engine):
    client = connect(request, kind, store_env, attempts=1)
    data, count = payload
    client.load(GRAPH, data, count)
    before = client.query(library.get("framework-components").render(), default_graph=GRAPH)
    lines = data.splitlines(keepends=True)
    middle = len(lines) // 2
    broken = b"".join(lines[:middle]) + b'<urn:x:a> <urn:x:b> "unterminated .\n' + b"".join(lines[middle:])
    with pytest.raises(StoreRequestError, match=r"HTTP (400|500)"):
        client.load(GRAPH, broken, count + 1)
    assert client.count(GRAPH) == count
    assert client.count(staging_graph(GRAPH)) == 0
    assert client.query(library.get("framework-components").render(), default_graph=GRAPH) == before


def test_virtuoso_wrong_or_missing_credentials(request, store_env):
    server = request.getfixturevalue("virtuoso_store")
    client = connect(request, "virtuoso", store_env, password="not-the-password", attempts=1)
    with pytest.raises(StoreAuthError) as info:
        client.load(GRAPH, b"<urn:x:a> <urn:x:b> <urn:x:c> .\n", 1)
    message = str(info.value)
    assert "HTTP 401 unauthorized" in message and "$KG1571_STORE_USER (user 'dba') were refused" in message
    assert "not-the-password" not in message
    store_env.delenv("KG1571_STORE_USER")
    anonymous = StoreClient.connect(endpoints_for("virtuoso", server.base_url), attempts=1)
    with pytest.raises(StoreAuthError, match=r"no credentials were found: set \$KG1571_STORE_USER"):
        anonymous.put_graph(GRAPH, b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")


def test_virtuoso_credentials_from_netrc(request, store_env, tmp_path):
    server = request.getfixturevalue("virtuoso_store")
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login dba password dba\n", encoding="utf-8")
    netrc.chmod(0o600)
    store_env.setenv("NETRC", str(netrc))
    client = StoreClient.connect(endpoints_for("virtuoso", server.base_url), attempts=1)
    assert client.http.credentials is not None and client.http.credentials.origin == str(netrc)
    report = client.load("urn:kg1571:test:netrc", b"<urn:x:a> <urn:x:b> <urn:x:c> .\n", 1)
    assert report.triples == 1


def test_unreachable_store_is_retried_then_reported(store_env):
    port = free_port()
    client = StoreClient.connect(endpoints_for("oxigraph", f"http://127.0.0.1:{port}"), attempts=3, backoff=0.01)
    started = time.monotonic()
    with pytest.raises(StoreUnreachable, match=rf"cannot connect to http://127.0.0.1:{port} .* after 3 attempts"):
        client.count(GRAPH)
    assert time.monotonic() - started < 5


def test_wrong_layout_gives_404(request, store_env):
    server = request.getfixturevalue("oxigraph_store")
    client = StoreClient.connect(endpoints_for("fuseki", server.base_url), attempts=1)  # Oxigraph has no /data
    with pytest.raises(StoreNotFound, match="HTTP 404 not found .* check the base URL and --store"):
        client.put_graph(GRAPH, b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")


def test_other_4xx_carries_the_server_message(request, store_env):
    server = request.getfixturevalue("oxigraph_store")
    client = StoreClient.connect(endpoints_for("oxigraph", server.base_url), attempts=1)
    with pytest.raises(StoreRequestError, match="HTTP 400 .* the server said: .*"):
        client.query("SELECT * WHERE { ?s ?p }")


def test_endpoint_layouts():
    assert endpoints_for("oxigraph", "http://h:7878/") == Endpoints(
        "oxigraph", "http://h:7878/store", "http://h:7878/query", "http://h:7878/update", True
    )
    assert endpoints_for("generic", gsp_url="http://h/g", query_url="http://h/q", update_url="http://h/u") == Endpoints(
        "generic", "http://h/g", "http://h/q", "http://h/u", True
    )
    virtuoso = endpoints_for("virtuoso", "http://h:8890")
    assert (virtuoso.gsp, virtuoso.query, virtuoso.update, virtuoso.staging) == (
        "http://h:8890/sparql-graph-crud-auth",
        "http://h:8890/sparql",
        "http://h:8890/sparql-auth",
        True,
    )
    fuseki = endpoints_for("fuseki", "http://h:3030/kg1571")
    assert (fuseki.gsp, fuseki.query, fuseki.update) == (
        "http://h:3030/kg1571/data",
        "http://h:3030/kg1571/query",
        "http://h:3030/kg1571/update",
    )
    graphdb = endpoints_for("graphdb", "http://h:7200/repositories/kg")
    assert (graphdb.gsp, graphdb.query, graphdb.update) == (
        "http://h:7200/repositories/kg/rdf-graphs/service",
        "http://h:7200/repositories/kg",
        "http://h:7200/repositories/kg/statements",
    )
    with pytest.raises(StoreConfigError, match="missing: --gsp-url, --update-url"):
        endpoints_for("generic", query_url="http://h/q")
    with pytest.raises(StoreConfigError, match="needs the store's base URL"):
        endpoints_for("oxigraph", None)


# --- the commands, as a user runs them ------------------------------------------------------------------


def kg1571(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg1571", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def test_cli_load_into_oxigraph_as_written(request, store_env, payload):
    server = request.getfixturevalue("oxigraph_store")
    done = kg1571("load", "--store", "oxigraph", server.base_url)
    assert done.returncode == 0, done.stderr
    assert f"into <{GRAPH}>" in done.stdout and "through a staging graph swapped in with MOVE" in done.stdout
    client = StoreClient.connect(endpoints_for("oxigraph", server.base_url))
    assert client.count(GRAPH) == payload[1]


def test_cli_load_into_virtuoso_and_auth_error(request, store_env, payload):
    server = request.getfixturevalue("virtuoso_store")
    done = kg1571(
        "load",
        "--store",
        "virtuoso",
        server.base_url,
        "--graph",
        "urn:kg1571:test:cli",
        env={"KG1571_STORE_USER": "dba", "KG1571_STORE_PASSWORD": "dba", "NETRC": "/nonexistent"},
    )
    assert done.returncode == 0, done.stderr
    assert "through a staging graph swapped in with MOVE" in done.stdout
    assert f"the graph holds {payload[1]:,} triples" in done.stdout
    bad = kg1571(
        "load",
        "--store",
        "virtuoso",
        server.base_url,
        "--retries",
        "0",
        env={"KG1571_STORE_USER": "dba", "KG1571_STORE_PASSWORD": "nope", "NETRC": "/nonexistent"},
    )
    assert bad.returncode == 1 and bad.stderr.startswith("Error: PUT ") and "HTTP 401" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_serve_answers_like_in_process(engine, payload, tmp_path):
    data = tmp_path / "kg1571.nt"
    data.write_bytes(payload[0])
    with start_oxigraph(data, read_only=True) as server:
        client = StoreClient.connect(endpoints_for("oxigraph", server.base_url), attempts=1)
        named = library.get("positionings-by-group").render()
        assert client.query(named) == engine.run(named)
    assert server.process.poll() is not None and not server.location.exists()


def test_cli_serve_prints_urls_and_stops_on_ctrl_c(tmp_path, payload):
    data = tmp_path / "kg1571.nt"
    data.write_bytes(payload[0])
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg1571", "serve", "--port", str(port), "--data", str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [process.stdout.readline() for _ in range(5)]
        assert f"  SPARQL endpoint:  http://127.0.0.1:{port}/query\n" in lines, lines
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query?{query}", headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.read().decode().split() == ["n", str(payload[1])]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:  # a failed assertion above: stop it the gentle way first, so that
            process.send_signal(signal.SIGINT)  # its Oxigraph child is stopped too, then by force
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)


def test_oxigraph_loads_are_staged_and_failed_puts_keep_the_graph(request, store_env):
    """Oxigraph's PUT is two steps in its source (clear, then load); what 0.5 does when the body is bad is
    recorded here, and kg1571 stages the load anyway (gsp._LAYOUTS)."""
    from kg1571.errors import StoreRequestError

    server = request.getfixturevalue("oxigraph_store")
    client = StoreClient.connect(endpoints_for("oxigraph", server.base_url), attempts=1)
    graph = "https://w3id.org/kg1571/test/put-atomicity"
    good = b"<https://w3id.org/kg1571/id/a> <https://w3id.org/kg1571/vocab#p> <https://w3id.org/kg1571/id/b> .\n"
    client.put_graph(graph, good)
    with pytest.raises(StoreRequestError, match="HTTP 400"):
        client.put_graph(graph, good + b"<https://w3id.org/kg1571/id/c> this is not turtle\n")
    assert client.count(graph) == 1  # observed with oxigraph 0.5: the old graph survives a bad body
    report = client.load(graph, good + good.replace(b"id/b", b"id/c"), 2)
    assert report.staged and client.count(graph) == 2 and client.count(staging_graph(graph)) == 0
