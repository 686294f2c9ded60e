"""What a reader sees (issue 17): figures, summaries, parents, one language, feeds.

A small Site built in Python and rendered in memory, as in test_render.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator.fast.jobs import render_pages
from generator.model import Actor, Language, Outcome, Site, Story, TimelineEvent
from generator.output.feeditems import facts_html
from generator.output.render import Theme, default_theme_dir, load_theme
from generator.urls import Urls
from tests.test_render import make_site, make_story


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme([default_theme_dir()])


def render(site: Site, theme: Theme) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in render_pages(site, Urls(site.config.base_url), theme).items()
            if path.endswith((".html", ".xml", ".json"))}


def with_story(site: Site, story: Story) -> Site:
    stories = tuple(sorted((*site.stories, story), key=lambda s: s.date, reverse=True))
    by_company = {**site.by_company, story.company_slug: tuple(s for s in stories if s.company_slug == story.company_slug)}
    return replace(site, stories=stories, by_company=by_company, by_sector={"telecom": stories})


def ev(day: int, by: Actor, text: str = "x") -> TimelineEvent:
    return TimelineEvent(date(2015, 12, day), text, text, by)


# The company fails first (by: company), I complain on the 3rd, nobody answers.
UNANSWERED = make_story("geen-antwoord", "fiber", 20, timeline=(
    ev(1, Actor.COMPANY, "Aansluiting niet opgeleverd"), ev(3, Actor.ME, "Klacht ingediend")))


def facts_box(page: str) -> str:
    return page[page.index('<section class="facts"'):page.index("</section>", page.index('<section class="facts"'))]


def test_story_without_an_answer_says_no_response_never_zero(theme: Theme) -> None:
    pages = render(with_story(make_site(), UNANSWERED), theme)
    box = facts_box(pages["stories/geen-antwoord/index.html"])
    assert "<dt>Dagen tot eerste reactie</dt><dd>geen reactie</dd>" in box
    assert "<dd>0 dagen</dd>" not in box


def test_story_answered_counts_from_the_complaint(theme: Theme) -> None:
    answered = replace(UNANSWERED, slug="wel-antwoord", timeline=(*UNANSWERED.timeline, ev(10, Actor.COMPANY)))
    box = facts_box(render(with_story(make_site(), answered), theme)["stories/wel-antwoord/index.html"])
    assert "<dt>Dagen tot eerste reactie</dt><dd>7 dagen</dd>" in box


def test_story_without_a_complaint_shows_no_response_figure(theme: Theme) -> None:
    silent = replace(UNANSWERED, slug="zonder-klacht", timeline=(ev(1, Actor.COMPANY),))
    box = facts_box(render(with_story(make_site(), silent), theme)["stories/zonder-klacht/index.html"])
    assert "Dagen tot eerste reactie" not in box


def test_feed_facts_say_no_response() -> None:
    site = with_story(make_site(), UNANSWERED)
    assert "<dt>Dagen tot eerste reactie</dt><dd>geen reactie</dd>" in facts_html(site, UNANSWERED)
