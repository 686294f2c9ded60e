"""Markdown text -> safe HTML; the only module importing markdown_it and nh3.

Raw HTML is escaped (shown as text) unless `allow_html`; then it passes the parser and
the whole output is sanitised with nh3. markdown-it's link validation already refuses
javascript:, vbscript: and file: URLs, and nh3 drops them from raw HTML too.
"""

from __future__ import annotations

import functools
import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

_SPACES = re.compile(r"\s+")
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
    return MarkdownIt("commonmark", {"html": allow_html}).enable("table").use(footnote_plugin)


def _sanitise(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, filter_style_properties={"text-align"})


def render_markdown(text: str, *, allow_html: bool) -> str:
    """Markdown (CommonMark, tables, footnotes) -> HTML safe to embed."""
    return render_body(text, allow_html=allow_html)[0]


def render_body(text: str, *, allow_html: bool) -> tuple[str, str]:
    """Markdown -> (safe HTML, plain text of the first paragraph), parsing once."""
    md = _parser(allow_html)
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    html = md.renderer.render(tokens, md.options, env)
    return (_sanitise(html) if allow_html else html), _first_paragraph(tokens)


def render_inline(text: str, *, allow_html: bool) -> str:
    """One line of Markdown -> inline HTML (no <p>) safe to embed."""
    html = _parser(allow_html).renderInline(text)
    return _sanitise(html) if allow_html else html


def first_paragraph_text(markdown: str) -> str:
    """Markdown -> plain text of its first paragraph ('' when there is none)."""
    return _first_paragraph(_parser(False).parse(markdown, {}))


def _first_paragraph(tokens: list[Token]) -> str:
    """Block tokens -> plain text of the first top-level paragraph (else the first at all)."""
    paragraphs = [i for i, tok in enumerate(tokens) if tok.type == "paragraph_open"]
    top = [i for i in paragraphs if tokens[i].level == 0]
    chosen = (top or paragraphs)[:1]
    if not chosen:
        return ""
    inline = tokens[chosen[0] + 1]
    return _SPACES.sub(" ", _plain(inline.children or [])).strip()


def _plain(children: list[Token]) -> str:
    """Inline tokens -> their text: markup dropped, images by alt text, footnote marks dropped."""
    parts: list[str] = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif tok.type == "image":
            parts.append(_plain(tok.children or []))
    return "".join(parts)
