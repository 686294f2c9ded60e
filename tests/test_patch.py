"""A text edit patches the output in place (output/write.py Patch): the result is what a
cold build writes, search index included; a failure at any point puts every file back.
And fast/memory.py reads again only the files whose stamps changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator import clock
from generator.build import BuildOptions, BuildResult, build_site
from generator.fast import speed
from generator.fast.cache import Cache
from generator.fast.memory import BuildMemory
from generator.output import write
from generator.output.write import MARKER, OutputError, Patch
from tests.conftest import tree_bytes


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    write_corpus(folder, stories=40, companies=4, seed=5)
    return folder


def _build(site: Path, out: Path, cache: Path | None, *, search: bool = True) -> BuildResult:
    return build_site(site, out, BuildOptions(search=search), speed=speed(jobs=1, cache_dir=cache)).result


def _cold(site: Path, tmp_path: Path, *, search: bool = True) -> dict[str, bytes]:
    reference = tmp_path / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    _build(site, reference, None, search=search)
    return _without_marker(tree_bytes(reference))


def _without_marker(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in tree.items() if name != MARKER}


def _edit(site: Path, index: int, text: str) -> Path:
    story = sorted((site / "content" / "stories").rglob("*.md"))[index]
    story.write_bytes(story.read_bytes() + f"\n{text}\n".encode())
    return story


def test_a_text_edit_with_search_patches_the_output_into_what_a_cold_build_writes(
        site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    folder_inode = (out / "stories").stat().st_ino
    kept_inode = (out / "companies" / "index.html").stat().st_ino
    _edit(site, 6, "Zoekwoord kwartelkoning, later toegevoegd.")

    result = _build(site, out, cache)

    assert len(full_builds) == 1  # the first build only
    assert _without_marker(tree_bytes(out)) == _cold(site, tmp_path)
    assert (out / "stories").stat().st_ino == folder_inode  # the same folders: patched, not rebuilt
    assert (out / "companies" / "index.html").stat().st_ino == kept_inode
    assert 1 <= result.stats.written <= 40
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # nothing left beside it
    assert _build(site, out, cache).unchanged  # the patched output is trusted as the one written


def test_a_failed_index_during_an_edit_leaves_the_output_as_it_was(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    before = tree_bytes(out)
    marker = (out / MARKER).stat().st_ino
    _edit(site, 3, "Een zin die nooit verschijnt.")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))

    with pytest.raises(OutputError, match="search index failed"):
        _build(site, out, cache)

    assert tree_bytes(out) == before
    assert (out / MARKER).stat().st_ino == marker
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def _patched(out: Path, beside: Path) -> Patch:
    beside.mkdir()
    (beside / MARKER).write_bytes(write.MARKER_TEXT)
    patch = Patch(beside, out)
    patch.put("a.html", b"new a")
    patch.put("deep/new/b.html", b"new b")
    patch.put("same.html", b"same")
    patch.remove("gone.html")
    return patch


def _output(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_bytes(write.MARKER_TEXT)
    (out / "a.html").write_bytes(b"old a")
    (out / "same.html").write_bytes(b"same")
    (out / "gone.html").write_bytes(b"old gone")
    return out


def test_a_patch_commit_renames_the_changes_in_and_removes_what_went(tmp_path: Path) -> None:
    out = _output(tmp_path)
    same = (out / "same.html").stat().st_ino
    marker = (out / MARKER).stat().st_ino

    _patched(out, tmp_path / "beside").commit()

    assert tree_bytes(out) == {MARKER: write.MARKER_TEXT, "a.html": b"new a", "deep/new/b.html": b"new b",
                               "same.html": b"same"}
    assert (out / "same.html").stat().st_ino == same  # equal bytes: not even rewritten
    assert (out / MARKER).stat().st_ino != marker  # renewed: a build killed midway is not trusted


@pytest.mark.parametrize(("call", "failing"), [("replace", 1), ("replace", 2), ("rename", 1)])
def test_a_patch_commit_that_fails_midway_puts_every_file_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, failing: int) -> None:
    out = _output(tmp_path)
    before = _without_marker(tree_bytes(out))
    patch = _patched(out, tmp_path / "beside")
    real, calls = getattr(os, call), []

    def once(source: str, target: str) -> None:  # the n-th rename into the output fails, once
        if not str(target).endswith(MARKER) and str(out) in str(target if call == "replace" else source):
            calls.append(target)
            if len(calls) == failing:
                raise OSError(28, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, call, once)
    with pytest.raises(OSError, match="No space left"):
        patch.commit()
    monkeypatch.setattr(os, call, real)

    assert _without_marker(tree_bytes(out)) == before
    assert not (out / "deep").exists()


def test_only_files_whose_stamp_changed_are_read_again(site: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    options = BuildOptions(search=False)
    fresh = BuildMemory(site, out, options, Cache(cache), []).read()
    assert all(f.read for f in fresh.stories)  # just written: too new to be trusted (racy)
    later = clock.file_clock_ns() + 10_000_000_000
    monkeypatch.setattr(clock, "file_clock_ns", lambda: later)
    _build(site, out, cache, search=False)
    from generator.fast.cache import wait_for_saves
    wait_for_saves()

    again = BuildMemory(site, out, options, Cache(cache), []).read()
    assert not any(f.read for f in again.stories)
    assert [f.digest for f in again.stories] == [f.digest for f in fresh.stories]
    assert [f.data for f in again.stories] == [f.data for f in fresh.stories]  # read when asked for

    # Same size and modification time, other bytes: the change time still moved on.
    story = sorted((site / "content" / "stories").rglob("*.md"))[2]
    status = story.stat()
    data = story.read_bytes()
    story.write_bytes(data.replace(b"a", b"o", 1) if b"a" in data else data[:-1] + b"!")
    os.utime(story, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert story.stat().st_size == status.st_size
    third = BuildMemory(site, out, options, Cache(cache), []).read()
    read = [f.path for f in third.stories if f.read]
    assert read == [story.relative_to(site).as_posix()]
    result = _build(site, out, cache, search=False)
    assert not result.unchanged
    assert _without_marker(tree_bytes(out)) == _cold(site, tmp_path, search=False)


def test_an_edit_after_a_file_went_missing_from_the_output_is_a_full_build_with_search(
        site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    (out / "tags" / "index.html").unlink()
    _edit(site, 9, "Een zin na het wissen.")

    _build(site, out, cache)

    assert len(full_builds) == 2
    assert _without_marker(tree_bytes(out)) == _cold(site, tmp_path)
