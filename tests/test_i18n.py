"""i18n.py: exact strings in Dutch and English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.i18n import (
    STRINGS,
    format_compensation,
    format_date,
    format_days,
    format_month,
    format_rate,
    label,
    strings,
)
from generator.model import Actor, Apology, Channel, Compensation, Language, Outcome


@pytest.mark.parametrize(
    ("d", "language", "expected"),
    [
        (date(2015, 12, 16), "nl", "16 december 2015"),
        (date(2015, 12, 16), "en", "16 December 2015"),
        (date(2014, 3, 1), Language.NL, "1 maart 2014"),
        (date(2014, 3, 1), Language.EN, "1 March 2014"),
    ],
)
def test_format_date(d: date, language: str, expected: str) -> None:
    assert format_date(d, language) == expected


@pytest.mark.parametrize(("language", "expected"), [("nl", "december 2015"), ("en", "December 2015")])
def test_format_month(language: str, expected: str) -> None:
    assert format_month(date(2015, 12, 16), language) == expected


@pytest.mark.parametrize(
    ("days", "language", "expected"),
    [(1, "nl", "1 dag"), (8, "nl", "8 dagen"), (7.5, "nl", "7,5 dagen"), (8.0, "nl", "8 dagen"),
     (0, "en", "0 days"), (1, "en", "1 day"), (7.5, "en", "7.5 days")],
)
def test_format_days(days: float, language: str, expected: str) -> None:
    assert format_days(days, language) == expected


def test_format_rate() -> None:
    assert format_rate(0.4, "nl") == "40%"
    assert format_rate(2 / 3, "en") == "67%"


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (Outcome.RESOLVED, "Opgelost", "Resolved"),
        (Outcome.GAVE_UP, "Opgegeven", "Gave up"),
        (Apology.YES, "Excuses", "Apologised"),
        (Apology.NO, "Geen excuses", "No apology"),
        (Channel.WEBFORM, "Webformulier", "Web form"),
        (Actor.THIRD_PARTY, "Derde partij", "Third party"),
    ],
)
def test_labels(value: Outcome, nl: str, en: str) -> None:
    assert label(value, "nl") == nl
    assert label(value, Language.EN) == en


def test_every_enum_value_has_a_label_in_every_language() -> None:
    for language in Language:
        for enum in (Outcome, Apology, Channel, Actor):
            for value in enum:
                assert label(value, language)


def test_languages_have_the_same_keys() -> None:
    assert STRINGS[Language.NL].keys() == STRINGS[Language.EN].keys()
    assert strings("nl")["stories"] == "Verhalen"
    assert strings("nl")["companies"] == "Bedrijven"


@pytest.mark.parametrize(
    ("compensation", "language", "expected"),
    [
        (Compensation(note="6 euro korting"), "nl", "6 euro korting"),
        (Compensation(amount=Decimal("6"), currency="EUR"), "nl", "€\xa06,00"),
        (Compensation(amount=Decimal("6"), currency="EUR", note="korting"), "en", "€6.00 (korting)"),
        (Compensation(amount=Decimal("12.5")), "nl", "12,5"),
    ],
)
def test_format_compensation(compensation: Compensation, language: str, expected: str) -> None:
    assert format_compensation(compensation, language) == expected


def test_no_key_is_shadowed_by_a_dict_method() -> None:
    # Jinja2 looks up `t.update` as an attribute first, which would be dict.update.
    for table in STRINGS.values():
        assert not [key for key in table if hasattr(dict, key)]
