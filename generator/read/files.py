"""Site folder -> the raw bytes of every input file (the only reading of content).

Besides site.yaml, stories and companies: content/escalation.yaml, the images a story
can show (kept beside it under content/stories/, or in content/images/) and the site's
own static/ folder, copied into the output as it is.

Nothing under content/ is skipped in silence: a folder or file that cannot be read, and
a file name that is not UTF-8 or holds a line break or control character (it could not
be named in a one-line message, a URL or a feed), is a diagnostic in `Sources.problems`.

Every file carries the digest of its bytes and its stamp (device, inode, size, modification
and change times). Given the stamps and digests of files read before (`known`), a file
whose stamp is the same is not read again: its bytes are read only if something asks for
them. The change time cannot be set by any program, only moved on by the system whenever
the file is written, so a file with an unchanged stamp has unchanged bytes (the caller
leaves out files changed in the very instant they were read, see `racy`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.read.safeopen import (
    IMAGE_LIMIT,
    STATIC_LIMIT,
    TEXT_LIMIT,
    is_inside,
    kind_of,
    read_user_file,
    size_text,
)

CONFIG_FILE = "site.yaml"
STORIES_DIR = "content/stories"
COMPANIES_DIR = "content/companies"
AUTHORS_DIR = "content/authors"
ESCALATION_FILE = "content/escalation.yaml"
IMAGES_DIR = "content/images"
STATIC_DIR = "static"
STORY_SUFFIXES = (".md", ".markdown")
_IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
IMAGE_SUFFIXES = (*_IMAGE_TYPES, *(suffix.upper() for suffix in _IMAGE_TYPES))  # cameras write .JPG
# Characters no file name of a story may hold: C0 and C1 controls, DEL, line and
# paragraph separators, and the noncharacters U+FFFE and U+FFFF.
_BAD_NAME = frozenset([*map(chr, range(0x20)), *map(chr, range(0x7f, 0xa0)), "\u2028", "\u2029", "\ufffe", "\uffff"])


Stamp = tuple[int, int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns, st_ctime_ns
Known = Mapping[str, tuple[Stamp, str]]  # path -> (stamp, digest) of files read before


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


class SourceFile:
    """One input file: its path relative to the site root (forward slashes), its bytes
    (`data`, read now or on first use) and their digest."""

    __slots__ = ("path", "digest", "stamp", "_data", "_full")

    def __init__(self, path: str, data: bytes | None = None, *, digest: str = "", stamp: Stamp | None = None,
                 full: str = "") -> None:
        self.path = path
        self._data = data
        self._full = full  # where to read it when data is None
        self.digest = hashlib.sha256(data).hexdigest() if data is not None else digest
        self.stamp = stamp

    @property
    def data(self) -> bytes:
        """The file's bytes (OSError if a file not read yet cannot be read now)."""
        if self._data is None:
            self._data = read_user_file(self._full, limit=STATIC_LIMIT)
        return self._data

    @property
    def read(self) -> bool:
        """Whether its bytes are in memory (not only its digest)."""
        return self._data is not None

    def __repr__(self) -> str:
        return f"SourceFile({self.path!r}, digest={self.digest[:12]!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceFile) and (self.path, self.digest) == (other.path, other.digest)

    def __hash__(self) -> int:
        return hash((self.path, self.digest))

    def __getstate__(self) -> tuple:
        return (self.path, self.digest, self.stamp, self._data, self._full)

    def __setstate__(self, state: tuple) -> None:
        self.path, self.digest, self.stamp, self._data, self._full = state


@dataclass(frozen=True)
class Sources:
    config: bytes | None
    stories: tuple[SourceFile, ...]
    companies: tuple[SourceFile, ...]
    escalation: bytes | None = None  # content/escalation.yaml, None when absent
    images: tuple[SourceFile, ...] = ()  # under content/stories/ and content/images/
    static: tuple[SourceFile, ...] = ()  # under static/, copied as they are
    problems: tuple[Diagnostic, ...] = ()  # what could not be read, by path
    authors: tuple[SourceFile, ...] = ()  # content/authors/*.yaml


def shown(path: str) -> str:
    """A path as os gives it -> text fit for a message: bytes that are not UTF-8 as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _name_problem(name: str) -> str | None:
    """A file's path in the site -> why no story or company may have it, or None."""
    if shown(name) != name:
        return "file name is not valid UTF-8; rename the file"
    if not _BAD_NAME.isdisjoint(name):
        return "file name holds a line break or control character; rename the file"
    return None


def _read(full: str, relative: str, problems: list[Diagnostic], *, limit: int = TEXT_LIMIT) -> bytes | None:
    """A file -> its bytes, or None and a diagnostic when it cannot be read."""
    try:
        return read_user_file(full, limit=limit)
    except OSError as error:
        problems.append(Diagnostic(relative, None, f"cannot read the file ({error.strerror or error})"))
        return None


def _list_tree(site_dir: Path, folder: str, kinds: tuple[tuple[str, ...], ...], *, recursive: bool,
               problems: list[Diagnostic], limits: tuple[int, ...] = (),
               inside: tuple[bool, ...] = ()) -> list[list[tuple[str, str, Stamp]]]:
    """Files under site_dir/folder (in sub-folders too when recursive), hidden files left
    out, one list per kind of file (named *<suffix> for one of the kind's suffixes; any
    name for the suffix '') -> each kind's (path relative to the site, full path, stamp),
    sorted as paths (folder by folder); what cannot be listed goes to `problems`, as does
    a file that is no regular file, larger than its kind's limit (`limits`, else
    TEXT_LIMIT), or, for a kind `inside` marks, a link to a file outside the site. One
    walk for every kind: at 10,000 stories a walk with a stat per file takes ~0.1 s."""
    root = os.path.join(site_dir, folder)
    if not os.path.isdir(root):
        return [[] for _ in kinds]

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root).relative_to(site_dir).as_posix()
        problems.append(Diagnostic(shown(where), None, f"cannot read the folder ({error.strerror or error})"))

    found: list[list[tuple[list[str], str, Stamp]]] = [[] for _ in kinds]  # (parts relative to the site, full path, stamp)
    for current, folders, names in os.walk(root, onerror=unreadable):
        if not recursive:
            folders.clear()
        relative = Path(current).relative_to(site_dir).as_posix()
        for name in names:
            if name.startswith("."):
                continue
            wanted = [kind for kind, suffixes in enumerate(kinds) if name.endswith(suffixes)]
            if not wanted:
                continue
            full = os.path.join(current, name)
            if (why := _name_problem(f"{relative}/{name}")) is not None:
                problems.append(Diagnostic(shown(f"{relative}/{name}"), None, why))
                continue
            try:
                status = os.stat(full)
            except OSError as error:
                problems.append(Diagnostic(f"{relative}/{name}", None, f"cannot read the file ({error.strerror})"))
                continue
            if not stat.S_ISREG(status.st_mode):
                why = f"cannot read the file ({kind_of(status.st_mode)}, not a regular file)"
                problems.append(Diagnostic(f"{relative}/{name}", None, why))
                continue
            for kind in wanted:
                limit = limits[kind] if kind < len(limits) else TEXT_LIMIT
                if kind < len(inside) and inside[kind] and not is_inside(full, site_dir):
                    why = f"a link to {shown(os.path.realpath(full))}, outside the site: not published"
                    problems.append(Diagnostic(f"{relative}/{name}", None, why))
                elif status.st_size > limit:
                    why = f"the file is {size_text(status.st_size)}; at most {size_text(limit)}"
                    problems.append(Diagnostic(f"{relative}/{name}", None, why))
                else:
                    found[kind].append(([*relative.split("/"), name], full, stamp_of(status)))
    return [[("/".join(parts), full, stamp) for parts, full, stamp in sorted(listed)] for listed in found]


def _read_tree(site_dir: Path, folder: str, kinds: tuple[tuple[str, ...], ...], *, recursive: bool,
               problems: list[Diagnostic], known: Known, limits: tuple[int, ...] = (),
               inside: tuple[bool, ...] = ()) -> list[tuple[SourceFile, ...]]:
    """As _list_tree, with each file's bytes (or only its digest, when `known` has its
    stamp); a file that cannot be read goes to `problems`."""
    trees = []
    listings = _list_tree(site_dir, folder, kinds, recursive=recursive, problems=problems, limits=limits, inside=inside)
    for kind, listed in enumerate(listings):
        files = []
        limit = limits[kind] if kind < len(limits) else TEXT_LIMIT
        for path, full, stamp in listed:
            before = known.get(path)
            if before is not None and before[0] == stamp:
                files.append(SourceFile(path, digest=before[1], stamp=stamp, full=full))
            elif (data := _read(full, path, problems, limit=limit)) is not None:
                files.append(SourceFile(path, data, stamp=stamp))
        trees.append(tuple(files))
    return trees


def read_sources(site_dir: Path, known: Known | None = None) -> Sources:
    """Site folder (and the stamps and digests of files read before) -> site.yaml bytes
    (None if absent), story, company, image and static files sorted by path, and a
    diagnostic for each of them (or folder) that could not be read."""
    known = known or {}
    problems: list[Diagnostic] = []
    config_path = site_dir / CONFIG_FILE
    config = _read(str(config_path), CONFIG_FILE, problems) if os.path.lexists(config_path) else None
    escalation_path = site_dir / ESCALATION_FILE
    escalation = _read(str(escalation_path), ESCALATION_FILE, problems) if os.path.lexists(escalation_path) else None
    stories, story_images = _read_tree(site_dir, STORIES_DIR, (STORY_SUFFIXES, IMAGE_SUFFIXES), recursive=True,
                                       problems=problems, known=known, limits=(TEXT_LIMIT, IMAGE_LIMIT),
                                       inside=(False, True))
    (companies,) = _read_tree(site_dir, COMPANIES_DIR, ((".yaml", ".yml"),), recursive=False, problems=problems,
                              known={})
    (authors,) = _read_tree(site_dir, AUTHORS_DIR, ((".yaml", ".yml"),), recursive=False, problems=problems,
                            known={})
    (images,) = _read_tree(site_dir, IMAGES_DIR, (IMAGE_SUFFIXES,), recursive=True, problems=problems, known=known,
                           limits=(IMAGE_LIMIT,), inside=(True,))
    (static,) = _read_tree(site_dir, STATIC_DIR, (("",),), recursive=True, problems=problems, known=known,
                           limits=(STATIC_LIMIT,), inside=(True,))
    return Sources(
        config=config, stories=stories, companies=companies, escalation=escalation, images=story_images + images,
        static=static, problems=tuple(dict.fromkeys(problems)), authors=authors,
    )


def story_file(site_dir: Path, relative: str) -> SourceFile | None:
    """A path under content/stories/ -> the story file as `read_sources` reads it, or None
    when it would list it with a problem or not at all (hidden, another kind of file, a
    bad name, no regular file, too large, unreadable)."""
    name = relative.rsplit("/", 1)[-1]
    if (name.startswith(".") or not name.endswith(STORY_SUFFIXES) or not relative.startswith(f"{STORIES_DIR}/")
            or _name_problem(relative) is not None):
        return None
    full = os.path.join(site_dir, relative)
    try:
        status = os.stat(full)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > TEXT_LIMIT:
        return None
    data = _read(full, relative, [])
    return SourceFile(relative, data, stamp=stamp_of(status)) if data is not None else None


def looks_like_a_site(site_dir: Path) -> bool:
    """Folder -> whether it has a site.yaml or any story file (else `build` is likely run
    in the wrong folder)."""
    if (site_dir / CONFIG_FILE).is_file():
        return True
    for _current, _folders, names in os.walk(site_dir / STORIES_DIR):
        if any(name.endswith((".md", ".markdown")) and not name.startswith(".") for name in names):
            return True
    return False


def static_paths(site_dir: Path) -> list[str]:
    """Site folder -> the paths of its static/ files (hidden ones left out), without reading them."""
    # What cannot be listed was reported when the sources were read; the build stopped then.
    (listed,) = _list_tree(site_dir, STATIC_DIR, (("",),), recursive=True, problems=[], limits=(STATIC_LIMIT,),
                           inside=(True,))
    return [path for path, _, _ in listed]


def read_file(site_dir: Path, path: str) -> bytes:
    """Site folder, a path relative to it (as in SourceFile.path) -> the file's bytes
    (RefusedFile, an OSError, for a file no longer regular, too large or outside the site)."""
    return read_user_file(site_dir / path, limit=STATIC_LIMIT, inside=site_dir)
