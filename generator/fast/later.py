"""Work the build begins at one moment and needs at another: the door (shortcut.py)
decides when it begins, beside a render or after it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Pending(Protocol[R_co]):
    """Work under way: result() waits for it and gives its outcome (or raises)."""

    def result(self) -> R_co: ...


class Later(Generic[R]):
    """Work begun when the door says (`start`, in the calling thread; `begin(*hints)` may
    start threads and returns a Pending): `result()` starts it if it was not (with no
    hints), and waits."""

    def __init__(self, begin: Callable[..., Pending[R]]) -> None:
        self._begin = begin
        self._pending: Pending[R] | None = None

    def start(self, *hints: Any) -> None:
        if self._pending is None:
            self._pending = self._begin(*hints)

    def begun(self) -> Pending[R]:
        """-> the work, begun now if it was not (for a caller taking its outcome in parts)."""
        self.start()
        assert self._pending is not None
        return self._pending

    def wait(self) -> None:
        """Until the work, if begun, is done (its outcome kept for result())."""
        if self._pending is not None:
            try:
                self._pending.result()
            except Exception:  # noqa: BLE001 - result() raises it again for the caller
                pass

    def result(self) -> R:
        return self.begun().result()


class InThread(Generic[R]):
    """`work()` running in a thread of this process from now on: a Pending. Start it only
    once no more processes fork (the render's workers are forked by the stream's first
    item): this process only waits for the workers meanwhile."""

    def __init__(self, work: Callable[[], R]) -> None:
        self._outcome: list[tuple[bool, Any]] = []
        self._thread = threading.Thread(target=self._run, args=(work,), name="meanwhile", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], R]) -> None:
        try:
            self._outcome.append((True, work()))
        except BaseException as error:  # noqa: BLE001 - handed to the caller of result()
            self._outcome.append((False, error))

    def result(self) -> R:
        self._thread.join()
        done, value = self._outcome[0]
        if not done:
            raise value
        return value


def starting(stream: Iterable[T], laters: Sequence[Later[Any]]) -> Iterator[T]:
    """`stream` passed through; the laters started at its first item (or its end)."""
    for item in stream:
        for later in laters:
            later.start()
        yield item
    for later in laters:
        later.start()
