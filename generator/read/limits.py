"""Markdown text -> whether it may reach markdown-it.rs in this process (pure, linear).

What markdown-it.rs cannot take (see markdown.py) is bounded here before it renders:
- text longer than MAX_CHARS, lists and quotes nested deeper than MAX_DEPTH on one
  line, or more than MAX_REFERENCES link reference definitions, is refused with a
  MarkdownError;
- a `[` next to `^` that no `]` ever closes cannot start a link or footnote, but makes
  the footnote rules backtrack exponentially: it is escaped (`defuse`);
- a text is tame (rendered in this process, without a time limit) only when it is
  short, shallow, and has few unclosed and no deeply nested brackets;
  everything else renders in a child process with a time limit.
Every check is one pass of a regular expression without nested quantifiers that can
overlap, so it is linear in the text.
"""

from __future__ import annotations

import re

MAX_CHARS = 10_000_000  # a 5 MB story (80,000 paragraphs) renders in ~0.5 s
MAX_DEPTH = 100
MAX_REFERENCES = 1_000  # markdown-it.rs takes quadratic time in them: 10,000 take seconds
_TAME_CHARS = 20_000
_TAME_DEPTH = 16
_TAME_BRACKETS = 200  # '[' beyond which bracket nesting is measured (a Python loop per bracket)
_FEW_CARETS = 8  # '[^' and '^[': 15 unclosed take a millisecond, 30 take seconds

# The container markers that open a line: quotes and list items, each after optional blanks.
# Anchored on '\n', not '^': re finds a literal first character with a fast scan, where
# '^' is tried at every position (three times slower over a whole story).
_CONTAINERS = re.compile(r"\n(?:[ \t]*(?:>|[-*+](?=[ \t\n]|$)|\d{1,9}[.)](?=[ \t\n]|$)))+")
# A line can nest deeper than _TAME_DEPTH only with that many characters of container
# markers and blanks at its start: one quick search rules out almost every text.
_LONG_PREFIX = re.compile(rf"\n[ \t>*+\-\d.)]{{{_TAME_DEPTH + 1},}}")
_MARKER = re.compile(r">|[-*+](?=[ \t\n]|$)|\d{1,9}[.)]")
_REFERENCE = re.compile(r"\n {0,3}\[[^\]\n]*\]:")
_BRACKET = re.compile(r"\\.|[\[\]]", re.DOTALL)


class MarkdownError(ValueError):
    """A text the renderer refused or failed on; `line` is 0-based within the text;
    `timed_out` when it ran out of time (how busy the machine was decides that too)."""

    def __init__(self, message: str, line: int = 0, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.timed_out = timed_out


def nesting(text: str) -> tuple[int, int]:
    """Markdown -> (how deep its deepest line nests lists and quotes, the first line
    deeper than MAX_DEPTH, else the deepest line; 0-based); (0, 0) when no line can be
    deeper than _TAME_DEPTH. Indentation counts a level per four columns: a nested
    list item needs at least two."""
    text = "\n" + text  # the first line too
    if not _LONG_PREFIX.search(text):
        return 0, 0
    deepest, where = 0, 0
    for match in _CONTAINERS.finditer(text):
        prefix = match.group()[1:]
        if len(prefix) <= deepest:  # each level takes at least one character
            continue
        blank = prefix[:len(prefix) - len(prefix.lstrip(" \t"))]
        depth = len(_MARKER.findall(prefix)) + (blank.count(" ") + 4 * blank.count("\t")) // 4
        if depth > deepest:
            deepest, where = depth, match.start()
            if depth > MAX_DEPTH:
                break
    return deepest, text.count("\n", 0, where)  # where: the "\n" before that line


def _unclosed(text: str) -> tuple[list[int], int]:
    """Markdown -> (offsets of '[' no ']' closes, deepest bracket nesting); escapes skipped."""
    opened: list[int] = []
    deepest = 0
    for match in _BRACKET.finditer(text):
        if match.group() == "[":
            opened.append(match.start())
            deepest = max(deepest, len(opened))
        elif match.group() == "]" and opened:
            opened.pop()
    return opened, deepest


def defuse(text: str) -> str:
    """Markdown -> the same with every unclosed '[' beside a '^' escaped ('[^[^' -> '\\[^\\[^')."""
    # A few never make it slow; but an unclosed inline footnote '^[' makes markdown-it.rs panic.
    if "^[" not in text and text.count("[^") <= _FEW_CARETS:
        return text
    opened, _ = _unclosed(text)
    spots = [at for at in opened if text.startswith("^", at + 1) or (at > 0 and text[at - 1] == "^")]
    if not spots:
        return text
    pieces, last = [], 0
    for at in spots:
        pieces += [text[last:at], "\\"]
        last = at
    pieces.append(text[last:])
    return "".join(pieces)


def screen(text: str) -> bool:
    """Markdown -> True when it may render in this process, False when only in a child
    with a time limit; MarkdownError when it is too long or nested too deep to render."""
    if len(text) > MAX_CHARS:
        raise MarkdownError(f"{len(text):,} characters of Markdown; at most {MAX_CHARS:,}")
    depth, line = nesting(text)
    if depth > MAX_DEPTH:
        raise MarkdownError(f"lists and quotes nested more than {MAX_DEPTH} levels deep", line)
    if text.count("]:") > MAX_REFERENCES and len(references := _REFERENCE.findall("\n" + text)) > MAX_REFERENCES:
        raise MarkdownError(f"{len(references):,} link reference definitions ('[label]: url' lines); "
                            f"at most {MAX_REFERENCES:,}")
    if len(text) > _TAME_CHARS or depth > _TAME_DEPTH:
        return False
    if text.count("[") <= _TAME_BRACKETS and "^[" not in text:
        return True
    opened, deepest = _unclosed(text)
    return len(opened) <= 32 and deepest <= 4
