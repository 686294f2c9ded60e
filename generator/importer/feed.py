"""An RSS 2.0, RSS 1.0 or Atom feed -> its entries as Posts (feedparser reads them all)."""

from __future__ import annotations

import re
import xml.sax
from datetime import date

from generator.importer.junk import clean
from generator.importer.markup import html_to_markdown
from generator.importer.post import BadInput, Post, is_web_address


def _date(entry: dict) -> date | None:
    for key in ("published_parsed", "created_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def _html(entry: dict) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return str(content["value"])
    return str(entry.get("summary") or "")


def _source(entry: dict, path: str, number: int) -> str:
    for candidate in (entry.get("link"), entry.get("id")):
        if isinstance(candidate, str) and is_web_address(candidate):
            return candidate
    return f"{path}#entry-{number}"


def parse_feed(data: bytes, *, path: str) -> list[Post]:
    """Feed bytes and its site-relative path -> one Post per entry, in feed order."""
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=True, sanitize_html=True)
    if isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):  # not only a charset note
        raise BadInput(f"malformed feed: {_why(parsed['bozo_exception'])}")
    posts = []
    for number, entry in enumerate(parsed.entries, 1):
        source = _source(entry, path, number)
        base = source if source.startswith(("http://", "https://")) else ""
        body = clean(html_to_markdown(_html(entry), base=base))
        title = str(entry.get("title") or "").strip()
        if not title and not body:
            continue
        tags = tuple(dict.fromkeys(str(t.get("term") or "").strip() for t in entry.get("tags") or () if t.get("term")))
        posts.append(Post(title=title, body=body, source=source, date=_date(entry),
                          author=str(entry.get("author") or "").strip(), tags=tags, excerpt=_excerpt(entry)))
    return posts


_CUT = re.compile(r"(?:\[\s*(?:…|\.\.\.|&hellip;|&#8230;)\s*\]|…|\.\.\.|(?:read more|continue reading|lees (?:verder|meer)"
                  r"|verder lezen)\W*)\s*$", re.IGNORECASE)


def _excerpt(entry: dict) -> bool:
    """A feed entry -> whether it carries the post's opening only: no full content, and a
    summary that ends cut off ('... […]', 'Read more'), as WordPress's excerpt feeds do."""
    if entry.get("content"):
        return False
    text = re.sub(r"<[^>]{0,2000}>", " ", str(entry.get("summary") or ""))
    return _CUT.search(text.strip()) is not None


def _why(error: object) -> str:
    """feedparser's bozo exception -> 'line 3: mismatched tag'."""
    message = getattr(error, "getMessage", None)
    line = getattr(error, "getLineNumber", None)
    text = str(message() if callable(message) else error)
    return f"line {line()}: {text}" if callable(line) else text
