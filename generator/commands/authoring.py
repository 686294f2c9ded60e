"""`grievance init`, `new story`, `new company` and `schema`: starting a site and its files."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from generator.commands.common import SITE, echo, fail
from generator.diagnostics import BuildError


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Create a new site in DIRECTORY."""
    from generator.scaffold import ScaffoldError, init_site

    try:
        created = init_site(directory)
    except ScaffoldError as error:
        echo(f"error: {error}", err=True)
        sys.exit(1)
    for path in created:
        echo(f"created {path}")
    echo(f"next: cd {directory} && grievance build")


@click.group()
def new() -> None:
    """Create a story or a company record."""


def _created(paths: list[Path]) -> None:
    for path in paths:
        echo(f"created {path}")


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD, got '{value}'") from None


@new.command("story")
@click.argument("title")
@click.option("--company", required=True, help="The company: its name, alias or slug.")
@click.option("--date", "day", callback=_parse_day, help="Publication date YYYY-MM-DD (default: today).")
@SITE
def new_story_command(title: str, company: str, day: date | None, site: Path) -> None:
    """Create content/stories/YYYY-MM-DD-<slug>.md with every front-matter key."""
    from generator import clock
    from generator.scaffold import ScaffoldError, has_company_record, new_story

    try:
        _created(new_story(site, title, company=company, day=day or clock.today()))
    except BuildError as error:  # SOURCE_DATE_EPOCH is not a date
        fail(error)
        return
    except ScaffoldError as error:
        echo(f"error: {error}", err=True)
        sys.exit(1)
    if not has_company_record(site, company):
        where = "" if site == Path(".") else f" {site}"
        echo(f"next: content/companies/ has no record for '{company}'; "
                   f"add one with: grievance new company \"{company}\"{where}")


@new.command("company")
@click.argument("name")
@SITE
def new_company_command(name: str, site: Path) -> None:
    """Create content/companies/<slug>.yaml with every key."""
    from generator.scaffold import ScaffoldError, new_company

    try:
        _created(new_company(site, name))
    except ScaffoldError as error:
        echo(f"error: {error}", err=True)
        sys.exit(1)


@click.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a story's front-matter."""
    from generator.scaffold import schema_text

    echo(schema_text(), nl=False)
