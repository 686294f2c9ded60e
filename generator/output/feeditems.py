"""Site -> which items each feed carries, newest first, and each item's HTML (pure).

A feed follows the whole site, one company, one tag or one sector (`FeedSpec`). It holds
one item per story (its facts, timeline and body), one per update (`Update: <title>`,
id `<story URL>#update-YYYY-MM-DD`, saying where the case stands now) and one per company
reply (`Reactie van <company>: <title>`, id `<story URL>#reply-YYYY-MM-DD`),
newest first, at most `feeds_limit` of them. Items are ranked once for all feeds, and only
items that make some feed's cut are made at all. feeds.py turns them into files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, UTC
from urllib.parse import urljoin

from generator.i18n import format_compensation, format_date, format_days, format_including, label, strings
from generator.model import Site, Story
from generator.site.link import subsidiaries_below
from generator.site.stats import awaits_response, days_to_first_response, days_to_resolve
from generator.urls import Urls, name_slug, reply_anchors, update_anchors

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


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    """One feed item: a story, one of its updates (`update` indexes story.updates) or one
    of its company replies (`reply` indexes story.replies)."""

    id: str  # absolute URL, stable across builds
    title: str
    published: date
    updated: date
    story: Story
    update: int | None = None
    reply: int | None = None

    @property
    def is_story(self) -> bool:
        """True for the story's own item, False for an update's or a reply's."""
        return self.update is None and self.reply is None

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


class FeedItems:
    """Every item of the site, ranked for all feeds at once, each one's HTML made on first
    use, once (feeds.py adds the Atom, RSS and JSON forms)."""

    def __init__(self, site: Site, urls: Urls) -> None:
        self.site, self.urls = site, urls
        self.origin = urls.absolute("")  # 'https://host': urls.absolute() parses base_url on every call
        self.text = strings(site.config.language)
        self.tag_names = {term.slug: term.name for term in site.tags}
        self.by_story: dict[str, tuple[tuple[tuple[int, str], Item], ...]] = {}
        self._tag_names: dict[str, str] = {}  # tag as written -> display name
        self._content: dict[str, str] = {}

    def of(self, story: Story) -> tuple[tuple[tuple[int, str], Item], ...]:
        """Story -> its item, one per update and one per reply, each with its sort key."""
        pairs = self.by_story.get(story.slug)
        if pairs is None:
            url = self.origin + self.urls.story(story)
            items = [Item(url, story.title, story.date, story.modified, story)]
            if story.updates:
                title = self.text["update_title"].format(title=story.title)
                items += (Item(f"{url}#{anchor}", title, u.date, u.date, story, index)
                          for index, (u, anchor) in enumerate(zip(story.updates, update_anchors(story))))
            if story.replies:
                title = self.text["reply_title"].format(company=self.site.company_of(story).name, title=story.title)
                items += (Item(f"{url}#{anchor}", title, r.date, r.date, story, reply=index)
                          for index, (r, anchor) in enumerate(zip(story.replies, reply_anchors(story))))
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
        """Story -> the sort key of its item and of each update's and reply's, as Item.sort_key() gives
        them, followed by the story's slug and the item's place in `of(story)`."""
        url = self.origin + self.urls.story(story)
        keys = [(-story.date.toordinal(), url, story.slug, 0)]
        if story.updates:
            keys += ((-update.date.toordinal(), f"{url}#{anchor}", story.slug, position)
                     for position, (update, anchor) in enumerate(zip(story.updates, update_anchors(story)), 1))
        if story.replies:
            first = len(keys)
            keys += ((-reply.date.toordinal(), f"{url}#{anchor}", story.slug, position)
                     for position, (reply, anchor) in enumerate(zip(story.replies, reply_anchors(story)), first))
        return keys

    def forget(self, ids: Iterable[str]) -> None:
        """Let go of what was made for these items."""
        for item_id in ids:
            self._content.pop(item_id, None)

    def author(self, story: Story) -> str:
        return story.author or self.site.config.author or self.site.config.title

    def categories(self, story: Story) -> list[str]:
        names = [self.site.company_of(story).name]
        for tag in story.tags:
            if tag not in self._tag_names:
                self._tag_names[tag] = self.tag_names.get(name_slug(tag), tag)
            names.append(self._tag_names[tag])
        return list(dict.fromkeys(names))

    def content(self, item: Item) -> str:
        """Item -> its full HTML with absolute links: facts, timeline and body; or where the
        case stands and the update."""
        if item.id not in self._content:
            story = item.story
            if item.reply is not None:
                fragment = story.replies[item.reply].html
            elif item.update is not None:
                fragment = status_html(story) + story.updates[item.update].html
            else:
                fragment = facts_html(self.site, story) + timeline_html(story) + story.body_html
            self._content[item.id] = absolutize(fragment, item.id)
        return self._content[item.id]


def facts_html(site: Site, story: Story) -> str:
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
        (text["days_to_response"], format_days(response, lang) if response is not None
         else text["no_response"] if awaits_response(story) else ""),
    ]
    cells = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows if v)
    return f'<dl class="facts">{cells}</dl>\n'


def timeline_html(story: Story) -> str:
    """Story -> its timeline as an escaped <ol> (date · who · how: text), labelled in the
    story's language; '' without one."""
    if not story.timeline:
        return ""
    lang = story.language
    items = []
    for event in story.timeline:
        meta = [format_date(event.date, lang), *(label(v, lang) for v in (event.by, event.via) if v is not None)]
        items.append(f"<li>{html.escape(' · '.join(meta))}: {event.html}</li>")
    heading = html.escape(strings(lang)["story_timeline"])
    return f'<h2>{heading}</h2>\n<ol class="timeline">{"".join(items)}</ol>\n'


def status_html(story: Story) -> str:
    """Story -> where its case stands now, for its update items: 'Afloop: Open · Excuses: Geen excuses'."""
    lang = story.language
    text = strings(lang)
    return (f'<p class="case-status"><strong>{html.escape(text["outcome"])}:</strong> '
            f'{html.escape(label(story.outcome, lang))} · <strong>{html.escape(text["apology"])}:</strong> '
            f'{html.escape(label(story.apology, lang))}</p>\n')


def feed_specs(site: Site, urls: Urls) -> Iterator[FeedSpec]:
    """Site -> every feed it has: the site's, then each company's, tag's, sector's and author's."""
    config = site.config
    text = strings(config.language)
    yield FeedSpec(urls.page(), config.title, text["site_description"], site.stories, json=True)
    below = subsidiaries_below(site, site.companies)
    for company in site.companies:
        about = text["stories_about"].format(name=company.name)
        if company.slug in below:
            about += ", " + format_including(below[company.slug], config.language)
        yield FeedSpec(urls.company(company), f"{company.name} · {config.title}", about,
                       site.by_company.get(company.slug, ()), json=True)
    for term in site.tags:
        heading = text["stories_tagged"].format(name=term.name)
        yield FeedSpec(urls.tag(term), f"{heading} · {config.title}", heading, site.by_tag.get(term.slug, ()))
    for term in site.sectors:
        heading = text["stories_in"].format(name=term.name)
        yield FeedSpec(urls.sector(term), f"{heading} · {config.title}", heading,
                       site.by_sector.get(term.slug, ()))
    for author in site.authors:
        heading = text["stories_by"].format(name=author.name)
        yield FeedSpec(urls.author(author), f"{heading} · {config.title}", heading, site.by_author.get(author.slug, ()))

