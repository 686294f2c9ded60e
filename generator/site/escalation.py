"""Escalation routes applied to a story, as pure functions: which routes fit its
company's sector, and from when until when each is open to this case.

Dates count from the first written complaint: the first `by: me` timeline event via
email, letter, webform or chat (a phone call leaves no paper trail, so it does not
start a waiting period). `final_answer` is the company's last timeline event after it.
A resolved case gets no routes at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from generator.model import Actor, Channel, Company, Outcome, Period, Route, RouteEvent, Story, TimelineEvent
from generator.urls import slugify

WRITTEN = frozenset({Channel.EMAIL, Channel.LETTER, Channel.WEBFORM, Channel.CHAT})
NEAR_DAYS = 30  # `check` warns when a deadline is this close, or past


class Status(StrEnum):
    OPEN = "open"  # it can be used now
    NOT_YET = "not-yet"  # its waiting period has not passed
    CLOSED = "closed"  # its deadline has passed
    NEEDS_COMPLAINT = "needs-complaint"  # it counts from an event the timeline does not have yet


@dataclass(frozen=True)
class RouteState:
    """One route as it stands for one case on one day."""

    route: Route
    status: Status
    opens: date | None = None  # when its waiting period ends (None: no waiting, or not known yet)
    closes: date | None = None  # its deadline (None: none, or not known yet)


@dataclass(frozen=True)
class Escalation:
    """What a stuck customer can do next: the written complaint the dates count from
    (None: none yet) and every fitting route's state."""

    complaint: TimelineEvent | None
    routes: tuple[RouteState, ...]


def first_written_complaint(story: Story) -> TimelineEvent | None:
    """Story -> its first `by: me` timeline event via a written channel, or None."""
    for event in story.timeline:
        if event.by is Actor.ME and event.via in WRITTEN:
            return event
    return None


def final_answer(story: Story, complaint: TimelineEvent | None) -> date | None:
    """Story, its written complaint -> the date of the company's last timeline event
    after the complaint; None without a complaint or without such an event."""
    if complaint is None:
        return None
    after = story.timeline[story.timeline.index(complaint) + 1:]
    answers = [event.date for event in after if event.by is Actor.COMPANY]
    return answers[-1] if answers else None


def routes_for(routes: tuple[Route, ...], company: Company) -> tuple[Route, ...]:
    """All routes, a company -> those serving its sector, plus those serving every sector."""
    sector = slugify(company.sector) if company.sector else ""
    return tuple(route for route in routes if not route.sectors or sector in route.sectors)


def _when(period: Period | None, events: dict[RouteEvent, date | None]) -> date | None:
    start = events[period.event] if period is not None else None
    if period is None or start is None:
        return None
    try:
        return start + timedelta(days=period.days)
    except OverflowError:  # past 9999-12-31: a route open after, or until, the end of time
        return date.max


def route_state(route: Route, events: dict[RouteEvent, date | None], now: date) -> RouteState:
    """A route, the dates of the events it counts from, today -> its state."""
    opens, closes = _when(route.after, events), _when(route.deadline, events)
    if closes is not None and now > closes:
        status = Status.CLOSED
    elif route.after is not None and opens is None:
        status = Status.NEEDS_COMPLAINT
    elif opens is not None and now < opens:
        status = Status.NOT_YET
    else:
        status = Status.OPEN
    return RouteState(route, status, opens, closes)


def escalation_of(story: Story, company: Company, routes: tuple[Route, ...], now: date) -> Escalation | None:
    """A story, its company, all routes, today -> what its reader can do next; None
    when the case is resolved or no route fits."""
    fitting = routes_for(routes, company)
    if story.outcome is Outcome.RESOLVED or not fitting:
        return None
    complaint = first_written_complaint(story)
    events = {RouteEvent.COMPLAINT: complaint.date if complaint else None,
              RouteEvent.FINAL_ANSWER: final_answer(story, complaint)}
    return Escalation(complaint, tuple(route_state(route, events, now) for route in fitting))
