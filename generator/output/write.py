"""Rendered files in memory -> the output folder, atomically and safely.

The site is written to a temporary folder beside the output and swapped in at the end,
so a failed or killed build leaves the previous output as it was. Files whose bytes did
not change are hard-linked from the previous output, keeping their inode and mtime, so
deploy tools (rsync, make) see only real changes. Only folders holding the marker file
are ever deleted or replaced.

A build that changes a few files of a large output (a text edit) makes its new tree from
the one the last swap took out, kept beside the output (`in_place`, see patch.py); a full
build (`keep_spare`) keeps the tree it swaps out for that, levelled with the new output
in the background.
"""


from __future__ import annotations

import contextlib
import glob
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.output.files import MARKER, MARKER_TEXT, exchange, hidden_stem, safe_relative, same_bytes
from generator.output.lock import LOCK_SUFFIX, Busy, held_lock
from generator.output.patch import (
    SPARE_FROM,
    Patch,
    forget_spare,
    level_and_note,
    open_patch,
    spare_dir,
    spare_held,
)


class OutputError(Exception):
    """The output folder cannot be used; the message is for people."""


def output_lock_path(out_dir: Path) -> Path:
    """The output folder -> its lock file beside it (a file in the folder would be swapped away)."""
    return out_dir.parent / f"{hidden_stem(out_dir)}{LOCK_SUFFIX}"


def real_output_dir(out_dir: Path) -> Path:
    """An output path -> the folder to write: through symbolic links (a link stays a link,
    its target is replaced); OutputError for a loop of links or a name too long."""
    try:
        os.stat(out_dir)
    except (FileNotFoundError, NotADirectoryError):
        pass  # a new folder, or one under a file: check_output_dir words that
    except OSError as error:
        raise OutputError(f"{out_dir}: cannot use it as the output folder: {error.strerror or error}") from None
    try:
        return Path(os.path.realpath(out_dir))
    except (OSError, ValueError) as error:
        raise OutputError(f"{out_dir}: cannot use it as the output folder: {error}") from None


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def check_output_dir(out_dir: Path, *, site_dir: Path | None = None) -> None:
    """Refuse an output folder that is a file, holds the site, or is someone else's folder."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    blocker = next((p for p in out_dir.parents if p.exists() or p.is_symlink()), None)
    if blocker is not None and not blocker.is_dir():  # mkdir would only say "File exists"
        raise OutputError(f"{out_dir}: cannot create it, {blocker} is a file, not a folder")
    if site_dir is not None:
        out, site = out_dir.resolve(), site_dir.resolve()
        if out == site or out in site.parents:
            raise OutputError(f"{out_dir}: the output folder cannot contain the site itself")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not _is_ours(out_dir):
        raise OutputError(
            f"{out_dir}: folder is not empty and was not created by grievance; "
            "refusing to overwrite it (choose another --out or empty it)")


def _leftovers(out_dir: Path) -> list[Path]:
    spare = spare_dir(out_dir)
    return sorted(p for p in out_dir.parent.glob(f"{glob.escape(hidden_stem(out_dir))}.grievance-*")
                  if p != spare and p.is_dir() and _is_ours(p))


def clean_leftovers(out_dir: Path) -> None:
    """Remove temporary folders of builds that were killed before their swap (not those
    another process is removing: see remove_leftover)."""
    for folder in _leftovers(out_dir):
        remove_leftover(folder)
    for folder in out_dir.parent.glob(f"{glob.escape(hidden_stem(out_dir))}.grievance-new-*"):
        try:  # killed between mkdir and writing the marker: empty, so rmdir is safe
            folder.rmdir()
        except OSError:
            pass


def remove_leftover(folder: Path) -> None:
    """A folder beside the output removed, unless another process is removing it."""
    with contextlib.ExitStack() as held:
        if _removing(held, folder):
            shutil.rmtree(folder, ignore_errors=True)


def _removing(held: contextlib.ExitStack, folder: Path) -> bool:
    """-> whether this process may remove `folder`: its lock, now held until `held` closes.
    A build that finds a folder another process is removing (the old tree a build's
    detached process deletes, ~4 s for 25,000 files) leaves it to that process instead of
    removing it too while the user waits."""
    try:
        held.enter_context(held_lock(folder.with_name(folder.name + LOCK_SUFFIX), what=str(folder)))
    except (Busy, OSError):
        return False
    return True


def tidy_leftovers(out_dir: Path) -> None:
    """Remove the temporary folders that builds killed before their swap (SIGKILL, power
    off) left beside out_dir, unless another build holds the output now. For a build that
    finds nothing changed and so writes nothing: a full build cleans them as it writes."""
    try:
        real = real_output_dir(out_dir)
        spare = spare_dir(real).name
        if not any(not p.name.startswith(spare) for p in real.parent.glob(f"{glob.escape(hidden_stem(real))}.grievance-*")):
            return
        with held_lock(output_lock_path(real), what=str(out_dir)):
            clean_leftovers(real)
    except (Busy, OSError, OutputError):
        pass


@dataclass
class Staging:
    """The temporary folder a build writes into, and the output it will replace.

    `put` is all a producer needs, so forked worker processes write their own files
    (nothing rendered travels back to the main process); each process remembers the
    folders it has made."""

    folder: Path
    previous: Path | None
    _made: set[str] = field(default_factory=set)

    def put(self, name: str, data: bytes) -> bool:
        """One file into the folder: hard-linked from the previous output when its bytes
        are the same (True), else written (False)."""
        relative, target = self._target(name)
        if self.previous is not None:
            old = os.path.join(self.previous, relative)
            if same_bytes(old, data):
                os.link(old, target)
                return True
        with open(target, "wb") as handle:
            handle.write(data)
        return False

    def remove(self, name: str) -> None:
        """A file of the previous output left out: the new folder holds only what is put."""

    def keep(self, name: str) -> None:
        """One file of the previous output into the folder as it is (hard-linked);
        OSError when the previous output has no such file."""
        if self.previous is None:
            raise FileNotFoundError(name)
        relative, target = self._target(name)
        os.link(os.path.join(self.previous, relative), target)

    def _target(self, name: str) -> tuple[str, str]:
        """Output path -> (its safe relative form, its path in the folder), the folder
        it goes in made."""
        relative = str(safe_relative(name))
        target = os.path.join(self.folder, relative)
        parent = os.path.dirname(target)
        if parent not in self._made:
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)
        return relative, target


Fill = Callable[[Staging | Patch], WriteStats]


def discard(folder: Path, *, background: bool) -> None:
    """Delete a replaced output folder; in the background, deleting tens of thousands of
    files does not hold up the build (a detached grandchild process does it)."""
    _after_swap(None, [folder], background=background)


def _after_swap(levelled: Path | None, folders: list[Path], *, background: bool) -> None:
    """The spare beside `levelled` (an output) made level with it (only in the background:
    in the foreground the next edit does it), then the folders deleted; in the background,
    by a detached grandchild process, so the build does not wait for either."""
    if levelled is None and not folders:
        return
    if not background or not hasattr(os, "fork"):
        for folder in folders:
            remove_leftover(folder)
        return
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child
        try:
            os.setsid()
            if os.fork() == 0:
                with contextlib.ExitStack() as held:
                    mine = [folder for folder in folders if _removing(held, folder)]  # taken first: a build
                    if levelled is not None:  # starting while the spare is levelled leaves them alone
                        try:
                            level_and_note(levelled)
                        except OSError:
                            pass  # the next edit walks both trees itself
                    for folder in mine:
                        shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def write_site(
    fill: Fill, out_dir: Path, *,
    site_dir: Path | None = None,
    finish: Callable[[Staging | Patch], None] | None = None,
    background_delete: bool = False,
    in_place: bool = False,
    keep_spare: bool = False,
) -> WriteStats:
    """`fill(staging)` putting the files (in as many processes as it likes) and returning
    how many it wrote and left unchanged -> out_dir, swapped in whole. `finish(staging)`
    runs before the swap (search indexing puts its files there, so the index is part of
    the atomic output). `in_place`: an existing output is patched (see Patch): `fill` puts
    only the files that may have changed, every other file is the output's. `keep_spare`:
    the tree a full build swaps out is kept beside the output for the next `in_place`
    build (levelled with the new output in the background with `background_delete`).
    Through a symbolic link, the link's target is written; raises OutputError while
    another build writes the same folder."""
    shown, out_dir = out_dir, real_output_dir(out_dir)
    check_output_dir(shown, site_dir=site_dir)
    try:  # _write_locked turns its own OSErrors into OutputError: these are the lock's
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with held_lock(output_lock_path(out_dir), what=str(shown)):
            if in_place and _is_ours(out_dir):
                return _patch_locked(fill, out_dir, shown, finish=finish, background_delete=background_delete)
            return _write_locked(fill, out_dir, shown, finish=finish, background_delete=background_delete,
                                 keep_spare=keep_spare)
    except Busy as busy:
        raise OutputError(str(busy)) from None
    except OSError as error:
        raise OutputError(f"{shown}: cannot write the site: {error.strerror or error}") from error


def _patch_locked(fill: Fill, out_dir: Path, shown: Path, *,
                  finish: Callable[[Staging | Patch], None] | None, background_delete: bool) -> WriteStats:
    """write_site's work through the spare tree, with the output's lock held."""
    try:
        clean_leftovers(out_dir)
        with spare_held(out_dir):
            patch = open_patch(out_dir)
            stats = fill(patch)
            if finish is not None:
                finish(patch)
            patch.commit()
            gone = [] if stats.written + stats.unchanged >= SPARE_FROM else _spare_away(out_dir)
        _after_swap(None, gone, background=background_delete)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write the site: {error.strerror or error}") from error
    return stats


def _write_locked(fill: Fill, out_dir: Path, shown: Path, *, finish: Callable[[Staging | Patch], None] | None,
                  background_delete: bool, keep_spare: bool) -> WriteStats:
    """write_site's work, with the output's lock held and out_dir the real folder."""
    try:
        clean_leftovers(out_dir)
        tmp = out_dir.parent / f"{hidden_stem(out_dir)}.grievance-new-{os.getpid()}"
        tmp.mkdir()
        (tmp / MARKER).write_bytes(MARKER_TEXT)
        staging = Staging(tmp, out_dir if out_dir.is_dir() else None)
        stats = fill(staging)
        if finish is not None:
            finish(staging)
        keep_spare = keep_spare and stats.written + stats.unchanged >= SPARE_FROM
        with spare_held(out_dir):
            replaced = _swap_in(tmp, out_dir)
            gone = _spare_away(out_dir)
            if replaced is not None and keep_spare:
                replaced.rename(spare_dir(out_dir))
            elif replaced is not None:
                gone.append(replaced)
        _after_swap(out_dir if keep_spare else None, gone, background=background_delete)
    except OSError as error:
        clean_leftovers(out_dir)
        raise OutputError(f"{shown}: cannot write the site: {error.strerror or error}") from error
    except BaseException:  # from rendering (files may be a stream) or `finish`: the previous output stays
        clean_leftovers(out_dir)
        raise
    return stats


def _spare_away(out_dir: Path) -> list[Path]:
    """The spare beside out_dir (its lock held), if any -> renamed to a leftover's name, to delete."""
    forget_spare(out_dir)
    spare = spare_dir(out_dir)
    if not spare.exists():
        return []
    return [spare.rename(out_dir.parent / f"{hidden_stem(out_dir)}.grievance-old-{os.getpid()}")]


def _swap_in(tmp: Path, out_dir: Path) -> Path | None:
    """The new tree at tmp -> out_dir; -> the folder now holding the output it replaced."""
    if not out_dir.exists():
        tmp.rename(out_dir)
        return None
    if exchange(tmp, out_dir):  # one atomic step: tmp now holds the old output
        return tmp
    old = out_dir.parent / f"{hidden_stem(out_dir)}.grievance-old-{os.getpid()}-2"
    out_dir.rename(old)
    tmp.rename(out_dir)
    return old
