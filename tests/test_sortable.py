"""The companies table: a plain table without JavaScript, sortable with sort.js;
and the site timeline page with its place in the sitemap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "output"
    result = run_cli("build", REPO, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_table_is_plain_html_ordered_by_cases(example: Path) -> None:
    html = (example / "companies/index.html").read_text(encoding="utf-8")
    assert '<table class="record-table sortable">' in html
    table = html[html.index("<table"):html.index("</table>")]
    assert "<button" not in table and "onclick" not in table
    assert '<script src="/assets/sort.js" defer></script>' in html
    assert (example / "assets/sort.js").is_file()
    first = html.index("/companies/glasnet/")  # 3 cases, ahead of companies with 2 and 1
    assert first < html.index("/companies/warmtewerk/")


def test_timeline_page_and_sitemap(example: Path) -> None:
    html = (example / "timeline/index.html").read_text(encoding="utf-8")
    assert "<h2 id=\"month-2024-01\"><time datetime=\"2024-01\">januari 2024</time></h2>" in html
    assert html.index("januari 2024") < html.index("februari 2014")
    assert 'href="/timeline/" aria-current="page"' in html
    assert "<loc>http://localhost:8000/timeline/</loc>" in (example / "sitemap.xml").read_text(encoding="utf-8")


def test_sort_buttons_toggle_aria_sort(example: Path, serve_dir: Callable[[Path], str], browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(serve_dir(example) + "companies/")
    names = lambda: page.locator("table.sortable tbody th a").all_inner_texts()  # noqa: E731
    before = names()
    buttons = page.locator("table.sortable thead th button")
    assert buttons.count() == 15
    buttons.nth(0).click()
    assert page.locator("table.sortable thead th").nth(0).get_attribute("aria-sort") == "ascending"
    assert names() == sorted(before, key=str.casefold)
    buttons.nth(0).click()
    assert page.locator("table.sortable thead th").nth(0).get_attribute("aria-sort") == "descending"
    assert names() == sorted(before, key=str.casefold, reverse=True)
    buttons.nth(1).click()  # cases: numeric, largest first
    assert page.locator("table.sortable thead th").nth(0).get_attribute("aria-sort") is None
    cases = [int(v) for v in page.locator("table.sortable tbody td:nth-of-type(1)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]
    assert cases == sorted(cases, reverse=True)
    buttons.nth(11).click()  # median days to resolve: empty values last
    values = page.locator("table.sortable tbody td:nth-of-type(11)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")
    filled = [float(v) for v in values if v]
    assert filled == sorted(filled, reverse=True) and values[len(filled):] == [""] * (len(values) - len(filled))
    buttons.nth(13).click()  # cases with a reply ("1 van 3"): by its count, largest first
    replied = [int(v) for v in page.locator("table.sortable tbody td:nth-of-type(13)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]
    assert replied == sorted(replied, reverse=True) and replied[0] == 1
    assert errors == []
    page.close()
