"""A Blogger export (Settings > Back up content, or Google Takeout's feed.atom: an Atom
feed of the whole blog) -> its posts, drafts included; pages, comments, the template,
settings and deleted posts left out.

Blogger has written two schemas. The older one marks each entry's kind with a category
(scheme `http://schemas.google.com/g/2005#kind`, term `...blogger/2008/kind#post`,
`#comment`, `#page`, `#settings`, `#template`) and a draft with `<app:control><app:draft>
yes`; its labels are the categories of scheme `http://www.blogger.com/atom/ns#`. The one
since 2018 says `<blogger:type>POST</blogger:type>` (PAGE, COMMENT) and `<blogger:status>`
(LIVE, DRAFT, DELETED), keeps the post's path in `<blogger:filename>`, and its labels are
the other categories. A public Blogger feed (feeds/posts/default) reads the same as the
older export. Parsed with lxml through defusedxml (xmlfile.py).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from lxml import etree

from generator.importer.junk import clean
from generator.importer.markup import html_to_markdown
from generator.importer.post import BadInput, LeftOut, Post, is_web_address
from generator.importer.xmlfile import date_of, parse_xml, text_of

_ATOM = "{http://www.w3.org/2005/Atom}"
_B2018 = "{http://schemas.google.com/blogger/2018}"
_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_KIND = "http://schemas.google.com/blogger/2008/kind#"
_LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
_DRAFT = "{http://purl.org/atom/app#}control/{http://purl.org/atom/app#}draft"
_POST_ID = re.compile(r"\.post-(\d+)$")


def is_blogger(head: str) -> bool:
    """The start of an Atom feed -> whether Blogger made it (an export or a Blogger feed)."""
    return "schemas.google.com/blogger/" in head or ">Blogger</generator>" in head


def _kind(entry: etree._Element) -> tuple[str, bool]:
    """An entry -> (its kind: 'post', 'page', 'comment', ...; a draft?). An entry that
    says no kind is taken for a post."""
    kind = text_of(entry.find(f"{_B2018}type"))
    if kind:
        status = text_of(entry.find(f"{_B2018}status")).upper()
        return (kind.lower() if status != "DELETED" else "deleted"), status not in ("", "LIVE")
    for category in entry.findall(f"{_ATOM}category"):
        term = category.get("term") or ""
        if category.get("scheme") == _KIND_SCHEME and term.startswith(_KIND):
            return term[len(_KIND):], text_of(entry.find(_DRAFT)).lower() == "yes"
    return "post", text_of(entry.find(_DRAFT)).lower() == "yes"


def _link(entry: etree._Element) -> str:
    for link in entry.findall(f"{_ATOM}link"):
        href = (link.get("href") or "").strip()
        if link.get("rel", "alternate") == "alternate" and is_web_address(href):
            return href
    return ""


def _slug(entry: etree._Element, link: str) -> str:
    """An entry and its URL -> the last part of its path without '.html' ('/2019/03/acht-dagen.html' -> 'acht-dagen')."""
    path = text_of(entry.find(f"{_B2018}filename")) or urlsplit(link).path
    name = posixpath.basename(path.rstrip("/"))
    return name[:-5] if name.endswith(".html") else name


def _body(entry: etree._Element) -> str:
    content = entry.find(f"{_ATOM}content")
    if content is None:
        content = entry.find(f"{_ATOM}summary")
    if content is None:
        return ""
    if content.get("type") == "xhtml":
        return "".join(etree.tostring(child, encoding="unicode") for child in content)
    return content.text or ""


def _labels(entry: etree._Element) -> tuple[str, ...]:
    labels = []
    for category in entry.findall(f"{_ATOM}category"):
        scheme, term = category.get("scheme") or "", (category.get("term") or "").strip()
        if term and scheme != _KIND_SCHEME and (scheme == _LABEL_SCHEME or not scheme.startswith("http://schemas.google.com/")):
            labels.append(term)
    return tuple(dict.fromkeys(labels))


def _post(entry: etree._Element, path: str) -> Post | None:
    kind, draft = _kind(entry)
    if kind != "post":
        return None
    link = _link(entry)
    number = _POST_ID.search(text_of(entry.find(f"{_ATOM}id")))
    source = link or f"{path}#post-{number.group(1) if number else '?'}"
    body = clean(html_to_markdown(_body(entry), base=link))
    heading = entry.find(f"{_ATOM}title")
    title = "".join(heading.itertext()).strip() if heading is not None else ""
    if not title and not body:
        return None
    author = text_of(entry.find(f"{_ATOM}author/{_ATOM}name"))
    dates = (date_of(text_of(entry.find(name))) for name in (f"{_ATOM}published", f"{_B2018}created", f"{_ATOM}updated"))
    return Post(title=title, body=body, source=source, date=next((d for d in dates if d is not None), None),
                author="" if author.casefold() in ("unknown", "anonymous") else author, tags=_labels(entry),
                slug=_slug(entry, link), draft=draft)


def parse_blogger(data: bytes, *, path: str) -> list[Post]:
    """Blogger export bytes and its site-relative path -> its posts, in file order."""
    root = parse_xml(data)
    if root.tag != f"{_ATOM}feed":
        raise BadInput("Blogger export without an Atom <feed>")
    entries = root.findall(f"{_ATOM}entry")
    if entries and all(_kind(entry)[0] == "comment" for entry in entries):
        raise LeftOut("the blog's comments, no posts")  # Takeout's Blogger/Comments/<blog>/feed.atom
    return [post for entry in entries if (post := _post(entry, path)) is not None]
