"""How often the importer's guesses match what a careful reader takes from a post: the
second set of invented posts, imported in-process (no subprocess) into a fresh site."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator.importer.run import import_sources
from tests.conftest import write_tree
from tests.import_corpus import HELD_OUT, HELD_OUT_COMPANIES, HELD_OUT_EXPECTED, NO_DATE_MTIME, SITE_YAML


def test_held_out_posts_get_company_outcome_apology_and_date_right(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **HELD_OUT_COMPANIES})
    posts = write_tree(tmp_path / "posts", dict(HELD_OUT))
    for name in HELD_OUT:
        os.utime(posts / name, (NO_DATE_MTIME, NO_DATE_MTIME))
    report = import_sources([posts], site)
    assert report.problems == [] and len(report.written) == len(HELD_OUT)
    got = {}
    for written in report.written:
        front = yaml.safe_load((site / written.path).read_text(encoding="utf-8").split("---\n")[1])
        got[front["source"].rsplit("/", 1)[-1]] = (front["company"], front["outcome"], front["apology"],
                                                   front["date"].isoformat())
    assert got == HELD_OUT_EXPECTED
    no_date = {HELD_OUT[name].split("\n", 1)[0] for name, (*_, day) in HELD_OUT_EXPECTED.items() if day == "2020-09-13"}
    assert {w.title for w in report.written if "date" in w.review} == no_date  # the file's date, to review
