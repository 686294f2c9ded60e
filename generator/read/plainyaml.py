"""Front-matter in the plain subset -> {key: (line, value)}, fast; None for anything else.

Almost every story's front-matter is simple YAML. This reader handles that shape with a
few regular expressions, about 3x faster than composing nodes with libyaml, and gives
exactly the values load_yaml (yamlsource.py) would: scalars go through PyYAML's own
resolver and constructors. Whatever it does not read, the caller hands to load_yaml,
which also explains every problem; tests/test_parse_paths.py proves both paths equal.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.read.yamlsource import naive_time

_SCALARS = SafeConstructor()  # stateless for scalars; built once, not per document
_TAG = "tag:yaml.org,2002:"
_RESOLVER = Resolver()  # the implicit tags CSafeLoader gives plain scalars (yes -> bool)

# The plain subset: a fast reader for the shape almost every file has, and nothing else.
# `key: value` lines; block lists of scalars or of one-level `key: value` items; one
# nested block mapping; one-line flow lists and mappings; quoted scalars without escapes
# and one-line plain scalars without ':' or '#'. Anything else (tabs, comments after
# values, anchors, tags, multi-line scalars, odd characters, duplicate keys, nulls,
# impossible dates) gives None, and the caller uses load_yaml, which explains it.
UNSUPPORTED: Any = object()
_PRINTABLE = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_VALUE = (r'"(?P<dq>[^"\\\n]*)"|\'(?P<sq>[^\'\n]*)\'|\[(?P<seq>[^\n]*)\]|\{(?P<map>[^\n]*)\}'
          r"|(?P<plain>[^\W_](?:[^#:\[\]{}\n]*[^#:\[\]{}\n ]|))")
# One line: indent, '- ', 'key:', value, all optional (so blank lines match too), or a comment.
# Optional parts are written (?:X|), not (?:X)?: the same greedy choice, but re runs a
# branch faster than a general repeat (a fifth less time for this pattern).
_LINE = re.compile(rf"^(?:( *)(?:(- )(?! )|)(?:([a-z][a-z0-9_]{{0,63}}):(?: +|(?= *$))|)(?:{_VALUE}|) *| *#.*)$", re.M)
_SCALAR = r"\"([^\"\\]*)\"|'([^']*)'|([^\W_][\w.\-]*(?: [\w.\-]+)*)"
_FLOW_ITEM = re.compile(rf" *(?:{_SCALAR}) *(?:,|$)")
_FLOW_PAIR = re.compile(rf" *([a-z][a-z0-9_]{{0,63}}): +(?:{_SCALAR}) *(?:,|$)")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_TAGS = frozenset(_TAG + name for name in ("bool", "int", "float", "timestamp"))

Plain = dict[str, tuple[int, Any]]  # key -> (file line of the key, value)
_Line = tuple[int, int, bool, str | None, Any]  # (file line, indent, dash, key, value)


def load_plain(text: str, *, first_line: int = 1) -> Plain | None:
    """YAML text in the plain subset -> {key: (line, value)}; None for anything else.

    Values are what load_yaml's Nodes hold: lists, {key: (line, value)} mappings and
    scalars resolved by PyYAML's own resolver and constructors (YAML 1.1: yes -> True).
    """
    if "\t" in text or _PRINTABLE.fullmatch(text) is None:
        return None
    matches = list(_LINE.finditer(text))
    if len(matches) != text.count("\n") + 1:  # a line outside the subset
        return None
    out: Plain = {}
    blocks: dict[str, list[_Line]] = {}
    nested: list[_Line] | None = None  # lines under the last `key:` without a value
    for number, match in enumerate(matches, first_line):
        indent, dash, key, dq, sq, seq, mapping, plain = match.groups()
        if dq is not None:
            value = dq
        elif sq is not None:
            value = sq
        elif plain is not None:
            value = _plain(plain)
        elif seq is not None or mapping is not None:
            value = _flow(seq if mapping is None else mapping, number, pairs=mapping is not None)
        elif key is None and dash is None:
            continue  # blank or comment
        else:
            value = None
        if value is UNSUPPORTED:
            return None
        if indent or dash:
            if nested is None:
                return None
            nested.append((number, len(indent), dash is not None, key, value))
        elif key is None or key in out:
            return None
        else:
            out[key] = (number, value)
            nested = None if value is not None else blocks.setdefault(key, [])
    for key, lines in blocks.items():
        value = _block(lines) if lines else UNSUPPORTED
        if value is UNSUPPORTED:
            return None
        out[key] = (out[key][0], value)
    return out or None


def _block(lines: list[_Line]) -> Any:
    """The lines under a `key:` -> a list, or a mapping when they have no '- '; or UNSUPPORTED."""
    _, indent, dash, _, _ = lines[0]
    if not dash:
        return _pairs(lines, indent) if indent else UNSUPPORTED
    items: list[Any] = []
    item: Plain | None = None  # the `- key: value` item being read
    for number, at, dash, key, value in lines:
        if value is None:
            return UNSUPPORTED
        if dash and at == indent:
            item = None if key is None else {key: (number, value)}
            items.append(value if item is None else item)
        elif not dash and at == indent + 2 and key is not None and item is not None and key not in item:
            item[key] = (number, value)
        else:
            return UNSUPPORTED
    return items


def _pairs(lines: list[_Line], indent: int) -> Any:
    """`key: value` lines all at `indent` -> a mapping, or UNSUPPORTED."""
    out: Plain = {}
    for number, at, dash, key, value in lines:
        if dash or at != indent or key is None or value is None or key in out:
            return UNSUPPORTED
        out[key] = (number, value)
    return out


def _flow(inner: str, line: int, *, pairs: bool) -> Any:
    """The inside of a one-line [a, b] or {k: v, ...} -> a list or mapping, or UNSUPPORTED."""
    items: list[Any] = []
    mapping: Plain = {}
    pattern = _FLOW_PAIR if pairs else _FLOW_ITEM
    position = 0
    while inner.strip(" "):
        match = pattern.match(inner, position)
        if match is None:
            return UNSUPPORTED
        double, single, plain = match.groups()[-3:]
        value = double if double is not None else single if single is not None else _plain(plain)
        if value is UNSUPPORTED or (pairs and match[1] in mapping):
            return UNSUPPORTED
        if pairs:
            mapping[match[1]] = (line, value)
        else:
            items.append(value)
        position = match.end()
        if position == len(inner):
            break
    return mapping if pairs else items


@functools.lru_cache(maxsize=16384)
def _plain(text: str) -> Any:
    """A plain scalar -> its value as CSafeLoader reads it; UNSUPPORTED for null, bad dates, '<<'."""
    if _DAY.fullmatch(text):  # what the resolver and construct_yaml_timestamp make of a plain date
        try:
            return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            return UNSUPPORTED
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _TAG + "str":
        return text
    if tag not in _PLAIN_TAGS:
        return UNSUPPORTED
    try:
        return naive_time(SafeConstructor.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text)))
    except Exception:  # noqa: BLE001 - 2014-02-30 and the like: load_yaml reports them with their key
        return UNSUPPORTED
