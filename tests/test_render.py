"""plan.py and render.py: a small Site built in Python, rendered in memory."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.model import (
    Actor, Apology, Channel, Company, Compensation, Language, Outcome, Site, SiteConfig,
    Story, Term, TimelineEvent, Update, Taxonomy,
)
from generator.pages.plan import DuplicatePathError, check_unique, plan_site, plan_story
from generator.output.renderer import JobKind, Renderer
from generator.output.render import Theme, default_theme_dir, load_theme, render_page, theme_dirs
from generator.pages.page import Page
from generator.urls import Urls

BASE = "https://klacht.example/blog/"


def make_story(slug: str, company: str, day: int, **fields: object) -> Story:
    values: dict[str, object] = dict(
        source=f"content/stories/{slug}.md", slug=slug, title=f"Story {slug}", company=company,
        date=date(2015, 12, day), outcome=Outcome.OPEN, apology=Apology.NO, author="Ann",
        language=Language.NL, summary=f"Summary of {slug}", body_html=f"<p>Body of {slug}</p>",
        company_slug=company,
    )
    values.update(fields)
    return Story(**values)  # type: ignore[arg-type]


def make_site(*, per_page: int = 2, extra: tuple[Story, ...] = ()) -> Site:
    """Five stories, two companies (one with a parent), two tags, one sector."""
    fiber = make_story(
        "acht-dagen", "fiber", 16, title="Acht dagen <script>alert(1)</script> zonder internet",
        outcome=Outcome.RESOLVED, incident=date(2015, 12, 1), resolved=date(2015, 12, 9),
        channels=(Channel.PHONE, Channel.WEBFORM), tags=("glasvezel",),
        compensation=Compensation(amount=Decimal("6"), currency="EUR", note="korting"),
        timeline=(
            TimelineEvent(date(2015, 12, 1), "Storing", "Storing", Actor.ME, Channel.PHONE),
            TimelineEvent(date(2015, 12, 3), "Reactie", "Reactie", Actor.COMPANY, Channel.WEBFORM),
        ),
        updates=(Update(date(2015, 12, 20), "Korting", "<p>Korting gevonden.</p>"),),
    )
    english = make_story("eight-days", "xs4all", 14, language=Language.EN, tags=("glasvezel", "Pakket"))
    others = tuple(make_story(f"zaak-{n}", "xs4all", n) for n in (10, 11, 12))
    stories = tuple(sorted((fiber, english, *others, *extra), key=lambda s: s.date, reverse=True))
    companies = (
        Company("fiber", "Fiber", sector="telecom", parent="xs4all", website="https://fiber.example/"),
        Company("xs4all", "XS4ALL", sector="telecom", description_html="<p>Provider.</p>"),
    )
    by_company: dict[str, tuple[Story, ...]] = {}
    by_tag: dict[str, tuple[Story, ...]] = {}
    for story in stories:
        by_company[story.company_slug] = (*by_company.get(story.company_slug, ()), story)
        for tag in story.tags:
            by_tag[tag.lower()] = (*by_tag.get(tag.lower(), ()), story)
    return Site(
        config=SiteConfig(title="Mijn klachten", base_url=BASE, per_page=per_page),
        now=date(2015, 12, 31), stories=stories, companies=companies,
        tags=(Term("glasvezel", "glasvezel", Taxonomy.TAGS), Term("pakket", "Pakket", Taxonomy.TAGS)),
        sectors=(Term("telecom", "telecom", Taxonomy.SECTORS),),
        by_company=by_company, by_tag=by_tag, by_sector={"telecom": stories},
        company_by_slug={c.slug: c for c in companies},
    )



def render_pages(site: Site, urls: Urls, theme: Theme) -> dict[str, bytes]:
    """Every page, sitemap, robots.txt and asset, rendered by the build's own jobs (in
    this process): the feeds and open data have tests of their own."""
    renderer = Renderer.of(None, site, theme=theme)
    plan = renderer.plan()
    return {name: data for job in renderer.jobs(plan) if job.kind in {JobKind.PAGE, JobKind.STORY, JobKind.ASSETS}
            for name, data in renderer.files(plan, job)}


def plan_pages(site: Site, urls: Urls) -> list[Page]:
    """Every page the build plans, story pages included."""
    plan = plan_site(site, urls)
    return [*plan.pages, *(plan_story(plan.planner, story) for story in plan.stories)]

@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme([default_theme_dir()])


@pytest.fixture(scope="module")
def output(theme: Theme) -> dict[str, bytes]:
    site = make_site()
    return render_pages(site, Urls(site.config.base_url), theme)


def text(output: dict[str, bytes], path: str) -> str:
    return output[path].decode("utf-8")


EXPECTED = [
    "index.html", "stories/index.html", "stories/page/2/index.html", "stories/page/3/index.html",
    "stories/acht-dagen/index.html", "stories/eight-days/index.html", "stories/zaak-10/index.html",
    "companies/index.html", "companies/fiber/index.html", "companies/xs4all/index.html",
    "companies/xs4all/page/2/index.html", "tags/index.html", "tags/glasvezel/index.html",
    "tags/pakket/index.html", "sectors/index.html", "sectors/telecom/index.html",
    "sectors/telecom/page/2/index.html", "404.html", "sitemap.xml", "robots.txt",
    "assets/style.css",
]


def test_every_expected_path_is_present(output: dict[str, bytes]) -> None:
    assert sorted(EXPECTED) == sorted(p for p in output if p in EXPECTED)
    assert "stories/page/4/index.html" not in output
    assert "companies/fiber/page/2/index.html" not in output
    assert all(isinstance(data, bytes) for data in output.values())


def test_script_in_title_is_escaped(output: dict[str, bytes]) -> None:
    for path in ("stories/acht-dagen/index.html", "index.html", "companies/fiber/index.html"):
        page = text(output, path)
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_lang_attribute_marks_the_story_text_not_the_page(output: dict[str, bytes]) -> None:
    assert '<html lang="nl">' in text(output, "stories/acht-dagen/index.html")
    assert '<html lang="nl">' in text(output, "stories/eight-days/index.html")  # the site's language
    assert '<h1 data-pagefind-meta="title" lang="en">' in text(output, "stories/eight-days/index.html")
    assert '<html lang="nl">' in text(output, "index.html")
    assert '<article class="card card-open" lang="en">' in text(output, "index.html")


def test_story_page_content(output: dict[str, bytes]) -> None:
    page = text(output, "stories/acht-dagen/index.html")
    assert '<a href="/blog/companies/fiber/">Fiber</a>' in page
    assert "Opgelost" in page and "Geen excuses" in page
    assert "€\xa06,00 (korting)" in page
    assert "8 dagen" in page and "2 dagen" in page
    assert "Telefoon, Webformulier" in page
    assert '<time datetime="2015-12-16">16 december 2015</time>' in page
    assert 'id="update-2015-12-20"' in page
    assert '<a href="/blog/tags/glasvezel/">#glasvezel</a>' in page
    assert '<link rel="canonical" href="https://klacht.example/blog/stories/acht-dagen/">' in page
    assert 'type="application/rss+xml" title="Mijn klachten (RSS)" href="/blog/feed.xml"' in page
    assert '<form class="search-form" role="search" method="get" action="/blog/search/">' in page
    assert 'name="q"' in page
    assert '<meta property="og:type" content="article">' in page
    assert '"@type": "Review"' in page


def test_english_story_on_a_dutch_site_keeps_the_dutch_chrome(output: dict[str, bytes]) -> None:
    page = text(output, "stories/eight-days/index.html")
    assert "14 december 2015" in page and "Geen excuses" in page and ">Verhalen</a>" in page
    assert "14 December 2015" not in page and "No apology" not in page and ">Stories</a>" not in page


def test_company_page(output: dict[str, bytes]) -> None:
    page = text(output, "companies/fiber/index.html")
    assert '<a href="/blog/companies/xs4all/">XS4ALL</a>' in page  # parent
    assert '<a href="/blog/sectors/telecom/">telecom</a>' in page
    assert "https://fiber.example/" in page
    assert "/blog/companies/fiber/feed.xml" in page
    assert "<p>Provider.</p>" in text(output, "companies/xs4all/index.html")


def test_companies_table_and_home_most_open(output: dict[str, bytes]) -> None:
    table = text(output, "companies/index.html")
    assert table.index(">XS4ALL</a>") < table.index(">Fiber</a>")  # most cases first
    assert "100%" in table  # Fiber resolved its one case
    home = text(output, "index.html")
    assert "Meeste open zaken" in home and "In cijfers" in home


def test_pagination_pages_link_each_other(output: dict[str, bytes]) -> None:
    first, second, third = (
        text(output, p) for p in
        ("stories/index.html", "stories/page/2/index.html", "stories/page/3/index.html")
    )
    assert 'rel="next" href="/blog/stories/page/2/"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="/blog/stories/"' in second
    assert 'rel="next" href="/blog/stories/page/3/"' in second
    assert 'rel="prev" href="/blog/stories/page/2/"' in third and 'rel="next"' not in third
    assert "Pagina 2 van 3" in second


def test_sitemap_is_valid_xml_with_absolute_urls(output: dict[str, bytes]) -> None:
    root = ET.fromstring(output["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [el.text or "" for el in root.findall("s:url/s:loc", ns)]
    assert locs and all(loc.startswith(BASE) for loc in locs)
    assert BASE + "stories/acht-dagen/" in locs
    assert not any(loc.endswith("404.html") for loc in locs)
    lastmods = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in root.findall("s:url", ns)
    }
    assert lastmods[BASE + "stories/acht-dagen/"] == "2015-12-20"  # its update
    assert lastmods[BASE + "companies/xs4all/page/2/"] == "2015-12-11"  # zaak-11, zaak-10
    assert text(output, "robots.txt").endswith("Sitemap: https://klacht.example/blog/sitemap.xml\n")


def test_a_sitemap_over_the_url_limit_becomes_an_index_of_parts(
    theme: Theme, output: dict[str, bytes], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("generator.pages.plan.SITEMAP_MAX", 10)
    site = make_site()
    split = render_pages(site, Urls(site.config.base_url), theme)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    whole = [el.text for el in ET.fromstring(output["sitemap.xml"]).findall("s:url/s:loc", ns)]
    index = ET.fromstring(split["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [el.text or "" for el in index.findall("s:sitemap/s:loc", ns)]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 1
    locs = [el.text for part in parts
            for el in ET.fromstring(split[part.removeprefix(BASE)]).findall("s:url/s:loc", ns)]
    assert locs == whole  # every URL once, in the same order, at most 10 per part
    assert all(len(ET.fromstring(split[p.removeprefix(BASE)])) <= 10 for p in parts)
    lastmods = [el.text for el in index.findall("s:sitemap/s:lastmod", ns)]
    assert lastmods and all(lastmods)


def test_site_theme_overrides_one_template(tmp_path: Path) -> None:
    (tmp_path / "themes" / "mine" / "static").mkdir(parents=True)
    (tmp_path / "themes" / "mine" / "404.html").write_text(
        "custom 404 for {{ config.title }}", encoding="utf-8")
    (tmp_path / "themes" / "mine" / "static" / "extra.css").write_text("x{}", encoding="utf-8")
    dirs = theme_dirs(tmp_path, "mine")
    assert dirs == [tmp_path / "themes" / "mine", default_theme_dir()]
    site = make_site()
    output = render_pages(site, Urls(BASE), load_theme(dirs))
    assert output["404.html"] == b"custom 404 for Mijn klachten"
    assert "<!DOCTYPE html>" in text(output, "index.html")
    assert output["assets/extra.css"] == b"x{}"
    assert "assets/style.css" in output


def test_theme_dirs_without_a_site_theme_is_the_default(tmp_path: Path) -> None:
    assert theme_dirs(tmp_path, "default") == [default_theme_dir()]


def test_render_page_renders_one_planned_page(theme: Theme) -> None:
    site = make_site()
    pages = {page.path: page for page in plan_pages(site, Urls(BASE))}
    html = render_page(theme, pages["tags/pakket/index.html"]).decode("utf-8")
    assert "Verhalen met tag Pakket" in html and "Story eight-days" in html


def test_duplicate_output_path_raises() -> None:
    site = make_site()
    pages = plan_pages(site, Urls(BASE))
    story_page = next(p for p in pages if p.path == "stories/acht-dagen/index.html")
    with pytest.raises(DuplicatePathError, match="stories/acht-dagen/index.html"):
        check_unique([*(p.path for p in pages), story_page.path])


def test_story_slug_clashing_with_a_pagination_page_raises() -> None:
    clash = make_story("page", "fiber", 1)  # stories/page/ is fine: pages live at stories/page/2/
    pages = plan_pages(make_site(extra=(clash,)), Urls(BASE))
    assert "stories/page/index.html" in {p.path for p in pages}


def test_empty_site_renders(theme: Theme) -> None:
    site = replace(make_site(), stories=(), by_company={}, by_tag={}, by_sector={})
    output = render_pages(site, Urls(BASE), theme)
    assert "Nog geen verhalen." in text(output, "index.html")
    assert "stories/index.html" in output and "tags/glasvezel/index.html" in output


def test_rendering_is_deterministic(theme: Theme) -> None:
    site = make_site()
    assert render_pages(site, Urls(BASE), theme) == render_pages(site, Urls(BASE), theme)


def test_default_theme_is_found() -> None:
    assert (default_theme_dir() / "base.html").is_file()


def heading_levels(html: str) -> list[int]:
    return [int(m) for m in re.findall(r"<h([1-6])[ >]", html)]


@pytest.mark.parametrize("path", [p for p in EXPECTED if p.endswith(".html")])
def test_headings_never_skip_a_level(output: dict[str, bytes], path: str) -> None:
    levels = heading_levels(text(output, path))
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.parametrize("path", [p for p in EXPECTED if p.endswith(".html")])
def test_every_page_has_the_landmarks_and_head_links(output: dict[str, bytes], path: str) -> None:
    page = text(output, path)
    for needle in ('<a class="skip-link" href="#main">', '<main id="main"', "<header", "<footer",
                   'rel="alternate" type="application/rss+xml"', '<link rel="canonical"',
                   '<meta name="description"', '<meta property="og:title"',
                   'href="/blog/assets/style.css"'):
        assert needle in page, needle
