"""fast/memory.py: the no-change shortcut and the text-edit path trust the last build
only when it describes this site, this output, and the output it wrote is still there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator.build import BuildOptions, BuildResult, build_site
from generator.fast import speed
from generator.output.write import MARKER
from tests.conftest import tree_bytes


def _build(site: Path, out: Path, cache: Path | None) -> BuildResult:
    return build_site(site, out, BuildOptions(search=False), speed=speed(jobs=1, cache_dir=cache)).result


@pytest.fixture()
def sites(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a", tmp_path / "b"
    write_corpus(first, stories=12, companies=3, seed=1)
    write_corpus(second, stories=9, companies=2, seed=2)
    return first, second


def _reference(site: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    out = tmp_path / f"reference-{name}"
    shutil.rmtree(out, ignore_errors=True)
    _build(site, out, None)
    return tree_bytes(out)


def _without_marker(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in tree.items() if name != MARKER}


@pytest.mark.slow
def test_switching_sites_in_one_output_never_gives_the_other_site(sites: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = sites
    out = tmp_path / "out"
    # One shared cache folder, and each site's own: neither may say "no changes" for the other's output.
    for cache_a, cache_b in ((tmp_path / "shared", tmp_path / "shared"), (first / ".c", second / ".c")):
        assert not _build(first, out, cache_a).unchanged
        assert not _build(second, out, cache_b).unchanged
        again = _build(first, out, cache_a)
        assert not again.unchanged
        assert _without_marker(tree_bytes(out)) == _without_marker(_reference(first, tmp_path, "a"))
        assert _build(first, out, cache_a).unchanged  # now it is the output it wrote


def test_a_text_edit_after_switching_sites_is_a_full_build(sites: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = sites
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(first, out, cache)
    _build(second, out, tmp_path / "other-cache")
    story = sorted((first / "content" / "stories").rglob("*.md"))[3]
    story.write_bytes(story.read_bytes() + b"\nEen latere alinea.\n")
    _build(first, out, cache)
    assert _without_marker(tree_bytes(out)) == _without_marker(_reference(first, tmp_path, "a"))


def test_an_output_replaced_by_hand_is_not_trusted(sites: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = sites
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(first, out, cache)
    expected = _without_marker(tree_bytes(out))
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    (copy / "index.html").write_bytes(b"edited by hand")
    shutil.rmtree(out)
    copy.rename(out)  # the same files and marker text, but not the folder the build wrote
    assert not _build(first, out, cache).unchanged
    assert _without_marker(tree_bytes(out)) == expected
