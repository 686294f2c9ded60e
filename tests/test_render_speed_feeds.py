"""feeds.py ranks every item once for all feeds and builds every entry's XML once: the
feeds come out as if each were made on its own."""

from __future__ import annotations

from datetime import date
from heapq import nsmallest

import pytest

from generator.output.feeditems import feed_specs
from generator.output.feeds import _Items, _Writer, iter_feeds
from generator.model import Site, Update
from generator.urls import Urls
from tests.test_render import make_site, make_story


def _site() -> Site:
    extra = (
        make_story("late-update", "fiber", 2, updates=(
            Update(date(2015, 12, 30), "Late", "<p>Late.</p>"), Update(date(2015, 12, 30), "Same day", "<p>Same.</p>"),
        )),
        make_story("same-day", "xs4all", 16),
    )
    return make_site(extra=extra)


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 50])
def test_newest_is_each_feeds_own_newest(limit: int) -> None:
    site = _site()
    urls = Urls(site.config.base_url)
    specs = list(feed_specs(site, urls))
    items = _Items(site, urls)
    got = items.newest(specs, limit)
    for spec, chosen in zip(specs, got):
        pairs = (pair for story in spec.stories for pair in items.of(story))
        assert [item.id for item in chosen] == [item.id for _, item in nsmallest(limit, pairs)]


def test_feeds_sharing_entries_are_what_each_feed_alone_would_be() -> None:
    site = _site()
    urls = Urls(site.config.base_url)
    together = dict(sorted(iter_feeds(site, urls)))
    specs = list(feed_specs(site, urls))
    alone: dict[str, bytes] = {}
    for index, spec in enumerate(specs):
        items = _Items(site, urls)  # nothing shared with any other feed
        alone |= _Writer(site, urls, items).write(spec, items.newest(specs, site.config.feeds_limit)[index])
    assert together == dict(sorted(alone.items()))
    assert dict(sorted(iter_feeds(site, urls))) == together  # and again, from the same site


def test_stories_in_no_feed_are_never_made_into_items() -> None:
    site = _site()
    urls = Urls(site.config.base_url)
    items = _Items(site, urls)
    specs = [spec for spec in feed_specs(site, urls) if spec.owner == urls.company("fiber")]
    (chosen,) = items.newest(specs, 1)
    assert [item.story.slug for item in chosen] == ["late-update"]
    assert set(items.by_story) == {"late-update"}
