"""`grievance serve` as a subprocess: pages, containment, injection, SIGINT, live reload."""

from __future__ import annotations

import gzip
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.serve.http import inject, safe_file
from tests.conftest import REPO, free_port, http_get, run_cli

SITES = REPO / "tests" / "sites"
STORY = "content/stories/2020-08-24-roaming.md"


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int
    site: Path
    out: Path

    def get(self, raw_path: str) -> tuple[int, bytes]:
        """GET with the path sent exactly as given (http.client does not normalise it)."""
        return http_get(self.port, raw_path)

    def stop(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=15)
        return self.process.returncode, out, err


def _wait_until_up(served: Served) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise AssertionError(f"serve exited: {served.process.communicate()}")
        try:
            status, body = served.get("/")
            # Pages are answered early, while the first build runs; a 404 means it is written.
            if status == 200 and b"data-generation" in body and served.get("/no/such/page/")[0] == 404:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("serve did not come up")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    site = tmp_path / "site"
    shutil.copytree(SITES / "en", site)
    out = tmp_path / "served"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1767225600"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(site), "--port", str(port), "--out", str(out)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server = Served(process, port, site, out)
    try:
        _wait_until_up(server)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_serves_pages_with_the_reload_script_that_build_never_writes(served: Served, tmp_path: Path) -> None:
    for path in ["/", "/stories/roaming/", "/companies/", "/assets/style.css", "/__grievance__/reload.js"]:
        status, _ = served.get(path)
        assert status == 200, path
    _, page = served.get("/stories/roaming/")
    assert b'<script src="/__grievance__/reload.js" data-generation="' in page
    assert f"http://127.0.0.1:{served.port}/stories/roaming/".encode() in page  # base_url is the served address
    assert served.get("/stories/roaming")[0] == 301
    assert served.get("/no/such/page/")[0] == 404
    built = tmp_path / "built"
    assert run_cli("build", served.site, "--out", built).returncode == 0
    assert not [p for p in built.rglob("*.html") if b"__grievance__" in p.read_bytes()]
    assert not [p for p in served.out.rglob("*.html") if b"__grievance__" in p.read_bytes()]


def test_never_serves_outside_the_output_folder(served: Served, tmp_path: Path) -> None:
    secret = served.out.parent / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (served.out / "escape").symlink_to(secret)
    (served.out / "escape-dir").symlink_to(served.site, target_is_directory=True)
    for raw in ["/../site.yaml", "/%2e%2e/site.yaml", "/..%2fsite.yaml", "/%2e%2e%2fsecret.txt", "/../secret.txt",
                "/stories/../../secret.txt", "/..\\secret.txt", "/escape", "/escape-dir/site.yaml",
                "//etc/passwd", "/%00"]:
        status, body = served.get(raw)
        assert status == 404, raw
        assert b"secret" not in body and b"base_url" not in body, raw


def test_sigint_exits_0_without_a_traceback(served: Served) -> None:
    code, out, err = served.stop()
    assert code == 0, err
    assert "Traceback" not in err
    assert out.splitlines()[-1] == "stopped"


def test_a_deleted_story_or_a_broken_one_does_not_kill_the_server(served: Served) -> None:
    (served.site / STORY).unlink()
    deadline = time.monotonic() + 15
    while served.get("/stories/roaming/")[0] == 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert served.get("/stories/roaming/")[0] == 404  # rebuilt without it
    (served.site / "content/stories/bad.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    time.sleep(1.5)
    assert served.process.poll() is None
    assert served.get("/")[0] == 200  # the last good build stays served
    status, error = served.get("/__grievance__/error")
    assert status == 200 and b"content/stories/bad.md" in error
    code, _, err = served.stop()
    assert code == 0 and "Traceback" not in err


def test_safe_file_and_inject_units(tmp_path: Path) -> None:
    (tmp_path / "out" / "a").mkdir(parents=True)
    (tmp_path / "out" / "a" / "index.html").write_text("x", encoding="utf-8")
    root = tmp_path / "out"
    assert safe_file(root, "/a/") == (root / "a" / "index.html").resolve()
    assert safe_file(root, "/a/%2e%2e/%2e%2e/out/a/") is None
    assert inject(b"<html><body>x</body></html>", 3) == (
        b'<html><body>x<script src="/__grievance__/reload.js" data-generation="3"></script></body></html>')


def test_browser_reloads_on_edit_and_shows_build_errors(served: Served, browser: object) -> None:
    """Under the theme's CSP (no eval, so locators, not wait_for_function strings)."""
    from playwright.sync_api import expect

    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"http://127.0.0.1:{served.port}/stories/roaming/")
        story = served.site / STORY
        original = story.read_text(encoding="utf-8")
        story.write_text(original + "\nA brand new paragraph from the editor.\n", encoding="utf-8")
        expect(page.locator("body")).to_contain_text("A brand new paragraph from the editor.", timeout=15000)
        broken = re.sub(r"^apology: .*$", "apology: maybe", original, count=1, flags=re.MULTILINE)
        story.write_text(broken, encoding="utf-8")
        overlay = page.locator("#grievance-error-overlay")
        expect(overlay).to_contain_text("apology: expected yes, no or partial, got 'maybe'", timeout=15000)
        expect(page.locator("body")).to_contain_text("A brand new paragraph")  # last good page underneath
        story.write_text(original + "\nFixed again.\n", encoding="utf-8")
        expect(page.locator("body")).to_contain_text("Fixed again.", timeout=15000)
        expect(overlay).to_have_count(0)
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        page.close()


def test_an_edit_reloads_the_tabs_whose_page_it_changed_and_no_other(served: Served, browser: object) -> None:
    """serve names the files an edit changed: a tab on another page stays as it is (its
    scroll, its search box), one on the story reloads at once, a list reloads when the rest
    of the edit is written."""
    from playwright.sync_api import expect

    story_tab, list_tab, other_tab = (browser.new_page() for _ in range(3))  # type: ignore[attr-defined]
    loads: list[str] = []
    other_tab.on("load", lambda _page: loads.append("companies"))
    try:
        story_tab.goto(f"http://127.0.0.1:{served.port}/stories/roaming/")
        list_tab.goto(f"http://127.0.0.1:{served.port}/stories/")
        other_tab.goto(f"http://127.0.0.1:{served.port}/companies/")
        assert loads == ["companies"]
        story = served.site / STORY
        original = story.read_text(encoding="utf-8")
        story.write_text(original + "\nOnly the body changed.\n", encoding="utf-8")  # the story page and feeds
        expect(story_tab.locator("body")).to_contain_text("Only the body changed.", timeout=15000)
        time.sleep(1.0)  # the event has reached every tab
        assert loads == ["companies"]  # not reloaded: its page did not change
        story.write_text(re.sub(r"^title: .*$", "title: A title the editor just chose", original, count=1,
                                flags=re.MULTILINE), encoding="utf-8")
        expect(story_tab.locator("h1")).to_contain_text("A title the editor just chose", timeout=15000)
        expect(list_tab.locator("main")).to_contain_text("A title the editor just chose", timeout=15000)
    finally:
        for tab in (story_tab, list_tab, other_tab):
            tab.close()


def test_a_wildcard_bind_links_to_an_address_a_browser_can_visit() -> None:
    from generator.serve.loop import reachable_host

    assert reachable_host("127.0.0.1") == "127.0.0.1"
    address = reachable_host("0.0.0.0")
    assert address != "0.0.0.0" and ipaddress.ip_address(address).version == 4
    with socket.create_server(("0.0.0.0", 0)) as server:  # what `serve --host 0.0.0.0` binds
        with socket.create_connection((address, server.getsockname()[1]), timeout=5):
            pass


def _bundle_has(out: Path, word: bytes) -> bool:
    for fragment in (out / "pagefind" / "fragment").glob("*.pf_fragment"):
        try:
            if word in gzip.decompress(fragment.read_bytes()):
                return True
        except OSError:  # swapped away while read
            pass
    return False


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def test_the_site_is_up_before_its_search_index_which_follows(served: Served) -> None:
    # (the first build skips the index; the reindexer makes it some seconds later)
    assert served.get("/stories/roaming/")[0] == 200
    assert _wait_for(lambda: _bundle_has(served.out, b"Roaming"))
    assert served.get("/pagefind/pagefind-entry.json")[0] == 200
    code, _, err = served.stop()
    assert code == 0 and err.count("rebuilt ") == 1 and "search index updated in " in err, err


def test_search_finds_a_quick_edit_once_the_index_is_made_again(served: Served) -> None:
    assert _wait_for(lambda: _bundle_has(served.out, b"Roaming")) and not _bundle_has(served.out, b"Zyxquorble")
    story = served.site / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nZyxquorble, said the editor.\n", encoding="utf-8")
    deadline = time.monotonic() + 60
    while not _bundle_has(served.out, b"Zyxquorble") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _bundle_has(served.out, b"Zyxquorble")
    assert b"Zyxquorble" in served.get("/stories/roaming/")[1]
    assert served.get("/pagefind/pagefind-entry.json")[0] == 200
    code, _, err = served.stop()
    assert code == 0
    assert re.search(r"updated \d+ files in", err) and err.count("rebuilt ") == 1, err  # the quick path only
    assert "search index updated in " in err, err
    assert not (served.out / ".pagefind-next").exists()
