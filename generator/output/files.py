"""What write.py and patch.py share: the output folder's marker file, and two checks on
the files put into it."""

from __future__ import annotations

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
