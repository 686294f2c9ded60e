"""Linked Site -> every output path a build writes, each with what writes it: the one
table of output paths. The site's static/ files join it (`static_clashes`): a static
file on a generated path, or on a folder the build writes into, is an error naming
both, reported by `check` before `build` would replace one with the other.

Pages (as plan.py plans them), story pages, feeds (as feeditems.py lists them), open
data, the sitemap and robots.txt, the theme's assets and the images stories show are
listed one by one; the search index is a whole folder
(its file names depend on the index), so it is reserved as a folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator.model import Site
from generator.pages.page import Page
from generator.output.opendata import DATA_FILES
from generator.pages.search import BUNDLE
from generator.urls import FeedKind, Urls, feed_kinds

RESERVED_FOLDERS = {BUNDLE: "the search index"}
_FEED_NAMES = {FeedKind.RSS: "RSS", FeedKind.ATOM: "Atom", FeedKind.JSON: "JSON"}
_SPECIAL = {"home.html": "the home page", "404.html": "the 'not found' page", "sitemap.xml": "the sitemap",
            "sitemap-index.xml": "the sitemap", "robots.txt": "the rules for search robots"}


def _what(page: Page) -> str:
    """A planned page -> what it is, for a message: 'the home page', 'the companies page'."""
    return _SPECIAL.get(page.template) or f"the {page.template.removesuffix('.html')} page"


def output_table(site: Site, urls: Urls, *, assets: Iterable[str] = ()) -> dict[str, str]:
    """Site, its Urls, the theme's asset paths -> {output path: what writes it}, every
    file the build writes but the search index (RESERVED_FOLDERS): the pages as plan.py
    plans them, the feeds as feeditems.py lists them. The first writer of a path is kept."""
    from generator.output.feeditems import feed_specs
    from generator.pages.plan import plan_site

    table: dict[str, str] = {}
    plan = plan_site(site, urls)
    for page in plan.pages:
        table.setdefault(page.path, _what(page))
    for story in site.stories:
        table.setdefault(urls.output_path(urls.story(story)), f"the page of {story.source}")
        if site.config.social_cards:
            table.setdefault(urls.output_path(urls.card(story)), f"the social card of {story.source}")
    for spec in feed_specs(site, urls):
        for kind in feed_kinds(json=spec.json):
            what = (f"the {_FEED_NAMES[kind]} feed of {spec.owner}" if spec.owner != urls.page()
                    else f"the site's {_FEED_NAMES[kind]} feed")
            table.setdefault(urls.output_path(urls.feed(kind, spec.owner)), what)
    for name in DATA_FILES:
        table.setdefault(urls.output_path(urls.file(name)), "the open data")
    for name in assets:
        table.setdefault(name, "the theme")
    for story in site.stories:
        for source, output in story.images:
            table.setdefault(output, f"an image of {story.source} ({source})")
    return table


def static_clashes(static: Sequence[str], table: Mapping[str, str], *, prefix: str = "static/") -> list[tuple[str, str]]:
    """Static files (paths relative to the site, starting with `prefix`), the output
    table -> (static file, what it clashes with) for each that would replace a generated
    file, or stand where the build writes a folder or needs one."""
    folders: dict[str, str] = {}
    for path in table:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), path)
    clashes = []
    for source in static:
        name = source[len(prefix):]
        parts = name.split("/")
        above = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        if name in table:
            clashes.append((source, f"the build writes {name} ({table[name]})"))
        elif name in folders:
            clashes.append((source, f"the build writes the folder {name}/ ({table[folders[name]]})"))
        elif parts[0] in RESERVED_FOLDERS:
            clashes.append((source, f"the build writes the folder {parts[0]}/ ({RESERVED_FOLDERS[parts[0]]})"))
        elif (file := next((folder for folder in above if folder in table), None)) is not None:
            clashes.append((source, f"the build writes the file {file} ({table[file]})"))
    return clashes
