"""Front-matter in the plain subset -> the Node tree load_yaml gives, twice as fast; anything
else is read by load_yaml itself.

Almost every story's front-matter is simple YAML: `key: value` lines, block lists of
scalars or of one-level `key: value` items (a timeline), one nested block mapping, one-line
flow lists and mappings, quoted scalars without escapes, one-line plain scalars. This
reader takes that shape with a few regular expressions instead of composing YAML nodes with
libyaml and walking them (~10% of a one-process cold build's CPU at 10,000 stories), in half
the time (84 against 169 us a story; the cold build ~4% faster on 2 cores), and gives the
very Nodes load_yaml gives: scalars are read as its walk reads them (plain_scalar). Anything
else (tabs, comments after values, anchors, tags, multi-line scalars, empty values,
duplicate keys, impossible dates, odd characters) is handed to load_yaml, which also
explains every problem. tests/test_frontmatter_paths.py proves both readers equal.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from generator.diagnostics import Diagnostic
from generator.read.yamlsource import MapEntry, Node, NodeKind, clean_text, load_yaml, plain_scalar

_UNSUPPORTED: Any = object()

_PRINTABLE = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_VALUE = (r'"(?P<dq>[^"\\\n]*)"|\'(?P<sq>[^\'\n]*)\'|\[(?P<seq>[^\n]*)\]|\{(?P<map>[^\n]*)\}'
          r"|(?P<plain>[^\W_](?:[^#:\[\]{}\n]*[^#:\[\]{}\n ]|))")
# One line: indent, '- ', 'key:', value, all optional (so blank lines match too), or a comment.
_LINE = re.compile(rf"^(?:( *)(?:(- )(?! )|)(?:([a-z][a-z0-9_]{{0,63}}):(?: +|(?= *$))|)(?:{_VALUE}|) *| *#.*)$", re.M)
_SCALAR = r"\"([^\"\\]*)\"|'([^']*)'|([^\W_][\w.\-]*(?: [\w.\-]+)*)"
_FLOW_ITEM = re.compile(rf" *(?:{_SCALAR}) *(?:,|$)")
_FLOW_PAIR = re.compile(rf" *([a-z][a-z0-9_]{{0,63}}): +(?:{_SCALAR}) *(?:,|$)")

_Line = tuple[int, int, bool, str | None, Node | None]  # (file line, indent, dash, key, value)


def read_front_matter(text: str, *, path: str, first_line: int = 1, key: str = "",
                      ) -> tuple[Node | None, list[Diagnostic]]:
    """load_yaml's answer for any YAML text, read without libyaml when it is in the plain subset."""
    root = plain_node(text, first_line=first_line)
    return (root, []) if root is not None else load_yaml(text, path=path, first_line=first_line, key=key)


def plain_node(text: str, *, first_line: int = 1) -> Node | None:
    """YAML text in the plain subset -> the root Node load_yaml makes of it; None for anything else."""
    if "\t" in text or _PRINTABLE.fullmatch(text) is None or clean_text(text) is not text:
        return None
    matches = list(_LINE.finditer(text))
    if len(matches) != text.count("\n") + 1:  # a line outside the subset
        return None
    entries: dict[str, MapEntry] = {}
    blocks: dict[str, list[_Line]] = {}
    nested: list[_Line] | None = None  # lines under the last `key:` without a value
    for number, match in enumerate(matches, first_line):
        indent, dash, name, dq, sq, seq, mapping, plain = match.groups()
        if dq is not None or sq is not None:
            value: Node | None = _string(dq if dq is not None else sq, number)
        elif plain is not None:
            value = _plain(plain, number)
        elif seq is not None or mapping is not None:
            value = _flow(seq if mapping is None else mapping, number, pairs=mapping is not None)
        elif name is None and dash is None:
            continue  # blank or comment
        else:
            value = None
        if value is _UNSUPPORTED:
            return None
        if indent or dash:
            if nested is None:
                return None
            nested.append((number, len(indent), dash is not None, name, value))
        elif name is None or name in entries:
            return None
        else:
            entries[name] = MapEntry(name, number, value)  # type: ignore[arg-type] # a block's Node follows
            nested = None if value is not None else blocks.setdefault(name, [])
    for name, lines in blocks.items():
        node = _block(lines) if lines else _UNSUPPORTED
        if node is _UNSUPPORTED:
            return None
        entries[name] = MapEntry(name, entries[name].line, node)
    if not entries:
        return None
    return Node(NodeKind.MAP, None, next(iter(entries.values())).line, entries=entries)


def _block(lines: list[_Line]) -> Any:
    """The lines under a `key:` -> a list Node, or a map Node when they have no '- '; or _UNSUPPORTED."""
    first, indent, dash, _, _ = lines[0]
    if not dash:
        return _pairs(lines, indent) if indent else _UNSUPPORTED
    items: list[Node] = []
    item: dict[str, MapEntry] | None = None  # the entries of the `- key: value` item being read
    for number, at, dash, name, value in lines:
        if value is None:
            return _UNSUPPORTED
        if dash and at == indent:
            if name is None:
                item = None
                items.append(value)
            else:
                item = {name: MapEntry(name, number, value)}
                items.append(Node(NodeKind.MAP, None, number, entries=item))
        elif not dash and at == indent + 2 and name is not None and item is not None and name not in item:
            item[name] = MapEntry(name, number, value)
        else:
            return _UNSUPPORTED
    return Node(NodeKind.LIST, None, first, items=tuple(items))


def _pairs(lines: list[_Line], indent: int) -> Any:
    """`key: value` lines all at `indent` -> a map Node, or _UNSUPPORTED."""
    entries: dict[str, MapEntry] = {}
    for number, at, dash, name, value in lines:
        if dash or at != indent or name is None or value is None or name in entries:
            return _UNSUPPORTED
        entries[name] = MapEntry(name, number, value)
    return Node(NodeKind.MAP, None, lines[0][0], entries=entries)


def _flow(inner: str, line: int, *, pairs: bool) -> Any:
    """The inside of a one-line [a, b] or {k: v, ...} -> a list or map Node, or _UNSUPPORTED."""
    items: list[Node] = []
    entries: dict[str, MapEntry] = {}
    pattern = _FLOW_PAIR if pairs else _FLOW_ITEM
    position = 0
    while inner.strip(" "):
        match = pattern.match(inner, position)
        if match is None:
            return _UNSUPPORTED
        double, single, plain = match.groups()[-3:]
        value = _string(double if double is not None else single, line) if plain is None else _plain(plain, line)
        if value is _UNSUPPORTED or (pairs and match[1] in entries):
            return _UNSUPPORTED
        if pairs:
            entries[match[1]] = MapEntry(match[1], line, value)
        else:
            items.append(value)
        position = match.end()
        if position == len(inner):
            break
    if pairs:
        return Node(NodeKind.MAP, None, line, entries=entries)
    return Node(NodeKind.LIST, None, line, items=tuple(items))


def _string(text: str, line: int) -> Node:
    return Node(NodeKind.SCALAR, text, line, text=text)


def _plain(text: str, line: int) -> Any:
    """A plain scalar -> its Node as load_yaml makes it; _UNSUPPORTED for impossible dates and '<<'."""
    value = _value(text)
    return value if value is _UNSUPPORTED else Node(NodeKind.SCALAR, value, line, text=text)


@functools.lru_cache(maxsize=16384)
def _value(text: str) -> Any:
    """A plain scalar -> its value as load_yaml's walk makes it; _UNSUPPORTED for what the walk reports."""
    try:
        return plain_scalar(text)
    except ValueError:
        return _UNSUPPORTED
