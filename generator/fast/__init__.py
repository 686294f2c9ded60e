"""Speed, behind one door: worker processes, the parse cache, the no-change and text-edit
shortcuts. `speed(...)` gives the recipe's `Speed`; the recipe, the model, the stages and
the theme do not know this package exists, and without it a build is slower, not different.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.build import Speed
from generator.fast.cache import CACHE_DIR, Cache
from generator.fast.edits import ServedSite
from generator.fast.memory import open_memory
from generator.fast.workers import default_jobs, gc_paused, parallel_iter

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["CACHE_DIR", "Pool", "ServedSite", "default_jobs", "speed"]


@dataclass(frozen=True)
class Pool:
    """The recipe's `map` over `jobs` forked worker processes (in this process for few items)."""

    jobs: int

    def __call__(self, func: Callable[[T], R], items: Sequence[T], /) -> Iterator[R]:
        return parallel_iter(func, items, jobs=self.jobs, in_flight=None)


def speed(*, jobs: int, cache_dir: Path | None) -> Speed:
    """Worker processes, the cache folder (None: no cache) -> the recipe's Speed."""
    return Speed(map=Pool(jobs), memory=open_memory(Cache(cache_dir)) if cache_dir is not None else None,
                 bulk=gc_paused)
