"""The door from the recipe to speed: parsing in workers through the cache, the
no-change shortcut, the text-edit path and rendering in worker processes.

`Speed.open` finds the last build into the same output folder in the site's cache
(`.grievance-cache/builds.pickle`). It is trusted only when it describes this site and
this output (both are in its fingerprint) and the output still holds the very marker
file that build wrote (its inode and modification time): a build of another site into
the folder, or a folder replaced by hand, makes it a stranger, and the build is full.

- `unchanged()`: every input identical -> the last build's result, nothing redone.
- `parse(files, config)`: story files -> parsed stories, cached, in workers.
- `write(site, writer)`: text-only edits since the last build -> keep every other file
  of the last output, render only the edited stories' pages and feeds (edits.py);
  otherwise render everything in worker processes (jobs.py).
- `remember(result)`: store this build for the next.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator import clock
from generator.fast.cache import Cache, code_version, key_of, wait_for_saves
from generator.fast.edits import Record, Redo, record_of, text_edits
from generator.fast.workers import gc_paused
from generator.output.write import MARKER, Fill, Staging, WriteStats
from generator.urls import FEED_FILES

if TYPE_CHECKING:
    from generator.diagnostics import Diagnostic
    from generator.model import SiteConfig, Site, Story
    from generator.read.files import SourceFile, Sources

T = TypeVar("T")
R = TypeVar("R")
Writer = Callable[[Fill], WriteStats]  # the recipe's atomic write, given what fills the folder


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
    output, code, theme, site.yaml, escalation routes, companies, images and static
    files, options, dates."""
    themes = site_dir / "themes"
    theme_files = sorted(p for p in themes.rglob("*") if p.is_file()) if themes.is_dir() else []
    return key_of(
        str(site_dir.resolve()), str(out_dir.resolve()),
        code_version(), repr((options.drafts, options.base_url, options.strict, options.search)),
        str(clock.today()), str(clock.source_date()), sources.config or b"", sources.escalation or b"",
        *(part for f in sources.companies for part in (f.path, f.data)),
        *(part for f in (*sources.images, *sources.static) for part in (f.path, f.data)),
        *(part for p in theme_files for part in (p.relative_to(site_dir).as_posix(), p.read_bytes())),
    )


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
    context: str = ""  # "" without a cache: nothing remembered, nothing compared
    fingerprint: str = ""
    last: _LastBuild | None = None
    record: Record | None = None  # this build's, once written

    @classmethod
    def open(cls, site_dir: Path, out_dir: Path, sources: Sources, options: Any) -> Speed:
        """Site and output folders, the files read, the build's options -> the door."""
        speed = cls(site_dir, out_dir, options.jobs, Cache(options.cache_dir))
        if options.cache_dir is None:
            return speed
        speed.context = _context_key(site_dir, out_dir, sources, options)
        speed.fingerprint = key_of(speed.context, *(part for f in sources.stories for part in (f.path, f.data)))
        last = speed.cache.load("builds").get(str(out_dir.resolve()))
        if isinstance(last, _LastBuild) and last.marker == _marker_of(out_dir):
            speed.last = last  # else: no build to compare with, or the output is not the one it wrote
        return speed

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

    def write(self, site: Site, writer: Writer) -> Written:
        """Linked Site, the atomic writer -> every file put: the text-edit path when it
        applies, else everything rendered in workers."""
        edited = text_edits(self.last.record, self.context, site) if self.last is not None else None
        if edited is not None:
            try:
                return self._write_edits(site, edited, writer)
            except _OutputChanged:
                pass  # the fill failed before the writer's `finish`: the full build follows
        return self._write_all(site, writer)

    def _write_edits(self, site: Site, edited: list[Story], writer: Writer) -> Written:
        assert self.last is not None
        kept, redo = self.last.record.files, Redo.of(self.site_dir, site).files(site, edited)

        def fill(staging: Staging) -> WriteStats:
            for name in kept:
                if name not in redo:
                    try:
                        staging.keep(name)
                    except OSError as error:
                        raise _OutputChanged(name) from error
            unchanged = sum(staging.put(name, data) for name, data in redo.items())
            return WriteStats(len(redo) - unchanged, len(kept) - len(redo) + unchanged)

        stats = writer(fill)
        self.record = self.last.record.after(edited)
        last = self.last.result
        return Written(last.pages, last.feeds, last.files, stats)

    def _write_all(self, site: Site, writer: Writer) -> Written:
        from generator.fast.jobs import Producer, produce

        with gc_paused():  # planning makes ~20 objects a page: see gc_paused
            producer = Producer.of(self.site_dir, site)
        tally = _Tally()
        made: list[Record] = []  # this build's record but for its files, made while the workers render

        def fill(staging: Staging) -> WriteStats:
            files = produce(producer, staging, jobs=self.jobs)
            if self.context:
                files = _alongside(files, lambda: record_of(self.context, site, ()), made)
            return tally.count(files)

        stats = writer(fill)
        if self.context:
            names = tuple(sorted(tally.names))
            self.record = replace(made[0], files=names) if made else record_of(self.context, site, names)
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


def _alongside(stream: Iterable[T], work: Callable[[], R], result: list[R]) -> Iterator[T]:
    """`stream` passed through, and `work()` appended to `result`, run in a thread of this
    process from the stream's first item (the worker processes that make the stream are
    forked by then, so nothing forks while the thread runs) to its end. This process only
    waits for the workers meanwhile. If the work fails, `result` stays empty (and the
    caller, doing it again itself, meets the failure where it can report it)."""
    thread = None

    def run() -> None:
        try:
            result.append(work())
        except Exception:  # noqa: BLE001 - see above
            pass

    for item in stream:
        if thread is None:
            thread = threading.Thread(target=run, name="alongside", daemon=True)
            thread.start()
        yield item
    if thread is None:
        run()
    else:
        thread.join()
