"""The `grievance` command: the only module that prints or exits.

Exit codes: 0 success, 1 content or output errors, 2 usage errors (click's own).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from generator import __version__
from generator.build import BuildOptions, build_site, check_site
from generator.diagnostics import BuildError, Diagnostic
from generator.write import OutputError

SITE = click.argument("site", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))


def _print_problems(problems: list[Diagnostic]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _fail(error: BuildError | OutputError) -> None:
    if isinstance(error, BuildError):
        _print_problems(error.diagnostics)
        errors = len(error.diagnostics)
        click.echo(f"build failed: {errors} problem{'s' if errors != 1 else ''}; nothing was written", err=True)
    else:
        click.echo(f"error: {error}", err=True)
    sys.exit(1)


def _check_base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise click.BadParameter("expected an absolute http:// or https:// URL")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grievance")
def main() -> None:
    """Build a static site of consumer complaint stories."""


@main.command()
@SITE
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Output folder (default: SITE/output).")
@click.option("--drafts", is_flag=True, help="Include drafts and future-dated stories.")
@click.option("--base-url", callback=_check_base_url, help="Override base_url from site.yaml.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
def build(site: Path, out_dir: Path | None, drafts: bool, base_url: str | None, strict: bool, quiet: bool) -> None:
    """Build SITE into its output folder."""
    started = time.perf_counter()
    target = out_dir if out_dir is not None else site / "output"
    try:
        result = build_site(site, target, BuildOptions(drafts=drafts, base_url=base_url, strict=strict))
    except (BuildError, OutputError) as error:
        _fail(error)
        return
    _print_problems(result.warnings)
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(
            f"built {len(result.site.stories)} stories, {len(result.site.companies)} companies, "
            f"{result.pages} pages, {result.feeds} feeds in {seconds:.2f} s -> {target}")


@main.command()
@SITE
@click.option("--drafts", is_flag=True, help="Include drafts and future-dated stories.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(site: Path, drafts: bool, strict: bool) -> None:
    """Validate SITE and report every problem; write nothing."""
    try:
        checked = check_site(site, BuildOptions(drafts=drafts, strict=strict))
    except BuildError as error:
        _fail(error)
        return
    _print_problems(checked.warnings)
    click.echo(f"ok: {len(checked.site.stories)} stories, {len(checked.site.companies)} companies, "
               f"{len(checked.warnings)} warnings")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Create a new site in DIRECTORY."""
    from generator.scaffold import ScaffoldError, init_site

    try:
        created = init_site(directory)
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"next: cd {directory} && grievance build")
