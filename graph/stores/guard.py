"""The front of `kg1571 serve`: our own HTTP server on the public address, which refuses SERVICE (a query
that would make the server send requests elsewhere) and forwards everything else to Oxigraph on loopback."""

from __future__ import annotations

import http.client
import http.server
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from kg1571.sparql.engine import uses_service

MAX_BODY = 16 * 1024 * 1024
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
REFUSED = (
    "SERVICE (a federated query) is refused by kg1571 serve: this endpoint never sends queries to other "
    "endpoints. Query that endpoint directly.\n"
)


def _queries(path: str, content_type: str, body: bytes) -> list[str]:
    """Every query text a request carries: ?query=, a form body's query=, or an application/sparql-query body."""
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", [])
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        found += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif kind == "application/sparql-query" or (body and kind not in ("", "application/x-www-form-urlencoded")):
        found.append(body.decode("utf-8", "replace"))
    return found


@dataclass
class Backend:
    """Where the front forwards to; ``timeout_s`` (0: none) is the deadline of one answer, after which
    ``on_timeout`` is called (it restarts Oxigraph, which does not stop every query at its own time limit)."""

    host: str
    port: int
    timeout_s: float
    on_timeout: Callable[[], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(backend: Backend) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "kg1571-serve"
        timeout = 60  # a client that sends nothing for a minute is dropped

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
            return  # quiet, like Oxigraph's own server

        def _send_text(self, status: int, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send_text(413, f"request body over {MAX_BODY:,} bytes\n")
                return
            body = self.rfile.read(length) if length else b""
            if any(uses_service(q) for q in _queries(self.path, self.headers.get("Content-Type", ""), body)):
                self._send_text(400, REFUSED)
                return
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            deadline = backend.timeout_s + 1 if backend.timeout_s else None
            port = backend.port
            connection = http.client.HTTPConnection(backend.host, port, timeout=deadline)
            try:
                connection.request(self.command, self.path, body=body or None, headers=headers)
                response = connection.getresponse()
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in _HOP_BY_HOP:
                        self.send_header(key, value)
                self.end_headers()
                while chunk := response.read(1 << 16):
                    self.wfile.write(chunk)
            except TimeoutError:
                with backend.lock:
                    if backend.on_timeout is not None and backend.port == port:
                        backend.on_timeout()  # the only way to stop the query: a fresh server
                try:
                    self._send_text(
                        503,
                        f"the query was stopped after {backend.timeout_s:g} s (the time limit of kg1571 serve "
                        "--timeout); narrow it (LIMIT, more specific patterns)\n",
                    )
                except OSError:
                    pass
            except (OSError, http.client.HTTPException) as exc:
                try:
                    self._send_text(502, f"the Oxigraph server did not answer ({exc})\n")
                except OSError:
                    pass
            finally:
                connection.close()

        do_GET = do_POST = do_HEAD = do_OPTIONS = _forward  # noqa: N815 - the stdlib's names

    return Handler


class GuardedFront(http.server.ThreadingHTTPServer):
    """Bound at construction (so a port in use is an error at once); :meth:`start` serves in a thread."""

    daemon_threads = True

    def __init__(self, host: str, port: int, backend: Backend):
        import socket

        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _handler(backend))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="kg1571-serve-front", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(5)
        self.server_close()
