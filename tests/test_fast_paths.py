"""Parallel workers, the parse cache and the no-change shortcut never change the output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import run_cli, tree_bytes


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
