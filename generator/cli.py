"""The `grievance` command group, `build` and `check`; the other commands live by noun in
commands/. These are the only modules that print or exit.

Exit codes: 0 success, 1 content or output errors, 2 usage errors (click's own).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from generator import __version__
from generator.build import STAGES, BuildOptions, build_site, check_site
from generator.commands.authoring import init, new, schema
from generator.commands.common import (CACHE_DIR, SITE, echo, fail, fast, print_problems, site_cache_dir, speed_for,
                                       terminal_bar)
from generator.commands.importing import import_command
from generator.commands.serving import serve
from generator.diagnostics import BuildError
from generator.output.lock import held_lock
from generator.output.write import OutputError, real_output_dir


@contextlib.contextmanager
def _progress(*, enabled: bool) -> Iterator[Callable[[str], None]]:
    """The build's stages as a transient progress bar on a terminal; silent otherwise."""
    with terminal_bar(enabled=enabled, label="building", total=STAGES, stage_names=True) as update:
        done = itertools.count(1)
        yield lambda stage: update(description=stage, completed=min(next(done), STAGES))


@contextlib.contextmanager
def _cache_lock(cache_dir: Path | None) -> Iterator[None]:
    """Builds sharing a cache folder take turns (the second says it waits); a cache that
    cannot be made is no cache (it only ever saves time), so nothing to lock."""
    with contextlib.ExitStack() as stack:
        try:
            if cache_dir is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                stack.enter_context(held_lock(cache_dir / "build.lock", what=f"the cache {cache_dir}",
                                              wait=lambda message: echo(message, err=True)))
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
            echo(f"grievance: internal error: {type(error).__name__}: {error}", err=True)
            echo("this is a bug in grievance; run with GRIEVANCE_DEBUG=1 to see the traceback", err=True)
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
        echo(f"error: {site}: no site.yaml and no stories in content/stories/; nothing to build\n"
                   "start a new site with: grievance init DIR", err=True)
        sys.exit(1)
    try:
        real_output_dir(target)  # a loop of links or a name too long: one line, before anything runs
        options = BuildOptions(drafts=drafts, base_url=base_url, strict=strict, background_delete=True,
                               search=not no_search)
        cache_dir = None if no_cache or fast is None else site_cache_dir(site)
        with _cache_lock(cache_dir), _progress(enabled=not quiet) as progress:
            result = build_site(site, target, options, speed=speed_for(jobs=jobs, cache_dir=cache_dir),
                                progress=progress).result
    except (BuildError, OutputError) as error:
        fail(error)
        return
    print_problems(result.warnings)
    if result.stories == 0:
        echo("note: the site has no published stories yet; add one with: "
                   "grievance new story \"Title\" --company NAME", err=True)
    if not quiet:
        seconds = time.perf_counter() - started
        echo(
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
                             speed=speed_for(jobs=None, cache_dir=None))
    except BuildError as error:
        fail(error, command="check")
        return
    print_problems(checked.warnings)
    echo(f"ok: {len(checked.site.stories)} stories, {len(checked.site.companies)} companies, "
               f"{len(checked.warnings)} warnings")


for command in (init, new, schema, import_command, serve):
    main.add_command(command)
