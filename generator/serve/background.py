"""serve's two background threads: `Watcher` (edits under content/, themes/ or site.yaml
-> the session's build) and `Reindexer` (the search index made again once quick edits pause)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.model import Site

WATCHED = ("content", "themes", "site.yaml")


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
