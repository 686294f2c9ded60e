"""Parallel workers, the parse cache and the no-change shortcut never change the output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import REPO, run_cli, tree_bytes

pytestmark = pytest.mark.slow  # builds of a 300-story site


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("corpus")
    write_corpus(site, stories=300, companies=12, seed=7)
    return site


def _build(site: Path, out: Path, *args: str, cache: Path | None = None) -> str:
    env = {"GRIEVANCE_CACHE_DIR": str(cache)} if cache else None
    extra = () if cache else ("--no-cache",)
    result = run_cli("build", site, "--out", out, "--no-search", *extra, *args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_parallel_cached_builds_equal_a_single_process_cacheless_build(corpus: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    _build(corpus, reference, "--jobs", "1")
    fast, cache = tmp_path / "fast", tmp_path / "cache"
    _build(corpus, fast, "--jobs", "2", cache=cache)
    assert tree_bytes(fast) == tree_bytes(reference)
    assert (cache / "stories.pickle").is_file()
    second = _build(corpus, fast, "--jobs", "2", cache=cache)  # every story from the cache
    assert second.rstrip().endswith("(no changes)")
    assert tree_bytes(fast) == tree_bytes(reference)


def test_an_edit_after_a_cached_build_matches_a_fresh_build(corpus: Path, tmp_path: Path) -> None:
    fast, cache = tmp_path / "fast", tmp_path / "cache"
    _build(corpus, fast, "--jobs", "2", cache=cache)
    story = sorted((corpus / "content" / "stories").rglob("*.md"))[5]
    original = story.read_bytes()
    try:
        story.write_bytes(original + b"\nA sentence added after the first build.\n")
        untouched = fast / "404.html"  # year and author pages list the story (with its reading time)
        inode = untouched.stat().st_ino
        out = _build(corpus, fast, "--jobs", "2", cache=cache)
        assert "(no changes)" not in out
        reference = tmp_path / "reference"
        _build(corpus, reference, "--jobs", "1")
        assert tree_bytes(fast) == tree_bytes(reference)
        assert b"A sentence added after the first build." in b"".join(tree_bytes(fast).values())
        # Files whose bytes did not change keep their inode (hard-linked from the last output).
        assert untouched.stat().st_ino == inode
    finally:
        story.write_bytes(original)


def test_a_damaged_cache_is_ignored(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "stories.pickle").write_bytes(b"not a pickle")
    (cache / "builds.pickle").write_bytes(os.urandom(64))
    _build(corpus, tmp_path / "out", cache=cache)
    reference = tmp_path / "reference"
    _build(corpus, reference, "--jobs", "1")
    assert tree_bytes(tmp_path / "out") == tree_bytes(reference)


_WITHOUT_FAST = """
import sys
from importlib.abc import MetaPathFinder

class NoFast(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "generator.fast" or name.startswith("generator.fast."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoFast())
sys.argv[0] = "grievance"
from generator.cli import main
main()
"""


def _run_without_fast(*args: str | Path) -> subprocess.CompletedProcess[str]:
    cache = tempfile.mkdtemp(prefix="grievance-cache-")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(REPO), "GRIEVANCE_CACHE_DIR": cache}
    try:
        return subprocess.run([sys.executable, "-c", _WITHOUT_FAST, *map(str, args)], env=env, capture_output=True,
                              text=True, timeout=300)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def test_without_the_fast_package_a_build_is_slower_not_different(corpus: Path, tmp_path: Path) -> None:
    # Speed behind one door (STYLE rule 11): fast/ made unimportable, build, check and a
    # second build still work and write what a build with workers and the cache writes.
    reference = tmp_path / "reference"
    _build(corpus, reference, "--jobs", "2", cache=tmp_path / "cache")
    plain = tmp_path / "plain"
    first = _run_without_fast("build", corpus, "--out", plain, "--no-search")
    assert first.returncode == 0, first.stderr
    assert tree_bytes(plain) == tree_bytes(reference)
    again = _run_without_fast("build", corpus, "--out", plain, "--no-search")
    assert again.returncode == 0 and "(no changes)" not in again.stdout, again.stderr
    assert tree_bytes(plain) == tree_bytes(reference)
    checked = _run_without_fast("check", corpus)
    assert checked.returncode == 0 and checked.stdout.startswith("ok: "), checked.stderr
    assert "generator.fast" not in first.stderr + again.stderr + checked.stderr
