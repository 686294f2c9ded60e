"""The search page's values: each story page's filters (facets) and the page's settings.

Pagefind reads the built HTML: a story page marks its article with `data-pagefind-body`
(so only stories are indexed), its title with `data-pagefind-meta`, its date with
`data-pagefind-sort` and carries hidden `<data>` elements with its filters. Filter names
and values are in the site's language, so the one search page shows one set of filters.
Running Pagefind is output/pagefind.py's job.

Pagefind UI writes a filter's value into the page as HTML, and Pagefind decodes character
references in it once more before that, so no escaping of ours survives: a tag
`<img src=x onerror=...>` would become an element on /search/. Filter values therefore
reach Pagefind as plain text with `<`, `>` and `&` replaced by their full-width forms
(`＜`, `＞`, `＆`), which read the same and can never open a tag or a reference. (The
title meta and the excerpts Pagefind shows as text, so they are left as they are.)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from generator.i18n import label, strings
from generator.model import Company, Language, Story, Term

BUNDLE = "pagefind"
FILTERS = ("company", "outcome", "apology", "year", "tag")
OPEN_FILTERS = ("outcome", "apology", "year")


@dataclass(frozen=True)
class Facet:
    """One filter value of a story page: `<data data-pagefind-filter="name[value]" value=...>`."""

    name: str
    value: str


@dataclass(frozen=True)
class SearchPage:
    """What the search page's script needs: the bundle, its languages, which filters to open."""

    bundle_url: str
    merge_languages: tuple[str, ...]
    open_filters: tuple[str, ...]


_PLAIN = str.maketrans({"<": "\uff1c", ">": "\uff1e", "&": "\uff06"})


def plain_for_pagefind(text: str) -> str:
    """Any text -> the same text that Pagefind UI cannot turn into markup when it shows it."""
    return text.translate(_PLAIN)


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


def search_page(stories: Sequence[Story], language: Language, bundle_url: str) -> SearchPage:
    """Stories, site language, bundle URL -> the search page's settings.

    Every page carries the site's language in <html lang> (a story's own language marks
    only its text), so Pagefind writes one index, in which every story is found: no
    other language's index to merge in.
    """
    return SearchPage(
        bundle_url=bundle_url,
        merge_languages=(),
        open_filters=tuple(filter_name(kind, language) for kind in OPEN_FILTERS),
    )
