"""The `grievance` command: the only module that prints or exits.

Exit codes: 0 success, 1 content or output errors, 2 usage errors (click's own).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from datetime import date
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from generator import __version__
from generator.fast.cache import CACHE_DIR
from generator.fast.workers import default_jobs
from generator.build import STAGES, BuildOptions, build_site, check_site
from generator.diagnostics import BuildError, Diagnostic
from generator.output.write import OutputError, discard

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


@contextlib.contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[str], None]]:
    """A transient progress display of the build's stages on a terminal; silent otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("building", total=STAGES)

        def advance(stage: str) -> None:
            bar.update(task, description=stage, completed=min(bar.tasks[0].completed + 1, STAGES))

        yield advance


def _cache_dir(site: Path) -> Path:
    """The site's cache folder; GRIEVANCE_CACHE_DIR moves it (tests keep checkouts clean)."""
    moved = os.environ.get("GRIEVANCE_CACHE_DIR")
    return Path(moved) if moved else site / CACHE_DIR


def _check_base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise click.BadParameter("expected an absolute http:// or https:// URL")
    return value


class _Group(click.Group):
    """Turns an unexpected exception (a bug, never bad input) into one line, exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence
            if os.environ.get("GRIEVANCE_DEBUG"):
                raise
            click.echo(f"grievance: internal error: {type(error).__name__}: {error}", err=True)
            click.echo("this is a bug in grievance; run with GRIEVANCE_DEBUG=1 to see the traceback", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: one per core).")
@click.option("--no-cache", is_flag=True, help=f"Do not read or write {CACHE_DIR}/.")
@click.option("--no-search", is_flag=True, help="Skip the search index (faster; /search/ will find nothing).")
def build(site: Path, out_dir: Path | None, drafts: bool, base_url: str | None, strict: bool, quiet: bool,
          jobs: int | None, no_cache: bool, no_search: bool) -> None:
    """Build SITE into its output folder."""
    started = time.perf_counter()
    target = out_dir if out_dir is not None else site / "output"
    try:
        options = BuildOptions(drafts=drafts, base_url=base_url, strict=strict,
                               cache_dir=None if no_cache else _cache_dir(site), jobs=jobs or default_jobs(),
                               background_delete=True, search=not no_search)
        with _progress(enabled=not quiet) as progress:
            result = build_site(site, target, options, progress=progress)
    except (BuildError, OutputError) as error:
        _fail(error)
        return
    _print_problems(result.warnings)
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(
            f"built {result.stories} stories, {result.companies} companies, "
            f"{result.pages} pages, {result.feeds} feeds, {result.indexed} indexed for search "
            f"in {seconds:.2f} s -> {target}{' (no changes)' if result.unchanged else ''}")


@main.command()
@SITE
@click.option("--drafts", is_flag=True, help="Include drafts and future-dated stories.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(site: Path, drafts: bool, strict: bool) -> None:
    """Validate SITE and report every problem; write nothing.

    Besides build errors, warns about personal data of other people, links to stories
    or companies that do not exist and open cases without news for 180 days; warnings
    fail only with --strict."""
    try:
        checked = check_site(site, BuildOptions(drafts=drafts, strict=strict, lint=True))
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


@main.group()
def new() -> None:
    """Create a story or a company record."""


def _created(paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"created {path}")


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
    from generator.scaffold import ScaffoldError, new_story

    try:
        _created(new_story(site, title, company=company, day=day or clock.today()))
    except BuildError as error:  # SOURCE_DATE_EPOCH is not a date
        _fail(error)
        return
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


@new.command("company")
@click.argument("name")
@SITE
def new_company_command(name: str, site: Path) -> None:
    """Create content/companies/<slug>.yaml with every key."""
    from generator.scaffold import ScaffoldError, new_company

    try:
        _created(new_company(site, name))
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a story's front-matter."""
    from generator.scaffold import schema_text

    click.echo(schema_text(), nl=False)


@main.command()
@SITE
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: a temporary folder, removed on exit).")
@click.option("--drafts", is_flag=True, help="Include drafts and future-dated stories.")
def serve(site: Path, host: str, port: int, out_dir: Path | None, drafts: bool) -> None:
    """Build SITE, serve it, rebuild on change and reload the browser."""
    import signal
    import tempfile

    from generator.serve.loop import DevSession

    # Ctrl-C (and a polite SIGTERM) must stop the server even when the shell that started
    # it ignores SIGINT, as background jobs and some CI runners do.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    scratch = None if out_dir is not None else Path(tempfile.mkdtemp(prefix="grievance-serve-"))
    target = out_dir if out_dir is not None else scratch / "site"  # type: ignore[operator]
    session = None
    try:
        options = BuildOptions(drafts=drafts, cache_dir=_cache_dir(site), jobs=default_jobs())
        session = DevSession(site, target, host=host, port=port, options=options,
                             report=lambda line: click.echo(line, err=True))
        click.echo(f"serving {session.url} from {target} (Ctrl-C to stop)")
        session.run()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
        click.echo("stopped")
    except OSError as error:
        click.echo(f"error: cannot serve on {host}:{port}: {error.strerror or error}", err=True)
        sys.exit(1)
    finally:
        if session is not None:
            session.close()
        if scratch is not None:  # tens of thousands of files: deleted in the background
            discard(scratch, background=True)
