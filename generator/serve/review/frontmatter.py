"""A story file's text -> its front-matter edited key by key, everything else kept.

The review desk changes a few keys of a file its author (or `import`) wrote, so the
file must come back as it was but for those keys: the body byte for byte, comments
(the evidence `import` writes after a guessed value: `company: Fiber  # 4 mentions`),
blank lines, key order, quoting, line endings and a byte-order mark. A round-trip YAML
library re-emits the whole document in its own style, so this is a line editor instead:
YAML's own parser (compose) marks where each top-level key starts and ends, and only
the lines of a key whose value changed are written anew. A key given the value it
already has is not touched at all; a changed key keeps the comment on its line; an
unchanged timeline event keeps its lines (and comments) inside a changed timeline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from generator.read.schema import STORY_FIELDS

ORDER = tuple(field.name for field in STORY_FIELDS)  # where a new key goes: schema order
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/+-]*\Z")
_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85"})
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """The file cannot be edited here (no front-matter, YAML that does not parse, ...)."""


def trailing_comment(line: str) -> tuple[str, str]:
    """One YAML line -> (code, comment without '#'); a '#' is a comment when it starts the
    line or follows a space or tab outside quotes ('C#' and "a # b" in quotes are no comments)."""
    quote = ""
    index = 0
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if quote and char == quote:
            if quote == "'" and line[index + 1:index + 2] == "'":
                index += 2
                continue
            quote = ""
        elif not quote and char in "'\"" and (index == 0 or line[index - 1] in " \t[{,:-"):
            quote = char
        elif not quote and char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index].rstrip(), line[index + 1:].strip()
        index += 1
    return line.rstrip("\r\n"), ""


@dataclass
class Entry:
    """One top-level key: its lines [start, end) of the front-matter; its events' line
    ranges when it is a block list of mappings (the timeline)."""

    key: str
    start: int
    end: int
    items: list[tuple[int, int]]


def _last_line(node: yaml.Node) -> int:
    """A node -> the last line holding part of it (block scalars end at the next line's start)."""
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is False:
        return _last_line(node.value[-1])
    if isinstance(node, yaml.MappingNode) and node.value and node.flow_style is False:
        return _last_line(node.value[-1][1])
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _entries(lines: list[str]) -> list[Entry]:
    """Front-matter lines -> an Entry per top-level key, in file order."""
    text = "".join(lines)
    try:
        root = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        raise EditError(f"the front-matter is not valid YAML ({str(error).splitlines()[0]}); fix it in an editor") from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditError("the front-matter is not a block of 'key: value' lines; fix it in an editor")
    entries: list[Entry] = []
    seen: set[str] = set()
    for key, value in root.value:
        if str(key.value) in seen:
            raise EditError(f"duplicate key '{key.value}' (line {key.start_mark.line + 2}); fix it in an editor")
        seen.add(str(key.value))
        end = max(key.start_mark.line, _last_line(value)) + 1
        while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
            end += 1  # an indented comment closing a block value belongs to it
        items = []
        if isinstance(value, yaml.SequenceNode) and value.flow_style is False:
            starts = [item.start_mark.line for item in value.value]
            items = [(start, (starts[n + 1] if n + 1 < len(starts) else end)) for n, start in enumerate(starts)]
        entries.append(Entry(str(key.value), key.start_mark.line, end, items))
    return entries


def render_scalar(value: Any) -> str:
    """A value -> one line of YAML that loads back as that value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    text = str(value)
    plain = bool(_PLAIN.match(text)) and yaml.load(text, Loader=_SAFE_LOADER) == text and not text.endswith(" ")
    if plain:
        return text
    # A JSON string is a YAML scalar; line and paragraph separators are escaped too, since
    # YAML would fold them like line breaks.
    return json.dumps(text, ensure_ascii=False).translate(_SEPARATORS)


def _render_flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {render_scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_scalar(v) for v in value) + "]"
    return render_scalar(value)


def _render_item(item: dict[str, Any], newline: str) -> list[str]:
    lines = []
    for number, (key, value) in enumerate(item.items()):
        lines.append(f"{'  - ' if number == 0 else '    '}{key}: {_render_flow(value)}{newline}")
    return lines


class FrontMatterFile:
    """A story file's text, split into what is kept as is and the front-matter lines."""

    def __init__(self, text: str) -> None:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        rest = text[len(bom):]
        first = rest.find("\n")
        if first < 0 or rest[:first].rstrip() != "---":
            raise EditError("no front-matter: the file does not start with a '---' line")
        self.newline = "\r\n" if rest[:first].endswith("\r") else "\n"
        self.head = bom + rest[:first + 1]
        lines = rest[first + 1:].splitlines(keepends=True)
        close = next((n for n, line in enumerate(lines) if line.rstrip("\r\n").rstrip() == "---"), None)
        if close is None:
            raise EditError("no closing '---' line after the front-matter")
        self.lines = lines[:close]
        self.body = "".join(lines[close + 1:])
        self.fence = lines[close]
        self.entries = _entries(self.lines)

    def text(self) -> str:
        return self.head + "".join(self.lines) + self.fence + self.body

    def values(self) -> dict[str, Any]:
        """The front-matter as YAML loads it ({} when empty)."""
        loaded = yaml.load("".join(self.lines), Loader=_SAFE_LOADER)
        return loaded if isinstance(loaded, dict) else {}

    def comments(self) -> dict[str, str]:
        """Key -> the comment on its line (the evidence `import` wrote), for keys that have one."""
        found = {}
        for entry in self.entries:
            comment = trailing_comment(self.lines[entry.start].rstrip("\r\n"))[1]
            if comment:
                found[entry.key] = comment
        return found

    def item_comments(self, key: str) -> list[str]:
        """A block list's items -> the comment on each item's first line ('' for none)."""
        entry = self._entry(key)
        if entry is None:
            return []
        return [trailing_comment(self.lines[start].rstrip("\r\n"))[1] for start, _ in entry.items]

    def _entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def set(self, key: str, value: Any) -> None:
        """Give `key` a value (None removes it); a value equal to the present one changes nothing."""
        current = self.values()
        if value is None:
            if key in current or self._entry(key) is not None:
                self._remove(key)
            return
        if key in current and _same(current[key], value):
            return
        entry = self._entry(key)
        new = self._render(key, value, entry)
        if entry is None:
            at = self._insert_at(key)
            self.lines[at:at] = new
        else:
            self.lines[entry.start:entry.end] = new
        self.entries = _entries(self.lines)

    def _render(self, key: str, value: Any, entry: Entry | None) -> list[str]:
        nl = self.newline
        code, comment = "", ""
        if entry is not None:
            code, comment = trailing_comment(self.lines[entry.start].rstrip("\r\n"))
        suffix = f"  # {comment}" if comment else ""
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
            kept = self._kept_items(key, entry)
            lines = [f"{key}:{suffix}{nl}"]
            for item in value:
                lines += kept.get(_freeze(item)) or _render_item(item, nl)
            return lines
        quoted = isinstance(value, str) and code.partition(":")[2].lstrip().startswith('"')
        text = json.dumps(value, ensure_ascii=False).translate(_SEPARATORS) if quoted else _render_flow(value)
        return [f"{key}: {text}{suffix}{nl}"]

    def _kept_items(self, key: str, entry: Entry | None) -> dict[object, list[str]]:
        """A block list's items as they are now -> their lines, to reuse for unchanged items."""
        if entry is None or not entry.items:
            return {}
        old = self.values().get(key)
        if not isinstance(old, list) or len(old) != len(entry.items):
            return {}
        kept: dict[object, list[str]] = {}
        for item, (start, end) in zip(old, entry.items, strict=True):
            if isinstance(item, dict):
                kept.setdefault(_freeze(item), self.lines[start:end])
        return kept

    def _insert_at(self, key: str) -> int:
        """A new key -> the line after the last present key that comes before it in schema order."""
        rank = ORDER.index(key) if key in ORDER else len(ORDER)
        before = [e for e in self.entries if (ORDER.index(e.key) if e.key in ORDER else len(ORDER)) <= rank]
        if before:
            return max(e.end for e in before)
        return self.entries[0].start if self.entries else len(self.lines)

    def _remove(self, key: str) -> None:
        """Delete a key's lines and the comment lines right above it (they speak of it)."""
        entry = self._entry(key)
        if entry is None:
            return
        start = entry.start
        while (start > 0 and self.lines[start - 1].startswith("#")
               and not any(e.start <= start - 1 < e.end for e in self.entries)):
            start -= 1
        del self.lines[start:entry.end]
        self.entries = _entries(self.lines)


def _freeze(value: Any) -> object:
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return _norm(value)


def _norm(value: Any) -> object:
    """Values YAML writes two ways -> one: unquoted no/yes (YAML 1.1 booleans) and their strings."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(old: Any, new: Any) -> bool:
    return _freeze(old) == _freeze(new)


def remove_paragraphs(body: str, numbers: set[int]) -> str:
    """A body and the numbers of blocks to drop -> the body without them, all else byte for byte."""
    blocks = paragraphs(body)
    kept = [block for number, block in enumerate(blocks) if number not in numbers]
    if kept and len(blocks) - 1 in numbers:  # the body now ends on a kept block: no blank lines after it
        last = kept[-1].splitlines(keepends=True)
        while len(last) > 1 and not last[-1].strip():
            last.pop()
        kept[-1] = "".join(last)
    return "".join(kept)


def paragraphs(body: str) -> list[str]:
    """A Markdown body -> its blocks: a run of non-blank lines with the blank lines after it;
    ''.join(paragraphs(body)) == body. Leading blank lines form a block of their own."""
    blocks: list[str] = []
    current = ""
    for line in body.splitlines(keepends=True):
        if line.strip() and current and not current.splitlines()[-1].strip():
            blocks.append(current)
            current = ""
        current += line
    if current:
        blocks.append(current)
    return blocks
