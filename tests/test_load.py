"""Load on `grievance serve`: 2,000 requests, 20 at a time, all answered as expected, and
the server's open file descriptors back to a small bound afterwards (no leak per request).
"""

from __future__ import annotations

import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.test_faults import get, serve  # noqa: F401 - `serve` is a fixture

REQUESTS = 2000
CONCURRENCY = 20
PATHS = [("", 200), ("stories/a/", 200), ("stories/b/", 200), ("assets/style.css", 200), ("feed.xml", 200),
         ("stories/a", 301), ("no/such/page/", 404), ("../../../etc/passwd", 404), ("%2e%2e/%2e%2e/etc/passwd", 404)]


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc to count file descriptors")
def test_two_thousand_requests_twenty_at_a_time_without_leaking(
        serve: tuple[subprocess.Popen[str], str, Path]) -> None:  # noqa: F811
    server, url, _site = serve
    for path, status in PATHS:  # warm up: lazy imports, caches, the first rebuild
        assert get(url, path) == status, path
    time.sleep(0.5)
    before = _fds(server.pid)

    def one(number: int) -> tuple[str, int, int]:
        path, status = PATHS[number % len(PATHS)]
        return path, status, get(url, path)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        results = list(pool.map(one, range(REQUESTS)))
    seconds = time.monotonic() - started
    wrong = [(path, expected, got) for path, expected, got in results if got != expected]
    assert wrong == []
    assert len(results) == REQUESTS
    assert server.poll() is None
    deadline = time.monotonic() + 5
    while _fds(server.pid) > before + 5 and time.monotonic() < deadline:  # threads finish closing sockets
        time.sleep(0.1)
    assert _fds(server.pid) <= before + 5, (before, _fds(server.pid))
    assert seconds < 60
