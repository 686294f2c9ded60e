"""Which files of an export are posts, and what the export's own index says of them:
a Medium export's account data and Google Takeout's index page hold no posts; Substack's
`posts.csv` gives each `posts/<id>.html` its title, date and slug, and marks the folder
whose other tables (deliveries, opens, subscribers) are no posts either.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from generator.importer.medium import account_data
from generator.importer.substack import IndexRow, post_id, read_index

_TAKEOUT_INDEX = "Takeout/archive_browser.html"  # Google Takeout's page listing what the archive holds


def not_posts(paths: Iterable[str]) -> set[str]:
    """Paths of a source's files ('/'-separated) -> those known to hold no posts: a Medium
    export's account data, and Google Takeout's index page."""
    paths = list(paths)
    return account_data(paths) | {path for path in paths if path == _TAKEOUT_INDEX or path.endswith("/" + _TAKEOUT_INDEX)}


def substack_indexes(files: list[tuple[str, bytes]]) -> dict[str, dict[str, IndexRow]]:
    """(path, bytes) of files named posts.csv -> the Substack indexes among them, by folder."""
    found = {}
    for path, data in files:
        index = read_index(data)
        if index is not None:
            found[posixpath.dirname(path.replace("\\", "/"))] = index
    return found


def index_row_of(path: str, indexes: dict[str, dict[str, IndexRow]]) -> IndexRow | None:
    """A file's path, the Substack indexes -> what its export's posts.csv says of it (None: not a Substack post)."""
    place = post_id(path)
    return indexes.get(place[0], {}).get(place[1]) if place is not None else None


def in_export(path: str, indexes: dict[str, dict[str, IndexRow]]) -> bool:
    """A file's path -> whether it lies in the folder of a Substack export (beside or below its posts.csv)."""
    path = path.replace("\\", "/")
    return any(path.startswith(folder + "/") or not folder for folder in indexes)
