"""Source text -> YAML values that remember their line.

PyYAML's loader forgets where values came from, lets duplicate keys pass (last wins)
and raises a bare ValueError for `2014-02-30`. So we only *compose* (the C composer
when libyaml is present: ~13x faster) and walk the node graph ourselves: every value
keeps its line, duplicate keys are reported, impossible dates become a flag the
validators can report with the key path.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.diagnostics import Diagnostic

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()  # stateless for scalars; built once, not per document
_TAG = "tag:yaml.org,2002:"
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_MAX_NODES = 100_000  # alias bombs ("billion laughs") stop here instead of hanging
_RESOLVER = Resolver()  # the implicit tags CSafeLoader gives plain scalars (yes -> bool)


@dataclass(frozen=True)
class Entry:
    """One `key: value` pair of a mapping; `line` is the key's line."""

    key: str
    line: int
    node: Node


@dataclass(frozen=True)
class Node:
    """A YAML value with its line.

    `kind` is 'scalar', 'list' or 'map'. Scalars hold a Python value (str, int, float,
    bool, None, date, datetime) and `text`, the value as written; lists hold Node
    items; maps hold Entry values by key, in file order. `bad_date` marks a scalar
    that looks like a date but is not a real one (`text` says which).
    `reported` marks a value that is broken and already reported (unsupported tag).
    """

    kind: str
    value: Any
    line: int
    text: str = ""
    bad_date: bool = False
    reported: bool = False  # broken and already reported: validators skip it
    items: tuple[Node, ...] = ()
    entries: dict[str, Entry] = field(default_factory=dict)


def decode_text(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """File bytes -> text with '\\n' line ends and no BOM, or a diagnostic."""
    if b"\x00" in data:
        return None, [Diagnostic(path, 1, "not a text file (binary data)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        return None, [Diagnostic(path, line, f"not valid UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8")]
    if "\r" in text:  # one fast scan; most files have no '\r', and replace() scans twice
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def load_yaml(text: str, *, path: str, first_line: int = 1, key: str = "") -> tuple[Node | None, list[Diagnostic]]:
    """YAML text -> (root Node or None when empty, diagnostics).

    `first_line` is the file line of the text's first line (2 for front-matter);
    `key` prefixes syntax errors ('front-matter').
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        line, problem = _describe_error(exc, text, first_line)
        return None, [Diagnostic(path, first_line + line, f"invalid YAML: {problem}", key)]
    if root is None:
        return None, []
    walker = _Walker(path, first_line - 1, text)
    return walker.walk(root, ""), walker.diagnostics


def kind_name(node: Node) -> str:
    """A Node -> how to name its type in messages: 'a string', 'a list', 'nothing'."""
    if node.kind == "list":
        return "a list"
    if node.kind == "map":
        return "a mapping"
    value = node.value
    if node.bad_date or isinstance(value, date):
        return "a date"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "nothing"
    return "a string"


def _describe_error(exc: yaml.YAMLError, text: str, first_line: int) -> tuple[int, str]:
    """A PyYAML error -> (0-based line in text, one-line problem with a hint)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = _line(text, mark) if mark is not None else 0
        problem = exc.problem or exc.context or "syntax error"
        if exc.context and exc.problem and "tab" not in problem and "next token" not in exc.context:
            started = f" started on line {_line(text, exc.context_mark) + first_line}" if exc.context_mark else ""
            problem = f"{problem} ({exc.context}{started})"
    elif isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n")
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problem = f"character U+{char:04X} is not allowed in YAML"
    else:
        line, problem = 0, str(exc).splitlines()[0]
    lines = text.split("\n")
    if "\t" in problem or "tab" in problem or (line < len(lines) and "\t" in lines[line]):
        problem = problem.replace("\t", "\\t") + "; indent with spaces, not tabs"
    return line, problem


_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


def _line(text: str, mark: yaml.Mark) -> int:
    """A PyYAML mark -> its 0-based line counted by '\\n' only, as editors and our messages
    count: YAML also breaks lines at U+0085, U+2028 and U+2029."""
    if not _YAML_ONLY_BREAKS.search(text):
        return mark.line
    return text.count("\n", 0, mark.index)


class _Walker:
    """Composed YAML nodes -> Node values, collecting diagnostics on the way."""

    def __init__(self, path: str, offset: int, text: str = "") -> None:
        self.path = path
        self.offset = offset
        self.text = text
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.active: set[int] = set()

    def error(self, line: int, message: str, key: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message, key))

    def walk(self, node: yaml.Node, where: str) -> Node:
        """One composed node at key path `where` -> Node."""
        line = _line(self.text, node.start_mark) + 1 + self.offset
        self.count += 1
        if id(node) in self.active or self.count > _MAX_NODES:
            if self.count <= _MAX_NODES + 1:  # once per file, not once per node beyond the limit
                self.error(line, "alias refers to itself or expands too far", where)
            return Node("scalar", None, line, reported=True)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, line, where)
        if node.tag not in (_TAG + "seq", _TAG + "map"):
            self.error(line, f"unsupported YAML tag {node.tag!r}", where)
            return Node("scalar", None, line, reported=True)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = tuple(self.walk(item, f"{where}[{i}]") for i, item in enumerate(node.value, 1))
                return Node("list", None, line, items=items)
            return Node("map", None, line, entries=self.mapping(node, where))
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, where: str) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            line = _line(self.text, key_node.start_mark) + 1 + self.offset
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(line, "a key must be a plain name, not a list or mapping", where)
                continue
            # Keys as written: `no:` or `2014:` stay names, not booleans or numbers.
            name = str(key_node.value)
            path = f"{where}.{name}" if where else name
            if name in entries:
                self.error(line, f"duplicate key '{path}' (first on line {entries[name].line})")
                continue
            entries[name] = Entry(name, line, self.walk(value_node, path))
        return entries

    def scalar(self, node: yaml.ScalarNode, line: int, where: str) -> Node:
        tag = node.tag
        text = str(node.value)
        if tag == _TAG + "str":
            return Node("scalar", text, line, text=text)
        construct = SafeConstructor.yaml_constructors.get(tag)
        if construct is None or tag in (_TAG + "binary", _TAG + "set", _TAG + "omap", _TAG + "pairs"):
            self.error(line, f"unsupported YAML tag {tag!r}", where)
            return Node("scalar", text, line, text=text, reported=True)
        try:
            value = construct(_SCALARS, node)
        except Exception:  # noqa: BLE001 - explicit tags (`!!int abc`) break PyYAML's constructors in many ways
            if tag == _TAG + "timestamp" and _DATE_LIKE.match(text):
                return Node("scalar", text, line, text=text, bad_date=True)
            self.error(line, f"'{text}' is not a valid {tag.replace(_TAG, '!!')}", where)
            return Node("scalar", text, line, text=text, reported=True)
        return Node("scalar", _naive(value), line, text=text)


def _naive(value: Any) -> Any:
    """Times with a zone -> the same wall-clock time without one."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


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
        return _naive(SafeConstructor.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text)))
    except Exception:  # noqa: BLE001 - 2014-02-30 and the like: load_yaml reports them with their key
        return UNSUPPORTED
