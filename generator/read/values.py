"""Plain values -> checked values, or INVALID; and the quick check of a whole mapping.

What each field kind accepts lives here once. validate.Checker uses these functions on
YAML Nodes and explains a rejection; quick_mapping uses them on load_plain's values
(plainyaml.py) with no Nodes and no messages, for files that have no problem at all,
so the two paths cannot disagree on a value.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
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
# explains a rejection with the Node; quick_mapping uses the same functions without
# Nodes for files load_plain could read, so the two paths cannot disagree on a value.
# The Field comes first so that quick_fields can bind it with functools.partial.

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


ACCEPT = {
    Kind.STRING: accept_string, Kind.TEXT: accept_string, Kind.DATE: accept_date,
    Kind.BOOLEAN: accept_boolean, Kind.INTEGER: accept_integer, Kind.NUMBER: accept_number,
    Kind.ENUM: accept_enum, Kind.SLUG: accept_slug, Kind.CURRENCY: accept_currency, Kind.URL: accept_url,
    Kind.URL_OR_PATH: accept_url_or_path,
}


Check = Callable[[Any], Any]  # one plain value -> its checked value, or INVALID


@dataclass(frozen=True)
class QuickFields:
    """A table of Fields made ready for quick_mapping: a check per key, the required keys."""

    checks: dict[str, Check]
    required: frozenset[str]


def quick_fields(fields: tuple[Field, ...]) -> QuickFields:
    """A table of Fields -> its QuickFields; build it once per table, not once per file."""
    return QuickFields({spec.name: _quick_check(spec) for spec in fields},
                       frozenset(spec.name for spec in fields if spec.required))


def quick_mapping(data: dict[str, tuple[int, Any]], fields: QuickFields) -> dict[str, Value] | None:
    """load_plain's {key: (line, value)} -> what Checker.mapping gives, or None when any
    key is unknown, missing, empty or invalid (Checker then says which, with its line)."""
    checks = fields.checks
    out: dict[str, Value] = {}
    for name, (line, raw) in data.items():
        check = checks.get(name)
        if check is None:  # an unknown key
            return None
        value = check(raw)
        if value is INVALID or (value == "" and name in fields.required):  # required and empty
            return None
        out[name] = Value(value, line)
    return out if data.keys() >= fields.required else None


def _quick_check(spec: Field) -> Check:
    """A Field -> the check of one plain value (what Checker.value does but the
    required-and-empty rule, which quick_mapping applies), chosen once."""
    accept = ACCEPT.get(spec.kind)
    if accept is not None:
        return functools.partial(accept, spec)  # each rejects None, lists and mappings
    if spec.kind is Kind.LIST:
        assert spec.item is not None
        return functools.partial(_quick_list, _quick_check(spec.item), spec.item.required, spec.max_items)
    return functools.partial(_quick_object, quick_fields(spec.fields), spec.kind is Kind.TEXT_OR_OBJECT)


def _quick_list(item: Check, required: bool, max_items: int | None, raw: Any) -> Any:
    if type(raw) is not list or (max_items is not None and len(raw) > max_items):
        return INVALID
    items = tuple([item(value) for value in raw])
    if INVALID in items or (required and "" in items):  # no checked value is == INVALID
        return INVALID
    return items


def _quick_object(fields: QuickFields, text_too: bool, raw: Any) -> Any:
    if type(raw) is dict:
        mapping = quick_mapping(raw, fields)
        return INVALID if mapping is None else mapping
    return raw.strip() if text_too and isinstance(raw, str) else INVALID
