"""Derived figures as pure functions: never stored on the model, so never stale.

Per story: days to resolve, days to the company's first response, days to its first
reply after publication, days open.
Per group of stories (a company, a sector, the whole site): a `Record`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median

from generator.model import Actor, Apology, Channel, Outcome, Story


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


def complaint_date(story: Story) -> date | None:
    """Story -> the date of the complaint: its first timeline event `by: me` (None if none)."""
    return next((event.date for event in story.timeline if event.by is Actor.ME), None)


def days_to_first_response(story: Story) -> int | None:
    """Story -> days from the complaint (its first timeline event `by: me`) to the first
    event `by: company` listed after it (the same day counts as 0); None when there is no
    complaint or no company event after it, never 0 for "no answer"."""
    complained: date | None = None
    for event in story.timeline:
        if complained is None:
            if event.by is Actor.ME:
                complained = event.date
        elif event.by is Actor.COMPANY:
            return (event.date - complained).days
    return None


def days_to_reply(story: Story) -> int | None:
    """Story -> days from publication to the company's first reply; None without a reply."""
    if not story.replies:
        return None
    return (story.replies[0].date - story.date).days


def awaits_response(story: Story) -> bool:
    """Story -> True when it has a complaint that no company event answered after it."""
    return complaint_date(story) is not None and days_to_first_response(story) is None


def channels_tried(story: Story) -> tuple[Channel, ...]:
    """Story -> the channels it lists, then any other channel its own timeline events
    (`by: me`) went through, each once, in that order."""
    seen = list(story.channels)
    for event in story.timeline:
        if event.by is Actor.ME and event.via is not None and event.via not in seen:
            seen.append(event.via)
    return tuple(seen)


def days_open(story: Story, now: date) -> int | None:
    """Story, today -> days the case has been open so far; None when it is not open."""
    if story.outcome is not Outcome.OPEN:
        return None
    return max(0, (now - case_date(story)).days)


@dataclass(frozen=True)
class Money:
    """A total amount in one currency ('' when the stories gave none)."""

    currency: str
    amount: Decimal


def compensation_totals(stories: Iterable[Story]) -> tuple[Money, ...]:
    """Stories -> the sum of their compensation amounts per currency, by currency;
    compensation given only as text is not counted."""
    totals: dict[str, Decimal] = {}
    for story in stories:
        paid = story.compensation
        if paid is not None and paid.amount is not None:
            totals[paid.currency] = totals.get(paid.currency, Decimal(0)) + paid.amount
    return tuple(Money(currency, totals[currency]) for currency in sorted(totals))


@dataclass(frozen=True)
class YearCount:
    """Cases that started in one year, by outcome (every Outcome is a key)."""

    year: int
    outcomes: Mapping[Outcome, int]

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())


def cases_per_year(stories: Iterable[Story]) -> tuple[YearCount, ...]:
    """Stories -> one YearCount per year from the first case to the last, oldest first
    (years without cases included, so a chart's axis has no holes)."""
    counts: dict[int, dict[Outcome, int]] = {}
    for story in stories:
        year = case_date(story).year
        counts.setdefault(year, {outcome: 0 for outcome in Outcome})[story.outcome] += 1
    if not counts:
        return ()
    empty = {outcome: 0 for outcome in Outcome}
    return tuple(YearCount(y, counts.get(y, empty)) for y in range(min(counts), max(counts) + 1))


@dataclass(frozen=True)
class Record:
    """The figures of a group of stories. Rates are fractions (0.5), medians are whole
    days (half a day rounds up); both are None when there is nothing to measure."""

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
    median_days_to_resolve: int | None = None
    median_days_to_first_response: int | None = None
    median_days_open: int | None = None
    replied: int = 0  # cases with at least one company reply
    median_days_to_reply: int | None = None
    first_case: date | None = None
    last_case: date | None = None
    compensation: tuple[Money, ...] = field(default=())


def _median(values: list[int]) -> int | None:
    """Days -> their median in whole days, a half rounded up (3 and 8 -> 6); None when empty."""
    return math.floor(median(values) + 0.5) if values else None


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def record_of(stories: Iterable[Story], now: date) -> Record:
    """Stories, today -> their Record.

    `apology_rate` counts full apologies only; partial ones have their own count.
    """
    stories = list(stories)
    outcomes = {outcome: 0 for outcome in Outcome}
    apologies = {apology: 0 for apology in Apology}
    to_resolve: list[int] = []
    to_respond: list[int] = []
    open_for: list[int] = []
    to_reply: list[int] = []
    starts: list[date] = []
    for story in stories:
        outcomes[story.outcome] += 1
        apologies[story.apology] += 1
        starts.append(case_date(story))
        for values, value in (
            (to_resolve, days_to_resolve(story)),
            (to_respond, days_to_first_response(story)),
            (open_for, days_open(story, now)),
            (to_reply, days_to_reply(story)),
        ):
            if value is not None:
                values.append(value)
    cases = len(starts)
    return Record(
        compensation=compensation_totals(stories),
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
        replied=len(to_reply),
        median_days_to_reply=_median(to_reply),
        first_case=min(starts) if starts else None,
        last_case=max(starts) if starts else None,
    )
