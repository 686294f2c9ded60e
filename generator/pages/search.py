"""The search index's values: one record per story (its URL, text, meta, filters and
sort key), which shard of the index holds it, and the search page's settings.

Pagefind gets these records as they are (output/pagefind.py) instead of re-parsing the
built story pages. Every record is in the site's language, whatever the story's own
language: Pagefind keeps one index per language and a search page searches one, so a
Dutch site with English stories would not find them (the site's stemmer is applied to
every story and every query alike). Filter and meta names and values are in the site's
language too, so the one search page shows one set of filters. Story pages still carry
the same facts as `data-pagefind-*` attributes, for anyone running Pagefind over the
HTML themselves.

Pagefind UI writes a filter's value into the page as HTML, and Pagefind decodes character
references in it once more before that, so no escaping of ours survives: a tag
`<img src=x onerror=...>` would become an element on /search/. Filter values therefore
reach Pagefind as plain text with `<`, `>` and `&` replaced by their full-width forms
(`＜`, `＞`, `＆`), which read the same and can never open a tag or a reference. (The
title meta and the excerpts Pagefind shows as text, so they are left as they are.)
"""

from __future__ import annotations

import functools
import html
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from generator.i18n import format_date, label, strings
from generator.model import Company, Language, Site, Story, Taxonomy, Term
from generator.urls import Urls, slugify

BUNDLE = "pagefind"
SHARD_SIZE = 320  # stories per shard, at most (until MAX_SHARDS): Pagefind needs ~0.2 MB and ~2 ms of CPU per story of 4 KB, so an edit re-indexes ~300 stories in ~0.7 s with ~75 MB
MAX_SHARDS = 64  # each is fetched by the search page: its entry file, meta and chunks
FILTERS = ("company", "outcome", "apology", "year", "tag")
OPEN_FILTERS = ("outcome", "apology", "year")


@dataclass(frozen=True)
class Facet:
    """One filter value of a story page: `<data data-pagefind-filter="name[value]" value=...>`."""

    name: str
    value: str


@dataclass(frozen=True)
class SearchPage:
    """What the search page's script needs: the bundle, the other shards to merge, which filters to open."""

    bundle_url: str
    merge_bundles: tuple[str, ...]
    open_filters: tuple[str, ...]


_PLAIN = str.maketrans({"<": "\uff1c", ">": "\uff1e", "&": "\uff06"})


def plain_for_pagefind(text: str) -> str:
    """Any text -> the same text that Pagefind UI cannot turn into markup when it shows it."""
    return text.translate(_PLAIN)


@dataclass(frozen=True)
class SearchRecord:
    """One story as the index gets it (Pagefind's custom record). `url` is relative to
    the site's root ('/stories/x/'): Pagefind prefixes the path the bundle is served under."""

    url: str
    content: str
    language: str
    meta: tuple[tuple[str, str], ...]
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    sort: tuple[tuple[str, str], ...]


@functools.lru_cache(maxsize=64)
def filter_name(kind: str, language: Language) -> str:
    """'outcome', nl -> 'afloop': the name Pagefind UI shows (it capitalises the first letter)."""
    return strings(language)[f"filter.{kind}"]


def facets_of(story: Story, company: Company, tags: Sequence[Term], language: Language) -> tuple[Facet, ...]:
    """A story, its company and tags, the site language -> its search filters."""
    values = [
        ("company", company.name), ("outcome", label(story.outcome, language)),
        ("apology", label(story.apology, language)), ("year", str(story.date.year)),
        *(("tag", tag.name) for tag in tags),
    ]
    return tuple(Facet(filter_name(kind, language), plain_for_pagefind(value)) for kind, value in values)


def shard_count(stories: int) -> int:
    """Number of stories -> how many shards the index has: the smallest power of two
    that keeps a shard within SHARD_SIZE stories (so the count, and every story's shard,
    changes rarely as a site grows), at most MAX_SHARDS."""
    count = 1
    while count < MAX_SHARDS and stories > SHARD_SIZE * count:
        count *= 2
    return count


def shard_of(slug: str, count: int) -> int:
    """A story's slug, the shard count -> its shard: a stable hash, the same in every run."""
    return zlib.crc32(slug.encode("utf-8")) % count


def shard_folders(slugs: Iterable[str]) -> dict[int, str]:
    """The stories' slugs -> each shard holding stories, with its folder inside the
    bundle: '' for the first (the bundle itself, which the search page loads; Pagefind
    needs an index there), 'n/' for shard n, merged in. No stories: {0: ''}."""
    slugs = list(slugs)
    count = shard_count(len(slugs))
    shards = sorted({shard_of(slug, count) for slug in slugs}) or [0]
    return {shard: f"{shard}/" if shard != shards[0] else "" for shard in shards}


def search_page(stories: Sequence[Story], language: Language, bundle_url: str) -> SearchPage:
    """Stories, site language, bundle URL -> the search page's settings: the first shard
    is the bundle, every other shard with stories is merged into it (Pagefind's mergeIndex)."""
    folders = shard_folders(story.slug for story in stories)
    return SearchPage(
        bundle_url=bundle_url,
        merge_bundles=tuple(bundle_url + folder for folder in folders.values() if folder),
        open_filters=tuple(filter_name(kind, language) for kind in OPEN_FILTERS),
    )


@dataclass(frozen=True)
class SearchEntry:
    """A story with what its record shows of its company and tags."""

    story: Story
    company: Company
    tags: tuple[Term, ...]

    def source(self) -> Iterator[str]:
        """-> strings holding everything search_record reads (cheap to make for 10,000
        stories; records are made only for a shard whose sources changed)."""
        story = self.story
        yield from (story.slug, story.title, story.author, str(story.date), story.outcome.value, story.apology.value,
                    self.company.name)
        yield from (tag.name for tag in self.tags)
        yield story.body_html
        yield from (event.html for event in story.timeline)
        yield from (update.html for update in story.updates)


def entries_by_shard(site: Site) -> dict[int, tuple[SearchEntry, ...]]:
    """Site -> its stories by shard (those of shard_folders), each shard's in slug order
    (so its index does not depend on the order stories were read)."""
    count = shard_count(len(site.stories))
    shards: dict[int, list[SearchEntry]] = {shard: [] for shard in shard_folders(s.slug for s in site.stories)}
    known = {term.slug: term for term in site.tags}
    for story in site.stories:
        tags = tuple(known.get(slugify(t)) or Term(slugify(t), t, Taxonomy.TAGS) for t in story.tags)
        shards[shard_of(story.slug, count)].append(SearchEntry(story, site.company_of(story), tags))
    return {shard: tuple(sorted(entries, key=lambda e: e.story.slug)) for shard, entries in shards.items()}


_ROOT = Urls("/")
_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """Rendered HTML -> its words for the index: every tag becomes a space
    ('<p>een <em>snel</em></p><p>twee &amp; drie</p>' -> ' een  snel    twee & drie ').
    Pagefind splits words at any white space; one regex is ~40x faster than telling
    block from inline elements (and a word split by an inline tag is rare)."""
    text = _TAG.sub(" ", markup)
    return html.unescape(text) if "&" in text else text


def search_record(story: Story, company: Company, tags: Sequence[Term], language: Language) -> SearchRecord:
    """A story, its company and tags, the site language -> its search record: the text
    its page shows a reader (title, company, author, timeline, body, updates, tags; not
    the facts box), the company, outcome and date as meta for the result, and its filters."""
    parts = [story.title, company.name, story.author, *(event.text and plain_text(event.html) for event in story.timeline),
             plain_text(story.body_html), *(plain_text(update.html) for update in story.updates),
             *(f"#{tag.name}" for tag in tags)]
    filters: dict[str, list[str]] = {}
    for facet in facets_of(story, company, tags, language):
        filters.setdefault(facet.name, []).append(facet.value)
    text = strings(language)
    meta = (("title", story.title), (filter_name("company", language), company.name),
            (filter_name("outcome", language), label(story.outcome, language)),
            (text["published"].lower(), format_date(story.date, language)))
    return SearchRecord(
        url=_ROOT.story(story), content=" ".join(p for p in parts if p), language=str(language), meta=meta,
        filters=tuple((name, tuple(values)) for name, values in filters.items()),
        sort=(("date", story.date.isoformat()),),
    )
