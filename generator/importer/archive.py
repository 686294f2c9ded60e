"""An archive of an old blog (WordPress.com's export, Medium's, Substack's, Blogger's
Takeout as .zip or .tgz, a zipped or tarred folder of posts, a gzipped export such as
`export.xml.gz`) -> its files, read in memory as a folder would be.

The archive is untrusted: nothing is extracted to disk (so no path in it can point
anywhere), every member is read through a bounded reader whatever size it claims (a zip
or gzip bomb stops at the bound), and there are at most MAX_MEMBERS of them. Hidden
members and macOS's `__MACOSX/` copies are left out, like hidden files in a folder; an
archive inside the archive, an encrypted member, or a link or device in a tar archive,
is one problem.
"""

from __future__ import annotations

import gzip
import io
import os
import posixpath
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO
from dataclasses import dataclass
from datetime import date

from generator.importer.post import BadInput
from generator.read.safeopen import ARCHIVE_LIMIT, IMPORT_LIMIT, read_user_file

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # a Ghost or WordPress export of a large blog fits
MAX_TOTAL_BYTES = 512 * 1024 * 1024
_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b")  # a zip's member first, or an empty zip; gzip
_GZIP = b"\x1f\x8b"


@dataclass(frozen=True)
class Member:
    """One file of the archive: its path in it, its bytes (or why it was not read), its date."""

    name: str
    data: bytes | None
    day: date | None
    problem: str = ""


def is_archive(data: bytes) -> bool:
    return data.startswith(_SIGNATURES) or _is_tar(data)


def _is_tar(data: bytes) -> bool:
    return data[257:262] == b"ustar"


def read_source(path: str | os.PathLike[str]) -> bytes:
    """A SOURCE file -> its bytes, read as every user file is (read/safeopen.py): a
    regular file of at most IMPORT_LIMIT bytes, a .zip archive of at most ARCHIVE_LIMIT;
    OSError (RefusedFile) otherwise."""
    return read_user_file(path, limit=lambda head: ARCHIVE_LIMIT if is_archive(head) else IMPORT_LIMIT)


def _hidden(name: str) -> bool:
    return any((part.startswith(".") and part != "..") or part == "__MACOSX" for part in name.split("/"))


_ESCAPES = "a path out of the archive ('..'): not read"


def _escapes(name: str) -> bool:
    """A member's name -> whether it climbs out of the archive ('../../evil.md'): reported, never read."""
    return ".." in name.replace("\\", "/").split("/")


def _day(info: zipfile.ZipInfo) -> date | None:
    try:
        return date(*info.date_time[:3])
    except (ValueError, TypeError):
        return None


def _too_much() -> str:
    return f"the archive unpacks to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB: not read"


def _read(handle: IO[bytes], room: int) -> bytes:
    """A member's open file (of a zip or tar archive) -> its bytes, at most
    min(MAX_MEMBER_BYTES, room); BadInput when it is larger."""
    limit = min(MAX_MEMBER_BYTES, room)
    data = handle.read(limit + 1)
    if len(data) > limit:
        if limit < MAX_MEMBER_BYTES:
            raise BadInput(_too_much())
        raise BadInput(f"larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MB unpacked: not read")
    return data


def _unpacked(name: str, content: bytes, day: date | None) -> Member:
    """A member read -> itself, or a problem when it is an archive itself."""
    if is_archive(content):
        return Member(name, None, day, "an archive inside the archive: unpack it first")
    return Member(name, content, day)


def members(data: bytes, name: str = "") -> Iterator[Member]:
    """Archive bytes (and the archive's file name) -> its files, sorted by path; BadInput
    when it is no readable archive."""
    if data.startswith(_GZIP):
        unpacked = _gunzip(data)
        if _is_tar(unpacked):
            yield from _tar_members(unpacked)
            return
        inner = posixpath.basename(name.replace(os.sep, "/"))
        inner = inner[:-3] if inner.endswith(".gz") else inner[:-4] + ".tar" if inner.endswith(".tgz") else "unpacked"
        yield _unpacked(inner, unpacked, None)
        return
    if _is_tar(data):
        yield from _tar_members(data)
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise BadInput(f"broken zip archive: {error}") from None
    files = sorted((info for info in infos if not info.is_dir() and not _hidden(info.filename)),
                   key=lambda info: info.filename)
    if len(files) > MAX_MEMBERS:
        raise BadInput(f"zip archive of {len(files)} files: at most {MAX_MEMBERS} are read")
    room = MAX_TOTAL_BYTES
    for info in files:
        name, day = info.filename, _day(info)
        if _escapes(name):
            yield Member(name, None, day, _ESCAPES)
            continue
        if info.flag_bits & 0x1:
            yield Member(name, None, day, "encrypted in the archive: not read")
            continue
        try:
            with archive.open(info) as handle:
                content = _read(handle, room)
        except BadInput as error:
            yield Member(name, None, day, str(error))
            continue
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError) as error:
            yield Member(name, None, day, f"cannot unpack: {error}")
            continue
        room -= len(content)
        yield _unpacked(name, content, day)


def _gunzip(data: bytes) -> bytes:
    """Gzip bytes -> what they unpack to, at most MAX_TOTAL_BYTES; BadInput when more or broken."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacking:
            unpacked = unpacking.read(MAX_TOTAL_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise BadInput(f"broken gzip file: {error}") from None
    if len(unpacked) > MAX_TOTAL_BYTES:
        raise BadInput(_too_much())
    return unpacked


def _tar_members(data: bytes) -> Iterator[Member]:
    """Tar bytes -> its regular files, sorted by path (links, devices and the like are a
    problem each, folders and hidden members left out); BadInput when it is no readable
    archive or has more than MAX_MEMBERS entries."""
    found: list[Member] = []
    room = MAX_TOTAL_BYTES
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            entries = 0
            while (info := archive.next()) is not None:
                entries += 1
                if entries > MAX_MEMBERS:
                    raise BadInput(f"tar archive of more than {MAX_MEMBERS} entries: at most {MAX_MEMBERS} are read")
                if info.isdir() or _hidden(info.name):
                    continue
                day = _tar_day(info)
                if _escapes(info.name):
                    found.append(Member(info.name, None, day, _ESCAPES))
                    continue
                if not info.isreg():
                    found.append(Member(info.name, None, day, "a link or device in the archive, not a file: not read"))
                    continue
                handle = archive.extractfile(info)
                try:
                    content = _read(handle, room) if handle is not None else b""
                except BadInput as error:
                    found.append(Member(info.name, None, day, str(error)))
                    continue
                room -= len(content)
                found.append(_unpacked(info.name, content, day))
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
        raise BadInput(f"broken tar archive: {error}") from None
    yield from sorted(found, key=lambda member: member.name)


def _tar_day(info: tarfile.TarInfo) -> date | None:
    try:
        return date.fromtimestamp(info.mtime)
    except (ValueError, OverflowError, OSError, TypeError):
        return None
