"""serve/early.py: before serve's first build has written the output, a page asked for is
rendered from the linked Site, byte for byte what the build writes."""

from __future__ import annotations

import http.client
import threading
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator.build import BuildOptions, build_site
from generator.serve.early import EarlyPages
from generator.serve.http import DevServer, LiveState, inject
from generator.serve.loop import DevSession

BASE = "http://127.0.0.1:8123/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("early")
    site_dir, out = root / "site", root / "out"
    write_corpus(site_dir, stories=30, companies=3, seed=7)
    sites: list[object] = []
    build_site(site_dir, out, BuildOptions(base_url=BASE, search=False), linked=sites.append)
    return site_dir, out, sites[0]


def test_an_early_page_is_the_page_the_build_writes(built: tuple[Path, Path, object]) -> None:
    site_dir, out, site = built
    early = EarlyPages(site_dir, site)  # type: ignore[arg-type]
    story = next(iter(sorted((out / "stories").iterdir())))
    company = next(iter(sorted((out / "companies").iterdir())))
    for path in (f"/stories/{story.name}/", "/", f"/companies/{company.name}/", "/companies/"):
        made = early.render(path)
        assert made is not None, path
        data, name = made
        assert name.endswith("index.html")
        assert data == (out / name).read_bytes(), path
    assert early.render("/assets/style.css") == ((out / "assets" / "style.css").read_bytes(), "assets/style.css")
    assert early.render("/feed.xml") is None  # not a page: it waits for the build
    assert early.render("/stories/no-such-story/") is None


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()


def test_the_server_answers_early_pages_until_the_first_build_is_written(
        built: tuple[Path, Path, object], tmp_path: Path) -> None:
    site_dir, out, site = built
    state = LiveState()
    server = DevServer(("127.0.0.1", 0), tmp_path / "not-yet", state)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    port = server.server_address[1]
    story = next(iter(sorted((out / "stories").iterdir()))).name
    try:
        status, body = _get(port, f"/stories/{story}/")
        assert status == 503 and b"Not built yet" in body  # nothing linked yet
        server.early = EarlyPages(site_dir, site).render  # type: ignore[arg-type]
        status, body = _get(port, f"/stories/{story}/")
        assert status == 200
        assert body == inject((out / "stories" / story / "index.html").read_bytes(), state.current.generation)
        status, _ = _get(port, "/feed.xml")
        assert status == 503
    finally:
        server.shutdown()
        server.server_close()


def test_a_session_hands_its_first_build_site_to_the_server_and_then_serves_the_output(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    write_corpus(site_dir, stories=12, companies=2, seed=3)
    session = DevSession(site_dir, tmp_path / "out", host="127.0.0.1", port=0,
                         options=BuildOptions(search=False), report=lambda _line: None)
    seen: list[object] = []
    real = session._answer_early

    def watched(site: object) -> None:
        real(site)  # type: ignore[arg-type]
        seen.append(session.server.early)

    session._answer_early = watched  # type: ignore[method-assign]
    try:
        session.build()
        assert seen and callable(seen[0])  # set while the build ran
        assert session.server.early is None  # the output is written: files are served from now on
        assert session.state.current.built
    finally:
        session.server.server_close()  # the watcher and reindexer were never started
