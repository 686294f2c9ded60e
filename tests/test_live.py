"""serve's edits (fast/served.py): after an edit of story files only the files whose keys
changed are rendered and written in place, and the output is byte for byte a cold build's;
any other change is a full build."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from benchmarks.edits import KINDS, STORY_KINDS, edit
from generator.build import BuildOptions, build_site
from generator.diagnostics import BuildError
from generator.fast import served, speed
from generator.fast.served import ServedSite
from tests.conftest import REPO, tree_bytes

SITE = REPO / "tests" / "sites" / "nl"
STORY = "content/stories/2015/2015-03-12-acht-dagen-zonder-internet.md"
OPTIONS = BuildOptions(search=False)


def _full(site: Path, out: Path, cache: Path) -> ServedSite:
    """A full build as serve makes one (with the cache), kept for the edits after it."""
    built = build_site(site, out, OPTIONS, speed=speed(jobs=1, cache_dir=cache))
    kept = served(cache)(site, out, built)
    assert kept is not None
    return kept


def _cold(site: Path, out: Path) -> dict[str, bytes] | str:
    shutil.rmtree(out, ignore_errors=True)
    try:
        build_site(site, out, OPTIONS)
    except BuildError as error:
        return "\n".join(map(str, error.diagnostics))
    return tree_bytes(out)


def _files(site: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}


def _changed(before: dict[Path, bytes], after: dict[Path, bytes]) -> set[Path]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _differences(got: dict[str, bytes], want: dict[str, bytes] | str) -> list[str]:
    if isinstance(want, str):
        return [f"the cold build failed: {want}"]
    return sorted({*got, *want} - {name for name in got.keys() & want.keys() if got[name] == want[name]})


@pytest.fixture
def nl_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    return site


def test_text_edit_rewrites_the_story_page_and_its_feeds_exactly_as_a_full_build(nl_site: Path, tmp_path: Path) -> None:
    live = _full(nl_site, tmp_path / "out", tmp_path / "cache")
    story = nl_site / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nEen nieuwe zin onderaan.\n", encoding="utf-8")

    updated = live.update({story})
    assert updated is not None
    _, files = updated
    assert "stories/acht-dagen-zonder-internet/index.html" in files
    assert "feed.xml" in files and "companies/glasnet/atom.xml" in files
    assert "index.html" not in files  # listings show the summary, which did not change
    assert tree_bytes(tmp_path / "out") == _cold(nl_site, tmp_path / "reference")


def test_an_outcome_change_rewrites_the_listings_and_figures_that_show_it(nl_site: Path, tmp_path: Path) -> None:
    live = _full(nl_site, tmp_path / "out", tmp_path / "cache")
    story = nl_site / STORY
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("outcome: resolved", "outcome: open").replace("resolved: 2015-02-28\n", ""),
                     encoding="utf-8")

    shown: list[dict[str, bytes]] = []
    updated = live.update({story}, shown.append)
    assert updated is not None
    _, files = updated
    # The story's own page first (serve reloads it at once), then what else shows the outcome.
    assert [sorted(first) for first in shown] == [["stories/acht-dagen-zonder-internet/card.png",
                                                    "stories/acht-dagen-zonder-internet/index.html"]]
    assert "stories/acht-dagen-zonder-internet/index.html" not in files  # not rendered twice
    assert "companies/glasnet/index.html" in files  # the company's record: one case fewer resolved
    assert len(files) < len(tree_bytes(tmp_path / "out")) / 2
    reference = _cold(nl_site, tmp_path / "reference")
    assert tree_bytes(tmp_path / "out") == reference
    assert isinstance(reference, dict) and shown[0]["stories/acht-dagen-zonder-internet/index.html"] == \
        reference["stories/acht-dagen-zonder-internet/index.html"]


def test_changes_that_are_no_story_edit_need_a_full_build(nl_site: Path, tmp_path: Path) -> None:
    live = _full(nl_site, tmp_path / "out", tmp_path / "cache")
    story = nl_site / STORY
    text = story.read_text(encoding="utf-8")
    assert live.update({nl_site / "site.yaml"}) is None
    assert live.update({next((nl_site / "content" / "companies").glob("*.yaml"))}) is None
    story.write_text(text.replace("outcome: resolved", "outcome: maybe"), encoding="utf-8")
    assert live.update({story}) is None  # a story with a problem: the full build reports it
    story.write_text(text, encoding="utf-8")
    image = nl_site / "content" / "stories" / "2015" / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert live.update({image}) is None  # an image: the full build places and copies it
    assert live.update({story.parent}) is None  # a folder: its files may be new
    swap = story.with_name(f".{story.name}.swp")
    swap.write_bytes(b"editor state")
    assert live.update({swap, story.with_name(f"{story.name}~")}) == (live, {})  # no input of a build


def test_a_new_story_and_a_deleted_one_are_edits_too(nl_site: Path, tmp_path: Path) -> None:
    live = _full(nl_site, tmp_path / "out", tmp_path / "cache")
    story = nl_site / STORY
    new = nl_site / "content" / "stories" / "2016" / "2016-07-01-nog-een-storing.md"
    new.parent.mkdir(exist_ok=True)
    new.write_text(story.read_text(encoding="utf-8").replace("Acht dagen zonder internet", "Nog een storing")
                   .replace("date: 2015-03-12", "date: 2016-07-01"), encoding="utf-8")
    shown: list[dict[str, bytes]] = []
    updated = live.update({new}, shown.append)
    assert updated is not None and sorted(shown[0]) == ["stories/nog-een-storing/card.png",
                                                                     "stories/nog-een-storing/index.html"]
    assert tree_bytes(tmp_path / "out") == _cold(nl_site, tmp_path / "reference")

    story.unlink()
    shown.clear()
    again = updated[0].update({story}, shown.append)
    assert again is not None
    assert shown == [{"stories/acht-dagen-zonder-internet/card.png": b"",  # removed first
                      "stories/acht-dagen-zonder-internet/index.html": b""}]
    assert not (tmp_path / "out" / "stories" / "acht-dagen-zonder-internet").exists()
    assert tree_bytes(tmp_path / "out") == _cold(nl_site, tmp_path / "reference")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3])
def test_random_edits_in_serve_write_what_a_cold_build_writes(tmp_path: Path, seed: int,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of story edit is made in place; other edits are full builds in between,
    which start from what serve's edits left (the record serve saves when it settles)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site, out, cache, cold = tmp_path / "site", tmp_path / "out", tmp_path / "cache", tmp_path / "cold"
    write_corpus(site, stories=16, companies=4, seed=seed)
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8")
                                    + "pagination: {per_page: 5}\nfeeds: {limit: 6}\n", encoding="utf-8")
    rng = random.Random(seed)
    live = _full(site, out, cache)
    done: list[str] = []
    kinds = [*KINDS, *STORY_KINDS]  # every kind, then the story edits again after the full builds
    for kind in kinds:
        before = _files(site)
        done.append(edit(site, kind, rng))
        shown: list[dict[str, bytes]] = []
        quick = live.update(_changed(before, _files(site)), shown.append)
        if kind in STORY_KINDS:
            assert quick is not None, f"{done[-1]}: a full build"
        if quick is None:
            live = live.settle()
            live = _full(site, out, cache)
        else:
            live = quick[0]
        got, want = tree_bytes(out), _cold(site, cold)
        assert not _differences(got, want), f"after {done}: {_differences(got, want)[:10]}"
        assert isinstance(want, dict)
        for name, data in (first for files in shown for first in files.items()):  # shown first as built
            assert data == want.get(name, b""), f"after {done}: {name} shown first is not what a cold build writes"
