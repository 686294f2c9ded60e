"""UI strings (the tables are in strings.py) and date/number formatting for Dutch and
English, as pure functions.

Labels for closed vocabularies are keyed "<kind>.<value>": "outcome.gave-up",
"apology.no", "channel.webform", "actor.third-party".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache, cache
from decimal import Decimal

from babel.core import Locale
from babel.numbers import format_currency, format_decimal, format_percent as _babel_percent

from generator.model import Actor, Apology, Channel, Company, Compensation, Language, Outcome
from generator.strings import RECORD_WORDS, STRINGS


def strings(language: Language | str) -> Mapping[str, str]:
    """Language -> its UI strings."""
    try:
        return STRINGS[language]  # type: ignore[index]  # 'nl' and Language.NL hash alike
    except KeyError:
        return STRINGS[Language(language)]


_KINDS = {Outcome: "outcome", Apology: "apology", Channel: "channel", Actor: "actor"}


@lru_cache(maxsize=1024)  # a few dozen values, shown on every card and story page
def label(value: Outcome | Apology | Channel | Actor, language: Language | str) -> str:
    """An enum value, language -> its display label: Outcome.GAVE_UP, nl -> 'Opgegeven'."""
    return strings(language)[f"{_KINDS[type(value)]}.{value.value}"]


@cache
def _locale(language: str) -> Locale:
    """A language code -> babel's Locale, parsed once: babel's format functions given a
    code parse it and make a new Locale on every call (~8 us, 1% of a build)."""
    return Locale.parse(language)


@cache
def _month_names(locale: str) -> tuple[str, ...]:
    """Locale -> its month names as babel's MMMM writes them in a date, January at [1]."""
    names = _locale(locale).months["format"]["wide"]  # babel.dates.get_month_names, without
    # importing babel.dates (which looks up the machine's time zone on import: ~15 ms of every build)
    return ("", *(names[month] for month in range(1, 13)))


def format_date(d: date, language: Language | str) -> str:
    """date(2015, 12, 16), nl -> '16 december 2015'; en -> '16 December 2015'."""
    # babel's format_date(d, "d MMMM y"), without parsing the pattern for every date:
    # d and y are the plain numbers, MMMM the month's name.
    return f"{d.day} {_month_names(str(language))[d.month]} {d.year}"


def format_month(d: date, language: Language | str) -> str:
    """date(2015, 12, 16), nl -> 'december 2015'; en -> 'December 2015'."""
    return f"{_month_names(str(language))[d.month]} {d.year}"  # babel's "MMMM y"


@lru_cache(maxsize=65536, typed=True)  # figures repeat in every table a company appears in
def format_number(value: float | int | Decimal, language: Language | str) -> str:
    """7.5, nl -> '7,5'; 8.0 -> '8'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=_locale(str(language)))


@lru_cache(maxsize=65536)
def format_days(days: float | int, language: Language | str) -> str:
    """8, nl -> '8 dagen'; 1, en -> '1 day'; 7.5, nl -> '7,5 dagen'."""
    text = strings(language)
    if days == 1:
        return text["day_one"]
    return text["days"].format(count=format_number(days, language))


def format_wait(days: int, language: Language | str) -> str:
    """28, nl -> '4 weken'; 7, en -> '1 week'; 10, nl -> '10 dagen' (whole weeks as weeks)."""
    text = strings(language)
    if days and days % 7 == 0:
        weeks = days // 7
        return text["week_one"] if weeks == 1 else text["weeks"].format(count=weeks)
    return format_days(days, language)


@lru_cache(maxsize=65536, typed=True)
def format_rate(rate: float, language: Language | str) -> str:
    """0.755, nl -> '76%'."""
    return _babel_percent(rate, locale=_locale(str(language)))


def format_names(names: Sequence[str], language: Language | str) -> str:
    """['A', 'B', 'C'], nl -> 'A, B en C'; ['A'] -> 'A'; [] -> ''."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {strings(language)['and']} {names[-1]}"


def format_including(companies: Sequence[Company], language: Language | str) -> str:
    """Subsidiaries, language -> 'inclusief Stroomtij en Kabelwerk' ('' when none)."""
    if not companies:
        return ""
    return strings(language)["including"].format(names=format_names([c.name for c in companies], language))


def format_money(amount: Decimal, currency: str, language: Language | str) -> str:
    """Decimal('12.5'), 'EUR', nl -> '€ 12,50'; without a currency just the number."""
    return format_compensation(Compensation(amount=amount, currency=currency), language)


def format_compensation(compensation: Compensation, language: Language | str) -> str:
    """Compensation(6, 'EUR', 'korting'), nl -> '€ 6,00 (korting)'; a note alone -> the note."""
    if compensation.amount is None:
        return compensation.note
    if compensation.currency:
        amount = format_currency(compensation.amount, compensation.currency, locale=_locale(str(language)))
    else:
        amount = format_number(compensation.amount, language)
    return f"{amount} ({compensation.note})" if compensation.note else amount


_EN_TIMES = {1: "once", 2: "twice"}


def _times(count: int, words: Mapping[str, str], key: str, language: Language | str) -> str:
    if str(language) == "en":
        return words[key].format(times=_EN_TIMES.get(count, f"{count} times"))
    return words[key].format(count=count)


def format_record(
    *, cases: int, resolved: int, resolution_rate: float | None, open_cases: int,
    apologies: int, partial: int, median_response: float | None, language: Language | str,
) -> str:
    """A company's figures, language -> its record in one sentence:
    3 cases, 2 resolved (rate 2/3), 1 apology, median response 3, nl ->
    '3 zaken, 2 opgelost (67%), 1 keer excuses, eerste reactie meestal na 3 dagen.'"""
    words = RECORD_WORDS[Language(language)]
    if not cases:
        return words["none"]
    parts = [words["case_one"] if cases == 1 else words["cases"].format(count=cases)]
    done = words["resolved"].format(count=resolved)
    parts.append(f"{done} ({format_rate(resolution_rate, language)})" if resolution_rate is not None else done)
    if open_cases:
        parts.append(words["open"].format(count=open_cases))
    if apologies:
        parts.append(_times(apologies, words, "apology_times", language))
    else:
        parts.append(words["apology_never_full"] if partial else words["apology_never"])
    if partial:
        parts.append(_times(partial, words, "partial", language))
    if median_response is None:
        parts.append(words["response_unknown"])
    else:
        days = int(median_response + 0.5)  # a median of 2.5 days reads as 3: whole days in words
        after = words["response_after"].format(days=format_days(days, language))
        parts.append(words["response_same_day"] if days == 0 else after)
    return ", ".join(parts) + "."
