"""YAML Nodes + a table of Fields -> checked Python values and diagnostics.

Shared by stories, companies and site.yaml, so every file reports problems in the same
words: "<key>: expected <what>, got <type>" when the type is wrong, "got '<text>'" when
the type is right but the value is not allowed.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from generator.diagnostics import Diagnostic
from generator.schema import Field, Kind
from generator.urls import slugify
from generator.yamlsource import Node, kind_name

INVALID: Any = object()  # a value that failed its check (already reported)
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Value:
    """A checked value and the line of its key."""

    value: Any
    line: int


def by_line(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics of one file -> the same, top to bottom (stable within a line)."""
    return sorted(diagnostics, key=lambda d: d.line or 0)


def join_key(where: str, name: str) -> str:
    """('timeline[1]', 'date') -> 'timeline[1].date'; ('', 'date') -> 'date'."""
    return f"{where}.{name}" if where else name


def or_list(words: tuple[str, ...]) -> str:
    """('yes', 'no', 'partial') -> 'yes, no or partial'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def quoted(node: Node) -> str:
    """A scalar node -> its text as written, quoted and shortened for messages."""
    text = node.text if len(node.text) <= 60 else node.text[:57] + "..."
    return f"'{text}'"


def expected(spec: Field) -> str:
    """A Field -> what a valid value looks like, for 'expected ...' messages."""
    if spec.kind is Kind.ENUM:
        return or_list(spec.choices)
    if spec.kind is Kind.LIST and spec.item is not None:
        return f"a list of {spec.item.name}s" if spec.item.kind is not Kind.STRING else "a list of strings"
    if spec.kind in (Kind.OBJECT, Kind.TEXT_OR_OBJECT):
        names = tuple(f.name for f in spec.fields if f.required) or tuple(f.name for f in spec.fields)
        what = f"a mapping with {or_list(names).replace(' or ', ' and ')}"
        return what if spec.kind is Kind.OBJECT else f"text or {what}"
    return _EXPECTED[spec.kind]


_EXPECTED = {
    Kind.STRING: "a string",
    Kind.TEXT: "a string",
    Kind.DATE: "a date (YYYY-MM-DD)",
    Kind.BOOLEAN: "true or false",
    Kind.INTEGER: "a whole number",
    Kind.NUMBER: "a number of 0 or more",
    Kind.SLUG: "lowercase letters, digits and '-'",
    Kind.CURRENCY: "a three-letter currency code in capitals, like EUR",
    Kind.URL: "an absolute http(s) URL",
}


@dataclass
class Checker:
    """Checks Nodes against Fields for one file; problems collect in `diagnostics`."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, line: int | None, key: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message, key))

    def mapping(self, node: Node, fields: tuple[Field, ...], where: str = "",
                missing_line: int | None = None) -> dict[str, Value]:
        """A map Node -> {name: Value} of the valid keys; unknown and missing keys reported."""
        known = {spec.name: spec for spec in fields}
        out: dict[str, Value] = {}
        for name, entry in node.entries.items():
            key = join_key(where, name)
            spec = known.get(name)
            if spec is None:
                self.unknown(entry.line, where, name, tuple(known))
                continue
            value = self.value(entry.node, spec, key)
            if value is not INVALID:
                out[name] = Value(value, entry.line)
        for spec in fields:
            if spec.required and spec.name not in node.entries:
                self.error(missing_line or node.line, join_key(where, spec.name), "required key is missing")
        return out

    def unknown(self, line: int, where: str, name: str, known: tuple[str, ...]) -> None:
        """Report an unknown key, with the closest known one as a hint."""
        message = f"unknown key '{join_key(where, name)}'"
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{join_key(where, close[0])}'?)"
        self.error(line, "", message)

    def value(self, node: Node, spec: Field, key: str) -> Any:
        """One Node -> its checked Python value, or INVALID (reported).

        An empty optional value counts as absent (INVALID without a message).
        """
        if node.reported:
            return INVALID
        if node.kind == "scalar" and node.value is None:
            if spec.required:
                self.error(node.line, key, "required key is empty")
            return INVALID
        check = getattr(self, f"_{spec.kind.name.lower()}")
        result = check(node, spec, key)
        if result is INVALID:
            return INVALID
        if spec.required and result == "":
            self.error(node.line, key, "required key is empty")
            return INVALID
        return result

    def wrong(self, node: Node, spec: Field, key: str, *, show_text: bool = False) -> Any:
        """Report 'expected X, got Y' and return INVALID."""
        got = quoted(node) if show_text and node.kind == "scalar" else kind_name(node)
        hint = " (put it in quotes)" if spec.kind in (Kind.STRING, Kind.TEXT) and node.kind == "scalar" else ""
        self.error(node.line, key, f"expected {expected(spec)}, got {got}{hint}")
        return INVALID

    def _string(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind == "scalar" and not node.bad_date and (result := _accept_string(node.value, spec)) is not INVALID:
            return result
        return self.wrong(node, spec, key)

    _text = _string

    def _date(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        result = _accept_date(value, spec)
        if result is not INVALID:
            return result
        if node.kind == "scalar" and isinstance(value, str) and _ISO_DATE.match(value.strip()):
            node = Node("scalar", value, node.line, text=value.strip(), bad_date=True)
        if node.bad_date:
            self.error(node.line, key, f"{node.text} is not a real date")
            return INVALID
        return self.wrong(node, spec, key, show_text=isinstance(value, str))

    def _boolean(self, node: Node, spec: Field, key: str) -> Any:
        if (result := _accept_boolean(node.value, spec)) is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=isinstance(node.value, str))

    def _integer(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        if (result := _accept_integer(value, spec)) is not INVALID:
            return result
        if not isinstance(value, int) or isinstance(value, bool):
            return self.wrong(node, spec, key, show_text=isinstance(value, str))
        self.error(node.line, key, f"expected a whole number of {spec.minimum} or more, got {value}")
        return INVALID

    def _number(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        result = _accept_number(value, spec)
        if result is not INVALID:
            return result
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong(node, spec, key, show_text=isinstance(value, str))
        return self.wrong(node, spec, key, show_text=True)

    def _enum(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind != "scalar":
            return self.wrong(node, spec, key)
        result = _accept_enum(node.value, spec)
        if result is not INVALID:
            return result
        close = difflib.get_close_matches(node.text.strip().lower(), spec.choices, n=1, cutoff=0.75)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.error(node.line, key, f"expected {expected(spec)}, got {quoted(node)}{hint}")
        return INVALID

    def _slug(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        if not isinstance(value, str) or node.kind != "scalar":
            return self.wrong(node, spec, key)
        if _accept_slug(value, spec) is not INVALID:
            return value
        suggestion = slugify(value)
        hint = f" (try '{suggestion}')" if suggestion else ""
        self.error(node.line, key, f"expected {expected(spec)}, got {quoted(node)}{hint}")
        return INVALID

    def _currency(self, node: Node, spec: Field, key: str) -> Any:
        result = _accept_currency(node.value, spec)
        if result is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=node.kind == "scalar")

    def _url(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        if not isinstance(value, str):
            return self.wrong(node, spec, key)
        result = _accept_url(value, spec)
        if result is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=True)

    def _list(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind != "list":
            return self.wrong(node, spec, key)
        assert spec.item is not None
        items = (self.value(item, spec.item, f"{key}[{i}]") for i, item in enumerate(node.items, 1))
        return tuple(item for item in items if item is not INVALID)

    def _object(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind != "map":
            return self.wrong(node, spec, key)
        return self.mapping(node, spec.fields, key)

    def _text_or_object(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind == "scalar" and isinstance(node.value, str):
            return node.value.strip()
        return self._object(node, spec, key)


# What each kind accepts, as plain values -> the checked value, or INVALID. Checker
# explains a rejection with the Node; quick_mapping uses the same functions without
# Nodes for files load_plain could read, so the two paths cannot disagree on a value.

def _accept_string(value: Any, spec: Field) -> Any:
    if isinstance(value, str):
        return value.strip() if spec.kind is Kind.STRING else value
    return INVALID


def _accept_date(value: Any, spec: Field) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date(*map(int, value.strip().split("-")))
        except ValueError:
            return INVALID
    return INVALID


def _accept_boolean(value: Any, spec: Field) -> Any:
    return value if isinstance(value, bool) else INVALID


def _accept_integer(value: Any, spec: Field) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        return INVALID
    return INVALID if spec.minimum is not None and value < spec.minimum else value


def _accept_number(value: Any, spec: Field) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return INVALID
    if not math.isfinite(value) or value < 0:
        return INVALID
    return Decimal(str(value))  # str() keeps 6.5 as 6.5, not its binary expansion


def _accept_enum(value: Any, spec: Field) -> Any:
    if isinstance(value, bool):
        # YAML 1.1 reads yes/no/on/off as booleans; map them back on purpose.
        value = "yes" if value else "no"
    if isinstance(value, str) and value.strip() in spec.choices:
        return value.strip()
    return INVALID


def _accept_slug(value: Any, spec: Field) -> Any:
    return value if isinstance(value, str) and value and slugify(value) == value else INVALID


def _accept_currency(value: Any, spec: Field) -> Any:
    return value if isinstance(value, str) and _CURRENCY.match(value) else INVALID


def _accept_url(value: Any, spec: Field) -> Any:
    if not isinstance(value, str):
        return INVALID
    url = value.strip()
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # urlsplit rejects broken IPv6 hosts and ports
        valid = False
    return url if valid and not any(char.isspace() for char in url) else INVALID


_ACCEPT = {
    Kind.STRING: _accept_string, Kind.TEXT: _accept_string, Kind.DATE: _accept_date,
    Kind.BOOLEAN: _accept_boolean, Kind.INTEGER: _accept_integer, Kind.NUMBER: _accept_number,
    Kind.ENUM: _accept_enum, Kind.SLUG: _accept_slug, Kind.CURRENCY: _accept_currency, Kind.URL: _accept_url,
}


def quick_mapping(data: dict[str, tuple[int, Any]], fields: tuple[Field, ...]) -> dict[str, Value] | None:
    """load_plain's {key: (line, value)} -> what Checker.mapping gives, or None when any
    key is unknown, missing, empty or invalid (Checker then says which, with its line)."""
    out: dict[str, Value] = {}
    for spec in fields:
        entry = data.get(spec.name)
        if entry is None:
            if spec.required:
                return None
            continue
        value = _quick_value(entry[1], spec)
        if value is INVALID:
            return None
        out[spec.name] = Value(value, entry[0])
    return out if len(out) == len(data) else None  # else an unknown key


def _quick_value(raw: Any, spec: Field) -> Any:
    """One plain value -> its checked value (as Checker.value), or INVALID."""
    accept = _ACCEPT.get(spec.kind)
    if accept is not None:
        result = accept(raw, spec)  # each rejects None, lists and mappings
    elif type(raw) is list:
        assert spec.item is not None or spec.kind is not Kind.LIST
        items = tuple([_quick_value(item, spec.item) for item in raw]) if spec.kind is Kind.LIST else (INVALID,)
        result = INVALID if any(item is INVALID for item in items) else items
    elif type(raw) is dict:
        mapping = None if spec.kind is Kind.LIST else quick_mapping(raw, spec.fields)
        result = INVALID if mapping is None else mapping
    else:
        result = raw.strip() if spec.kind is Kind.TEXT_OR_OBJECT and isinstance(raw, str) else INVALID
    return INVALID if spec.required and result == "" else result
