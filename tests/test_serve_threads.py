"""`serve` makes every build in the thread that runs the session (serve/loop.py): the
watcher and the day thread hand theirs over. In the CLI that is the main thread, the one
where a theme's page is held to its time and memory limits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.build import BuildOptions
from generator.serve.loop import DevSession
from tests.conftest import REPO, free_port, http_get, write_tree

STORY = ("---\ntitle: Modem\ncompany: Glasnet\ndate: 2026-01-01\noutcome: open\napology: 'no'\n"
         "incident: 2026-01-01\n---\nDe modem doet het niet.\n")
SITE = {"site.yaml": 'title: "Archief"\nlanguage: en\n', "content/stories/2026-01-01-modem.md": STORY}


def test_a_build_asked_for_by_another_thread_is_made_in_the_session_s_thread(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_tree(tmp_path / "site", SITE)
    session = DevSession(site, tmp_path / "out", host="127.0.0.1", port=0, options=BuildOptions(search=False),
                         report=lambda _line: None)
    built_in: list[str] = []
    real = session._build

    def recorded(changed: set[Path] | None = None) -> object:
        built_in.append(threading.current_thread().name)
        return real(changed)

    monkeypatch.setattr(session, "_build", recorded)
    runner = threading.Thread(target=session.run, name="the-session", daemon=True)
    runner.start()
    try:
        deadline = time.monotonic() + 30
        while not built_in and time.monotonic() < deadline:
            time.sleep(0.05)
        asker = threading.Thread(target=session.build, name="the-watcher")  # as the watcher does on an edit
        asker.start()
        asker.join(timeout=30)
        assert not asker.is_alive()
        assert built_in == ["the-session", "the-session"]  # the first build and the one asked for
    finally:
        session.close()
        runner.join(timeout=10)
    assert not runner.is_alive()


def _served(port: int) -> bool:
    try:
        return http_get(port, "/")[0] == 200
    except OSError:
        return False


def test_a_template_edited_to_take_the_memory_fails_the_rebuild_and_serve_goes_on(tmp_path: Path) -> None:
    home = (REPO / "themes" / "default" / "home.html").read_text(encoding="utf-8")
    site = write_tree(tmp_path / "site", {**SITE, "site.yaml": 'title: "Archief"\nlanguage: en\ntheme: eigen\n',
                                          "themes/eigen/home.html": home})
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1767225600"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(site), "--port", str(port), "--out",
                                str(tmp_path / "out")], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not ((tmp_path / "out" / "index.html").exists() and _served(port)):
            # the first build written, and served (a page may answer 503 while it is swapped in)
            time.sleep(0.1)
        assert http_get(port, "/")[0] == 200
        # In the watcher's thread nothing held this page: it asked for 3 GB (and more for the file).
        (site / "themes/eigen/home.html").write_text(
            home.replace("{% block main %}", "{% block main %}{{ 'a' * 3000000000 }}", 1), encoding="utf-8")
        deadline = time.monotonic() + 30
        error = b""
        while time.monotonic() < deadline and b"needs more than 1 GB" not in error:
            time.sleep(0.2)
            error = http_get(port, "/__grievance__/error")[1]
        assert b"themes/eigen/home.html:4: " in error and b"needs more than 1 GB of memory to render" in error, error
        assert http_get(port, "/")[0] == 200  # the last good build is still served
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 0 and "Traceback" not in err, err
