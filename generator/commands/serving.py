"""`grievance serve`: build, serve, rebuild on change (serve/loop.py does the work)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build import BuildOptions
from generator.commands.common import SITE, echo, fail, fast, site_cache_dir, speed_for
from generator.output.write import OutputError, check_output_dir, discard, real_output_dir


def _tell_desk(url: str, *, on: bool, token: str) -> None:
    if not on:
        echo("review desk off: other machines can reach this address; add --review to turn it on")
        return
    echo(f"review desk: {url}__grievance__/review/")
    if token:
        echo(f"review desk token (the desk asks for it): {token}")


@click.command()
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
            fail(error)
    scratch = None if out_dir is not None else Path(tempfile.mkdtemp(prefix="grievance-serve-"))
    target = out_dir if out_dir is not None else scratch / "site"  # type: ignore[operator]
    session = None
    cache_dir = site_cache_dir(site) if fast is not None else None
    try:
        session = DevSession(site, target, host=host, port=port, options=BuildOptions(drafts=drafts or review),
                             report=lambda line: echo(line, err=True), desk=drafts or review, review=review,
                             speed=speed_for(jobs=None, cache_dir=cache_dir),
                             keep=fast.served(cache_dir) if fast is not None and cache_dir is not None else None)
        echo(f"serving {session.url} from {target} (Ctrl-C to stop)")
        if session.server.desk is not None:
            _tell_desk(session.url, on=session.server.desk.guard is not None, token=session.desk_token)
        session.run()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
        echo("stopped")
    except OSError as error:
        echo(f"error: cannot serve on {host}:{port}: {error.strerror or error}", err=True)
        sys.exit(1)
    finally:
        if session is not None:
            session.close()
        if scratch is not None:  # tens of thousands of files: deleted in the background
            discard(scratch, background=True)
