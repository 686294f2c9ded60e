"""The `grievance` command: the only module that prints or exits.

Exit codes: 0 success, 1 content or output errors, 2 usage errors (click's own).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import click

from generator import __version__
from generator.build import STAGES, BuildOptions, Speed, build_site, check_site
from generator.diagnostics import BuildError, Diagnostic, for_terminal, one_line
from generator.output.lock import held_lock
from generator.output.write import OutputError, check_output_dir, discard, real_output_dir

try:  # speed, behind one door: without fast/ a build is slower, not different
    import generator.fast as fast
except ModuleNotFoundError as missing:
    if missing.name != "generator.fast":
        raise
    fast = None  # type: ignore[assignment]
CACHE_DIR = fast.CACHE_DIR if fast is not None else ".grievance-cache"

SITE = click.argument("site", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))


def _echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo, but every line made safe for a terminal (diagnostics.for_terminal): the
    one way grievance prints, so no file name, archive member or server answer reaches
    the terminal raw."""
    click.echo(for_terminal(str(message)), err=err, nl=nl)


def _print_problems(problems: list[Diagnostic]) -> None:
    for problem in problems:
        _echo(str(problem), err=True)


def _fail(error: BuildError | OutputError, *, command: str = "build") -> None:
    """Print what failed and exit 1; `check` never writes, so only `build` says nothing was."""
    if isinstance(error, BuildError):
        _print_problems(error.diagnostics)
        errors = len(error.diagnostics)
        written = "; nothing was written" if command == "build" else ""
        _echo(f"{command} failed: {errors} problem{'s' if errors != 1 else ''}{written}", err=True)
    else:
        _echo(f"error: {error}", err=True)
    sys.exit(1)


@contextlib.contextmanager
def _terminal_bar(*, enabled: bool, label: str, total: int | None,
                  stage_names: bool) -> Iterator[Callable[..., None]]:
    """A transient rich progress bar on stderr when it is a terminal -> update(**fields)
    (rich's Progress.update); a no-op otherwise. With `stage_names` the bar shows a
    spinner and the current stage, else `label` and a count of done out of total."""
    if not enabled or not sys.stderr.isatty():
        yield lambda **_fields: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = ((SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()) if stage_names
               else (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()))
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        yield lambda **fields: bar.update(task, **fields)


@contextlib.contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[str], None]]:
    """The build's stages as a transient progress bar on a terminal; silent otherwise."""
    with _terminal_bar(enabled=enabled, label="building", total=STAGES, stage_names=True) as update:
        done = itertools.count(1)
        yield lambda stage: update(description=stage, completed=min(next(done), STAGES))


def _cache_dir(site: Path) -> Path:
    """The site's cache folder; GRIEVANCE_CACHE_DIR moves it (tests keep checkouts clean)."""
    moved = os.environ.get("GRIEVANCE_CACHE_DIR")
    return Path(moved) if moved else site / CACHE_DIR


def _speed(*, jobs: int | None, cache_dir: Path | None) -> Speed:
    """Worker processes (None: one per core) and the cache folder -> the build's Speed."""
    if fast is None:
        return Speed()
    return fast.speed(jobs=jobs or fast.default_jobs(), cache_dir=cache_dir)


@contextlib.contextmanager
def _cache_lock(cache_dir: Path | None) -> Iterator[None]:
    """Builds sharing a cache folder take turns (the second says it waits); a cache that
    cannot be made is no cache (it only ever saves time), so nothing to lock."""
    with contextlib.ExitStack() as stack:
        try:
            if cache_dir is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                stack.enter_context(held_lock(cache_dir / "build.lock", what=f"the cache {cache_dir}",
                                              wait=lambda message: _echo(message, err=True)))
        except OSError:
            pass
        yield


def _check_base_url(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from generator.urls import base_url_problem

    problem = None if value is None else base_url_problem(value)
    if problem is not None:
        raise click.BadParameter(problem)
    return value


class _Group(click.Group):
    """Turns an unexpected exception (a bug, never bad input) into one line, exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("GRIEVANCE_DEBUG"):
                raise
            _echo(f"grievance: internal error: {type(error).__name__}: {error}", err=True)
            _echo("this is a bug in grievance; run with GRIEVANCE_DEBUG=1 to see the traceback", err=True)
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
    from generator.read.files import looks_like_a_site

    started = time.perf_counter()
    target = out_dir if out_dir is not None else site / "output"
    if not looks_like_a_site(site):
        _echo(f"error: {site}: no site.yaml and no stories in content/stories/; nothing to build\n"
                   "start a new site with: grievance init DIR", err=True)
        sys.exit(1)
    try:
        real_output_dir(target)  # a loop of links or a name too long: one line, before anything runs
        options = BuildOptions(drafts=drafts, base_url=base_url, strict=strict, background_delete=True,
                               search=not no_search)
        cache_dir = None if no_cache or fast is None else _cache_dir(site)
        with _cache_lock(cache_dir), _progress(enabled=not quiet) as progress:
            result = build_site(site, target, options, speed=_speed(jobs=jobs, cache_dir=cache_dir),
                                progress=progress).result
    except (BuildError, OutputError) as error:
        _fail(error)
        return
    _print_problems(result.warnings)
    if result.stories == 0:
        _echo("note: the site has no published stories yet; add one with: "
                   "grievance new story \"Title\" --company NAME", err=True)
    if not quiet:
        seconds = time.perf_counter() - started
        _echo(
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
        checked = check_site(site, BuildOptions(drafts=drafts, strict=strict, lint=True),
                             speed=_speed(jobs=None, cache_dir=None))
    except BuildError as error:
        _fail(error, command="check")
        return
    _print_problems(checked.warnings)
    _echo(f"ok: {len(checked.site.stories)} stories, {len(checked.site.companies)} companies, "
               f"{len(checked.warnings)} warnings")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Create a new site in DIRECTORY."""
    from generator.scaffold import ScaffoldError, init_site

    try:
        created = init_site(directory)
    except ScaffoldError as error:
        _echo(f"error: {error}", err=True)
        sys.exit(1)
    for path in created:
        _echo(f"created {path}")
    _echo(f"next: cd {directory} && grievance build")


@main.group()
def new() -> None:
    """Create a story or a company record."""


def _created(paths: list[Path]) -> None:
    for path in paths:
        _echo(f"created {path}")


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
        _fail(error)
        return
    except ScaffoldError as error:
        _echo(f"error: {error}", err=True)
        sys.exit(1)
    if not has_company_record(site, company):
        where = "" if site == Path(".") else f" {site}"
        _echo(f"next: content/companies/ has no record for '{company}'; "
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
        _echo(f"error: {error}", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of a story's front-matter."""
    from generator.scaffold import schema_text

    _echo(schema_text(), nl=False)


@contextlib.contextmanager
def _import_progress(*, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A transient bar of files imported, on a terminal; silent otherwise."""
    with _terminal_bar(enabled=enabled, label="importing", total=None, stage_names=False) as update:
        yield lambda done, total: update(completed=done, total=total)


@main.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--site", "site", default=".", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="The site to import into.")
@click.option("--language", type=click.Choice(["nl", "en"]), help="Language of the posts (default: detected per post).")
@click.option("--add-companies", is_flag=True,
              help="Write content/companies/<slug>.yaml for well-known companies the posts are about.")
@click.option("--images", is_flag=True,
              help="Download the images the posts show from other sites and save them beside each story "
                   "(the pages load no images from other sites).")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
def import_command(sources: tuple[Path, ...], site: Path, language: str | None, add_companies: bool,
                   images: bool, quiet: bool) -> None:
    """Import SOURCE files, folders or .zip archives (WordPress, Blogger, Ghost, Movable
    Type or Substack export; RSS, Atom or JSON feed; HTML page; text or Markdown) as draft
    stories under SITE/content/stories/.

    Each story gets `draft: true` and a `review:` list of the keys that were guessed
    (company, outcome, apology, ...). A post already imported (same `source:`) is left
    alone; no file is ever overwritten."""
    from generator.importer.run import import_sources
    from generator.model import Language

    started = time.perf_counter()
    with _import_progress(enabled=not quiet) as progress:
        report = import_sources(list(sources), site, language=Language(language) if language else None,
                                add_companies=add_companies, images=images, progress=progress)
    for line in [] if quiet else [*report.written, *report.skipped]:
        _echo(one_line(str(line)))
    for problem in report.problems:
        _echo(one_line(str(problem)), err=True)
    _echo(report.summary(time.perf_counter() - started))
    if report.written and not quiet:
        _echo(f"next: grievance serve --drafts {site}, then check and publish each story at /__grievance__/review/")
    if report.problems:
        sys.exit(1)


def _tell_desk(url: str, *, on: bool, token: str) -> None:
    if not on:
        _echo("review desk off: other machines can reach this address; add --review to turn it on")
        return
    _echo(f"review desk: {url}__grievance__/review/")
    if token:
        _echo(f"review desk token (the desk asks for it): {token}")


@main.command()
@SITE
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Output folder (default: a temporary folder, removed on exit).")
@click.option("--drafts", is_flag=True,
              help="Include drafts and future-dated stories, and offer the review desk at /__grievance__/review/.")
@click.option("--review", is_flag=True,
              help="Offer the review desk (implies --drafts) also when --host is not loopback; it asks for "
                   "the token printed here.")
def serve(site: Path, host: str, port: int, out_dir: Path | None, drafts: bool, review: bool) -> None:
    """Build SITE, serve it, rebuild on change and reload the browser."""
    import signal
    import tempfile

    from generator.serve.loop import DevSession

    # Ctrl-C (and a polite SIGTERM) must stop the server even when the shell that started
    # it ignores SIGINT, as background jobs and some CI runners do.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if out_dir is not None:  # someone else's folder is neither built into nor served
        try:
            real_output_dir(out_dir)
            check_output_dir(out_dir, site_dir=site)
        except OutputError as error:
            _fail(error)
    scratch = None if out_dir is not None else Path(tempfile.mkdtemp(prefix="grievance-serve-"))
    target = out_dir if out_dir is not None else scratch / "site"  # type: ignore[operator]
    session = None
    try:
        session = DevSession(site, target, host=host, port=port, options=BuildOptions(drafts=drafts or review),
                             report=lambda line: _echo(line, err=True), desk=drafts or review, review=review,
                             speed=_speed(jobs=None, cache_dir=_cache_dir(site) if fast is not None else None),
                             keep=fast.ServedSite.of if fast is not None else None)
        _echo(f"serving {session.url} from {target} (Ctrl-C to stop)")
        if session.server.desk is not None:
            _tell_desk(session.url, on=session.server.desk.guard is not None, token=session.desk_token)
        session.run()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
        _echo("stopped")
    except OSError as error:
        _echo(f"error: cannot serve on {host}:{port}: {error.strerror or error}", err=True)
        sys.exit(1)
    finally:
        if session is not None:
            session.close()
        if scratch is not None:  # tens of thousands of files: deleted in the background
            discard(scratch, background=True)
