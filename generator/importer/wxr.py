"""A WordPress export (WXR) -> its posts, drafts included; pages, attachments, menu items
and comments left out. Parsed with lxml through defusedxml (xmlfile.py).
"""

from __future__ import annotations

from lxml import etree

from generator.importer.junk import clean
from generator.importer.markup import html_to_markdown
from generator.importer.post import BadInput, Post, is_web_address
from generator.importer.xmlfile import date_of, parse_xml, text_of as _text

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
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


def _source(item: etree._Element, path: str) -> str:
    for candidate in (_text(item.find("link")), _text(item.find("guid"))):
        if is_web_address(candidate):
            return candidate
    return f"{path}#post-{_wp(item, 'post_id') or '?'}"


def _post(item: etree._Element, path: str, authors: dict[str, str]) -> Post | None:
    if _wp(item, "post_type") != "post" or _wp(item, "status") not in _IMPORTED:
        return None
    source = _source(item, path)
    base = source if source.startswith(("http://", "https://")) else ""
    body = clean(html_to_markdown(_text(item.find(_CONTENT)), base=base))
    title = _text(item.find("title"))
    if not title and not body:
        return None
    creator = _text(item.find(_DC_CREATOR))
    tags = [(c.text or "").strip() for c in item.findall("category") if c.get("domain") in ("category", "post_tag")]
    tags = [t for t in tags if t and t.casefold() not in ("uncategorized", "geen categorie", "ongecategoriseerd")]
    return Post(title=title, body=body, source=source, date=date_of(_wp(item, "post_date")),
                author=authors.get(creator, creator), tags=tuple(dict.fromkeys(tags)), slug=_wp(item, "post_name"),
                draft=_wp(item, "status") != "publish")


def parse_wxr(data: bytes, *, path: str) -> list[Post]:
    """WXR file bytes and its site-relative path -> its posts, in file order."""
    root = parse_xml(data)
    channel = root.find("channel")
    if channel is None:
        raise BadInput("WordPress export without a <channel>")
    authors = _authors(channel)
    return [post for item in channel.iter("item") if (post := _post(item, path, authors)) is not None]
