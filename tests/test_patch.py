"""A text edit makes its new tree from the spare one beside the output and swaps it in
(output/patch.py): the result is what a cold build writes, search index included; a
failure at any point leaves the output as it was. And fast/memory.py reads again only the
files whose stamps changed."""

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
from generator.output.patch import open_patch, spare_dir
from generator.output.write import MARKER, OutputError
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
    kept_inode = (out / "companies" / "index.html").stat().st_ino
    _edit(site, 6, "Zoekwoord kwartelkoning, later toegevoegd.")

    result = _build(site, out, cache)

    assert len(full_builds) == 1  # the first build only
    assert _without_marker(tree_bytes(out)) == _cold(site, tmp_path)
    assert (out / "companies" / "index.html").stat().st_ino == kept_inode  # unchanged: the same file
    assert 1 <= result.stats.written <= 40
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # small: no spare kept
    assert _build(site, out, cache).unchanged  # the patched output is trusted as the one written


def test_a_large_output_keeps_the_tree_a_swap_took_out_for_the_next_edit(
        site: Path, tmp_path: Path, full_builds: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "SPARE_FROM", 0)  # every output counts as large
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, tmp_path / "out", cache)
    first = tree_bytes(out)
    assert not spare_dir(out).exists()  # the first build replaced none (and levels in the background only)
    _build(site, out, cache, search=False)  # a full build over it: the tree it swaps out is the spare
    assert _without_marker(tree_bytes(spare_dir(out))) == _without_marker(first)
    _edit(site, 6, "Zoekwoord kwartelkoning, later toegevoegd.")

    _build(site, out, cache, search=False)

    assert len(full_builds) == 2
    assert _without_marker(tree_bytes(out)) == _cold(site, tmp_path, search=False)
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out."))
    assert beside == [".out.grievance-spare", ".out.grievance-spare.json"]  # and the note of what differs


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
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.grievance-new")]


def _output(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_bytes(write.MARKER_TEXT)
    (out / "a.html").write_bytes(b"old a")
    (out / "same.html").write_bytes(b"same")
    (out / "gone.html").write_bytes(b"old gone")
    (out / "deep").mkdir()
    (out / "deep" / "gone.html").write_bytes(b"old deep")
    return out


def _patch(out: Path) -> None:
    patch = open_patch(out)
    assert patch.put("a.html", b"new a") is False
    assert patch.put("deep/new/b.html", b"new b") is False
    assert patch.put("same.html", b"same") is True
    patch.remove("gone.html")
    patch.remove("deep/gone.html")
    patch.commit()


NEW = {MARKER: write.MARKER_TEXT, "a.html": b"new a", "deep/new/b.html": b"new b", "same.html": b"same"}


def test_a_patch_swaps_in_the_changes_and_keeps_the_old_tree_as_the_next_spare(tmp_path: Path) -> None:
    out = _output(tmp_path)
    before = tree_bytes(out)
    same = (out / "same.html").stat().st_ino
    marker = (out / MARKER).stat().st_ino

    _patch(out)

    assert tree_bytes(out) == NEW
    assert (out / "same.html").stat().st_ino == same  # equal bytes: the same file, not rewritten
    assert (out / MARKER).stat().st_ino != marker  # renewed: the build's memory trusts the output by it
    assert tree_bytes(spare_dir(out)) == before  # the old tree, whole

    # The next patch levels the spare from the note (only the names that changed), then swaps.
    patch = open_patch(out)
    assert tree_bytes(spare_dir(out)) == NEW
    assert patch.put("a.html", b"newer a") is False
    patch.commit()
    assert tree_bytes(out) == {**NEW, "a.html": b"newer a"}
    assert tree_bytes(spare_dir(out)) == NEW


@pytest.mark.parametrize("spoil", ["no note", "stale note", "junk in the spare", "no spare", "a file for the spare"])
def test_a_spare_not_known_level_is_levelled_by_walking_both_trees(tmp_path: Path, spoil: str) -> None:
    out = _output(tmp_path)
    _patch(out)
    spare, note = spare_dir(out), tmp_path / ".out.grievance-spare.json"
    if spoil == "no note":
        note.unlink()
        (spare / "a.html").unlink()  # as a build killed while changing the spare leaves it
        (spare / "half.html.1.grievance-tmp").write_bytes(b"half")
    elif spoil == "stale note":
        (out / "extra.html").write_bytes(b"someone else's")  # not through a build: the marker stays
        (out / MARKER).unlink()
        (out / MARKER).write_bytes(write.MARKER_TEXT)  # a new file: the note no longer fits
    elif spoil == "junk in the spare":
        note.unlink()
        shutil.rmtree(spare / "deep")
        (spare / "deep").write_bytes(b"a file where a folder goes")
        (spare / "stories" / "x").mkdir(parents=True)
    elif spoil == "no spare":
        shutil.rmtree(spare)
    else:
        shutil.rmtree(spare)
        spare.write_bytes(b"a file")
    expected = tree_bytes(out)

    patch = open_patch(out)

    assert tree_bytes(spare) == expected
    assert all((spare / name).stat().st_ino == (out / name).stat().st_ino for name in expected)
    patch.put("a.html", b"newest a")
    patch.commit()
    assert tree_bytes(out) == {**expected, "a.html": b"newest a"}


def test_a_patch_that_fails_before_its_swap_leaves_the_output_and_the_next_one_works(tmp_path: Path) -> None:
    out = _output(tmp_path)
    before = tree_bytes(out)
    patch = open_patch(out)
    patch.put("a.html", b"never seen")
    patch.remove("same.html")
    del patch  # rendering failed: no commit

    assert tree_bytes(out) == before
    _patch(out)
    assert tree_bytes(out) == NEW


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
