"""The dev server's HTTP side: files from the output folder, with live reload.

- The server injects `<script src="/__grievance__/reload.js">` into the HTML it sends;
  built files never contain it. reload.js listens on `/__grievance__/events`
  (server-sent events), reloads after a good build and shows a failed build's text
  (from `/__grievance__/error`) as an overlay; the last good site stays served.
- Only files inside the output folder are served: the decoded path may not hold `..`,
  and the resolved file (after symlinks) must lie inside the resolved output folder.
"""

from __future__ import annotations

import json
import mimetypes
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from generator.serve.review.desk import Desk

PREFIX = "/__grievance__/"
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_KEEPALIVE_SECONDS = 10.0
_MAX_PAGES_NAMED = 5000  # a build that changed more files tells every tab to reload

RELOAD_JS = Path(__file__).with_name("reload.js")  # served as /__grievance__/reload.js


@dataclass(frozen=True)
class BuildState:
    """What the browser learns: a counter bumped by every rebuild, and whether it worked;
    `built`: a build of this site in this session has written the output folder (until
    then nothing in it is served, whoever wrote it). A browser showing a page of the
    generation before reloads only when `pages` names its file (serve's quick edits)."""

    generation: int
    ok: bool
    error: str = ""
    built: bool = False
    pages: tuple[str, ...] | None = None  # the output files this generation changed (None: any)


class LiveState:
    """The latest BuildState, with a condition to wake event streams when it changes."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._state = BuildState(0, True)
        self.stopping = False

    @property
    def current(self) -> BuildState:
        with self._condition:
            return self._state

    def publish(self, *, ok: bool, error: str = "", pages: Iterable[str] | None = None) -> BuildState:
        """A build ended (ok or not; `pages`: the only output files it changed, when known)."""
        named = None if pages is None else tuple(pages)
        if named is not None and len(named) > _MAX_PAGES_NAMED:
            named = None  # every open tab reloads
        with self._condition:
            self._state = BuildState(self._state.generation + 1, ok, error, self._state.built or ok, named)
            self._condition.notify_all()
            return self._state

    def wait_change(self, generation: int, timeout: float) -> BuildState:
        with self._condition:
            self._condition.wait_for(lambda: self.stopping or self._state.generation != generation, timeout)
            return self._state

    def stop(self) -> None:
        with self._condition:
            self.stopping = True
            self._condition.notify_all()


def safe_file(root: Path, request_path: str) -> Path | None:
    """Output root, raw request path -> the file to send, or None (404).

    Refuses '..' and '.' segments (also percent-encoded), backslashes, NUL, and any
    file whose resolved path (symlinks followed) is outside the resolved root.
    """
    path = unquote(urlsplit(request_path).path)
    if not path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    parts = [p for p in path.split("/") if p]
    if any(p in ("..", ".") for p in parts):
        return None
    base = root.resolve()
    candidate = base.joinpath(*parts)
    try:
        if candidate.is_dir():
            candidate = candidate / "index.html"
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(base) or not resolved.is_file():
        return None
    return resolved


def inject(html: bytes, generation: int) -> bytes:
    """HTML bytes -> the same with the reload script before </body> (or at the end)."""
    tag = f'<script src="{PREFIX}reload.js" data-generation="{generation}"></script>'.encode()
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + tag
    at = matches[-1].start()
    return html[:at] + tag + html[at:]


class DevServer(ThreadingHTTPServer):
    """Serves `root` (the output folder) plus the live-reload endpoints under PREFIX."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path, state: LiveState) -> None:
        super().__init__(address, DevHandler)
        self.root = root
        self.state = state
        # Before the first build has written the output: request path -> (bytes, file
        # name) rendered on request, or None (see serve/early.py).
        self.early: Callable[[str], tuple[bytes, str] | None] | None = None
        self.desk: Desk | None = None  # `serve --drafts`: the review desk and its banner (serve/review/)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a connection mid-request is normal; stay quiet."""


class DevHandler(BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_POST(self) -> None:
        desk = self.server.desk
        if desk is not None and desk.answers(urlsplit(self.path).path):
            desk.handle(self, method="POST")
        else:
            self.close_connection = True
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"method not allowed\n", "text/plain", head=False)

    def _respond(self, *, head: bool) -> None:
        path = urlsplit(self.path).path
        if self.server.desk is not None and self.server.desk.answers(path):
            self.server.desk.handle(self, method="HEAD" if head else "GET")
            return
        if path.startswith(PREFIX):
            self._internal(path[len(PREFIX):], head=head)
            return
        if not self.server.state.current.built:
            early = self.server.early
            made = early(self.path) if early is not None else None
            if made is None:
                self._not_built(head=head)
            else:
                self._send_data(HTTPStatus.OK, made[0], made[1], head=head)
            return
        file = safe_file(self.server.root, self.path)
        if file is None:
            self._not_found(head=head)
            return
        decoded = unquote(path)
        if (self.server.root.resolve() / decoded.lstrip("/")).is_dir() and not decoded.endswith("/"):
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", head=head, location=path + "/")
            return
        self._send_file(HTTPStatus.OK, file, head=head)

    def _send_file(self, status: HTTPStatus, file: Path, *, head: bool) -> None:
        try:
            data = file.read_bytes()
        except OSError:  # swapped away by a rebuild between resolve and read
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"rebuilding, try again\n", "text/plain", head=head)
            return
        self._send_data(status, data, file.name, head=head)

    def _send_data(self, status: HTTPStatus, data: bytes, name: str, *, head: bool) -> None:
        """A file's bytes and name -> sent with its type (HTML with the reload script)."""
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = inject(data, self.server.state.current.generation)
            if self.server.desk is not None:
                data = self.server.desk.decorate(self.path, data)
        if kind.startswith("text/") or kind in ("application/json", "application/javascript", "application/xml"):
            kind += "; charset=utf-8"
        self._send(status, data, kind, head=head)

    def _not_found(self, *, head: bool) -> None:
        page = safe_file(self.server.root, "/404.html")
        if page is not None:
            self._send_file(HTTPStatus.NOT_FOUND, page, head=head)
            return
        body = inject(b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>",
                      self.server.state.current.generation)
        self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=utf-8", head=head)

    def _not_built(self, *, head: bool) -> None:
        """No build of this site has written the folder yet: serve none of its files
        (it may hold someone else's); the reload script shows the build's error, if any."""
        body = inject(b"<!doctype html><title>Not built yet</title><body><h1>Not built yet</h1>"
                      b"<p>The site has not been built yet; this page reloads when it has.</p></body>",
                      self.server.state.current.generation)
        self._send(HTTPStatus.SERVICE_UNAVAILABLE, body, "text/html; charset=utf-8", head=head)

    def _internal(self, name: str, *, head: bool) -> None:
        state = self.server.state.current
        if name == "reload.js":
            self._send(HTTPStatus.OK, RELOAD_JS.read_bytes(), "text/javascript; charset=utf-8", head=head)
        elif name == "error":
            self._send(HTTPStatus.OK, state.error.encode(), "text/plain; charset=utf-8", head=head)
        elif name == "events" and not head:
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head=head)

    def _events(self) -> None:
        """Server-sent events: the current state at once, then each new one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        live = self.server.state
        state = live.current
        try:
            self._event(state)
            while not live.stopping:
                newer = live.wait_change(state.generation, _KEEPALIVE_SECONDS)
                if newer.generation != state.generation:
                    state = newer
                    self._event(state)
                else:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except OSError:  # the tab was closed or reloaded
            pass

    def _event(self, state: BuildState) -> None:
        event: dict[str, object] = {"generation": state.generation, "ok": state.ok}
        if state.pages is not None:
            event["pages"] = list(state.pages)
        data = json.dumps(event, sort_keys=True)
        self.wfile.write(f"retry: 500\nevent: build\ndata: {data}\n\n".encode())
        self.wfile.flush()

    def _send(self, status: HTTPStatus, data: bytes, kind: str, *, head: bool, location: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if not head:
            self.wfile.write(data)
