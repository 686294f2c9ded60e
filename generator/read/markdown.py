"""Markdown text -> safe HTML; the only module importing a Markdown parser and nh3.

The parser is markdown-it.rs through markdown-it-pyrs: the same markdown-it rules
(CommonMark, tables, footnotes) as markdown-it-py, about ten times faster, which is what
makes a 10,000-story build take seconds. Raw HTML rules are left out unless
`allow_html`, so raw HTML is escaped and shown as text; with `allow_html` it is parsed
and the whole output sanitised with nh3. markdown-it's link validation refuses
javascript:, vbscript: and file: URLs, and nh3 drops them from raw HTML too.

markdown-it.rs is not safe on hostile text (checked with markdown-it-pyrs 0.4.0): `[^`
repeated ~40 times and `^[a` repeated ~1,000 times spin (exponentially), 10,000
reference definitions take seconds (quadratically), ~50,000 nested list markers
overflow its stack (SIGSEGV, the whole process), an unclosed `^[` panics. It does not
release the GIL or look at signals, so a call cannot be interrupted in this process.
So text reaches it only through `limits.py`: nesting deeper than MAX_DEPTH or text
longer than MAX_CHARS is refused; brackets that can never close are escaped; and a
text that is not plainly tame renders in a child process with a time limit, where a
crash or a hang costs that text (a MarkdownError), never the build.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import nh3
from markdown_it_pyrs import MarkdownIt

from generator.diagnostics import Diagnostic
from generator.read.limits import MarkdownError, defuse, screen

# Seconds for one file's texts in child processes, together: TIME_LIMIT, plus TIME_PER_MB
# for each million characters rendered there (a 5 MB story takes ~0.5 s, 600 KB of '['
# lines ~2 s on a busy machine). Per file, not per text: a story with five hostile texts
# must not take five times as long.
TIME_LIMIT = 8.0
TIME_PER_MB = 2.0

_RULES = [
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
    "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline",
    "table", "footnote",
]
_HTML_RULES = ["html_block", "html_inline"]
_BLOCK_TAG = re.compile(r"<(/?)(blockquote|ul|ol|section|p)\b[^>]*>")
_FOOTNOTE_REF = re.compile(r'<sup class="footnote-ref">.*?</sup>', re.S)
_IMAGE = re.compile(r'<img\s[^>]*?alt="([^"]*)"[^>]*>')
_TAG = re.compile(r"<[^>]+>")
_TAGS = nh3.ALLOWED_TAGS | {"section"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    # Footnotes link by id; tables align columns with style="text-align:...".
    "*": {"id", "class", "lang", "title"},
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
}
# The child: JSON {rules, text} on stdin -> HTML on stdout. markdown-it.rs's footnote rule
# panics on an inline footnote opened ("^[") but not closed in its paragraph; rendered
# with every "^[" escaped, such a text keeps its words and its [^1] footnotes. The panic
# message Rust prints goes to the child's stderr, which is captured.
# The child renders the text; where markdown-it.rs panics on it, again with every "^["
# escaped, and where it still panics (e.g. '[`](x)', an index out of bounds in its link
# rule), with every ASCII punctuation character escaped: the words as written, unformatted.
_CHILD = """\
import json, re, sys
from markdown_it_pyrs import MarkdownIt
job = json.loads(sys.stdin.buffer.read())
parser = MarkdownIt("zero").enable_many(job["rules"])
texts = [job["text"], job["text"].replace("^[", "^\\\\["),
         re.sub(r"([!-/:-@\\[-`{-~])", r"\\\\\\1", job["text"])]
for number, text in enumerate(texts):
    try:
        out = parser.render(text)
        break
    except BaseException as error:
        if type(error).__name__ != "PanicException" or number == len(texts) - 1:
            raise
sys.stdout.buffer.write(out.encode("utf-8"))
"""


@functools.cache
def _parser(allow_html: bool) -> MarkdownIt:
    """One configured parser per mode, built once per process."""
    return MarkdownIt("zero").enable_many(_rules(allow_html))


def _rules(allow_html: bool) -> list[Any]:  # markdown-it-pyrs types the names as one Literal
    return _RULES + (_HTML_RULES if allow_html else [])


def _sanitise(text: str) -> str:
    return nh3.clean(text, tags=_TAGS, attributes=_ATTRIBUTES, filter_style_properties={"text-align"})


def _allowance(chars: int) -> float:
    """Characters rendered in child processes -> the seconds they may take there."""
    return TIME_LIMIT + TIME_PER_MB * chars // 1_000_000


@dataclass
class TimeBudget:
    """The time one file's texts have spent in child processes (see TIME_LIMIT)."""

    spent: float = 0.0
    chars: int = 0


def render_markdown(text: str, *, allow_html: bool, budget: TimeBudget | None = None) -> str:
    """Markdown (CommonMark, tables, footnotes) -> HTML safe to embed.
    Raises MarkdownError (with the 0-based line in the text) when the text is refused or
    the renderer crashes or runs out of time on it (`budget`: the time its file has left,
    else a budget of its own)."""
    text = defuse(text)
    if screen(text):
        try:
            # Some texts still panic markdown-it.rs (an inline footnote closed only in a later
            # paragraph, a code span inside a link's text: '[`](x)'), and Rust prints the
            # panic and a backtrace to stderr itself: silenced (1.6 us a render), and the
            # child renders such a text.
            with _stderr_silenced():
                rendered = _parser(allow_html).render(text)
        except BaseException as error:  # pyo3_runtime.PanicException derives from BaseException
            if type(error).__name__ != "PanicException":
                raise
            rendered = _render_isolated(text, allow_html, budget or TimeBudget())
    else:
        rendered = _render_isolated(text, allow_html, budget or TimeBudget())
    return _sanitise(rendered) if allow_html else rendered


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """File descriptor 2 points at /dev/null inside the block (what the process writes to
    stderr meanwhile is lost: the block is one Markdown render)."""
    if sys.stderr is not None:
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (started with 2>&-): nothing to silence
        yield
        return
    try:
        os.dup2(_devnull(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@functools.cache
def _devnull() -> int:
    """A descriptor of /dev/null, opened once per process."""
    return os.open(os.devnull, os.O_WRONLY)


_TIMED_OUT = "the Markdown renderer took longer than"


def _render_isolated(text: str, allow_html: bool, budget: TimeBudget) -> str:
    """Markdown -> HTML rendered in a child process in the time its own length allows and
    its file's budget has left, else MarkdownError."""
    budget.chars += len(text)
    alone, whole = _allowance(len(text)), _allowance(budget.chars)
    limit = min(alone, whole - budget.spent)
    hint = "(deeply nested or unclosed brackets, lists or quotes?)"
    out_of_time = (MarkdownError(f"{_TIMED_OUT} {alone:g} s on this text; simplify it {hint}", timed_out=True)
                   if limit == alone else
                   MarkdownError(f"{_TIMED_OUT} {whole:g} s on this file's texts together; simplify them {hint}",
                                 timed_out=True))
    if limit < 0.1:
        raise out_of_time
    job = json.dumps({"rules": _rules(allow_html), "text": text}).encode("utf-8")
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _CHILD], input=job, capture_output=True,
                              timeout=limit, check=False)
    except subprocess.TimeoutExpired:
        raise out_of_time from None
    finally:
        budget.spent += time.monotonic() - started
    if done.returncode != 0:
        why = f"signal {-done.returncode}" if done.returncode < 0 else f"exit status {done.returncode}"
        raise MarkdownError(f"the Markdown renderer failed on this text ({why}); "
                            "simplify it (deeply nested or unclosed brackets, lists or quotes?)")
    return done.stdout.decode("utf-8")


@dataclass
class MarkdownRenderer:
    """The Markdown texts of one file -> HTML each, and a diagnostic for each text refused
    (`path:line: key: message`, the line being the text's first file line plus the line
    within it); a refused text renders as ''. A front-matter value's lines need not be
    the file's (a quoted "a\\nb" is one line of the file): its line is kept at or before
    `last_line`, the last line such a value can be on; the body's (`exact`) are the file's."""

    path: str
    allow_html: bool
    last_line: int | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    budget: TimeBudget = field(default_factory=TimeBudget)

    def block(self, text: str, *, line: int, key: str, exact: bool = False) -> str:
        return self._render(render_markdown, text, line, key, exact)

    def inline(self, text: str, *, line: int, key: str) -> str:
        return self._render(render_inline, text, line, key, False)

    def _render(self, render: Callable[..., str], text: str, line: int, key: str, exact: bool) -> str:
        try:
            return render(text, allow_html=self.allow_html, budget=self.budget)
        except MarkdownError as error:
            where = line + error.line
            if not exact and self.last_line is not None:
                where = max(line, min(where, self.last_line))
            self.problems.append(Diagnostic(self.path, where, error.message, key, transient=error.timed_out))
            return ""


def render_inline(text: str, *, allow_html: bool, budget: TimeBudget | None = None) -> str:
    """One line of Markdown -> inline HTML (no <p>) safe to embed."""
    rendered = render_markdown(text, allow_html=allow_html, budget=budget).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


SUMMARY_WORDS = 40
SUMMARY_CHARS = 300
# A sentence ends at . ! ? or … (then maybe a closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*(?=\s|$)""")
# A soft line break right after a sentence's end: a post written with single newlines
# between its paragraphs (as many blog editors export) has its first one end there.
_LINE_AFTER_SENTENCE = re.compile(r"""[.!?…]["'”’)\]]*[ \t]*\n""")


def summary_of(rendered: str) -> str:
    """Rendered HTML -> the automatic summary: the plain text of the first paragraph,
    cut within SUMMARY_WORDS words and SUMMARY_CHARS characters at a sentence's end (or
    else a word's), with an ellipsis when cut ('' when there is no paragraph)."""
    return shorten(first_paragraph_of(rendered, lines=True))


def shorten(text: str, *, words: int = SUMMARY_WORDS, chars: int = SUMMARY_CHARS) -> str:
    """Plain text -> itself when it fits in `words` words and `chars` characters, else
    cut at the last sentence end that fits (when that keeps at least a third of what
    fits) or the last whole word, followed by an ellipsis."""
    kept = text.split(" ")
    if len(kept) <= words and len(text) <= chars:
        return text
    room = " ".join(kept[:words])[: chars - 2]  # room for " …"
    if len(room) < len(text) and not text[len(room)].isspace():
        room = room.rsplit(" ", 1)[0] if " " in room else room  # a word cut through: drop it
    ends = [m.end() for m in _SENTENCE_END.finditer(room)]
    if ends and ends[-1] >= len(room) // 3:
        return f"{room[:ends[-1]]} …"
    return room.rstrip(" ,;:–-") + "…"


def first_paragraph_of(rendered: str, *, lines: bool = False) -> str:
    """Rendered HTML -> plain text of the first top-level paragraph (else the first at all).

    With `lines`, a soft line break after a sentence's end also ends the paragraph."""
    depth = 0
    first_nested: tuple[int, int] | None = None
    for match in _BLOCK_TAG.finditer(rendered):
        closing, tag = match.group(1), match.group(2)
        if tag != "p":
            depth += -1 if closing else 1
        elif not closing:
            end = rendered.find("</p>", match.end())
            span = (match.end(), end if end >= 0 else len(rendered))
            if depth == 0:
                return _plain(_first_line(rendered[span[0]:span[1]], lines))
            first_nested = first_nested or span
    return _plain(_first_line(rendered[first_nested[0]:first_nested[1]], lines)) if first_nested else ""


def _first_line(fragment: str, lines: bool) -> str:
    """A paragraph's HTML -> up to its first line break after a sentence (all when not `lines`)."""
    if not lines or "\n" not in fragment:
        return fragment
    match = _LINE_AFTER_SENTENCE.search(fragment)
    return fragment[:match.end()] if match else fragment


def _plain(fragment: str) -> str:
    """Inline HTML -> its text: markup dropped, images by alt text, footnote marks dropped."""
    if "<" in fragment:  # most first paragraphs are bare text: skip three regex passes
        text = _IMAGE.sub(lambda m: m.group(1), _FOOTNOTE_REF.sub("", fragment))
        fragment = _TAG.sub("", text)
    # split() and join: the same runs as re's \s+ (both use str.isspace), without a
    # regex replacement per word.
    return " ".join(html.unescape(fragment).split())
