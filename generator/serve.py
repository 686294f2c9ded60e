"""`grievance serve`: build, serve the output on 127.0.0.1, rebuild on change, live reload.

- Every rebuild goes through `rebuild()`, so making it incremental is one change.
- The server injects `<script src="/__grievance__/reload.js">` into the HTML it sends;
  built files never contain it. reload.js listens on `/__grievance__/events`
  (server-sent events), reloads after a good build and shows a failed build's text
  (from `/__grievance__/error`) as an overlay; the last good site stays served.
- Only files inside the output folder are served: the decoded path may not hold `..`,
  and the resolved file (after symlinks) must lie inside the resolved output folder.
- Nothing here prints: the CLI passes `report` for terminal lines.
"""

from __future__ import annotations

import json
import mimetypes
import re
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.build import BuildOptions, BuildResult, Built, build_site_keeping
from generator.live import Live, quick_update
from generator.diagnostics import BuildError, Diagnostic
from generator.write import OutputError

PREFIX = "/__grievance__/"
WATCHED = ("content", "themes", "site.yaml")
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_KEEPALIVE_SECONDS = 10.0

RELOAD_JS = Path(__file__).with_name("reload.js")  # served as /__grievance__/reload.js


@dataclass(frozen=True)
class BuildState:
    """What the browser learns: a counter bumped by every rebuild, and whether it worked."""

    generation: int
    ok: bool
    error: str = ""


def rebuild(site_dir: Path, out_dir: Path, options: BuildOptions) -> Built | BuildError:
    """Site folder -> a fresh output folder, or the problems; never raises for content.

    A file deleted or half-written while the build reads it, or any other surprise,
    becomes a BuildError so the server lives on and shows it.
    """
    try:
        return build_site_keeping(site_dir, out_dir, options)
    except BuildError as error:
        return error
    except OutputError as error:
        return BuildError([Diagnostic(str(out_dir), None, str(error))])
    except Exception as error:  # noqa: BLE001 - the dev server must survive any failed build
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        return BuildError([Diagnostic(str(site_dir), None, f"build crashed: {detail}")])


def error_text(error: BuildError) -> str:
    """BuildError -> the lines the terminal and the overlay show."""
    return "\n".join(str(d) for d in error.diagnostics)


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

    def publish(self, *, ok: bool, error: str = "") -> BuildState:
        with self._condition:
            self._state = BuildState(self._state.generation + 1, ok, error)
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

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a connection mid-request is normal; stay quiet."""


class DevHandler(BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet terminal
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._respond(head=False)

    def _respond(self, *, head: bool) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            self._internal(path[len(PREFIX):], head=head)
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
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = inject(data, self.server.state.current.generation)
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
        data = json.dumps({"generation": state.generation, "ok": state.ok}, sort_keys=True)
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


def _is_watched(site_dir: Path, changed: str) -> bool:
    """Absolute site folder, a changed path from watchfiles -> whether it feeds the build."""
    try:
        relative = Path(changed).relative_to(site_dir)
    except ValueError:
        return False
    return bool(relative.parts) and relative.parts[0] in WATCHED


class Watcher:
    """A thread that calls `on_change()` after edits under content/, themes/ or site.yaml."""

    def __init__(self, site_dir: Path, on_change: Callable[[set[Path]], object]) -> None:
        self.site_dir = site_dir.resolve()
        self.on_change = on_change
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="grievance-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        from watchfiles import watch

        # The whole site folder, filtered: watching site.yaml itself would lose editors'
        # rename-on-save, and content/ or themes/ may be created later.
        while not self.stop_event.is_set():
            try:
                for changes in watch(self.site_dir, watch_filter=self._wanted, stop_event=self.stop_event,
                                      debounce=400, step=50, rust_timeout=500, raise_interrupt=False):
                    if self.stop_event.is_set():
                        return
                    self.on_change({Path(path) for _kind, path in changes})
            except Exception:  # noqa: BLE001 - a vanished folder must not end live reload
                self.stop_event.wait(0.5)

    def _wanted(self, _kind: object, path: str) -> bool:
        return _is_watched(self.site_dir, path)


class DevSession:
    """One `grievance serve`: a server, a watcher, and the rebuild between them."""

    def __init__(self, site_dir: Path, out_dir: Path, *, host: str, port: int, options: BuildOptions,
                 report: Callable[[str], None]) -> None:
        self.site_dir = site_dir
        self.out_dir = out_dir
        self.state = LiveState()
        self.server = DevServer((host, port), out_dir, self.state)
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self.options = replace(options, base_url=self.url)
        self.report = report
        self.watcher = Watcher(site_dir, self.build)
        self._lock = threading.Lock()
        self.live: Live | None = None  # the last good full build, for text-only edits
        self.live_result: BuildResult | None = None

    def build(self, changed: set[Path] | None = None) -> BuildResult | BuildError:
        """Rebuild once (never two at a time) and tell the browsers. An edit to story
        text alone re-renders only that story's page and feeds (live.py)."""
        with self._lock:
            started = time.perf_counter()
            if changed and self.live is not None and self.state.current.ok:
                try:
                    quick = quick_update(self.live, changed)
                except Exception:  # noqa: BLE001 - any surprise: fall back to a full build
                    quick = None
                if quick is not None and self.live_result is not None:
                    self.live, files = quick
                    self.report(f"updated {len(files)} files in {(time.perf_counter() - started) * 1000:.0f} ms")
                    self.state.publish(ok=True)
                    return self.live_result
            built = rebuild(self.site_dir, self.out_dir, self.options)
            if isinstance(built, BuildError):
                text = error_text(built)
                self.report(f"{text}\nbuild failed; still serving the last good build")
                self.state.publish(ok=False, error=text)
                return built
            result = built.result
            if built.site is not None:
                self.live = Live(self.site_dir, self.out_dir, built.site).warm()
                self.live_result = result
            for warning in result.warnings:
                self.report(str(warning))
            self.report(f"rebuilt {result.stories} stories, {result.pages} pages "
                        f"in {time.perf_counter() - started:.2f} s")
            self.state.publish(ok=True)
            return result

    def run(self) -> None:
        """Watch, build, and serve until KeyboardInterrupt (which the caller handles).

        The watcher starts first, so an edit made during the first build is not missed."""
        self.watcher.start()
        self.build()
        self.server.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.state.stop()
        self.watcher.stop()
        self.server.server_close()
