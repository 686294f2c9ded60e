"""HTML (a post's content, an extracted article) -> Markdown, links made absolute.

markdownify does the conversion (paragraphs, lists, links, emphasis, images, tables);
here is only what comes before it: scripts out, WordPress's bare-newline paragraphs
made into <p>, shortcodes unwrapped, relative links joined to the post's URL.
"""

from __future__ import annotations

import html as entities
import re
from urllib.parse import urljoin

from generator.importer.post import BadInput

_SCRIPT_OPEN = re.compile(r"<(script|style|noscript|iframe|form|button)\b", re.IGNORECASE)
_LINK_ATTR = re.compile(r"""(\b(?:href|src)\s*=\s*)(["'])([^"'<>]{0,4000})\2""", re.IGNORECASE)
_HAS_PARAGRAPHS = re.compile(r"<p[\s>]", re.IGNORECASE)
_BLOCK_START = re.compile(r"^\s*<(?:ul|ol|li|table|h[1-6]|blockquote|pre|div|figure|hr|p|dl|!--)\b", re.IGNORECASE)
_SHORTCODE_DROP = re.compile(r"\[(gallery|embed|contact-form[\w-]*|audio|video|playlist)\b[^\[\]]{0,2000}\]"
                             r"(?:[^\[]{0,20000}\[/\1\])?",
                             re.IGNORECASE | re.DOTALL)
_SHORTCODE_TAG = re.compile(r"\[/?(?:caption|wp_caption|quote)\b[^\[\]]{0,2000}\]", re.IGNORECASE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,2000}>")
_IMG = re.compile(r"<img\b[^<>]{0,8000}>", re.IGNORECASE)
_SRC = re.compile(r"""\ssrc\s*=\s*(["'])(.{0,4000}?)\1""", re.IGNORECASE | re.DOTALL)
_LAZY_SRC = re.compile(r"""\sdata-(?:lazy-src|src|original|image)\s*=\s*(["'])(https?://[^"'<>\s]{1,4000}|/[^"'<>\s]{0,4000})\1""",
                       re.IGNORECASE)


def html_text(fragment: str) -> str:
    """A line of HTML (a WordPress title: 'Mark<sup>up</sup> &amp; more') -> its text
    ('Markup & more'): tags dropped, entities decoded, blanks made one space."""
    return " ".join(entities.unescape(_TAG.sub("", fragment)).split())


def absolute(href: str, base: str) -> str:
    """A link as written and the post's URL ('' if unknown) -> the link to keep."""
    href = href.strip()
    if not base or not href or href.startswith(("#", "mailto:", "tel:", "data:")):
        return href
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href):
        return href
    return urljoin(base, href)


def _lazy_image(match: re.Match[str]) -> str:
    """One <img> tag -> the same with its real image in src when a lazy loader keeps it
    in data-src (data-lazy-src, data-original, data-image) and src is missing, empty or
    a placeholder (a data: URL)."""
    tag = match.group(0)
    lazy = _LAZY_SRC.search(tag)
    src = _SRC.search(tag)
    if lazy is None or (src is not None and src.group(2).strip() and not src.group(2).strip().startswith("data:")):
        return tag
    without = _SRC.sub("", tag, count=1) if src is not None else tag
    return f'<img src="{lazy.group(2)}"{without[4:]}'


def lazy_images(html: str) -> str:
    """HTML -> the same with lazily loaded images' addresses in their src (_lazy_image)."""
    return _IMG.sub(_lazy_image, html) if "data-" in html else html


def absolute_links(html: str, base: str) -> str:
    """HTML and the page's URL -> the HTML with every href and src absolute."""
    if not base:
        return html
    return _LINK_ATTR.sub(lambda m: f"{m.group(1)}{m.group(2)}{absolute(m.group(3), base)}{m.group(2)}", html)


MOST_ATTRIBUTES = 256  # an element with more: libxml2, under lxml and trafilatura, checks each new
# attribute against all before it (120,000 in one 1.8 MB tag took over two minutes)
_ATTRIBUTE = r"""\s++[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'>]*+))?+"""
_CROWDED = rf"<[A-Za-z][^\s/>]*+(?>(?:{_ATTRIBUTE}){{{MOST_ATTRIBUTES + 1}}})"  # possessive: linear, no backtracking
_CROWDED_TAG = re.compile(_CROWDED)


def refuse_crowded(markup: str) -> None:
    """HTML or XML -> BadInput when an element in it has more attributes than MOST_ATTRIBUTES."""
    if _CROWDED_TAG.search(markup) is not None:
        raise BadInput(f"an element with more than {MOST_ATTRIBUTES:,} attributes: not imported")


def autop(html: str) -> str:
    """WordPress post content (paragraphs as blank lines, no <p>) -> HTML with <p> and <br>."""
    if _HAS_PARAGRAPHS.search(html):
        return html
    blocks = re.split(r"\n\s*\n", html.replace("\r\n", "\n"))
    out = []
    for block in blocks:
        if not block.strip():
            continue
        if _BLOCK_START.match(block):
            out.append(block)
        else:
            out.append("<p>" + block.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def without_scripts(html: str) -> str:
    """HTML -> without its scripts, styles, iframes, forms and buttons, each to its closing
    tag (one left open stays: nothing closes it). Linear: a closing tag not found once is
    not looked for again (a file of 10,000 '<script>' never closed took minutes)."""
    out: list[str] = []
    position = 0
    unclosed: set[str] = set()
    while (opened := _SCRIPT_OPEN.search(html, position)) is not None:
        name = opened.group(1).lower()
        closed = None if name in unclosed else re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, opened.end())
        if closed is None:
            unclosed.add(name)
            out.append(html[position:opened.end()])
            position = opened.end()
            continue
        out.append(html[position:opened.start()])
        position = closed.end()
    out.append(html[position:])
    return "".join(out)


def html_to_markdown(html: str, *, base: str = "") -> str:
    """Post HTML and its URL -> Markdown without scripts, forms or embeds."""
    from markdownify import markdownify

    html = _SHORTCODE_TAG.sub("", _SHORTCODE_DROP.sub("", html))
    html = absolute_links(autop(lazy_images(without_scripts(html))), base)
    try:
        text = markdownify(html, heading_style="ATX", bullets="-", strip=["script", "style"])
    except RecursionError:  # markdownify walks the tree recursively: thousands of elements inside each other
        raise BadInput("HTML nested too deeply to read (thousands of elements inside each other): not imported") from None
    return _BLANK_RUNS.sub("\n\n", "\n".join(_breaks_kept(text.split("\n")))).strip()


def _breaks_kept(lines: list[str]) -> list[str]:
    """Markdown lines -> the same without trailing white space, but for a line break
    ('  ') before more text: one before a blank line or the end breaks nothing, so a
    run of <br> (how Blogger's editor wrote paragraphs) becomes a paragraph break."""
    kept = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        kept.append(line if line.endswith("  ") and line.strip() and following.strip() else line.rstrip())
    return kept
