"""YAML Nodes + a table of Fields -> checked Python values and diagnostics.

Shared by stories, companies and site.yaml, so every file reports problems in the same
words: "<key>: expected <what>, got <type>" when the type is wrong, "got '<text>'" when
the type is right but the value is not allowed.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostic
from generator.read.schema import Field, Kind
from generator.read.values import (
    INVALID,
    ISO_DATE,
    MAX_NUMBER,
    Value,
    accept_boolean,
    accept_currency,
    accept_date,
    accept_enum,
    accept_integer,
    accept_number,
    accept_slug,
    accept_string,
    accept_url,
    accept_url_or_path,
)
from generator.read.yamlsource import Node, NodeKind, kind_name
from generator.urls import slugify


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
    Kind.URL_OR_PATH: "an absolute http(s) URL or a path relative to the site",
}


_CHECK_NAMES = {kind: f"_{kind.name.lower()}" for kind in Kind}  # Kind.TEXT -> Checker._text


_KNOWN: dict[int, tuple[tuple[Field, ...], dict[str, Field]]] = {}


def _by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    """A table of Fields -> the same by name; made once per table (the schema's tables are
    constants), not once per mapping. Keyed by identity: hashing a Field hashes all of it."""
    known = _KNOWN.get(id(fields))
    if known is None or known[0] is not fields:
        if len(_KNOWN) > 256:
            _KNOWN.clear()
        known = _KNOWN[id(fields)] = (fields, {spec.name: spec for spec in fields})
    return known[1]


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
        known = _by_name(fields)
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
        if node.kind == NodeKind.SCALAR and node.value is None:
            if spec.required:
                self.error(node.line, key, "required key is empty")
            return INVALID
        check = getattr(self, _CHECK_NAMES[spec.kind])
        result = check(node, spec, key)
        if result is INVALID:
            return INVALID
        if spec.required and result == "":
            self.error(node.line, key, "required key is empty")
            return INVALID
        return result

    def wrong(self, node: Node, spec: Field, key: str, *, show_text: bool = False) -> Any:
        """Report 'expected X, got Y' and return INVALID."""
        got = quoted(node) if show_text and node.kind == NodeKind.SCALAR else kind_name(node)
        hint = " (put it in quotes)" if spec.kind in (Kind.STRING, Kind.TEXT) and node.kind == NodeKind.SCALAR else ""
        self.error(node.line, key, f"expected {expected(spec)}, got {got}{hint}")
        return INVALID

    def _string(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind == NodeKind.SCALAR and not node.bad_date and (result := accept_string(spec, node.value)) is not INVALID:
            return result
        return self.wrong(node, spec, key)

    _text = _string

    def _date(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        result = accept_date(spec, value)
        if result is not INVALID:
            return result
        if node.kind == NodeKind.SCALAR and isinstance(value, str) and ISO_DATE.match(value.strip()):
            node = Node(NodeKind.SCALAR, value, node.line, text=value.strip(), bad_date=True)
        if node.bad_date:
            self.error(node.line, key, f"{node.text} is not a real date")
            return INVALID
        return self.wrong(node, spec, key, show_text=isinstance(value, str))

    def _boolean(self, node: Node, spec: Field, key: str) -> Any:
        if (result := accept_boolean(spec, node.value)) is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=isinstance(node.value, str))

    def _integer(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        if (result := accept_integer(spec, value)) is not INVALID:
            return result
        if not isinstance(value, int) or isinstance(value, bool):
            return self.wrong(node, spec, key, show_text=isinstance(value, str))
        if spec.maximum is not None:
            shown = f"{value:,}" if abs(value) < 10**30 else f"a number of {len(str(abs(value))):,} digits"
            self.error(node.line, key, f"expected a whole number from {spec.minimum or 0} to {spec.maximum:,}, got {shown}")
        else:
            self.error(node.line, key, f"expected a whole number of {spec.minimum} or more, got {value}")
        return INVALID

    def _number(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        result = accept_number(spec, value)
        if result is not INVALID:
            return result
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong(node, spec, key, show_text=isinstance(value, str))
        if value >= MAX_NUMBER and (isinstance(value, int) or math.isfinite(value)):
            text = node.text if len(node.text) <= 24 else f"{node.text[:12]}...{node.text[-6:]}"
            self.error(node.line, key, f"expected a number of 0 or more below {MAX_NUMBER:,}, got {text} "
                                       f"({len(str(int(value))):,} digits before the point)")
            return INVALID
        return self.wrong(node, spec, key, show_text=True)

    def _enum(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind != NodeKind.SCALAR:
            return self.wrong(node, spec, key)
        result = accept_enum(spec, node.value)
        if result is not INVALID:
            return result
        close = difflib.get_close_matches(node.text.strip().lower(), spec.choices, n=1, cutoff=0.75)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.error(node.line, key, f"expected {expected(spec)}, got {quoted(node)}{hint}")
        return INVALID

    def _slug(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        if not isinstance(value, str) or node.kind != NodeKind.SCALAR:
            return self.wrong(node, spec, key)
        if accept_slug(spec, value) is not INVALID:
            return value
        suggestion = slugify(value)
        hint = f" (try '{suggestion}')" if suggestion else ""
        self.error(node.line, key, f"expected {expected(spec)}, got {quoted(node)}{hint}")
        return INVALID

    def _currency(self, node: Node, spec: Field, key: str) -> Any:
        result = accept_currency(spec, node.value)
        if result is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=node.kind == NodeKind.SCALAR)

    def _url(self, node: Node, spec: Field, key: str) -> Any:
        value = node.value
        if not isinstance(value, str):
            return self.wrong(node, spec, key)
        result = accept_url(spec, value)
        if result is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=True)

    def _url_or_path(self, node: Node, spec: Field, key: str) -> Any:
        result = accept_url_or_path(spec, node.value)
        if result is not INVALID:
            return result
        return self.wrong(node, spec, key, show_text=node.kind == NodeKind.SCALAR and isinstance(node.value, str))

    def _list(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind != NodeKind.LIST:
            return self.wrong(node, spec, key)
        assert spec.item is not None
        if spec.max_items is not None and len(node.items) > spec.max_items:
            plural = spec.item.name + ("es" if spec.item.name.endswith("s") else "s")
            self.error(node.line, key, f"at most {spec.max_items} {plural}, got {len(node.items):,}")
            return INVALID
        items = (self.value(item, spec.item, f"{key}[{i}]") for i, item in enumerate(node.items, 1))
        return tuple(item for item in items if item is not INVALID)

    def _object(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind != NodeKind.MAP:
            return self.wrong(node, spec, key)
        return self.mapping(node, spec.fields, key)

    def _text_or_object(self, node: Node, spec: Field, key: str) -> Any:
        if node.kind == NodeKind.SCALAR and isinstance(node.value, str):
            return node.value.strip()
        return self._object(node, spec, key)


