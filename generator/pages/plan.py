"""Site -> every HTML page, sitemap and robots.txt as a `Page`: output path, template
and its typed values (pages/values.py), everything the template shows (nothing left to
compute).

A duplicate output path is a bug and raises `DuplicatePathError`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.pages.charts import apology_chart, year_chart
from generator.i18n import format_names, strings
from generator.strings import OG_LOCALES
from generator.pages.jsonld import company_jsonld, story_jsonld
from generator.model import Language, Site, Story, Taxonomy, Term
from generator.site.stats import Record
from generator.pages.page import Article, Chrome, FeedLink, Follow, NavItem, Page, PageValues, SitemapEntry, feed_links
from generator.pages.values import (
    AuthorsValues, AuthorValues, CompaniesValues, CompanyValues, HomeValues, ListingValues, RobotsValues,
    SearchValues, SitemapValues, StoryValues, TermsValues, TermValues, TimelineValues, YearValues,
)
from generator.pages.social import SocialImage
from generator.pages.search import BUNDLE, facets_of, search_page
from generator.urls import Urls
from generator.pages.timelines import by_month, merged_timeline
from generator.pages.views import (
    AuthorRow, Card, CompanyRow, Views, YearLink, newest, paginate, record_sentence, related_cards, years_of,
)
from generator.pages.social import card_text, social_image
from generator.site.related import related_stories
from generator.site.stats import record_of
from generator.site.escalation import escalation_of

HOME_STORIES = 10
SITEMAP_MAX = 50_000  # URLs in one sitemap file (sitemaps.org)
HOME_COMPANIES = 5


class DuplicatePathError(ValueError):
    """Two pages would be written to one output path."""


_FOLLOW = {Taxonomy.TAGS: "follow_tag", Taxonomy.SECTORS: "follow_sector"}
SECTIONS = ("stories", "companies", "tags", "sectors", "timeline", "search")

STORY_TEMPLATE = "story.html"  # what plan_story renders with


@dataclass(frozen=True)
class Planner:
    site: Site
    urls: Urls
    views: Views
    section_urls: Mapping[str, str]  # computed once: Urls methods re-parse base_url each call
    home_url: str
    site_feeds: tuple[FeedLink, ...]
    navs: dict[tuple[Language, str], tuple[NavItem, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, site: Site, urls: Urls, stories: Sequence[Story] | None = None) -> Planner:
        """Site, Urls (and the only stories whose pages it will plan) -> a Planner."""
        return cls(
            site=site, urls=urls, views=Views.of(site) if stories is None else Views.of_stories(site, stories),
            section_urls={name: urls.page(name) for name in SECTIONS}, home_url=urls.page(),
            site_feeds=feed_links(urls, "", site.config.title, json=True),
        )

    def chrome(
        self, url: str, *, title: str, section: str = "", description: str = "",
        feeds: Sequence[FeedLink] = (), og_locale: str = "", og_type: str = "website",
        og_image: SocialImage | None = None, jsonld: Mapping[str, Any] | None = None, article: Article | None = None,
    ) -> Chrome:
        """URL, title, menu section (and the head's own values) -> the page's Chrome, in the site's language."""
        config = self.site.config
        language = config.language
        text = strings(language)
        return Chrome(
            config=config, urls=self.urls, language=language, t=text, url=url, title=title,
            head_title=title if url == self.home_url else f"{title} · {config.title}",
            description=description or text["site_description"], feeds=(*self.site_feeds, *feeds),
            nav=self.nav(language, section), search_url=self.section_urls["search"],
            og_locale=og_locale or OG_LOCALES[language], og_type=og_type, og_image=og_image, jsonld=jsonld,
            article=article,
        )

    def page(self, template: str, values: PageValues, *, lastmod: date | None = None, in_sitemap: bool = True) -> Page:
        """Template, its values -> the Page written at the values' URL."""
        return Page(path=self.urls.output_path(values.chrome.url), template=template, values=values,
                    lastmod=lastmod, in_sitemap=in_sitemap)

    def nav(self, language: Language, section: str) -> tuple[NavItem, ...]:
        """The main menu in a language, with `section` marked current (made once each)."""
        key = (language, section)
        if key not in self.navs:
            text = strings(language)
            self.navs[key] = tuple(NavItem(text[n], u, n == section) for n, u in self.section_urls.items())
        return self.navs[key]

    def listing(
        self, cards: Sequence[Card], url_of: Callable[[int], str], template: str,
        values: Callable[..., ListingValues] = ListingValues, *, title: str, section: str = "",
        description: str = "", feeds: Sequence[FeedLink] = (), jsonld: Mapping[str, Any] | None = None,
    ) -> Iterator[Page]:
        """Cards, page URL by number, template, what makes its values (given the chrome,
        heading, pager and cards) -> one Page per page of cards, each with its Pager."""
        text = strings(self.site.config.language)
        for pager, chunk in paginate(cards, self.site.config.per_page, url_of):
            suffix = text["page_of"].format(number=pager.number, total=pager.total)
            chrome = self.chrome(
                pager.url, title=title if pager.number == 1 else f"{title} · {suffix}", section=section,
                description=description, feeds=feeds, jsonld=jsonld,
            )
            yield self.page(template, values(chrome=chrome, heading=title, pager=pager, cards=chunk), lastmod=newest(chunk))

    def home(self) -> Page:
        cards = self.views.cards_of(self.site.stories[:HOME_STORIES])
        values = HomeValues(
            chrome=self.chrome(self.urls.page(), title=self.site.config.title), cards=cards, years=self.year_links(),
            authors_url=self.urls.page("authors") if self.site.authors else "",
            totals=self.views.totals, most_open=self.views.most_open(HOME_COMPANIES), sector_records=self.sector_records(),
            year_chart=year_chart(self.site.stories, self.site.config.language, chart_id="chart-years"),
        )
        return self.page("home.html", values, lastmod=newest(cards))

    def sector_records(self) -> list[tuple[Term, Record]]:
        """-> [(sector Term, its Record)] in site order (by slug), then the cases of
        companies without a sector as a Term without a slug ('geen sector')."""
        rows = [(term, self.views.sector_records[term.slug]) for term in self.site.sectors]
        if self.views.no_sector is not None:
            rows.append((Term("", strings(self.site.config.language)["no_sector"], Taxonomy.SECTORS), self.views.no_sector))
        return rows

    def timeline(self) -> Page:
        text = strings(self.site.config.language)
        months = [(m.month, self.views.cards_of(m.stories)) for m in by_month(self.site.stories)]
        chrome = self.chrome(
            self.urls.page("timeline"), title=text["timeline"], section="timeline", description=text["timeline_description"],
        )
        values = TimelineValues(chrome=chrome, months=months, years=self.year_links())
        return self.page("timeline.html", values, lastmod=newest(list(self.views.cards.values())))

    def story(self, story: Story) -> Page:
        """A story's page: the chrome (menu, labels, dates) in the site's language; the
        story's own text marked with `text_lang` when it is written in another one."""
        card = self.views.cards[story.slug]
        language = self.site.config.language
        chrome = self.chrome(
            self.urls.story(story), title=story.title, section="stories", description=story.summary,
            og_locale=OG_LOCALES[story.language], og_type="article",
            jsonld=story_jsonld(story, card.company, self.urls),
            article=Article(published=story.date.isoformat(), modified=story.modified.isoformat()),
            og_image=social_image(self.urls, story, card_text(self.site, story, card.company)
                                  if self.site.config.social_cards else None),
        )
        values = StoryValues(
            chrome=chrome, story=story, card=card, facts=self.views.facts(story, self.site.now, language),
            author=card.author, reading=card.reading,
            text_lang="" if story.language == language else str(story.language),
            related=related_cards(self.site, related_stories(self.site, story)),
            escalation=escalation_of(story, card.company, self.site.routes, self.site.now),
            search_facets=facets_of(story, card.company, card.tags, self.site.config.language),
        )
        return self.page(STORY_TEMPLATE, values, lastmod=story.modified)

    def feeds_of(self, owner_url: str, name: str, *, json: bool = False) -> tuple[FeedLink, ...]:
        title = strings(self.site.config.language)["feed_of"].format(name=name)
        return feed_links(self.urls, owner_url, title, json=json)

    def follow(self, label: str, feeds: tuple[FeedLink, ...]) -> Follow:
        """The key of its label ('follow_company', ...), its feeds -> the visible follow block."""
        return Follow(strings(self.site.config.language)[label], feeds)

    def companies(self) -> Iterator[Page]:
        text = strings(self.site.config.language)
        chrome = self.chrome(
            self.urls.page("companies"), title=text["companies"], section="companies",
            description=text["companies_description"],
        )
        values = CompaniesValues(chrome=chrome, rows=self.views.ranked_rows(), totals=self.views.totals)
        yield self.page("companies.html", values, lastmod=newest(list(self.views.cards.values())))
        for slug, row in self.views.company_rows.items():
            cards = self.views.cards_of(self.site.by_company.get(slug, ()))
            feeds = self.feeds_of(self.urls.company(slug), row.company.name, json=True)
            yield from self.listing(
                cards, functools.partial(self.urls.company, slug), "company.html",
                self.company_values(row, feeds), title=row.company.name, section="companies", feeds=feeds,
                jsonld=company_jsonld(row.company, self.urls),
            )

    def company_values(self, row: CompanyRow, feeds: tuple[FeedLink, ...]) -> Callable[..., CompanyValues]:
        """A company's row and feeds -> what makes each of its pages' values, given the
        listing: besides the cards, its subsidiaries, the merged timeline of its cases and
        its charts."""
        stories = self.site.by_company.get(row.company.slug, ())
        language = self.site.config.language
        names = format_names([c.name for c in row.includes], language)
        shared = functools.partial(
            CompanyValues, row=row, follow=self.follow("follow_company", feeds),
            record_sentence=record_sentence(row.record, language),
            record_includes=strings(language)["record_includes"].format(names=names) if row.includes else "",
        )
        first = functools.partial(  # its first page alone shows these (and a page's value is its key, fast/keys.py)
            shared, subsidiaries=self.views.subsidiaries.get(row.company.slug, ()),
            case_events=merged_timeline(stories, {c.slug: c.name for c in row.includes}),
            year_chart=year_chart(stories, language, chart_id="chart-years"),
            apology_chart=apology_chart(row.record, language, chart_id="chart-apology"),
        )
        rest = functools.partial(shared, subsidiaries=(), case_events=(), year_chart=None, apology_chart=None)
        return lambda *, pager, **given: (first if pager.number == 1 else rest)(pager=pager, **given)

    def terms(self, kind: Taxonomy) -> Iterator[Page]:
        """Tags or sectors -> the index page and each term's pages."""
        text = strings(self.site.config.language)
        tags = kind is Taxonomy.TAGS
        terms = self.site.tags if tags else self.site.sectors
        grouping = self.site.by_tag if tags else self.site.by_sector
        url_of = self.urls.tag if tags else self.urls.sector
        singular = kind.singular
        counted = [(term, len(grouping.get(term.slug, ()))) for term in terms]
        chrome = self.chrome(self.urls.page(kind), title=text[kind], section=kind, description=text[f"{kind}_description"])
        values = TermsValues(
            chrome=chrome, terms=counted, companies_by_sector=self.views.sector_companies, records=self.views.sector_records,
            no_sector=self.views.no_sector, no_sector_companies=self.views.no_sector_companies,
        )
        yield self.page(f"{kind}.html", values, lastmod=newest(list(self.views.cards.values())))
        heading = text["stories_tagged" if tags else "stories_in"]
        for term in terms:
            feeds = self.feeds_of(url_of(term), term.name)
            yield from self.listing(
                self.views.cards_of(grouping.get(term.slug, ())), functools.partial(url_of, term), f"{singular}.html",
                functools.partial(
                    TermValues, term=term, companies=self.views.sector_companies.get(term.slug, ()),
                    record=self.views.sector_records.get(term.slug), follow=self.follow(_FOLLOW[kind], feeds),
                ),
                title=heading.format(name=term.name), section=kind, feeds=feeds,
            )

    def year_links(self) -> list[YearLink]:
        """-> every year with published stories, newest first, with its count."""
        return [YearLink(year, len(stories)) for year, stories in years_of(self.site.stories)]

    def years(self) -> Iterator[Page]:
        """-> each year's archive: /2015/ (paginated), with that year's figures."""
        text = strings(self.site.config.language)
        links = self.year_links()
        for year, stories in years_of(self.site.stories):
            yield from self.listing(
                self.views.cards_of(stories), functools.partial(self.urls.year, year), "year.html",
                functools.partial(YearValues, year=year, years=links, record=record_of(stories, self.site.now)),
                title=text["year_title"].format(year=year), section="timeline",
                description=text["year_description"].format(year=year),
            )

    def authors(self) -> Iterator[Page]:
        """-> /authors/ and each author's pages, with their figures and feeds."""
        if not self.site.authors:
            return
        text = strings(self.site.config.language)
        rows = [AuthorRow(a, record_of(self.site.by_author.get(a.slug, ()), self.site.now)) for a in self.site.authors]
        chrome = self.chrome(self.urls.page("authors"), title=text["authors"], description=text["authors_description"])
        yield self.page("authors.html", AuthorsValues(chrome=chrome, rows=rows), lastmod=newest(list(self.views.cards.values())))
        for row in rows:
            author = row.author
            feeds = self.feeds_of(self.urls.author(author), author.name)
            yield from self.listing(
                self.views.cards_of(self.site.by_author.get(author.slug, ())),
                functools.partial(self.urls.author, author), "author.html",
                functools.partial(
                    AuthorValues, author=author, record=row.record, follow=self.follow("follow_author", feeds),
                    authors_url=self.urls.page("authors"),
                ),
                title=author.name, description=text["stories_by"].format(name=author.name), feeds=feeds,
            )

    def search(self) -> Page:
        language = self.site.config.language
        chrome = self.chrome(self.section_urls["search"], title=strings(language)["search"], section="search")
        search = search_page(self.site.stories, language, self.urls.file(f"{BUNDLE}/"))
        return self.page("search.html", SearchValues(chrome=chrome, search=search), in_sitemap=False)

    def not_found(self) -> Page:
        chrome = self.chrome(self.urls.file("404.html"), title=strings(self.site.config.language)["not_found"])
        return self.page("404.html", PageValues(chrome=chrome), in_sitemap=False)

    def sitemap_entries(self, pages: Sequence[Page]) -> list[SitemapEntry]:
        return [
            SitemapEntry(self.urls.absolute(p.url), p.lastmod.isoformat() if p.lastmod else "")
            for p in pages if p.in_sitemap
        ]

    def file(self, url: str, template: str, values: Callable[..., PageValues], *, title: str) -> Page:
        """A sitemap or robots.txt: its URL, template and what makes its values (given the chrome) -> its Page."""
        return self.page(template, values(chrome=self.chrome(url, title=title)), in_sitemap=False)

    def sitemap_and_robots(self, entries: Sequence[SitemapEntry]) -> list[Page]:
        """Every page's sitemap entry -> sitemap.xml and robots.txt. A sitemap holds at most
        SITEMAP_MAX URLs; above that sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml..."""
        sitemap_url = self.urls.file("sitemap.xml")
        if len(entries) <= SITEMAP_MAX:
            sitemaps = [self.file(sitemap_url, "sitemap.xml", functools.partial(SitemapValues, entries=entries), title="sitemap")]
        else:
            parts = [entries[i:i + SITEMAP_MAX] for i in range(0, len(entries), SITEMAP_MAX)]
            part_urls = [self.urls.file(f"sitemap-{n}.xml") for n in range(1, len(parts) + 1)]
            index = [
                SitemapEntry(self.urls.absolute(url), max((e.lastmod for e in part), default=""))
                for url, part in zip(part_urls, parts)
            ]
            sitemaps = [
                self.file(sitemap_url, "sitemap-index.xml", functools.partial(SitemapValues, entries=index), title="sitemap"),
                *(self.file(url, "sitemap.xml", functools.partial(SitemapValues, entries=part), title="sitemap")
                  for url, part in zip(part_urls, parts)),
            ]
        robots = self.file(self.urls.file("robots.txt"), "robots.txt",
                           functools.partial(RobotsValues, sitemap=self.urls.absolute(sitemap_url)), title="robots")
        return [*sitemaps, robots]


def planner_for(site: Site, urls: Urls, stories: Sequence[Story] | None = None) -> Planner:
    """Site, Urls -> the planner whose views (cards, company rows, figures) every page
    shares; given stories, one that plans only their pages (plan_story), made faster."""
    return Planner.of(site, urls, stories)


def plan_story(planner: Planner, story: Story) -> Page:
    """A planner and one story -> that story's page."""
    return planner.story(story)


@dataclass(frozen=True)
class SitePlan:
    """Every page of a site but the story pages, which are many and each needs only its
    story: `plan_story(planner, story)` plans one where it is rendered (in a worker)."""

    planner: Planner
    pages: list[Page]  # in site order, the sitemap and robots.txt last
    stories: Sequence[Story]
    stories_at: int  # where the story pages belong in `pages`


def plan_site(site: Site, urls: Urls, *, assets: Iterable[str] = (), planner: Planner | None = None) -> SitePlan:
    """Site, Urls, the theme's asset paths (and the site's planner, when made) -> its SitePlan.

    Raises DuplicatePathError when two pages, or a page and an asset, share an output
    path: the one check of unique output paths.
    """
    planner = planner if planner is not None else Planner.of(site, urls)
    text = strings(site.config.language)
    head = [
        planner.home(),
        *planner.listing(
            planner.views.cards_of(site.stories), lambda n: urls.page("stories", n), "stories.html",
            title=text["all_stories"], section="stories",
        ),
    ]
    tail = [
        *planner.companies(),
        *planner.terms(Taxonomy.TAGS),
        *planner.terms(Taxonomy.SECTORS),
        planner.timeline(),
        *planner.years(),
        *planner.authors(),
        planner.search(),
        planner.not_found(),
    ]
    story_urls = [urls.story(story) for story in site.stories]
    check_unique([*(p.path for p in head), *map(urls.output_path, story_urls), *(p.path for p in tail), *assets])
    entries = [
        *planner.sitemap_entries(head),
        *(SitemapEntry(urls.absolute(url), story.modified.isoformat()) for url, story in zip(story_urls, site.stories)),
        *planner.sitemap_entries(tail),
    ]
    return SitePlan(planner, [*head, *tail, *planner.sitemap_and_robots(entries)], site.stories, len(head))


def check_unique(paths: Sequence[str]) -> None:
    """Output paths -> None; raises DuplicatePathError naming every path used twice."""
    counts = Counter(paths)
    duplicates = sorted(path for path, count in counts.items() if count > 1)
    if duplicates:
        raise DuplicatePathError(f"duplicate output path(s): {', '.join(duplicates)}")
