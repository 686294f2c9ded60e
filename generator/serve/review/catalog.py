"""What the desk lists: the site's drafts and stories under review, with `check`'s
warnings per file, and the companies a story can name (site records, shipped list)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic
from generator.model import Language
from generator.serve.review.files import STORIES
from generator.serve.review.frontmatter import EditError, FrontMatterFile
from generator.serve.review.words import warning_text


@dataclass(frozen=True)
class Entry:
    """One story file as the list shows it."""

    path: str  # site-relative
    title: str
    company: str
    date: str
    draft: bool
    review: tuple[str, ...]
    problem: str = ""  # why the file cannot be edited here
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompanyChoice:
    name: str
    slug: str
    sector: str
    website: str
    aliases: tuple[str, ...]
    record: bool  # the site has content/companies/<slug>.yaml


def story_files(site_dir: Path) -> list[str]:
    """The site's story files, site-relative, sorted; no symbolic links followed."""
    root = site_dir / STORIES
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in files:
            if name.endswith((".md", ".markdown")) and not name.startswith("."):
                found.append((Path(folder) / name).relative_to(site_dir).as_posix())
    return sorted(found)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def read_entry(site_dir: Path, path: str) -> Entry:
    try:
        values = FrontMatterFile((site_dir / path).read_bytes().decode("utf-8")).values()
    except (OSError, UnicodeDecodeError, EditError) as error:
        return Entry(path, path.rsplit("/", 1)[-1], "", "", True, (), problem=str(error))
    review = values.get("review")
    review = tuple(str(k) for k in review) if isinstance(review, list) else ()
    return Entry(path, _text(values.get("title")), _text(values.get("company")), _text(values.get("date")),
                 values.get("draft") is True, review)


def _fingerprint(site_dir: Path) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for folder, _folders, files in os.walk(site_dir / "content"):
        for name in files:
            try:
                status = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            stamps.append((os.path.join(folder, name), status.st_mtime_ns, status.st_size))
    return tuple(sorted(stamps))


@dataclass
class Warnings:
    """`check --drafts`'s warnings and errors per file, made again when content/ changed."""

    site_dir: Path
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _key: object = None
    _found: dict[str, list[Diagnostic]] = field(default_factory=dict)

    def by_file(self, language: Language | str = Language.EN) -> dict[str, list[str]]:
        """-> each file's problems as the desk shows them, in `language` where it has their words."""
        from generator.build import BuildOptions, check_site
        from generator.diagnostics import BuildError

        with self._lock:
            key = _fingerprint(self.site_dir)
            if key != self._key:
                try:
                    problems = check_site(self.site_dir, BuildOptions(drafts=True, lint=True)).warnings
                except BuildError as error:
                    problems = error.diagnostics
                except Exception as error:  # noqa: BLE001 - the list still shows without warnings
                    problems = [Diagnostic("", None, f"check failed: {error}")]
                found: dict[str, list[Diagnostic]] = {}
                for problem in problems:
                    found.setdefault(problem.path, []).append(problem)
                self._found, self._key = found, key
            return {path: [warning_text(problem, language) for problem in problems]
                    for path, problems in self._found.items()}


def entries(site_dir: Path, warnings: dict[str, list[str]]) -> list[Entry]:
    """Drafts and stories under review (and files the desk cannot read), with their warnings."""
    found = []
    for path in story_files(site_dir):
        entry = read_entry(site_dir, path)
        if entry.draft or entry.review or entry.problem:
            found.append(Entry(**{**entry.__dict__, "warnings": tuple(warnings.get(path, ()))}))
    return found


def companies(site_dir: Path) -> list[CompanyChoice]:
    """Site records first, then the shipped list's companies without a record, by name."""
    from generator.importer.companies import shipped
    from generator.model import SiteConfig
    from generator.read.company import parse_company

    own: dict[str, CompanyChoice] = {}
    folder = site_dir / "content" / "companies"
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
        try:
            record = parse_company(path.name, path.read_bytes(), config=SiteConfig())[0]
        except OSError:
            continue
        if record is not None:
            own[record.slug] = CompanyChoice(record.name, record.slug, record.sector, record.website, record.aliases, True)
    rest = [CompanyChoice(c.name, c.slug, c.sector, c.website, c.aliases, False) for c in shipped() if c.slug not in own]
    return sorted(own.values(), key=lambda c: c.name.casefold()) + sorted(rest, key=lambda c: c.name.casefold())


def find_company(choices: list[CompanyChoice], name: str) -> CompanyChoice | None:
    """A company as a story names it -> the choice with that name, alias or slug (any case)."""
    from generator.urls import slugify

    wanted = {name.casefold(), slugify(name)}
    return next((c for c in choices if wanted & {t.casefold() for t in (c.name, c.slug, *c.aliases)}), None)


def site_language(site_dir: Path) -> Language:
    from generator.read.config import parse_config

    try:
        data = (site_dir / "site.yaml").read_bytes()
    except OSError:
        data = None
    return parse_config(data)[0].language


def walk_sorted(items: list[Entry], key: str) -> Iterator[Entry]:
    orders = {"title": lambda e: e.title.casefold(), "company": lambda e: (e.company.casefold(), e.title.casefold()),
              "date": lambda e: e.date, "review": lambda e: (-len(e.review), e.path),
              "warnings": lambda e: (-len(e.warnings), e.path), "file": lambda e: e.path}
    yield from sorted(items, key=orders.get(key, orders["file"]))
