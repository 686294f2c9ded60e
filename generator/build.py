"""The recipe: every stage of a build, in order.

read -> parse config, companies, stories -> link -> (stop on errors) -> render -> write.
`check` runs the same stages and stops after link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from generator import clock
from generator.companies import parse_company
from generator.config import parse_config
from generator.diagnostics import BuildError, Diagnostic, Diagnostics
from generator.frontmatter import parse_story
from generator.link import link_site
from generator.load import read_sources
from generator.model import Site
from generator.render import load_theme, render_pages, theme_dirs
from generator.urls import Urls
from generator.write import WriteStats, write_site

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False


@dataclass(frozen=True)
class Checked:
    """A linked site and the warnings that did not stop it."""

    site: Site
    warnings: list[Diagnostic]


@dataclass(frozen=True)
class BuildResult:
    site: Site
    warnings: list[Diagnostic]
    pages: int
    feeds: int
    files: int
    stats: WriteStats


def check_site(site_dir: Path, options: BuildOptions) -> Checked:
    """Site folder -> linked Site; raises BuildError with every problem found."""
    sources = read_sources(site_dir)
    found = Diagnostics()
    config, problems = parse_config(sources.config)
    found.extend(problems)
    if options.base_url:
        config = replace(config, base_url=options.base_url.rstrip("/") + "/")
    companies = []
    for source in sources.companies:
        company, problems = parse_company(source.path, source.data, config=config)
        found.extend(problems)
        if company is not None:
            companies.append(company)
    stories = []
    for source in sources.stories:
        story, problems = parse_story(source.path, source.data, config=config)
        found.extend(problems)
        if story is not None:
            stories.append(story)
    now = clock.content_now([d for s in stories for d in (s.date, s.modified) if d <= clock.today()])
    site, problems = link_site(config, stories, companies, today=clock.today(), now=now, drafts=options.drafts)
    found.extend(problems)
    if not (site_dir / "themes" / config.theme).is_dir() and config.theme != "default":
        found.error("site.yaml", None, f"no theme '{config.theme}' in themes/", key="theme")
    if found.has_errors(strict=options.strict):
        raise BuildError(found.sorted())
    return Checked(site, sorted(found.warnings))


def render_site(site_dir: Path, site: Site) -> dict[str, bytes]:
    """Linked Site -> every output file as bytes."""
    urls = Urls(site.config.base_url)
    theme = load_theme(theme_dirs(site_dir, site.config.theme))
    files = render_pages(site, urls, theme)
    return files


def build_site(site_dir: Path, out_dir: Path, options: BuildOptions) -> BuildResult:
    """Site folder -> output folder, atomically; raises BuildError or OutputError."""
    checked = check_site(site_dir, options)
    files = render_site(site_dir, checked.site)
    stats = write_site(files, out_dir, site_dir=site_dir)
    pages = sum(1 for name in files if name.endswith(".html"))
    feeds = sum(1 for name in files if name.rsplit("/", 1)[-1] in ("feed.xml", "atom.xml", "feed.json"))
    return BuildResult(checked.site, checked.warnings, pages, feeds, len(files), stats)
