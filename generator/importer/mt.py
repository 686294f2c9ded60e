"""A Movable Type export (Movable Type's and Typepad's "Import/Export" text file) -> its
entries as Posts, drafts included; comments, pings and excerpts left out.

The format: entries end with a line of eight dashes, and within one, sections end with
a line of five. The first section is `KEY: value` lines (AUTHOR, TITLE, BASENAME,
STATUS Publish/Draft/Future, CATEGORY and PRIMARY CATEGORY, TAGS, DATE as MM/DD/YYYY
hh:mm:ss with AM/PM or 24 hours, CONVERT BREAKS); each other section opens with its name
(`BODY:`, `EXTENDED BODY:`, `EXCERPT:`, `COMMENT:`, `PING:`). The body is HTML, with
bare line breaks made paragraphs when CONVERT BREAKS is on, or Markdown when it says
markdown.
"""

from __future__ import annotations

import re
from datetime import date

from generator.importer.junk import clean
from generator.importer.markup import html_to_markdown
from generator.importer.post import Post

_START = re.compile(r"^(?:AUTHOR|TITLE|BASENAME|STATUS|DATE|PRIMARY CATEGORY|CATEGORY|ALLOW COMMENTS|CONVERT BREAKS):",
                    re.MULTILINE)
_BODY = re.compile(r"^-----[ \t]*\n(?:BODY|EXTENDED BODY):[ \t]*$", re.MULTILINE)
_ENTRY_END = re.compile(r"^--------[ \t]*$", re.MULTILINE)
_SECTION_END = re.compile(r"^-----[ \t]*$", re.MULTILINE)
_SECTION = re.compile(r"\A\s*([A-Z][A-Z ]{1,30}):[ \t]*\n")
_FIELD = re.compile(r"^([A-Z][A-Z ]{1,30}):[ \t]?(.*)$")
_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")
_TAG = re.compile(r'"([^"]*)"|([^,]+)')


def is_mt_export(text: str) -> bool:
    """Decoded text -> whether it is a Movable Type export: it opens with one of the
    format's keys and has a BODY section."""
    head = text[:200_000].replace("\r\n", "\n")
    return _START.match(head.lstrip()) is not None and _BODY.search(head) is not None


def _date(value: str) -> date | None:
    found = _DATE.match(value)
    if not found:
        return None
    try:
        return date(int(found.group(3)), int(found.group(1)), int(found.group(2)))
    except ValueError:
        return None


def _tags(fields: list[tuple[str, str]]) -> tuple[str, ...]:
    names = [value.strip() for key, value in fields if key in ("PRIMARY CATEGORY", "CATEGORY")]
    for key, value in fields:
        if key == "TAGS":
            names += [(quoted or bare).strip() for quoted, bare in _TAG.findall(value)]
    return tuple(dict.fromkeys(name for name in names if name))


def _post(entry: str, path: str, number: int) -> Post | None:
    sections = _SECTION_END.split(entry)
    fields = [(m.group(1), m.group(2).strip()) for line in sections[0].split("\n") if (m := _FIELD.match(line.strip()))]
    meta = {key: value for key, value in reversed(fields)}  # the first of a repeated key
    parts = []
    for section in sections[1:]:
        name = _SECTION.match(section)
        if name is not None and name.group(1) in ("BODY", "EXTENDED BODY"):
            parts.append(section[name.end():].strip("\n"))
    text = "\n\n".join(part for part in parts if part.strip())
    title = meta.get("TITLE", "")
    if not title and not text.strip():
        return None
    convert = meta.get("CONVERT BREAKS", "").lower()
    body = clean(text if convert.startswith("markdown") else html_to_markdown(text))
    basename = meta.get("BASENAME", "")
    return Post(title=title, body=body, source=f"{path}#{basename or f'entry-{number}'}", date=_date(meta.get("DATE", "")),
                author=meta.get("AUTHOR", ""), tags=_tags(fields), slug=basename,
                draft=meta.get("STATUS", "publish").lower() not in ("publish", "published"))


def parse_mt(text: str, *, path: str) -> list[Post]:
    """A Movable Type export's text and its site-relative path -> its entries as Posts, in file order."""
    entries = _ENTRY_END.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    posts = []
    for number, entry in enumerate(entries, 1):
        if entry.strip() and (post := _post(entry, path, number)) is not None:
            posts.append(post)
    return posts
