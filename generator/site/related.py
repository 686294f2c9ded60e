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
from collections.abc import Iterable, Mapping
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
    # (group, its slug) -> company slug -> the members of the group's window from that company, made on use
    split: dict[tuple[Group, str], dict[str, frozenset[str]]] = field(default_factory=dict, compare=False)

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
        it has too few); within a tier those sharing a tag are counted per tag and taken
        by count, the rest only by sector and place, with set operations, Counter and a
        key made in C (no Python function per candidate)."""
        nothing: frozenset[str] = frozenset()
        tagged = [self._members(Group.TAG, tag) for tag in circle.tags]
        in_sector = self._members(Group.SECTOR, circle.sector)
        in_company = self._members(Group.COMPANY, circle.company)
        own = self.of_company.get(circle.company, nothing)
        sharing = _shared(self._from(Group.TAG, tag, circle.company) for tag in circle.tags)
        sharing.pop(circle.slug, None)
        first = (own & in_company).union(self._from(Group.SECTOR, circle.sector, circle.company), sharing).difference(
            (circle.slug,))
        chosen = self._best(first, sharing, limit, in_sector)
        if len(chosen) < limit:
            others = in_company.union(in_sector, *tagged).difference(own, (circle.slug,))
            chosen += self._best(others, _shared(members & others for members in tagged), limit - len(chosen),
                                 in_sector)
        return tuple(chosen)

    def _members(self, group: Group, slug: str) -> frozenset[str]:
        if group is Group.SECTOR and not slug:
            return frozenset()
        return self.members[group].get(slug, frozenset())

    def _from(self, group: Group, slug: str, company: str) -> frozenset[str]:
        """-> the members of a group's window whose company is `company` (the window's
        members and the company's own stories in common, without walking either)."""
        split = self.split.get((group, slug))
        if split is None:
            parts: dict[str, set[str]] = {}
            for member in self._members(group, slug):
                parts.setdefault(self.stories[member].company_slug, set()).add(member)
            split = self.split[(group, slug)] = {name: frozenset(part) for name, part in parts.items()}
        return split.get(company, frozenset())

    def _best(self, candidates: frozenset[str], sharing: Counter[str], limit: int,
              in_sector: frozenset[str]) -> list[str]:
        """Candidates of one tier (and how many tags each of them shares, for those that
        share one) -> the `limit` best: most shared tags, then in the sector, then by place."""
        by_count: dict[int, list[str]] = {}
        for slug, count in sharing.items():
            by_count.setdefault(count, []).append(slug)
        best: list[str] = []
        for count in sorted(by_count, reverse=True):
            if len(best) >= limit:
                break
            best += self._sector_first(set(by_count[count]), limit - len(best), in_sector)
        if len(best) < limit:
            best += self._sector_first(candidates.difference(sharing), limit - len(best), in_sector)
        return best

    def _sector_first(self, slugs: AbstractSet[str], limit: int, in_sector: frozenset[str]) -> list[str]:
        """Slugs -> the first `limit` of them, those in the sector first, each part by place."""
        place = self.place.__getitem__
        sector = slugs & in_sector
        best = heapq.nsmallest(limit, sector, key=place)
        if len(best) < limit:
            best += heapq.nsmallest(limit - len(best), slugs - sector, key=place)
        return best


def _shared(groups: Iterable[AbstractSet[str]]) -> Counter[str]:
    """Sets of slugs (one per tag) -> how many of them hold each slug."""
    counts: Counter[str] = Counter()
    for members in groups:
        counts.update(members)
    return counts
