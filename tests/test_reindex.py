"""serve's Reindexer: an index being made gives way to an edit, without a word in the
terminal, and is made again once the edit is done."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import generator.output.pagefind as pagefind
from generator.serve.background import Reindexer


def test_an_index_being_made_gives_way_to_an_edit_and_is_made_again(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    started, runs, lines = threading.Event(), [], []

    def index_beside(folder: Path, site: object, *, cancel: threading.Event | None = None) -> Path:
        runs.append(cancel)
        if len(runs) == 1:  # the first run is still indexing when the edit comes
            started.set()
            assert cancel is not None and cancel.wait(10)
            raise pagefind.OutputError("search index failed: cancelled")
        beside = folder / "beside"
        beside.mkdir()
        return beside

    monkeypatch.setattr(pagefind, "index_beside", index_beside)
    monkeypatch.setattr(pagefind, "swap_in", lambda folder, beside: None)
    monkeypatch.setattr(Reindexer, "QUIET", 0.05)
    reindexer = Reindexer(tmp_path, threading.Lock(), lambda: 1, lines.append, lambda: object())  # type: ignore[arg-type,return-value]
    reindexer.start()
    try:
        reindexer.request(1)
        assert started.wait(10)
        reindexer.give_way()  # an edit comes: the run stops ...
        reindexer.request(1)  # ... and once it is made, the index is asked for again
        deadline = time.monotonic() + 10
        while not lines and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        reindexer.stop()
    assert len(runs) == 2
    assert len(lines) == 1 and lines[0].startswith("search index updated")  # no "not updated" for the run that gave way
