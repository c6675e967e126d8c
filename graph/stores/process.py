"""Start, wait for and stop local server processes (the Oxigraph we serve; the stores the tests start)."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request

from kg1571.errors import ServeError


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, deadline_s: float, process: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers (any HTTP status) or raise ServeError after ``deadline_s`` seconds."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if process is not None and process.poll() is not None:
            raise ServeError(f"the server exited with code {process.returncode} before answering at {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise ServeError(f"no answer from {url} within {deadline_s:.0f} s")


def stop_process(process: subprocess.Popen, timeout: float) -> None:
    """Terminate a server we started (by its PID); kill it if it has not ended within ``timeout``."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)
