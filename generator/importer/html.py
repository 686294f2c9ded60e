"""An HTML page -> a Post: the article alone (trafilatura), its metadata, Markdown body.

Navigation, sidebars, share buttons, comments, footers and scripts are trafilatura's
to drop; the title comes from og:title or the h1, the date only from markup that states
it (article:published_time, <time datetime>, a date meta), never guessed from the text.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from generator.importer.dates import first_date
from generator.importer.junk import clean
from generator.importer.markup import absolute_links, html_to_markdown, lazy_images
from generator.importer.post import BadInput, Post
from generator.importer.text import byline

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # library code never prints
    logging.getLogger(_name).propagate = False

_DATE_MARKUP = re.compile(
    r"""<meta[^>]{1,500}?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|date|dc\.date"""
    r"""|pubdate|publish[-_]date)["'][^>]*>|<time[^>]{1,500}?datetime\s*=\s*["'][^"']+["']""", re.IGNORECASE)
_MIN_WORDS = 4
_SHORT_ARTICLE = 25  # characters: the least extracted text trafilatura is asked to take for an article
_FALLBACK_BELOW = 250  # its own MIN_EXTRACTED_SIZE: below this it would fall back
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


# The element a blog platform puts a post's own text in, most certain first: schema.org's
# articleBody (Blogger, many WordPress themes), h-entry's e-content (Medium's export,
# IndieWeb themes), then the class names of Blogger, WordPress and Ghost themes.
_POST_BODY = (
    "//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' articleBody ')]",
    "//section[@data-field='body']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' e-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' post-body ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' gh-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' post-content ')]",
)


_FIGCAPTION = re.compile(r"<(/?)figcaption\b", re.IGNORECASE)
_MARKED_AT_LEAST = 20  # characters of text in a marked element: less is an excerpt or an empty box, not the post


def _tree(html: str) -> Any:
    """An HTML page -> its lxml tree (None when lxml can make none of it)."""
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _post_body(tree: Any) -> str | None:
    """An HTML page's tree -> the one element its blog platform marks as the post's text,
    as a page of its own; None when no mark is there, several are (a list of posts), or
    the one marked holds next to no text."""
    from lxml import etree

    if tree is None:
        return None
    for path in _POST_BODY:
        found = tree.xpath(path)
        if len(found) > 1:
            return None
        if found and len(" ".join(found[0].text_content().split())) >= _MARKED_AT_LEAST:
            inner = etree.tostring(found[0], encoding="unicode", method="html")
            return f"<html><body><article>{inner}</article></body></html>"
    return None


def _article(html: str, url: str, tree: Any) -> str | None:
    """An HTML page, its URL and its tree -> its article as HTML (trafilatura), or None.

    - A page whose blog platform marks the post's text (_POST_BODY) is read from that
      element alone: around it, trafilatura kept text of the blog's own (its tagline, a
      date header, 'Abonneren op: Reacties posten (Atom)', the theme's credit line).
    - trafilatura takes an article of under MIN_EXTRACTED_SIZE characters (250) for a
      miss and falls back to all the page's text in one paragraph, so a short complaint
      lost its paragraphs. It is asked with a small minimum first; only when that finds
      much less text than its own fallback does the fallback win, and never within a
      marked post element, where the text the fallback adds is the widgets inside it
      (WordPress.com's Jetpack puts 'Dit delen: X Facebook', 'Vind ik leuk: Laden...'
      and 'Gerelateerd' inside `entry-content`).
    - trafilatura drops an image caption's first words and the space after its markup
      ('Het modem met de <em>rode</em> lamp' -> '*rode*lamp'): a <figcaption> is given
      to it as the paragraph it reads as."""
    import trafilatura
    from trafilatura.settings import use_config

    # trafilatura joins relative links to the site's root, not to the page: join them first.
    marked = _post_body(tree)
    html = _FIGCAPTION.sub(r"<\1p", absolute_links(lazy_images(marked or html), url))
    options: dict[str, Any] = dict(url=url or None, output_format="html", include_links=True, include_images=True,
                   include_tables=True, include_formatting=True, include_comments=False)
    small = use_config()
    small.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_SHORT_ARTICLE))
    structured = trafilatura.extract(html, config=small, **options)
    found = _text_length(structured)
    if found >= _FALLBACK_BELOW or (marked and found):  # trafilatura's own settings would have kept it as it
        return structured  # is; or the platform marked the post, and only widgets inside the mark are left out
    fallback = trafilatura.extract(html, **options)
    return structured if found and found * 5 >= _text_length(fallback) * 4 else fallback


_CANONICAL_ANCHOR = re.compile(r"""<a\s[^>]{0,500}?class\s*=\s*["'][^"']{0,200}?\bp-canonical\b[^>]{0,500}>""",
                               re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*["'](https?://[^"'\s<>]{1,2000})["']""", re.IGNORECASE)


def _canonical_anchor(html: str) -> str:
    """A page saved by Medium's export -> its post's URL (`<a class="p-canonical" href=...>`), or ''."""
    anchor = _CANONICAL_ANCHOR.search(html)
    href = _HREF.search(anchor.group(0)) if anchor else None
    return href.group(1) if href else ""


def _text_length(article: str | None) -> int:
    return len(" ".join(re.sub(r"<[^<>]*>", " ", article).split())) if article else 0


_BYLINE_PREFIX = re.compile(r"^(?:(?:gepost|geplaatst|geschreven|gepubliceerd|posted|written|published)\s+)?"
                            r"(?:door|by)\s+", re.IGNORECASE)
_ASIDE = re.compile(r"sidebar.*|.*-sidebar|widget-area|widget_tag_cloud|tag-?cloud|label\d*|secondary", re.IGNORECASE)


def _aside(element: Any) -> bool:
    """An element -> whether it sits in a sidebar (an <aside>, or a box named as one:
    WordPress's widget-area and tag cloud, Blogger's Label widget)."""
    for around in element.iterancestors():
        names = f"{around.get('class', '')} {around.get('id', '')}".split()
        if around.tag == "aside" or any(_ASIDE.fullmatch(name) for name in names):
            return True
    return False


def _author(found: str) -> str:
    """trafilatura's author -> the name alone ('Gepost door Joost Bakker' -> 'Joost Bakker',
    'Priya N ·' -> 'Priya N': what separated it from the date it left out goes too)."""
    return _SEPARATORS.sub("", _BYLINE_PREFIX.sub("", " ".join(found.split())))


_SEPARATORS = re.compile(r"^[\s•·|,/–—-]+|[\s•·|,/–—-]+$")


_TAG_MARKS = ("//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]"
              "|//*[contains(concat(' ', normalize-space(@class), ' '), ' p-category ')]"
              "|//a[contains(concat(' ', normalize-space(@class), ' '), ' p-tag ')]")


def _rel_tags(tree: Any) -> tuple[str, ...]:
    """An HTML page's tree -> the labels its post links with rel="tag" (Blogger's
    'Labels:' line) or marks as an h-entry's `p-category` (Medium's export: `p-tag`),
    not those of a sidebar's tag cloud."""
    if tree is None:
        return ()
    names = (" ".join(anchor.text_content().split()) for anchor in tree.xpath(_TAG_MARKS) if not _aside(anchor))
    return tuple(dict.fromkeys(name for name in names if name))


def parse_html(html: str, *, source: str) -> Post:
    """An HTML page and its file's source -> a Post; BadInput when no article text is found."""
    import trafilatura

    meta = trafilatura.extract_metadata(html, extensive=False)
    url = meta.url if meta is not None and (meta.url or "").startswith(("http://", "https://")) else ""
    url = url or _canonical_anchor(html)
    tree = _tree(html)
    article = _article(html, url, tree)
    if not article:
        raise BadInput("HTML page with no article text")
    title = (meta.title or "").strip() if meta is not None else ""
    body = clean(_without_heading(html_to_markdown(article, base=url), title))
    if len(re.findall(r"\w+", re.sub(r"\]\([^()]*\)", "]", body))) < _MIN_WORDS:  # a menu's 'Home' is no article
        raise BadInput("HTML page with no article text")
    tags = tuple(dict.fromkeys([*(meta.categories or []), *(meta.tags or [])])) if meta is not None else ()
    return Post(title=title, body=body, source=url or source,
                date=_markup_date(html) or (first_date(meta.date) if meta is not None and meta.date else None),
                author=_author(meta.author or "") if meta is not None else "", tags=tags or _rel_tags(tree))
