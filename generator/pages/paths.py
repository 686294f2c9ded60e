"""Linked Site -> every output path a build writes, each with what writes it: the one
table of output paths. The site's static/ files join it (`static_clashes`): a static
file on a generated path, or on a folder the build writes into, is an error naming
both, reported by `check` before `build` would replace one with the other.

Pages, story pages, feeds, open data, the sitemap and robots.txt, the theme's assets and
the images stories show are listed one by one; the search index is a whole folder
(its file names depend on the index), so it is reserved as a folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from generator.model import Site, Story
from generator.output.opendata import DATA_FILES
from generator.pages.search import BUNDLE
from generator.urls import Urls

SITEMAP_MAX = 50_000  # as in plan.py: above it, sitemap.xml is an index of sitemap-N.xml
RESERVED_FOLDERS = {BUNDLE: "the search index"}
_FEED_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON"}


def _listing(urls_of: Iterable[str], what: str) -> Iterator[tuple[str, str]]:
    for number, url in enumerate(urls_of, start=1):
        yield url, what if number == 1 else f"{what}, page {number}"


def _pages(site: Site, urls: Urls) -> Iterator[tuple[str, str]]:
    """-> (URL, what) of every HTML page, in plan order."""
    per_page = max(1, site.config.per_page)

    def count(stories: Sequence[Story]) -> int:
        return max(1, -(-len(stories) // per_page))

    yield urls.page(), "the home page"
    yield from _listing((urls.page("stories", n) for n in range(1, count(site.stories) + 1)), "the list of stories")
    for story in site.stories:
        yield urls.story(story), f"the page of {story.source}"
    yield urls.page("companies"), "the list of companies"
    known = {company.slug for company in site.companies}
    slugs = [*known, *{s.company_slug for s in site.stories if s.company_slug and s.company_slug not in known}]
    for slug in sorted(slugs):
        stories = site.by_company.get(slug, ())
        yield from _listing((urls.company(slug, n) for n in range(1, count(stories) + 1)), f"the page of company '{slug}'")
    for kind, terms, grouping, url_of in (("tags", site.tags, site.by_tag, urls.tag),
                                          ("sectors", site.sectors, site.by_sector, urls.sector)):
        yield urls.page(kind), f"the list of {kind}"
        for term in terms:
            stories = grouping.get(term.slug, ())
            yield from _listing((url_of(term, n) for n in range(1, count(stories) + 1)),
                                f"the page of {kind[:-1]} '{term.slug}'")
    yield urls.page("timeline"), "the timeline"
    yield urls.page("search"), "the search page"


def _feeds(site: Site, urls: Urls) -> Iterator[tuple[str, str]]:
    """-> (URL, what) of every feed: the site's, each company's, tag's and sector's."""
    owners = [("", "the site's", True)]
    owners += [(urls.company(c), f"company '{c.slug}''s", True) for c in site.companies]
    owners += [(urls.tag(t), f"tag '{t.slug}''s", False) for t in site.tags]
    owners += [(urls.sector(t), f"sector '{t.slug}''s", False) for t in site.sectors]
    for owner, whose, json in owners:
        for kind in ("rss", "atom", *(("json",) if json else ())):
            yield urls.feed(kind, owner), f"{whose} {_FEED_NAMES[kind]} feed"


def output_table(site: Site, urls: Urls, *, assets: Iterable[str] = ()) -> dict[str, str]:
    """Site, its Urls, the theme's asset paths -> {output path: what writes it}, every
    file the build writes but the search index (RESERVED_FOLDERS). The first writer of a
    path is kept; plan.py finds two pages on one path."""
    table: dict[str, str] = {}

    def add(path: str, what: str) -> None:
        table.setdefault(path, what)

    pages = 0
    for url, what in _pages(site, urls):
        add(urls.output_path(url), what)
        pages += 1
    add(urls.output_path(urls.file("404.html")), "the 'not found' page")
    for url, what in _feeds(site, urls):
        add(urls.output_path(url), what)
    for name in DATA_FILES:
        add(urls.output_path(urls.file(name)), "the open data")
    add(urls.output_path(urls.file("sitemap.xml")), "the sitemap")
    for number in range(1, -(-pages // SITEMAP_MAX) + 1 if pages > SITEMAP_MAX else 1):
        add(urls.output_path(urls.file(f"sitemap-{number}.xml")), "the sitemap")
    add(urls.output_path(urls.file("robots.txt")), "the rules for search robots")
    for name in assets:
        add(name, "the theme")
    for story in site.stories:
        for source, output in story.images:
            add(output, f"an image of {story.source} ({source})")
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
