"""What write.py and patch.py share: the output folder's marker file, two checks on the
files put into it, and the atomic exchange of two folders."""

from __future__ import annotations

import ctypes
import hashlib
import os
from pathlib import Path, PurePosixPath

MARKER = ".grievance-output"
MARKER_TEXT = b"This folder is written by 'grievance build', which may delete and replace it.\n"


_ROOM = 200  # bytes of a folder name kept in the names beside it: '.grievance-new-<pid>' fits in NAME_MAX (255)


def hidden_stem(out_dir: Path) -> str:
    """An output folder -> the start of the hidden names beside it ('.<name>': its lock,
    temporary and old folders). A name too long for NAME_MAX with what follows (a legal
    240-byte name) is cut, and a digest of the whole name keeps it its own."""
    raw = os.fsencode(out_dir.name)
    if len(raw) <= _ROOM:
        return f".{out_dir.name}"
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return f".{os.fsdecode(raw[:_ROOM - 20]).encode('utf-8', 'surrogateescape').decode('utf-8', 'ignore')}-{digest}"


def safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"unsafe output path {name!r}")
    return path


def same_bytes(old: str, data: bytes) -> bool:
    try:
        if os.stat(old).st_size != len(data):
            return False
        with open(old, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE), so the
    output folder never disappears, not even for a moment; False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0
