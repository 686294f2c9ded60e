"""Site folder -> the raw bytes of every input file (the only reading of content)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILE = "site.yaml"
STORIES_DIR = "content/stories"
COMPANIES_DIR = "content/companies"


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the site root, forward slashes
    data: bytes


@dataclass(frozen=True)
class Sources:
    config: bytes | None
    stories: tuple[SourceFile, ...]
    companies: tuple[SourceFile, ...]


def _read_tree(site_dir: Path, folder: str, patterns: tuple[str, ...], *, recursive: bool) -> tuple[SourceFile, ...]:
    root = site_dir / folder
    if not root.is_dir():
        return ()
    found: set[Path] = set()
    for pattern in patterns:
        found.update(root.rglob(pattern) if recursive else root.glob(pattern))
    files = sorted(p for p in found if p.is_file() and not p.name.startswith("."))
    return tuple(SourceFile(p.relative_to(site_dir).as_posix(), p.read_bytes()) for p in files)


def read_sources(site_dir: Path) -> Sources:
    """Site folder -> site.yaml bytes (None if absent), story and company files, sorted by path."""
    config_path = site_dir / CONFIG_FILE
    return Sources(
        config=config_path.read_bytes() if config_path.is_file() else None,
        stories=_read_tree(site_dir, STORIES_DIR, ("*.md", "*.markdown"), recursive=True),
        companies=_read_tree(site_dir, COMPANIES_DIR, ("*.yaml", "*.yml"), recursive=False),
    )

