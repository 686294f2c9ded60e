"""Faults: a build killed with SIGKILL, an output folder that cannot be written, a story
deleted while `serve` watches. None may cost the previous output, print a traceback, or
stop the server.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import REPO, run_cli, tree_bytes, write_tree

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.grievance-*"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("corpus") / "site"
    write_corpus(site, stories=80, companies=10)
    return site


def _killed_build(site: Path, out: Path, *, after_tmp: float | None, delay: float) -> int | None:
    """Start a build and SIGKILL its process group: `delay` seconds after the temporary
    folder appears (after_tmp set), or after `delay` seconds from the start.
    -> the exit code if the build finished first, else None."""
    build = subprocess.Popen([sys.executable, "-m", "generator", "build", str(site), "--out", str(out),
                              "--quiet", "--no-cache"], env=ENV, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    deadline = started + delay
    try:
        while build.poll() is None:
            if after_tmp is not None and not _leftovers(out):
                deadline = time.monotonic() + delay
            elif time.monotonic() >= deadline:
                os.killpg(build.pid, signal.SIGKILL)
                build.wait()
                return None
            if time.monotonic() - started > 120:
                break
            time.sleep(0.002)
        return build.returncode
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()


@pytest.mark.slow
@pytest.mark.parametrize(("after_tmp", "delay"), [(None, 0.8), (True, 0.0), (True, 0.5)],
                         ids=["while parsing", "as the temp folder appears", "while writing"])
def test_sigkill_mid_build_leaves_previous_output_and_next_build_cleans_up(
        corpus: Path, tmp_path: Path, after_tmp: bool | None, delay: float) -> None:
    out = tmp_path / "out"
    first = run_cli("build", corpus, "--out", out, "--quiet", "--no-cache")
    assert first.returncode == 0, first.stderr
    before = tree_bytes(out)
    story = sorted((corpus / "content" / "stories").rglob("*.md"))[0]
    original = story.read_bytes()
    story.write_bytes(original + b"\nEen nieuwe alinea, zodat de volgende build iets verandert.\n")
    try:
        for attempt in range(6):  # a machine too fast for this delay: kill sooner
            code = _killed_build(corpus, out, after_tmp=after_tmp, delay=delay / (2 ** attempt))
            if code is None:
                break
            assert code == 0
            story.write_bytes(original)  # the build won: back to the old output, then try again
            assert run_cli("build", corpus, "--out", out, "--quiet", "--no-cache").returncode == 0
            before = tree_bytes(out)
            story.write_bytes(original + b"\nEen nieuwe alinea.\n")
        else:
            pytest.fail("the build always finished before it could be killed")
        assert out.is_dir()
        # Killed before the swap: the previous output, byte for byte. The swap itself is one
        # atomic rename, so a kill just after it leaves the complete new site: never a mix.
        reference = tmp_path / "reference"
        assert run_cli("build", corpus, "--out", reference, "--quiet", "--no-cache").returncode == 0
        killed = tree_bytes(out)
        assert killed == before or killed == tree_bytes(reference)
        shutil.rmtree(reference)
        again = run_cli("build", corpus, "--out", out, "--quiet", "--no-cache")
        assert again.returncode == 0, again.stderr
        deadline = time.monotonic() + 20  # the replaced output is deleted in the background
        while _leftovers(out) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _leftovers(out) == []
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
        assert tree_bytes(out) != before  # the new story text is in
    finally:
        story.write_bytes(original)


SITE = {"content/stories/a.md": "---\ntitle: A\ncompany: X\ndate: 2015-01-01\noutcome: resolved\napology: 'no'\n---\nA\n"}


def test_output_under_a_regular_file_is_a_one_line_error(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = blocker / "out"
    result = run_cli("build", site, "--out", out)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {out}: cannot create it, {blocker} is a file, not a folder"]
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", SITE)
    out = tmp_path / "out.html"
    out.write_text("mine\n", encoding="utf-8")
    result = run_cli("build", site, "--out", out)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {out}: exists and is not a folder"]
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_read_only_parent_is_a_one_line_error(tmp_path: Path) -> None:
    """chmod 0o500 on the parent; root ignores permissions, so there the parent is made
    read-only by putting it on a path that the kernel refuses (/proc is read-only)."""
    site = write_tree(tmp_path / "site", SITE)
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        probe = parent / "probe"
        try:
            probe.mkdir()
            probe.rmdir()
            out = Path("/proc/self/grievance-out")  # running as root: a read-only file system instead
        except PermissionError:
            out = parent / "out"
        result = run_cli("build", site, "--out", out)
        assert result.returncode == 1
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert re.fullmatch(rf"error: {re.escape(str(out))}: cannot write the site: .+\n", result.stderr)
        assert not out.exists()
    finally:
        parent.chmod(0o700)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    """`python -m generator serve` on a tiny site and a free port -> (process, base URL, site)."""
    site = write_tree(tmp_path / "site", {
        **SITE, "content/stories/b.md": SITE["content/stories/a.md"].replace("title: A", "title: B")})
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(site), "--port", "0",
                               "--out", str(tmp_path / "out")], env=ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
        assert match, line + (server.stderr.read() if server.poll() is not None and server.stderr else "")
        url = match.group(1)
        _wait_for(url, "stories/b/", 200)  # answered early, while the first build runs
        _wait_for(url, "no/such/page/", 404)  # the first build is written
        yield server, url, site
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def get(url: str, path: str) -> int:
    host, port = url.split("//")[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", "/" + path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _wait_for(url: str, path: str, status: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = get(url, path)
            if last == status:
                return
        except OSError as error:
            last = error
        time.sleep(0.1)
    raise AssertionError(f"{path}: expected {status}, last got {last}")


def _rebuilt_without_b(url: str, site: Path) -> None:
    """Wait for the rebuild without b; on a loaded machine the watcher may arm only after
    the deletion, so touch another story once to make sure a rebuild happens."""
    try:
        _wait_for(url, "stories/b/", 404, timeout=10)
    except AssertionError:
        story = site / "content" / "stories" / "a.md"
        story.write_bytes(story.read_bytes())
        _wait_for(url, "stories/b/", 404)


def test_serve_keeps_running_when_a_story_is_deleted_mid_watch(
        serve: tuple[subprocess.Popen[str], str, Path]) -> None:
    server, url, site = serve
    time.sleep(1)  # the watcher arms after the first build; see _rebuilt_without_b
    (site / "content" / "stories" / "b.md").unlink()
    _rebuilt_without_b(url, site)
    assert server.poll() is None
    assert get(url, "stories/a/") == 200
    (site / "content" / "stories").rename(site / "content" / "gone")  # the whole folder vanishes
    time.sleep(1.5)
    assert server.poll() is None
    assert get(url, "") == 200
    (site / "content" / "gone").rename(site / "content" / "stories")
    write_tree(site, {"content/stories/c.md": SITE["content/stories/a.md"].replace("title: A", "title: C")})
    _wait_for(url, "stories/c/", 200)
    assert server.poll() is None
