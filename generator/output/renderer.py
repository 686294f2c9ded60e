"""Linked Site -> its output files: one `Renderer` holds what rendering needs (the URLs,
the compiled theme, the page planner, the static files and images), for a full build,
a text edit and the pages `serve` answers before its first build is done alike.

A full build's work is a list of small jobs: one per story page, one per other page, the
feeds, the open data, the theme's assets, one per static file or image. Each job's files
depend on the job alone, so the recipe may hand the jobs to any `map` (a process pool,
see fast/) and get the same output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.model import Site, Story
from generator.output.feeds import ItemKey, chosen_items, iter_feeds, render_feeds_with
from generator.output.media import MediaFile, media_bytes, media_files
from generator.output.opendata import render_opendata
from generator.output.render import Theme, load_theme, render_page, theme_dirs
from generator.pages.page import Page
from generator.pages.social import CardText, card_text
from generator.pages.plan import STORY_TEMPLATE, SitePlan, plan_site, plan_story
from generator.pages.planner import Planner
from generator.urls import Urls

Files = Iterable[tuple[str, bytes]]


def _draw(card: CardText) -> bytes:
    """A story's social card drawn (Pillow is imported only when one is)."""
    from generator.output.cards import render_card

    return render_card(card)


class JobKind(StrEnum):
    FEEDS = "feeds"
    OPENDATA = "opendata"
    PAGE = "page"
    STORY = "story"
    ASSETS = "assets"
    MEDIA = "media"


@dataclass(frozen=True)
class Job:
    kind: JobKind
    index: int = 0  # which page, story or media file
    owners: tuple[str, ...] | None = None  # FEEDS: the owner URLs of the only feeds to make (None: all)


@dataclass(frozen=True)
class Renderer:
    """What rendering any file of a Site needs, made once."""

    site: Site
    urls: Urls
    theme: Theme
    planner: Planner
    site_dir: Path | None = None  # None: no static files or images to publish
    media: tuple[MediaFile, ...] = ()
    draw_card: Callable[[CardText], bytes] = _draw  # fast/ passes one that remembers cards

    @classmethod
    def of(cls, site_dir: Path | None, site: Site, *, theme: Theme | None = None,
           stories: Sequence[Story] | None = None, draw_card: Callable[[CardText], bytes] | None = None,
           compiled: Path | None = None) -> Renderer:
        """Site folder, linked Site (a compiled theme, else the site's; the only stories
        whose pages it will render, when not all: only the story template is compiled
        then; where compiled templates are kept) -> a Renderer. Raises BuildError for a
        template that does not compile."""
        urls = Urls(site.config.base_url)
        if theme is None:
            if site_dir is None:
                raise ValueError("a Renderer without a site folder needs a theme")
            only = None if stories is None else [STORY_TEMPLATE]
            theme = load_theme(theme_dirs(site_dir, site.config.theme), only=only, compiled=compiled)
        return cls(site, urls, theme, Planner.of(site, urls, None if stories is None else list(stories)),
                   site_dir, media_files(site_dir, site) if stories is None else (), draw_card or _draw)

    def plan(self) -> SitePlan:
        """-> every page of the site; raises DuplicatePathError before anything is
        rendered when two pages, or a page and an asset, share a path."""
        assets = [*self.theme.assets.keys(), *(m.output for m in self.media)]
        return plan_site(self.site, self.urls, assets=assets, planner=self.planner)

    def page(self, page: Page) -> bytes:
        return render_page(self.theme, page)

    def story_page(self, story: Story) -> tuple[str, bytes]:
        """A story -> (output path, bytes) of its page."""
        page = plan_story(self.planner, story)
        return page.path, render_page(self.theme, page)

    def card(self, story: Story) -> tuple[str, bytes]:
        """A story -> (output path, bytes) of its social card."""
        text = card_text(self.site, story, self.site.company_of(story))
        return self.urls.output_path(self.urls.card(story)), self.draw_card(text)

    def jobs(self, plan: SitePlan) -> list[Job]:
        """Every job of a full build, the long ones (all feeds, the open data) first so
        that other workers fill the time they take with pages."""
        return [
            Job(JobKind.FEEDS), Job(JobKind.OPENDATA),
            *(Job(JobKind.PAGE, i) for i in range(len(plan.pages))),
            *(Job(JobKind.STORY, i) for i in range(len(plan.stories))),
            Job(JobKind.ASSETS),
            *(Job(JobKind.MEDIA, i) for i in range(len(self.media))),
        ]

    def files(self, plan: SitePlan, job: Job) -> Files:
        """A job -> the files it makes, as (output path, bytes), maybe made one by one."""
        match job.kind:
            case JobKind.STORY:
                story = plan.stories[job.index]
                if not self.site.config.social_cards:
                    return [self.story_page(story)]
                return [self.story_page(story), self.card(story)]
            case JobKind.PAGE:
                page = plan.pages[job.index]
                return [(page.path, self.page(page))]
            case JobKind.FEEDS:
                return iter_feeds(self.site, self.urls, job.owners)  # one feed at a time: all of them are ~100 MB at 10k
            case JobKind.OPENDATA:
                return list(render_opendata(self.site, self.urls).items())
            case JobKind.ASSETS:
                return list(self.theme.assets.items())
            case JobKind.MEDIA:
                assert self.site_dir is not None  # media_files lists none without a folder
                item = self.media[job.index]
                return [(item.output, media_bytes(self.site_dir, item))]

    def feed_items(self, stories: Sequence[Story] | None = None) -> Mapping[str, tuple[ItemKey, ...]]:
        """-> which items each feed carries (only the feeds carrying one of these stories)."""
        return chosen_items(self.site, self.urls, None if stories is None else {story.slug for story in stories})

    def edited(self, stories: Sequence[Story],
               feed_items: Mapping[str, tuple[ItemKey, ...]] | None = None) -> dict[str, bytes]:
        """Stories whose text alone changed (this Renderer's Site holding them) -> their
        pages and the feeds carrying them, rendered as a full build renders them."""
        items = feed_items if feed_items is not None else self.feed_items(stories)
        files = dict(self.story_page(story) for story in stories)
        return files | render_feeds_with(self.site, self.urls, {story.slug for story in stories}, items)
