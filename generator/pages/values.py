"""What each template reads, as one frozen value per template (or per family of
templates reading the same names). Each carries the page's `Chrome`; a template sees
the chrome's fields and its value's own fields by name (`PageValues.context`).

`TEMPLATES` names the value of every template of the default theme, so a test can
check that a template reads no name its value does not declare.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from generator.model import Author, Story, Term
from generator.pages.charts import ApologyChart, YearChart
from generator.pages.page import Follow, PageValues, SitemapEntry
from generator.pages.search import Facet, SearchPage
from generator.pages.timelines import CaseEvent
from generator.pages.views import AuthorRow, Card, CompanyRow, Facts, Pager, YearLink
from generator.site.escalation import Escalation
from generator.site.stats import Record


@dataclass(frozen=True, kw_only=True)
class HomeValues(PageValues):
    """home.html: the newest cards, the year archive, the site's figures and charts."""

    cards: Sequence[Card]
    years: Sequence[YearLink]
    authors_url: str  # '' when the site has no authors
    totals: Record
    most_open: Sequence[CompanyRow]
    sector_records: Sequence[tuple[Term, Record]]  # a Term without a slug: no sector
    year_chart: YearChart | None


@dataclass(frozen=True, kw_only=True)
class ListingValues(PageValues):
    """stories.html, and every paginated list of cards: one page of them."""

    heading: str
    pager: Pager
    cards: Sequence[Card]


@dataclass(frozen=True, kw_only=True)
class CompanyValues(ListingValues):
    """company.html: a company's figures, charts, subsidiaries, timeline and cases (its
    first page alone shows the charts, subsidiaries and timeline: later pages have none)."""

    row: CompanyRow
    follow: Follow
    record_sentence: str
    record_includes: str  # '' when it has no subsidiaries
    subsidiaries: Sequence[CompanyRow]
    case_events: Sequence[CaseEvent]
    year_chart: YearChart | None
    apology_chart: ApologyChart | None


@dataclass(frozen=True, kw_only=True)
class TermValues(ListingValues):
    """tag.html and sector.html: a term's cases (and a sector's companies and figures, on
    its first page alone: later pages have none)."""

    term: Term
    companies: Sequence[CompanyRow]
    record: Record | None
    follow: Follow


@dataclass(frozen=True, kw_only=True)
class YearValues(ListingValues):
    """year.html: a year's cases and figures (on its first page alone: later pages have
    none), with the other years."""

    year: int
    years: Sequence[YearLink]
    record: Record | None


@dataclass(frozen=True, kw_only=True)
class AuthorValues(ListingValues):
    """author.html: an author's cases and figures (on the first page alone: later pages have none)."""

    author: Author
    record: Record | None
    follow: Follow
    authors_url: str


@dataclass(frozen=True, kw_only=True)
class CompaniesValues(PageValues):
    """companies.html: every company's figures."""

    rows: Sequence[CompanyRow]
    totals: Record


@dataclass(frozen=True, kw_only=True)
class TermsValues(PageValues):
    """tags.html and sectors.html: every term with its count (and a sector's figures)."""

    terms: Sequence[tuple[Term, int]]
    companies_by_sector: Mapping[str, Sequence[CompanyRow]]
    records: Mapping[str, Record]  # by sector slug
    no_sector: Record | None  # the cases of companies without a sector (None: none)
    no_sector_companies: Sequence[CompanyRow]


@dataclass(frozen=True, kw_only=True)
class TimelineValues(PageValues):
    """timeline.html: the cards by the month their case started, newest first."""

    months: Sequence[tuple[date, Sequence[Card]]]
    years: Sequence[YearLink]


@dataclass(frozen=True, kw_only=True)
class StoryValues(PageValues):
    """story.html: a story with its facts, escalation routes and related cases."""

    story: Story
    card: Card
    facts: Facts
    author: Author | None
    reading: str
    text_lang: str  # the story's language when it is not the site's, else ''
    related: Sequence[Card]
    escalation: Escalation | None
    search_facets: Sequence[Facet]


@dataclass(frozen=True, kw_only=True)
class AuthorsValues(PageValues):
    """authors.html: every author with their figures."""

    rows: Sequence[AuthorRow]


@dataclass(frozen=True, kw_only=True)
class SearchValues(PageValues):
    """search.html: what the search script needs."""

    search: SearchPage


@dataclass(frozen=True, kw_only=True)
class SitemapValues(PageValues):
    """sitemap.xml and sitemap-index.xml: their entries."""

    entries: Sequence[SitemapEntry]


@dataclass(frozen=True, kw_only=True)
class RobotsValues(PageValues):
    """robots.txt: the sitemap's absolute URL."""

    sitemap: str


TEMPLATES: Mapping[str, type[PageValues]] = {
    "base.html": PageValues,  # and what every page's template imports: the chrome alone
    "_macros.html": PageValues,
    "_figures.html": PageValues,
    "404.html": PageValues,
    "home.html": HomeValues,
    "stories.html": ListingValues,
    "story.html": StoryValues,
    "companies.html": CompaniesValues,
    "company.html": CompanyValues,
    "tags.html": TermsValues,
    "sectors.html": TermsValues,
    "tag.html": TermValues,
    "sector.html": TermValues,
    "timeline.html": TimelineValues,
    "year.html": YearValues,
    "authors.html": AuthorsValues,
    "author.html": AuthorValues,
    "search.html": SearchValues,
    "sitemap.xml": SitemapValues,
    "sitemap-index.xml": SitemapValues,
    "robots.txt": RobotsValues,
}
