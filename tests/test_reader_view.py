"""What a reader sees (issue 17): figures, summaries, parents, one language, feeds.

A small Site built in Python and rendered in memory, as in test_render.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.test_render import render_pages
from generator.model import Actor, Company, Language, Site, Story, TimelineEvent, Update
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


def test_404_page_has_the_search_box_it_promises(theme: Theme) -> None:
    page = render(make_site(), theme)["404.html"]
    main = page[page.index('<main'):page.index('</main>')]
    assert "zoek hieronder" in main
    assert '<form class="search-form not-found-search" role="search" method="get" action="/blog/search/">' in main
    assert '<input id="not-found-search" type="search" name="q">' in main


def test_partial_apology_has_one_label_everywhere(theme: Theme) -> None:
    pages = render(make_site(), theme)
    assert "Deels" not in pages["companies/index.html"] and "Deels" not in pages["companies/xs4all/index.html"]
    assert ('<th scope="col" class="num minor"><abbr title="Gedeeltelijke excuses">Gedeelt.</abbr></th>'
            in pages["companies/index.html"])


def test_sector_tables_count_cases_of_companies_without_a_sector(theme: Theme) -> None:
    site = make_site()
    loose = replace(UNANSWERED, slug="los", company="Stroomwerk", company_slug="stroomwerk")
    stroomwerk = Company("stroomwerk", "Stroomwerk")
    site = replace(with_story(site, loose), companies=(*site.companies, stroomwerk),
                   company_by_slug={**site.company_by_slug, "stroomwerk": stroomwerk},
                   by_sector={"telecom": site.stories})
    pages = render(site, theme)
    home = pages["index.html"]
    row = home[home.index('<th scope="row">geen sector</th>'):]
    assert row.split("</tr>")[0].count('data-value="1"') == 2  # 1 case, 1 open
    sectors = pages["sectors/index.html"]
    assert '<h2>geen sector <span class="count">1</span></h2>' in sectors
    assert '<li><a href="/blog/companies/stroomwerk/">Stroomwerk</a></li>' in sectors


def test_no_sector_row_only_when_such_cases_exist(theme: Theme) -> None:
    pages = render(make_site(), theme)
    assert "geen sector" not in pages["index.html"] and "geen sector" not in pages["sectors/index.html"]


def rolled_up_site() -> Site:
    """make_site() linked as link_site does: XS4ALL's grouping holds its subsidiary Fiber's case."""
    site = make_site()
    return replace(site, by_company={**site.by_company, "xs4all": site.stories})


def test_a_parent_page_says_it_includes_its_subsidiary_and_marks_its_cases(theme: Theme) -> None:
    pages = render(rolled_up_site(), theme)
    parent = pages["companies/xs4all/index.html"]
    assert '<p class="record-includes">Deze cijfers en verhalen zijn inclusief Fiber.</p>' in parent
    assert "<div><dt>Zaken</dt><dd>5</dd></div>" in parent  # 4 own cases and Fiber's one
    assert parent.count('zonder internet</a> (Fiber) · <span class="actor">') == 2  # merged timeline, 2 events
    assert '<a href="/blog/companies/fiber/">Fiber</a>\n    · <time datetime="2015-12-16">' in parent  # its card
    fiber = pages["companies/fiber/index.html"]
    assert "record-includes" not in fiber and "(Fiber)" not in fiber
    table = pages["companies/index.html"]
    row = table[table.index('<a href="/blog/companies/xs4all/">XS4ALL</a>'):].split("</th>")[0]
    assert row.endswith('<br><small class="muted">inclusief Fiber</small>')


def test_a_parent_feed_says_it_includes_its_subsidiary() -> None:
    from generator.output.feeditems import feed_specs

    specs = {spec.owner: spec for spec in feed_specs(rolled_up_site(), Urls(make_site().config.base_url))}
    assert specs["/blog/companies/xs4all/"].description == "Verhalen over XS4ALL, inclusief Fiber"
    assert len(specs["/blog/companies/xs4all/"].stories) == 5
    assert specs["/blog/companies/fiber/"].description == "Verhalen over Fiber"


@pytest.mark.parametrize(("names", "nl", "en"), [
    ([], "", ""), (["A"], "A", "A"), (["A", "B"], "A en B", "A and B"), (["A", "B", "C"], "A, B en C", "A, B and C"),
])
def test_format_names(names: list[str], nl: str, en: str) -> None:
    from generator.i18n import format_names

    assert (format_names(names, "nl"), format_names(names, "en")) == (nl, en)


def test_a_story_item_carries_facts_and_timeline_and_an_update_item_the_outcome() -> None:
    from generator.output.feeditems import FeedItems

    site = make_site()
    story = next(s for s in site.stories if s.slug == "acht-dagen")
    items = FeedItems(site, Urls(site.config.base_url))
    story_item, update_item = (item for _, item in items.of(story))
    content = items.content(story_item)
    assert "<dt>Afloop</dt><dd>Opgelost</dd>" in content
    assert ('<h2>Verloop</h2>\n<ol class="timeline"><li>1 december 2015 · Ik · Telefoon: Storing</li>'
            "<li>3 december 2015 · Bedrijf · Webformulier: Reactie</li></ol>\n") in content
    assert content.endswith("<p>Body of acht-dagen</p>")
    assert items.content(update_item) == (
        '<p class="case-status"><strong>Afloop:</strong> Opgelost · <strong>Excuses:</strong> Geen excuses</p>\n'
        "<p>Korting gevonden.</p>")


def test_an_english_story_on_a_dutch_site_marks_only_its_own_text(theme: Theme) -> None:
    english = make_story("roaming", "fiber", 22, language=Language.EN, title="Roaming charges", updates=(
        Update(date(2015, 12, 23), "Still waiting.", "<p>Still waiting.</p>"),),
        timeline=(ev(20, Actor.ME, "Asked why"), ev(21, Actor.COMPANY, "No idea")))
    page = render(with_story(make_site(), english), theme)["stories/roaming/index.html"]
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert '<label class="visually-hidden" for="site-search">Zoek in de verhalen</label>' in page
    assert '<a href="/blog/stories/" aria-current="page">Verhalen</a>' in page
    assert "<h2 id=\"facts\">De feiten</h2>" in page and "<dt>Afloop</dt>" in page
    assert '<time datetime="2015-12-22">22 december 2015</time>' in page
    assert '<h1 data-pagefind-meta="title" lang="en">Roaming charges</h1>' in page
    assert '<p class="event-text" lang="en">Asked why</p>' in page
    assert '<div class="prose" lang="en">\n    <p>Body of roaming</p>' in page
    assert '<div class="prose" lang="en"><p>Still waiting.</p></div>' in page
    own = page.split('<section class="related"', 1)[0]  # related cases mark their own titles' language
    assert '<span class="reading-time" lang="en">1 min read</span>' in own  # in the story's language
    assert own.count('lang="en"') == 6  # title, reading time, two events, body, update: nothing else
    assert '<meta property="og:locale" content="en_GB">' in page


def test_a_story_in_the_site_language_has_no_lang_marks(theme: Theme) -> None:
    page = render(make_site(), theme)["stories/acht-dagen/index.html"]
    body, related = page.split("<body>", 1)[1].split('<section class="related"', 1)
    assert ' lang="' not in body
    assert related.count(' lang="') == related.count('lang="en"') >= 1  # only the English story it lists


def test_a_site_with_a_story_in_another_language_gets_one_search_index(tmp_path) -> None:
    import json

    from tests.conftest import REPO, run_cli

    out = tmp_path / "out"  # the English site holds one Dutch story
    result = run_cli("build", REPO / "tests" / "sites" / "en", "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"] and entry["languages"]["en"]["page_count"] == 2
    assert 'data-merge=""' in (out / "search" / "index.html").read_text(encoding="utf-8")
