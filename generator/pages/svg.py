"""Charts as SVG strings, drawn at build time: no chart library, no JavaScript.

Pure functions from numbers and labels to an `<svg>` element meant to be inlined in a
page. Every chart has a `<title>` and a `<desc>` (role="img", aria-labelledby), every
text is escaped, and colours come from CSS classes (`seg-<key>`, styled in the theme
for light and dark mode) with `fill` attributes only as a fallback outside a page.
Each segment carries its count in `data-count`, so tests can check the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from math import ceil

FALLBACK_FILLS = {
    "open": "#b07a10", "resolved": "#2b8a4b", "unresolved": "#b42a2a", "gave-up": "#6b7178",
    "yes": "#2b8a4b", "partial": "#b07a10", "no": "#b42a2a",
}
# Sizes in user units. A chart is drawn WIDTH wide and shrinks with its column, so text
# of FONT units stays at least 11 px tall down to a 290 px wide column (a 390 px phone
# leaves about 308); bars run sideways, so many years make a taller chart, not a wider one.
WIDTH = 320
FONT = 13  # the theme's .chart font-size; used here to estimate legend widths
LABEL_WIDTH = 44  # room left of the bars for the year
TOTAL_ROOM = 30  # room right of the longest bar for its total
ROW, BAR = 24, 16
PLOT_TOP = 4
LEGEND_ROW = 20


@dataclass(frozen=True)
class Series:
    """One kind of segment: a CSS key ('resolved') and its display label."""

    key: str
    label: str


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate without float noise: 12.0 -> '12', 12.3456 -> '12.35'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _open(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    ident = _attr(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" height="{_num(height)}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def _rect(key: str, x: float, y: float, width: float, height: float, count: int, tip: str) -> str:
    return (
        f'<rect class="seg seg-{_attr(key)}" fill="{FALLBACK_FILLS.get(key, "#777777")}" '
        f'x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
        f'data-count="{count}"><title>{escape(tip)}</title></rect>'
    )


def _legend(series: Sequence[Series], top: float, width: float) -> tuple[list[str], float]:
    """Series, y, chart width -> legend items flowed into rows that fit the width, and
    their height (label widths estimated from the font size: no font metrics at build time)."""
    parts = ['<g class="legend">']
    x, y = 8.0, top
    for item in series:
        item_width = 17 + len(item.label) * FONT * 0.6 + 14
        if x > 8 and x + item_width > width:
            x, y = 8.0, y + LEGEND_ROW
        parts.append(
            f'<rect class="seg seg-{_attr(item.key)}" fill="{FALLBACK_FILLS.get(item.key, "#777777")}" '
            f'x="{_num(x)}" y="{_num(y)}" width="12" height="12"/>'
            f'<text x="{_num(x + 17)}" y="{_num(y + 11)}" fill="currentColor">{escape(item.label)}</text>'
        )
        x += item_width
    parts.append("</g>")
    return parts, y - top + LEGEND_ROW if series else 0


def nice_top(largest: int) -> tuple[int, int]:
    """The largest value -> (axis top, tick step), whole numbers with at most 5 ticks."""
    step = max(1, ceil(largest / 4))
    return max(step, step * ceil(largest / step)), step


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *, title: str, chart_id: str
) -> str:
    """[(bar label, counts per series)], series -> a stacked bar chart, one bar per row
    from top to bottom; '' without rows.

    Segments stack left to right in series order; each bar's total is written after it.
    """
    if not rows:
        return ""
    top, step = nice_top(max(sum(counts) for _, counts in rows))
    plot_width = WIDTH - LABEL_WIDTH - TOTAL_ROOM
    scale = plot_width / top
    base = PLOT_TOP + ROW * len(rows)
    legend, legend_height = _legend(series, base + 30, WIDTH)
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s.label} {n}" for s, n in zip(series, counts) if n) if sum(counts)
        else f"{label}: 0"
        for label, counts in rows
    )
    parts = _open(chart_id, WIDTH, base + 30 + legend_height, title, desc)
    parts.append(_axis(top, step, scale, base))
    for index, (label, counts) in enumerate(rows):
        y = PLOT_TOP + index * ROW + (ROW - BAR) / 2
        x = float(LABEL_WIDTH)
        parts.append('<g class="bar">')
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{_num(y + BAR - 3)}" text-anchor="end" '
            f'fill="currentColor">{escape(label)}</text>'
        )
        for item, count in zip(series, counts):
            if count:
                width = count * scale
                parts.append(_rect(item.key, x, y, width, BAR, count, f"{label}: {item.label} {count}"))
                x += width
        if sum(counts):
            parts.append(
                f'<text class="total" x="{_num(x + 5)}" y="{_num(y + BAR - 3)}" '
                f'fill="currentColor">{sum(counts)}</text>'
            )
        parts.append("</g>")
    parts += legend
    parts.append("</svg>")
    return "".join(parts)


def _axis(top: int, step: int, scale: float, base: float) -> str:
    """Axis top, tick step, units per case, bottom of the bars -> grid lines with their numbers."""
    parts = ['<g class="axis">']
    for tick in range(0, top + 1, step):
        x = LABEL_WIDTH + tick * scale
        parts.append(
            f'<line x1="{_num(x)}" x2="{_num(x)}" y1="{PLOT_TOP}" y2="{_num(base)}" '
            f'stroke="currentColor" stroke-opacity="0.2"/>'
            f'<text x="{_num(x)}" y="{_num(base + 16)}" text-anchor="middle" fill="currentColor">{tick}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def share_bar(counts: Sequence[int], series: Sequence[Series], *, title: str, chart_id: str) -> str:
    """Counts per series -> one horizontal bar split into shares; '' when all are 0."""
    total = sum(counts)
    if not total:
        return ""
    width, bar_height = WIDTH, 28
    legend_series = [Series(s.key, f"{s.label} {n}") for s, n in zip(series, counts)]
    legend, legend_height = _legend(legend_series, bar_height + 14, width)
    desc = ", ".join(f"{s.label}: {n}" for s, n in zip(series, counts))
    parts = _open(chart_id, width, bar_height + 14 + legend_height, title, desc)
    x = 8.0
    for item, count in zip(series, counts):
        if count:
            share = (width - 16) * count / total
            parts.append(_rect(item.key, x, 4, share, bar_height, count, f"{item.label}: {count}"))
            x += share
    parts += legend
    parts.append("</svg>")
    return "".join(parts)
