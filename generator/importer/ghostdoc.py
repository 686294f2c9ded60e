"""A Ghost post's editor document -> HTML, for a post whose export has no `html`: Lexical
(Ghost 5 and later: `lexical`, a JSON tree of nodes) or Mobiledoc (Ghost 1 to 4:
`mobiledoc`, JSON of sections, markers and cards). Only what a reader sees: text with its
emphasis and links, headings, lists, quotes, images, and the Markdown and HTML cards.
"""

from __future__ import annotations

import html
import json
from typing import Any

_DEPTH = 64  # nodes nested deeper are left out (no editor makes them; a hostile file might)
_BLOCK = {"paragraph": "p", "quote": "blockquote", "aside": "blockquote", "listitem": "li"}
_HEADINGS = {f"h{n}" for n in range(1, 7)}
_SECTION_TAGS = {"p", "blockquote", "aside", "pull-quote", *_HEADINGS}


def _escape(text: Any) -> str:
    return html.escape(text) if isinstance(text, str) else ""


def _web(url: Any) -> str:
    return html.escape(url, quote=True) if isinstance(url, str) and url.startswith(("http://", "https://", "/")) else ""


def _markdown_card(text: Any) -> str:
    from generator.read.limits import MarkdownError
    from generator.read.markdown import render_markdown

    if not isinstance(text, str) or not text.strip():
        return ""
    try:
        return render_markdown(text, allow_html=False)
    except MarkdownError:
        return f"<p>{_escape(text)}</p>"


def _card(kind: Any, payload: Any) -> str:
    """A card's kind and payload (Lexical node or Mobiledoc card) -> its HTML."""
    if not isinstance(payload, dict):
        return ""
    if kind == "markdown":
        return _markdown_card(payload.get("markdown"))
    if kind == "html":
        html = payload.get("html")
        return html if isinstance(html, str) else ""
    if kind == "image" and _web(payload.get("src")):
        alt = _escape(payload.get("alt") or payload.get("altText") or "")
        caption = payload.get("caption")
        shown = f'<img src="{_web(payload.get("src"))}" alt="{alt}">'
        return f"<figure>{shown}<figcaption>{caption}</figcaption></figure>" if isinstance(caption, str) and caption else f"<p>{shown}</p>"
    return ""


def _lexical_text(node: dict) -> str:
    text = _escape(node.get("text"))
    style: int = node["format"] if isinstance(node.get("format"), int) else 0
    if style & 1:
        text = f"<strong>{text}</strong>"
    if style & 2:
        text = f"<em>{text}</em>"
    return text


def _lexical(node: Any, depth: int = 0) -> str:
    """A Lexical node -> its HTML."""
    if not isinstance(node, dict) or depth > _DEPTH:
        return ""
    kind = node.get("type")
    if kind in ("text", "extended-text"):
        return _lexical_text(node)
    if kind == "linebreak":
        return "<br>"
    if kind in ("markdown", "html", "image"):
        return _card(kind, node)
    children = node.get("children")
    inner = "".join(_lexical(child, depth + 1) for child in children) if isinstance(children, list) else ""
    if kind in ("link", "autolink"):
        url = _web(node.get("url"))
        return f'<a href="{url}">{inner}</a>' if url else inner
    if kind in ("heading", "extended-heading"):
        tag = node.get("tag") if node.get("tag") in _HEADINGS else "h2"
        return f"<{tag}>{inner}</{tag}>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" else "ul"
        return f"<{tag}>{inner}</{tag}>"
    if kind in _BLOCK or kind == "extended-quote":
        tag = _BLOCK.get(kind, "blockquote")
        return f"<{tag}>{inner}</{tag}>"
    return inner  # the root, and nodes that only hold others


def _markup(markup: Any) -> tuple[str, str]:
    """A Mobiledoc markup (['a', ['href', url]], ['strong']) -> (the tag to open, its href):
    a link without a web address, or a tag not kept, opens a <span>."""
    name = markup[0] if isinstance(markup, list) and markup and isinstance(markup[0], str) else ""
    attributes = markup[1] if isinstance(markup, list) and len(markup) > 1 and isinstance(markup[1], list) else []
    href = next((_web(attributes[n + 1]) for n in range(0, len(attributes) - 1, 2) if attributes[n] == "href"), "")
    if name == "a":
        return ("a", href) if href else ("span", "")
    return (name, "") if name in ("strong", "b", "em", "i") else ("span", "")


def _mobiledoc_markers(markers: Any, markups: list) -> str:
    """Mobiledoc markers [kind, opened markup indexes, how many close, text] -> HTML."""
    out, open_tags = [], []
    for marker in markers if isinstance(markers, list) else ():
        if not (isinstance(marker, list) and len(marker) == 4 and isinstance(marker[1], list)):
            continue
        for index in marker[1]:
            tag, href = _markup(markups[index] if isinstance(index, int) and 0 <= index < len(markups) else None)
            out.append(f'<a href="{href}">' if tag == "a" else f"<{tag}>")
            open_tags.append(tag)
        out.append(_escape(marker[3]) if marker[0] == 0 else "")
        closing = marker[2] if isinstance(marker[2], int) else 0
        for _ in range(min(closing, len(open_tags))):
            out.append(f"</{open_tags.pop()}>")
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out)


def _mobiledoc(document: dict) -> str:
    markups: list[Any] = document["markups"] if isinstance(document.get("markups"), list) else []
    cards: list[Any] = document["cards"] if isinstance(document.get("cards"), list) else []
    out = []
    for section in document.get("sections") or ():
        if not isinstance(section, list) or not section:
            continue
        kind = section[0]
        if kind == 1 and len(section) >= 3:
            tag = section[1] if section[1] in _SECTION_TAGS else "p"
            tag = "blockquote" if tag in ("aside", "pull-quote") else tag
            out.append(f"<{tag}>{_mobiledoc_markers(section[2], markups)}</{tag}>")
        elif kind == 2 and len(section) >= 2 and _web(section[1]):
            out.append(f'<p><img src="{_web(section[1])}" alt=""></p>')
        elif kind == 3 and len(section) >= 3 and isinstance(section[2], list):
            tag = "ol" if section[1] == "ol" else "ul"
            items = "".join(f"<li>{_mobiledoc_markers(item, markups)}</li>" for item in section[2])
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == 10 and len(section) >= 2 and isinstance(section[1], int) and 0 <= section[1] < len(cards):
            card = cards[section[1]]
            if isinstance(card, list) and len(card) == 2:
                out.append(_card(card[0], card[1]))
    return "\n".join(out)


def document_html(post: dict) -> str:
    """A Ghost post (a row of its export) -> the HTML of its `lexical` or `mobiledoc`
    document ('' when it has neither, or it does not load)."""
    for field, convert in (("lexical", lambda d: _lexical(d.get("root"))), ("mobiledoc", _mobiledoc)):
        written = post.get(field)
        if not isinstance(written, str) or not written.strip():
            continue
        try:
            document = json.loads(written)
        except (ValueError, RecursionError):
            continue
        if isinstance(document, dict):
            made = convert(document)
            if made.strip():
                return made
    return ""
