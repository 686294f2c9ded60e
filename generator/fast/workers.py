"""Spread pure work over the machine's cores with forked worker processes.

Forking lets workers inherit the work (compiled templates, the linked site) without
pickling it; only chunk bounds go in and results come out. Small jobs, machines
without fork, and `jobs=1` run in this process, giving the same results in the same
order, so output never depends on how the work was split. multiprocessing, its pool and
ctypes are imported when a pool forks (~15-30 ms a build after a small edit never uses).
"""

from __future__ import annotations

import gc
import mmap
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

# Set just before a pool forks; read by the forked children only.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
_failed: mmap.mmap | None = None  # one byte every worker of the pool shares: 1 once a chunk has failed


def default_jobs() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def release_free_memory() -> None:
    """Hand memory that Python has freed back to the system (glibc only; elsewhere a
    no-op). glibc keeps freed blocks in the middle of its heap for reuse, so without
    this a process that has dropped 50 MB of file contents still holds them, and every
    worker forked from it counts them too."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return
    trim(0)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Parsing builds hundreds of
    thousands of long-lived objects and no cycles worth collecting; each full collection
    walks all of them again, which made 18% of the check stage at 50,000 stories (3.6 s
    of 24 s). Objects still go as soon as nothing refers to them. Afterwards what the
    block made is frozen (never scanned again, see gc.freeze) until the next unfreeze:
    otherwise the first collection would walk all of it at once."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class _Stopped(Exception):
    """A chunk not finished because another chunk of the same map failed."""


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None and _failed is not None
    func, items = _work
    results = []
    for item in items[bounds[0]:bounds[1]]:
        if _failed[0]:  # each item may take long (a theme's page up to its time limit): stop early
            raise _Stopped
        try:
            results.append(func(item))
        except BaseException:
            _failed[0] = 1
            raise
    release_free_memory()  # what the chunk's work allocated and dropped
    return results


def _first_failure(futures: Iterable[Future[list[Any]]], stopped: _Stopped) -> BaseException:
    """Chunks after one stopped early -> the error of the chunk that failed (the one that
    stopped the rest), or `stopped` when none is found."""
    for future in futures:
        if future.cancel():  # not begun
            continue
        error = future.exception()
        if error is not None and not isinstance(error, _Stopped):
            return error
    return stopped


def _chunks(count: int, jobs: int, per_job: int) -> list[tuple[int, int]]:
    """Split range(count) into about `per_job` chunks per job, so a slow chunk cannot hold
    up the rest."""
    size = max(1, -(-count // (jobs * per_job)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _forkable(items: Sequence[object], *, jobs: int, min_items: int) -> bool:
    if jobs < 2 or len(items) < min_items:
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def parallel_iter(
    func: Callable[[T], R], items: Sequence[T], *, jobs: int, min_items: int = 200, in_flight: int | None = 2,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[R]:
    """func(x) for x in items, in order, computed in `jobs` forked processes when worth it.

    Results are handed over as they come, with at most `in_flight` chunks per job
    submitted ahead, so a caller that writes each result away holds little in memory.
    With in_flight=None every chunk is submitted at once (for small results): no worker
    waits while the caller waits for a slow chunk. `meanwhile()` runs in this process
    once every chunk is submitted (the workers forked), while they work."""
    global _work, _failed
    if not _forkable(items, jobs=jobs, min_items=min_items):
        if meanwhile is not None:
            meanwhile()
        yield from (func(item) for item in items)
        return
    before = _work, _failed  # a map inside `meanwhile` (the keys, see fast/keys.py) puts them back
    failed = mmap.mmap(-1, 1)  # anonymous and shared: what one forked worker writes, all see
    _work, _failed = (func, items), failed
    release_free_memory()  # what the build dropped before forking (every file's bytes): see release_free_memory
    # Forked workers share this process's memory until they write to it; a garbage
    # collection in a worker would write to every object and so copy all of it. Frozen
    # objects are never collected (https://docs.python.org/3/library/gc.html#gc.freeze).
    gc.freeze()
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            waiting: deque[Future[list[Any]]] = deque()

            def next_done() -> list[Any]:
                try:
                    return waiting.popleft().result()
                except _Stopped as stopped:
                    raise _first_failure(waiting, stopped) from None

            try:
                for bounds in _chunks(len(items), jobs, 16):
                    waiting.append(pool.submit(_run_chunk, bounds))
                    if in_flight is not None and len(waiting) > jobs * in_flight:
                        yield from next_done()
                if meanwhile is not None:
                    meanwhile()
                while waiting:
                    yield from next_done()
            finally:  # a chunk failed, or the caller stopped: the chunks not begun are not run
                for future in waiting:
                    future.cancel()
    finally:
        _work, _failed = before
        failed.close()
        gc.unfreeze()


def fork_detached(work: Callable[[], None]) -> int | None:
    """Run `work()` in a forked child and return its pid (None where there is no fork:
    then the caller does the work itself). As for the pool, objects are frozen around
    the fork so the child does not copy every object when it collects garbage."""
    if not hasattr(os, "fork"):
        return None
    gc.freeze()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the forked child
        try:
            work()
        finally:
            os._exit(0)
    gc.unfreeze()
    return child

