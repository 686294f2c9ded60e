"""The door from the recipe to speed: parsing in workers through the cache, the
no-change shortcut, the text-edit path and rendering in worker processes.

`Speed.read` finds the last build into the same output folder in the site's cache
(`.grievance-cache/builds.pickle`), and the stamps of the files it read (`files.pickle`).
The last build is trusted only when it describes this site and this output (both are in
its fingerprint) and the output still holds the very marker file that build wrote (its
inode and modification time): a build of another site into the folder, or a folder
replaced by hand, makes it a stranger, and the build is full.

- `read()`: the site's files, a file whose stamp is unchanged since it was last read
  not read again (read/files.py): only its digest is known.
- `unchanged()`: every input identical -> the last build's result, nothing redone.
- `parse(files, config)`: story files -> parsed stories, cached, in workers.
- `meanwhile(begin)`: work the writer's `finish` needs (the search index), begun when
  it does not slow the build down.
- `write(site, writer)`: text-only edits since the last build -> patch the output in
  place with only the edited stories' pages and feeds (edits.py, output/patch.py);
  otherwise render everything in worker processes (jobs.py).
- `remember(result)`: store this build for the next.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from generator import clock
from generator.fast.cache import Cache, code_version, key_of, wait_for_saves
from generator.fast.edits import Record, Redo, record_of, text_edits
from generator.fast.later import InThread, Later, Pending, starting
from generator.fast.workers import gc_paused
from generator.output.patch import Patch
from generator.output.write import MARKER, Fill, Staging, WriteStats
from generator.urls import FEED_FILES

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic
    from generator.model import SiteConfig, Site, Story
    from generator.read.files import SourceFile, Sources

R = TypeVar("R")


class Writer(Protocol):
    """The recipe's atomic write, given what fills the output (in_place: patch it, see patch.py)."""

    def __call__(self, fill: Fill, *, in_place: bool = False) -> WriteStats: ...


@dataclass(frozen=True)
class Written:
    """What a write put: its counts by kind, and whether it changed anything on disk."""

    pages: int
    feeds: int
    files: int
    stats: WriteStats


@dataclass(frozen=True)
class _LastBuild:
    """The cache's memory of the last build into one output folder."""

    fingerprint: str
    result: Any  # the recipe's BuildResult, handed back as it was
    record: Record
    marker: tuple[int, int]  # (inode, mtime_ns) of the output's marker file that build wrote


def _marker_of(out_dir: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(out_dir / MARKER)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _context_key(site_dir: Path, out_dir: Path, sources: Sources, options: Any) -> str:
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


# A file whose change time is this close to the moment it was read may have changed again
# within the file system's clock tick: it is read again by the next build (as git does).
_RACY_NS = 2_000_000_000


class _OutputChanged(Exception):
    """A file of the last build's output is gone: it cannot be kept as it is."""


@dataclass
class _Tally:
    """Counts the files of a stream as it passes to the writer."""

    pages: int = 0
    feeds: int = 0
    files: int = 0
    names: list[str] = field(default_factory=list)

    def count(self, puts: Iterable[tuple[str, bool]]) -> WriteStats:
        """(path, left unchanged?) per file put -> how many were written and unchanged."""
        unchanged = 0
        for name, same in puts:
            self.names.append(name)
            unchanged += same
            self.files += 1
            self.pages += name.endswith(".html")
            self.feeds += name.rsplit("/", 1)[-1] in FEED_FILES.values()
        return WriteStats(self.files - unchanged, unchanged)

    def written(self, stats: WriteStats) -> Written:
        return Written(self.pages, self.feeds, self.files, stats)


@dataclass
class Speed:
    """One build's use of the cache, the workers and the last build's output."""

    site_dir: Path
    out_dir: Path
    jobs: int
    cache: Cache
    options: Any = None
    digests: dict[str, str] = field(default_factory=dict)  # story file path -> digest of its bytes
    _meanwhile: list[Later[Any]] = field(default_factory=list)
    context: str = ""  # "" without a cache: nothing remembered, nothing compared
    fingerprint: str = ""
    last: _LastBuild | None = None
    record: Record | None = None  # this build's, once written

    @classmethod
    def open(cls, site_dir: Path, out_dir: Path, options: Any) -> Speed:
        """Site and output folders, the build's options -> the door."""
        return cls(site_dir, out_dir, options.jobs, Cache(options.cache_dir), options)

    def read(self) -> Sources:
        """-> the site's files; those whose stamps the cache knows are not read (only
        their digests are known), and the last build into this output is looked up."""
        from generator.read.files import read_sources

        if self.cache.root is None:
            return read_sources(self.site_dir)
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

    @classmethod
    def without_cache(cls, site_dir: Path, *, jobs: int) -> Speed:
        """-> the door for `check`: workers, but no cache and no output."""
        return cls(site_dir, site_dir, jobs, Cache(None))

    def unchanged(self) -> Any | None:
        """-> the last build's result when every input is the same, else None."""
        if self.last is not None and self.last.fingerprint == self.fingerprint:
            return self.last.result
        return None

    def parse(self, files: Sequence[SourceFile], config: SiteConfig) -> list[tuple[Story | None, list[Diagnostic]]]:
        """Story files -> (Story or None, diagnostics) per file, through the cache, in workers."""
        from generator.fast.parse import parse_stories

        with gc_paused():
            return parse_stories(files, config, cache=self.cache, jobs=self.jobs)

    def meanwhile(self, begin: Callable[..., Pending[R]]) -> Later[R]:
        """Work the writer's `finish` needs (the search index), `begin(changed=None)`
        starting it; `changed` is the slugs of the only stories that can differ from
        the last build in the output (a text edit), None when any may. A text edit
        begins it before its own render (Pagefind, a process of its own, takes the
        second core); a full build when `finish` asks, after the render, since on 2
        cores Pagefind beside the render workers made a 10,000-story build 7 s slower."""
        later = Later(begin)
        self._meanwhile.append(later)
        return later

    def write(self, site: Site, writer: Writer) -> Written:
        """Linked Site, the atomic writer -> every file put: the text-edit path when it
        applies, else everything rendered in workers."""
        edited = text_edits(self.last.record, self.context, site, self.digests) if self.last is not None else None
        if edited is not None:
            try:
                return self._write_edits(site, edited, writer)
            except _OutputChanged:  # nothing was written: the full build follows
                for later in self._meanwhile:
                    later.wait()  # its workers fork: not while a thread of this process runs
        return self._write_all(site, writer)

    def _write_edits(self, site: Site, edited: list[Story], writer: Writer) -> Written:
        """Only the edited stories' pages and feeds (and the search shards holding them)
        change: the output is patched in place, every other file stays as it is."""
        assert self.last is not None
        last = self.last
        out = str(self.out_dir)
        for name in last.record.files:  # ~0.1 s for 25,000 files
            if not os.path.isfile(os.path.join(out, name)):
                raise _OutputChanged(name)
        changed = frozenset(story.slug for story in edited)
        for later in self._meanwhile:  # the search index beside this render: nothing forks from here on
            later.start(changed)
        redo = Redo.of(self.site_dir, site, edited).files(site, edited)

        def fill(patch: Staging | Patch) -> WriteStats:
            if not isinstance(patch, Patch):  # the output is gone: nothing to patch
                raise _OutputChanged(out)
            unchanged = sum(patch.put(name, data) for name, data in redo.items())
            return WriteStats(len(redo) - unchanged, len(last.record.files) - len(redo) + unchanged)

        stats = writer(fill, in_place=True)
        self.record = last.record.after(edited, self.digests)
        last = self.last.result
        return Written(last.pages, last.feeds, last.files, stats)

    def _write_all(self, site: Site, writer: Writer) -> Written:
        from generator.fast.jobs import Producer, produce

        with gc_paused():  # planning makes ~20 objects a page: see gc_paused
            producer = Producer.of(self.site_dir, site)
        tally = _Tally()
        # This build's record but for its files, made while the workers render.
        made = Later(lambda: InThread(lambda: record_of(self.context, site, (), self.digests))) if self.context else None

        def fill(staging: Staging | Patch) -> WriteStats:
            files = produce(producer, staging, jobs=self.jobs)  # type: ignore[arg-type]
            return tally.count(starting(files, [made] if made else []))

        stats = writer(fill)
        if made is not None:
            self.record = replace(made.result(), files=tuple(sorted(tally.names)))
        return tally.written(stats)

    def remember(self, result: Any) -> None:
        """This build's result -> the builds table, for the next build into this output."""
        if self.context and self.record is not None:
            marker = _marker_of(self.out_dir)
            builds = {folder: last for folder, last in self.cache.load("builds").items() if _still_there(folder)}
            if marker is not None:
                builds[str(self.out_dir.resolve())] = _LastBuild(self.fingerprint, result, self.record, marker)
            self.cache.save("builds", builds)
        wait_for_saves()  # the parse cache, written in the background while pages rendered


def _still_there(folder: str) -> bool:
    """An output folder remembered in the builds table -> whether it still holds a build.
    The table keeps one record per folder (~2 MB at 10,000 stories), and `serve` builds
    into a new temporary folder each session: gone folders are forgotten."""
    return (Path(folder) / MARKER).is_file()
