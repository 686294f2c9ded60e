"""A company page at a glance: its record in one sentence (i18n.format_record through
views.record_sentence), before the figures, the charts and the follow links; figures in
rows without holes; feed URLs that wrap at their slashes."""

from __future__ import annotations

import pytest

from generator.i18n import format_record
from generator.model import Language
from generator.output.render import FILTERS, default_theme_dir, load_theme
from generator.pages.views import record_sentence
from generator.site.stats import Record
from tests.test_render import render_pages
from generator.urls import Urls
from tests.test_render import make_site


def sentence(language: str, **figures: object) -> str:
    values: dict[str, object] = dict(cases=3, resolved=2, resolution_rate=2 / 3, open_cases=0, apologies=1,
                                     partial=0, median_response=3.0)
    values.update(figures)
    return format_record(language=language, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("language", "figures", "expected"), [
    ("nl", {}, "3 zaken, 2 opgelost (67%), 1 keer excuses, eerste reactie meestal na 3 dagen."),
    ("en", {}, "3 cases, 2 resolved (67%), apologised once, first response usually after 3 days."),
    ("nl", {"cases": 1, "resolved": 0, "resolution_rate": 0.0, "open_cases": 1, "apologies": 0, "median_response": None},
     "1 zaak, 0 opgelost (0%), 1 nog open, nooit excuses, geen reactietijd bekend."),
    ("en", {"cases": 1, "resolved": 0, "resolution_rate": 0.0, "open_cases": 1, "apologies": 0, "median_response": None},
     "1 case, 0 resolved (0%), 1 still open, never apologised, no response time known."),
    ("nl", {"apologies": 0, "partial": 2, "median_response": 0.0},
     "3 zaken, 2 opgelost (67%), nooit volledige excuses, 2 keer deels, eerste reactie meestal dezelfde dag."),
    ("en", {"apologies": 2, "partial": 1, "median_response": 0.5},
     "3 cases, 2 resolved (67%), apologised twice, partly once, first response usually after 1 day."),
    ("en", {"cases": 12, "resolved": 5, "resolution_rate": 5 / 12, "apologies": 4, "median_response": 2.5},
     "12 cases, 5 resolved (42%), apologised 4 times, first response usually after 3 days."),
    ("nl", {"cases": 0}, "Nog geen zaken."),
    ("en", {"cases": 0}, "No cases yet."),
])
def test_the_record_in_words(language: str, figures: dict[str, object], expected: str) -> None:
    assert sentence(language, **figures) == expected


def test_record_sentence_reads_a_record() -> None:
    record = Record(cases=2, open=1, resolved=1, resolution_rate=0.5, apology_yes=0, apology_partial=1,
                    median_days_to_first_response=7.0)
    assert record_sentence(record, Language.NL) == (
        "2 zaken, 1 opgelost (50%), 1 nog open, nooit volledige excuses, 1 keer deels, "
        "eerste reactie meestal na 7 dagen.")


@pytest.fixture(scope="module")
def company_page() -> str:
    site = make_site(per_page=10)
    output = render_pages(site, Urls(site.config.base_url), load_theme([default_theme_dir()]))
    return output["companies/xs4all/index.html"].decode("utf-8")


def test_the_sentence_comes_first_then_figures_charts_and_the_feeds_last(company_page: str) -> None:
    order = [company_page.index(marker) for marker in (
        '<h1>XS4ALL</h1>',
        '<p class="company-summary">4 zaken, 0 opgelost (0%), 4 nog open, nooit excuses, geen reactietijd bekend.</p>',
        '<dl class="figures">', '<svg', '<aside class="follow feed-links"', '<h2 id="stories">')]
    assert order == sorted(order)


def test_figures_are_ten_and_the_rest_a_line(company_page: str) -> None:
    grid = company_page[company_page.index('<dl class="figures">'):]
    grid = grid[:grid.index("</dl>")]
    assert grid.count("<div>") == 10  # 2 or 5 columns: every row full
    assert '<dl class="figures-more">' in company_page


def test_feed_urls_wrap_at_slashes_only() -> None:
    breakable = FILTERS["breakable"]
    assert str(breakable("http://localhost:8000/companies/glas<net>/feed.xml")) == (
        "http://localhost:8000/<wbr>companies/<wbr>glas&lt;net&gt;/<wbr>feed.xml")
    assert str(breakable("feed.xml")) == "feed.xml"
    assert str(breakable("https://glasnet.example/")) == "https://glasnet.example/"  # no break point at the end


def test_company_page_shows_feed_urls_with_break_points(company_page: str) -> None:
    assert ('RSS: <a href="/blog/companies/xs4all/feed.xml" type="application/rss+xml">'
            "https://klacht.example/<wbr>blog/<wbr>companies/<wbr>xs4all/<wbr>feed.xml</a>") in company_page
