"""The recipe: every stage of a build, in order.

read -> parse config, companies, stories -> link -> (stop on errors) -> plan, render
pages and feeds -> write atomically (with the search index) -> swap. `check` runs the
same stages and stops after link. Speed (workers, the cache, the no-change shortcut,
text-only edits) is one door, `fast.shortcut.Speed`: the recipe only asks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator import clock
from generator.diagnostics import BuildError, Diagnostic, Diagnostics
from generator.fast.shortcut import Speed
from generator.model import Site
from generator.read.files import Sources, read_sources
from generator.output.patch import Patch
from generator.output.write import Fill, Staging, WriteStats, write_site

# The stage modules (YAML, Markdown, Jinja2, feedgen, Pagefind) are imported inside the
# functions that run them: a rebuild with nothing changed needs none of them, and
# importing them is most of its time.

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


def _quiet(_stage: str) -> None:
    pass


def build_site(site_dir: Path, out_dir: Path, options: BuildOptions, *, progress: Progress = _quiet,
               linked: Callable[[Site], None] | None = None) -> Built:
    """Site folder -> output folder, atomically, and the linked Site (None when nothing
    changed); raises BuildError or OutputError. `progress` hears each stage's name,
    `linked` the linked Site before anything is rendered (serve answers pages from it
    while the first build renders)."""
    progress("reading")
    speed = Speed.open(site_dir, out_dir, options)
    sources = speed.read()
    last = speed.unchanged() if not sources.problems else None  # an unreadable file: report it
    if last is not None:
        return Built(replace(last, stats=WriteStats(0, last.files), unchanged=True), None)
    progress(f"checking {len(sources.stories)} stories")
    checked = check_site(site_dir, options, sources, speed=speed)
    if linked is not None:
        linked(checked.site)
    del sources  # every file's bytes: not needed any more, and workers are forked from here
    progress("rendering and writing pages and feeds")
    indexed: list[int] = []
    if options.search:
        from generator.output.pagefind import Bundling, index_site, search_bundle

        bundle = speed.meanwhile(lambda changed=None: search_bundle(checked.site, out_dir, changed))

    def finish(staged: Staging | Patch) -> None:  # the search index goes into the new output, before the swap
        if options.search:
            progress("indexing for search")
            bundling = bundle.begun()
            assert isinstance(bundling, Bundling)  # what search_bundle began
            indexed.append(index_site(staged, checked.site, bundling))
        progress("swapping in the new site")

    def writer(fill: Fill, *, in_place: bool = False) -> WriteStats:
        return write_site(fill, out_dir, site_dir=site_dir, finish=finish, in_place=in_place,
                          background_delete=options.background_delete)

    written = speed.write(checked.site, writer)
    result = BuildResult(len(checked.site.stories), len(checked.site.companies), checked.warnings,
                         written.pages, written.feeds, written.files, written.stats, sum(indexed))
    speed.remember(result)
    return Built(result, checked.site)


def check_site(site_dir: Path, options: BuildOptions, sources: Sources | None = None, *,
               speed: Speed | None = None) -> Checked:
    """Site folder (or its files, already read) -> linked Site; raises BuildError with
    every problem found."""
    from generator.read.config import parse_config
    from generator.read.author import parse_author
    from generator.read.company import parse_company
    from generator.read.story import story_body
    from generator.read.escalation import read_routes
    from generator.site.link import link_site
    from generator.site.images import place_story_images

    sources = sources if sources is not None else read_sources(site_dir)
    speed = speed if speed is not None else Speed.without_cache(site_dir, jobs=options.jobs)
    found = Diagnostics()
    found.extend(sources.problems)
    config, problems = parse_config(sources.config, published=not options.base_url)
    found.extend(problems)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    companies = found.keep(parse_company(f.path, f.data, config=config) for f in sources.companies)
    authors = found.keep(parse_author(f.path, f.data, config=config) for f in sources.authors)
    routes, problems = read_routes(sources.escalation)
    found.extend(problems)
    stories = found.keep(speed.parse(sources.stories, config))
    stories, problems = place_story_images(stories, sources, config)
    found.extend(problems)
    today = clock.today()  # "now" too: days open count to the build day, never a time of day
    site, problems = link_site(config, stories, companies, today=today, now=today, drafts=options.drafts,
                               routes=routes, authors=authors)
    found.extend(problems)
    if options.lint:
        from generator.site.lint import lint_site, review_warnings

        found.extend(lint_site(site, {f.path: story_body(f.path, f.data) for f in sources.stories}))
        found.extend(review_warnings(stories))
    if not (site_dir / "themes" / config.theme).is_dir() and config.theme != "default":
        found.error("site.yaml", None, f"no theme '{config.theme}' in themes/", key="theme")
    elif sources.static:
        found.extend(_static_clashes(site_dir, site, [f.path for f in sources.static]))
    if found.has_errors(strict=options.strict):
        raise BuildError(found.sorted())
    return Checked(site, sorted(found.warnings))


def _static_clashes(site_dir: Path, site: Site, static: list[str]) -> list[Diagnostic]:
    """Site folder, linked Site, its static/ files -> an error for each that stands where
    the build writes a page, feed, data file, asset or image (or a folder of them)."""
    from generator.output.render import asset_files, theme_dirs
    from generator.pages.paths import output_table, static_clashes
    from generator.urls import Urls

    assets = asset_files(theme_dirs(site_dir, site.config.theme))
    table = output_table(site, Urls(site.config.base_url), assets=assets)
    return [Diagnostic(path, None, f"{what}; rename or remove this file")
            for path, what in static_clashes(static, table)]
