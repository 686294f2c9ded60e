"""The companies table fits a 1280 px window without cutting a column (short headers,
the full label in <abbr title>); on a 390 px phone search results come before the
filters, which stay folded. Headless Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("widths") / "output"
    result = run_cli("build", REPO, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_companies_table_fits_1280_px_with_short_headers(example: Path, browser: object,
                                                        serve_dir: Callable[[Path], str]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(serve_dir(example) + "companies/")
    box = page.evaluate("""(() => {
        const wrap = document.querySelector('.table-scroll'), table = wrap.querySelector('table');
        const heads = [...table.querySelectorAll('thead th')];
        return {table: table.scrollWidth, box: wrap.clientWidth, page: document.scrollingElement.scrollWidth,
                lines: Math.max(...[...table.querySelectorAll('thead abbr')].map(a => a.getClientRects().length)),
                hidden: heads.filter(h => getComputedStyle(h).display === 'none').length,
                titles: [...table.querySelectorAll('thead abbr')].map(a => a.title)};
    })()""")
    assert box["table"] <= box["box"], box  # no column cut off or scrolled away
    assert box["page"] <= 1280
    assert box["hidden"] == 0
    assert box["lines"] <= 2, box  # headers on at most two lines
    assert "Mediaan dagen tot eerste reactie" in box["titles"]
    page.close()


def test_search_results_come_before_the_folded_filters_on_a_phone(example: Path, browser: object,
                                                                  serve_dir: Callable[[Path], str]) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)  # type: ignore[attr-defined]
    page.goto(serve_dir(example) + "search/?q=internet")
    page.wait_for_selector(".pagefind-ui__result-link")
    page.wait_for_selector(".pagefind-ui__filter-panel details")
    where = page.evaluate("""(() => ({
        results: document.querySelector('.pagefind-ui__results-area').getBoundingClientRect().top,
        filters: document.querySelector('.pagefind-ui__filter-panel').getBoundingClientRect().top,
        open: document.querySelectorAll('.pagefind-ui__filter-panel details[open]').length,
        first: document.querySelector('.pagefind-ui__result-link').getBoundingClientRect().top,
    }))()""")
    assert where["results"] < where["filters"], where
    assert where["open"] == 0, where
    assert where["first"] < 844, where  # the first result shows without scrolling
    page.close()
    wide = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    wide.goto(serve_dir(example) + "search/?q=internet")
    wide.wait_for_selector(".pagefind-ui__filter-panel details[open]")  # on a wide screen some start open
    wide.close()
