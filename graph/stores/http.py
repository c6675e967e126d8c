"""A small HTTP client for triple stores: credentials from the environment or ~/.netrc, basic and digest
auth, bounded retries with backoff, and errors that say what went wrong and what to do."""

from __future__ import annotations

import base64
import http.client
import netrc
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg1571.errors import (
    StoreAuthError,
    StoreError,
    StoreNotFound,
    StoreProtocolError,
    StoreRequestError,
    StoreTimeout,
    StoreUnreachable,
)

USER_ENV = "KG1571_STORE_USER"
PASSWORD_ENV = "KG1571_STORE_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A user name and password, with where they came from (for messages; the password is never shown)."""

    user: str
    password: str = field(repr=False)
    origin: str


def find_credentials(
    url: str, environ: dict[str, str] | None = None, netrc_file: Path | None = None
) -> Credentials | None:
    """Credentials for ``url``: $KG1571_STORE_USER/$KG1571_STORE_PASSWORD first, then the ~/.netrc entry
    for the URL's host ($NETRC overrides the file). None when neither has any."""
    env = os.environ if environ is None else environ
    if env.get(USER_ENV):
        return Credentials(env[USER_ENV], env.get(PASSWORD_ENV, ""), f"${USER_ENV}")
    path = netrc_file or Path(env.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entries = netrc.netrc(str(path))
    except (netrc.NetrcParseError, OSError) as exc:
        raise StoreError(
            f"{path}: cannot read it ({exc}); fix the file or set ${USER_ENV} and ${PASSWORD_ENV}"
        ) from None
    host = urllib.parse.urlsplit(url).hostname or ""
    found = entries.authenticators(host)
    if not found:
        return None
    login, _account, password = found
    return Credentials(login or "", password or "", str(path))


@dataclass(frozen=True)
class Response:
    """Status, headers (lower-case names) and body of a successful response."""

    status: int
    headers: dict[str, str]
    body: bytes


def _server_message(body: bytes, limit: int = 500) -> str:
    text = body.decode("utf-8", "replace")
    if "<" in text and ">" in text:  # HTML error pages: keep the text only
        import re

        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:limit] + (" ..." if len(text) > limit else "")


class _OneUser(urllib.request.HTTPPasswordMgr):
    """Answers every realm with one user's credentials, but only for the store's own hosts (never on a
    redirect elsewhere); urllib's stock managers miss Virtuoso's digest challenges."""

    def __init__(self, credentials: Credentials, hosts: tuple[str, ...]):
        super().__init__()
        self.credentials = credentials
        self.hosts = {h.lower() for h in hosts}

    def find_user_password(self, realm, authuri):  # noqa: ANN001 - urllib's signature
        host = urllib.parse.urlsplit(authuri if "//" in authuri else "//" + authuri).hostname or ""
        if self.hosts and host.lower() not in self.hosts:
            return None, None
        return self.credentials.user, self.credentials.password


class _BasicOnly(urllib.request.HTTPBasicAuthHandler):
    """Answers Basic challenges only, leaving Digest ones to the digest handler (stock urllib raises)."""

    def http_error_401(self, req, fp, code, msg, headers):  # noqa: ANN001 - urllib's signature
        challenges = headers.get_all("www-authenticate") or []
        if not any(c.strip().lower().startswith("basic") for c in challenges):
            return None
        return super().http_error_401(req, fp, code, msg, headers)


class _Deadline:
    """The total deadline of one request: at ``seconds`` every socket the request opened is shut down, so a
    store that trickles one byte at a time (each read within the socket timeout) cannot hold us forever."""

    current = threading.local()

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self.sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._lock = threading.Lock()

    def __enter__(self) -> _Deadline:
        _Deadline.current.value = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _Deadline.current.value = None

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self.sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _registering(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    class Connection(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            deadline = getattr(_Deadline.current, "value", None)
            if deadline is not None and self.sock is not None:
                deadline.register(self.sock)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):  # noqa: ANN001, ANN201 - urllib's signature
        return self.do_open(_registering(http.client.HTTPConnection), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):  # noqa: ANN001, ANN201 - urllib's signature
        return self.do_open(_registering(http.client.HTTPSConnection), req, context=getattr(self, "_context", None))


class HttpClient:
    """Sends requests to one store; retries connection errors and 5xx with exponential backoff."""

    def __init__(
        self,
        credentials: Credentials | None = None,
        *,
        attempts: int = 4,
        backoff: float = 0.5,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        hosts: tuple[str, ...] = (),
    ):
        self.credentials = credentials
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep
        handlers: list[urllib.request.BaseHandler] = [_HTTPHandler(), _HTTPSHandler()]
        if credentials is not None:
            manager = _OneUser(credentials, hosts)
            self._digest = urllib.request.HTTPDigestAuthHandler(manager)
            handlers += [self._digest, _BasicOnly(manager)]
        self._opener = urllib.request.build_opener(*handlers)
        self._plain = urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler())

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        what: str = "request",
    ) -> Response:
        """Send one request; return the response for 2xx, raise a StoreError subclass otherwise. Each attempt
        has a total deadline of ``timeout`` seconds (connect, send, headers and body together); refused
        connections and 5xx are retried, a store that was reached but did not finish answering is not."""
        last_problem = ""
        for attempt in range(1, self.attempts + 1):
            req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
            with _Deadline(self.timeout) as deadline:
                try:
                    if body is not None and self.credentials is not None:
                        self._preauthorize(req)
                    with self._opener.open(req, timeout=self.timeout) as resp:
                        status, got = resp.status, {k.lower(): v for k, v in resp.headers.items()}
                        payload = resp.read()
                        length = got.get("content-length")
                        if length is not None and length.isdigit() and len(payload) < int(length):
                            raise http.client.IncompleteRead(payload, int(length) - len(payload))
                        return Response(status, got, payload)
                except urllib.error.HTTPError as exc:
                    try:
                        payload = exc.read() if exc.fp is not None else b""
                    except (OSError, http.client.HTTPException):
                        payload = b""
                    if exc.code >= 500 and attempt < self.attempts:
                        last_problem = f"HTTP {exc.code}"
                        self.sleep(self.backoff * 2 ** (attempt - 1))
                        continue
                    raise self._http_error(exc.code, method, url, payload, what) from None
                except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                    reason = getattr(exc, "reason", exc)
                    if deadline.expired or isinstance(reason, TimeoutError) and self._connected(deadline):
                        raise StoreTimeout(
                            f"{method} {url}: the store was reached but did not finish answering the {what} within "
                            f"{self.timeout:g} s; it may be overloaded or hung: check it, or allow more time with "
                            "--timeout SECONDS"
                        ) from None
                    if isinstance(reason, http.client.HTTPException) and self._connected(deadline):
                        raise StoreProtocolError(
                            f"{method} {url}: the answer to the {what} is not valid HTTP "
                            f"({_protocol_problem(reason)}); is this URL a SPARQL store? check the base URL and --store"
                        ) from None
                    if body is not None and self.credentials is not None:
                        self._check_credentials(url, method, what)  # a refused upload may show up as a broken pipe
                    last_problem = str(reason) or type(reason).__name__
                    if attempt < self.attempts:
                        self.sleep(self.backoff * 2 ** (attempt - 1))
                        continue
        raise StoreUnreachable(
            f"cannot connect to {_origin(url)} for the {what} ({last_problem}) after {self.attempts} attempt"
            f"{'s' if self.attempts != 1 else ''}; check that the store is running and that the URL and port are right"
        )

    @staticmethod
    def _connected(deadline: _Deadline) -> bool:
        return bool(deadline.sockets)

    def _preauthorize(self, req: urllib.request.Request) -> None:
        """Answer the auth challenge before sending a body: a store that refuses an unauthenticated upload
        closes the connection mid-body (Virtuoso does), so urllib never sees its 401. A body-less GET to
        the same URL fetches the challenge; its Basic or Digest answer goes with the real request."""
        probe = urllib.request.Request(req.full_url, method="GET")
        try:
            with self._plain.open(probe, timeout=self.timeout):
                return  # no authentication asked for
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                return  # let the real request report it
            challenges = exc.headers.get_all("www-authenticate") or []
        by_scheme = {c.strip().split(" ", 1)[0].lower(): c.strip() for c in challenges}
        assert self.credentials is not None
        if "digest" in by_scheme:
            rest = by_scheme["digest"].split(" ", 1)[1] if " " in by_scheme["digest"] else ""
            challenge = urllib.request.parse_keqv_list([p for p in urllib.request.parse_http_list(rest) if p])
            answer = self._digest.get_authorization(req, challenge)
            if answer:
                req.add_unredirected_header("Authorization", f"Digest {answer}")
        elif "basic" in by_scheme:
            token = base64.b64encode(f"{self.credentials.user}:{self.credentials.password}".encode()).decode("ascii")
            req.add_unredirected_header("Authorization", f"Basic {token}")

    def _check_credentials(self, url: str, method: str, what: str) -> None:
        """Raise StoreAuthError when a body-less GET to ``url`` with our credentials is refused."""
        try:
            with self._opener.open(urllib.request.Request(url, method="GET"), timeout=self.timeout):
                return
        except urllib.error.HTTPError as exc:
            if exc.code in (401, 403):
                raise self._http_error(exc.code, method, url, b"", what) from None
        except (urllib.error.URLError, ConnectionError, OSError):
            return

    def _http_error(self, status: int, method: str, url: str, payload: bytes, what: str) -> StoreError:
        message = _server_message(payload)
        said = f"; the server said: {message}" if message else ""
        if status in (401, 403):
            if self.credentials is None:
                how = (
                    f"no credentials were found: set ${USER_ENV} and ${PASSWORD_ENV}, "
                    "or add a ~/.netrc entry for this host"
                )
            else:
                how = (
                    f"the credentials from {self.credentials.origin} (user {self.credentials.user!r}) were refused: "
                    "check the user name, the password and the user's write permission"
                )
            word = "unauthorized" if status == 401 else "forbidden"
            return StoreAuthError(f"{method} {url}: HTTP {status} {word} for the {what}; {how}{said}")
        if status == 404:
            return StoreNotFound(
                f"{method} {url}: HTTP 404 not found for the {what}; check the base URL and --store "
                f"(or give --gsp-url/--query-url/--update-url with --store generic){said}"
            )
        return StoreRequestError(f"{method} {url}: HTTP {status} for the {what}{said}", status)


def _protocol_problem(exc: Exception) -> str:
    if isinstance(exc, http.client.IncompleteRead):
        return f"the body ended after {len(exc.partial):,} bytes, {exc.expected:,} bytes short"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the connection was closed without an answer"
    if isinstance(exc, http.client.BadStatusLine):
        line = str(exc.line if hasattr(exc, "line") else exc).strip()[:80]
        return f"the status line is {line!r}"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
