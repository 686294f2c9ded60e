"""A serve left running rebuilds when the date moves on (serve/loop.py DevSession.new_day),
so the days an open case has been open stay right; the clock is set by the test."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator import clock
from generator.build import BuildOptions
from generator.serve.loop import DevSession
from tests.conftest import write_tree

SITE = {
    "site.yaml": 'title: "Archief"\nlanguage: en\n',
    "content/stories/2026-01-01-modem.md": (
        "---\ntitle: Modem\ncompany: Glasnet\ndate: 2026-01-01\noutcome: open\napology: 'no'\n"
        "incident: 2026-01-01\n---\nDe modem doet het niet.\n"),
}


def _days_open(out: Path) -> str:
    page = (out / "stories" / "modem" / "index.html").read_text(encoding="utf-8")
    return " ".join(sorted(set(re.findall(r"\b(\d+) days?\b", page))))


def test_a_new_day_rebuilds_and_the_same_day_does_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    days = [date(2026, 1, 11)]
    monkeypatch.setattr(clock, "today", lambda: days[0])
    site, out = write_tree(tmp_path / "site", SITE), tmp_path / "out"
    session = DevSession(site, out, host="127.0.0.1", port=0, options=BuildOptions(search=False),
                         report=lambda _line: None)
    try:
        session.build()
        assert session.full_builds == 1
        before = _days_open(out)
        assert "10" in before.split()

        assert session.new_day() is False  # the same day: nothing to do
        assert session.full_builds == 1

        days[0] = date(2026, 1, 12)  # midnight passed
        assert session.new_day() is True
        assert session.full_builds == 2
        assert "11" in _days_open(out).split()
        assert session.new_day() is False
    finally:
        session.server.server_close()  # the watcher, reindexer and day thread were never started


def test_the_day_thread_checks_until_the_session_closes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_tree(tmp_path / "site", SITE)
    session = DevSession(site, tmp_path / "out", host="127.0.0.1", port=0, options=BuildOptions(search=False),
                         report=lambda _line: None, today=lambda: date(2026, 1, 11))
    looks: list[int] = []

    def look() -> bool:
        looks.append(1)
        if len(looks) == 3:
            session._closing.set()
        return False

    monkeypatch.setattr(session, "new_day", look)
    monkeypatch.setattr(session, "DAY_CHECK", 0)  # no waiting for real
    session._watch_days()
    assert len(looks) == 3
    session.server.server_close()
