"""Site -> RSS 2.0, Atom 1.0 and JSON Feed 1.1 files; the only module importing feedgen.

A feed follows the whole site, one company, one tag or one sector. It holds one item per
story and one per update (`Update: <title>`, id `<story URL>#update-YYYY-MM-DD`), newest
first, at most `feeds_limit` of them. Every item's HTML, and its Atom and RSS elements, are
made once and shared by all feeds it appears in, and only items that make some feed's cut
are made at all.

Reproducible on purpose: feedgen would stamp `updated`/`lastBuildDate` with the wall
clock and its own version; a feed's date is its newest item's and the generator is fixed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urljoin

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.feed import FeedGenerator

from generator import __version__
from generator.i18n import format_compensation, format_date, format_days, label, strings
from generator.model import Site, Story
from generator.stats import days_to_first_response, days_to_resolve
from generator.urls import FEED_TYPES, Urls, slugify, update_anchors

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# A start tag of an element that may carry a URL (all that markdown-it or the sanitiser
# emit), with attribute values quoted either way: a '>' inside quotes does not end it.
_TAG = re.compile(
    r"""<(?:a|img|area|q|blockquote|del|ins)(?=[\s/>])(?:\s+[^\s"'=<>/]+"""
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>""",
    re.IGNORECASE,
)
_LINK_ATTR = re.compile(r"""(\s(?:href|src|cite)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def absolutize(fragment: str, base: str) -> str:
    """HTML, absolute base URL -> the HTML with every href/src made absolute against base.

    '/x' resolves against the host, 'x' and '#x' against base; absolute URLs stay as they are.
    Only attributes inside tags are touched: text never holds a raw '<', it is escaped.
    """
    def attribute(match: re.Match[str]) -> str:
        raw = next(v for v in match.groups()[1:] if v is not None)
        url = urljoin(base, html.unescape(raw).strip())
        return f'{match.group(1)}"{html.escape(url, quote=True)}"'

    return _TAG.sub(lambda tag: _LINK_ATTR.sub(attribute, tag.group(0)), fragment)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Item:
    """One feed item: a story (update is None) or one of its updates (index into updates)."""

    id: str  # absolute URL, stable across builds
    title: str
    published: date
    updated: date
    story: Story
    update: int | None = None

    def sort_key(self) -> tuple[int, str]:
        """Newest first; ties by id so the order never depends on input order."""
        return (-self.published.toordinal(), self.id)


@dataclass(frozen=True)
class FeedSpec:
    """What one feed follows: its owner page (the home page for the site), title and stories."""

    owner: str
    title: str
    description: str
    stories: Sequence[Story]
    json: bool = False


class _Items:
    """Every item of the site, with entries and JSON items rendered on first use, once."""

    def __init__(self, site: Site, urls: Urls) -> None:
        self.site, self.urls = site, urls
        self.origin = urls.absolute("")  # 'https://host': urls.absolute() parses base_url on every call
        self.text = strings(site.config.language)
        self.tag_names = {term.slug: term.name for term in site.tags}
        self.by_story: dict[str, tuple[tuple[tuple[int, str], Item], ...]] = {}
        self._tag_names: dict[str, str] = {}  # tag as written -> display name
        self._content: dict[str, str] = {}
        self._entries: dict[str, FeedEntry] = {}
        self._json: dict[str, dict[str, object]] = {}

    def of(self, story: Story) -> tuple[tuple[tuple[int, str], Item], ...]:
        """Story -> its item and one per update, each with its sort key."""
        pairs = self.by_story.get(story.slug)
        if pairs is None:
            url = self.origin + self.urls.story(story)
            items = [Item(url, story.title, story.date, story.modified, story)]
            if story.updates:
                title = self.text["update_title"].format(title=story.title)
                items += (Item(f"{url}#{anchor}", title, u.date, u.date, story, index)
                          for index, (u, anchor) in enumerate(zip(story.updates, update_anchors(story))))
            pairs = self.by_story[story.slug] = tuple((item.sort_key(), item) for item in items)
        return pairs

    def newest(self, specs: Sequence[FeedSpec], limit: int) -> list[list[Item]]:
        """Feeds -> for each, the newest `limit` items among its stories and their updates,
        newest first. Every item is ranked once for all feeds, not once per feed it is in,
        and only the Items that make some feed's cut are made."""
        feeds_of: dict[str, list[int]] = {}  # story slug -> the feeds carrying it
        stories: dict[str, Story] = {}
        for index, spec in enumerate(specs):
            for story in spec.stories:
                feeds_of.setdefault(story.slug, []).append(index)
                stories[story.slug] = story
        # Item.sort_key()s, unique (they end in the id), each with where to find its Item.
        ranked = sorted(key for story in stories.values() for key in self._keys(story))
        chosen: list[list[Item]] = [[] for _ in specs]
        for _, _, slug, position in ranked:
            open_feeds = [index for index in feeds_of[slug] if len(chosen[index]) < limit]
            if open_feeds:
                item = self.of(stories[slug])[position][1]
                for index in open_feeds:
                    chosen[index].append(item)
        return chosen

    def _keys(self, story: Story) -> list[tuple[int, str, str, int]]:
        """Story -> the sort key of its item and of each update's, as Item.sort_key() gives
        them, followed by the story's slug and the item's place in `of(story)`."""
        url = self.origin + self.urls.story(story)
        keys = [(-story.date.toordinal(), url, story.slug, 0)]
        if story.updates:
            keys += ((-update.date.toordinal(), f"{url}#{anchor}", story.slug, position)
                     for position, (update, anchor) in enumerate(zip(story.updates, update_anchors(story)), 1))
        return keys

    def forget(self, ids: Iterable[str]) -> None:
        """Let go of the HTML, entries and JSON made for these items."""
        for item_id in ids:
            self._content.pop(item_id, None)
            self._entries.pop(item_id, None)
            self._json.pop(item_id, None)

    def author(self, story: Story) -> str:
        return story.author or self.site.config.author or self.site.config.title

    def categories(self, story: Story) -> list[str]:
        names = [self.site.company_of(story).name]
        for tag in story.tags:
            if tag not in self._tag_names:
                self._tag_names[tag] = self.tag_names.get(slugify(tag), tag)
            names.append(self._tag_names[tag])
        return list(dict.fromkeys(names))

    def content(self, item: Item) -> str:
        """Item -> its full HTML with absolute links: facts and body, or the update."""
        if item.id not in self._content:
            story = item.story
            if item.update is None:
                fragment = _facts_html(self.site, story) + story.body_html
            else:
                fragment = story.updates[item.update].html
            self._content[item.id] = absolutize(fragment, item.id)
        return self._content[item.id]

    def entry(self, item: Item) -> FeedEntry:
        if item.id not in self._entries:
            author = self.author(item.story)
            entry = _Entry()
            # register_extension, not load_extension: that one re-imports per call.
            entry.register_extension("dc", DcEntryExtension, atom=False, rss=True)
            entry.id(item.id)
            entry.guid(item.id, permalink=True)
            entry.title(item.title)
            entry.link(href=item.id, rel="alternate")
            entry.author(name=author)
            entry.dc.dc_creator(author)
            entry.published(_midnight(item.published))
            entry.updated(_midnight(item.updated))
            entry.category([{"term": name} for name in self.categories(item.story)])
            entry.content(self.content(item), type="html")
            if item.update is None and item.story.summary:
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
                **({"summary": story.summary} if item.update is None and story.summary else {}),
                "date_published": _midnight(item.published).isoformat(),
                "date_modified": _midnight(item.updated).isoformat(),
                "authors": [{"name": self.author(story)}],
                "tags": self.categories(story), "language": str(story.language),
            }
        return self._json[item.id]


class _Entry(FeedEntry):
    """A FeedEntry that builds its Atom and RSS elements once. Feeds are written one after
    another, so each feed takes the elements over from the one before (lxml moves an
    element that is appended elsewhere) instead of building them again."""

    _atom: Any = None
    _rss: Any = None

    def atom_entry(self, extensions: bool = True) -> Any:
        if self._atom is None:
            self._atom = super().atom_entry(extensions)
        return self._atom

    def rss_entry(self, extensions: bool = True) -> Any:
        if self._rss is None:
            self._rss = super().rss_entry(extensions)
        return self._rss


def _facts_html(site: Site, story: Story) -> str:
    """Story -> its facts as a small escaped <dl>, labelled in the story's language."""
    lang = story.language
    text = strings(lang)
    resolve, response = days_to_resolve(story), days_to_first_response(story)
    rows = [
        (text["company"], site.company_of(story).name),
        (text["outcome"], label(story.outcome, lang)),
        (text["apology"], label(story.apology, lang)),
        (text["compensation"], format_compensation(story.compensation, lang) if story.compensation else ""),
        (text["incident"], format_date(story.incident, lang) if story.incident else ""),
        (text["resolved_on"], format_date(story.resolved, lang) if story.resolved else ""),
        (text["days_to_resolve"], format_days(resolve, lang) if resolve is not None else ""),
        (text["days_to_response"], format_days(response, lang) if response is not None else ""),
    ]
    cells = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows if v)
    return f'<dl class="facts">{cells}</dl>\n'


def feed_specs(site: Site, urls: Urls) -> Iterator[FeedSpec]:
    """Site -> every feed it has: the site's, then each company's, tag's and sector's."""
    config = site.config
    text = strings(config.language)
    yield FeedSpec(urls.page(), config.title, text["site_description"], site.stories, json=True)
    for company in site.companies:
        yield FeedSpec(urls.company(company), f"{company.name} · {config.title}",
                       text["stories_about"].format(name=company.name),
                       site.by_company.get(company.slug, ()), json=True)
    for term in site.tags:
        heading = text["stories_tagged"].format(name=term.name)
        yield FeedSpec(urls.tag(term), f"{heading} · {config.title}", heading, site.by_tag.get(term.slug, ()))
    for term in site.sectors:
        heading = text["stories_in"].format(name=term.name)
        yield FeedSpec(urls.sector(term), f"{heading} · {config.title}", heading,
                       site.by_sector.get(term.slug, ()))


class _Writer:
    """One FeedSpec and its items -> RSS, Atom and (maybe) JSON Feed bytes by output path."""

    def __init__(self, site: Site, urls: Urls, items: _Items) -> None:
        self.site, self.urls, self.items = site, urls, items

    def feed_url(self, kind: str, spec: FeedSpec) -> str:
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
        fg.updated(_midnight(newest))
        for item in chosen:
            fg.add_entry(self.items.entry(item), order="append")
        files = {}
        for kind, render in (("atom", fg.atom_str), ("rss", fg.rss_str)):
            url = self.feed_url(kind, spec)
            # feedgen takes RSS's <link> from the last link given: the owner page.
            fg.link([{"href": self.urls.absolute(url), "rel": "self", "type": FEED_TYPES[kind]},
                     {"href": owner, "rel": "alternate", "type": "text/html"}], replace=True)
            files[self.urls.output_path(url)] = render(pretty=True)
        if spec.json:
            url = self.feed_url("json", spec)
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


ItemKey = tuple[str, "int | None"]  # (story slug, update index or None for the story itself)


def chosen_items(site: Site, urls: Urls) -> dict[str, tuple[ItemKey, ...]]:
    """Site -> for every feed (by owner URL), which items it carries, newest first.

    An edit of a story's text alone changes no item's date or id, so this stays true
    until the next full build; serve uses it to rewrite only the feeds that carry an
    edited story, without ranking every story again."""
    specs = list(feed_specs(site, urls))
    newest = _Items(site, urls).newest(specs, max(0, site.config.feeds_limit))
    return {spec.owner: tuple((item.story.slug, item.update) for item in chosen)
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
            picked = [item for slug, update in keys for _, item in items.of(by_slug[slug]) if item.update == update]
            files |= writer.write(spec, picked)
    return dict(sorted(files.items()))


def iter_feeds(site: Site, urls: Urls) -> Iterator[tuple[str, bytes]]:
    """Site, Urls -> (output path, bytes) of every RSS, Atom and JSON feed, one feed at a
    time, so a caller that writes each as it comes holds one feed's bytes, not all."""
    items = _Items(site, urls)
    writer = _Writer(site, urls, items)
    specs = list(feed_specs(site, urls))
    newest = items.newest(specs, max(0, site.config.feeds_limit))
    last_feed = {item.id: index for index, chosen in enumerate(newest) for item in chosen}
    for index, (spec, chosen) in enumerate(zip(specs, newest)):
        yield from writer.write(spec, chosen).items()
        # An item no later feed carries is let go: ~5,000 items at 10,000 stories, but
        # seldom more than ~800 of them between their first feed and their last.
        items.forget(item.id for item in chosen if last_feed[item.id] == index)


def render_feeds(site: Site, urls: Urls) -> dict[str, bytes]:
    """Site, Urls -> {output path: bytes} for every RSS, Atom and JSON feed."""
    return dict(sorted(iter_feeds(site, urls)))
