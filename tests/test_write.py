"""write: atomic swap, refusal of foreign folders, untouched unchanged files, leftovers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.output.write import MARKER, OutputError, Staging, WriteStats, clean_leftovers
from generator.output.write import write_site as _write_site
from tests.conftest import tree_bytes


def write_site(files: dict[str, bytes], out: Path, **options: object) -> WriteStats:
    """As the build writes: a fill that puts each file into the staging folder."""

    def fill(staging: Staging) -> WriteStats:
        unchanged = sum(staging.put(name, data) for name, data in files.items())
        return WriteStats(len(files) - unchanged, unchanged)

    return _write_site(fill, out, **options)  # type: ignore[arg-type]


def test_writes_files_and_marker(tmp_path: Path) -> None:
    out = tmp_path / "output"
    stats = write_site({"index.html": b"home", "stories/a/index.html": b"a"}, out)
    assert tree_bytes(out) == {MARKER: (out / MARKER).read_bytes(), "index.html": b"home", "stories/a/index.html": b"a"}
    assert (stats.written, stats.unchanged) == (2, 0)


def test_second_write_replaces_and_removes_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site({"a.html": b"1", "old.html": b"x"}, out)
    write_site({"a.html": b"2"}, out)
    assert sorted(tree_bytes(out)) == [MARKER, "a.html"]
    assert (out / "a.html").read_bytes() == b"2"
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_unchanged_files_keep_their_inode_and_mtime(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site({"same.html": b"same", "changed.html": b"1"}, out)
    os.utime(out / "same.html", (1_000_000, 1_000_000))
    before = (out / "same.html").stat()
    stats = write_site({"same.html": b"same", "changed.html": b"2"}, out)
    after = (out / "same.html").stat()
    assert (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)
    assert (stats.written, stats.unchanged) == (1, 1)


def test_refuses_a_non_empty_folder_it_did_not_create(tmp_path: Path) -> None:
    out = tmp_path / "important"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty and was not created by grievance"):
        write_site({"index.html": b"x"}, out)
    assert tree_bytes(out) == {"thesis.tex": b"years of work"}


def test_refuses_to_write_over_the_site_itself(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot contain the site"):
        write_site({"index.html": b"x"}, tmp_path, site_dir=tmp_path / "blog")


def test_failure_before_swap_keeps_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site({"index.html": b"old"}, out)
    before = tree_bytes(out)

    def explode(_tmp: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        write_site({"index.html": b"new"}, out, finish=explode)
    assert tree_bytes(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_unsafe_paths_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsafe output path"):
        write_site({"../escape.html": b"x"}, tmp_path / "output")
    assert not (tmp_path / "escape.html").exists()


def test_leftovers_of_killed_builds_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "output"
    leftover = tmp_path / ".output.grievance-new-99999"
    leftover.mkdir()
    (leftover / MARKER).write_text("x", encoding="utf-8")
    foreign = tmp_path / ".output.grievance-mine"
    foreign.mkdir()
    clean_leftovers(out)
    assert not leftover.exists() and foreign.exists()


def test_a_leftover_another_process_is_removing_is_left_to_it(tmp_path: Path) -> None:
    # A full build's detached process deletes the old tree (seconds at 25,000 files); the
    # next build must not delete it too in the foreground, while the user waits.
    import subprocess
    import sys

    out = tmp_path / "output"
    old = tmp_path / ".output.grievance-old-99999"
    (old / "stories").mkdir(parents=True)
    (old / MARKER).write_text("x", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from generator.output.write import _removing;"
         "import contextlib; held = contextlib.ExitStack();"
         "print(_removing(held, Path(sys.argv[1])), flush=True); sys.stdin.read()", str(old)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        clean_leftovers(out)
        assert (old / MARKER).is_file()  # left to the process removing it
    finally:
        holder.communicate("")
    clean_leftovers(out)  # that process gone without removing it: removed now
    assert not old.exists() and list(tmp_path.iterdir()) == []
