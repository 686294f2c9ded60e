"""Site -> RSS 2.0, Atom 1.0 and JSON Feed 1.1 files; the only module importing feedgen.

Which items each feed carries, and their HTML, come from feeditems.py. Every item's
feedgen entry and JSON object are made once and shared by all feeds it appears in; each
feed builds its own XML elements from the entry (feedgen makes them anew on every call).

Reproducible on purpose: feedgen would stamp `updated`/`lastBuildDate` with the wall
clock and its own version; a feed's date is its newest item's and the generator is fixed.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Iterable, Iterator, Mapping

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.feed import FeedGenerator

from generator import __version__
from generator.output.feeditems import FeedItems, FeedSpec, Item, feed_specs, midnight
from generator.model import Site
from generator.urls import FEED_TYPES, FeedKind, Urls

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class _Items(FeedItems):
    """FeedItems with each item's feedgen entry and JSON Feed item, made once."""

    def __init__(self, site: Site, urls: Urls) -> None:
        super().__init__(site, urls)
        self._entries: dict[str, FeedEntry] = {}
        self._json: dict[str, dict[str, object]] = {}

    def forget(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        super().forget(ids)
        for item_id in ids:
            self._entries.pop(item_id, None)
            self._json.pop(item_id, None)

    def entry(self, item: Item) -> FeedEntry:
        if item.id not in self._entries:
            author = self.author(item.story)
            entry = FeedEntry()
            # register_extension, not load_extension: that one re-imports per call.
            entry.register_extension("dc", DcEntryExtension, atom=False, rss=True)
            entry.id(item.id)
            entry.guid(item.id, permalink=True)
            entry.title(item.title)
            entry.link(href=item.id, rel="alternate")
            entry.author(name=author)
            entry.dc.dc_creator(author)
            entry.published(midnight(item.published))
            entry.updated(midnight(item.updated))
            entry.category([{"term": name} for name in self.categories(item.story)])
            entry.content(self.content(item), type="html")
            if item.is_story and item.story.summary:
                # The summary is plain text, but RSS readers render <description> as HTML.
                entry.summary(html.escape(item.story.summary, quote=False), type="html")
            self._entries[item.id] = entry
        return self._entries[item.id]

    def json_item(self, item: Item) -> dict[str, object]:
        if item.id not in self._json:
            story = item.story
            self._json[item.id] = {
                "id": item.id, "url": item.id, "title": item.title,
                "content_html": self.content(item),
                **({"summary": story.summary} if item.is_story and story.summary else {}),
                "date_published": midnight(item.published).isoformat(),
                "date_modified": midnight(item.updated).isoformat(),
                "authors": [{"name": self.author(story)}],
                "tags": self.categories(story), "language": str(story.language),
            }
        return self._json[item.id]


class _Writer:
    """One FeedSpec and its items -> RSS, Atom and (maybe) JSON Feed bytes by output path."""

    def __init__(self, site: Site, urls: Urls, items: _Items) -> None:
        self.site, self.urls, self.items = site, urls, items

    def feed_url(self, kind: FeedKind, spec: FeedSpec) -> str:
        return self.urls.feed(kind, spec.owner)

    def write(self, spec: FeedSpec, chosen: list[Item]) -> dict[str, bytes]:
        owner = self.urls.absolute(spec.owner)
        # An empty feed still needs a date: the site's "now", itself never the wall clock.
        newest = max((item.updated for item in chosen), default=self.site.now)
        fg = FeedGenerator()
        # register_extension, not load_extension: that one tries to import a module that
        # does not exist (feedgen.ext.dc_entry) for every feed.
        fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
        fg.id(owner)
        fg.title(spec.title)
        # Plain text, but some RSS readers render a channel <description> as HTML: a company
        # or tag name with '<' must not become a tag there ('&' stays, harmless either way).
        fg.description(spec.description.replace("<", "&lt;").replace(">", "&gt;"))
        fg.language(str(self.site.config.language))
        fg.author(name=self.site.config.author or self.site.config.title)
        fg.generator("grievance", version=__version__)
        fg.updated(midnight(newest))
        for item in chosen:
            fg.add_entry(self.items.entry(item), order="append")
        files = {}
        for kind, render in ((FeedKind.ATOM, fg.atom_str), (FeedKind.RSS, fg.rss_str)):
            url = self.feed_url(kind, spec)
            # feedgen takes RSS's <link> from the last link given: the owner page.
            fg.link([{"href": self.urls.absolute(url), "rel": "self", "type": FEED_TYPES[kind]},
                     {"href": owner, "rel": "alternate", "type": "text/html"}], replace=True)
            files[self.urls.output_path(url)] = render(pretty=True)
        if spec.json:
            url = self.feed_url(FeedKind.JSON, spec)
            files[self.urls.output_path(url)] = self.json_feed(spec, chosen, owner, url)
        return files

    def json_feed(self, spec: FeedSpec, chosen: list[Item], owner: str, url: str) -> bytes:
        config = self.site.config
        feed = {
            "version": JSON_FEED_VERSION, "title": spec.title, "description": spec.description,
            "home_page_url": owner, "feed_url": self.urls.absolute(url),
            "language": str(config.language), "authors": [{"name": config.author or config.title}],
            "items": [self.items.json_item(item) for item in chosen],
        }
        return (json.dumps(feed, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


ItemKey = tuple[str, str]  # (story slug, item id)


def chosen_items(site: Site, urls: Urls, slugs: set[str] | None = None) -> dict[str, tuple[ItemKey, ...]]:
    """Site (and story slugs) -> for every feed (only those holding one of these
    stories), by owner URL, which items it carries, newest first.

    An edit of a story's text alone changes no item's date or id, so this stays true
    until the next full build; serve uses it to rewrite only the feeds that carry an
    edited story, without ranking every story again."""
    specs = [spec for spec in feed_specs(site, urls)
             if slugs is None or any(story.slug in slugs for story in spec.stories)]
    newest = FeedItems(site, urls).newest(specs, max(0, site.config.feeds_limit))
    return {spec.owner: tuple((item.story.slug, item.id) for item in chosen)
            for spec, chosen in zip(specs, newest)}


def render_feeds_with(
    site: Site, urls: Urls, slugs: set[str], chosen: Mapping[str, tuple[ItemKey, ...]],
) -> dict[str, bytes]:
    """Site, Urls, edited story slugs, each feed's items -> only the feeds carrying one
    of those stories (what an edit of their text changes)."""
    items = _Items(site, urls)
    writer = _Writer(site, urls, items)
    by_slug = {story.slug: story for story in site.stories}
    files: dict[str, bytes] = {}
    for spec in feed_specs(site, urls):
        keys = chosen.get(spec.owner, ())
        if any(slug in slugs for slug, _ in keys):
            picked = [item for slug, item_id in keys for _, item in items.of(by_slug[slug]) if item.id == item_id]
            files |= writer.write(spec, picked)
    return dict(sorted(files.items()))


def iter_feeds(site: Site, urls: Urls, owners: Collection[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """Site, Urls (and the owner URLs of the only feeds wanted) -> (output path, bytes) of
    every RSS, Atom and JSON feed, one feed at a time, so a caller that writes each as it
    comes holds one feed's bytes, not all."""
    items = _Items(site, urls)
    writer = _Writer(site, urls, items)
    specs = [spec for spec in feed_specs(site, urls) if owners is None or spec.owner in owners]
    newest = items.newest(specs, max(0, site.config.feeds_limit))
    last_feed = {item.id: index for index, chosen in enumerate(newest) for item in chosen}
    for index, (spec, chosen) in enumerate(zip(specs, newest)):
        yield from writer.write(spec, chosen).items()
        # An item no later feed carries is let go: ~5,000 items at 10,000 stories, but
        # seldom more than ~800 of them between their first feed and their last.
        items.forget(item.id for item in chosen if last_feed[item.id] == index)
