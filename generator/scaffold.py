"""New files: `grievance init DIR` writes site.yaml, a sample story, a company and
schema.json; `grievance new story|company` add one documented file, never overwriting.

The templates of `new` are generated from the field tables (schema.STORY_FIELDS,
companies.COMPANY_FIELDS), so they cannot drift from what validation accepts.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
from datetime import date
from pathlib import Path

from generator import __version__, clock
from generator.read.company import COMPANY_FIELDS
from generator.read.schema import STORY_FIELDS, Field, Kind, story_json_schema
from generator.urls import slugify


class ScaffoldError(Exception):
    """A file to create already exists, or the folder cannot be written."""


SITE_YAML = """\
# grievance site configuration; every key is optional.
title: "Mijn klachten"
base_url: "http://localhost:8000/"
language: nl            # nl or en
author: ""
theme: default
feeds:
  limit: 50
pagination:
  per_page: 20
markdown:
  allow_html: false
"""

COMPANY_YAML = """\
name: Voorbeeldnet
aliases: [voorbeeld net]
sector: telecom
website: https://voorbeeldnet.example/
description: "Een verzonnen internetprovider, om mee te beginnen."
"""

STORY = """\
---
# yaml-language-server: $schema=../../schema.json
title: "Mijn eerste klacht"
company: Voorbeeldnet
date: {today}
outcome: open
apology: "no"
tags: [voorbeeld]
timeline:
  - date: {today}
    by: me
    via: webform
    text: "Klacht ingediend via het webformulier."
---
Schrijf hier wat er gebeurde. Dit is **Markdown**: koppen, lijsten, tabellen en
voetnoten werken allemaal.
"""


GITIGNORE = """\
# What grievance builds and caches; the site's sources are everything else.
/output/
/.grievance-cache/
"""


# GitHub Actions: build with the repository's Pages address as base_url (configure-pages
# gives https://user.github.io/repo, sub-path included, or the custom domain) and publish
# with upload-pages-artifact + deploy-pages. upload-pages-artifact leaves hidden files out,
# so the output's marker file (.grievance-output) is not served.
DEPLOY_WORKFLOW = """\
# Builds the site and publishes it on GitHub Pages on every push to main, and once a day
# (open cases count their days to the build day). Once: Settings > Pages > Build and
# deployment > Source: GitHub Actions.
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  schedule:
    - cron: "17 4 * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - id: pages
        uses: actions/configure-pages@v6
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
      # requirements.txt says where grievance comes from (grievance init wrote the source it
      # was installed from; grievance is not on PyPI).
      - run: |
          grep -q '^grievance' requirements.txt || { echo "::error file=requirements.txt::requirements.txt does not say where to install grievance from"; exit 1; }
          pip install -r requirements.txt
      # base_url from the repository: https://user.github.io/repo/ (or your own domain).
      # --no-cache: every run starts from a fresh checkout, so what a build keeps for the
      # next one (.grievance-cache/) would never be read (about a fifth of a large build's time).
      - run: grievance build --no-cache --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v4
        with:
          path: output

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"""
WORKFLOW_FILE = ".github/workflows/deploy.yml"
_NO_SOURCE = f"""\
# grievance {__version__} was installed here from a folder (or an unknown place) that a build
# host cannot reach. Write where to install it from on the line below, e.g.
#   grievance @ git+https://github.com/YOU/grievance@main
"""


def install_line(direct_url: str | None) -> str:
    """The installed grievance's PEP 610 direct_url.json (None: unknown) -> requirements.txt
    text that installs the same grievance on a build host: its git URL at its commit, or
    the archive it came from; else a comment saying what to write (never a guessed name:
    'grievance' on PyPI is not this project)."""
    try:
        info = json.loads(direct_url) if direct_url else {}
    except ValueError:
        info = {}
    url = info.get("url", "") if isinstance(info, dict) else ""
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    if isinstance(url, str) and url.startswith(("https://", "http://", "ssh://", "git@")):
        if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
            return f"grievance @ git+{url}@{vcs['commit_id']}\n"
        if "archive_info" in info:
            return f"grievance @ {url}\n"
    return _NO_SOURCE


def _requirements() -> str:
    try:
        return install_line(importlib.metadata.distribution("grievance").read_text("direct_url.json"))
    except importlib.metadata.PackageNotFoundError:
        return _NO_SOURCE


def init_site(directory: Path) -> list[Path]:
    """Empty or new folder -> a starter site; returns the files created."""
    _check_new_site(directory)
    today = clock.today().isoformat()
    files = {
        directory / "site.yaml": SITE_YAML,
        directory / "content" / "companies" / "voorbeeldnet.yaml": COMPANY_YAML,
        directory / "content" / "stories" / f"{today}-mijn-eerste-klacht.md": STORY.format(today=today),
        directory / SCHEMA_FILE: schema_text(),
        directory / ".gitignore": GITIGNORE,
        directory / WORKFLOW_FILE: DEPLOY_WORKFLOW,
        directory / "requirements.txt": _requirements(),
    }
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ScaffoldError(f"{directory}: cannot write: {error.strerror or error}") from error
    return list(files)


def _check_new_site(directory: Path) -> None:
    """A path for a new site -> nothing, or ScaffoldError when it is a file, a folder with
    files in it, under a file, or cannot be read."""
    try:
        if directory.is_symlink() and not directory.exists():
            raise ScaffoldError(f"{directory}: is a symbolic link to nothing (or a loop of links)")
        if directory.exists() and not directory.is_dir():
            raise ScaffoldError(f"{directory}: exists and is not a folder")
        blocker = next((p for p in directory.parents if p.exists() or p.is_symlink()), None)
        if blocker is not None and not blocker.is_dir():
            raise ScaffoldError(f"{directory}: cannot create it, {blocker} is not a folder")
        if directory.is_dir() and any(directory.iterdir()):
            raise ScaffoldError(f"{directory}: folder is not empty")
    except OSError as error:
        raise ScaffoldError(f"{directory}: cannot use it: {error.strerror or error}") from error


# --- `grievance new story` / `grievance new company`: templates generated from the field tables.

SCHEMA_FILE = "schema.json"  # at the site root; `grievance schema > schema.json` refreshes it
_COMMENT_COLUMN = 32
_PLACEHOLDER = {Kind.STRING: '""', Kind.TEXT: '""', Kind.DATE: "2014-02-20", Kind.BOOLEAN: "false",
                Kind.INTEGER: "0", Kind.NUMBER: "0", Kind.SLUG: "my-slug", Kind.CURRENCY: "EUR",
                Kind.URL: "https://example.org/", Kind.LIST: "[]"}


def _yaml_string(text: str) -> str:
    """Any text -> a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def field_help(field: Field) -> str:
    """A Field -> 'required: open | resolved | ... How the case stands.' for a comment."""
    need = "required" if field.required else "optional"
    choices = field.choices or (field.item.choices if field.item is not None else ())
    if choices:
        need += ": " + " | ".join(choices)
    elif field.kind is Kind.DATE:
        need += ": YYYY-MM-DD"
    text = f"({need}) {field.description}"
    if field.default:
        text += f" Default: {field.default}."
    return text


def _line(indent: str, key: str, value: str, field: Field, *, commented: bool) -> str:
    code = f"{indent}{key}:" + (f" {value}" if value else "")
    prefix = "# " if commented else ""
    return f"{prefix}{code}".ljust(_COMMENT_COLUMN) + f"  # {field_help(field)}"


def field_lines(fields: tuple[Field, ...], values: dict[str, str], *, indent: str = "",
                commented: bool = False, nested: dict[str, dict[str, str]] | None = None) -> list[str]:
    """A table of fields -> YAML lines: given or required values set, optional ones commented
    out; `nested` gives values for the items of list fields ({'replies': {'date': ...}})."""
    lines: list[str] = []
    for number, field in enumerate(fields):
        off = commented or (not field.required and field.name not in values)
        key = ("- " if indent and number == 0 else "  " if indent else "") + field.name
        item = field.item
        if item is not None and item.kind is Kind.OBJECT:
            lines.append(_line(indent, key, "", field, commented=off))
            lines += field_lines(item.fields, (nested or {}).get(field.name, {}), indent=indent + "  ", commented=off)
            continue
        value = values.get(field.name) or field.example or _PLACEHOLDER.get(field.kind, '""')
        if field.kind is Kind.ENUM and not field.example:
            value = field.choices[0]
        lines.append(_line(indent, key, value, field, commented=off))
    return lines


def story_template(title: str, company: str, day: date, *, schema_path: str) -> str:
    """Title, company, date -> a new story file: every key of STORY_FIELDS, documented."""
    values = {"title": _yaml_string(title), "company": _yaml_string(company), "date": day.isoformat()}
    lines = ["---", f"# yaml-language-server: $schema={schema_path}",
             # a reply comes after publication: its example is dated on the story's day
             *field_lines(STORY_FIELDS, values, nested={"replies": {"date": day.isoformat()}}), "---",
             "Write what happened here, in Markdown. Leave out other people's phone numbers,",
             "addresses and account numbers: `grievance check` warns about them.", ""]
    return "\n".join(lines)


def company_template(name: str, *, sector: str = "", website: str = "", aliases: tuple[str, ...] = ()) -> str:
    """Name (and what is known of it) -> a new company record: every key of COMPANY_FIELDS, documented."""
    values = {"name": _yaml_string(name), "sector": sector and _yaml_string(sector),
              "website": website and _yaml_string(website),
              "aliases": aliases and "[" + ", ".join(_yaml_string(a) for a in aliases) + "]"}
    return "\n".join([*field_lines(COMPANY_FIELDS, {k: v for k, v in values.items() if v}), ""])


def schema_text() -> str:
    """The story front-matter JSON Schema as the text `grievance schema` prints."""
    return json.dumps(story_json_schema(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _create(path: Path, text: str) -> None:
    """Write a new file; never replaces one (exclusive create)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as error:
        raise ScaffoldError(f"{path}: already exists; not overwriting it") from error
    except OSError as error:
        raise ScaffoldError(f"{path}: cannot write: {error.strerror or error}") from error


def _ensure_schema(site_dir: Path) -> list[Path]:
    path = site_dir / SCHEMA_FILE
    if path.exists():
        return []
    _create(path, schema_text())
    return [path]


def new_story(site_dir: Path, title: str, *, company: str, day: date) -> list[Path]:
    """-> content/stories/YYYY-MM-DD-<slug>.md (and schema.json when missing); files created."""
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from the title {title!r}")
    path = site_dir / "content" / "stories" / f"{day.isoformat()}-{slug}.md"
    schema_path = os.path.relpath(site_dir / SCHEMA_FILE, path.parent).replace(os.sep, "/")
    if path.exists():
        raise ScaffoldError(f"{path}: already exists; not overwriting it")
    created = _ensure_schema(site_dir)
    _create(path, story_template(title, company, day, schema_path=schema_path))
    return [path, *created]


def has_company_record(site_dir: Path, company: str) -> bool:
    """Site folder, a company as a story names it -> whether a record in content/companies/
    has that name, alias or slug (case-insensitively), as `build` matches them."""
    from generator.model import SiteConfig
    from generator.read.company import parse_company

    folder = site_dir / "content" / "companies"
    wanted = {company.casefold(), slugify(company)}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
        record, _ = parse_company(path.name, path.read_bytes(), config=SiteConfig())
        if record is not None and wanted & {key.casefold() for key in (record.slug, record.name, *record.aliases)}:
            return True
    return False


def new_company(site_dir: Path, name: str) -> list[Path]:
    """-> content/companies/<slug>.yaml; refuses to overwrite. A company on the importer's
    shipped list of well-known companies gets its name, aliases, sector and website from it."""
    from generator.importer.companies import shipped

    wanted = {name.casefold(), slugify(name)}
    known = next((c for c in shipped() if wanted & {t.casefold() for t in (c.name, c.slug, *c.aliases)}), None)
    slug = slugify(known.name if known is not None else name)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from the name {name!r}")
    path = site_dir / "content" / "companies" / f"{slug}.yaml"
    text = (company_template(known.name, sector=known.sector, website=known.website, aliases=known.aliases)
            if known is not None else company_template(name))
    _create(path, text)
    return [path]
