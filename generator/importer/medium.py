"""Medium's export (medium.com/me/export), a folder or its zip -> which of its files are
posts. Its `posts/` holds the posts and drafts, one HTML page each; its other folders
(`sessions/`, `ips/`, `claps/`, `bookmarks/`, `profile/`, ...) and `README.html` are the
account's data, HTML pages too, which are no posts and would each become a story.
"""

from __future__ import annotations

from collections.abc import Iterable

POSTS = "posts"
# The folders of the account's data beside posts/ (as Medium's export has them).
ACCOUNT_FOLDERS = frozenset({
    "blocks", "bookmarks", "claps", "highlights", "interests", "ips", "lists", "partner-program", "profile",
    "pubs-following", "sessions", "topics-following", "twitter", "users-following",
})
_AT_LEAST = 2  # account folders beside posts/ that make a folder a Medium export


def account_data(paths: Iterable[str]) -> set[str]:
    """Paths of the files of a source ('/'-separated) -> those that are a Medium export's
    account data: in a folder holding posts/ and at least two of ACCOUNT_FOLDERS, every
    file but those under its posts/."""
    paths = list(paths)
    folders: dict[tuple[str, ...], set[str]] = {}
    for path in paths:
        parts = tuple(path.split("/"))
        for depth in range(len(parts) - 1):
            folders.setdefault(parts[:depth], set()).add(parts[depth])
    exports = {root for root, inside in folders.items()
               if POSTS in inside and len(inside & ACCOUNT_FOLDERS) >= _AT_LEAST}
    if not exports:
        return set()
    found = set()
    for path in paths:
        parts = tuple(path.split("/"))
        for depth in range(len(parts) - 1, -1, -1):  # the innermost export holding it decides
            if parts[:depth] in exports:
                if parts[depth] != POSTS or depth == len(parts) - 1:
                    found.add(path)
                break
    return found
