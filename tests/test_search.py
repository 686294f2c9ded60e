"""Search: filters in story pages, the Pagefind bundle, and the search page in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.model import Language
from generator.pages.search import filter_name
from tests.conftest import REPO, run_cli

SITES = REPO / "tests" / "sites"
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data:")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search") / "out"
    result = run_cli("build", SITES / "nl", "--out", out)
    assert result.returncode == 0, result.stderr
    assert ", 3 indexed for search in " in result.stdout
    return out


@pytest.mark.parametrize(("kind", "nl", "en"), [
    ("company", "bedrijf", "company"), ("outcome", "afloop", "outcome"),
    ("apology", "excuses", "apology"), ("year", "jaar", "year"), ("tag", "tag", "tag"),
])
def test_filter_names_are_in_the_site_language(kind: str, nl: str, en: str) -> None:
    assert (filter_name(kind, Language.NL), filter_name(kind, Language.EN)) == (nl, en)


def test_story_pages_carry_body_meta_sort_and_filters(built: Path) -> None:
    page = (built / "stories" / "de-meter" / "index.html").read_text(encoding="utf-8")
    assert '<article class="story" data-pagefind-body>' in page
    assert '<h1 data-pagefind-meta="title">De meter die dubbel telde</h1>' in page
    assert '<data value="2016-05-01" data-pagefind-sort="date[value]"></data>' in page
    filters = re.findall(r'<data value="([^"]*)" data-pagefind-filter="(\w+)\[value\]"></data>', page)
    assert filters == [("Stroomtij Energie", "bedrijf"), ("Open", "afloop"), ("Gedeeltelijke excuses", "excuses"),
                       ("2016", "jaar"), ("slimme-meter", "tag"), ("factuur", "tag")]


def test_only_story_pages_are_marked_for_the_index(built: Path) -> None:
    marked = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")
                    if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    assert marked == ["stories/acht-dagen-zonder-internet/index.html", "stories/de-meter/index.html",
                      "stories/onbekend/index.html"]


def test_the_bundle_is_written_with_sorted_languages_and_counts(built: Path) -> None:
    bundle = built / "pagefind"
    for name in ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "wasm.nl.pagefind"]:
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"] and entry["languages"]["nl"]["page_count"] == 3
    assert (bundle / f"pagefind.{entry['languages']['nl']['hash']}.pf_meta").is_file()
    assert len(list((bundle / "filter").glob("*.pf_filter"))) == 5


def test_search_page_uses_static_scripts_and_says_what_to_do_without_them(built: Path) -> None:
    page = (built / "search" / "index.html").read_text(encoding="utf-8")
    assert '<script src="/pagefind/pagefind-ui.js" defer></script>' in page
    assert '<script src="/assets/search.js" defer></script>' in page
    assert re.search(r"<script>|\son\w+=", page) is None  # nothing inline: the CSP forbids it
    assert 'data-open-filters="afloop excuses jaar"' in page
    assert '<noscript>' in page and 'href="/companies/"' in page
    assert (built / "assets" / "search.js").is_file()


def _open(browser: object, url: str) -> tuple[object, list[str]]:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def with_csp(route: object) -> None:  # the CSP the site is served with
        response = route.fetch()  # type: ignore[attr-defined]
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})  # type: ignore[attr-defined]

    page.route(lambda u: u.endswith("/") or u.endswith(".html") or "?" in u, with_csp)
    page.goto(url)
    return page, errors


RESULT_LINKS = ".pagefind-ui__result-link:not(.pagefind-ui__result-nested *)"  # stories, not sub-results


def test_typing_a_word_finds_the_one_story_and_a_filter_narrows(built: Path, serve_dir, browser) -> None:
    base = serve_dir(built)
    page, errors = _open(browser, base + "search/")
    page.fill(".pagefind-ui__search-input", "internet")
    page.wait_for_selector(RESULT_LINKS)
    before = page.locator(RESULT_LINKS).count()
    page.fill(".pagefind-ui__search-input", "Nummerbehoud")
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    expect(page.locator(RESULT_LINKS)).to_have_attribute("href", "/stories/de-meter/")
    page.fill(".pagefind-ui__search-input", "de")  # a word in more than one story
    expect(page.locator(RESULT_LINKS).nth(1)).to_be_visible()
    page.locator("label", has_text="Opgelost").first.click()
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    links = page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links == ["/stories/acht-dagen-zonder-internet/"]
    assert before >= 1
    page.screenshot(path=str(built.parent / "search.png"), full_page=True)
    assert errors == []
    page.close()


def test_the_query_in_the_url_shows_results_without_typing(built: Path, serve_dir, browser) -> None:
    page, errors = _open(browser, serve_dir(built) + "search/?q=Nummerbehoud")
    page.wait_for_selector(RESULT_LINKS)
    assert page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.getAttribute('href'))") == [
        "/stories/de-meter/"]
    assert page.input_value(".pagefind-ui__search-input") == "Nummerbehoud"
    assert page.input_value("#site-search") == "Nummerbehoud"
    assert errors == []
    page.close()


def test_a_search_from_the_url_shows_every_filter_group_when_filters_load_slowly(
        built: Path, serve_dir, browser) -> None:  # type: ignore[no-untyped-def]
    """Pagefind UI loads the filter groups while it runs the ?q= search; a search that ended
    with some loaded showed only those, for good (the outcome and company groups went missing
    on a busy machine). The server here holds back every filter file but one for 1.5 s."""
    import time

    from tests.conftest import _QuietHandler

    first = sorted(p.name for p in (built / "pagefind" / "filter").glob("*.pf_filter"))[0]

    class Slow(_QuietHandler):
        def do_GET(self) -> None:
            if self.path.endswith(".pf_filter") and not self.path.endswith(first):
                time.sleep(1.5)
            super().do_GET()

    page, errors = _open(browser, serve_dir(built, Slow) + "search/?q=de")
    page.wait_for_selector(RESULT_LINKS, timeout=20_000)
    deadline = time.monotonic() + 8  # polled from here: the CSP refuses a page-side wait
    while True:
        groups = page.locator(".pagefind-ui__filter-name").all_text_contents()
        if len(groups) == 5 or time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    assert sorted(g.strip() for g in groups) == ["Afloop", "Bedrijf", "Excuses", "Jaar", "Tag"]
    assert errors == []
    page.close()
