"""One build at a time per output folder and per cache folder: a lock file, held while
a build writes and removed when it is done.

POSIX record locks (fcntl.lockf) rather than flock: a record lock belongs to the process
that took it, so the forked workers and the detached background delete do not go on
holding it after the build lets go (with flock every fork shares the lock).
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another process holds the lock on an output or cache folder."""


LOCK_SUFFIX = ".grievance.lock"  # not '.grievance-*': that names the temporary folders


@contextmanager
def held_lock(path: Path, *, what: str, wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """A lock file held for the block, and removed after it. When another process holds
    it: raises Busy, or with `wait` given, tells it why and waits; OSError when the file
    cannot be made."""
    fd = _locked_file(path, what=what, wait=wait)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        try:  # removed while still held: whoever opens the name next gets a new file
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)  # lets go of the lock


def _locked_file(path: Path, *, what: str, wait: Callable[[str], None] | None) -> int:
    """-> a descriptor of the lock file at `path`, locked by this process. A holder
    removes the file as it lets go, so a lock won on a file no longer at `path` is
    tried again on the new one."""
    told = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EACCES, errno.EAGAIN):
                os.close(fd)
                raise
            message = f"another grievance build (process {_holder(fd)}) is using {what}"
            if wait is None:
                os.close(fd)
                raise Busy(f"{message}; try again when it has finished") from None
            if not told:
                wait(f"{message}; waiting for it to finish")
                told = True
            fcntl.lockf(fd, fcntl.LOCK_EX)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


def _holder(fd: int) -> str:
    """The lock file's descriptor -> the pid its holder wrote. A holder writes it right after
    taking the lock, so a file read in between is empty: read again for up to 0.2 s
    ("?" after that: a holder stopped between the two, e.g. by a debugger)."""
    for _ in range(40):
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        if holder:
            return holder
        time.sleep(0.005)
    return "?"
