"""The values the importer passes between its stages: a Post read from a file, a problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


MAX_POST_CHARS = 500_000  # a long post is ~100,000; guessing from 10 M characters would take minutes
MAX_PAGE_BYTES = 2 * 1024 * 1024  # one HTML page: reading a 2 MB page of short paragraphs takes ~30 s


class BadInput(Exception):
    """A file that is not a post we can read; the message says what is wrong with it."""


class TableFile(BadInput):
    """A CSV or tab-separated table: no post, and inside an export (Substack's per-post
    `.delivers.csv`, its subscriber list) no problem either."""


class LeftOut(Exception):
    """A file of an export that holds no posts by design (Takeout's feed of a blog's
    comments): no problem, only counted."""


@dataclass(frozen=True)
class Post:
    """One post as read from its source: facts only, nothing guessed.

    `date` is None when the source gives none; `source` is a URL, or a path relative to
    the site (with a '#fragment' for one post among several in a file).
    """

    title: str
    body: str  # Markdown, junk removed
    source: str
    date: date | None = None
    author: str = ""
    tags: tuple[str, ...] = ()
    slug: str = ""  # from the source (WXR wp:post_name); '' = from the title
    draft: bool = False  # a draft in the source (imported stories are drafts either way)
    excerpt: bool = False  # the source holds the post's opening only ('... […]', 'Read more'), not its whole text


def is_web_address(text: str) -> bool:
    """A value from a post file -> whether it can stand as the post's source URL: http(s),
    no white space in it."""
    return text.startswith(("http://", "https://")) and not any(c.isspace() for c in text)
