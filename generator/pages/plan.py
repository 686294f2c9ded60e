"""Site -> its plan: every HTML page (pages/kinds.py), the sitemap and robots.txt as a
`Page` (output path, template and its typed values), in site order.

The story pages are many and each needs only its story, so they are planned where they
are rendered: `plan_story(planner, story)`. A duplicate output path is a bug and raises
`DuplicatePathError`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.model import Site, Story, Taxonomy
from generator.pages.kinds import (
    STORY_TEMPLATE, plan_authors, plan_companies, plan_home, plan_not_found, plan_search, plan_story,
    plan_story_list, plan_terms, plan_timeline, plan_years,
)
from generator.pages.page import Page, PageValues, SitemapEntry
from generator.pages.planner import Planner
from generator.pages.values import RobotsValues, SitemapValues
from generator.urls import Urls

__all__ = ["STORY_TEMPLATE", "DuplicatePathError", "SitePlan", "check_unique", "plan_site", "plan_story"]

SITEMAP_MAX = 50_000  # URLs in one sitemap file (sitemaps.org)


class DuplicatePathError(ValueError):
    """Two pages would be written to one output path."""


@dataclass(frozen=True)
class SitePlan:
    """Every page of a site but the story pages, which are many and each needs only its
    story: `plan_story(planner, story)` plans one where it is rendered (in a worker)."""

    planner: Planner
    pages: list[Page]  # in site order, the sitemap and robots.txt last
    stories: Sequence[Story]


def plan_site(site: Site, urls: Urls, *, assets: Iterable[str] = (), planner: Planner | None = None) -> SitePlan:
    """Site, Urls, the theme's asset paths (and the site's planner, when made) -> its SitePlan.

    Raises DuplicatePathError when two pages, or a page and an asset, share an output
    path: the one check of unique output paths.
    """
    planner = planner if planner is not None else Planner.of(site, urls)
    head = [plan_home(planner), *plan_story_list(planner)]
    tail = [
        *plan_companies(planner),
        *plan_terms(planner, Taxonomy.TAGS),
        *plan_terms(planner, Taxonomy.SECTORS),
        plan_timeline(planner),
        *plan_years(planner),
        *plan_authors(planner),
        plan_search(planner),
        plan_not_found(planner),
    ]
    story_urls = [urls.story(story) for story in site.stories]
    check_unique([*(p.path for p in head), *map(urls.output_path, story_urls), *(p.path for p in tail), *assets])
    entries = [
        *_sitemap_entries(urls, head),
        *(SitemapEntry(urls.absolute(url), story.modified.isoformat()) for url, story in zip(story_urls, site.stories)),
        *_sitemap_entries(urls, tail),
    ]
    return SitePlan(planner, [*head, *tail, *plan_sitemap_and_robots(planner, entries)], site.stories)


def check_unique(paths: Sequence[str]) -> None:
    """Output paths -> None; raises DuplicatePathError naming every path used twice."""
    counts = Counter(paths)
    duplicates = sorted(path for path, count in counts.items() if count > 1)
    if duplicates:
        raise DuplicatePathError(f"duplicate output path(s): {', '.join(duplicates)}")


def _sitemap_entries(urls: Urls, pages: Sequence[Page]) -> list[SitemapEntry]:
    return [SitemapEntry(urls.absolute(p.url), p.lastmod.isoformat() if p.lastmod else "") for p in pages if p.in_sitemap]


def plan_sitemap_and_robots(planner: Planner, entries: Sequence[SitemapEntry]) -> list[Page]:
    """Every page's sitemap entry -> sitemap.xml and robots.txt. A sitemap holds at most
    SITEMAP_MAX URLs; above that sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml..."""
    urls = planner.urls
    sitemap_url = urls.file("sitemap.xml")
    if len(entries) <= SITEMAP_MAX:
        sitemaps = [_file(planner, sitemap_url, "sitemap.xml", functools.partial(SitemapValues, entries=entries))]
    else:
        parts = [entries[i:i + SITEMAP_MAX] for i in range(0, len(entries), SITEMAP_MAX)]
        part_urls = [urls.file(f"sitemap-{n}.xml") for n in range(1, len(parts) + 1)]
        index = [
            SitemapEntry(urls.absolute(url), max((e.lastmod for e in part), default=""))
            for url, part in zip(part_urls, parts)
        ]
        sitemaps = [
            _file(planner, sitemap_url, "sitemap-index.xml", functools.partial(SitemapValues, entries=index)),
            *(_file(planner, url, "sitemap.xml", functools.partial(SitemapValues, entries=part))
              for url, part in zip(part_urls, parts)),
        ]
    robots = _file(planner, urls.file("robots.txt"), "robots.txt",
                   functools.partial(RobotsValues, sitemap=urls.absolute(sitemap_url)), title="robots")
    return [*sitemaps, robots]


def _file(planner: Planner, url: str, template: str, values: Callable[..., PageValues], *,
          title: str = "sitemap") -> Page:
    """A sitemap or robots.txt: its URL, template and what makes its values (given the chrome) -> its Page."""
    return planner.page(template, values(chrome=planner.chrome(url, title=title)), in_sitemap=False)
