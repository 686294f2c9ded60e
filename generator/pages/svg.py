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
SLOT = 46  # horizontal room per bar, in user units
BAR = 30
PLOT_TOP, PLOT_HEIGHT = 16, 160
AXIS_WIDTH = 34
LEGEND_ITEM = 130
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
    """Series, y, chart width -> legend items wrapped to the width, and their height."""
    per_row = max(1, int((width - 8) // LEGEND_ITEM))
    parts = ['<g class="legend">']
    for index, item in enumerate(series):
        x = 8 + (index % per_row) * LEGEND_ITEM
        y = top + (index // per_row) * LEGEND_ROW
        parts.append(
            f'<rect class="seg seg-{_attr(item.key)}" fill="{FALLBACK_FILLS.get(item.key, "#777777")}" '
            f'x="{_num(x)}" y="{_num(y)}" width="12" height="12"/>'
            f'<text x="{_num(x + 17)}" y="{_num(y + 10.5)}" fill="currentColor">{escape(item.label)}</text>'
        )
    parts.append("</g>")
    return parts, ceil(len(series) / per_row) * LEGEND_ROW


def nice_top(largest: int) -> tuple[int, int]:
    """The largest value -> (axis top, tick step), whole numbers with at most 5 ticks."""
    step = max(1, ceil(largest / 4))
    return max(step, step * ceil(largest / step)), step


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series], *, title: str, chart_id: str
) -> str:
    """[(bar label, counts per series)], series -> a stacked bar chart; '' without rows.

    Segments stack bottom-up in series order; each bar's total is written above it.
    """
    if not rows:
        return ""
    width = max(AXIS_WIDTH + SLOT * len(rows) + 8, 8 + LEGEND_ITEM * min(len(series), 2))
    top, step = nice_top(max(sum(counts) for _, counts in rows))
    scale = PLOT_HEIGHT / top
    base = PLOT_TOP + PLOT_HEIGHT
    legend, legend_height = _legend(series, base + 34, width)
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s.label} {n}" for s, n in zip(series, counts) if n) if sum(counts)
        else f"{label}: 0"
        for label, counts in rows
    )
    parts = _open(chart_id, width, base + 34 + legend_height, title, desc)
    parts.append('<g class="axis">')
    for tick in range(0, top + 1, step):
        y = base - tick * scale
        parts.append(
            f'<line x1="{AXIS_WIDTH}" x2="{_num(width - 4)}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="currentColor" stroke-opacity="0.2"/>'
            f'<text x="{AXIS_WIDTH - 6}" y="{_num(y + 4)}" text-anchor="end" fill="currentColor">{tick}</text>'
        )
    parts.append("</g>")
    for index, (label, counts) in enumerate(rows):
        x = AXIS_WIDTH + index * SLOT + (SLOT - BAR) / 2
        y = base
        parts.append('<g class="bar">')
        for item, count in zip(series, counts):
            if count:
                height = count * scale
                y -= height
                parts.append(_rect(item.key, x, y, BAR, height, count, f"{label}: {item.label} {count}"))
        if sum(counts):
            parts.append(
                f'<text class="total" x="{_num(x + BAR / 2)}" y="{_num(y - 4)}" text-anchor="middle" '
                f'fill="currentColor">{sum(counts)}</text>'
            )
        parts.append(
            f'<text x="{_num(x + BAR / 2)}" y="{_num(base + 18)}" text-anchor="middle" '
            f'fill="currentColor">{escape(label)}</text></g>'
        )
    parts += legend
    parts.append("</svg>")
    return "".join(parts)


def share_bar(counts: Sequence[int], series: Sequence[Series], *, title: str, chart_id: str) -> str:
    """Counts per series -> one horizontal bar split into shares; '' when all are 0."""
    total = sum(counts)
    if not total:
        return ""
    width, bar_height = 360, 28
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
