"""Speed, behind one door: worker processes, the parse cache, the no-change and text-edit
shortcuts, edits in serve, social cards drawn once, plain front-matter read without libyaml. `speed(...)` gives the recipe's `Speed`; the recipe, the model, the stages and
the theme do not know this package exists, and without it a build is slower, not different.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator.build import Speed
from generator.fast.cache import CACHE_DIR, Cache, code_version
from generator.fast.cards import CardStore
from generator.fast.frontmatter import read_front_matter
from generator.fast.memory import open_memory
from generator.fast.workers import default_jobs, gc_paused, parallel_iter

if TYPE_CHECKING:
    from generator.build import Built
    from generator.fast.served import ServedSite

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["CACHE_DIR", "Pool", "default_jobs", "served", "speed"]


@dataclass(frozen=True)
class Pool:
    """The recipe's `map` over `jobs` forked worker processes (in this process for few
    items). Work put in `idle` runs in this process during the next map, while the
    workers work (the memory's keys of a build's stories, see memory.py)."""

    jobs: int
    idle: list[Callable[[], None]] = field(default_factory=list)

    def __call__(self, func: Callable[[T], R], items: Sequence[T], /) -> Iterator[R]:
        work = list(self.idle)
        self.idle.clear()

        def meanwhile() -> None:
            for done in work:
                done()

        return parallel_iter(func, items, jobs=self.jobs, in_flight=None, meanwhile=meanwhile)


def speed(*, jobs: int, cache_dir: Path | None) -> Speed:
    """Worker processes, the cache folder (None: no cache) -> the recipe's Speed."""
    pool = Pool(jobs)
    if cache_dir is None:
        return Speed(map=pool, bulk=gc_paused, front_matter=read_front_matter)
    return Speed(map=pool, memory=open_memory(Cache(cache_dir), pool.idle, jobs), bulk=gc_paused,
                 draw_card=CardStore(cache_dir / "cards").png, compiled=templates_cache(cache_dir),
                 front_matter=read_front_matter)


def served(cache_dir: Path) -> Callable[[Path, Path, Built], ServedSite | None]:
    """The site's cache folder -> serve's `keep` (fast/served.py: imported here only when
    serve asks, as it needs the renderer, which a build with nothing changed never loads)."""
    from generator.fast.served import served as keep

    return keep(cache_dir)


def templates_cache(cache_dir: Path) -> Path:
    """The cache folder -> the folder where the theme's templates are kept compiled, one
    per version of this package (~0.2 s of every build: 21 templates). A folder, not
    Jinja2's cache itself: a build with nothing changed never imports Jinja2."""
    return cache_dir / "templates" / code_version()[:16]
