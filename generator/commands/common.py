"""What every command shares: printing safely, failing with exit code 1, the progress
bar, the site argument, and the build's speed (fast/, behind one door: without it a
build is slower, not different)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import click

from generator.build import PLAIN, Speed
from generator.diagnostics import BuildError, Diagnostic, for_terminal
from generator.output.write import OutputError

try:
    import generator.fast as fast
except ModuleNotFoundError as missing:
    if missing.name != "generator.fast":
        raise
    fast = None  # type: ignore[assignment]
CACHE_DIR = fast.CACHE_DIR if fast is not None else ".grievance-cache"

SITE = click.argument("site", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo, but every line made safe for a terminal (diagnostics.for_terminal): the
    one way grievance prints, so no file name, archive member or server answer reaches
    the terminal raw. When the reader has gone (`grievance import ... | head -1`), the
    work goes on and the rest is not printed, as with any Unix tool."""
    try:
        click.echo(for_terminal(str(message)), err=err, nl=nl)
    except BrokenPipeError:
        _to_nowhere(sys.stderr if err else sys.stdout)


def _to_nowhere(stream: TextIO) -> None:
    """A stream whose reader has gone -> what is still written to it goes nowhere (its
    buffer too, flushed at exit)."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nowhere, stream.fileno())
    finally:
        os.close(nowhere)


def print_problems(problems: list[Diagnostic]) -> None:
    for problem in problems:
        echo(str(problem), err=True)


def fail(error: BuildError | OutputError, *, command: str = "build") -> None:
    """Print what failed and exit 1; `check` never writes, so only `build` says nothing was."""
    if isinstance(error, BuildError):
        print_problems(error.diagnostics)
        errors = len(error.diagnostics)
        written = "; nothing was written" if command == "build" else ""
        echo(f"{command} failed: {errors} problem{'s' if errors != 1 else ''}{written}", err=True)
    else:
        echo(f"error: {error}", err=True)
    sys.exit(1)


@contextlib.contextmanager
def terminal_bar(*, enabled: bool, label: str, total: int | None,
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


def site_cache_dir(site: Path) -> Path:
    """The site's cache folder; GRIEVANCE_CACHE_DIR moves it (tests keep checkouts clean)."""
    moved = os.environ.get("GRIEVANCE_CACHE_DIR")
    return Path(moved) if moved else site / CACHE_DIR


def speed_for(*, jobs: int | None, cache_dir: Path | None) -> Speed:
    """Worker processes (None: one per core) and the cache folder -> the build's Speed."""
    if fast is None:
        return PLAIN
    return fast.speed(jobs=jobs or fast.default_jobs(), cache_dir=cache_dir)
