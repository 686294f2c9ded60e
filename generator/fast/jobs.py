"""Linked Site -> every output file, rendered and written by worker processes.

The work is a list of small jobs: one per story page, one per other page, the feeds,
the open data and the theme's assets. Forked workers inherit everything a job needs
(the compiled theme, the plan, the site) without pickling; each renders its jobs' files
and puts them straight into the staging folder, so only file names travel back to the
main process. With `jobs=1`, or a small site, the same jobs run in this process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.output.feeds import iter_feeds
from generator.output.media import MediaFile, media_bytes, media_files
from generator.model import Site
from generator.output.opendata import render_opendata
from generator.pages.plan import SitePlan, plan_site, plan_story
from generator.output.render import Theme, load_theme, render_page, theme_dirs
from generator.urls import Urls
from generator.fast.workers import parallel_iter
from generator.output.write import Staging

Files = Iterable[tuple[str, bytes]]


@dataclass(frozen=True)
class Job:
    kind: str  # 'feeds', 'opendata', 'page', 'story', 'assets' or 'media'
    index: int = 0  # which page or story


@dataclass(frozen=True)
class Producer:
    """What every job reads: the site, its URLs, compiled theme and page plan."""

    site: Site
    urls: Urls
    theme: Theme
    plan: SitePlan
    site_dir: Path | None = None
    media: tuple[MediaFile, ...] = ()  # static/ files and story images

    @classmethod
    def of(cls, site_dir: Path, site: Site) -> Producer:
        """Site folder, linked Site -> a Producer with the site's theme; raises
        DuplicatePathError before anything is rendered when two pages, or a page and an
        asset, share a path."""
        theme = load_theme(theme_dirs(site_dir, site.config.theme))
        return cls.with_theme(site, Urls(site.config.base_url), theme, site_dir=site_dir)

    @classmethod
    def with_theme(cls, site: Site, urls: Urls, theme: Theme, *, site_dir: Path | None = None) -> Producer:
        """As `of`, with the URLs and compiled theme given (and without a site folder,
        no static files or images)."""
        media = media_files(site_dir, site)
        plan = plan_site(site, urls, assets=[*theme.assets.keys(), *(m.output for m in media)])
        return cls(site, urls, theme, plan, site_dir, media)

    def jobs(self) -> list[Job]:
        """Every job, the long ones (all feeds, the open data) first so that the other
        workers fill the time they take with pages."""
        return [
            Job("feeds"), Job("opendata"),
            *(Job("page", i) for i in range(len(self.plan.pages))),
            *(Job("story", i) for i in range(len(self.plan.stories))),
            Job("assets"),
            *(Job("media", i) for i in range(len(self.media))),
        ]

    def files(self, job: Job) -> Files:
        """A job -> the files it makes, as (output path, bytes), maybe made one by one."""
        if job.kind == "story":
            page = plan_story(self.plan.planner, self.plan.stories[job.index])
            return [(page.path, render_page(self.theme, page))]
        if job.kind == "page":
            page = self.plan.pages[job.index]
            return [(page.path, render_page(self.theme, page))]
        if job.kind == "feeds":
            return iter_feeds(self.site, self.urls)  # one feed at a time: all of them are ~100 MB at 10k
        if job.kind == "opendata":
            return list(render_opendata(self.site, self.urls).items())
        if job.kind == "assets":
            return list(self.theme.assets.items())
        if job.kind == "media" and self.site_dir is not None:
            item = self.media[job.index]
            return [(item.output, media_bytes(self.site_dir, item))]
        raise ValueError(f"unknown job kind {job.kind!r}")


def produce(producer: Producer, staging: Staging, *, jobs: int) -> Iterator[tuple[str, bool]]:
    """Producer, staging folder -> (output path, left unchanged?) for every file, each
    rendered and put by one of `jobs` processes."""

    def run(job: Job) -> list[tuple[str, bool]]:
        return [(name, staging.put(name, data)) for name, data in producer.files(job)]

    for done in parallel_iter(run, producer.jobs(), jobs=jobs, in_flight=None):
        yield from done
