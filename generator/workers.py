"""Spread pure work over the machine's cores with forked worker processes.

Forking lets workers inherit the work (compiled templates, the linked site) without
pickling it; only chunk bounds go in and results come out. Small jobs, machines
without fork, and `jobs=1` run in this process, giving the same results in the same
order, so output never depends on how the work was split.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Set just before a pool forks; read by the forked children only.
_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_jobs() -> int:
    """How many processes to use: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None
    func, items = _work
    return [func(item) for item in items[bounds[0]:bounds[1]]]


def _chunks(count: int, jobs: int) -> list[tuple[int, int]]:
    """Split range(count) into about 4 chunks per job, so a slow chunk cannot hold up the rest."""
    size = max(1, -(-count // (jobs * 4)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def parallel_map(func: Callable[[T], R], items: Sequence[T], *, jobs: int, min_items: int = 200) -> list[R]:
    """[func(x) for x in items], computed in `jobs` forked processes when worth it."""
    global _work
    if jobs <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    _work = (func, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            results: list[R] = []
            for chunk in pool.map(_run_chunk, _chunks(len(items), jobs)):
                results.extend(chunk)
            return results
    finally:
        _work = None
