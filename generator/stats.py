"""Derived figures as pure functions: never stored on the model, so never stale.

Per story: days to resolve, days to the company's first response, days open.
Per group of stories (a company, a sector, the whole site): a `Record`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from generator.model import Actor, Apology, Outcome, Story


def case_date(story: Story) -> date:
    """Story -> the day the case started: the incident when known, else the first
    timeline event, else the publication date."""
    if story.incident is not None:
        return story.incident
    if story.timeline:
        return story.timeline[0].date
    return story.date


def days_to_resolve(story: Story) -> int | None:
    """Story -> days from incident to resolution, or None when either date is missing."""
    if story.incident is None or story.resolved is None:
        return None
    return (story.resolved - story.incident).days


def days_to_first_response(story: Story) -> int | None:
    """Story -> days from the incident (or the first timeline event when there is no
    incident) to the first timeline event by the company; None when it never responded."""
    if not story.timeline:
        return None
    start = story.incident if story.incident is not None else story.timeline[0].date
    for event in story.timeline:
        if event.by is Actor.COMPANY:
            return (event.date - start).days
    return None


def days_open(story: Story, now: date) -> int | None:
    """Story, today -> days the case has been open so far; None when it is not open."""
    if story.outcome is not Outcome.OPEN:
        return None
    return max(0, (now - case_date(story)).days)


@dataclass(frozen=True)
class Record:
    """The figures of a group of stories. Rates are fractions (0.5), medians are in
    days; both are None when there is nothing to measure."""

    cases: int = 0
    open: int = 0
    resolved: int = 0
    unresolved: int = 0
    gave_up: int = 0
    resolution_rate: float | None = None
    apology_yes: int = 0
    apology_partial: int = 0
    apology_no: int = 0
    apology_rate: float | None = None
    median_days_to_resolve: float | None = None
    median_days_to_first_response: float | None = None
    median_days_open: float | None = None
    first_case: date | None = None
    last_case: date | None = None


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def record_of(stories: Iterable[Story], now: date) -> Record:
    """Stories, today -> their Record, in one pass over the stories.

    `apology_rate` counts full apologies only; partial ones have their own count.
    """
    outcomes = {outcome: 0 for outcome in Outcome}
    apologies = {apology: 0 for apology in Apology}
    to_resolve: list[int] = []
    to_respond: list[int] = []
    open_for: list[int] = []
    starts: list[date] = []
    for story in stories:
        outcomes[story.outcome] += 1
        apologies[story.apology] += 1
        starts.append(case_date(story))
        for values, value in (
            (to_resolve, days_to_resolve(story)),
            (to_respond, days_to_first_response(story)),
            (open_for, days_open(story, now)),
        ):
            if value is not None:
                values.append(value)
    cases = len(starts)
    return Record(
        cases=cases,
        open=outcomes[Outcome.OPEN],
        resolved=outcomes[Outcome.RESOLVED],
        unresolved=outcomes[Outcome.UNRESOLVED],
        gave_up=outcomes[Outcome.GAVE_UP],
        resolution_rate=_rate(outcomes[Outcome.RESOLVED], cases),
        apology_yes=apologies[Apology.YES],
        apology_partial=apologies[Apology.PARTIAL],
        apology_no=apologies[Apology.NO],
        apology_rate=_rate(apologies[Apology.YES], cases),
        median_days_to_resolve=_median(to_resolve),
        median_days_to_first_response=_median(to_respond),
        median_days_open=_median(open_for),
        first_case=min(starts) if starts else None,
        last_case=max(starts) if starts else None,
    )
