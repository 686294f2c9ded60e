"""Output files -> the live markup in them that a story could have injected.

Shared by the adversarial, validity and CSP tests. A page is parsed with the standard
library's html.parser (stricter than a browser where it matters: it sees tags even
inside <title>), feeds with ElementTree, and the HTML inside feed items is parsed again.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

THEME_SCRIPT_PREFIXES = ("/assets/", "/pagefind/")
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form-injected"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]+")


class _Scanner(HTMLParser):
    """One HTML document -> problems (live script, handlers, bad URLs, frames)."""

    def __init__(self, *, theme_root: str = "/") -> None:
        super().__init__(convert_charrefs=True)
        self.theme_prefixes = tuple(theme_root.rstrip("/") + p for p in THEME_SCRIPT_PREFIXES)
        self.problems: list[str] = []
        self.inline_scripts: list[str] = []  # inline <script> without src, by type
        self._script_type: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES and _BAD_SCHEME.match(_CONTROL.sub("", value)):
                self.problems.append(f"<{tag} {name}={value!r}> script URL")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            kind = values.get("type", "")
            src = values.get("src")
            if src is not None:
                if not src.startswith(self.theme_prefixes):
                    self.problems.append(f"<script src={src!r}> not from the theme")
            elif kind != "application/ld+json":
                self.problems.append(f"inline <script type={kind!r}>")
            self._script_type = kind if src is None else None
            self._script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_type is not None:
            text = "".join(self._script_text)
            self.inline_scripts.append(self._script_type)
            if self._script_type == "application/ld+json":
                if "<" in text:
                    self.problems.append("'<' inside a JSON-LD block")
                try:
                    json.loads(text)
                except ValueError:
                    self.problems.append("JSON-LD block is not valid JSON")
            self._script_type = None


def html_problems(html: str, *, theme_root: str = "/") -> list[str]:
    """HTML text -> live injected markup found in it ([] when safe)."""
    scanner = _Scanner(theme_root=theme_root)
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def _feed_html_parts(data: bytes) -> list[str]:
    """A feed -> the strings a reader renders as HTML: RSS <description> and
    <content:encoded>, Atom elements with type="html", JSON Feed content_html.
    (RSS titles and categories, Atom text constructs and JSON summaries are plain text.)"""
    text = data.decode("utf-8")
    if text.lstrip().startswith("{"):
        feed = json.loads(text)
        return [item.get("content_html", "") for item in feed.get("items", [])]
    root = ET.fromstring(data)
    parts = []
    atom = root.tag.startswith("{http://www.w3.org/2005/Atom}")
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if atom:
            if element.get("type") == "html":
                parts.append(element.text or "")
            elif element.get("type") == "xhtml":
                parts.append(ET.tostring(element, encoding="unicode"))
        elif name in ("description", "encoded"):
            parts.append(element.text or "")
    return parts


def output_problems(out: Path, *, theme_root: str = "/") -> dict[str, list[str]]:
    """A built output folder -> {relative path: problems} for pages and feeds (empty when safe)."""
    found: dict[str, list[str]] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(out).as_posix()
        if name.startswith(("pagefind/", "assets/")):
            continue
        problems: list[str] = []
        if path.suffix == ".html":
            problems = html_problems(path.read_text(encoding="utf-8"), theme_root=theme_root)
        elif path.name in ("feed.xml", "atom.xml", "feed.json"):
            for part in _feed_html_parts(path.read_bytes()):
                problems += html_problems(part, theme_root=theme_root)
        if problems:
            found[name] = problems
    return found
