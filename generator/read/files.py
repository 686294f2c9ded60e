"""Site folder -> the raw bytes of every input file (the only reading of content).

Besides site.yaml, stories and companies: content/escalation.yaml, the images a story
can show (kept beside it under content/stories/, or in content/images/) and the site's
own static/ folder, copied into the output as it is.

Nothing under content/ is skipped in silence: a folder or file that cannot be read, and
a file name that is not UTF-8 or holds a line break or control character (it could not
be named in a one-line message, a URL or a feed), is a diagnostic in `Sources.problems`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic

CONFIG_FILE = "site.yaml"
STORIES_DIR = "content/stories"
COMPANIES_DIR = "content/companies"
ESCALATION_FILE = "content/escalation.yaml"
IMAGES_DIR = "content/images"
STATIC_DIR = "static"
_IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
IMAGE_SUFFIXES = (*_IMAGE_TYPES, *(suffix.upper() for suffix in _IMAGE_TYPES))  # cameras write .JPG
# Characters no file name of a story may hold: C0 and C1 controls, DEL, line and
# paragraph separators, and the noncharacters U+FFFE and U+FFFF.
_BAD_NAME = frozenset([*map(chr, range(0x20)), *map(chr, range(0x7f, 0xa0)), "\u2028", "\u2029", "\ufffe", "\uffff"])


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the site root, forward slashes
    data: bytes


@dataclass(frozen=True)
class Sources:
    config: bytes | None
    stories: tuple[SourceFile, ...]
    companies: tuple[SourceFile, ...]
    escalation: bytes | None = None  # content/escalation.yaml, None when absent
    images: tuple[SourceFile, ...] = ()  # under content/stories/ and content/images/
    static: tuple[SourceFile, ...] = ()  # under static/, copied as they are
    problems: tuple[Diagnostic, ...] = ()  # what could not be read, by path


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


def _read(full: str, relative: str, problems: list[Diagnostic]) -> bytes | None:
    """A file -> its bytes, or None and a diagnostic when it cannot be read."""
    try:
        with open(full, "rb") as handle:
            return handle.read()
    except OSError as error:
        problems.append(Diagnostic(relative, None, f"cannot read the file ({error.strerror or error})"))
        return None


def _list_tree(site_dir: Path, folder: str, suffixes: tuple[str, ...], *, recursive: bool,
               problems: list[Diagnostic]) -> list[tuple[str, str]]:
    """Files named *<suffix> under site_dir/folder (in sub-folders too when recursive; any
    name for the suffix ''), hidden files left out -> (path relative to the site, full
    path), sorted as paths (folder by folder); what cannot be listed goes to `problems`."""
    root = os.path.join(site_dir, folder)
    if not os.path.isdir(root):
        return []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root).relative_to(site_dir).as_posix()
        problems.append(Diagnostic(shown(where), None, f"cannot read the folder ({error.strerror or error})"))

    found: list[tuple[list[str], str]] = []  # (parts relative to the site, full path)
    for current, folders, names in os.walk(root, onerror=unreadable):
        if not recursive:
            folders.clear()
        relative = Path(current).relative_to(site_dir).as_posix()
        for name in names:
            full = os.path.join(current, name)
            if not name.endswith(suffixes) or name.startswith("."):
                continue
            if (why := _name_problem(f"{relative}/{name}")) is not None:
                problems.append(Diagnostic(shown(f"{relative}/{name}"), None, why))
            elif os.path.isfile(full):
                found.append(([*relative.split("/"), name], full))
            else:
                problems.append(Diagnostic(f"{relative}/{name}", None, "cannot read the file (not a regular file)"))
    found.sort()
    return [("/".join(parts), full) for parts, full in found]


def _read_tree(site_dir: Path, folder: str, suffixes: tuple[str, ...], *, recursive: bool,
               problems: list[Diagnostic]) -> tuple[SourceFile, ...]:
    """As _list_tree, with each file's bytes; a file that cannot be read goes to `problems`."""
    files = []
    for path, full in _list_tree(site_dir, folder, suffixes, recursive=recursive, problems=problems):
        if (data := _read(full, path, problems)) is not None:
            files.append(SourceFile(path, data))
    return tuple(files)


def read_sources(site_dir: Path) -> Sources:
    """Site folder -> site.yaml bytes (None if absent), story and company files sorted by
    path, and a diagnostic for each of them (or folder) that could not be read."""
    problems: list[Diagnostic] = []
    config_path = site_dir / CONFIG_FILE
    config = _read(str(config_path), CONFIG_FILE, problems) if config_path.is_file() else None
    escalation_path = site_dir / ESCALATION_FILE
    escalation = _read(str(escalation_path), ESCALATION_FILE, problems) if escalation_path.is_file() else None
    return Sources(
        config=config,
        stories=_read_tree(site_dir, STORIES_DIR, (".md", ".markdown"), recursive=True, problems=problems),
        companies=_read_tree(site_dir, COMPANIES_DIR, (".yaml", ".yml"), recursive=False, problems=problems),
        escalation=escalation,
        images=_read_tree(site_dir, STORIES_DIR, IMAGE_SUFFIXES, recursive=True, problems=problems)
        + _read_tree(site_dir, IMAGES_DIR, IMAGE_SUFFIXES, recursive=True, problems=problems),
        static=_read_tree(site_dir, STATIC_DIR, ("",), recursive=True, problems=problems),
        problems=tuple(dict.fromkeys(problems)),  # content/stories/ is walked for stories and images
    )


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
    return [path for path, _ in _list_tree(site_dir, STATIC_DIR, ("",), recursive=True, problems=[])]


def read_file(site_dir: Path, path: str) -> bytes:
    """Site folder, a path relative to it (as in SourceFile.path) -> the file's bytes."""
    with open(site_dir / path, "rb") as handle:
        return handle.read()
