"""content/companies/<slug>.yaml bytes -> a Company, or diagnostics with file and line."""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.model import Company, SiteConfig
from generator.read.markdown import MarkdownRenderer
from generator.read.schema import Field, Kind
from generator.read.validate import Checker, by_line
from generator.read.values import Value
from generator.read.yamlsource import Node, NodeKind, control_problem, decode_text, kind_name, load_yaml
from generator.urls import slugify

COMPANY_FIELDS: tuple[Field, ...] = (
    Field("name", Kind.STRING, "The company's name as shown.", required=True, example="XS4ALL"),
    Field("aliases", Kind.LIST, "Other names stories may use for it.", max_items=100,
          item=Field("alias", Kind.STRING, "An alias."), example="[xs4all internet]"),
    Field("sector", Kind.STRING, "Sector, such as telecom or energy.", example="telecom"),
    Field("parent", Kind.SLUG, "Slug of the parent company.", example="kpn"),
    Field("website", Kind.URL, "The company's website.", example="https://www.xs4all.nl/"),
    Field("description", Kind.TEXT, "About the company (Markdown).", example='"Internetprovider."'),
)


def record_slug_from_path(path: str) -> str:
    """A company or author record's path -> its slug: 'content/companies/XS4ALL.yaml' -> 'xs4all'
    (a story's file name loses its date prefix too: read/story.py slug_from_path)."""
    stem = path.rsplit("/", 1)[-1]
    return slugify(stem.rsplit(".", 1)[0] if "." in stem else stem)


@dataclass(frozen=True)
class RecordFile:
    """A record file's text, its values checked against a field table and its slug; the
    checker holds what is wrong so far, for the record's own checks to add to."""

    text: str
    values: dict[str, Value]
    slug: str
    checker: Checker

    def markdown(self, path: str, config: SiteConfig) -> MarkdownRenderer:
        """-> a Markdown renderer for the record's text fields, lines within the file."""
        text = self.text
        return MarkdownRenderer(path, config.allow_html, last_line=max(1, text.count("\n") + (not text.endswith("\n"))))


def read_record(path: str, data: bytes, fields: tuple[Field, ...]) -> tuple[RecordFile | None, list[Diagnostic]]:
    """A company or author record's bytes (path site-relative) and its field table ->
    (its RecordFile, []), or (None, the problems that stop it: not text, a control
    character, broken YAML, not keys)."""
    text, problems = decode_text(path, data)
    if text is None:
        return None, problems
    if (control := control_problem(path, data)) is not None:
        return None, [control]
    root, problems = load_yaml(text, path=path)
    if root is None and problems:
        return None, problems
    if root is not None and root.kind != NodeKind.MAP:
        return None, [*problems, Diagnostic(path, root.line, f"expected keys (key: value), got {kind_name(root)}")]
    checker = Checker(path, problems)
    values = checker.mapping(root or Node(NodeKind.MAP, None, 1), fields, missing_line=1)
    slug = record_slug_from_path(path)
    if not slug:
        checker.error(1, "", "cannot make a slug from the file name; rename the file")
    return RecordFile(text, values, slug, checker), []


def parse_company(path: str, data: bytes, *, config: SiteConfig) -> tuple[Company | None, list[Diagnostic]]:
    """Company file bytes (path site-relative) -> (Company or None, diagnostics)."""
    record, problems = read_record(path, data, COMPANY_FIELDS)
    if record is None:
        return None, problems
    values, slug, checker = record.values, record.slug, record.checker
    if "parent" in values and values["parent"].value == slug:
        checker.error(values["parent"].line, "parent", "a company cannot be its own parent")
    if checker.diagnostics:
        return None, by_line(checker.diagnostics)
    get = {name: value.value for name, value in values.items()}
    markdown = record.markdown(path, config)
    description = values.get("description")
    description_html = markdown.block(description.value, line=description.line, key="description") if description else ""
    if markdown.problems:
        return None, markdown.problems
    company = Company(
        slug=slug,
        name=get["name"],
        aliases=tuple(get.get("aliases", ())),
        sector=get.get("sector", ""),
        parent=get.get("parent", ""),
        website=get.get("website", ""),
        description_html=description_html,
        source=path,
        line=values["name"].line,
    )
    return company, []
