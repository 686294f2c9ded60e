"""Site -> a `Planner`: what every page of the site shares, made once (the views, the
menu, the site's feeds, the related-stories chooser), and the parts every page is made
of (its chrome, its listing pages, its follow block). pages/kinds.py makes each kind of
page with it; pages/plan.py plans the whole site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.i18n import strings
from generator.model import Language, Site, Story
from generator.pages.page import Article, Chrome, FeedLink, Follow, NavItem, Page, PageValues, feed_links
from generator.pages.social import SocialImage
from generator.pages.values import ListingValues
from generator.pages.views import Card, Views, newest, paginate
from generator.site.related import RelatedChooser
from generator.strings import OG_LOCALES
from generator.urls import Urls

SECTIONS = ("stories", "companies", "tags", "sectors", "timeline", "search")


@dataclass(frozen=True)
class Planner:
    site: Site
    urls: Urls
    views: Views
    section_urls: Mapping[str, str]  # computed once: Urls methods re-parse base_url each call
    home_url: str
    site_feeds: tuple[FeedLink, ...]
    related: RelatedChooser
    navs: dict[tuple[Language, str], tuple[NavItem, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, site: Site, urls: Urls, stories: Sequence[Story] | None = None, *,
           related: RelatedChooser | None = None) -> Planner:
        """Site, Urls (and the only stories whose pages it will plan, when not all: its
        views are then made for those alone, faster; the Site's related-stories chooser,
        when made already) -> a Planner."""
        return cls(
            site=site, urls=urls, views=Views.of(site) if stories is None else Views.of_stories(site, stories),
            section_urls={name: urls.page(name) for name in SECTIONS}, home_url=urls.page(),
            site_feeds=feed_links(urls, "", site.config.title, json=True), related=related or RelatedChooser.of(site),
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

    def feeds_of(self, owner_url: str, name: str, *, json: bool = False) -> tuple[FeedLink, ...]:
        """A page's URL and what it is about -> the links to its feeds."""
        title = strings(self.site.config.language)["feed_of"].format(name=name)
        return feed_links(self.urls, owner_url, title, json=json)

    def follow(self, label: str, feeds: tuple[FeedLink, ...]) -> Follow:
        """The key of its label ('follow_company', ...), its feeds -> the visible follow block."""
        return Follow(strings(self.site.config.language)[label], feeds)
