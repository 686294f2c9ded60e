"""A build that changes a few files of an output folder patches it in place.

Making a second tree of links (write.py's Staging) costs a directory per story: 10,000
story folders take ~3 s to make and ~2 s to delete on a VM's disk. A patch writes its
few new files into a folder beside the output first (nothing in the output changes while
the build renders and indexes), then renames each into place, keeping every file it
replaces until all are in, so a failure puts every one back (`Patch.commit`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.output.files import MARKER, MARKER_TEXT, safe_relative, same_bytes


@dataclass
class Patch:
    """The changes a build makes to an output folder in place: `put` writes a file whose
    bytes differ into a folder beside the output (the output is not touched while the
    build renders and indexes), `remove` notes a file to delete; `commit` applies them."""

    folder: Path  # beside the output, holding the new files
    previous: Path  # the output, patched
    _moves: list[tuple[str, str | None]] = field(default_factory=list)  # (relative name, new file or None)

    def put(self, name: str, data: bytes) -> bool:
        """One file: True when the output already holds these bytes, else staged."""
        relative = str(safe_relative(name))
        if same_bytes(os.path.join(self.previous, relative), data):
            return True
        staged = os.path.join(self.folder, f"{len(self._moves)}.new")
        with open(staged, "wb") as handle:
            handle.write(data)
        self._moves.append((relative, staged))
        return False

    def keep(self, name: str) -> None:
        """A file of the output that stays as it is: nothing to do (the caller has seen it
        there: the search shards' files, which bundle_files looks for)."""

    def remove(self, name: str) -> None:
        """A file of the output the build no longer makes."""
        relative = str(safe_relative(name))
        if os.path.lexists(os.path.join(self.previous, relative)):
            self._moves.append((relative, None))

    def commit(self) -> None:
        """Every staged file renamed into place, every removed file out; the replaced
        files are kept (hard links in the folder) until the last rename, and put back if
        one fails. The marker file is renewed first: a build killed midway leaves a marker
        the cache does not know, so the next build is a full one."""
        renew_marker(self.previous, self.folder)
        undo: list[tuple[str, str | None]] = []  # (target, its saved old file or None: it was new)
        made: list[str] = []  # folders created for new files, to remove on failure
        try:
            for number, (relative, staged) in enumerate(self._moves):
                target = os.path.join(self.previous, relative)
                saved: str | None = os.path.join(self.folder, f"{number}.old")
                if staged is None:
                    os.rename(target, str(saved))
                    undo.append((target, saved))
                    continue
                made.extend(_make_parents(self.previous, os.path.dirname(relative)))
                try:
                    os.link(target, str(saved), follow_symlinks=False)
                except FileNotFoundError:
                    saved = None
                os.replace(staged, target)
                undo.append((target, saved))
        except BaseException:
            for target, saved in reversed(undo):
                if saved is None:
                    os.unlink(target)
                else:
                    os.replace(saved, target)
            for folder in reversed(made):
                os.rmdir(folder)
            raise
        for relative, staged in self._moves:
            if staged is None:
                _remove_empty_parents(self.previous, os.path.dirname(relative))


def _make_parents(root: Path, relative: str) -> list[str]:
    """root/relative made as needed -> the folders made, outermost first."""
    made: list[str] = []
    path = root
    for part in PurePosixPath(relative).parts:
        path = path / part
        if not path.is_dir():
            os.mkdir(path)
            made.append(str(path))
    return made


def _remove_empty_parents(root: Path, relative: str) -> None:
    """Folders of root/relative that a removal left empty -> gone (a cold build has none)."""
    parts = PurePosixPath(relative).parts
    for depth in range(len(parts), 0, -1):
        try:
            os.rmdir(os.path.join(root, *parts[:depth]))
        except OSError:
            return


def renew_marker(out_dir: Path, beside: Path) -> None:
    """The output's marker file -> a new file (a new inode) with the same text, in one rename."""
    fresh = beside / f"{MARKER}.new"  # not MARKER: `beside` stays marked as ours, for clean_leftovers
    fresh.write_bytes(MARKER_TEXT)
    os.replace(fresh, out_dir / MARKER)
