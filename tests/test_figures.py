"""Figures computed by hand on a small Site built in Python: per story, per company,
per sector, timelines with their waits, compensation totals per currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.model import (
    Actor, Apology, Channel, Company, Compensation, Language, Outcome, Site, SiteConfig, Story,
    Term, TimelineEvent, Taxonomy,
)
from generator.site.stats import Money, YearCount, cases_per_year, channels_tried, compensation_totals, record_of
from generator.pages.timelines import Month, by_month, merged_timeline, story_steps
from generator.pages.views import Views

NOW = date(2016, 3, 1)


def ev(d: date, by: Actor | None = None, via: Channel | None = None) -> TimelineEvent:
    return TimelineEvent(date=d, text=f"on {d}", html=f"on {d}", by=by, via=via)


def story(slug: str, company: str, **fields: object) -> Story:
    values: dict[str, object] = dict(
        source=f"content/stories/{slug}.md", slug=slug, title=slug, company=company,
        date=date(2016, 1, 1), outcome=Outcome.OPEN, apology=Apology.NO, author="", language=Language.NL,
        summary="", body_html="", company_slug=company,
    )
    values.update(fields)
    return Story(**values)  # type: ignore[arg-type]


# Fiber: two resolved cases, compensation in EUR (twice) and USD, one apology, one partial.
FIBER_A = story(
    "fiber-a", "fiber", date=date(2015, 3, 1), outcome=Outcome.RESOLVED, apology=Apology.YES,
    incident=date(2015, 2, 1), resolved=date(2015, 2, 11), channels=(Channel.PHONE,),
    compensation=Compensation(Decimal("6"), "EUR", "korting"),
    timeline=(ev(date(2015, 2, 1), Actor.ME, Channel.PHONE), ev(date(2015, 2, 2), Actor.ME, Channel.TWITTER),
              ev(date(2015, 2, 5), Actor.THIRD_PARTY), ev(date(2015, 2, 13), Actor.COMPANY),
              ev(date(2015, 2, 14), Actor.ME), ev(date(2015, 2, 15), Actor.COMPANY)),
)
FIBER_B = story(
    "fiber-b", "fiber", date=date(2016, 2, 1), outcome=Outcome.RESOLVED, apology=Apology.PARTIAL,
    incident=date(2016, 1, 10), resolved=date(2016, 1, 30),
    compensation=Compensation(Decimal("4.50"), "EUR", ""),
    timeline=(ev(date(2016, 1, 10), Actor.COMPANY), ev(date(2016, 1, 11), Actor.ME),
              ev(date(2016, 1, 20), Actor.COMPANY)),
)
FIBER_C = story(
    "fiber-c", "fiber", date=date(2016, 2, 10), outcome=Outcome.GAVE_UP, apology=Apology.NO,
    compensation=Compensation(Decimal("10"), "USD", "refund"),
)
# Mobile (a subsidiary of fiber): only open cases, one with no timeline and no incident.
MOBILE_A = story("mobile-a", "mobile", date=date(2016, 2, 20), incident=date(2016, 2, 1),
                 compensation=Compensation(None, "", "a bunch of flowers"))
MOBILE_B = story("mobile-b", "mobile", date=date(2016, 2, 25))

STORIES = (MOBILE_B, MOBILE_A, FIBER_C, FIBER_B, FIBER_A)  # newest first, as link orders them


def make_site() -> Site:
    fiber = Company(slug="fiber", name="Fiber", sector="telecom")
    mobile = Company(slug="mobile", name="Mobile", sector="telecom", parent="fiber")
    by_company = {slug: tuple(s for s in STORIES if s.company_slug == slug) for slug in ("fiber", "mobile")}
    return Site(
        config=SiteConfig(), now=NOW, stories=STORIES, companies=(fiber, mobile), tags=(),
        sectors=(Term("telecom", "telecom", Taxonomy.SECTORS),), by_company=by_company,
        by_sector={"telecom": STORIES}, company_by_slug={"fiber": fiber, "mobile": mobile},
    )


def test_company_record_by_hand() -> None:
    record = record_of(make_site().by_company["fiber"], NOW)
    assert (record.cases, record.open, record.resolved, record.unresolved, record.gave_up) == (3, 0, 2, 0, 1)
    assert record.resolution_rate == 2 / 3
    assert (record.apology_yes, record.apology_partial, record.apology_no) == (1, 1, 1)
    assert record.apology_rate == 1 / 3
    assert record.median_days_to_resolve == 15.0  # 10 and 20 days
    assert record.median_days_to_first_response == 11  # 12 days (A), 9 (B: from my complaint, not the failure)
    assert record.median_days_open is None
    assert record.first_case == date(2015, 2, 1) and record.last_case == date(2016, 2, 10)
    assert record.compensation == (Money("EUR", Decimal("10.50")), Money("USD", Decimal("10")))


def test_company_with_only_open_cases() -> None:
    record = record_of(make_site().by_company["mobile"], NOW)
    assert (record.cases, record.open, record.resolved) == (2, 2, 0)
    assert record.resolution_rate == 0.0
    assert record.median_days_to_resolve is None and record.median_days_to_first_response is None
    assert record.median_days_open == 17.0  # 29 days since the incident, 5 since publication
    assert record.compensation == ()  # text only: nothing to add up


def test_compensation_totals_in_two_currencies_sorted() -> None:
    assert compensation_totals(STORIES) == (Money("EUR", Decimal("10.50")), Money("USD", Decimal("10")))
    assert compensation_totals([]) == ()


def test_channels_tried_adds_my_timeline_channels_once() -> None:
    assert channels_tried(FIBER_A) == (Channel.PHONE, Channel.TWITTER)
    assert channels_tried(MOBILE_B) == ()


def test_facts_box() -> None:
    site = make_site()
    facts = Views.of(site).facts(FIBER_A, NOW, Language.NL)
    assert (facts.days_to_resolve, facts.days_to_first_response, facts.days_open) == (10, 12, None)
    assert facts.channels == (Channel.PHONE, Channel.TWITTER)
    assert facts.compensation == "€\u00a06,00 (korting)"
    open_facts = Views.of(site).facts(MOBILE_B, NOW, Language.NL)
    assert (open_facts.days_to_resolve, open_facts.days_to_first_response, open_facts.days_open) == (None, None, 5)
    assert open_facts.steps == () and open_facts.compensation == ""


def test_gap_labels_count_from_my_first_unanswered_event() -> None:
    waits = [step.wait for step in story_steps(FIBER_A)]
    # me 1 Feb, me 2 Feb, third party 5 Feb, company 13 Feb: 12 days; me 14, company 15: 1 day, no label
    assert waits == [None, None, None, 12, None, None]
    assert [step.wait for step in story_steps(FIBER_B)] == [None, None, 9]
    assert story_steps(MOBILE_A) == ()


def test_gap_threshold_and_unanswered_tail() -> None:
    s = story("s", "fiber", timeline=(ev(date(2016, 1, 1), Actor.ME), ev(date(2016, 1, 3), Actor.COMPANY),
                                      ev(date(2016, 1, 4), Actor.ME)))
    assert [step.wait for step in story_steps(s)] == [None, 2, None]
    assert [step.wait for step in story_steps(s, min_wait=3)] == [None, None, None]


def test_parent_lists_subsidiaries_and_sector_totals() -> None:
    views = Views.of(make_site())
    assert [row.company.slug for row in views.subsidiaries["fiber"]] == ["mobile"]
    assert "mobile" not in views.subsidiaries
    assert views.sector_records["telecom"].cases == 5
    assert views.totals.cases == 5 and views.totals.open == 2
    assert [row.company.slug for row in views.ranked_rows()] == ["fiber", "mobile"]


def test_merged_timeline_is_by_date_with_its_stories() -> None:
    merged = merged_timeline(make_site().by_company["fiber"])
    assert [item.event.date for item in merged] == sorted(item.event.date for item in merged)
    assert len(merged) == 9
    assert merged[0].story is FIBER_A and merged[-1].story is FIBER_B


def test_site_timeline_by_month_newest_first() -> None:
    months = by_month(STORIES)
    assert [m.month for m in months] == [date(2016, 2, 1), date(2016, 1, 1), date(2015, 2, 1)]
    assert months[0] == Month(date(2016, 2, 1), (MOBILE_B, FIBER_C, MOBILE_A))
    assert by_month(()) == ()


def test_cases_per_year_fills_empty_years() -> None:
    years = cases_per_year([FIBER_A, story("late", "fiber", incident=date(2017, 5, 1))])
    assert [y.year for y in years] == [2015, 2016, 2017]
    assert years[1] == YearCount(2016, {o: 0 for o in Outcome}) and years[1].total == 0
    assert years[0].outcomes[Outcome.RESOLVED] == 1 and years[2].outcomes[Outcome.OPEN] == 1
