"""The recipe's `Memory`: what a build remembers of the last build into the same output.

The last build is found in the site's cache (`.grievance-cache/builds.pickle`), and the
stamps of the files it read (`files.pickle`). It is trusted only when it describes this
site and this output (both are in its fingerprint) and the output still holds the very
marker file that build wrote (its inode and modification time): a build of another site
into the folder, or a folder replaced by hand, makes it a stranger, and the build is full.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import clock
from typing import TYPE_CHECKING

from generator.build import BuildOptions, BuildResult, Mapper, Parsed, Redo
from generator.fast.cache import Cache, code_version, key_of, wait_for_saves
from generator.fast.keys import Related, Unit, UnitKeys, media_stamps, shared_unit_keys
from generator.fast.parse import parse_stories
from generator.model import SiteConfig
from generator.output.write import MARKER
from generator.read.files import SourceFile, Sources, read_sources

if TYPE_CHECKING:
    from generator.output.renderer import Job, Renderer
    from generator.pages.plan import SitePlan

# A file whose change time is this close to the moment it was read may have changed again
# within the file system's clock tick: it is read again by the next build (as git does).
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class BuildRecord:
    """What a build leaves for the next build into the same folder to compare against."""

    base: str  # key of what every key assumes: which site into which output, code, options
    units: dict[Unit, tuple[bytes | None, tuple[str, ...]]]  # each unit's key and the files it made
    related: Related  # each story's related stories, with the key of what chose them
    slugs: frozenset[str]  # the stories built
    search: bool = True  # the output holds a search index (serve's first build has none: the next adds it)


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
    """One build's use of the cache: `read`, then `unchanged`, `parse`, `redo`, `remember`."""

    site_dir: Path
    out_dir: Path
    options: BuildOptions
    cache: Cache
    idle: list[Callable[[], None]]  # work the pool runs while its workers render
    jobs: int = 1  # processes that may make the keys of a build after an edit
    context: str = ""
    fingerprint: str = ""
    base: str = ""
    last: _LastBuild | None = None
    made: list[KeyedPlan] = field(default_factory=list)  # this build's keys, once made
    listed: dict[int, tuple[object, bytes]] = field(default_factory=dict)  # each parsed story's listing token, by id
    tokens: dict[int, tuple[object, bytes]] = field(default_factory=dict)  # and its token
    measured: _Measured | None = None  # images measured before, once asked for

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
        self.base = key_of(str(self.site_dir.resolve()), str(self.out_dir.resolve()), code_version(),
                           repr((self.options.drafts, self.options.base_url, self.options.strict)))
        self.fingerprint = key_of(self.context, *(part for f in sources.stories for part in (f.path, f.digest)))
        self.last = _last_build(self.cache, self.out_dir)
        return sources

    def unchanged(self) -> BuildResult | None:
        if self.last is not None and self.last.fingerprint == self.fingerprint:
            return self.last.result
        return None

    def parse(self, files: Sequence[SourceFile], parse: Callable[[SourceFile], Parsed],
              config: SiteConfig, map: Mapper) -> list[Parsed]:
        parsed = parse_stories(files, parse, config, cache=self.cache, map=map)
        self.listed = {id(story): (story, made[0]) for story, _, made in parsed if story is not None and made}
        self.tokens = {id(story): (story, made[1]) for story, _, made in parsed if story is not None and made}
        return [(story, problems) for story, problems, _ in parsed]

    def redo(self, renderer: Renderer, plan: SitePlan, jobs: Sequence[Job]) -> Redo | None:
        """The jobs whose units' keys differ from the last build's, when that build's
        output still holds every file it made. None: a full build follows, and this
        build's keys are made while its workers render."""
        record = self._record()

        def keys(jobs: int = 1) -> None:  # in `jobs` processes, when they would idle meanwhile
            related = (record.related if record is not None else Related()).update(renderer.site, renderer.planner.related)
            stamps = media_stamps(renderer.site_dir, (m.source for m in renderer.media))
            known = self.cache.load("template-names")  # the names found in each template source before
            templates = dict(known)
            made = shared_unit_keys(renderer, plan, related, stamps, jobs, self.listed, templates, self.tokens)  # here for one job
            if templates.keys() != known.keys():  # a template changed: its source kept (the last 256 met)
                self.cache.save("template-names", dict(list(templates.items())[-256:]), background=True)
            self.made.append(KeyedPlan(made, related, renderer, plan))

        out = str(self.out_dir)
        if record is None or not all(os.path.isfile(os.path.join(out, name))  # ~0.1 s for 25,000 files
                                     for _, files in record.units.values() for name in files):
            self.idle.append(keys)
            return None
        keys(self.jobs)
        return self.made[0].redo(record, jobs)

    def _record(self) -> BuildRecord | None:
        """-> the last build's record, when this build's keys mean what its keys meant and
        its output holds what this build would keep (a search index only when one is wanted)."""
        if self.last is None or self.last.record.base != self.base or (self.last.record.search and not self.options.search):
            return None
        return self.last.record

    def sizes(self) -> MutableMapping[str, tuple[int, int] | str]:
        if self.measured is None:
            self.measured = _Measured(self.cache.load(_SIZES).get(code_version(), {}))
        return self.measured

    def remember(self, result: BuildResult, made: Sequence[tuple[Job, Sequence[str]]]) -> None:
        """-> the builds table, for the next build into this output."""
        if self.measured is not None and self.measured.changed():  # the images this build showed, measured
            self.cache.save(_SIZES, {code_version(): self.measured.used}, background=True)
        if not self.made:
            return
        new = self.made[0].record(self.base, self._record(), made, search=self.options.search)
        marker = _marker_of(self.out_dir)
        builds = {folder: last for folder, last in self.cache.load("builds").items() if _still_there(folder)}
        if marker is not None:
            builds[str(self.out_dir.resolve())] = _LastBuild(self.fingerprint, result, new, marker)
        self.cache.save("builds", builds)
        wait_for_saves()  # the parse cache, written in the background while pages rendered


_SIZES = "image-sizes"


class _Measured(MutableMapping[str, "tuple[int, int] | str"]):
    """Images measured by earlier builds (their size, or why they cannot be published) by
    a hash of their bytes; keeps those this build looks up or adds, for the next."""

    def __init__(self, known: dict[str, tuple[int, int] | str]) -> None:
        self.known = known
        self.used: dict[str, tuple[int, int] | str] = {}

    def changed(self) -> bool:
        return self.used.keys() != self.known.keys()

    def __getitem__(self, key: str) -> tuple[int, int] | str:
        found = self.used[key] = self.known[key]
        return found

    def __setitem__(self, key: str, value: tuple[int, int] | str) -> None:
        self.used[key] = value

    def __delitem__(self, key: str) -> None:
        self.used.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.used)

    def __len__(self) -> int:
        return len(self.used)


@dataclass(frozen=True)
class KeyedPlan:
    """This build's keys, and what maps its jobs to units."""

    keys: UnitKeys
    related: Related
    renderer: Renderer
    plan: SitePlan

    def units(self, job: Job) -> list[Unit]:
        match str(job.kind):
            case "story":
                return [f"story:{self.plan.stories[job.index].slug}"]
            case "page":
                return [f"page:{self.plan.pages[job.index].path}"]
            case "feeds":
                return list(self.keys.feed_files) if job.owners is None else [f"feed:{o}" for o in job.owners]
            case "media":
                return [f"media:{self.renderer.media[job.index].output}"]
            case kind:
                return [kind]

    def units_of(self, jobs: Sequence[Job]) -> list[tuple[Job, list[Unit]]]:
        return [(job, self.units(job)) for job in jobs]

    def redo(self, record: BuildRecord, jobs: Sequence[Job]) -> Redo:
        """The last build's record, this build's jobs -> the jobs whose units' keys differ
        from the record's, the files kept and those replaced."""
        todo: list[Job] = []
        feeds: list[str] = []
        replaced: set[str] = set()
        for job, units in self.units_of(jobs):
            redo = [unit for unit in units if (known := record.units.get(unit)) is None
                    or known[0] is None or known[0] != self.keys.keys[unit]]
            for unit in redo:
                replaced.update(record.units.get(unit, (None, ()))[1])
            if redo and job.owners is None and job.kind == "feeds":
                feeds.extend(unit.removeprefix("feed:") for unit in redo)
            elif redo:
                todo.append(job)
        if feeds:
            todo.insert(0, replace(jobs[0], owners=tuple(feeds)) if jobs[0].kind == "feeds" else jobs[0])
        for unit, (_, files) in record.units.items():
            if unit not in self.keys.keys:
                replaced.update(files)
        kept = [name for unit, (_, files) in record.units.items() if unit in self.keys.keys
                for name in files if name not in replaced]
        slugs = frozenset(story.slug for story in self.plan.stories)
        stories = (frozenset(self.plan.stories[job.index].slug for job in todo if job.kind == "story")
                   if slugs == record.slugs else None)
        return Redo(todo, kept, frozenset(replaced), stories)

    def record(self, base: str, record: BuildRecord | None, made: Sequence[tuple[Job, Sequence[str]]], *,
               search: bool) -> BuildRecord:
        """-> the record of this build: the last one's units not redone keep their files,
        the jobs that ran (`made`) give theirs."""
        keys = self.keys.keys
        units: dict[Unit, tuple[bytes | None, tuple[str, ...]]] = {}
        if record is not None:  # units not redone keep their files
            units = {unit: (keys[unit], known[1]) for unit, known in record.units.items() if unit in keys}
        for job, names in made:
            for unit, files in self.files_of(job, names):
                units[unit] = (keys.get(unit), files)
        slugs = frozenset(story.slug for story in self.plan.stories)
        return BuildRecord(base, units, self.related, slugs, search)

    def files_of(self, job: Job, names: Sequence[str]) -> list[tuple[Unit, tuple[str, ...]]]:
        """A job that ran and the files it made -> each of its units with its files."""
        units = self.units(job)
        if str(job.kind) != "feeds":
            return [(units[0], tuple(names))]
        made = set(names)
        return [(unit, tuple(name for name in self.keys.feed_files[unit] if name in made)) for unit in units]


def open_memory(cache: Cache, idle: list[Callable[[], None]], jobs: int = 1,
                ) -> Callable[[Path, Path, BuildOptions], BuildMemory]:
    """A cache, the pool's idle work (and its processes) -> the recipe's `Speed.memory`:
    each build's memory in it."""

    def memory(site_dir: Path, out_dir: Path, options: BuildOptions) -> BuildMemory:
        idle.clear()  # a failed build's work, never run
        return BuildMemory(site_dir, out_dir, options, cache, idle, jobs)

    return memory


def _still_there(folder: str) -> bool:
    """An output folder remembered in the builds table -> whether it still holds a build.
    The table keeps one record per folder (~2 MB at 10,000 stories), and `serve` builds
    into a new temporary folder each session: gone folders are forgotten."""
    return (Path(folder) / MARKER).is_file()


def _last_build(cache: Cache, out_dir: Path) -> _LastBuild | None:
    """-> the last build into out_dir, while the output is the one it wrote (else: no build
    to compare with, or the output is not the one it wrote)."""
    last = cache.load("builds").get(str(out_dir.resolve()))
    return last if isinstance(last, _LastBuild) and last.marker == _marker_of(out_dir) else None


def last_record(cache: Cache, out_dir: Path) -> BuildRecord | None:
    """-> the record of the last build into out_dir, while the output is the one it wrote."""
    last = _last_build(cache, out_dir)
    return last.record if last is not None else None


def keep_record(cache: Cache, out_dir: Path, record: BuildRecord) -> None:
    """serve's record of the output after its edits -> the builds table, so the next build
    into it redoes only what changed since (never the no-change shortcut: it has no
    fingerprint of the files that made it)."""
    marker = _marker_of(out_dir)
    builds = cache.load("builds")
    last = builds.get(str(out_dir.resolve()))
    if marker is None or not isinstance(last, _LastBuild):
        return
    builds[str(out_dir.resolve())] = replace(last, fingerprint="", record=record, marker=marker)
    cache.save("builds", builds)
