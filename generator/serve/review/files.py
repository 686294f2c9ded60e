"""The desk's writes to the site's files: only inside content/, atomic, never over a
change made meanwhile.

- A path from a request is site-relative, '/'-separated, and must name a story under
  content/stories/ (`.md`) or a record under content/companies/ (`.yaml`): no '..', no
  absolute path, no symbolic link anywhere on the way (a link could point outside).
- A story is written back only when its bytes still hash to the version the form was
  made from; the new text goes to a temporary file beside it, then replaces it.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
from pathlib import Path

from generator.serve.review.words import Message

STORIES = "content/stories"
COMPANIES = "content/companies"
WRITE_LOCK = threading.Lock()  # one desk write at a time: check version, then replace


class Refused(Exception):
    """A write the desk will not do; the message says why, for the person at the desk
    (a Message is shown in the site's language; str() is English)."""

    def __init__(self, message: str | Message, status: int = 400) -> None:
        self.message = message if isinstance(message, Message) else Message.of("text", text=message)
        super().__init__(self.message.text())
        self.status = status


def version(data: bytes) -> str:
    """File bytes -> the token a form carries to say which version it was made from."""
    return hashlib.sha256(data).hexdigest()[:32]


def inside(site_dir: Path, relative: str, *, folder: str, suffix: tuple[str, ...]) -> Path:
    """A site-relative path from a request -> the file, or Refused when it is not a plain
    path to a `suffix` file under `folder` (inside content/) without symbolic links."""
    parts = relative.split("/")
    if (not relative.startswith(folder + "/") or not relative.endswith(suffix) or "\\" in relative
            or "\x00" in relative or any(part in ("", ".", "..") for part in parts)):
        raise Refused(Message.of("outside", file=relative, kinds=" / ".join(suffix), folder=folder), 403)
    root = site_dir.resolve()
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            raise Refused(Message.of("link", file=relative), 403)
    if not path.resolve().is_relative_to(root / "content"):
        raise Refused(f"{relative}: lies outside content/", 403)
    return path


def read_story(site_dir: Path, relative: str) -> tuple[Path, bytes]:
    path = inside(site_dir, relative, folder=STORIES, suffix=(".md", ".markdown"))
    try:
        return path, path.read_bytes()
    except OSError as error:
        raise Refused(f"{relative}: cannot read: {error.strerror or error}", 404) from None


def _write_temporary(path: Path, data: bytes) -> str:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".desk-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def replace_story(path: Path, relative: str, data: bytes, *, expected: str, rename_to: Path | None = None) -> None:
    """Write `data` over a story whose bytes must still hash to `expected`; with `rename_to`
    the new text goes to that (new) name and the old file is removed."""
    with WRITE_LOCK:
        try:
            now = path.read_bytes()
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError as error:
            raise Refused(f"{relative}: cannot read: {error.strerror or error}", 409) from None
        if version(now) != expected:
            raise Refused(Message.of("stale", file=relative), 409)
        temporary = _write_temporary(path, data)
        try:
            os.chmod(temporary, mode)
            if rename_to is None:
                os.replace(temporary, path)
                return
            try:
                os.link(temporary, rename_to)  # fails rather than replace a file of that name
            except FileExistsError:
                raise Refused(Message.of("file_exists", file=rename_to.name), 409) from None
            os.unlink(path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)


def create(path: Path, text: str) -> bool:
    """Write a new file -> False (nothing written) when one of that name exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _write_temporary(path, text.encode("utf-8"))
    try:
        os.link(temporary, path)
        return True
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
