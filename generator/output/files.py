"""What write.py and patch.py share: the output folder's marker file, and two checks on
the files put into it."""

from __future__ import annotations

import os
from pathlib import PurePosixPath

MARKER = ".grievance-output"
MARKER_TEXT = b"This folder is written by 'grievance build', which may delete and replace it.\n"


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
