"""A Ghost export (Settings > Labs > Export your content), a saved answer of Ghost's API,
or a JSON Feed -> its posts.

Ghost keeps a whole site in one JSON file: `db[0].data` holds `posts` (with `type` post
or page, or `page: true` before Ghost 2; `status` published, draft, scheduled, sent),
`tags` and `users`, and the tables joining them (`posts_tags`, `posts_authors`; before
Ghost 1 a post's `author_id`). A post's body is its `html`, else its `markdown`, else
its editor document (`lexical` or `mobiledoc`, ghostdoc.py), else its `plaintext`. An
API answer (`{"posts": [...]}`, Content or Admin API) has each post's `tags` and `authors`. Tags Ghost keeps to itself (`#name`, visibility internal) are left out.
A JSON Feed (version 1 or 1.1) lists its `items` with `content_html` or `content_text`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, UTC
from typing import Any

from generator.importer.ghostdoc import document_html
from generator.importer.junk import clean
from generator.importer.markup import html_to_markdown
from generator.importer.post import BadInput, Post, is_web_address
from generator.importer.xmlfile import date_of

GHOST = "ghost"
GHOST_API = "ghost-api"
JSON_FEED = "jsonfeed"
_GHOST_LIVE = {"published", "sent"}  # not drafts
_GHOST_IMPORTED = _GHOST_LIVE | {"draft", "scheduled"}


def json_kind(text: str) -> str | None:
    """A file's text -> GHOST or JSON_FEED when it is one; BadInput for other JSON; None
    when it is no JSON at all (text that only starts with a brace)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    except RecursionError:  # JSON all the way down, nested deeper than Python's reader goes
        raise BadInput("JSON nested too deeply to read: not imported") from None
    return _kind(data)


def _kind(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("db"), list):
        return GHOST
    if _is_ghost_api(data):
        return GHOST_API
    if isinstance(data, dict) and str(data.get("version", "")).startswith(("https://jsonfeed.org/version/",
                                                                           "http://jsonfeed.org/version/")):
        return JSON_FEED
    raise BadInput("JSON that is not a Ghost export or a JSON Feed")


def _is_ghost_api(data: Any) -> bool:
    """Parsed JSON -> whether it is a Ghost API answer: {"posts": [...]}, posts with a slug and a body field."""
    if not isinstance(data, dict) or not isinstance(data.get("posts"), list) or not data["posts"]:
        return False
    return all(isinstance(post, dict) and "slug" in post and any(f in post for f in _GHOST_BODIES)
               for post in data["posts"])


_GHOST_BODIES = ("html", "lexical", "mobiledoc", "plaintext", "markdown")


def _string(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _when(value: Any) -> date | None:
    """'2021-03-05T10:00:00.000Z', or milliseconds since 1970 (Ghost 0.x) -> date."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 32503680000000:
        return datetime.fromtimestamp(value / 1000, tz=UTC).date()
    return date_of(value) if isinstance(value, str) else None


def _url(value: Any) -> str:
    text = _string(value)
    return text if is_web_address(text) else ""


def _id(value: Any) -> str | None:
    """A row's id or a reference to one -> a key ('' ids and lists, objects, ... -> None)."""
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


def _rows(data: dict, table: str) -> list[dict]:
    rows = data.get(table)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _by_post(data: dict, table: str, key: str, names: dict[Any, str]) -> dict[Any, list[str]]:
    """A joining table (posts_tags, posts_authors) -> post id -> names, in sort order."""
    joined: dict[Any, list[tuple[Any, str]]] = {}
    for row in _rows(data, table):
        name = names.get(_id(row.get(key)))
        if name:
            order = row.get("sort_order")
            joined.setdefault(_id(row.get("post_id")), []).append((order if isinstance(order, int) else 0, name))
    return {post: [name for _, name in sorted(pairs, key=lambda pair: pair[0])] for post, pairs in joined.items()}


def _ghost_body(post: dict, base: str) -> str:
    """A Ghost post -> its body as Markdown: its html, else its markdown, else its editor
    document (lexical or mobiledoc, ghostdoc.py), else its plaintext."""
    html = _string(post.get("html"))
    if html:
        return html_to_markdown(html, base=base)
    written = _string(post.get("markdown"))
    if written:
        return written
    html = document_html(post)
    return html_to_markdown(html, base=base) if html else _string(post.get("plaintext"))


def parse_ghost(data: Any, *, path: str) -> list[Post]:
    """A Ghost export (parsed JSON) and its site-relative path -> its posts and drafts, in file order."""
    posts: list[Post] = []
    for database in data.get("db") or ():
        content = database.get("data") if isinstance(database, dict) else None
        if not isinstance(content, dict):
            continue
        tags = {_id(row.get("id")): _string(row.get("name")) for row in _rows(content, "tags")
                if not _string(row.get("name")).startswith("#") and row.get("visibility", "public") != "internal"}
        users = {_id(row.get("id")): _string(row.get("name")) for row in _rows(content, "users")}
        tagged = _by_post(content, "posts_tags", "tag_id", tags)
        authors = _by_post(content, "posts_authors", "author_id", users)
        for post in _rows(content, "posts"):
            key = _id(post.get("id"))
            author = (authors.get(key) or [users.get(_id(post.get("author_id"))) or ""])[0]
            made = _ghost_post(post, tagged.get(key, []) if key else [], author, path)
            if made is not None:
                posts.append(made)
    return posts


def _ghost_post(post: dict, tags: list[str], author: str, path: str, *, status: str = "") -> Post | None:
    """A Ghost post (a row of the export, or of an API answer), its tags and author, the
    file's path (and the status of a post that gives none) -> a Post; None for a page, a
    deleted post, or one with no title or text."""
    is_page = post.get("type") == "page" if "type" in post else post.get("page") in (True, 1)
    status = _string(post.get("status")).lower() or status
    if is_page or status not in _GHOST_IMPORTED:
        return None
    key = _id(post.get("id"))
    source = (_url(post.get("canonical_url")) or _url(post.get("url"))
              or f"{path}#post-{key or _string(post.get('slug')) or '?'}")
    body = clean(_ghost_body(post, source if source.startswith("http") else ""))
    title = _string(post.get("title"))
    if not title and not body:
        return None
    return Post(title=title, body=body, source=source,
                date=_when(post.get("published_at")) or _when(post.get("created_at")), author=author,
                tags=tuple(dict.fromkeys(tags)), slug=_string(post.get("slug")), draft=status not in _GHOST_LIVE)


def _names(value: Any) -> list[str]:
    """An API answer's tags or authors ([{name, visibility}, ...]) -> their public names."""
    rows = value if isinstance(value, list) else []
    return [name for row in rows if isinstance(row, dict) and (name := _string(row.get("name")))
            and not name.startswith("#") and row.get("visibility", "public") != "internal"]


def parse_ghost_api(data: Any, *, path: str) -> list[Post]:
    """An answer of Ghost's Content or Admin API saved to a file ({"posts": [...]},
    each post with its tags and authors) -> its posts and drafts, in file order."""
    posts = []
    for post in _rows(data, "posts"):
        authors = _names(post.get("authors")) or _names([post.get("primary_author")])
        # The Content API gives only published posts, and no status.
        made = _ghost_post(post, _names(post.get("tags")), authors[0] if authors else "", path, status="published")
        if made is not None:
            posts.append(made)
    return posts


def parse_json_feed(data: Any, *, path: str) -> list[Post]:
    """A JSON Feed (parsed) and its site-relative path -> one Post per item, in feed order."""
    posts = []
    items = data.get("items")
    for number, item in enumerate(items if isinstance(items, list) else (), 1):
        if not isinstance(item, dict):
            continue
        source = _url(item.get("url")) or _url(item.get("external_url")) or _url(item.get("id")) \
            or f"{path}#item-{number}"
        html = _string(item.get("content_html"))
        body = clean(html_to_markdown(html, base=source if source.startswith("http") else "") if html
                     else _string(item.get("content_text")) or _string(item.get("summary")))
        title = _string(item.get("title"))
        if not title and not body:
            continue
        people: list[Any] = item["authors"] if isinstance(item.get("authors"), list) else [item.get("author")]
        author = next((_string(p.get("name")) for p in people if isinstance(p, dict) and _string(p.get("name"))), "")
        tags: list[Any] = item["tags"] if isinstance(item.get("tags"), list) else []
        posts.append(Post(title=title, body=body, source=source,
                          date=_when(item.get("date_published")) or _when(item.get("date_modified")), author=author,
                          tags=tuple(dict.fromkeys(t.strip() for t in tags if isinstance(t, str) and t.strip()))))
    return posts


def parse_json(text: str, *, path: str) -> list[Post]:
    """The text of a Ghost export or a JSON Feed -> its posts."""
    data = json.loads(text)
    kind = _kind(data)
    if kind == GHOST:
        return parse_ghost(data, path=path)
    return parse_ghost_api(data, path=path) if kind == GHOST_API else parse_json_feed(data, path=path)
