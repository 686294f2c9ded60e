"""A user's file -> its bytes: the one way grievance reads a file it did not write
(stories, companies, site.yaml, images, static/ files, theme files, import SOURCE files).

- Only a regular file is read: a FIFO, a device (/dev/zero, a terminal), a socket or a
  folder is refused, also behind a symbolic link. The file is opened without blocking
  (a FIFO with no writer would wait for ever) and checked on the open descriptor.
- At most `limit` bytes: a larger file, or one that grows while it is read, is refused
  before it fills the memory.
- With `inside`, the file, its symbolic links resolved, must lie inside that folder: a
  link in static/ to /etc/passwd is never published.

Every refusal is a `RefusedFile`, an OSError whose strerror is one line of text, so a
caller that reports `error.strerror` for any OSError reports it too.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable

MB = 1024 * 1024
TEXT_LIMIT = 32 * MB  # a story, company, site.yaml or theme template (Markdown stops at 10 M characters)
IMAGE_LIMIT = 64 * MB  # an image a story shows
STATIC_LIMIT = 256 * MB  # a file of static/ (a PDF, a video)
IMPORT_LIMIT = 64 * MB  # one SOURCE file (a .zip archive: its members are bounded again, archive.py)
ARCHIVE_LIMIT = 512 * MB  # a SOURCE .zip archive

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class RefusedFile(OSError):
    """A file that is not read: why, in one line, as strerror."""

    def __init__(self, message: str) -> None:
        super().__init__(errno.EPERM, message)


def size_text(size: int) -> str:
    """12345678 -> '11.8 MB'; below a megabyte, in KB."""
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.0f} KB"


def kind_of(mode: int) -> str:
    """A st_mode -> what it is, for a message: 'a named pipe (FIFO)', 'a device', ..."""
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def is_inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether path, every symbolic link resolved, lies inside folder (resolved too)."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def read_user_file(path: str | os.PathLike[str], *, limit: int | Callable[[bytes], int],
                   inside: str | os.PathLike[str] | None = None) -> bytes:
    """A file's path, the most bytes it may have (or a function of its first 512 bytes
    giving it) (and a folder it must lie in) -> its bytes; RefusedFile (an OSError) when it is not a regular file, larger than limit or
    outside the folder; OSError when it cannot be read."""
    if inside is not None and not is_inside(path, inside):
        raise RefusedFile(f"a link to {os.path.realpath(path)!s}, outside the site")
    if not stat.S_ISREG(mode := os.stat(path).st_mode):  # a socket cannot even be opened
        raise RefusedFile(f"{kind_of(mode)}, not a regular file")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise RefusedFile(f"{kind_of(status.st_mode)}, not a regular file")
        most = limit(os.pread(descriptor, 512, 0)) if callable(limit) else limit
        if status.st_size > most:
            raise RefusedFile(f"{size_text(status.st_size)}; at most {size_text(most)}")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # The size it has now, and one byte more to see it grow: read(most + 1) would
            # allocate the limit (32 MB for a text) for every file, however small.
            data = handle.read(status.st_size + 1)
            if len(data) > status.st_size:
                data += handle.read(most + 1 - len(data))
    finally:
        os.close(descriptor)
    if len(data) > most:
        raise RefusedFile(f"grew past {size_text(most)} while it was read")
    return data
