"""A text edit's build SIGKILLed at random moments (output/patch.py): after every kill the
output is byte for byte the old site or the new one, never a mix, and the next build
ends in what a cold build writes. Real `grievance build` processes, with their cache, so
the edit goes the in-place way; half the trials keep a spare tree beside the output (as
a large site does), half make one for each edit (as a small site does)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from tests.conftest import REPO, tree_bytes

# `grievance build` with the size from which a spare is kept given first (0: always kept)
RUN = ("import sys; import generator.output.write as w; w.SPARE_FROM = int(sys.argv.pop(1)); "
       "from generator.cli import main; main(prog_name='grievance')")


def _build(site: Path, out: Path, env: dict[str, str], spare_from: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", RUN, str(spare_from), "build", str(site), "--out", str(out),
                             "--quiet"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finished(site: Path, out: Path, env: dict[str, str], spare_from: int) -> float:
    """A build run to its end -> its seconds."""
    started = time.monotonic()
    build = _build(site, out, env, spare_from)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 0, stderr.decode()
    return time.monotonic() - started


def _killed(site: Path, out: Path, env: dict[str, str], spare_from: int, after: float) -> bool:
    """A build SIGKILLed (its whole process group) `after` seconds in -> whether it was
    still running then."""
    build = _build(site, out, env, spare_from)
    try:
        build.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        return True
    finally:
        build.stderr.close()  # type: ignore[union-attr]


@pytest.mark.slow
def test_an_edit_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    write_corpus(site, stories=16, companies=3, seed=11)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(REPO),
           "GRIEVANCE_CACHE_DIR": str(tmp_path / "cache")}
    story = sorted((site / "content" / "stories").rglob("*.md"))[5]
    texts = [story.read_bytes(), story.read_bytes() + b"\nEen zin die later is toegevoegd, met kwartelkoning.\n"]

    story.write_bytes(texts[1])  # the new version's cold build: one of the two trees a kill may leave
    _finished(site, tmp_path / "reference", {**env, "GRIEVANCE_CACHE_DIR": str(tmp_path / "cold-cache")}, 0)
    new = tree_bytes(tmp_path / "reference")
    story.write_bytes(texts[0])
    _finished(site, out, env, 0)  # cold too, the cache empty
    trees = [tree_bytes(out), new]
    assert trees[0] != trees[1]
    story.write_bytes(texts[1])
    took = _finished(site, out, env, 0)  # an edit build, uninterrupted: the span kills are spread over
    assert tree_bytes(out) == trees[1]
    holds = 1  # the version the output holds

    rng = random.Random(31)
    kills = 0
    deadline = time.monotonic() + 10
    landed = []
    trial = 0
    while time.monotonic() < deadline or kills < 6:
        spare_from = 0 if trial % 2 == 0 else 1_000_000
        wanted = 1 - holds
        story.write_bytes(texts[wanted])
        late = trial % 3 == 2  # a third of the kills near the end, where the swap is
        kills += _killed(site, out, env, spare_from, rng.uniform(took * 0.6 if late else 0.05, took * 1.1))
        after = tree_bytes(out)
        assert after in (trees[holds], trees[wanted]), f"trial {trial}: a mix of the old and the new site"
        landed.append(after == trees[wanted])
        holds = 0 if after == trees[0] else 1
        if trial % 4 == 3:  # the build after a kill runs to its end: what a cold build writes
            _finished(site, out, env, spare_from)
            assert tree_bytes(out) == trees[wanted]
            holds = wanted
        trial += 1
        if trial > 60:
            break
    story.write_bytes(texts[1 - holds])
    _finished(site, out, env, 0)
    assert tree_bytes(out) == trees[1 - holds]
    assert kills >= 6
    print(f'{trial} trials, {kills} killed, {sum(landed)} left the new site')
