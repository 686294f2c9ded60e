"""Source text -> YAML values that remember their line.

PyYAML's loader forgets where values came from, lets duplicate keys pass (last wins)
and raises a bare ValueError for `2014-02-30`. So we only *compose* (the C composer
when libyaml is present: ~13x faster) and walk the node graph ourselves: every value
keeps its line, duplicate keys are reported, impossible dates become a flag the
validators can report with the key path.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.diagnostics import Diagnostic

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = SafeConstructor()  # stateless for scalars; built once, not per document
_RESOLVER = Resolver()  # the safe loader's implicit tags; it has no path resolvers


@functools.lru_cache(maxsize=8192)
def _scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    return _RESOLVER.resolve(yaml.ScalarNode, value, implicit)


class _Loader(_BASE_LOADER):
    """The safe loader, with a plain scalar's implicit tag (yes -> bool, 2014-02-20 ->
    timestamp) remembered: PyYAML works it out with a row of regular expressions for
    every scalar, and front-matter repeats the same values ('open', 'no', dates) across
    thousands of files. With no path resolvers the tag depends on the text alone."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and len(value) <= 64:
            return _scalar_tag(value, implicit)
        return super().resolve(kind, value, implicit)


_LOADER: Any = _Loader
_TAG = "tag:yaml.org,2002:"
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_MAX_NODES = 100_000  # alias bombs ("billion laughs") stop here instead of hanging


@dataclass(frozen=True)
class MapEntry:
    """One `key: value` pair of a mapping; `line` is the key's line."""

    key: str
    line: int
    node: Node


class NodeKind(StrEnum):
    SCALAR = "scalar"
    LIST = "list"
    MAP = "map"


@dataclass(frozen=True)
class Node:
    """A YAML value with its line.

    `kind` is a NodeKind: scalar, list or map. Scalars hold a Python value (str, int, float,
    bool, None, date, datetime) and `text`, the value as written; lists hold Node
    items; maps hold MapEntry values by key, in file order. `bad_date` marks a scalar
    that looks like a date but is not a real one (`text` says which).
    `reported` marks a value that is broken and already reported (unsupported tag).
    """

    kind: NodeKind
    value: Any
    line: int
    text: str = ""
    bad_date: bool = False
    reported: bool = False  # broken and already reported: validators skip it
    items: tuple[Node, ...] = ()
    entries: dict[str, MapEntry] = field(default_factory=dict)


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
    return clean_text(text), []


# Characters XML 1.0 (so feedgen and lxml) refuses and no page should show: C0 controls
# but tab and line feed (ESC, BEL, VT, FF, ... ; NUL makes a file binary), and U+FFFE, U+FFFF.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]+")
_UNSHOWABLE_CHARS = "".join(map(chr, [*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0xfffe, 0xffff]))


def clean_text(text: str) -> str:
    """Text from a file or a YAML escape ("\\e", "\\0") -> the same without the characters
    no page, feed or open-data file can carry, so all three show the same text."""
    # One `in` per character is ~12x faster than the regex's scan of a 5 KB story (4 against 54 µs);
    # on a short text (a YAML value) the one regex scan is faster than 29 of them.
    if len(text) < 256:
        return _UNSHOWABLE.sub("", text) if _UNSHOWABLE.search(text) else text
    return _UNSHOWABLE.sub("", text) if any(char in text for char in _UNSHOWABLE_CHARS) else text


_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FRONT_END = re.compile(rb"\n---[ \t]*\r?(?:\n|$)")


def control_problem(path: str, data: bytes, *, front_matter: bool = False) -> Diagnostic | None:
    """A YAML file's bytes (or a story's: only its front-matter) -> an error at the line of
    its first raw control character (ESC, BEL, ...), which YAML does not allow and which
    would otherwise be dropped without a word; None when it has none."""
    if front_matter:
        end = _FRONT_END.search(data, 3)
        data = data[:end.start()] if end is not None else data
    found = _RAW_CONTROL.search(data)
    if found is None:
        return None
    line = data.count(b"\n", 0, found.start()) + 1
    char = f"U+{found.group()[0]:04X}"
    where = "front-matter" if front_matter else ""
    return Diagnostic(path, line, f"control character {char} is not allowed in YAML; remove it", where)


class YamlReader(Protocol):
    """load_yaml, or what reads YAML text as it does (fast/frontmatter.py)."""

    def __call__(self, text: str, *, path: str, first_line: int = 1, key: str = "",
                 ) -> tuple[Node | None, list[Diagnostic]]: ...


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


def load_outside(text: str, *, most: int = _MAX_NODES) -> Any:
    """YAML text from outside the site (an imported post's front-matter) -> its value as
    yaml.safe_load gives it; yaml.YAMLError when it does not load, or when its aliases
    would expand to more than `most` values or refer to themselves (an alias bomb)."""
    root = yaml.compose(text, Loader=_LOADER)
    stack = [root] if root is not None else []
    seen = 0
    while stack:  # the values as a reader would expand them, aliases and all, counted up to `most`
        node = stack.pop()
        seen += 1
        if seen > most:
            raise yaml.YAMLError(f"aliases expand to more than {most:,} values (an alias bomb)")
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return yaml.load(text, Loader=_LOADER)


def kind_name(node: Node) -> str:
    """A Node -> how to name its type in messages: 'a string', 'a list', 'nothing'."""
    if node.kind == NodeKind.LIST:
        return "a list"
    if node.kind == NodeKind.MAP:
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
    return _Lines(text).of(mark)


class _Lines:
    """One text -> the 0-based '\\n' line of any PyYAML mark in it; the text is searched
    once, not once per node (per node made 50,000 list items take minutes)."""

    def __init__(self, text: str) -> None:
        breaks = _YAML_ONLY_BREAKS.search(text) is not None
        self.newlines = [m.start() for m in re.finditer("\n", text)] if breaks else None

    def of(self, mark: yaml.Mark) -> int:
        return mark.line if self.newlines is None else bisect.bisect_left(self.newlines, mark.index)


class _Walker:
    """Composed YAML nodes -> Node values, collecting diagnostics on the way."""

    def __init__(self, path: str, offset: int, text: str = "") -> None:
        self.path = path
        self.offset = offset
        self.lines = _Lines(text)
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.active: set[int] = set()
        # Only a double-quoted scalar's escapes ("\\e", "\\x00") can bring in what clean_text
        # takes out, unless the text itself holds such a character.
        self.clean_all = clean_text(text) is not text

    def error(self, line: int, message: str, key: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.path, line, message, key))

    def walk(self, node: yaml.Node, where: str) -> Node:
        """One composed node at key path `where` -> Node."""
        line = self.lines.of(node.start_mark) + 1 + self.offset
        self.count += 1
        scalar = isinstance(node, yaml.ScalarNode)  # only lists and maps can hold themselves
        if (not scalar and id(node) in self.active) or self.count > _MAX_NODES:
            if self.count <= _MAX_NODES + 1:  # once per file, not once per node beyond the limit
                self.error(line, "alias refers to itself or expands too far", where)
            return Node(NodeKind.SCALAR, None, line, reported=True)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, line, where)
        if node.tag not in (_TAG + "seq", _TAG + "map"):
            self.error(line, f"unsupported YAML tag {node.tag!r}", where)
            return Node(NodeKind.SCALAR, None, line, reported=True)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = tuple(self.walk(item, f"{where}[{i}]") for i, item in enumerate(node.value, 1))
                return Node(NodeKind.LIST, None, line, items=items)
            assert isinstance(node, yaml.MappingNode)  # the tag said map
            return Node(NodeKind.MAP, None, line, entries=self.mapping(node, where))
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, where: str) -> dict[str, MapEntry]:
        entries: dict[str, MapEntry] = {}
        for key_node, value_node in node.value:
            line = self.lines.of(key_node.start_mark) + 1 + self.offset
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(line, "a key must be a plain name, not a list or mapping", where)
                continue
            # Keys as written: `no:` or `2014:` stay names, not booleans or numbers.
            name = str(key_node.value)
            path = f"{where}.{name}" if where else name
            if name in entries:
                self.error(line, f"duplicate key '{path}' (first on line {entries[name].line})")
                continue
            entries[name] = MapEntry(name, line, self.walk(value_node, path))
        return entries

    def scalar(self, node: yaml.ScalarNode, line: int, where: str) -> Node:
        tag = node.tag
        text = str(node.value)
        if self.clean_all or node.style == '"':  # a double-quoted scalar may escape any character
            text = clean_text(text)
        if tag == _TAG + "str":
            return Node(NodeKind.SCALAR, text, line, text=text)
        construct = SafeConstructor.yaml_constructors.get(tag)
        if construct is None or tag in (_TAG + "binary", _TAG + "set", _TAG + "omap", _TAG + "pairs"):
            self.error(line, f"unsupported YAML tag {tag!r}", where)
            return Node(NodeKind.SCALAR, text, line, text=text, reported=True)
        try:
            value = _construct(tag, node.value) if tag in _CACHED_TAGS else construct(_SCALARS, node)
        except Exception:  # noqa: BLE001 - explicit tags (`!!int abc`) break PyYAML's constructors in many ways
            if tag == _TAG + "timestamp" and _DATE_LIKE.match(text):
                return Node(NodeKind.SCALAR, text, line, text=text, bad_date=True)
            self.error(line, f"'{text}' is not a valid {tag.replace(_TAG, '!!')}", where)
            return Node(NodeKind.SCALAR, text, line, text=text, reported=True)
        return Node(NodeKind.SCALAR, naive_time(value), line, text=text)


_CACHED_TAGS = frozenset(_TAG + name for name in ("bool", "int", "float", "timestamp", "null"))


def plain_scalar(text: str) -> Any:
    """A plain scalar's text -> its value as the walk makes it (YAML 1.1: yes -> True,
    2014-02-20 -> a date), with the same remembered tags and constructors; ValueError for
    what the walk does not take as a value: a tag but str, bool, int, float, timestamp or
    null ('<<'), or a text its constructor refuses (2014-02-30)."""
    tag = _scalar_tag(text, (True, False))
    if tag == _TAG + "str":
        return text
    if tag not in _CACHED_TAGS:
        raise ValueError(f"'{text}' is a {tag.replace(_TAG, '!!')}")
    try:
        return naive_time(_construct(tag, text))
    except Exception as error:  # noqa: BLE001 - PyYAML's constructors fail in many ways
        raise ValueError(f"'{text}' is not a valid {tag.replace(_TAG, '!!')}") from error


@functools.lru_cache(maxsize=8192)
def _construct(tag: str, text: str) -> Any:
    """A scalar's tag and text -> its value, remembered: these values are immutable and
    depend on the text alone, and front-matter repeats dates across thousands of files.
    A text the constructor refuses raises each time (an exception is not cached)."""
    return SafeConstructor.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text))


def naive_time(value: Any) -> Any:
    """Times with a zone -> the same wall-clock time without one."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value
