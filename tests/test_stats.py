"""stats.py: figures computed by hand on small values."""

from __future__ import annotations

from datetime import date

import pytest

from generator.model import Actor, Apology, Language, Outcome, Story, TimelineEvent
from generator.site.stats import (
    Record,
    case_date,
    days_open,
    awaits_response,
    days_to_first_response,
    days_to_resolve,
    record_of,
)

NOW = date(2016, 1, 31)


def event(d: date, by: Actor | None = None) -> TimelineEvent:
    return TimelineEvent(date=d, text="x", html="x", by=by)


def story(
    slug: str = "s",
    *,
    outcome: Outcome = Outcome.RESOLVED,
    apology: Apology = Apology.NO,
    published: date = date(2016, 1, 10),
    incident: date | None = None,
    resolved: date | None = None,
    timeline: tuple[TimelineEvent, ...] = (),
) -> Story:
    return Story(
        source=f"content/stories/{slug}.md", slug=slug, title=slug, company="Ziggo",
        date=published, outcome=outcome, apology=apology, author="", language=Language.NL,
        summary="", body_html="", incident=incident, resolved=resolved,
        timeline=timeline, company_slug="ziggo",
    )


@pytest.mark.parametrize(
    ("incident", "resolved", "expected"),
    [
        (date(2014, 2, 20), date(2014, 2, 28), 8),
        (date(2014, 2, 20), date(2014, 2, 20), 0),
        (date(2015, 12, 31), date(2016, 1, 2), 2),
        (None, date(2014, 2, 28), None),
        (date(2014, 2, 20), None, None),
    ],
)
def test_days_to_resolve(incident: date | None, resolved: date | None, expected: int | None) -> None:
    assert days_to_resolve(story(incident=incident, resolved=resolved)) == expected


D = date(2015, 11, 1)


@pytest.mark.parametrize(
    ("timeline", "expected"),
    [
        # The company's failure comes first; the count starts at my complaint.
        ((event(D, Actor.COMPANY), event(date(2015, 11, 3), Actor.ME), event(date(2015, 11, 10), Actor.COMPANY)), 7),
        ((event(D, Actor.ME), event(date(2015, 12, 1), Actor.COMPANY), event(date(2015, 12, 5), Actor.COMPANY)), 30),
        ((event(D, Actor.ME), event(D, Actor.COMPANY)), 0),  # same day, listed after: 0
        ((event(D, Actor.ME), event(date(2015, 11, 2), Actor.ME), event(date(2015, 11, 4), Actor.COMPANY)), 3),
        ((event(D, Actor.ME), event(date(2015, 11, 3), Actor.THIRD_PARTY), event(date(2015, 11, 6), Actor.COMPANY)), 5),
    ],
)
def test_first_response_counts_from_my_first_complaint(timeline: tuple[TimelineEvent, ...], expected: int) -> None:
    assert days_to_first_response(story(incident=date(2015, 10, 1), timeline=timeline)) == expected


@pytest.mark.parametrize(
    "timeline",
    [
        (),
        (event(D, Actor.ME), event(date(2015, 11, 3), Actor.THIRD_PARTY)),
        (event(D),),
        (event(D, Actor.COMPANY), event(date(2015, 11, 9), Actor.COMPANY)),  # no complaint
        (event(D, Actor.COMPANY), event(D, Actor.ME)),  # the company spoke only before it
    ],
)
def test_no_company_response_is_none(timeline: tuple[TimelineEvent, ...]) -> None:
    assert days_to_first_response(story(incident=date(2015, 10, 1), timeline=timeline)) is None


def test_awaits_response_only_with_an_unanswered_complaint() -> None:
    assert awaits_response(story(timeline=(event(D, Actor.COMPANY), event(D, Actor.ME))))
    assert not awaits_response(story(timeline=(event(D, Actor.ME), event(D, Actor.COMPANY))))
    assert not awaits_response(story(timeline=(event(D, Actor.COMPANY),)))
    assert not awaits_response(story())


@pytest.mark.parametrize(
    ("days", "expected"),
    [([3, 8], 6), ([1, 2], 2), ([4, 5, 100], 5), ([0, 1], 1), ([7], 7), ([], None)],
)
def test_medians_of_days_are_whole_days(days: list[int], expected: int | None) -> None:
    stories = [story(f"s{n}", incident=date(2015, 1, 1), resolved=date.fromordinal(date(2015, 1, 1).toordinal() + d))
               for n, d in enumerate(days)]
    median = record_of(stories, NOW).median_days_to_resolve
    assert median == expected and (median is None or type(median) is int)


def test_days_open_only_for_open_cases() -> None:
    assert days_open(story(outcome=Outcome.OPEN, incident=date(2016, 1, 1)), NOW) == 30
    assert days_open(story(outcome=Outcome.OPEN, published=date(2016, 1, 21)), NOW) == 10
    assert days_open(story(outcome=Outcome.RESOLVED, incident=date(2016, 1, 1)), NOW) is None
    assert days_open(story(outcome=Outcome.UNRESOLVED), NOW) is None


def test_case_date_prefers_incident_then_timeline_then_date() -> None:
    assert case_date(story(incident=date(2015, 1, 1), timeline=(event(date(2015, 2, 1)),))) == date(2015, 1, 1)
    assert case_date(story(timeline=(event(date(2015, 2, 1)),))) == date(2015, 2, 1)
    assert case_date(story()) == date(2016, 1, 10)


def test_record_of_nothing() -> None:
    assert record_of([], NOW) == Record()
    assert Record().resolution_rate is None and Record().first_case is None


def test_record_of_mixed_stories() -> None:
    stories = [
        story("a", outcome=Outcome.RESOLVED, apology=Apology.YES, incident=date(2015, 1, 1),
              resolved=date(2015, 1, 9), timeline=(event(date(2015, 1, 1), Actor.ME), event(date(2015, 1, 3), Actor.COMPANY))),
        story("b", outcome=Outcome.RESOLVED, apology=Apology.NO, incident=date(2015, 3, 1),
              resolved=date(2015, 3, 4), timeline=(event(date(2015, 3, 1), Actor.ME), event(date(2015, 3, 2), Actor.COMPANY))),
        story("c", outcome=Outcome.OPEN, apology=Apology.PARTIAL, incident=date(2016, 1, 21)),
        story("d", outcome=Outcome.GAVE_UP, apology=Apology.NO, published=date(2014, 6, 1)),
        story("e", outcome=Outcome.UNRESOLVED, apology=Apology.NO, incident=date(2015, 5, 1),
              timeline=(event(date(2015, 5, 1), Actor.ME), event(date(2015, 5, 31), Actor.COMPANY))),
    ]
    assert record_of(stories, NOW) == Record(
        cases=5, open=1, resolved=2, unresolved=1, gave_up=1, resolution_rate=0.4,
        apology_yes=1, apology_partial=1, apology_no=3, apology_rate=0.2,
        median_days_to_resolve=6,  # 8 and 3: 5.5, a half rounded up
        median_days_to_first_response=2,  # 2, 1 and 30
        median_days_open=10,
        first_case=date(2014, 6, 1), last_case=date(2016, 1, 21),
    )


def test_record_of_only_open_cases() -> None:
    stories = [story("a", outcome=Outcome.OPEN, incident=date(2016, 1, 1)),
               story("b", outcome=Outcome.OPEN, incident=date(2016, 1, 11))]
    record = record_of(stories, NOW)
    assert (record.cases, record.open, record.resolved) == (2, 2, 0)
    assert record.resolution_rate == 0.0
    assert record.median_days_to_resolve is None
    assert record.median_days_to_first_response is None
    assert record.median_days_open == 25.0


def test_record_accepts_any_iterable() -> None:
    assert record_of(iter([story()]), NOW).cases == 1
