"""Stores that misbehave get a deadline and a clear message: real TCP servers in the test send a garbage status
line, a cut-off body, or one byte at a time; a closed port is "cannot connect"; a relative --graph is refused."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg1571.cli import main

pytestmark = pytest.mark.slow  # real builds, forks, servers or timeouts

DATA = "<https://w3id.org/kg1571/id/a> <http://www.w3.org/2004/02/skos/core#related> <https://w3id.org/kg1571/id/b> .\n"


class Misbehaving:
    """A TCP server on 127.0.0.1 that reads each request's head and then runs ``answer(connection)``."""

    def __init__(self, answer: Callable[[socket.socket], None]):
        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.requests = 0
        self.closed = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                # read the body too: closing with unread request bytes makes the kernel send a reset, and the
                # client would see "connection reset" instead of the answer under test
                header, _, body = head.partition(b"\r\n\r\n")
                length = next(
                    (
                        int(line.split(b":", 1)[1])
                        for line in header.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    0,
                )
                while len(body) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                self.requests += 1
                self.answer(conn)
            except OSError:
                pass

    def close(self) -> None:
        self.closed.set()
        self.sock.close()


@pytest.fixture
def store() -> Iterator[Callable[[Callable[[socket.socket], None]], Misbehaving]]:
    servers: list[Misbehaving] = []

    def make(answer: Callable[[socket.socket], None]) -> Misbehaving:
        servers.append(Misbehaving(answer))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "g.nt"
    path.write_text(DATA, encoding="utf-8")
    return path


def load(url: str, data: Path, *extra: str) -> int:
    return main(["load", "--store", "oxigraph", url, "--data", str(data), "--no-staging", *extra])


def test_a_garbage_status_line(store, data, capsys):
    server = store(lambda conn: conn.sendall(b"HELLO WORLD\r\n\r\n"))
    assert load(server.url, data, "--retries", "0") == 1
    assert capsys.readouterr().err == (
        f"Error: PUT {server.url}/store?graph=https%3A%2F%2Fw3id.org%2Fkg1571%2Fgraph: the answer to the upload of "
        "<https://w3id.org/kg1571/graph> is not valid HTTP (the status line is 'HELLO WORLD'); is this URL a SPARQL store? check the base URL "
        "and --store\n"
    )


def test_a_short_body(store, data, capsys):
    server = store(lambda conn: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"))
    client_url = server.url
    from kg1571.errors import StoreProtocolError
    from kg1571.stores.gsp import StoreClient, endpoints_for

    client = StoreClient.connect(endpoints_for("oxigraph", client_url), attempts=1, timeout=5)
    with pytest.raises(StoreProtocolError) as raised:
        client.count("https://w3id.org/kg1571/graph")
    assert "is not valid HTTP (the body ended after 5 bytes, 95 bytes short)" in str(raised.value)


def test_a_store_that_trickles_one_byte_at_a_time_hits_the_deadline(store, data, capsys):
    def trickle(conn: socket.socket) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 1000:
            conn.sendall(bytes([byte]))
            time.sleep(0.1)

    server = store(trickle)
    started = time.monotonic()
    assert load(server.url, data, "--timeout", "0.5") == 1  # default --retries 3: a hung store is not retried
    elapsed = time.monotonic() - started
    assert capsys.readouterr().err == (
        f"Error: PUT {server.url}/store?graph=https%3A%2F%2Fw3id.org%2Fkg1571%2Fgraph: the store was reached but did "
        "not finish answering the upload of <https://w3id.org/kg1571/graph> within 0.5 s; it may be overloaded or hung: check it, or allow more "
        "time with --timeout SECONDS\n"
    )
    assert 0.5 <= elapsed < 3 and server.requests == 1


def test_a_closed_port_is_cannot_connect(data, capsys):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    assert load(f"http://127.0.0.1:{port}", data, "--retries", "0") == 1
    assert capsys.readouterr().err == (
        f"Error: cannot connect to http://127.0.0.1:{port} for the upload of <https://w3id.org/kg1571/graph> ([Errno 111] Connection refused) "
        "after 1 attempt; check that the store is running and that the URL and port are right\n"
    )


def test_a_relative_graph_iri_is_refused(data, capsys):
    with pytest.raises(SystemExit) as exit_:
        load("http://127.0.0.1:1", data, "--graph", "mygraph")
    assert exit_.value.code == 2
    assert (
        "argument --graph: 'mygraph' is not an absolute IRI: the store would resolve it against its own URL (e.g. "
        "http://HOST:PORT/store/mygraph); give a full IRI such as https://w3id.org/kg1571/mygraph"
    ) in capsys.readouterr().err
