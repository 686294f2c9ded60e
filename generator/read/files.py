"""Site folder -> the raw bytes of every input file (the only reading of content).

Besides site.yaml, stories and companies: the images a story can show (kept beside it
under content/stories/, or in content/images/) and the site's own static/ folder, copied
into the output as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "site.yaml"
STORIES_DIR = "content/stories"
COMPANIES_DIR = "content/companies"
ESCALATION_FILE = "content/escalation.yaml"
IMAGES_DIR = "content/images"
STATIC_DIR = "static"
_IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
IMAGE_SUFFIXES = (*_IMAGE_TYPES, *(suffix.upper() for suffix in _IMAGE_TYPES))  # cameras write .JPG


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


def _list_tree(site_dir: Path, folder: str, suffixes: tuple[str, ...], *, recursive: bool) -> list[tuple[str, str]]:
    """Files named *<suffix> under site_dir/folder (in sub-folders too when recursive;
    any name for the suffix ''), hidden files left out -> (path relative to the site,
    full path), sorted as paths (folder by folder)."""
    root = os.path.join(site_dir, folder)
    if not os.path.isdir(root):
        return []
    found: list[tuple[list[str], str]] = []  # (parts relative to the site, full path)
    for current, folders, names in os.walk(root):
        if not recursive:
            folders.clear()
        relative = Path(current).relative_to(site_dir).as_posix()
        for name in names:
            full = os.path.join(current, name)
            if name.endswith(suffixes) and not name.startswith(".") and os.path.isfile(full):
                found.append(([*relative.split("/"), name], full))
    found.sort()
    return [("/".join(parts), full) for parts, full in found]


def _read_tree(site_dir: Path, folder: str, suffixes: tuple[str, ...], *, recursive: bool) -> tuple[SourceFile, ...]:
    """As _list_tree, with each file's bytes."""
    files = []
    for path, full in _list_tree(site_dir, folder, suffixes, recursive=recursive):
        with open(full, "rb") as handle:
            files.append(SourceFile(path, handle.read()))
    return tuple(files)


def read_sources(site_dir: Path) -> Sources:
    """Site folder -> site.yaml bytes (None if absent), story and company files, sorted by
    path, and content/escalation.yaml (None if absent)."""
    config_path = site_dir / CONFIG_FILE
    escalation_path = site_dir / ESCALATION_FILE
    return Sources(
        config=config_path.read_bytes() if config_path.is_file() else None,
        stories=_read_tree(site_dir, STORIES_DIR, (".md", ".markdown"), recursive=True),
        companies=_read_tree(site_dir, COMPANIES_DIR, (".yaml", ".yml"), recursive=False),
        escalation=escalation_path.read_bytes() if escalation_path.is_file() else None,
        images=_read_tree(site_dir, STORIES_DIR, IMAGE_SUFFIXES, recursive=True)
        + _read_tree(site_dir, IMAGES_DIR, IMAGE_SUFFIXES, recursive=True),
        static=read_static(site_dir),
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


def read_static(site_dir: Path) -> tuple[SourceFile, ...]:
    """Site folder -> every file of its static/ folder (hidden ones left out), sorted by path."""
    return _read_tree(site_dir, STATIC_DIR, ("",), recursive=True)


def static_paths(site_dir: Path) -> list[str]:
    """Site folder -> the paths read_static would read, without reading them."""
    return [path for path, _ in _list_tree(site_dir, STATIC_DIR, ("",), recursive=True)]


def read_file(site_dir: Path, path: str) -> bytes:
    """Site folder, a path relative to it (as in SourceFile.path) -> the file's bytes."""
    with open(site_dir / path, "rb") as handle:
        return handle.read()

