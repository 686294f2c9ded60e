"""The recipe's `Memory`: what a build remembers of the last build into the same output.

The last build is found in the site's cache (`.grievance-cache/builds.pickle`), and the
stamps of the files it read (`files.pickle`). It is trusted only when it describes this
site and this output (both are in its fingerprint) and the output still holds the very
marker file that build wrote (its inode and modification time): a build of another site
into the folder, or a folder replaced by hand, makes it a stranger, and the build is full.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import clock
from generator.build import BuildOptions, BuildResult, Edits, Mapper, Parsed
from generator.fast.cache import Cache, code_version, key_of, wait_for_saves
from generator.fast.edits import BuildRecord, StoryKeys, build_record, story_keys, text_edits
from generator.fast.parse import parse_stories
from generator.model import Site, SiteConfig
from generator.output.write import MARKER
from generator.read.files import SourceFile, Sources, read_sources

# A file whose change time is this close to the moment it was read may have changed again
# within the file system's clock tick: it is read again by the next build (as git does).
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class _LastBuild:
    """The cache's memory of the last build into one output folder."""

    fingerprint: str
    result: BuildResult
    record: BuildRecord
    marker: tuple[int, int]  # (inode, mtime_ns) of the output's marker file that build wrote


def _marker_of(out_dir: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(out_dir / MARKER)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _context_key(site_dir: Path, out_dir: Path, sources: Sources, options: BuildOptions) -> str:
    """Every input of a build but the story files -> one key: which site into which
    output, code, theme, site.yaml, escalation routes, companies, authors, images and static
    files, options, dates."""
    themes = site_dir / "themes"
    theme_files = sorted(p for p in themes.rglob("*") if p.is_file()) if themes.is_dir() else []
    return key_of(
        str(site_dir.resolve()), str(out_dir.resolve()),
        code_version(), repr((options.drafts, options.base_url, options.strict, options.search)),
        str(clock.today()), str(clock.source_date()), sources.config or b"", sources.escalation or b"",
        *(part for f in (*sources.companies, *sources.authors) for part in (f.path, f.data)),
        *(part for f in (*sources.images, *sources.static) for part in (f.path, f.digest)),
        *(part for p in theme_files for part in (p.relative_to(site_dir).as_posix(), p.read_bytes())),
    )


@dataclass
class BuildMemory:
    """One build's use of the cache: `read`, then `unchanged`, `parse`, `edits`, `remember`."""

    site_dir: Path
    out_dir: Path
    options: BuildOptions
    cache: Cache
    idle: list[Callable[[], None]]  # work the pool runs while its workers render
    digests: dict[str, str] = field(default_factory=dict)  # story file path -> digest of its bytes
    context: str = ""
    fingerprint: str = ""
    last: _LastBuild | None = None
    edited: Edits | None = None
    keys: list[StoryKeys] = field(default_factory=list)  # this build's story keys, once made

    def read(self) -> Sources:
        site = str(self.site_dir.resolve())
        known = self.cache.load("files").get(site, {})
        started = clock.file_clock_ns()
        sources = read_sources(self.site_dir, known)
        fresh = {f.path: (f.stamp, f.digest) for f in (*sources.stories, *sources.images, *sources.static)
                 if f.stamp is not None and f.stamp[4] < started - _RACY_NS}
        if fresh != known:  # true whether or not this build succeeds
            self.cache.save("files", {site: fresh}, background=True)
        self.context = _context_key(self.site_dir, self.out_dir, sources, self.options)
        self.fingerprint = key_of(self.context, *(part for f in sources.stories for part in (f.path, f.digest)))
        self.digests = {f.path: f.digest for f in sources.stories}
        last = self.cache.load("builds").get(str(self.out_dir.resolve()))
        if isinstance(last, _LastBuild) and last.marker == _marker_of(self.out_dir):
            self.last = last  # else: no build to compare with, or the output is not the one it wrote
        return sources

    def unchanged(self) -> BuildResult | None:
        if self.last is not None and self.last.fingerprint == self.fingerprint:
            return self.last.result
        return None

    def parse(self, files: Sequence[SourceFile], parse: Callable[[SourceFile], Parsed],
              config: SiteConfig, map: Mapper) -> list[Parsed]:
        return parse_stories(files, parse, config, cache=self.cache, map=map)

    def edits(self, site: Site) -> Edits | None:
        """Text-only edits since the last build, whose output still holds every file it put.
        None: a full build follows, and the story keys of its record are made while its
        workers render."""
        stories = text_edits(self.last.record, self.context, site, self.digests) if self.last is not None else None
        out = str(self.out_dir)
        if (self.last is None or stories is None  # ~0.1 s for 25,000 files:
                or not all(os.path.isfile(os.path.join(out, name)) for name in self.last.record.files)):
            self.idle.append(lambda: self.keys.append(story_keys(site)))
            return None
        self.edited = Edits(stories, self.last.result)
        return self.edited

    def remember(self, site: Site, result: BuildResult, files: Sequence[str] | None) -> None:
        """-> the builds table, for the next build into this output."""
        if files is None and self.last is not None and self.edited is not None:
            record = self.last.record.after(self.edited.stories, self.digests)
        else:
            keys = self.keys[0] if self.keys else None
            record = build_record(self.context, site, sorted(files or ()), self.digests, keys=keys)
        marker = _marker_of(self.out_dir)
        builds = {folder: last for folder, last in self.cache.load("builds").items() if _still_there(folder)}
        if marker is not None:
            builds[str(self.out_dir.resolve())] = _LastBuild(self.fingerprint, result, record, marker)
        self.cache.save("builds", builds)
        wait_for_saves()  # the parse cache, written in the background while pages rendered


def open_memory(cache: Cache, idle: list[Callable[[], None]]) -> Callable[[Path, Path, BuildOptions], BuildMemory]:
    """A cache, the pool's idle work -> the recipe's `Speed.memory`: each build's memory in it."""

    def memory(site_dir: Path, out_dir: Path, options: BuildOptions) -> BuildMemory:
        idle.clear()  # a failed build's work, never run
        return BuildMemory(site_dir, out_dir, options, cache, idle)

    return memory


def _still_there(folder: str) -> bool:
    """An output folder remembered in the builds table -> whether it still holds a build.
    The table keeps one record per folder (~2 MB at 10,000 stories), and `serve` builds
    into a new temporary folder each session: gone folders are forgotten."""
    return (Path(folder) / MARKER).is_file()

