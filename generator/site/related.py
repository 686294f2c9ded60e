"""A linked Site -> the related cases each story page shows (pure).

Same company first, then the most shared tags, then the same sector; within a rank the
newest first (then by slug, so the choice never depends on anything but the content).
At most RELATED_MAX. Only the RELATED_WINDOW newest stories of each group (a company, a
sector, a tag) are weighed, so a 10,000-story site with a tag on half its stories costs
a bounded amount per page.

`RelatedChooser.of(site)` indexes a site once (each group's window, each story's place
in the order above); `related(story)` then weighs only that story's windows. The planner
and fast/keys.py (which remembers each story's choice with the windows it was made from)
use the same chooser.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from generator.model import Site, Story
from generator.urls import name_slug

RELATED_MAX = 5
RELATED_WINDOW = 200


class Group(StrEnum):
    """The groups a story's related stories come from."""

    COMPANY = "company"
    SECTOR = "sector"
    TAG = "tag"


@dataclass(frozen=True)
class Circle:
    """What chooses a story's related stories: its slug, company, its company's sector
    ('' when none) and its tags, as slugs without repeats."""

    slug: str
    company: str
    sector: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class RelatedChooser:
    """A Site's groups and stories indexed once for choosing related stories."""

    stories: Mapping[str, Story]  # by slug
    place: Mapping[str, int]  # slug -> index, newest first, then by slug
    of_company: Mapping[str, frozenset[str]]  # company slug -> the slugs of its own stories
    sectors: Mapping[str, str]  # company slug -> its sector's slug ('' when none)
    windows: Mapping[Group, Mapping[str, tuple[str, ...]]]  # group slug -> its window, as slugs
    tag_slugs: dict[str, str] = field(default_factory=dict, compare=False)  # tag as written -> slug, made on use

    @classmethod
    def of(cls, site: Site) -> RelatedChooser:
        """A linked Site -> its chooser."""
        groups = {Group.COMPANY: site.by_company, Group.SECTOR: site.by_sector, Group.TAG: site.by_tag}
        stories = {story.slug: story for story in site.stories}
        for grouping in groups.values():
            for group in grouping.values():
                for story in group[:RELATED_WINDOW]:
                    stories.setdefault(story.slug, story)
        ordered = sorted(stories.values(), key=lambda s: (-s.date.toordinal(), s.slug))
        of_company: dict[str, set[str]] = {}
        for story in ordered:
            of_company.setdefault(story.company_slug, set()).add(story.slug)
        return cls(
            stories=stories,
            place={story.slug: index for index, story in enumerate(ordered)},
            of_company={company: frozenset(slugs) for company, slugs in of_company.items()},
            sectors={slug: name_slug(company.sector) if company.sector else ""
                     for slug, company in site.company_by_slug.items()},
            windows={kind: {slug: tuple(story.slug for story in group[:RELATED_WINDOW])
                            for slug, group in grouping.items()}
                     for kind, grouping in groups.items()},
        )

    def circle(self, story: Story) -> Circle:
        """A story -> what chooses its related stories."""
        tags = []
        for tag in story.tags:
            slug = self.tag_slugs.get(tag)
            if slug is None:
                slug = self.tag_slugs[tag] = name_slug(tag)
            tags.append(slug)
        return Circle(story.slug, story.company_slug, self.sectors.get(story.company_slug, ""),
                      tuple(dict.fromkeys(tags)))

    def window(self, group: Group, slug: str) -> tuple[str, ...]:
        """A group and its slug -> the slugs of its RELATED_WINDOW newest stories
        (none for a story whose company has no sector)."""
        if group is Group.SECTOR and not slug:
            return ()
        return self.windows[group].get(slug, ())

    def related(self, story: Story, limit: int = RELATED_MAX) -> tuple[Story, ...]:
        """A story of the site -> up to `limit` other published stories, most related first."""
        return tuple(self.stories[slug] for slug in self.choose(self.circle(story), limit))

    def choose(self, circle: Circle, limit: int = RELATED_MAX) -> tuple[str, ...]:
        """A story's circle -> the slugs of up to `limit` related stories, most related first."""
        shared: Counter[str] = Counter()
        for tag in circle.tags:
            shared.update(self.window(Group.TAG, tag))
        in_sector = set(self.window(Group.SECTOR, circle.sector))
        found = set(shared)
        found.update(self.window(Group.COMPANY, circle.company))
        found.update(in_sector)
        found.discard(circle.slug)
        place = self.place

        def rank(slug: str) -> tuple[int, bool, int]:
            return -shared[slug], slug not in in_sector, place[slug]

        # Same company first: when it has enough candidates, the others need no rank at all.
        first = found & self.of_company.get(circle.company, frozenset())
        chosen = sorted(first, key=rank)[:limit]
        if len(chosen) < limit:
            chosen += heapq.nsmallest(limit - len(chosen), found - first, key=rank)
        return tuple(chosen)
