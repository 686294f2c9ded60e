"""serve's incremental path: a text-only edit re-renders exactly what a full build would."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import BuildOptions, build_site
from generator.fast.edits import ServedSite, quick_update
from tests.conftest import REPO, tree_bytes

SITE = REPO / "tests" / "sites" / "nl"
STORY = "content/stories/2015/2015-03-12-acht-dagen-zonder-internet.md"
OPTIONS = BuildOptions(search=False)


def _kept(site: Path, out: Path) -> ServedSite:
    built = build_site(site, out, OPTIONS)
    assert built.site is not None
    return ServedSite.of(site, out, built.site)


def test_text_edit_rewrites_the_story_page_and_its_feeds_exactly_as_a_full_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    live = _kept(site, tmp_path / "out")
    story = site / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\nEen nieuwe zin onderaan.\n", encoding="utf-8")

    updated = quick_update(live, {story})
    assert updated is not None
    _, files = updated
    assert "stories/acht-dagen-zonder-internet/index.html" in files
    assert "feed.xml" in files and "companies/glasnet/atom.xml" in files
    assert "index.html" not in files  # listings show the summary, which did not change

    _kept(site, tmp_path / "reference")
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "reference")


def test_front_matter_edits_and_new_files_need_a_full_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    live = _kept(site, tmp_path / "out")
    story = site / STORY
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("outcome: resolved", "outcome: open").replace("resolved: 2015-02-28\n", ""),
                     encoding="utf-8")
    assert quick_update(live, {story}) is None
    story.write_text(text.replace("Acht dagen lang", "Acht lange dagen"), encoding="utf-8")  # the summary
    assert quick_update(live, {story}) is None
    new = site / "content" / "stories" / "2016-07-01-nieuw.md"
    new.write_text(text, encoding="utf-8")
    assert quick_update(live, {new}) is None
    assert quick_update(live, {site / "site.yaml"}) is None
