"""The recipe: every stage of a build, in order.

read -> parse (config, companies, stories) -> link -> (stop on errors) -> plan -> render
-> write (the search index into the new output) -> swap. `check` runs the same stages
and stops after link; `serve` builds through `build_site` too.

Speed is passed in, never asked for (`Speed`): `map` applies a stage's function to many
items (the builtin by default; fast/ gives a process pool), `memory` remembers the last
build into an output (fast/: the parse cache, the no-change shortcut, text-only edits
patched in place) and `bulk` wraps a block that makes many long-lived objects. Without
them the same stages run in this process, slower, to the same output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from generator import clock
from generator.diagnostics import BuildError, Diagnostic, Diagnostics
from generator.model import Site, SiteConfig, Story
from generator.output.patch import Patch
from generator.output.write import Staging, WriteStats, tidy_leftovers, write_site
from generator.read.files import SourceFile, Sources, read_sources
from generator.urls import FEED_FILES

if TYPE_CHECKING:  # the stages are imported where they run: a build with nothing changed needs none
    from generator.output.renderer import Job, Renderer
    from generator.pages.social import CardText
    from generator.pages.plan import SitePlan
    from generator.read.yamlsource import YamlReader
    from generator.site.link import LinkInputs

Progress = Callable[[str], None]
STAGES = 5  # progress() calls in a full build: read, check, render and write, index, swap
T = TypeVar("T")
R = TypeVar("R")
Parsed = tuple[Story | None, list[Diagnostic]]


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    lint: bool = False  # personal data, broken internal links, stale cases (`check` only)
    background_delete: bool = False  # delete the replaced output in a detached process
    search: bool = True  # write the Pagefind search index


@dataclass(frozen=True)
class Checked:
    """A linked site and the warnings that did not stop it; what it was linked from, and
    the problems linking found (serve links again after an edit, see fast/served.py)."""

    site: Site
    warnings: list[Diagnostic]
    inputs: LinkInputs
    linked: tuple[Diagnostic, ...] = ()  # link_site's problems (warnings: it stopped otherwise)
    images: tuple[SourceFile, ...] = ()  # the image files stories may show


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


@dataclass(frozen=True)
class Built:
    """A build's result and the checked Site it rendered (None when nothing had changed)."""

    result: BuildResult
    checked: Checked | None

    @property
    def site(self) -> Site | None:
        return self.checked.site if self.checked is not None else None


class Mapper(Protocol):
    """`map(func, items)`: func(item) for every item, in order."""

    def __call__(self, func: Callable[[T], R], items: Sequence[T], /) -> Iterable[R]: ...


@dataclass(frozen=True)
class Redo:
    """What a build after edits renders: the jobs whose files' keys changed (fast/keys.py),
    the last build's files it keeps as they are, and those it may replace or drop."""

    jobs: Sequence[Job]
    kept: Sequence[str]  # files of the last build left as they are
    replaced: frozenset[str]  # files of the last build whose job is redone or gone: removed unless made again
    stories: frozenset[str] | None  # slugs of the stories whose page is redone (None: the stories differ)


class Memory(Protocol):
    """One build's memory of the last build into the same output folder (fast/memory.py)."""

    def read(self) -> Sources:
        """-> the site's files (a file known unchanged since it was last read is not read again)."""
        ...

    def unchanged(self) -> BuildResult | None:
        """-> the last build's result when every input is the same, else None."""
        ...

    def parse(self, files: Sequence[SourceFile], parse: Callable[[SourceFile], Parsed],
              config: SiteConfig, map: Mapper) -> list[Parsed]:
        """Story files -> `parse(file)` for each, results remembered under their bytes and config."""
        ...

    def sizes(self) -> MutableMapping[str, tuple[int, int] | str]:
        """-> images measured before (their size, or why they cannot be published), by a
        hash of their bytes; what this build adds is kept for the next one."""
        ...

    def redo(self, renderer: Renderer, plan: SitePlan, jobs: Sequence[Job]) -> Redo | None:
        """This build's Renderer, plan and jobs -> the jobs to redo in the last build's
        output (None: a full build)."""
        ...

    def remember(self, result: BuildResult, made: Sequence[tuple[Job, Sequence[str]]]) -> None:
        """This build's result and the files each job it ran made."""
        ...


class OpenMemory(Protocol):
    def __call__(self, site_dir: Path, out_dir: Path, options: BuildOptions, /) -> Memory: ...


@dataclass(frozen=True)
class Speed:
    """How a build may go faster; the default is the plain build in this process."""

    map: Mapper = map
    memory: OpenMemory | None = None
    bulk: Callable[[], AbstractContextManager[object]] = nullcontext
    draw_card: Callable[[CardText], bytes] | None = None  # social cards, maybe remembered (None: drawn)
    compiled: Path | None = None  # the folder where the theme's templates are kept compiled (None: compiled each build)
    front_matter: YamlReader | None = None  # reads front-matter as load_yaml does, faster (None: load_yaml)


PLAIN = Speed()  # the builtin map, no memory: a build in this process


@dataclass
class _Tally:
    """The files a build put, as they pass from the render to the writer."""

    names: list[str] = field(default_factory=list)
    unchanged: int = 0

    def count(self, puts: Iterable[Iterable[tuple[str, bool]]]) -> WriteStats:
        for put in puts:
            for name, same in put:
                self.names.append(name)
                self.unchanged += same
        return WriteStats(len(self.names) - self.unchanged, self.unchanged)

    def pages(self) -> int:
        return sum(name.endswith(".html") for name in self.names)

    def feeds(self) -> int:
        return sum(name.rsplit("/", 1)[-1] in FEED_FILES.values() for name in self.names)


def _quiet(_stage: str) -> None:
    pass


def build_site(site_dir: Path, out_dir: Path, options: BuildOptions, *, speed: Speed = PLAIN,
               progress: Progress = _quiet, linked: Callable[[Site], None] | None = None) -> Built:
    """Site folder -> output folder, atomically, and the linked Site (None when nothing
    changed); raises BuildError or OutputError. `progress` hears each stage's name,
    `linked` the linked Site before anything is rendered (serve answers pages from it
    while the first build renders)."""
    progress("reading")
    memory = speed.memory(site_dir, out_dir, options) if speed.memory is not None else None
    sources = memory.read() if memory is not None else read_sources(site_dir)
    last = memory.unchanged() if memory is not None and not sources.problems else None
    if last is not None:
        tidy_leftovers(out_dir)
        return Built(replace(last, stats=WriteStats(0, last.files), unchanged=True), None)
    progress(f"checking {len(sources.stories)} stories")
    checked = check_site(site_dir, options, sources, speed=speed, memory=memory)
    site, warnings = checked.site, checked.warnings
    if linked is not None:
        linked(site)
    del sources  # every file's bytes: not needed any more, and workers are forked from here
    progress("rendering and writing pages and feeds")
    indexed: list[int] = []

    def finish(staged: Staging | Patch, changed: frozenset[str] | None = None) -> None:  # before the swap
        if options.search:
            from generator.output.pagefind import index_site, search_bundle

            progress("indexing for search")
            indexed.append(index_site(staged, site, search_bundle(site, out_dir, changed)))
        progress("swapping in the new site")

    from generator.output.renderer import Renderer

    with speed.bulk():  # planning makes ~20 objects a page
        renderer = Renderer.of(site_dir, site, draw_card=speed.draw_card, compiled=speed.compiled)
        plan = renderer.plan()
    jobs = renderer.jobs(plan)
    redo = memory.redo(renderer, plan, jobs) if memory is not None else None
    made: list[tuple[Job, Sequence[str]]] = []
    tally = _Tally()
    stats = None
    if redo is not None:
        try:
            stats = write_site(lambda output: _redo(renderer, plan, redo, output, speed.map, made, tally), out_dir,
                               site_dir=site_dir, in_place=True, finish=lambda output: finish(output, redo.stories),
                               background_delete=options.background_delete)
        except _OutputGone:
            made.clear()
            tally = _Tally()
    if stats is None:
        stats = write_site(lambda staging: tally.count(_render(renderer, plan, jobs, staging, speed.map, made)),
                           out_dir, site_dir=site_dir, finish=finish, background_delete=options.background_delete,
                           keep_spare=memory is not None)  # the tree swapped out makes the next edit's
    result = BuildResult(len(site.stories), len(site.companies), warnings, tally.pages(), tally.feeds(),
                         len(tally.names), stats, sum(indexed))
    if memory is not None:
        memory.remember(result, made)
    return Built(result, checked)


def _render(renderer: Renderer, plan: SitePlan, jobs: Sequence[Job], staging: Staging | Patch, map: Mapper,
            made: list[tuple[Job, Sequence[str]]]) -> Iterable[list[tuple[str, bool]]]:
    """Jobs' files rendered and put (by whoever runs the job) -> (path, left unchanged?);
    `made` hears each job's file names."""

    def run(job: Job) -> list[tuple[str, bool]]:
        return [(name, staging.put(name, data)) for name, data in renderer.files(plan, job)]

    for index, put in enumerate(map(run, jobs)):  # to its end: a pool's map closes its workers there
        made.append((jobs[index], [name for name, _ in put]))
        yield put


class _OutputGone(Exception):
    """The output to patch is no longer grievance's: the full build follows."""


def _redo(renderer: Renderer, plan: SitePlan, redo: Redo, output: Staging | Patch, map: Mapper,
          made: list[tuple[Job, Sequence[str]]], tally: _Tally) -> WriteStats:
    """The jobs to redo rendered and put into the output in place, the files no job makes
    any more removed -> how many files were written and left unchanged."""
    if not isinstance(output, Patch):
        raise _OutputGone
    tally.count(_render(renderer, plan, redo.jobs, output, map, made))
    written = len(tally.names) - tally.unchanged
    now = set(tally.names)
    for name in sorted(redo.replaced - now):
        output.remove(name)
    tally.names.extend(redo.kept)
    return WriteStats(written, len(tally.names) - written)


def check_site(site_dir: Path, options: BuildOptions, sources: Sources | None = None, *,
               speed: Speed = PLAIN, memory: Memory | None = None) -> Checked:
    """Site folder (or its files, already read) -> linked Site; raises BuildError with
    every problem found."""
    from generator.read.author import parse_author
    from generator.read.company import parse_company
    from generator.read.config import parse_config
    from generator.read.escalation import read_routes
    from generator.read.story import StoryParser, story_body
    from generator.read.yamlsource import load_yaml
    from generator.site.images import place_story_images
    from generator.site.link import LinkInputs

    sources = sources if sources is not None else read_sources(site_dir)
    found = Diagnostics()
    found.extend(sources.problems)
    unread = any(problem.path == "site.yaml" for problem in sources.problems)  # its own error says enough
    config, problems = parse_config(sources.config, published=not options.base_url and not unread)
    found.extend(problems)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    companies = found.collect(parse_company(f.path, f.data, config=config) for f in sources.companies)
    authors = found.collect(parse_author(f.path, f.data, config=config) for f in sources.authors)
    routes, problems = read_routes(sources.escalation)
    found.extend(problems)
    parse = StoryParser(config, speed.front_matter or load_yaml)
    with speed.bulk():  # parsing makes hundreds of thousands of long-lived objects
        parsed = (memory.parse(sources.stories, parse, config, speed.map) if memory is not None
                  else list(speed.map(parse, sources.stories)))
    stories = found.collect(parsed)
    stories, problems = place_story_images(stories, sources, config, memory.sizes() if memory is not None else None)
    found.extend(problems)
    # today is "now" too: days open count to the build day, never a time of day
    inputs = LinkInputs(config, tuple(stories), tuple(companies), routes, tuple(authors), clock.today(), options.drafts)
    site, linked = inputs.link()
    found.extend(linked)
    if options.lint:
        from generator.site.lint import lint_site, review_warnings

        found.extend(lint_site(site, {f.path: story_body(f.path, f.data) for f in sources.stories}))
        found.extend(review_warnings(stories))
    if not (site_dir / "themes" / config.theme).is_dir() and config.theme != "default":
        found.error("site.yaml", None, f"no theme '{config.theme}' in themes/", key="theme")
    else:
        if sources.static:
            found.extend(_static_clashes(site_dir, site, [f.path for f in sources.static]))
        if options.lint:  # `check` finds what stops build in the theme too: a template unreadable or broken
            from generator.output.render import load_theme, theme_dirs

            try:
                load_theme(theme_dirs(site_dir, config.theme))
            except BuildError as error:
                found.extend(error.diagnostics)
    if found.has_errors(strict=options.strict):
        raise BuildError(found.sorted())
    return Checked(site, sorted(found.warnings), inputs, tuple(linked), sources.images)


def _static_clashes(site_dir: Path, site: Site, static: list[str]) -> list[Diagnostic]:
    """Site folder, linked Site, its static/ files -> an error for each that stands where
    the build writes a page, feed, data file, asset or image (or a folder of them)."""
    from generator.output.render import asset_files, theme_dirs
    from generator.output.paths import output_table, static_clashes
    from generator.urls import Urls

    assets = asset_files(theme_dirs(site_dir, site.config.theme))
    table = output_table(site, Urls(site.config.base_url), assets=assets)
    return [Diagnostic(path, None, f"{what}; rename or remove this file")
            for path, what in static_clashes(static, table)]
