"""charts.py and chartviews.py: every SVG is well-formed, titled, escaped, and its bars
add up to the numbers it was given."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from generator.pages.svg import LABEL_WIDTH, TOTAL_ROOM, WIDTH, Series, nice_top, share_bar, stacked_bars
from generator.pages.charts import apology_chart, year_chart
from generator.model import Apology, Language, Outcome
from generator.site.stats import record_of
from tests.test_figures import NOW, STORIES, story

SVG = "{http://www.w3.org/2000/svg}"
PLOT_WIDTH = WIDTH - LABEL_WIDTH - TOTAL_ROOM
SERIES = [Series("resolved", "Opgelost"), Series("open", "Open <&> \"x\"")]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text
    ids = root.get("aria-labelledby", "").split()
    assert ids == [title.get("id"), root.find(f"{SVG}desc").get("id")]  # type: ignore[union-attr]
    return root


def segments(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("data-count")]


@pytest.mark.parametrize(
    "rows",
    [[("2014", [1, 0])], [("2014", [2, 3]), ("2015", [0, 0]), ("2016", [7, 1])], [("x", [0, 0])]],
)
def test_stacked_bars_add_up(rows: list[tuple[str, list[int]]]) -> None:
    root = parse(stacked_bars(rows, SERIES, title="Cases <per> year", chart_id="c1"))
    bars = root.findall(f"{SVG}g[@class='bar']")
    assert len(bars) == len(rows)
    top, _ = nice_top(max(sum(c) for _, c in rows))
    for bar, (label, counts) in zip(bars, rows):
        counted = [int(r.get("data-count", "0")) for r in bar.iter(f"{SVG}rect")]
        assert sum(counted) == sum(counts)
        assert [c for c in counts if c] == counted
        lengths = sum(float(r.get("width", "0")) for r in bar.iter(f"{SVG}rect"))
        assert lengths == pytest.approx(PLOT_WIDTH * sum(counts) / top, abs=0.02)
        assert label in [t.text for t in bar.iter(f"{SVG}text")]


def test_text_is_escaped() -> None:
    svg = stacked_bars([("<b>", [1, 1])], SERIES, title="A & B <script>", chart_id='x"y')
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "A & B <script>"  # type: ignore[union-attr]
    assert root.get("id") == 'x"y'
    assert 'Open <&> "x"' in [t.text for t in root.iter(f"{SVG}text")]


def test_colours_come_from_classes_with_text_in_current_colour() -> None:
    root = parse(stacked_bars([("2014", [1, 2])], SERIES, title="t", chart_id="c"))
    assert {r.get("class") for r in segments(root)} == {"seg seg-resolved", "seg seg-open"}
    assert {t.get("fill") for t in root.iter(f"{SVG}text")} == {"currentColor"}


def test_empty_charts_are_empty_strings() -> None:
    assert stacked_bars([], SERIES, title="t", chart_id="c") == ""
    assert share_bar([0, 0], SERIES, title="t", chart_id="c") == ""


def test_share_bar_widths_are_proportional() -> None:
    series = [Series("yes", "Ja"), Series("partial", "Deels"), Series("no", "Nee")]
    root = parse(share_bar([1, 0, 3], series, title="Excuses", chart_id="a"))
    rects = segments(root)
    assert [int(r.get("data-count", "0")) for r in rects] == [1, 3]
    widths = [float(r.get("width", "0")) for r in rects]
    assert widths[1] == pytest.approx(3 * widths[0], abs=0.02)
    assert sum(widths) == pytest.approx(WIDTH - 16, abs=0.02)


@pytest.mark.parametrize("top", [0, 1, 3, 4, 5, 9, 17, 100])
def test_nice_top_covers_the_largest_value(top: int) -> None:
    axis, step = nice_top(top)
    assert axis >= top and axis % step == 0 and axis // step <= 5


def test_year_chart_view_matches_its_table() -> None:
    chart = year_chart(STORIES, Language.EN, chart_id="years")
    assert chart is not None
    assert chart.columns == ("Resolved", "Open", "Unresolved", "Gave up")
    assert [(year, total) for year, _, total in chart.rows] == [(2015, 1), (2016, 4)]
    assert chart.rows[1][1] == (1, 2, 0, 1)
    root = parse(chart.svg)
    assert sum(int(r.get("data-count", "0")) for r in segments(root)) == len(STORIES)
    assert year_chart((), Language.EN, chart_id="years") is None


def test_apology_chart_view() -> None:
    chart = apology_chart(record_of(STORIES, NOW), Language.NL, chart_id="apology")
    assert chart is not None
    assert chart.rows == (("Excuses", 1), ("Gedeeltelijke excuses", 1), ("Geen excuses", 3))
    parse(chart.svg)
    assert apology_chart(record_of((), NOW), Language.NL, chart_id="a") is None
    only = apology_chart(record_of([story("s", "x", apology=Apology.YES, outcome=Outcome.OPEN,
                                          date=date(2016, 1, 1))], NOW), Language.NL, chart_id="a")
    assert only is not None and len(segments(parse(only.svg))) == 1


def test_many_years_make_a_taller_chart_not_a_wider_one() -> None:
    """A phone shrinks a chart to its column: the width must not grow with the years,
    or its text shrinks below 11 px."""
    few = parse(stacked_bars([("2014", [1, 0])], SERIES, title="t", chart_id="c"))
    many = parse(stacked_bars([(str(y), [1, 1]) for y in range(2000, 2030)], SERIES, title="t", chart_id="c"))
    assert few.get("width") == many.get("width") == str(WIDTH)
    assert float(many.get("height", "0")) > float(few.get("height", "0")) + 29 * 20


def test_legend_items_wrap_to_the_width_without_overlapping() -> None:
    series = [Series("yes", "Excuses 12"), Series("partial", "Gedeeltelijke excuses 10"), Series("no", "Geen excuses 3")]
    root = parse(share_bar([12, 10, 3], series, title="t", chart_id="a"))
    boxes = [(float(r.get("x", "0")), float(r.get("y", "0"))) for r in root.iter(f"{SVG}rect") if not r.get("data-count")]
    rows: dict[float, list[float]] = {}
    for x, y in boxes:
        rows.setdefault(y, []).append(x)
    assert len(rows) >= 2  # three labels of this length do not fit on one 320-unit row
    for xs in rows.values():
        assert all(b - a >= 17 + 10 * 13 * 0.6 for a, b in zip(xs, xs[1:]))
