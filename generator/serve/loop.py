"""`grievance serve`: build, serve the output on 127.0.0.1, rebuild on change, live reload.

- Every rebuild goes through `rebuild()`, so making it incremental is one change.
- The HTTP side (files, live reload events, error overlay) is http.py.
- An edit of story files re-renders just the files it changes (`Served`, from
  fast/served.py when the CLI passes it); `Reindexer` (background.py) then makes the
  search index again in the background, and `Watcher` (background.py) hears the edits.
- A new day (midnight, as clock.today() counts days) is a full build too, so the days
  open of a case stay right in a serve left running.
- Every build runs in the thread that runs the session (the main thread in the CLI): the
  watcher and the day thread hand theirs over and wait. There a theme's page is held to
  its time and memory limits (output/jinja_adapter.py `limited`), which only that thread
  can set; in the watcher's thread a template edited into an endless loop hung `serve`.
- Nothing here prints: the CLI passes `report` for terminal lines.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Protocol

from generator import clock
from generator.build import PLAIN, BuildOptions, BuildResult, Built, Speed, build_site
from generator.diagnostics import BuildError, Diagnostic
from generator.model import Site
from generator.output.write import OutputError
from generator.serve.background import Reindexer, Watcher
from generator.serve.http import DevServer, LiveState


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
        self._runner: threading.Thread | None = None  # the thread in run(), which makes every build
        self._asked: queue.Queue[tuple[set[Path] | None, Future[BuildResult | BuildError]]] = queue.Queue()
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
        """Rebuild once (never two at a time) and tell the browsers, in the thread that runs
        the session: from another thread (the watcher's, the day's) the build is handed to
        it and waited for. An edit of story files re-renders only the files it changes
        (fast/served.py)."""
        runner = self._runner
        if runner is None or runner is threading.current_thread():
            return self._build(changed)
        done: Future[BuildResult | BuildError] = Future()
        self._asked.put((changed, done))
        while True:
            try:
                return done.result(timeout=0.5)
            except TimeoutError:
                if self._runner is None:  # the session ended before it came to this one
                    done.cancel()
                    return done.result()

    def _serve_builds(self) -> None:
        """In the session's thread, until the server stops: make the builds other threads ask for."""
        while self._serving is not None and self._serving.is_alive():
            try:
                changed, done = self._asked.get(timeout=0.5)  # in steps: Ctrl-C reaches this thread
            except queue.Empty:
                continue
            if not done.set_running_or_notify_cancel():
                continue
            try:
                done.set_result(self._build(changed))
            except BaseException as error:
                done.set_exception(error)
                if not isinstance(error, Exception):
                    raise  # Ctrl-C: the session ends

    def _build(self, changed: set[Path] | None = None) -> BuildResult | BuildError:
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
        self._runner = threading.current_thread()
        try:
            self.build()
            self._days.start()
            self._serve_builds()
        finally:
            self._runner = None
            while not self._asked.empty():  # builds asked for as the session ends: not made
                self._asked.get_nowait()[1].cancel()

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
