"""Dates written in Dutch or English text -> `date` values.

"3 maart 2019", "maandag 3 mrt. 2019", "March 3, 2014", "3rd of March 2014", "03-03-2019",
"2019-03-03", and without a year ("20 februari") given the year to assume. Relative
phrases ("8 dagen later", "a month later") move on from the last date seen.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3, "mrt": 3,
    "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|e|ste|de|\.(?= ))?"  # '30. april 2009' as Scandinavian and German write it
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# one separator twice: '11/12-2015' is a magazine's issue number, no date
# the second figure up to 31: the day, where the month comes first ('3/28/2025', as in the US)
_NUMERIC = re.compile(rf"(?<![\d/.-])(?P<d>[0-3]?\d)(?P<sep>[-/.])(?P<mm>[0-3]?\d)(?P=sep){_YEAR}\b")
_PATTERNS = (
    # a span or a pair, as its first day: 'van 3 tot 17 februari', 'op 6 en op 12 februari', 'from 3 to 17 March'
    re.compile(rf"\b{_DAY}\s*(?:tot(?: en met)?|t/m|-|–|to|until|till|and|en|,)\s*(?:op\s+|on\s+|the\s+)?[0-3]?\d"
               rf"(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?(?P<m>{_MONTH})\.?(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH})\.?(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b(?P<m>{_MONTH})\.?\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<mm>[01]?\d)-(?P<d>[0-3]?\d)(?:\b|(?=T\d))"),  # "2025-03-03T10:00" too
    _NUMERIC,
    # day and month in figures without a year, only after a word that says a date follows ('op 12/4',
    # 'since 4/12'): alone, '3/4' is as often three quarters
    re.compile(r"\b(?:op|sinds|vanaf|tot|per|on|since|from|until|by|ma|di|wo|do|vr|za|zo|mon|tue|wed|thu|fri|sat|sun)\.?"
               r"\s+(?P<d>[0-3]?\d)(?P<sep>[/-])(?P<mm>[01]?\d)(?![\d/.-])",
               re.IGNORECASE),
)
_NUMBERS = {"een": 1, "één": 1, "a": 1, "an": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3,
            "vier": 4, "four": 4, "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7,
            "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10, "ten": 10, "paar": 2, "couple of": 2}
_UNITS = {"dag": 1, "dagen": 1, "day": 1, "days": 1, "week": 7, "weken": 7, "weeks": 7,
          "maand": 30, "maanden": 30, "month": 30, "months": 30}
_RELATIVE = re.compile(
    rf"\b(?P<n>\d+|{'|'.join(_NUMBERS)})\s+(?P<u>{'|'.join(_UNITS)})\s+(?:later|daarna|erna|after(?:wards)?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A date in a text: where it starts and ends, its value, and whether a year was written."""

    start: int
    end: int
    value: date
    has_year: bool


def day_first(text: str) -> bool | None:
    """An English text -> how it writes dates in figures: day first ('13/06/2023', as in
    the UK), month first ('06/13/2023', as in the US), or None when no date in it tells
    ('05/06/2023' is either). A Dutch text always writes the day first."""
    orders = {int(m.group("d")) > 12 for m in _NUMERIC.finditer(text) if (int(m.group("d")) > 12) != (int(m.group("mm")) > 12)}
    return orders.pop() if len(orders) == 1 else None


def _value(match: re.Match[str], year: int | None, order: bool | None) -> tuple[date, bool] | None:
    parts = match.groupdict()
    day = int(parts["d"])
    month = MONTHS[parts["m"].lower()] if parts.get("m") else int(parts["mm"])
    if parts.get("sep") and order is not True:  # figures only: '05/06/2023'
        if order is None and day != month and day <= 12 and month <= 12:
            return None  # 5 June or May 6: the text does not say
        if order is False or month > 12:
            day, month = month, day
    written = parts.get("y")
    if written is None and year is None:
        return None
    try:
        return date(int(written or year), month, day), written is not None  # type: ignore[arg-type]
    except ValueError:
        return None


def find_dates(text: str, *, year: int | None = None, order: bool | None = True) -> list[Found]:
    """Text -> every date in it, in order; dates without a year only when `year` is given.
    `order`: how dates in figures are written (see day_first; None: a date in figures
    that could be either is left out)."""
    found: list[Found] = []
    for pattern in _PATTERNS:
        taken = sorted(found, key=lambda f: f.start)  # what earlier patterns read, by position
        starts = [f.start for f in taken]
        for match in pattern.finditer(text):
            here = bisect.bisect_left(starts, match.end())  # dates starting before this one ends
            if here and taken[here - 1].end > match.start():
                continue
            value = _value(match, year, order)
            if value is not None:
                found.append(Found(match.start(), match.end(), *value))
    return sorted(found, key=lambda f: f.start)


# A month and a year with no day: 'in October 2024', 'eind maart 2023'. 'klant sinds januari 2010' says
# when something began long before the story, not when the story is.
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+{_YEAR}\b", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:sinds|since|vanaf|from|klant|customer|member|lid|abonnee|subscriber)\b[^.!?]{0,25}$", re.IGNORECASE)


def month_said(text: str) -> date | None:
    """Text with no day in it -> the first day of the last month named with a year
    ('in October 2024'), or None; one after 'sinds', 'since', 'klant' is none."""
    found = None
    for match in _MONTH_YEAR.finditer(text):
        if _SINCE.search(text, max(0, match.start() - 60), match.start()):
            continue
        found = date(int(match.group("y")), MONTHS[match.group("m").lower()], 1)
    return found


def first_date(text: str) -> date | None:
    """Text -> the first date with a year written in it, or None."""
    return next((f.value for f in find_dates(text) if f.has_year), None)


# The day after the one before: 'De volgende dag', 'the next day', 'de dag erna'.
_NEXT_DAY = re.compile(r"\b(?:de volgende (?:dag|ochtend|morgen|middag|avond)|de dag erna|de dag daarna|daags daarna"
                       r"|(?:the )?next (?:day|morning|afternoon|evening)|the following (?:day|morning|afternoon|evening)"
                       r"|the day after)\b", re.IGNORECASE)
# 'Dezelfde dag belden ze terug', 'I rang them the same evening': the day of the sentence before.
_SAME_DAY = re.compile(r"\b(?:(?:de|die)zelfde (?:dag|ochtend|middag|avond)|later die dag"
                       r"|(?:that |the )?same (?:day|morning|afternoon|evening)|later that day)\b", re.IGNORECASE)


def relative_steps(text: str) -> Iterator[tuple[int, int, timedelta]]:
    """Text -> (start, end, how far on) for each '8 dagen later', 'a month later', 'de volgende dag',
    'the same day' (none), in the order written."""
    found = [(m.start(), m.end(), timedelta(days=(int(m.group("n")) if m.group("n").isdigit() else
                                                 _NUMBERS[m.group("n").lower()]) * _UNITS[m.group("u").lower()]))
             for m in _RELATIVE.finditer(text)]
    found += [(m.start(), m.end(), timedelta(days=1)) for m in _NEXT_DAY.finditer(text)]
    found += [(m.start(), m.end(), timedelta(days=0)) for m in _SAME_DAY.finditer(text)]
    yield from sorted(found)
