"""What a template is given: a `Page` (where it goes, which template, with what values),
the `Chrome` every page carries (what base.html reads: site, language, strings, menu,
head) and the small values they hold (menu items, feed links, sitemap entries).
pages/kinds.py and plan.py make them; render.py and the templates read them;
pages/values.py holds the values of each template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.model import Language, SiteConfig
from generator.pages.social import SocialImage
from generator.urls import FEED_TYPES, FeedKind, Urls, feed_kinds


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
    kind: FeedKind = FeedKind.RSS

    @property
    def name(self) -> str:
        """'RSS', 'Atom' or 'JSON Feed'."""
        return FEED_NAMES[self.kind]


FEED_NAMES = {FeedKind.RSS: "RSS", FeedKind.ATOM: "Atom", FeedKind.JSON: "JSON Feed"}


def feed_links(urls: Urls, owner_url: str, title: str, *, json: bool) -> tuple[FeedLink, ...]:
    """Owner page URL ('' for the site), title -> its RSS, Atom and (maybe) JSON feed links."""
    return tuple(
        FeedLink(f"{title} ({FEED_NAMES[kind]})", urls.feed(kind, owner_url), FEED_TYPES[kind], kind)
        for kind in feed_kinds(json=json)
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
class Article:
    """A story page's `article:published_time` and `article:modified_time` (ISO dates)."""

    published: str
    modified: str


@dataclass(frozen=True, kw_only=True)
class Chrome:
    """What every page's template reads (base.html, the macros): the site, its URLs,
    the page's language and strings, the menu, and the page's own head."""

    config: SiteConfig
    urls: Urls
    language: Language
    t: Mapping[str, str]  # the UI strings of `language`
    url: str
    title: str
    head_title: str  # the <title>: 'Story · Site', the site's title alone at home
    description: str
    feeds: tuple[FeedLink, ...]  # the site's feeds, then the page's own
    nav: tuple[NavItem, ...]
    search_url: str
    og_locale: str
    og_type: str = "website"
    og_image: SocialImage | None = None
    jsonld: Mapping[str, Any] | None = None
    article: Article | None = None


@dataclass(frozen=True, kw_only=True)
class PageValues:
    """What one template reads: the chrome and, in a subclass, the page's own values
    (pages/values.py). A template sees each field, and each of the chrome's, by name."""

    chrome: Chrome

    def context(self) -> dict[str, Any]:
        """-> {name: value} of the chrome's fields and this page's own, as they are (not copied)."""
        own = dict(self.__dict__)
        del own["chrome"]
        return {**self.chrome.__dict__, **own}


@dataclass(frozen=True)
class Page:
    """One output file: where it goes, which template renders it, with what values."""

    path: str
    template: str
    values: PageValues
    lastmod: date | None = None
    in_sitemap: bool = True

    @property
    def url(self) -> str:
        return self.values.chrome.url

    @property
    def language(self) -> Language:
        return self.values.chrome.language
