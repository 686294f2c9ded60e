"""Markdown text -> safe HTML; the only module importing a Markdown parser and nh3.

The parser is markdown-it.rs through markdown-it-pyrs: the same markdown-it rules
(CommonMark, tables, footnotes) as markdown-it-py, about ten times faster, which is what
makes a 10,000-story build take seconds. Raw HTML rules are left out unless
`allow_html`, so raw HTML is escaped and shown as text; with `allow_html` it is parsed
and the whole output sanitised with nh3. markdown-it's link validation refuses
javascript:, vbscript: and file: URLs, and nh3 drops them from raw HTML too.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
import sys
from collections.abc import Iterator

import nh3
from markdown_it_pyrs import MarkdownIt

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


@functools.cache
def _parser(allow_html: bool) -> MarkdownIt:
    """One configured parser per mode, built once per process."""
    return MarkdownIt("zero").enable_many(_RULES + (_HTML_RULES if allow_html else []))


def _sanitise(text: str) -> str:
    return nh3.clean(text, tags=_TAGS, attributes=_ATTRIBUTES, filter_style_properties={"text-align"})


def render_markdown(text: str, *, allow_html: bool) -> str:
    """Markdown (CommonMark, tables, footnotes) -> HTML safe to embed."""
    # markdown-it.rs's footnote rule panics on an inline footnote opened ("^[") but not
    # closed in its paragraph ('a ^[' at the end of a text), and Rust prints the panic's
    # message to stderr itself. Rendered with every "^[" escaped, such a text keeps its
    # words and its [^1] footnotes.
    footnote = "^[" in text
    try:
        with _stderr_silenced() if footnote else contextlib.nullcontext():
            rendered = _parser(allow_html).render(text)
    except BaseException as error:  # pyo3_runtime.PanicException derives from BaseException
        if type(error).__name__ != "PanicException" or not footnote:
            raise
        rendered = _parser(allow_html).render(text.replace("^[", "^\\["))
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
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def render_inline(text: str, *, allow_html: bool) -> str:
    """One line of Markdown -> inline HTML (no <p>) safe to embed."""
    rendered = render_markdown(text, allow_html=allow_html).strip()
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
