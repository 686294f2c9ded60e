"""workers.py: forked work gives the serial results, in order; gc_paused."""

from __future__ import annotations

import gc
import os
import time

import pytest

from generator.fast.workers import _chunks, gc_paused, parallel_iter


def _square_with_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_parallel_iter_matches_serial_order_and_uses_other_processes() -> None:
    items = list(range(500))
    results = list(parallel_iter(_square_with_pid, items, jobs=2, min_items=10))
    assert [value for value, _ in results] == [x * x for x in items]
    assert {pid for _, pid in results} - {os.getpid()}, "no work ran in a forked worker"


@pytest.mark.parametrize("in_flight", [None, 1, 2])
def test_parallel_iter_in_order_for_any_in_flight(in_flight: int | None) -> None:
    items = list(range(333))
    assert list(parallel_iter(lambda x: -x, items, jobs=2, min_items=1, in_flight=in_flight)) == [-x for x in items]


def test_small_work_and_one_job_stay_in_this_process() -> None:
    assert {pid for _, pid in parallel_iter(_square_with_pid, list(range(50)), jobs=2)} == {os.getpid()}
    assert {pid for _, pid in parallel_iter(_square_with_pid, list(range(500)), jobs=1)} == {os.getpid()}


@pytest.mark.parametrize(("count", "jobs"), [(1, 2), (31, 2), (1000, 2), (7, 8)])
def test_chunks_cover_every_item_once(count: int, jobs: int) -> None:
    bounds = _chunks(count, jobs, 16)
    assert [i for start, end in bounds for i in range(start, end)] == list(range(count))


def test_gc_paused_disables_collection_inside_and_freezes_what_it_made() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    try:
        with gc_paused():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
    finally:
        gc.unfreeze()


def test_gc_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def _slow_but_item_2_fails(x: int) -> int:
    if x == 2:
        raise ValueError("item 2 is broken")
    time.sleep(0.2)
    return x


@pytest.mark.parametrize("in_flight", [None, 2])
def test_a_failed_item_stops_every_chunk_and_its_own_error_is_raised(in_flight: int | None) -> None:
    # 64 items in chunks of 2: item 2 fails at once in the second chunk. The first chunk
    # stops after the item it is on, the rest never start: without that, the pool ran
    # every chunk submitted (a theme slow on each page: minutes before its error showed).
    started = time.monotonic()
    with pytest.raises(ValueError, match="item 2 is broken"):
        list(parallel_iter(_slow_but_item_2_fails, list(range(64)), jobs=2, min_items=1, in_flight=in_flight))
    assert time.monotonic() - started < 3.0  # all 64: 6.4 s on two workers


def test_a_map_inside_a_map_leaves_the_outer_one_working() -> None:
    def inner(x: int) -> int:
        return x

    def meanwhile() -> None:  # as the build's keys do, while the workers render
        assert list(parallel_iter(inner, list(range(300)), jobs=2, min_items=1)) == list(range(300))

    outer = parallel_iter(lambda x: x * 2, list(range(300)), jobs=2, min_items=1, in_flight=None, meanwhile=meanwhile)
    assert list(outer) == [x * 2 for x in range(300)]
