"""A WordPress export (WXR) -> its posts, drafts included; pages, attachments, menu items
and comments left out. Parsed with lxml through defusedxml (xmlfile.py).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree

from generator.importer.junk import clean
from generator.importer.markup import html_text, html_to_markdown
from generator.importer.post import BadInput, Post, is_web_address
from generator.importer.xmlfile import date_of, parse_xml, text_of as _text

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_PUB_YEAR = re.compile(r"\s(?:19[7-9]\d|2\d\d\d)\s")  # an RFC 822 date's four-digit year
_IMPORTED = {"publish", "draft", "pending", "private", "future"}  # not trash, auto-draft, inherit


def _wp(item: etree._Element, name: str) -> str:
    return _text(item.find(f"{{*}}{name}"))


def _authors(channel: etree._Element) -> dict[str, str]:
    """<wp:author> records -> login -> display name."""
    names = {}
    for author in channel.findall("{*}author"):
        login, shown = _wp(author, "author_login"), _wp(author, "author_display_name")
        if login:
            names[login] = shown or login
    return names


def _source(item: etree._Element, path: str, site: str) -> str:
    """An item, the export's path and its blog's URL -> the post's URL (a link written
    from the root, as Squarespace's export writes them, joined to the blog's URL), else
    the file and the post's id."""
    link = _text(item.find("link"))
    if site and link.startswith("/") and not link.startswith("//"):
        link = urljoin(site, link)
    for candidate in (link, _text(item.find("guid"))):
        if is_web_address(candidate):
            return candidate
    return f"{path}#post-{_wp(item, 'post_id') or '?'}"


def _slug(name: str) -> str:
    """wp:post_name -> the post's slug: its last part without an extension, as
    Squarespace's export writes a path ('blog/2023/04/05/acht-dagen.html' -> 'acht-dagen')."""
    last = name.strip().rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.(?:html?|php|aspx?)$", "", last, flags=re.IGNORECASE)


def _date(item: etree._Element) -> date | None:
    """An item -> the day it was posted: wp:post_date, else wp:post_date_gmt, else its
    RSS pubDate (which an export that writes no wp:post_date still gives)."""
    for name in ("post_date", "post_date_gmt"):
        day = date_of(_wp(item, name))
        if day is not None:
            return day
    written = _text(item.find("pubDate"))
    if not _PUB_YEAR.search(written):  # none, or what WordPress writes for a draft: 'Mon, 30 Nov -0001', 1970
        return None
    try:
        day = parsedate_to_datetime(written).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return day if day.year > 1970 else None


def _post(item: etree._Element, path: str, authors: dict[str, str], site: str) -> Post | None:
    if _wp(item, "post_type") != "post" or _wp(item, "status") not in _IMPORTED:
        return None
    source = _source(item, path, site)
    base = source if source.startswith(("http://", "https://")) else ""
    body = clean(html_to_markdown(_text(item.find(_CONTENT)), base=base))
    title = html_text(_text(item.find("title")))  # WordPress keeps a title as HTML
    if not title and not body:
        return None
    creator = _text(item.find(_DC_CREATOR))
    tags = [html_text(c.text or "") for c in item.findall("category") if c.get("domain") in ("category", "post_tag")]
    tags = [t for t in tags if t and t.casefold() not in ("uncategorized", "geen categorie", "ongecategoriseerd")]
    return Post(title=title, body=body, source=source, date=_date(item), author=authors.get(creator, creator),
                tags=tuple(dict.fromkeys(tags)), slug=_slug(_wp(item, "post_name")), draft=_wp(item, "status") != "publish")


def parse_wxr(data: bytes, *, path: str) -> list[Post]:
    """WXR file bytes and its site-relative path -> its posts, in file order."""
    root = parse_xml(data)
    channel = root.find("channel")
    if channel is None:
        raise BadInput("WordPress export without a <channel>")
    authors = _authors(channel)
    site = next((link for link in (_text(channel.find("link")), _wp(channel, "base_blog_url")) if is_web_address(link)), "")
    items = list(channel.iter("item"))
    posts = [post for item in items if (post := _post(item, path, authors, site)) is not None]
    if items and not posts:  # say what it holds instead: pages only, or a plugin's own post type
        kinds = Counter(_wp(item, "post_type") or "?" for item in items)
        held = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items(), key=lambda pair: (-pair[1], pair[0])))
        raise BadInput(f"WordPress export with no posts (its items: {held}; only post_type 'post' is imported)")
    return posts
