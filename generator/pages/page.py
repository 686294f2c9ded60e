"""What a template is given: a `Page` (where it goes, which template, with what context)
and the small values its context holds (menu items, feed links, sitemap entries).
plan.py makes them; render.py and the templates read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.model import Language
from generator.urls import FEED_TYPES, Urls


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str
    type: str = "application/rss+xml"
    kind: str = "rss"  # rss | atom | json, as in Urls.feed

    @property
    def name(self) -> str:
        """'RSS', 'Atom' or 'JSON Feed'."""
        return FEED_NAMES[self.kind]


FEED_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


def feed_links(urls: Urls, owner_url: str, title: str, *, json: bool) -> tuple[FeedLink, ...]:
    """Owner page URL ('' for the site), title -> its RSS, Atom and (maybe) JSON feed links."""
    kinds = ("rss", "atom", "json") if json else ("rss", "atom")
    return tuple(
        FeedLink(f"{title} ({FEED_NAMES[kind]})", urls.feed(kind, owner_url), FEED_TYPES[kind], kind)
        for kind in kinds
    )


@dataclass(frozen=True)
class Follow:
    """The visible "follow this company" block: a label and the feeds to follow."""

    label: str
    feeds: tuple[FeedLink, ...]


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str  # ISO date, or '' when unknown


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template renders it, with what."""

    path: str
    url: str
    template: str
    context: Mapping[str, Any]
    language: Language
    lastmod: date | None = None
    in_sitemap: bool = True
