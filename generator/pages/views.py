"""View values: what a page shows, computed once in Python so templates only display.

`Views.of(site)` groups and counts everything in one pass per grouping (no quadratic
loops), so pages/kinds.py can build 10,000 story pages cheaply.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from generator.i18n import format_compensation, format_record, strings
from generator.model import Apology, Author, Channel, Company, Language, Outcome, Site, Story, Taxonomy, Term
from generator.site.stats import (
    Record, awaits_response, channels_tried, days_open, days_to_first_response, days_to_resolve, record_of,
)
from generator.pages.timelines import Step, story_steps
from generator.site.link import subsidiaries_below
from generator.urls import name_slug


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing: its number, the total, and neighbour URLs
    ('' when there is no such page)."""

    number: int
    total: int
    url: str
    first_url: str
    last_url: str
    prev_url: str = ""
    next_url: str = ""


@dataclass(frozen=True)
class Card:
    """A story as listed: with its company and its tags as Terms."""

    story: Story
    company: Company
    tags: tuple[Term, ...]
    reading: str = ""  # '4 min. lezen', in the story's own language
    author: Author | None = None


@dataclass(frozen=True)
class YearLink:
    """A year of the archive and how many stories were published in it (None: not shown)."""

    year: int
    count: int | None


@dataclass(frozen=True)
class AuthorRow:
    """An author with the record of their stories, for the authors index."""

    author: Author
    record: Record


@dataclass(frozen=True)
class CompanyRow:
    """A company with its record, for tables and company pages."""

    company: Company
    record: Record  # with the cases of its subsidiaries
    sector: Term | None
    parent: Company | None
    includes: tuple[Company, ...] = ()  # its subsidiaries (and theirs), whose cases the record holds


@dataclass(frozen=True)
class Facts:
    """The facts box of a story, ready to display."""

    company: Company
    sector: Term | None
    outcome: Outcome
    apology: Apology
    compensation: str
    incident: date | None
    resolved: date | None
    days_to_resolve: int | None
    days_to_first_response: int | None
    days_open: int | None
    no_response: bool  # a complaint the company never answered: "geen reactie", not 0
    channels: tuple[Channel, ...]  # the story's channels plus those its timeline used
    steps: tuple[Step, ...] = ()  # the timeline, with waits for a reply


def paginate(
    items: Sequence[Card], per_page: int, url_of: Callable[[int], str]
) -> list[tuple[Pager, Sequence[Card]]]:
    """Items, page size, page number -> URL  ->  [(Pager, items on that page)];
    always at least one (possibly empty) page."""
    per_page = max(1, per_page)
    total = max(1, -(-len(items) // per_page))
    pages = []
    for number in range(1, total + 1):
        pager = Pager(
            number=number,
            total=total,
            url=url_of(number),
            first_url=url_of(1),
            last_url=url_of(total),
            prev_url=url_of(number - 1) if number > 1 else "",
            next_url=url_of(number + 1) if number < total else "",
        )
        pages.append((pager, items[(number - 1) * per_page : number * per_page]))
    return pages


def newest(cards: Sequence[Card]) -> date | None:
    """Cards -> the newest modification date among their stories, None when empty."""
    return max((card.story.modified for card in cards), default=None)


@dataclass(frozen=True)
class Views:
    """Every grouping of a Site as view values, built once."""

    cards: Mapping[str, Card]  # by story slug
    company_rows: Mapping[str, CompanyRow]  # by company slug, in site order (by name)
    tags: Mapping[str, Term]
    sectors: Mapping[str, Term]
    sector_companies: Mapping[str, tuple[CompanyRow, ...]]
    totals: Record
    subsidiaries: Mapping[str, tuple[CompanyRow, ...]] = field(default_factory=dict)  # by parent slug
    sector_records: Mapping[str, Record] = field(default_factory=dict)  # by sector slug
    no_sector: Record | None = None  # the cases of companies without a sector (None: no such case)
    no_sector_companies: tuple[CompanyRow, ...] = ()  # companies without a sector, with cases

    @classmethod
    def of(cls, site: Site) -> Views:
        """Site -> its view values."""
        tags = {term.slug: term for term in site.tags}
        sectors = {term.slug: term for term in site.sectors}
        companies = _all_companies(site)
        below = subsidiaries_below(site, companies)
        rows = {c.slug: _company_row(site, c, sectors, below.get(c.slug, ())) for c in companies}
        story_tags: dict[str, Term] = {}  # tag as written -> Term, slugified once
        cards = {s.slug: _card(s, rows, tags, story_tags, site) for s in site.stories}
        sectorless = [s for s in site.stories if rows[s.company_slug].sector is None]
        in_sector: dict[str, list[CompanyRow]] = {}
        children: dict[str, list[CompanyRow]] = {}
        for row in rows.values():
            if row.sector is not None:
                in_sector.setdefault(row.sector.slug, []).append(row)
            if row.parent is not None:
                children.setdefault(row.parent.slug, []).append(row)
        return cls(
            cards=cards,
            company_rows=rows,
            tags=tags,
            sectors=sectors,
            sector_companies={slug: tuple(r) for slug, r in in_sector.items()},
            totals=record_of(site.stories, site.now),
            subsidiaries={slug: tuple(r) for slug, r in children.items()},
            sector_records={slug: record_of(site.by_sector.get(slug, ()), site.now) for slug in sectors},
            no_sector=record_of(sectorless, site.now) if sectorless else None,
            no_sector_companies=tuple(r for r in rows.values() if r.sector is None and r.record.cases),
        )

    @classmethod
    def of_stories(cls, site: Site, stories: Sequence[Story]) -> Views:
        """Site, some of its stories -> the views their own pages need and no more: their
        cards and their companies' rows (an edit re-renders only those pages; a Views
        made for every page costs ~0.2 s at 10,000 stories). Not for any other page."""
        tags = {term.slug: term for term in site.tags}
        sectors = {term.slug: term for term in site.sectors}
        companies = {story.company_slug: site.company(story.company_slug) for story in stories}
        rows = {slug: _company_row(site, company, sectors, ()) for slug, company in companies.items()}
        story_tags: dict[str, Term] = {}
        return cls(cards={s.slug: _card(s, rows, tags, story_tags, site) for s in stories}, company_rows=rows,
                   tags=tags, sectors=sectors, sector_companies={}, totals=Record())

    def cards_of(self, stories: Sequence[Story]) -> list[Card]:
        """Stories -> their cards, in the same order."""
        return [self.cards[story.slug] for story in stories]

    def facts(self, story: Story, now: date, language: Language) -> Facts:
        """Story, today, the page's language -> its facts box."""
        row = self.company_rows[story.company_slug]
        return Facts(
            company=row.company,
            sector=row.sector,
            outcome=story.outcome,
            apology=story.apology,
            compensation=format_compensation(story.compensation, language)
            if story.compensation
            else "",
            incident=story.incident,
            resolved=story.resolved,
            days_to_resolve=days_to_resolve(story),
            days_to_first_response=days_to_first_response(story),
            days_open=days_open(story, now),
            no_response=awaits_response(story),
            channels=channels_tried(story),
            steps=story_steps(story),
        )

    def ranked_rows(self) -> list[CompanyRow]:
        """-> every company, most cases first, then by name."""
        return sorted(self.company_rows.values(), key=lambda row: (-row.record.cases, row.company.name.casefold()))

    def most_open(self, limit: int) -> list[CompanyRow]:
        """-> up to `limit` companies with open cases, most open first, then by name."""
        rows = [row for row in self.company_rows.values() if row.record.open]
        rows.sort(key=lambda row: (-row.record.open, row.company.name.casefold()))
        return rows[:limit]


def record_sentence(record: Record, language: Language) -> str:
    """A Record, language -> its figures in one sentence, for reading at a glance:
    '3 zaken, 2 opgelost (67%), 1 keer excuses, eerste reactie meestal na 3 dagen.'"""
    return format_record(
        cases=record.cases, resolved=record.resolved, resolution_rate=record.resolution_rate,
        open_cases=record.open, apologies=record.apology_yes, partial=record.apology_partial,
        median_response=record.median_days_to_first_response, language=language,
    )


def _all_companies(site: Site) -> list[Company]:
    """Site -> its companies, plus any a story links to that is missing from the list."""
    known = {c.slug for c in site.companies}
    extra = {s.company_slug for s in site.stories if s.company_slug not in known}
    return [*site.companies, *(site.company(slug) for slug in sorted(extra))]


def _term(name: str, known: Mapping[str, Term], taxonomy: Taxonomy) -> Term:
    slug = name_slug(name)
    return known.get(slug) or Term(slug=slug, name=name, taxonomy=taxonomy)


def _company_row(site: Site, company: Company, sectors: Mapping[str, Term], includes: tuple[Company, ...]) -> CompanyRow:
    return CompanyRow(
        company=company,
        record=record_of(site.by_company.get(company.slug, ()), site.now),
        sector=_term(company.sector, sectors, Taxonomy.SECTORS) if company.sector else None,
        parent=site.company_by_slug.get(company.parent) if company.parent else None,
        includes=includes,
    )


def years_of(stories: Sequence[Story]) -> list[tuple[int, list[Story]]]:
    """Stories, newest first -> [(year, its stories in the same order)], newest year first."""
    years: dict[int, list[Story]] = {}
    for story in stories:
        years.setdefault(story.date.year, []).append(story)
    return sorted(years.items(), reverse=True)


def related_cards(site: Site, stories: Sequence[Story]) -> list[Card]:
    """Related stories (of any company) -> cards for a story page's related cases."""
    return [Card(story=s, company=site.company(s.company_slug), tags=(), reading=reading_time(s),
                 author=site.author_of(s)) for s in stories]


def reading_time(story: Story) -> str:
    """Story -> its reading time in its own language: '4 min. lezen', '4 min read'."""
    return strings(story.language)["reading_time"].format(minutes=story.reading_minutes)


def _card(
    story: Story, rows: Mapping[str, CompanyRow], tags: Mapping[str, Term], memo: dict[str, Term], site: Site
) -> Card:
    for tag in story.tags:
        if tag not in memo:
            memo[tag] = _term(tag, tags, Taxonomy.TAGS)
    return Card(
        story=story,
        company=rows[story.company_slug].company,
        tags=tuple(memo[tag] for tag in story.tags),
        reading=reading_time(story),
        author=site.author_of(story),
    )
