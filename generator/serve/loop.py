"""`grievance serve`: build, serve the output on 127.0.0.1, rebuild on change, live reload.

- Every rebuild goes through `rebuild()`, so making it incremental is one change.
- The HTTP side (files, live reload events, error overlay) is http.py.
- An edit of story files re-renders just the files it changes (`Served`, from
  fast/served.py when the CLI passes it); `Reindexer` then makes the search index again
  in the background.
- A new day (midnight, as clock.today() counts days) is a full build too, so the days
  open of a case stay right in a serve left running.
- Nothing here prints: the CLI passes `report` for terminal lines.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Protocol

from generator import clock
from generator.build import PLAIN, BuildOptions, BuildResult, Built, Speed, build_site
from generator.diagnostics import BuildError, Diagnostic
from generator.model import Site
from generator.output.write import OutputError
from generator.serve.http import DevServer, LiveState

WATCHED = ("content", "themes", "site.yaml")


class Served(Protocol):
    """The build now in the output, kept in memory to show an edit of story files at once
    (fast/served.py)."""

    @property
    def site(self) -> Site: ...

    def update(self, changed: Iterable[Path], shown: Callable[[dict[str, bytes]], None] | None = None,
               ) -> tuple[Served, dict[str, bytes]] | None:
        """Changed paths (and who hears the edited stories' own files, written first) ->
        (the build with them, the files rewritten after those), or None: a full build is needed."""
        ...

    def settle(self) -> Served:
        """-> the same build, its memory saved where the next full build finds it."""
        ...


KeepServed = Callable[[Path, Path, Built], Served | None]  # site folder, output folder, a full build


def rebuild(site_dir: Path, out_dir: Path, options: BuildOptions,
            linked: Callable[[Site], None] | None = None, *, speed: Speed = PLAIN) -> Built | BuildError:
    """Site folder -> a fresh output folder, or the problems; never raises for content.

    A file deleted or half-written while the build reads it, or any other surprise,
    becomes a BuildError so the server lives on and shows it.
    """
    try:
        return build_site(site_dir, out_dir, options, speed=speed, linked=linked)
    except BuildError as error:
        return error
    except OutputError as error:
        return BuildError([Diagnostic(str(out_dir), None, str(error))])
    except Exception as error:  # noqa: BLE001 - the dev server must survive any failed build
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        return BuildError([Diagnostic(str(site_dir), None, f"build crashed: {detail}")])


def error_text(error: BuildError) -> str:
    """BuildError -> the lines the terminal and the overlay show."""
    return "\n".join(str(d) for d in error.diagnostics)


def _is_watched(site_dir: Path, changed: str) -> bool:
    """Absolute site folder, a changed path from watchfiles -> whether it feeds the build."""
    try:
        relative = Path(changed).relative_to(site_dir)
    except ValueError:
        return False
    return bool(relative.parts) and relative.parts[0] in WATCHED


class Watcher:
    """A thread that calls `on_change()` after edits under content/, themes/ or site.yaml."""

    def __init__(self, site_dir: Path, on_change: Callable[[set[Path]], object]) -> None:
        self.site_dir = site_dir.resolve()
        self.on_change = on_change
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="grievance-watch", daemon=True)

    def start(self) -> None:
        # Imported before the thread starts: an import in the thread (watchfiles imports
        # logging, which registers fork handlers) racing the build's fork of a cache
        # writer made Python print "release unlocked lock" in the terminal.
        import watchfiles  # noqa: F401

        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        from watchfiles import watch

        # The whole site folder, filtered: watching site.yaml itself would lose editors'
        # rename-on-save, and content/ or themes/ may be created later.
        while not self.stop_event.is_set():
            try:
                for changes in watch(self.site_dir, watch_filter=self._wanted, stop_event=self.stop_event,
                                      debounce=400, step=50, rust_timeout=500, raise_interrupt=False):
                    if self.stop_event.is_set():
                        return
                    self.on_change({Path(path) for _kind, path in changes})
            except Exception:  # noqa: BLE001 - a vanished folder must not end live reload
                self.stop_event.wait(0.5)

    def _wanted(self, _kind: object, path: str) -> bool:
        return _is_watched(self.site_dir, path)


class Reindexer:
    """Makes the search index again after quick updates, which rewrite story pages in
    place and leave the index as it was: in a thread, once edits have paused for QUIET
    seconds, at low priority so that the next edit still shows at once. A full build in
    the meantime indexes its own output and wins: the bundle made is then dropped."""

    QUIET = 3.0  # seconds without a quick update before indexing starts: not while someone types and saves

    def __init__(self, out_dir: Path, lock: threading.Lock, full_builds: Callable[[], int],
                 report: Callable[[str], None], site: Callable[[], Site | None]) -> None:
        self.out_dir = out_dir
        self.site = site  # the Site now in the output, edits included
        self.lock = lock  # the session's: no full build swaps the output while a bundle is swapped in
        self.full_builds = full_builds
        self.report = report
        self.wanted = threading.Event()
        self.stop_event = threading.Event()
        self.yielding = threading.Event()  # set: the index being made is dropped (an edit goes first)
        self.last = 0.0
        self.since = 0  # full builds done when the last quick update was made
        self.thread = threading.Thread(target=self._run, name="grievance-reindex", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.yielding.set()
        self.wanted.set()
        if self.thread.is_alive():
            self.thread.join(timeout=5)

    def give_way(self) -> None:
        """Before an edit is made: an index being made stops (it would take CPU from the
        edit, and the edit outdates it); the `request` after the edit starts it again."""
        self.yielding.set()

    def request(self, full_builds: int) -> None:
        """After a quick update made on the output of full build number `full_builds`."""
        self.since = full_builds
        self.last = time.monotonic()
        self.wanted.set()

    def _run(self) -> None:
        from generator.output.pagefind import index_beside, swap_in

        while not self.stop_event.is_set():
            self.wanted.wait()
            while (left := self.last + self.QUIET - time.monotonic()) > 0 and not self.stop_event.is_set():
                self.stop_event.wait(left)
            if self.stop_event.is_set():
                return
            self.wanted.clear()
            self.yielding.clear()
            since, started = self.since, time.perf_counter()
            try:
                site = self.site()
                if site is None:
                    continue
                beside = index_beside(self.out_dir, site, cancel=self.yielding)
                with self.lock:
                    if self.full_builds() == since:
                        swap_in(self.out_dir, beside)
                        self.report(f"search index updated in {time.perf_counter() - started:.2f} s")
                    else:
                        shutil.rmtree(beside, ignore_errors=True)
            except Exception as error:  # noqa: BLE001 - the next full build indexes again
                if self.yielding.is_set():  # stopped for an edit, whose request starts it again
                    continue
                if self.full_builds() == since and not self.stop_event.is_set():
                    self.report(f"search index not updated: {error}")  # not a full build's doing


WILDCARDS = {"0.0.0.0", "", "::"}


def reachable_host(host: str) -> str:
    """The address to bind -> the one to put in links and print: a wildcard bind
    (0.0.0.0, every interface, to try the site on a phone) is no address to visit, so
    it becomes this machine's address on its network (127.0.0.1 without one)."""
    if host not in WILDCARDS:
        return host
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: picks the outgoing interface, sends nothing
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


class DevSession:
    """One `grievance serve`: a server, a watcher, and the rebuild between them."""

    DAY_CHECK = 30.0  # seconds between looks at the date: a new day shows within them

    def __init__(self, site_dir: Path, out_dir: Path, *, host: str, port: int, options: BuildOptions,
                 report: Callable[[str], None], speed: Speed = PLAIN, keep: KeepServed | None = None,
                 desk: bool = False, review: bool = False, today: Callable[[], date] | None = None) -> None:
        self.site_dir = site_dir
        self.out_dir = out_dir
        self.state = LiveState()
        self.server = DevServer((host, port), out_dir, self.state)
        self.url = f"http://{reachable_host(host)}:{self.server.server_address[1]}/"
        self.options = replace(options, base_url=self.url)
        self.report = report
        self.speed = speed
        self.keep = keep  # None: every edit is a full build
        self.watcher = Watcher(site_dir, self.build)
        self._lock = threading.Lock()
        self.site: Site | None = None  # the Site now in the output, edits included
        self.live: Served | None = None  # the build in the output, for quick edits
        self.live_result: BuildResult | None = None
        self.full_builds = 0  # good full builds so far
        self.reindexer = Reindexer(out_dir, self._lock, lambda: self.full_builds, report, lambda: self.site)
        self._serving: threading.Thread | None = None
        self.today = today if today is not None else (lambda: clock.today())  # read when called: tests set it
        self.built_day: date | None = None  # the day the last full build counted to
        self._closing = threading.Event()
        self._days = threading.Thread(target=self._watch_days, name="grievance-days", daemon=True)
        self.desk_token = ""  # printed for the person at the desk when it asks for it (off loopback)
        if desk:
            self._open_desk(host, review=review)

    def _open_desk(self, host: str, *, review: bool) -> None:
        """The review desk (serve/review/): on loopback always; elsewhere only with --review, behind the token."""
        from generator.serve.review.desk import Desk
        from generator.serve.review.guard import Guard, host_names, is_loopback

        local = is_loopback(host)
        port = self.server.server_address[1]
        guard = (Guard(host_names(host, port, reachable=reachable_host(host)), login=not local)
                 if local or review else None)
        self.server.desk = Desk(self.site_dir, guard=guard, site=lambda: self.site)
        if guard is not None:
            self.desk_token = guard.token if guard.login else ""

    def build(self, changed: set[Path] | None = None) -> BuildResult | BuildError:
        """Rebuild once (never two at a time) and tell the browsers. An edit of story
        files re-renders only the files it changes (fast/served.py)."""
        with self._lock:
            started = time.perf_counter()
            if changed and self.live is not None and self.state.current.ok:
                self.reindexer.give_way()

                def shown(files: dict[str, bytes]) -> None:  # the edited stories' pages: reload them now
                    self.report(f"showed {len(files)} edited files in {(time.perf_counter() - started) * 1000:.0f} ms")
                    self.state.publish(ok=True, pages=files.keys())

                try:
                    quick = self.live.update(changed, shown)
                except Exception:  # noqa: BLE001 - any surprise: fall back to a full build
                    quick = None
                if quick is not None and self.live_result is not None:
                    self.live, files = quick
                    self.site = self.live.site
                    self.report(f"updated {len(files)} files in {(time.perf_counter() - started) * 1000:.0f} ms")
                    self.state.publish(ok=True, pages=files.keys())
                    if self.options.search:
                        self.reindexer.request(self.full_builds)
                    return self.live_result
            if self.live is not None:
                self.live = self.live.settle()  # the full build starts from what the output holds
            # The session's first build brings the site up without its search index, which
            # the reindexer adds seconds later (on 50,000 stories, indexing is a third of a build).
            first = self.full_builds == 0 and self.options.search
            # Until the session's first build has written the output, pages are rendered
            # on request from the linked Site (on 50,000 stories: after ~30 s, not ~80 s).
            early = self._answer_early if self.full_builds == 0 else None
            self.built_day = self.today()
            built = rebuild(self.site_dir, self.out_dir, replace(self.options, search=False) if first else self.options,
                            early, speed=self.speed)
            self.server.early = None
            if isinstance(built, BuildError):
                text = error_text(built)
                self.report(f"{text}\nbuild failed; still serving the last good build")
                self.state.publish(ok=False, error=text)
                return built
            result = built.result
            self.full_builds += 1
            if built.site is not None:
                self.site = built.site
                self.live = self.keep(self.site_dir, self.out_dir, built) if self.keep is not None else None
                self.live_result = result
            for warning in result.warnings:
                self.report(str(warning))
            self.report(f"rebuilt {result.stories} stories, {result.pages} pages "
                        f"in {time.perf_counter() - started:.2f} s")
            self.state.publish(ok=True)
            if first:
                self.reindexer.request(self.full_builds)
            return result

    def new_day(self) -> bool:
        """A full build when the date moved on since the last one (days open, escalation
        deadlines and what is published count to it) -> whether one was made."""
        try:
            day = self.today()
        except BuildError:  # SOURCE_DATE_EPOCH gone bad: the next build reports it
            return False
        if self.built_day is None or day == self.built_day:
            return False
        self.build()
        return True

    def _watch_days(self) -> None:
        while not self._closing.wait(self.DAY_CHECK):
            try:
                self.new_day()
            except Exception:  # noqa: BLE001 - the day's build reports its own problems
                pass

    def _answer_early(self, site: Site) -> None:
        """The first build's linked Site -> the server renders pages from it on request."""
        from generator.serve.early import EarlyPages

        try:
            self.server.early = EarlyPages(self.site_dir, site).render
        except Exception:  # noqa: BLE001 - a theme that does not load: the build reports it
            self.server.early = None

    def run(self) -> None:
        """Watch, build, and serve until KeyboardInterrupt (which the caller handles).

        The watcher starts first, so an edit made during the first build is not missed;
        the server answers while the first build runs (early pages, see serve/early.py)."""
        self.watcher.start()
        self.reindexer.start()
        self._serving = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                         name="grievance-http", daemon=True)
        self._serving.start()
        self.build()
        self._days.start()
        while self._serving.is_alive():
            self._serving.join(timeout=0.5)  # in steps: Ctrl-C reaches this thread

    def close(self) -> None:
        self._closing.set()
        # A `build` into a kept --out folder then redoes only what changed; a full build still
        # running when Ctrl-C comes is not waited for long (it saves its own record when done).
        if self._lock.acquire(timeout=5.0):
            try:
                if self.live is not None:
                    self.live = self.live.settle()
            finally:
                self._lock.release()
        self.state.stop()
        if self._serving is not None:
            self.server.shutdown()
        self.watcher.stop()
        self.reindexer.stop()
        self.server.server_close()
