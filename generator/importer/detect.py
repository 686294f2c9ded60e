"""File bytes -> what kind of post file it is, from its content (not its name), and its text."""

from __future__ import annotations

import re
from enum import StrEnum

from generator.importer.post import BadInput


class PostFormat(StrEnum):
    WXR = "WordPress export"
    RSS = "RSS feed"
    ATOM = "Atom feed"
    BLOGGER = "Blogger export"
    GHOST = "Ghost export"
    JSON_FEED = "JSON Feed"
    MT = "Movable Type export"
    HTML = "HTML page"
    TEXT = "text"


_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"7z\xbc\xaf",
                 b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"\x7fELF", b"MZ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE\s+(?:[^\[>]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
ENTITIES_REFUSED = "XML declares entities; refused (no entity expansion from imported files)"
_ROOT = re.compile(r"\s*<([A-Za-z_][\w:.-]*)")
_HTML_START = re.compile(r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article)\b",
                         re.DOTALL | re.IGNORECASE)


def decode(data: bytes) -> str:
    """File bytes -> text: UTF-8 (a BOM dropped), else Windows-1252 as old Dutch blogs used;
    BadInput for an empty or binary file."""
    if not data.strip():
        raise BadInput("empty file")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise BadInput("binary file, not a post")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise BadInput("binary file, not a post")
    return text


_XML_START = re.compile(r"\s*<(?:\?xml|!doctype|!entity|!--)", re.IGNORECASE)


def _xml_root(text: str) -> tuple[str, int] | None:
    """A file's text -> its root element's name, lower case, and where it starts, if it
    reads as XML. The prolog (declaration, comments, DOCTYPE) is followed to its end
    however long it is: a root looked for in the first few KB only would let a DOCTYPE
    that declares entities after a long prolog pass for a text post."""
    if not text.startswith(("<?xml", "<!", "<rss", "<feed", "<rdf")):
        return None
    position = 0
    while (prolog := _PROLOG.match(text, position)) is not None and prolog.end() > position:
        position = prolog.end()
    root = _ROOT.match(text, position)
    return (root.group(1).lower(), root.start(1) - 1) if root else None


def kind_of(text: str) -> PostFormat:
    """Decoded file text -> its PostFormat; BadInput for XML or JSON that is no export and no feed."""
    head = text[:20000].lstrip()
    if _HTML_START.match(head):
        return PostFormat.HTML
    if head.startswith("{"):
        from generator.importer.jsonfile import JSON_FEED, json_kind

        json_found = json_kind(text)
        if json_found is not None:
            return PostFormat.JSON_FEED if json_found == JSON_FEED else PostFormat.GHOST  # an export or an API answer
    stripped = text.lstrip()
    found = _xml_root(stripped)
    if found is None:
        if _XML_START.match(text) and _ENTITY.search(text):  # a prolog that never reaches a root
            raise BadInput(ENTITIES_REFUSED)
        from generator.importer.mt import is_mt_export

        return PostFormat.MT if is_mt_export(text) else PostFormat.TEXT
    root, start = found
    if root == "html":
        return PostFormat.HTML
    if _ENTITY.search(stripped, 0, start):
        raise BadInput(ENTITIES_REFUSED)
    if root == "rss" and "wordpress.org/export/" in head:
        return PostFormat.WXR
    if root in ("rss", "rdf:rdf"):
        return PostFormat.RSS
    if root == "feed":
        from generator.importer.blogger import is_blogger

        return PostFormat.BLOGGER if is_blogger(head) else PostFormat.ATOM
    raise BadInput(f"XML with root <{root}>: not a WordPress export, RSS or Atom feed")


_CODE_LINE = re.compile(r"[{};,]\s*$|^\s*[}\])]|^\s*(?:@media|@import|@font-face|function\b|var |let |const |import |export "
                        r"|if\s*\(|for\s*\(|return\b|//|/\*|\*/|\$\(|window\.|document\.)")
_WORD = re.compile(r"[^\W\d_]{2,}")
_FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(?:[^\n]{0,2000}\n){0,2000}?\1[ \t]*(?:\r?\n|\Z)")


def looks_like_code(text: str) -> bool:
    """Decoded text -> whether it is a stylesheet or a script (a page saved with its
    files beside it brings those along), not prose: most of its lines read as code, or
    it is minified, braces and semicolons thick between its words. A text opening with
    front-matter is a Jekyll or Hugo post, however much code it shows."""
    if _FRONT_MATTER.match(text):
        return False
    sample = text[:20000]
    lines = [line for line in sample.splitlines()[:300] if line.strip()]
    code = sum(1 for line in lines if _CODE_LINE.search(line))
    if len(lines) >= 5 and code * 10 >= len(lines) * 6:
        return True
    symbols = sum(sample.count(c) for c in "{};:=()")
    return symbols >= 30 and symbols * 2 >= len(_WORD.findall(sample))


def looks_like_table(text: str) -> bool:
    """Decoded text -> whether it is a table (CSV or tab-separated: an export's index of
    its posts, a spreadsheet), not prose: its first lines split into the same number of
    fields by one separator, three at least over three lines or more; two lines are a
    table when the first is a header of column names ('email,timestamp')."""
    import csv

    lines = [line for line in text[:20000].splitlines() if line.strip()][:6]
    if len(lines) < 2:
        return False
    for separator in (",", ";", "\t"):
        try:
            rows = list(csv.reader(lines, delimiter=separator))
        except csv.Error:
            continue
        widths = {len(row) for row in rows}
        if len(widths) != 1:
            continue
        width = widths.pop()
        if (len(lines) >= 3 and width >= 3) or (width >= 2 and all(_COLUMN.fullmatch(f.strip()) for f in rows[0])):
            return True
    return False


_COLUMN = re.compile(r"[a-z_][a-z0-9_.-]{0,63}")  # a header's column name, as exports write them: 'post_id', 'email'
