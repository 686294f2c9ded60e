"""A Planner -> the Pages of each kind: home, all stories, one story, companies, tags and
sectors, the timeline and years, authors, search and 404. Each function makes the typed
values (pages/values.py) its template shows, nothing left to compute.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from generator.i18n import format_names, strings
from generator.model import Story, Taxonomy, Term
from generator.pages.charts import apology_chart, year_chart
from generator.pages.jsonld import company_jsonld, story_jsonld
from generator.pages.page import Article, FeedLink, Page, PageValues
from generator.pages.planner import Planner
from generator.pages.search import BUNDLE, facets_of, search_page
from generator.pages.social import card_text, social_image
from generator.pages.timelines import by_month, merged_timeline
from generator.pages.values import (
    AuthorsValues, AuthorValues, CompaniesValues, CompanyValues, HomeValues, ListingValues, SearchValues, StoryValues,
    TermsValues, TermValues, TimelineValues, YearValues,
)
from generator.pages.views import AuthorRow, CompanyRow, YearLink, newest, record_sentence, related_cards, years_of
from generator.site.escalation import escalation_of
from generator.site.stats import Record, record_of
from generator.strings import OG_LOCALES

HOME_STORIES = 10
HOME_COMPANIES = 5
STORY_TEMPLATE = "story.html"  # what plan_story renders with

_FOLLOW = {Taxonomy.TAGS: "follow_tag", Taxonomy.SECTORS: "follow_sector"}
V = TypeVar("V", bound=ListingValues)


def plan_home(planner: Planner) -> Page:
    """-> the home page: the newest stories, the figures, the most open companies."""
    site, views = planner.site, planner.views
    cards = views.cards_of(site.stories[:HOME_STORIES])
    values = HomeValues(
        chrome=planner.chrome(planner.urls.page(), title=site.config.title), cards=cards, years=_year_links(planner),
        authors_url=planner.urls.page("authors") if site.authors else "",
        totals=views.totals, most_open=views.most_open(HOME_COMPANIES), sector_records=_sector_records(planner),
        year_chart=year_chart(site.stories, site.config.language, chart_id="chart-years"),
    )
    return planner.page("home.html", values, lastmod=newest(cards))


def _sector_records(planner: Planner) -> list[tuple[Term, Record]]:
    """-> [(sector Term, its Record)] in site order (by slug), then the cases of
    companies without a sector as a Term without a slug ('geen sector')."""
    site, views = planner.site, planner.views
    rows = [(term, views.sector_records[term.slug]) for term in site.sectors]
    if views.no_sector is not None:
        rows.append((Term("", strings(site.config.language)["no_sector"], Taxonomy.SECTORS), views.no_sector))
    return rows


def plan_story_list(planner: Planner) -> Iterator[Page]:
    """-> the pages listing every story, newest first."""
    text = strings(planner.site.config.language)
    return planner.listing(
        planner.views.cards_of(planner.site.stories), functools.partial(planner.urls.page, "stories"), "stories.html",
        title=text["all_stories"], section="stories",
    )


def plan_story(planner: Planner, story: Story) -> Page:
    """A story -> its page: the chrome (menu, labels, dates) in the site's language; the
    story's own text marked with `text_lang` when it is written in another one."""
    site, urls = planner.site, planner.urls
    card = planner.views.cards[story.slug]
    language = site.config.language
    chrome = planner.chrome(
        urls.story(story), title=story.title, section="stories", description=story.summary,
        og_locale=OG_LOCALES[story.language], og_type="article",
        jsonld=story_jsonld(story, card.company, urls),
        article=Article(published=story.date.isoformat(), modified=story.modified.isoformat()),
        og_image=social_image(urls, story, card_text(site, story, card.company) if site.config.social_cards else None),
    )
    values = StoryValues(
        chrome=chrome, story=story, card=card, facts=planner.views.facts(story, site.now, language),
        author=card.author, reading=card.reading,
        text_lang="" if story.language == language else str(story.language),
        related=related_cards(site, planner.related.related(story)),
        escalation=escalation_of(story, card.company, site.routes, site.now),
        search_facets=facets_of(story, card.company, card.tags, language),
    )
    return planner.page(STORY_TEMPLATE, values, lastmod=story.modified)


def plan_timeline(planner: Planner) -> Page:
    """-> the timeline: every story by month."""
    site, views = planner.site, planner.views
    text = strings(site.config.language)
    months = [(m.month, views.cards_of(m.stories)) for m in by_month(site.stories)]
    chrome = planner.chrome(
        planner.urls.page("timeline"), title=text["timeline"], section="timeline", description=text["timeline_description"],
    )
    values = TimelineValues(chrome=chrome, months=months, years=_year_links(planner))
    return planner.page("timeline.html", values, lastmod=newest(list(views.cards.values())))


def plan_companies(planner: Planner) -> Iterator[Page]:
    """-> /companies/ and each company's pages."""
    urls, views = planner.urls, planner.views
    text = strings(planner.site.config.language)
    chrome = planner.chrome(
        urls.page("companies"), title=text["companies"], section="companies", description=text["companies_description"],
    )
    values = CompaniesValues(chrome=chrome, rows=views.ranked_rows(), totals=views.totals)
    yield planner.page("companies.html", values, lastmod=newest(list(views.cards.values())))
    for slug, row in views.company_rows.items():
        cards = views.cards_of(planner.site.by_company.get(slug, ()))
        feeds = planner.feeds_of(urls.company(slug), row.company.name, json=True)
        yield from planner.listing(
            cards, functools.partial(urls.company, slug), "company.html",
            _company_values(planner, row, feeds), title=row.company.name, section="companies", feeds=feeds,
            jsonld=company_jsonld(row.company, urls),
        )


def _company_values(planner: Planner, row: CompanyRow, feeds: tuple[FeedLink, ...]) -> Callable[..., CompanyValues]:
    """A company's row and feeds -> what makes each of its pages' values, given the
    listing: besides the cards, its subsidiaries, the merged timeline of its cases and
    its charts."""
    stories = planner.site.by_company.get(row.company.slug, ())
    language = planner.site.config.language
    names = format_names([c.name for c in row.includes], language)
    shared = functools.partial(
        CompanyValues, row=row, follow=planner.follow("follow_company", feeds),
        record_sentence=record_sentence(row.record, language),
        record_includes=strings(language)["record_includes"].format(names=names) if row.includes else "",
    )
    return _first_page_only(shared, dict(
        subsidiaries=planner.views.subsidiaries.get(row.company.slug, ()),
        case_events=merged_timeline(stories, {c.slug: c.name for c in row.includes}),
        year_chart=year_chart(stories, language, chart_id="chart-years"),
        apology_chart=apology_chart(row.record, language, chart_id="chart-apology"),
    ), dict(subsidiaries=(), case_events=(), year_chart=None, apology_chart=None))


def _first_page_only(make: Callable[..., V], first: Mapping[str, object],
                     rest: Mapping[str, object]) -> Callable[..., V]:
    """What makes a listing's page values, the fields only its first page shows and their
    empty values -> what makes each page's values, those fields empty after the first page.
    A page's value is its key (fast/keys.py): a figure shown on the first page alone then
    renders the first page alone again when it changes, not all of a long list's pages."""
    return lambda *, pager, **given: make(pager=pager, **given, **(first if pager.number == 1 else rest))


def plan_terms(planner: Planner, kind: Taxonomy) -> Iterator[Page]:
    """Tags or sectors -> the index page and each term's pages."""
    site, urls, views = planner.site, planner.urls, planner.views
    text = strings(site.config.language)
    tags = kind is Taxonomy.TAGS
    terms = site.tags if tags else site.sectors
    grouping = site.by_tag if tags else site.by_sector
    url_of = urls.tag if tags else urls.sector
    counted = [(term, len(grouping.get(term.slug, ()))) for term in terms]
    chrome = planner.chrome(urls.page(kind), title=text[kind], section=kind, description=text[f"{kind}_description"])
    values = TermsValues(
        chrome=chrome, terms=counted, companies_by_sector=views.sector_companies, records=views.sector_records,
        no_sector=views.no_sector, no_sector_companies=views.no_sector_companies,
    )
    yield planner.page(f"{kind}.html", values, lastmod=newest(list(views.cards.values())))
    heading = text["stories_tagged" if tags else "stories_in"]
    for term in terms:
        feeds = planner.feeds_of(url_of(term), term.name)
        yield from planner.listing(
            views.cards_of(grouping.get(term.slug, ())), functools.partial(url_of, term), f"{kind.singular}.html",
            _first_page_only(
                functools.partial(TermValues, term=term, follow=planner.follow(_FOLLOW[kind], feeds)),
                dict(companies=views.sector_companies.get(term.slug, ()), record=views.sector_records.get(term.slug)),
                dict(companies=(), record=None),
            ),
            title=heading.format(name=term.name), section=kind, feeds=feeds,
        )


def _year_links(planner: Planner, *, counted: bool = True) -> list[YearLink]:
    """-> every year with published stories, newest first, with its count (`counted`).
    A year's own pages name the other years without their counts: with them, a story
    added to one year would change (and render again) every page of every year."""
    return [YearLink(year, len(stories) if counted else None) for year, stories in years_of(planner.site.stories)]


def plan_years(planner: Planner) -> Iterator[Page]:
    """-> each year's archive: /2015/ (paginated), with that year's figures."""
    site = planner.site
    text = strings(site.config.language)
    links = _year_links(planner, counted=False)
    for year, stories in years_of(site.stories):
        yield from planner.listing(
            planner.views.cards_of(stories), functools.partial(planner.urls.year, year), "year.html",
            _first_page_only(functools.partial(YearValues, year=year, years=links),
                             dict(record=record_of(stories, site.now)), dict(record=None)),
            title=text["year_title"].format(year=year), section="timeline",
            description=text["year_description"].format(year=year),
        )


def plan_authors(planner: Planner) -> Iterator[Page]:
    """-> /authors/ and each author's pages, with their figures and feeds (none without authors)."""
    site, urls = planner.site, planner.urls
    if not site.authors:
        return
    text = strings(site.config.language)
    rows = [AuthorRow(a, record_of(site.by_author.get(a.slug, ()), site.now)) for a in site.authors]
    chrome = planner.chrome(urls.page("authors"), title=text["authors"], description=text["authors_description"])
    yield planner.page("authors.html", AuthorsValues(chrome=chrome, rows=rows),
                       lastmod=newest(list(planner.views.cards.values())))
    for row in rows:
        author = row.author
        feeds = planner.feeds_of(urls.author(author), author.name)
        yield from planner.listing(
            planner.views.cards_of(site.by_author.get(author.slug, ())),
            functools.partial(urls.author, author), "author.html",
            _first_page_only(
                functools.partial(AuthorValues, author=author, follow=planner.follow("follow_author", feeds),
                                  authors_url=urls.page("authors")),
                dict(record=row.record), dict(record=None),
            ),
            title=author.name, description=text["stories_by"].format(name=author.name), feeds=feeds,
        )


def plan_search(planner: Planner) -> Page:
    """-> the search page."""
    language = planner.site.config.language
    chrome = planner.chrome(planner.section_urls["search"], title=strings(language)["search"], section="search")
    search = search_page(planner.site.stories, language, planner.urls.file(f"{BUNDLE}/"))
    return planner.page("search.html", SearchValues(chrome=chrome, search=search), in_sitemap=False)


def plan_not_found(planner: Planner) -> Page:
    """-> the 404 page."""
    chrome = planner.chrome(planner.urls.file("404.html"), title=strings(planner.site.config.language)["not_found"])
    return planner.page("404.html", PageValues(chrome=chrome), in_sitemap=False)
