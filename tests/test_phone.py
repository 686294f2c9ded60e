"""The example site (content/) on a 390 px phone in headless Chromium: no page scrolls
sideways, chart text is at least 11 px tall, and the companies table fits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.slow  # a browser through every page, twice

PHONE = {"width": 390, "height": 844}
MIN_CHART_TEXT = 11  # px, as drawn on the screen


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("phone") / "output"
    result = run_cli("build", REPO, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def phone(browser: object) -> object:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def _pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html") if "pagefind" not in p.parts)


def test_no_page_of_the_example_site_scrolls_sideways(example: Path, phone: object,
                                                     serve_dir: Callable[[Path], str]) -> None:
    base = serve_dir(example)
    pages = [*_pages(example), "404.html"]
    assert len(pages) > 30
    wide = {}
    for name in pages:
        phone.goto(base + name)  # type: ignore[attr-defined]
        width = phone.evaluate("document.scrollingElement.scrollWidth")  # type: ignore[attr-defined]
        if width > phone.evaluate("window.innerWidth"):  # type: ignore[attr-defined]
            wide[name] = width
    assert wide == {}


# Each <text> of each chart: its font size in user units times the chart's scale on screen.
CHART_TEXT = """() => [...document.querySelectorAll('svg.chart text')].map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    return [t.closest('svg').id, t.textContent, Math.round(size * 100) / 100];
})"""


@pytest.mark.parametrize("name", ["index.html", "companies/glasnet/index.html"])
def test_chart_text_is_at_least_11_px_on_a_phone(example: Path, phone: object, name: str,
                                                 serve_dir: Callable[[Path], str]) -> None:
    phone.goto(serve_dir(example) + name)  # type: ignore[attr-defined]
    texts = phone.evaluate(CHART_TEXT)  # type: ignore[attr-defined]
    assert len(texts) > 10, "no chart on the page"
    small = [text for text in texts if text[2] < MIN_CHART_TEXT]
    assert small == []


def test_companies_table_fits_a_phone_and_keeps_the_columns_that_matter(
        example: Path, phone: object, serve_dir: Callable[[Path], str]) -> None:
    phone.goto(serve_dir(example) + "companies/")  # type: ignore[attr-defined]
    box = phone.evaluate("(() => { const b = document.querySelector('.table-scroll');"  # type: ignore[attr-defined]
                         " return [b.scrollWidth, b.clientWidth]; })()")
    assert box[0] <= box[1]
    shown = phone.evaluate("[...document.querySelectorAll('table.sortable thead th')]"  # type: ignore[attr-defined]
                           ".filter(th => th.offsetWidth > 0).map(th => th.textContent.trim())")
    assert shown == ["Bedrijf", "Zaken", "Open", "Opl. %", "Exc. %"]  # short headers, full text in abbr title


def test_every_img_of_the_example_site_has_its_size_and_its_file(example: Path) -> None:
    import re

    tags = [(page, tag) for page in example.rglob("*.html")
            for tag in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8"))]
    assert tags, "the example site shows no image"
    for page, tag in tags:
        assert re.search(r' width="\d+" height="\d+"', tag), (page, tag)
        src = re.search(r' src="/([^"]+)"', tag)
        assert src is not None and (example / src.group(1)).is_file(), (page, tag)


WIDE_TABLE_STORY = """\
---
title: De tarieven van Glasnet
company: glasnet
date: 2021-03-01
outcome: open
apology: "no"
---
Zo veranderden de tarieven:

| Maand | Vast recht per maand | Leveringstarief per kWh | Netbeheerkosten | Energiebelasting | Totaal per maand |
|---|---|---|---|---|---|
| januari 2021 | €&nbsp;12,3456789 | €&nbsp;0,2345678 | €&nbsp;23,4567890 | €&nbsp;0,0987654321 | €&nbsp;104,123456 |
"""


LONG_WORDS_STORY = """\
---
title: Glasnetklantenservicemedewerkersondersteuningsafdelingsmanagerbevestigingsnummer
company: glasnet
date: 2021-03-01
outcome: open
apology: "no"
tags: [Klantenservicemedewerkersondersteuningsafdelingsmanagerbevestigingsnummer]
timeline:
  - date: 2021-03-02
    text: "Formulier op https://www.glasnet.example/klantenservice/storing-melden/bevestiging?ticket=12345678901234567890123456789 ingevuld"
updates:
  - date: 2021-03-05
    text: "Nog niets: https://www.glasnet.example/klantenservice/storing-melden/bevestiging?ticket=12345678901234567890123456789"
---
Zie https://www.glasnet.example/klantenservice/storing-melden/bevestiging?ticket=12345678901234567890123456789 voor het ticket.
"""


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with two stories as imported posts can be: a wide table, and words
    longer than a phone's line (a pasted URL, a long compound) -> its output folder."""
    import shutil

    site = tmp_path_factory.mktemp("pasted") / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    (site / "content/stories/tarieven.md").write_text(WIDE_TABLE_STORY, encoding="utf-8")
    (site / "content/stories/lange-woorden.md").write_text(LONG_WORDS_STORY, encoding="utf-8")
    out = site.parent / "out"
    result = run_cli("build", site, "--out", out, "--quiet", "--no-search")
    assert result.returncode == 0, result.stderr
    return out


def test_a_wide_table_in_a_story_scrolls_in_its_own_box_not_the_page(pasted: Path, phone: object,
                                                                     serve_dir: Callable[[Path], str]) -> None:
    phone.goto(serve_dir(pasted) + "stories/tarieven/")  # type: ignore[attr-defined]
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= phone.evaluate("window.innerWidth")  # type: ignore[attr-defined]
    box = phone.evaluate("(() => { const t = document.querySelector('.prose table');"  # type: ignore[attr-defined]
                         " return [t.scrollWidth, t.clientWidth]; })()")
    assert box[0] > box[1]  # wider than its box: it scrolls there


def test_words_longer_than_a_phones_line_break_on_every_page(pasted: Path, phone: object,
                                                            serve_dir: Callable[[Path], str]) -> None:
    base = serve_dir(pasted)
    wide = {}
    for name in _pages(pasted):
        phone.goto(base + name)  # type: ignore[attr-defined]
        width = phone.evaluate("document.scrollingElement.scrollWidth")  # type: ignore[attr-defined]
        if width > phone.evaluate("window.innerWidth"):  # type: ignore[attr-defined]
            wide[name] = width
    assert wide == {}
