"""A build that changes a few files of an output folder swaps in a whole new tree, made
from a spare one kept beside the output.

A full build writes a new tree and exchanges it with the output in one atomic step
(write.py); making that tree costs a folder per story (10,000 story folders take seconds
to make and to delete). An edit reuses the tree the last swap took out instead: the spare
(`.<output>.grievance-spare`). It is brought level with the output first (hard links to
the output's files, so both share every file; only the names the last swap changed are
looked at, from the note beside it, or both trees are walked when the note is missing or
stale), the edit's files are written into it, and the two trees are exchanged, the same
single rename a full build ends with. A reader of the output, or a build killed at any
moment, sees the old tree or the new one whole, never a mix; the tree just taken out is
the next edit's spare.

Files of an output are never changed in place (a new file is written beside and renamed
over the old name), so a file shared by both trees always has the same bytes in both.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.output.files import MARKER, MARKER_TEXT, exchange, hidden_stem, safe_relative, same_bytes
from generator.output.lock import LOCK_SUFFIX, held_lock

SPARE = "grievance-spare"  # after the output's hidden stem: '.<output>.grievance-spare'
SPARE_FROM = 2_000  # files in an output: a smaller one is linked into a new spare in well under a second,
# so none is kept beside it (nothing is left beside a small site's output)


def spare_dir(out_dir: Path) -> Path:
    """The output folder -> its spare tree beside it."""
    return out_dir.parent / f"{hidden_stem(out_dir)}.{SPARE}"


def _note_path(out_dir: Path) -> Path:
    """-> the note saying which names the spare differs from the output in."""
    return out_dir.parent / f"{hidden_stem(out_dir)}.{SPARE}.json"


@contextmanager
def spare_held(out_dir: Path) -> Iterator[None]:
    """The spare's lock, waited for: whoever changes the spare, or the output it is
    levelled with, holds it (a build's swap, the background levelling after a full build)."""
    with held_lock(out_dir.parent / f"{hidden_stem(out_dir)}-spare{LOCK_SUFFIX}", what=str(out_dir),
                   wait=lambda _why: None):
        yield


@dataclass
class Patch:
    """An edit's changes to an output: `put` writes a file whose bytes differ into the
    spare tree, `remove` takes one out of it (the output is not touched while the build
    renders and indexes); `commit` swaps the spare in. Open one with `open_patch`. Puts
    may come from forked processes: the names changed are logged in a file."""

    folder: Path  # the spare tree, level with the output, becoming the new output
    previous: Path  # the output
    log: Path  # the names changed, a line each

    def put(self, name: str, data: bytes) -> bool:
        """One file: True when the output already holds these bytes, else written."""
        relative = str(safe_relative(name))
        if same_bytes(os.path.join(self.previous, relative), data):
            return True
        target = os.path.join(self.folder, relative)
        _make_parents(target)
        _write_new(target, data)
        self._changed(relative)
        return False

    def keep(self, name: str) -> None:
        """A file of the output that stays as it is: the spare holds it already."""

    def remove(self, name: str) -> None:
        """A file of the output the build no longer makes."""
        relative = str(safe_relative(name))
        target = os.path.join(self.folder, relative)
        if os.path.lexists(target):
            _remove(target)
            _remove_empty_parents(self.folder, os.path.dirname(relative))
            self._changed(relative)

    def _changed(self, relative: str) -> None:
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{relative}\n".encode("utf-8", "surrogateescape"))
        finally:
            os.close(fd)

    def commit(self) -> None:
        """The spare, its marker renewed (a new inode: the build's memory trusts the output
        by it), exchanged with the output in one step; then the note of the names the two
        trees now differ in, for the next edit."""
        _renew_marker(self.folder)
        changed = sorted({*_logged(self.log), MARKER})
        _swap(self.folder, self.previous)
        _write_note(self.previous, changed)
        self.log.unlink(missing_ok=True)


def open_patch(out_dir: Path) -> Patch:
    """The output (its spare's lock held) -> a Patch into its spare, levelled with it.
    The note is removed before the spare is touched: a build killed while it changes the
    spare leaves no note, and the next one walks both trees."""
    spare, note = spare_dir(out_dir), _note_path(out_dir)
    changed = _read_note(out_dir)
    note.unlink(missing_ok=True)
    log = note.with_suffix(".log")
    log.unlink(missing_ok=True)
    if changed is None:
        level(spare, out_dir)
    else:
        _level_names(spare, out_dir, changed)
    return Patch(spare, out_dir, log)


def write_in_place(out_dir: Path, files: Mapping[str, bytes], removed: Iterable[str]) -> list[str]:
    """serve's edits, written into its output as it stands (the folder is serve's, not a
    deploy): each file replaced on its own, atomically, the files no longer made removed,
    then the marker renewed, so that neither the build's memory nor the spare's note
    trusts what they knew of this output any more (the next build levels the spare by
    walking both trees; serve saves its own memory of the output, see fast/served.py).
    -> the names written or removed."""
    changed = []
    for name, data in files.items():
        relative = str(safe_relative(name))
        if same_bytes(os.path.join(out_dir, relative), data):
            continue
        target = os.path.join(out_dir, relative)
        _make_parents(target)
        _write_new(target, data)
        changed.append(name)
    for name in removed:
        relative = str(safe_relative(name))
        target = os.path.join(out_dir, relative)
        if os.path.lexists(target):
            _remove(target)
            _remove_empty_parents(out_dir, os.path.dirname(relative))
            changed.append(name)
    _renew_marker(out_dir)
    return changed


def _renew_marker(folder: Path) -> None:
    """The folder's marker file written anew (a new inode: what trusted the old one does not
    trust this folder any more)."""
    fresh = folder / f"{MARKER}.new"
    fresh.write_bytes(MARKER_TEXT)
    os.replace(fresh, folder / MARKER)


def level(spare: Path, out_dir: Path) -> None:
    """Any spare (or none) -> the same tree as out_dir: every file a hard link to the
    output's, found by walking both (a file shared already is left as it is)."""
    if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
        spare.unlink()
    if not spare.is_dir():
        os.mkdir(spare)
    folders = [""]
    while folders:
        relative = folders.pop()
        with os.scandir(os.path.join(out_dir, relative)) as entries:
            wanted = {entry.name: (entry.is_dir(follow_symlinks=False), entry.inode()) for entry in entries}
        with os.scandir(os.path.join(spare, relative)) as entries:
            held = {entry.name: (entry.is_dir(follow_symlinks=False), entry.inode()) for entry in entries}
        for name, (is_dir, inode) in held.items():
            want = wanted.get(name)
            if want is None or want[0] != is_dir or (not is_dir and want[1] != inode):
                _remove(os.path.join(spare, relative, name))
                held[name] = (False, -1)
        for name, (is_dir, inode) in wanted.items():
            target = os.path.join(spare, relative, name)
            if is_dir:
                if not held.get(name, (False, -1))[0]:
                    os.mkdir(target)
                folders.append(os.path.join(relative, name))
            elif held.get(name, (False, -1))[1] != inode:
                os.link(os.path.join(out_dir, relative, name), target, follow_symlinks=False)


def level_and_note(out_dir: Path) -> None:
    """After a full build: the spare (the tree it swapped out, or none) levelled with
    the output, and the note saying so (for the detached process a full build leaves)."""
    with spare_held(out_dir):
        _note_path(out_dir).unlink(missing_ok=True)
        if not (out_dir / MARKER).is_file():
            return
        level(spare_dir(out_dir), out_dir)
        _write_note(out_dir, [])


def forget_spare(out_dir: Path) -> None:
    """The note removed: the spare is no longer known level (a full build swapped a new
    tree in), so the next edit walks both trees."""
    _note_path(out_dir).unlink(missing_ok=True)


def _level_names(spare: Path, out_dir: Path, changed: list[str]) -> None:
    """A spare that differs from the output only at these names -> level with it."""
    for relative in changed:
        source, target = os.path.join(out_dir, relative), os.path.join(spare, relative)
        if os.path.lexists(target):
            _remove(target)
        if os.path.lexists(source) and not os.path.isdir(source):
            _make_parents(target)
            os.link(source, target, follow_symlinks=False)
        else:
            _remove_empty_parents(spare, os.path.dirname(relative))


def _identity(path: Path) -> list[int] | None:
    try:
        status = os.stat(path / MARKER)
    except OSError:
        return None
    return [status.st_dev, status.st_ino, status.st_mtime_ns]


def _write_note(out_dir: Path, changed: list[str]) -> None:
    """The names the spare differs from the output in, with both trees' marker files
    (a note is trusted only while both are the same files)."""
    note = _note_path(out_dir)
    spare = spare_dir(out_dir)
    text = json.dumps({"output": _identity(out_dir), "spare": _identity(spare), "changed": changed},
                      ensure_ascii=False, sort_keys=True)
    fresh = note.with_name(f"{note.name}.{os.getpid()}.tmp")
    fresh.write_text(text, encoding="utf-8", errors="surrogateescape")
    os.replace(fresh, note)


def _read_note(out_dir: Path) -> list[str] | None:
    """-> the names the spare differs from the output in, or None: not known."""
    try:
        note = json.loads(_note_path(out_dir).read_text(encoding="utf-8", errors="surrogateescape"))
    except (OSError, ValueError):
        return None
    spare = _identity(spare_dir(out_dir))
    if (not isinstance(note, dict) or spare is None or note.get("spare") != spare
            or note.get("output") != _identity(out_dir) or not isinstance(note.get("changed"), list)):
        return None
    changed = note["changed"]
    if not all(isinstance(name, str) and name and _is_safe(name) for name in changed):
        return None
    return changed


def _is_safe(name: str) -> bool:
    try:
        safe_relative(name)
    except ValueError:
        return False
    return True


def _logged(log: Path) -> list[str]:
    try:
        return log.read_bytes().decode("utf-8", "surrogateescape").splitlines()
    except FileNotFoundError:
        return []


def _swap(spare: Path, out_dir: Path) -> None:
    """The spare and the output exchanged in one atomic step (Linux renameat2); where
    that is not supported, three renames (a moment without an output)."""
    if exchange(spare, out_dir):
        return
    old = out_dir.parent / f"{hidden_stem(out_dir)}.grievance-old-{os.getpid()}"
    os.rename(out_dir, old)
    os.rename(spare, out_dir)
    os.rename(old, spare)


def _write_new(target: str, data: bytes) -> None:
    """A new file at target: written beside and renamed over it, never through the old
    one (a hard link the output shares)."""
    fresh = f"{target}.{os.getpid()}.grievance-tmp"
    with open(fresh, "wb") as handle:
        handle.write(data)
    os.replace(fresh, target)


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _make_parents(target: str) -> None:
    """The folders above target made; a file standing where one goes is removed."""
    parent = os.path.dirname(target)
    if os.path.isdir(parent):
        return
    _make_parents(parent)
    if os.path.lexists(parent):
        os.unlink(parent)
    os.mkdir(parent)


def _remove_empty_parents(root: Path, relative: str) -> None:
    """Folders of root/relative that a removal left empty -> gone (a cold build has none)."""
    parts = PurePosixPath(relative).parts
    for depth in range(len(parts), 0, -1):
        try:
            os.rmdir(os.path.join(root, *parts[:depth]))
        except OSError:
            return
