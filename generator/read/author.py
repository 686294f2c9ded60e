"""content/authors/<slug>.yaml bytes -> an Author, or diagnostics with file and line.

A record is optional: a story's `author:` alone gives an author page. A record adds a
display name, a short bio (Markdown) and links, and is checked as company records are
(unknown keys with their line and a did-you-mean hint, wrong types, missing name).
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic
from generator.model import Author, SiteConfig
from generator.read.company import read_record
from generator.read.schema import Field, Kind
from generator.read.validate import by_line

AUTHOR_FIELDS: tuple[Field, ...] = (
    Field("name", Kind.STRING, "The author's name as stories write it in `author:`.", required=True,
          example='"Anna de Vries"'),
    Field("bio", Kind.TEXT, "A few lines about the author (Markdown).", example='"Schrijft over glasvezel."'),
    Field("links", Kind.LIST, "The author's own site or profiles.", max_items=20,
          item=Field("link", Kind.URL, "An http(s) URL."), example="[https://anna.example/]"),
)


def parse_author(path: str, data: bytes, *, config: SiteConfig) -> tuple[Author | None, list[Diagnostic]]:
    """Author file bytes (path site-relative) -> (Author or None, diagnostics)."""
    record, problems = read_record(path, data, AUTHOR_FIELDS)
    if record is None:
        return None, problems
    values, slug, checker = record.values, record.slug, record.checker
    if checker.diagnostics:
        return None, by_line(checker.diagnostics)
    markdown = record.markdown(path, config)
    bio = values.get("bio")
    bio_html = markdown.block(bio.value, line=bio.line, key="bio") if bio else ""
    if markdown.problems:
        return None, markdown.problems
    links = tuple(values["links"].value) if "links" in values else ()
    return Author(slug=slug, name=values["name"].value, bio_html=bio_html, links=links, source=path,
                  line=values["name"].line), []
