"""The front-matter keys `grievance import` writes: `source` and `review`, and check's warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read.config import parse_config
from generator.read.story import parse_story
from tests.conftest import run_cli, write_tree

FRONT = "---\ntitle: Storing\ncompany: Glasnet\ndate: 2025-03-01\noutcome: open\napology: 'no'\n"


def _parse(extra: str) -> tuple[object, list[str]]:
    data = f"{FRONT}{extra}---\nTekst.\n".encode()
    story, problems = parse_story("content/stories/s.md", data, config=parse_config(None)[0])
    return story, [str(p) for p in problems]


@pytest.mark.parametrize("value", ["https://blog.glasnet-klant.example/2019/03/storing/",
                                   "../oud/blog/storing.txt", "imports/posts.xml#post-12", "oude posts/één.html"])
def test_source_accepts_a_url_or_a_relative_path(value: str) -> None:
    story, problems = _parse(f"source: \"{value}\"\n")
    assert problems == []
    assert story.origin == value  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["/home/piet/post.txt", "C:/posts/a.txt", "file:///tmp/a.txt",
                                   "javascript:alert(1)", "\\\\server\\share\\a.txt"])
def test_source_refuses_absolute_paths_and_other_schemes(value: str) -> None:
    _, problems = _parse(f"source: '{value}'\n")
    assert problems == [f"content/stories/s.md:7: source: expected an absolute http(s) URL or a path "
                        f"relative to the site, got '{value}'"]


def test_source_must_be_a_string() -> None:
    _, problems = _parse("source: [a, b]\n")
    assert problems == ["content/stories/s.md:7: source: expected an absolute http(s) URL or a path "
                        "relative to the site, got a list"]


def test_review_lists_known_keys_and_remembers_its_line() -> None:
    story, problems = _parse("tags: [x]\nreview: [company, outcome, apology, date]\n")
    assert problems == []
    assert story.review == ("company", "outcome", "apology", "date")  # type: ignore[attr-defined]
    assert story.review_line == 8  # type: ignore[attr-defined]


def test_review_refuses_an_unknown_key_with_a_hint() -> None:
    _, problems = _parse("review: [compnay]\n")
    assert len(problems) == 1
    assert problems[0].startswith("content/stories/s.md:7: review[1]: expected title, company, date, ")
    assert problems[0].endswith(" or draft, got 'compnay' (did you mean 'company'?)")


def test_check_warns_at_the_review_line_of_drafts_too_and_build_is_unaffected(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        "site.yaml": 'title: "T"\nbase_url: "https://klachten.example/"\n',
        "content/companies/glasnet.yaml": "name: Glasnet\n",
        "content/stories/2025-03-01-storing.md": f"{FRONT}draft: true\nreview: [company, outcome, apology]\n---\nTekst.\n",
        "content/stories/2025-03-02-klaar.md": FRONT.replace("open", "resolved") + "---\nTekst.\n",
    })
    checked = run_cli("check", site)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ("content/stories/2025-03-01-storing.md:8: warning: imported: confirm company, "
                              "outcome, apology, then delete 'review'\n")
    assert run_cli("check", "--strict", site).returncode == 1
    built = run_cli("build", "--strict", "--no-search", site)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
