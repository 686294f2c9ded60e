"""After any sequence of edits of any kind, an incremental build (the cache of the last
build into the same output) writes exactly what a cold build of the same files writes."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from benchmarks.edits import KINDS, edit
from generator.build import BuildOptions, build_site
from generator.diagnostics import BuildError
from generator.fast import speed
from tests.conftest import tree_bytes

EDITS = 22


def _cold(site: Path, out: Path) -> dict[str, bytes] | str:
    shutil.rmtree(out, ignore_errors=True)
    try:
        build_site(site, out, BuildOptions(search=False))
    except BuildError as error:
        return "\n".join(map(str, error.diagnostics))
    return tree_bytes(out)


def _incremental(site: Path, out: Path, cache: Path) -> dict[str, bytes] | str:
    try:
        build_site(site, out, BuildOptions(search=False), speed=speed(jobs=1, cache_dir=cache))
    except BuildError as error:
        return "\n".join(map(str, error.diagnostics))
    return tree_bytes(out)


def _differences(got: dict[str, bytes] | str, want: dict[str, bytes] | str) -> list[str]:
    if isinstance(got, str) or isinstance(want, str):
        return [] if got == want else [f"incremental: {got if isinstance(got, str) else 'built'}; "
                                       f"cold: {want if isinstance(want, str) else 'built'}"]
    return sorted({*got, *want} - {name for name in got.keys() & want.keys() if got[name] == want[name]})


@pytest.mark.slow
@pytest.mark.parametrize("seed", [7])
def test_random_edits_build_what_a_cold_build_builds(tmp_path: Path, seed: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: both builds on one day
    site, out, cache, cold = tmp_path / "site", tmp_path / "out", tmp_path / "cache", tmp_path / "cold"
    write_corpus(site, stories=16, companies=4, seed=seed)
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8")
                                    + "pagination: {per_page: 5}\nfeeds: {limit: 6}\n", encoding="utf-8")
    rng = random.Random(seed)
    _incremental(site, out, cache)
    done = []
    for step in range(EDITS):
        kind = KINDS[step] if step < len(KINDS) else rng.choice(KINDS)
        done.append(edit(site, kind, rng))
        got, want = _incremental(site, out, cache), _cold(site, cold)
        assert not _differences(got, want), f"after {done}: {_differences(got, want)[:10]}"
