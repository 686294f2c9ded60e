"""Timelines as view values: a story's events with the waits between them, a company's
cases merged into one timeline, and the site's cases by month.

Pure functions on model values; templates only display what these return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from generator.model import Actor, Story, TimelineEvent
from generator.site.stats import case_date

MIN_WAIT_DAYS = 2  # a reply within a day is not worth a "no reply" label


@dataclass(frozen=True)
class Step:
    """A timeline event and, when the company kept me waiting before it, for how long:
    `wait` is the days since my first unanswered event (None: no label)."""

    event: TimelineEvent
    wait: int | None = None


def story_steps(story: Story, *, min_wait: int = MIN_WAIT_DAYS) -> tuple[Step, ...]:
    """Story -> its timeline as Steps.

    A wait starts at the first event by `me` after the company's last event and ends at
    the company's next event; it is labelled on that reply when it lasted `min_wait`
    days or more. Third-party events do not end a wait.
    """
    steps: list[Step] = []
    waiting_since: date | None = None
    for event in story.timeline:
        wait = None
        if event.by is Actor.COMPANY:
            if waiting_since is not None and (event.date - waiting_since).days >= min_wait:
                wait = (event.date - waiting_since).days
            waiting_since = None
        elif event.by is Actor.ME and waiting_since is None:
            waiting_since = event.date
        steps.append(Step(event, wait))
    return tuple(steps)


@dataclass(frozen=True)
class CaseEvent:
    """One event of a company's merged timeline, with the story it belongs to and, for
    a subsidiary's case on its parent's timeline, the subsidiary's name."""

    story: Story
    event: TimelineEvent
    company: str = ""


def merged_timeline(stories: Iterable[Story], marks: Mapping[str, str] | None = None) -> tuple[CaseEvent, ...]:
    """Stories (in site order), company slug -> name to mark them with -> all their
    timeline events, oldest first; events on one day keep site order, then timeline
    order (a stable sort)."""
    marks = marks or {}
    events = [CaseEvent(story, event, marks.get(story.company_slug, ""))
              for story in stories for event in story.timeline]
    return tuple(sorted(events, key=lambda item: item.event.date))


@dataclass(frozen=True)
class Month:
    """The cases that started in one month (`month` is its first day)."""

    month: date
    stories: tuple[Story, ...]


def by_month(stories: Sequence[Story]) -> tuple[Month, ...]:
    """Stories -> Months, newest first; within a month, newest case first, then in
    site order."""
    ordered = sorted(stories, key=case_date, reverse=True)  # stable: ties keep site order
    grouped = groupby(ordered, key=lambda story: case_date(story).replace(day=1))
    return tuple(Month(first, tuple(group)) for first, group in grouped)
