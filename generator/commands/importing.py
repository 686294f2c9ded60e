"""`grievance import`: posts from other platforms as draft stories."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from generator.commands.common import echo, terminal_bar
from generator.diagnostics import one_line


@contextlib.contextmanager
def _import_progress(*, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A transient bar of files imported, on a terminal; silent otherwise."""
    with terminal_bar(enabled=enabled, label="importing", total=None, stage_names=False) as update:
        yield lambda done, total: update(completed=done, total=total)


@click.command("import")
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
    """Import SOURCE files, folders or archives (.zip, .tar, .tgz, .gz) of WordPress,
    Blogger, Ghost, Movable Type or Substack exports, RSS, Atom or JSON feeds, HTML pages,
    text or Markdown, as draft stories under SITE/content/stories/.

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
        echo(one_line(str(line)))
    for problem in report.problems:
        echo(one_line(str(problem)), err=True)
    echo(report.summary(time.perf_counter() - started))
    if report.written and not quiet:
        echo(f"next: grievance serve --drafts {site}, then check and publish each story at /__grievance__/review/")
    if report.problems:
        sys.exit(1)
