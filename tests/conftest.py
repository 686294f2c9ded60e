"""Shared fixtures: tiny sites on disk, running the CLI, a static server, headless Chromium."""

from __future__ import annotations

import functools
import http.client
import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import CodeType

import pytest
from hypothesis import settings as hypothesis_settings
from jinja2.bccache import Bucket, BytecodeCache

REPO = Path(__file__).resolve().parent.parent

# In CI the property tests draw the same examples every run, so whether a change lands does
# not depend on a random seed; run locally, each run draws new ones (that is where new
# hostile inputs are found: add each one found as an explicit test case).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow first (otherwise in the order collected): with -n the long ones
    start at once and the many short ones fill in beside them, instead of one long test
    starting near the end and finishing the run alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the fixture sites")


class _CompiledTemplates(BytecodeCache):
    """Jinja2's own bytecode-cache hook, in memory: a theme template with the same name,
    file, source and environment settings is compiled once per test process, not once
    per build (~0.2 s of CPU each; the suite builds in-process hundreds of times).
    Jinja2 still reads every template through the theme's loader (its size and file
    checks) before it looks here, and a template that does not compile is never kept, so
    its error is raised every time. Builds in a subprocess (the CLI) are untouched."""

    def __init__(self) -> None:
        self.code: dict[tuple[object, ...], CodeType] = {}

    @staticmethod
    def _key(bucket: Bucket) -> tuple[object, ...]:
        env = bucket.environment
        return (bucket.key, bucket.checksum, type(env), env.autoescape, env.trim_blocks, env.lstrip_blocks,
                env.keep_trailing_newline, env.newline_sequence, env.optimized, tuple(sorted(env.extensions)),
                tuple(sorted(env.filters)), tuple(sorted(env.tests)))

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(self._key(bucket))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.code[self._key(bucket)] = bucket.code


@pytest.fixture(scope="session", autouse=True)
def _templates_compiled_once() -> Iterator[None]:
    import generator.output.render as render

    real = render._environment
    cache = _CompiledTemplates()

    def environment(theme_dirs: list[Path]) -> object:
        env = real(theme_dirs)
        env.bytecode_cache = cache
        return env

    render._environment = environment  # type: ignore[assignment]
    yield
    render._environment = real


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """{relative path: text or bytes} -> files under root (text is dedented)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    def make(files: dict[str, str | bytes]) -> Path:
        return write_tree(tmp_path / "site", files)
    return make


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in a subprocess, with SOURCE_DATE_EPOCH fixed and the
    build cache in a fresh temporary folder (never in the checkout)."""
    cache = tempfile.mkdtemp(prefix="grievance-cache-")
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(REPO),  # 2026-01-01
                "GRIEVANCE_CACHE_DIR": cache, **(env or {})}
    try:
        return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=full_env,
                              capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(cache, ignore_errors=True)  # a detached save still writing into it only fails quietly


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1 (for a `grievance serve` the test starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(port: int, path: str) -> tuple[int, bytes]:
    """GET a path from 127.0.0.1:port -> (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root -> its bytes, keyed by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def serve_dir() -> Iterator[Callable[..., str]]:
    """Serve a folder on 127.0.0.1 (a free port); returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path, handler_class: type[_QuietHandler] = _QuietHandler) -> str:
        """A folder (and a handler of its own, e.g. a slow one) -> its base URL."""
        handler = functools.partial(handler_class, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def chromium_path() -> str | None:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright; skips locally without it, never in CI."""
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def full_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the full builds (a full build writes a new output folder; a build after
    edits patches the last one in place)."""
    import generator.build

    calls: list[int] = []
    real = generator.build.write_site

    def counted(*args: object, **kwargs: object) -> object:
        if not kwargs.get("in_place"):
            calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.build, "write_site", counted)
    return calls
