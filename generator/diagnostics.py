"""Problems found while building, in one shape, like a compiler's.

Every stage appends `Diagnostic` values to a `Diagnostics` collector and goes on, so
one run reports every problem; `build` stops once, after linking, if any error exists.

Kinds of problem (all are plain `Diagnostic` values, told apart by `severity`):
- errors in content (YAML, front-matter fields, dates, slugs): the build fails, exit 1;
- warnings (company without a record, personal data, stale open cases): printed, and
  errors only under `--strict`;
- `BuildError`: the one exception, raised by `build` at the boundary with the
  collected diagnostics, caught by the CLI which prints them and exits 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

T = TypeVar("T")


# Control characters and every other character str.splitlines() breaks on -> visible escapes,
# so one problem is always one line of plain text.
_ONE_LINE = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7f, *range(0x80, 0xa0)] if c != 0x09}
_ONE_LINE.update({0x0a: "\\n", 0x0d: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """Any text -> one line fit for a terminal: line breaks, ESC, BEL and every other
    control character as a visible escape ('\\x1b'), so a name or a server's answer can
    neither break a message in two nor retitle or rewrite the user's terminal."""
    return text.translate(_ONE_LINE)


def for_terminal(text: str) -> str:
    """Text of one or more lines (split on '\\n' only) -> each line as one_line gives it,
    and bytes of a file name that are not UTF-8 (surrogate escapes) as '\\xNN'."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that escapes no byte
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "backslashreplace")
    return "\n".join(one_line(part) for part in text.split("\n"))


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: `path:line: key: message`, `path:line: warning: message`."""

    path: str
    line: int | None
    message: str
    key: str = ""
    severity: Severity = Severity.ERROR
    # The problem depends on how busy the machine was (a render out of time), not only on
    # the file: a cache must not keep it as the file's result. Not part of what it says.
    transient: bool = field(default=False, compare=False)
    # What it says as a phrase's name and values, for a screen that says it in the site's
    # language (the review desk); the terminal prints `message`. Not part of what it says.
    phrase: str = field(default="", compare=False)
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        where = one_line(where)
        text = f"{self.key}: {self.message}" if self.key else self.message
        text = one_line(text)  # quoted content may hold line breaks or terminal escapes
        if self.severity is Severity.WARNING:
            return f"{where}: warning: {text}"
        return f"{where}: {text}"


@dataclass
class Diagnostics:
    """A collector of problems; stages append and carry on."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str, *, key: str = "") -> None:
        self.items.append(Diagnostic(path, line, message, key, Severity.ERROR))

    def warning(self, path: str, line: int | None, message: str, *, key: str = "") -> None:
        self.items.append(Diagnostic(path, line, message, key, Severity.WARNING))

    def extend(self, items: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.items.extend(items)

    def collect(self, results: Iterable[tuple[T | None, list[Diagnostic]]]) -> list[T]:
        """(value or None, its problems) per file -> the values; the problems are collected."""
        values = []
        for value, problems in results:
            self.items.extend(problems)
            if value is not None:
                values.append(value)
        return values

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def has_errors(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics by file, then line, so output reads top to bottom."""
        return sorted(self.items, key=lambda d: (d.path, d.line or 0, d.key, d.message))


class BuildError(Exception):
    """Raised at a stage boundary when content errors stop the build."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics

    def __reduce__(self) -> tuple[type[BuildError], tuple[list[Diagnostic]]]:
        # Pickled with its diagnostics, so one raised in a worker process arrives whole.
        return (BuildError, (self.diagnostics,))
