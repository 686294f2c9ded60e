"""Plain values -> checked values, or INVALID.

What each field kind accepts lives here once; validate.Checker uses these functions on
YAML Nodes' values and explains a rejection.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from generator.read.schema import UNKNOWN, Field, Kind
from generator.urls import SLUG_MAX, slugify

INVALID: Any = object()  # a value that failed its check (already reported)
ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_RELATIVE = re.compile(r"^(?:[/\\]|[A-Za-z][A-Za-z0-9+.-]*:)")  # '/x', '\\x', 'C:', 'file:', 'mailto:'
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Value(NamedTuple):
    """A checked value and the line of its key.

    A NamedTuple rather than a frozen dataclass: a 10,000-story site makes ~220,000 of
    them, and a frozen dataclass takes about twice as long to build.
    """

    value: Any
    line: int


def slug_of(text: str) -> str:
    """urls.slugify(text), without its dozen passes when text is already a short slug.

    Lowercase ASCII words joined by single '-' pass every step of python-slugify's legacy
    pipeline unchanged (no quotes, entities, accents, capitals or other characters; no
    dash runs; shorter than SLUG_MAX, so not truncated). File names mostly look like that
    and are all different, so slugify's memo does not help them.
    """
    if len(text) < SLUG_MAX and _PLAIN_SLUG.fullmatch(text):
        return text
    return slugify(text)


# What each kind accepts, as plain values -> the checked value, or INVALID. Checker
# explains a rejection with the Node.

def accept_string(spec: Field, value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() if spec.kind is Kind.STRING else value
    return INVALID


def accept_date(spec: Field, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return date(*map(int, value.strip().split("-")))
        except ValueError:
            return INVALID
    return INVALID


def accept_boolean(spec: Field, value: Any) -> Any:
    return value if isinstance(value, bool) else INVALID


def accept_integer(spec: Field, value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        return INVALID
    if spec.maximum is not None and value > spec.maximum:
        return INVALID
    return INVALID if spec.minimum is not None and value < spec.minimum else value


# Numbers (compensation amounts) stay below this: 28 significant digits is all Decimal's
# default context formats, and a 400-digit int is too large for a float.
MAX_NUMBER = 10**12


def accept_number(spec: Field, value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return INVALID
    if isinstance(value, float) and not math.isfinite(value):
        return INVALID
    if value < 0 or value >= MAX_NUMBER:
        return INVALID
    return Decimal(str(value))  # str() keeps 6.5 as 6.5, not its binary expansion


def accept_enum(spec: Field, value: Any) -> Any:
    if isinstance(value, bool):
        # YAML 1.1 reads yes/no/on/off as booleans; map them back on purpose.
        value = "yes" if value else "no"
    if isinstance(value, str) and ((value := value.strip()) in spec.choices or (spec.unknown and value == UNKNOWN)):
        return value
    return INVALID


def accept_slug(spec: Field, value: Any) -> Any:
    return value if isinstance(value, str) and value and slug_of(value) == value else INVALID


def accept_currency(spec: Field, value: Any) -> Any:
    return value if isinstance(value, str) and _CURRENCY.match(value) else INVALID


def accept_url(spec: Field, value: Any) -> Any:
    if not isinstance(value, str):
        return INVALID
    url = value.strip()
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # urlsplit rejects broken IPv6 hosts and ports
        valid = False
    return url if valid and not any(char.isspace() for char in url) else INVALID


def accept_url_or_path(spec: Field, value: Any) -> Any:
    """An absolute http(s) URL, or a one-line path relative to the site ('../old/post.txt')."""
    if not isinstance(value, str):
        return INVALID
    text = value.strip()
    if accept_url(spec, text) is not INVALID:
        return text
    if not text or _NOT_RELATIVE.match(text) or _CONTROL.search(text):
        return INVALID
    return text

