"""Substack's export: `posts.csv` (one row per post: post_id, post_date, is_published,
title, subtitle, ...) beside `posts/<post_id>.html`, each post's body alone as an HTML
fragment. The index gives each post its title, date and whether it was published; the
index itself is no post.
"""

from __future__ import annotations

import csv
import io
import posixpath
from dataclasses import dataclass
from datetime import date

from generator.importer.xmlfile import date_of

INDEX_NAME = "posts.csv"
MAX_FIELD = 16 * 1024 * 1024
_COLUMNS = {"post_id", "post_date", "is_published", "title"}


@dataclass(frozen=True)
class IndexRow:
    """What posts.csv says of one post."""

    title: str
    day: date | None
    published: bool
    slug: str  # the post_id after its number: '123456.een-brief' -> 'een-brief'


def read_index(data: bytes) -> dict[str, IndexRow] | None:
    """File bytes -> {post_id: IndexRow} when they are Substack's posts.csv, else None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    rows = csv.DictReader(io.StringIO(text))
    index = {}
    before = csv.field_size_limit(MAX_FIELD)  # csv's own is 128 KB: a long title or teaser passes it
    try:  # csv.Error: a field longer than MAX_FIELD, in the header or a row
        if not _COLUMNS <= set(rows.fieldnames or ()):
            return None
        for row in rows:
            post = (row.get("post_id") or "").strip()
            if post:
                title = " ".join((row.get("title") or "").split())
                index[post] = IndexRow(title, date_of((row.get("post_date") or "").strip()),
                                    (row.get("is_published") or "").strip().lower() == "true",
                                    post.split(".", 1)[1] if "." in post else "")
    except csv.Error:
        return None
    finally:
        csv.field_size_limit(before)
    return index


def post_id(path: str) -> tuple[str, str] | None:
    """A file's path ('export/posts/123.een-brief.html') -> (the folder posts.csv would be
    in, the post's id), when it lies in a `posts/` folder; else None."""
    folder, name = posixpath.split(path.replace("\\", "/"))
    if posixpath.basename(folder) != "posts" or not name.endswith(".html"):
        return None
    return posixpath.dirname(folder), name[:-len(".html")]
