"""An HTML page -> a Post: the article alone (trafilatura), its metadata, Markdown body.

Navigation, sidebars, share buttons, comments, footers and scripts are trafilatura's
to drop; the title comes from og:title or the h1, the date only from markup that states
it (article:published_time, <time datetime>, a date meta), never guessed from the text.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from generator.importer.dates import first_date
from generator.importer.junk import clean
from generator.importer.markup import absolute_links, html_to_markdown
from generator.importer.post import BadInput, Post
from generator.importer.text import byline

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # library code never prints
    logging.getLogger(_name).propagate = False

_DATE_MARKUP = re.compile(
    r"""<meta[^>]{1,500}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|date|dc\.date"""
    r"""|pubdate|publish[-_]date)["'][^>]*>|<time[^>]{1,500}?datetime\s*=\s*["'][^"']+["']""", re.IGNORECASE)
_MIN_WORDS = 4
_ISO = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


def _markup_date(html: str) -> date | None:
    """HTML -> the first date stated in its markup (meta or <time datetime>), or None."""
    for match in _DATE_MARKUP.finditer(html):
        found = _ISO.search(match.group(0))
        if found:
            try:
                return date(*map(int, found.groups()))
            except ValueError:
                continue
    return None


def _without_heading(body: str, title: str) -> str:
    """Markdown body -> without a first heading or line that repeats the title, or a byline."""
    blocks = body.split("\n\n")
    key = re.sub(r"\W+", " ", title).strip().casefold()
    while blocks and (re.sub(r"\W+", " ", blocks[0].lstrip("#")).strip().casefold() == key
                      or byline(blocks[0]) is not None):
        blocks.pop(0)
    return "\n\n".join(blocks)


def parse_html(html: str, *, source: str) -> Post:
    """An HTML page and its file's source -> a Post; BadInput when no article text is found."""
    import trafilatura

    meta = trafilatura.extract_metadata(html, extensive=False)
    url = meta.url if meta is not None and (meta.url or "").startswith(("http://", "https://")) else ""
    # trafilatura joins relative links to the site's root, not to the page: join them first.
    article = trafilatura.extract(absolute_links(html, url), url=url or None, output_format="html", include_links=True,
                                  include_images=True, include_tables=True, include_formatting=True,
                                  include_comments=False)
    if not article:
        raise BadInput("HTML page with no article text")
    title = (meta.title or "").strip() if meta is not None else ""
    body = clean(_without_heading(html_to_markdown(article, base=url), title))
    if len(re.findall(r"\w+", re.sub(r"\]\([^)]*\)", "]", body))) < _MIN_WORDS:  # a menu's 'Home' is no article
        raise BadInput("HTML page with no article text")
    tags = tuple(dict.fromkeys([*(meta.categories or []), *(meta.tags or [])])) if meta is not None else ()
    return Post(title=title, body=body, source=url or source,
                date=_markup_date(html) or (first_date(meta.date) if meta is not None and meta.date else None),
                author=(meta.author or "").strip() if meta is not None else "", tags=tags)
