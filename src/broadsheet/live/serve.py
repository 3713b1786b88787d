"""The proof in a browser: one page on 127.0.0.1, refreshed by server-sent events.

The standard library's threading HTTP server is enough for one desk: the page
(``desk.html``), the state as JSON, the proof images by version (so a browser
never shows a stale one from its cache), and ``/events``, a stream that sends
the state again after every rebuild.
"""
from __future__ import annotations

import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

from .rebuild import DeskState

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8017
# An idle event stream sends a comment this often (s), so a closed tab is noticed.
KEEPALIVE_S = 15.0
# How often a waiting stream looks whether the server is stopping (s).
STOP_POLL_S = 0.5
_PROOF_PATH = re.compile(r"^/proof/(?P<version>\d+)/(?P<page>\d+)\.png$")


class DeskServer(ThreadingHTTPServer):
    """Serves one ``DeskState`` until ``close`` is called."""

    daemon_threads = True

    def __init__(self, state: DeskState, port: int = DEFAULT_PORT):
        self.state = state
        self.stopping = threading.Event()
        super().__init__((LOOPBACK, port), _DeskHandler)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.server_address[1]}/"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="broadsheet-serve", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        """Stop serving: end open event streams, then the accept loop."""
        self.stopping.set()
        self.shutdown()
        self.server_close()


class _DeskHandler(BaseHTTPRequestHandler):
    server: DeskServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", _page())
        elif path == "/state":
            self._send(HTTPStatus.OK, "application/json", _json(self.server.state.snapshot()), cache=False)
        elif path == "/events":
            self._stream()
        elif match := _PROOF_PATH.match(path):
            image = self.server.state.png(int(match["version"]), int(match["page"]) - 1)
            if image is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"no such proof\n", cache=False)
            else:
                self._send(HTTPStatus.OK, "image/png", image)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", cache=False)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, *, cache: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        # Proof images are named by version and never change; the rest always may.
        self.send_header("Cache-Control", "max-age=31536000, immutable" if cache and kind == "image/png"
                         else "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _stream(self) -> None:
        """Server-sent events: the state now, then after every rebuild."""
        state, stopping = self.server.state, self.server.stopping
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            sent = state.version
            self._event(state.snapshot())
            idle = 0.0
            while not stopping.is_set():
                if state.wait_after(sent, STOP_POLL_S):
                    sent = state.version
                    self._event(state.snapshot())
                    idle = 0.0
                else:
                    idle += STOP_POLL_S
                    if idle >= KEEPALIVE_S:
                        self.wfile.write(b": keepalive\n\n")
                        self.wfile.flush()
                        idle = 0.0
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed

    def _event(self, snapshot: dict) -> None:
        self.wfile.write(b"event: state\ndata: " + _json(snapshot) + b"\n\n")
        self.wfile.flush()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the standard library's name)
        """Quiet: the terminal is for rebuild lines."""


def _json(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _page() -> bytes:
    return resources.files(__package__).joinpath("desk.html").read_bytes()
