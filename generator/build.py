"""The recipe: every stage of a build, in order.

read -> parse config, companies, stories -> link -> (stop on errors) -> render -> write.
`check` runs the same stages and stops after link. With a cache folder, a build whose
inputs are all unchanged stops after reading, and one after text-only story edits
renders only what shows the edited text (incremental.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from generator import clock
from generator.fast.cache import Cache, code_version, key_of, wait_for_saves
from generator.diagnostics import BuildError, Diagnostic, Diagnostics
from generator.fast.incremental import Record, record_of, redo_files, text_edits
from generator.read.files import Sources, read_sources
from generator.model import Site
from generator.urls import FEED_FILES
from generator.fast.workers import gc_paused, release_free_memory
from generator.output.write import MARKER, Staging, WriteStats, write_site_with

# The stage modules (YAML, Markdown, Jinja2, feedgen, Pagefind) are imported inside the
# functions that run them: a rebuild with nothing changed needs none of them, and
# importing them is most of its time.

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[str], None]
STAGES = 5  # progress() calls in a full build: read, check, render and write, index, swap


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    lint: bool = False  # personal data, broken internal links, stale cases (`check` only)
    cache_dir: Path | None = None  # None: no cache
    jobs: int = 1  # worker processes for parsing and rendering
    background_delete: bool = False  # delete the replaced output in a detached process
    search: bool = True  # write the Pagefind search index


@dataclass(frozen=True)
class Checked:
    """A linked site and the warnings that did not stop it."""

    site: Site
    warnings: list[Diagnostic]


@dataclass(frozen=True)
class Built:
    """A build's result and the Site it rendered (None when nothing had changed)."""

    result: BuildResult
    site: Site | None


@dataclass(frozen=True)
class BuildResult:
    stories: int
    companies: int
    warnings: list[Diagnostic]
    pages: int
    feeds: int
    files: int
    stats: WriteStats
    indexed: int = 0  # story pages in the search index
    unchanged: bool = False  # inputs identical to the last build of this output: nothing redone


def check_site(site_dir: Path, options: BuildOptions, sources: Sources | None = None) -> Checked:
    """Site folder (or its files, already read) -> linked Site; raises BuildError with
    every problem found."""
    from generator.read.config import parse_config
    from generator.site.link import link_site
    from generator.read.story import story_body
    from generator.site.lint import lint_site
    from generator.fast.parse import parse_companies, parse_stories

    sources = sources if sources is not None else read_sources(site_dir)
    found = Diagnostics()
    config, problems = parse_config(sources.config)
    found.extend(problems)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    with gc_paused():
        companies = []
        for company, problems in parse_companies(sources.companies, config):
            found.extend(problems)
            if company is not None:
                companies.append(company)
        stories = []
        cache = Cache(options.cache_dir)
        for story, problems in parse_stories(sources.stories, config, cache=cache, jobs=options.jobs):
            found.extend(problems)
            if story is not None:
                stories.append(story)
        today = clock.today()
        now = clock.content_now([d for s in stories for d in (s.date, s.modified) if d <= today])
        site, problems = link_site(config, stories, companies, today=today, now=now, drafts=options.drafts)
        found.extend(problems)
    if options.lint:
        found.extend(lint_site(site, {f.path: story_body(f.path, f.data) for f in sources.stories}))
    if not (site_dir / "themes" / config.theme).is_dir() and config.theme != "default":
        found.error("site.yaml", None, f"no theme '{config.theme}' in themes/", key="theme")
    if found.has_errors(strict=options.strict):
        raise BuildError(found.sorted())
    return Checked(site, sorted(found.warnings))


@dataclass
class _Tally:
    """Counts the files of a stream as it passes to the writer."""

    pages: int = 0
    feeds: int = 0
    files: int = 0
    names: set[str] = field(default_factory=set)  # every path counted

    def count(self, puts: Iterable[tuple[str, bool]]) -> WriteStats:
        """(path, left unchanged?) per file put -> how many were written and unchanged;
        raises ValueError for a path put twice."""
        unchanged = 0
        for name, same in puts:
            if name in self.names:
                raise ValueError(f"duplicate output path {name!r}")
            self.names.add(name)
            unchanged += same
            self.files += 1
            self.pages += name.endswith(".html")
            self.feeds += name.rsplit("/", 1)[-1] in FEED_FILES.values()
        return WriteStats(self.files - unchanged, unchanged)


def _context_key(site_dir: Path, sources: Sources, options: BuildOptions) -> str:
    """Every input of a build but the story files -> one key: code, theme, site.yaml,
    companies, options, dates."""
    themes = site_dir / "themes"
    theme_files = sorted(p for p in themes.rglob("*") if p.is_file()) if themes.is_dir() else []
    return key_of(
        code_version(), repr((options.drafts, options.base_url, options.strict, options.search)),
        str(clock.today()), str(clock.source_date()), sources.config or b"",
        *(part for f in sources.companies for part in (f.path, f.data)),
        *(part for p in theme_files for part in (p.relative_to(site_dir).as_posix(), p.read_bytes())),
    )


def _fingerprint(context: str, sources: Sources) -> str:
    """The context key and the story files -> the key of everything a build's output depends on."""
    return key_of(context, *(part for f in sources.stories for part in (f.path, f.data)))


@dataclass(frozen=True)
class _LastBuild:
    """The cache's memory of the last build into one output folder."""

    fingerprint: str
    result: BuildResult
    record: Record


class _OutputChanged(Exception):
    """A file of the last build's output is gone: it cannot be kept as it is."""


def _quiet(_stage: str) -> None:
    pass


def build_site(site_dir: Path, out_dir: Path, options: BuildOptions, *, progress: Progress = _quiet) -> BuildResult:
    """Site folder -> output folder, atomically; raises BuildError or OutputError.
    `progress` hears the name of each stage as it starts."""
    return build_site_keeping(site_dir, out_dir, options, progress=progress).result


def build_site_keeping(
    site_dir: Path, out_dir: Path, options: BuildOptions, *, progress: Progress = _quiet,
) -> Built:
    """As build_site, and keeps the linked Site (for serve's incremental rebuilds)."""
    progress("reading")
    sources = read_sources(site_dir)
    cache = Cache(options.cache_dir)
    context = _context_key(site_dir, sources, options) if options.cache_dir else ""
    fingerprint = _fingerprint(context, sources) if context else ""
    last = cache.load("builds").get(str(out_dir.resolve())) if fingerprint else None
    if not isinstance(last, _LastBuild) or not (out_dir / MARKER).is_file():
        last = None  # no build to compare with, or its output is gone
    if last is not None and last.fingerprint == fingerprint:
        return Built(replace(last.result, stats=WriteStats(0, last.result.files), unchanged=True), None)
    progress(f"checking {len(sources.stories)} stories")
    checked = check_site(site_dir, options, sources)
    del sources  # every file's bytes: not needed any more, and workers are forked from here
    release_free_memory()
    progress("rendering and writing pages and feeds")
    indexed: list[int] = []  # the search index is written into the temporary folder, before the swap

    def finish(tmp: Path) -> None:
        if options.search:
            from generator.output.pagefind import index_site

            progress("indexing for search")
            indexed.append(index_site(tmp, checked.site, previous=out_dir if out_dir.is_dir() else None))
        progress("swapping in the new site")

    def write(fill: Callable[[Staging], WriteStats]) -> WriteStats:
        return write_site_with(fill, out_dir, site_dir=site_dir, finish=finish,
                               background_delete=options.background_delete)

    edited = text_edits(last.record, context, checked.site) if last is not None else None
    tally = _Tally()
    stats = record = None
    if last is not None and edited is not None:
        try:
            redo = redo_files(site_dir, checked.site, edited)
            stats = write(_keep_all_but(last.record.files, redo))
            tally = _Tally(last.result.pages, last.result.feeds, last.result.files)
            record = last.record.after(edited)
        except _OutputChanged:
            pass  # the fill failed before `finish`: nothing was indexed; the full build follows
    if stats is None:
        from generator.fast.jobs import Producer, produce

        with gc_paused():  # planning makes ~20 objects a page: see gc_paused
            producer = Producer.of(site_dir, checked.site)
        made: list[Record] = []  # this build's record but for its files, made while the workers render

        def fill(staging: Staging) -> WriteStats:
            files = produce(producer, staging, jobs=options.jobs)
            if fingerprint:
                files = _alongside(files, lambda: record_of(context, checked.site, ()), made)
            return tally.count(files)

        stats = write(fill)
        record = replace(made[0], files=tuple(sorted(tally.names))) if made else None
    result = BuildResult(len(checked.site.stories), len(checked.site.companies), checked.warnings,
                         tally.pages, tally.feeds, tally.files, stats, sum(indexed))
    if fingerprint:
        builds = cache.load("builds")
        if record is None:
            record = record_of(context, checked.site, sorted(tally.names))
        builds = {folder: last for folder, last in builds.items() if _still_there(folder)}
        builds[str(out_dir.resolve())] = _LastBuild(fingerprint, result, record)
        cache.save("builds", builds)
    wait_for_saves()  # the parse cache, written in the background while pages rendered
    return Built(result, checked.site)


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


def _keep_all_but(files: Sequence[str], redo: dict[str, bytes]) -> Callable[[Staging], WriteStats]:
    """The last build's file names, files made again -> a fill that keeps every other
    file of the last output as it is and puts the new ones. (Making the ~10,000 folders
    is most of its time; two processes were no faster: they share the parent folder.)"""

    def fill(staging: Staging) -> WriteStats:
        for name in files:
            if name not in redo:
                try:
                    staging.keep(name)
                except OSError as error:
                    raise _OutputChanged(name) from error
        unchanged = sum(staging.put(name, data) for name, data in redo.items())
        return WriteStats(len(redo) - unchanged, len(files) - len(redo) + unchanged)

    return fill
