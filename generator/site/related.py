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
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
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
    members: Mapping[Group, Mapping[str, frozenset[str]]]  # group slug -> its window, as a set
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
        windows = {kind: {slug: tuple(story.slug for story in group[:RELATED_WINDOW]) for slug, group in grouping.items()}
                   for kind, grouping in groups.items()}
        return cls(
            stories=stories,
            place={story.slug: index for index, story in enumerate(ordered)},
            of_company={company: frozenset(slugs) for company, slugs in of_company.items()},
            sectors={slug: name_slug(company.sector) if company.sector else ""
                     for slug, company in site.company_by_slug.items()},
            windows=windows,
            members={kind: {slug: frozenset(window) for slug, window in by_slug.items()}
                     for kind, by_slug in windows.items()},
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
        """A story's circle -> the slugs of up to `limit` related stories, most related first.

        The candidates are weighed in two tiers, same company first (the others only when
        it has too few); within a tier those sharing a tag are ranked one by one, the rest
        only by sector and place, with set operations and a key made in C."""
        nothing: frozenset[str] = frozenset()
        tagged = [self._members(Group.TAG, tag) for tag in circle.tags]
        in_sector = self._members(Group.SECTOR, circle.sector)
        in_company = self._members(Group.COMPANY, circle.company)
        own = self.of_company.get(circle.company, nothing)
        mine = {circle.slug}
        sharing = nothing.union(*(own & members for members in tagged)) - mine
        first = (sharing | (own & in_company) | (own & in_sector)) - mine
        chosen = self._best(first, sharing, limit, tagged, in_sector)
        if len(chosen) < limit:
            in_tags = nothing.union(*tagged)
            others = (in_company | in_tags | in_sector) - own - mine
            chosen += self._best(others, in_tags & others, limit - len(chosen), tagged, in_sector)
        return tuple(chosen)

    def _members(self, group: Group, slug: str) -> frozenset[str]:
        if group is Group.SECTOR and not slug:
            return frozenset()
        return self.members[group].get(slug, frozenset())

    def _best(self, candidates: AbstractSet[str], sharing: AbstractSet[str], limit: int,
              tagged: Sequence[frozenset[str]], in_sector: frozenset[str]) -> list[str]:
        """Candidates of one tier (and those of them sharing a tag) -> the `limit` best:
        most shared tags, then in the sector, then by place."""
        place = self.place

        def rank(slug: str) -> tuple[int, bool, int]:
            return -sum(slug in members for members in tagged), slug not in in_sector, place[slug]

        best = sorted(sharing, key=rank)[:limit]
        if len(best) < limit:
            rest = candidates - sharing
            sector_first = rest & in_sector
            best += heapq.nsmallest(limit - len(best), sector_first, key=place.__getitem__)
            if len(best) < limit:
                best += heapq.nsmallest(limit - len(best), rest - sector_first, key=place.__getitem__)
        return best
