"""Every URL and every output path of the site, in one place.

Pages have pretty URLs (a folder with index.html). Links inside pages are
root-relative and carry the path of `base_url`, so a site can live under a sub-path;
feeds, sitemap and canonical links use absolute URLs.
"""

from __future__ import annotations

import hashlib
import ipaddress
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache
from urllib.parse import urlsplit

from slugify import slugify as _slugify

from generator.model import Author, Company, Story, Term



class FeedKind(StrEnum):
    """The formats a feed is written in; templates may name them as strings ('atom')."""

    RSS = "rss"
    ATOM = "atom"
    JSON = "json"


FEED_FILES = {FeedKind.RSS: "feed.xml", FeedKind.ATOM: "atom.xml", FeedKind.JSON: "feed.json"}
FEED_TYPES = {FeedKind.RSS: "application/rss+xml", FeedKind.ATOM: "application/atom+xml",
              FeedKind.JSON: "application/feed+json"}


def feed_kinds(*, json: bool) -> tuple[FeedKind, ...]:
    """Whether a feed also comes as JSON Feed -> the formats it is written in."""
    return (FeedKind.RSS, FeedKind.ATOM, FeedKind.JSON) if json else (FeedKind.RSS, FeedKind.ATOM)


SLUG_MAX = 80  # a slug is a folder name: a long tag or company name must not exceed NAME_MAX (255)


@lru_cache(maxsize=65536)  # tags and company names repeat across thousands of stories
def slugify(text: str) -> str:
    """'Één dag' -> 'een-dag': lowercase ASCII, words joined by '-', at most SLUG_MAX characters."""
    return _slugify(text, lowercase=True, max_length=SLUG_MAX, word_boundary=True)


def base_url_problem(url: str) -> str | None:
    """A base URL -> what is wrong with it, None when it is fit to prefix every link.
    A path starting with '//' would make root-relative links ('//evil.example/assets/')
    point to another host; a query or fragment would end up in the middle of every URL."""
    shown = repr(url)
    try:
        parts = urlsplit(url)
        port_ok = parts.port != 0
    except ValueError:  # a broken IPv6 host or port
        parts, port_ok = None, False
    if (parts is None or not port_ok or parts.scheme not in ("http", "https") or not parts.hostname
            or not url.isprintable() or any(char.isspace() for char in url)):
        return f"expected an absolute http(s) URL, got {shown}"
    if "\\" in url:
        return f"expected no backslash (browsers read it as '/'), got {shown}"
    if parts.username is not None or parts.password is not None:
        return f"expected no user name or password in the URL, got {shown}"
    if parts.path.startswith("//"):
        return f"the path must not start with '//' (browsers read '//name/' as another host), got {shown}"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return f"expected no '?' query or '#' fragment, got {shown}"
    return None


def is_local_url(url: str) -> bool:
    """A base URL -> True when its host is this machine ('localhost', '*.localhost',
    127.0.0.0/8, ::1, 0.0.0.0): fine under `serve`, wrong in a published feed or sitemap."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """'Glas-Vezel ' -> 'glas vezel': what two spellings of one name share (case, accents,
    blanks, '-' and '_' aside). 'C++' and 'C' have different keys, though one slug."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace("-", " ").replace("_", " ").split())


@lru_cache(maxsize=65536)
def name_slug(name: str) -> str:
    """A tag, sector or company name -> its slug, never empty: slugify(name), except that a
    name with no letters or digits ('???', an emoji) gets 'n-' and a hash of its key, and a
    name whose slug slugify would cut at SLUG_MAX keeps a hash at its end, so different
    long names do not share a URL."""
    digest = hashlib.sha256(name_key(name).encode("utf-8")).hexdigest()[:10]
    full = _slugify(name, lowercase=True)
    if not full:
        return f"n-{digest}"
    if len(full) <= SLUG_MAX:
        return full
    return f"{slugify(name)[:SLUG_MAX - 11].rstrip('-')}-{digest}"


@dataclass(frozen=True)
class Urls:
    """URLs for one base URL; `Urls("https://x.nl/blog/").story(s)` -> '/blog/stories/s/'."""

    base_url: str

    @cached_property
    def root(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def page(self, name: str = "", number: int = 1) -> str:
        """A top-level page such as '' (home), 'companies', 'timeline', 'search'."""
        path = f"{name}/" if name else ""
        if number > 1:
            path += f"page/{number}/"
        return self.root + path

    def story(self, story: Story | str) -> str:
        slug = story if isinstance(story, str) else story.slug
        return f"{self.root}stories/{slug}/"

    def card(self, story: Story | str) -> str:
        """A story's social card (PNG): '/stories/<slug>/card.png'."""
        return self.story(story) + "card.png"

    def company(self, company: Company | str, number: int = 1) -> str:
        slug = company if isinstance(company, str) else company.slug
        return self.page(f"companies/{slug}", number)

    def tag(self, tag: Term | str, number: int = 1) -> str:
        slug = tag if isinstance(tag, str) else tag.slug
        return self.page(f"tags/{slug}", number)

    def sector(self, sector: Term | str, number: int = 1) -> str:
        slug = sector if isinstance(sector, str) else sector.slug
        return self.page(f"sectors/{slug}", number)

    def author(self, author: Author | str, number: int = 1) -> str:
        slug = author if isinstance(author, str) else author.slug
        return self.page(f"authors/{slug}", number)

    def year(self, year: int, number: int = 1) -> str:
        """A year's archive: '/2015/'."""
        return self.page(f"{year:04d}", number)

    def feed(self, kind: FeedKind | str = FeedKind.RSS, owner: str = "") -> str:
        """Feed URL; `owner` is a page URL from this class ('' for the whole site)."""
        return (owner or self.root) + FEED_FILES[FeedKind(kind)]

    def asset(self, name: str) -> str:
        return f"{self.root}assets/{name}"

    def file(self, name: str) -> str:
        """A file at the site root or below: 'data/cases.json', 'sitemap.xml'."""
        return self.root + name

    def absolute(self, url: str) -> str:
        """A root-relative URL from this class -> an absolute one on base_url."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}{url}"

    def output_path(self, url: str) -> str:
        """'/blog/stories/x/' -> 'stories/x/index.html'; '/blog/feed.xml' -> 'feed.xml'."""
        path = url[len(self.root):] if url.startswith(self.root) else url.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path


def _anchors(prefix: str, dates: list[date]) -> tuple[str, ...]:
    """'update', dates -> 'update-2015-03-20' each; a second on one date gets '-2'."""
    seen: dict[str, int] = {}
    anchors = []
    for day in dates:
        anchor = f"{prefix}-{day.isoformat()}"
        seen[anchor] = seen.get(anchor, 0) + 1
        anchors.append(anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}")
    return tuple(anchors)


def update_anchors(story: Story) -> tuple[str, ...]:
    """Story -> the page anchor of each update, in order: 'update-2015-03-20'; a second
    update on one date gets 'update-2015-03-20-2', so anchors and feed ids stay unique."""
    return _anchors("update", [update.date for update in story.updates])


def reply_anchors(story: Story) -> tuple[str, ...]:
    """Story -> the page anchor of each company reply: 'reply-2024-05-06', then '-2'."""
    return _anchors("reply", [reply.date for reply in story.replies])
