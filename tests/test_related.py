"""site/related.py: the chooser, which indexes a site once, chooses what the rule says,
checked against the rule written out plainly (every candidate ranked per story)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import generator.site.related as related
from benchmarks.corpus import write_corpus
from generator.build import BuildOptions, check_site
from generator.model import Site, Story
from generator.site.related import RelatedChooser
from generator.urls import name_slug


def _by_the_rule(site: Site, story: Story, limit: int) -> tuple[str, ...]:
    """Same company first, then most shared tags, then same sector, then newest, then slug;
    only the RELATED_WINDOW newest stories of each group weighed."""
    window = related.RELATED_WINDOW
    own = story.company_slug
    company = site.company_by_slug.get(own)
    sector = name_slug(company.sector) if company is not None and company.sector else ""
    shared: Counter[str] = Counter()
    found: dict[str, Story] = {}
    for tag in dict.fromkeys(name_slug(t) for t in story.tags):
        for other in site.by_tag.get(tag, ())[:window]:
            shared[other.slug] += 1
            found[other.slug] = other
    groups = (site.by_company.get(own, ()), site.by_sector.get(sector, ()) if sector else ())
    for group in groups:
        for other in group[:window]:
            found.setdefault(other.slug, other)
    in_sector = {s.slug for s in groups[1][:window]}

    def rank(other: Story) -> tuple[bool, int, bool, int, str]:
        return (other.company_slug != own, -shared[other.slug], other.slug not in in_sector,
                -other.date.toordinal(), other.slug)

    candidates = [other for slug, other in found.items() if slug != story.slug]
    return tuple(other.slug for other in sorted(candidates, key=rank)[:limit])


@pytest.mark.parametrize(("stories", "companies", "window"), [(80, 3, 200), (150, 30, 200), (150, 4, 9), (150, 40, 3)])
def test_the_chooser_chooses_by_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stories: int,
                                        companies: int, window: int) -> None:
    monkeypatch.setattr(related, "RELATED_WINDOW", window)
    write_corpus(tmp_path / "site", stories=stories, companies=companies, seed=5)
    site = check_site(tmp_path / "site", BuildOptions()).site
    chooser = RelatedChooser.of(site)
    for limit in (1, related.RELATED_MAX, 12):
        for story in site.stories:
            assert tuple(s.slug for s in chooser.related(story, limit)) == _by_the_rule(site, story, limit), story.slug
