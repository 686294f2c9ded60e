"""Charts as view values: the SVG (from svg.py) together with the numbers it shows,
so a template can print both the picture and a table of its figures for screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.pages.svg import Series, share_bar, stacked_bars
from generator.i18n import label, strings
from generator.model import Apology, Language, Outcome, Story
from generator.site.stats import Record, YearCount, cases_per_year

OUTCOME_ORDER = (Outcome.RESOLVED, Outcome.OPEN, Outcome.UNRESOLVED, Outcome.GAVE_UP)
APOLOGY_ORDER = (Apology.YES, Apology.PARTIAL, Apology.NO)


@dataclass(frozen=True)
class YearChart:
    """Cases per year by outcome: `columns` label the table, `rows` are
    (year, counts in column order, total)."""

    svg: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[int, ...], int], ...]


@dataclass(frozen=True)
class ApologyChart:
    """Apologies yes / partial / no as one bar; `rows` are (label, count)."""

    svg: str
    title: str
    rows: tuple[tuple[str, int], ...]


def year_chart(stories: Iterable[Story], language: Language, *, chart_id: str) -> YearChart | None:
    """Stories, language, a page-unique id -> their cases-per-year chart; None without stories."""
    years: tuple[YearCount, ...] = cases_per_year(stories)
    if not years:
        return None
    text = strings(language)
    series = [Series(str(outcome), label(outcome, language)) for outcome in OUTCOME_ORDER]
    rows = tuple((y.year, tuple(y.outcomes[o] for o in OUTCOME_ORDER), y.total) for y in years)
    title = text["chart_per_year"]
    svg = stacked_bars([(str(year), counts) for year, counts, _ in rows], series, title=title, chart_id=chart_id)
    return YearChart(svg, title, tuple(s.label for s in series), rows)


def apology_chart(record: Record, language: Language, *, chart_id: str) -> ApologyChart | None:
    """A Record, language, a page-unique id -> its apology bar; None without cases."""
    if not record.cases:
        return None
    text = strings(language)
    counts = (record.apology_yes, record.apology_partial, record.apology_no)
    series = [Series(str(apology), label(apology, language)) for apology in APOLOGY_ORDER]
    title = text["chart_apology"]
    svg = share_bar(counts, series, title=title, chart_id=chart_id)
    return ApologyChart(svg, title, tuple((s.label, n) for s, n in zip(series, counts)))
