"""A story and its linked Site -> the related cases its page shows (pure).

Same company first, then the most shared tags, then the same sector; within a rank the
newest first (then by slug, so the choice never depends on anything but the content).
At most RELATED_MAX. Only the RELATED_WINDOW newest stories of each group are weighed,
so a 10,000-story site with a tag on half its stories costs a bounded amount per page.
"""

from __future__ import annotations

from collections import Counter

from generator.model import Site, Story
from generator.urls import name_slug

RELATED_MAX = 5
RELATED_WINDOW = 200


def related_stories(site: Site, story: Story, limit: int = RELATED_MAX) -> tuple[Story, ...]:
    """Story -> up to `limit` other published stories, most related first."""
    own_company = story.company_slug
    company = site.company_by_slug.get(own_company)
    sector = name_slug(company.sector) if company is not None and company.sector else ""
    shared: Counter[str] = Counter()
    found: dict[str, Story] = {}
    for tag in dict.fromkeys(name_slug(t) for t in story.tags):
        for other in site.by_tag.get(tag, ())[:RELATED_WINDOW]:
            shared[other.slug] += 1
            found[other.slug] = other
    groups = (site.by_company.get(own_company, ()), site.by_sector.get(sector, ()) if sector else ())
    for group in groups:
        for other in group[:RELATED_WINDOW]:
            found.setdefault(other.slug, other)
    same_sector = {s.slug for s in groups[1][:RELATED_WINDOW]}

    def rank(other: Story) -> tuple[bool, int, bool, int, str]:
        return (other.company_slug != own_company, -shared[other.slug], other.slug not in same_sector,
                -other.date.toordinal(), other.slug)

    candidates = [other for slug, other in found.items() if slug != story.slug]
    return tuple(sorted(candidates, key=rank)[:limit])
