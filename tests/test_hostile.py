"""Hostile input end to end (`python -m generator`): no text, name or file makes the
build crash, hang or merge different things; each gives a one-line `path:line:` message.
Classes (issue 16): Markdown the renderer cannot take, linear regular expressions,
internal errors turned into messages, different names on one URL, per-story caps, and
`check` finding what stops `build`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.read.config import parse_config
from generator.read.story import parse_story
from generator.site.lint import _LINK
from generator.site.privacy import find_personal_data
from tests.conftest import run_cli, write_tree

COMPANY = "content/companies/glasnet.yaml"
DEEP = "lists and quotes nested more than 100 levels deep"


def story(extra: str = "", *, title: str = "Storing", company: str = "Glasnet", body: str = "Tekst.\n") -> str:
    """Front-matter lines: 2 title, 3 company, 4 date, 5 outcome, 6 apology, 7+ extra."""
    return (f"---\ntitle: {title}\ncompany: {company}\ndate: 2015-01-01\noutcome: unresolved\n"
            f"apology: 'no'\n{extra}---\n{body}")


def _errors(done) -> list[str]:  # noqa: ANN001
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return [line for line in done.stderr.splitlines()[:-1] if ": warning: " not in line]


def test_hostile_markdown_in_every_text_field_is_one_message_each(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        COMPANY: "name: Glasnet\ndescription: |\n  Over ons.\n\n  " + "- " * 50_000 + "x\n",
        "content/stories/body.md": story(body="Eerst.\n\n" + "> " * 50_000 + "x\n"),
        "content/stories/timeline.md": story(
            'timeline:\n  - date: 2015-01-01\n    text: "' + "1. " * 50_000 + 'x"\n'),
        "content/stories/updates.md": story(
            'updates:\n  - date: 2015-01-02\n    text: ok\n  - date: 2015-01-03\n    text: "' + "* " * 300 + 'x"\n'),
        "content/stories/footnotes.md": story(body="[^" * 40 + "\n\n" + "^[a" * 1000 + "\n"),
    })
    started = time.perf_counter()
    done = run_cli("build", site, "--out", tmp_path / "out", timeout=60)
    assert time.perf_counter() - started < 30
    assert done.returncode == 1
    assert _errors(done) == [
        f"{COMPANY}:4: description: {DEEP}",
        f"content/stories/body.md:10: body: {DEEP}",
        f"content/stories/timeline.md:9: timeline[1].text: {DEEP}",
        f"content/stories/updates.md:11: updates[2].text: {DEEP}",
    ]
    assert not (tmp_path / "out").exists()


def test_a_hostile_story_among_many_under_two_jobs_is_a_message_not_a_dead_pool(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {COMPANY: "name: Glasnet\n"}
    for number in range(240):
        files[f"content/stories/s{number:03}.md"] = story(title=f"Storing {number}")
    files["content/stories/s100.md"] = story(body="- " * 50_000 + "x\n")
    files["content/stories/s200.md"] = story(body="[^" * 60 + "\n")
    site = write_tree(tmp_path / "site", files)
    done = run_cli("build", site, "--out", tmp_path / "out", "--jobs", "2", "--no-search", timeout=120)
    assert "BrokenProcessPool" not in done.stderr
    assert _errors(done) == [f"content/stories/s100.md:8: body: {DEEP}"]
    files["content/stories/s100.md"] = story()
    write_tree(site, files)
    done = run_cli("build", site, "--out", tmp_path / "out", "--jobs", "2", "--no-search", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "[^[^[^" in (tmp_path / "out/stories/s200/index.html").read_text(encoding="utf-8")


# Class 2: every regular expression over user text is linear. Each of these took
# minutes (quadratic) before; a linear pass takes well under a second.
HOSTILE_TEXTS = {
    "lines starting with [": "[\n" * 300_000,
    "labels without a close": "[a\n" * 300_000,
    "a definition's blanks": "[x]:" + " " * 300_000,
    "autolinks without a close": "<http://" * 100_000,
    "postcodes": "1234 AB, 5 " * 30_000,
    "e-mail addresses": "a@b.nl " * 60_000,
    "links to unknown stories": "[a](/stories/nope/)\n" * 50_000,
}


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_link_and_privacy_lint_are_linear(text: str) -> None:
    started = time.perf_counter()
    list(_LINK.finditer(text))
    find_personal_data(text)
    assert time.perf_counter() - started < 3


def test_lint_still_finds_each_link_and_its_line() -> None:
    text = "[a](/stories/een/)\n  [b]: /stories/twee/\n[c]:\n  /stories/drie/\n<https://x.nl/stories/vier/>\nhref='/stories/vijf/'"
    assert [next(g for g in m.groups() if g) for m in _LINK.finditer(text)] == [
        "/stories/een/", "/stories/twee/", "/stories/drie/", "https://x.nl/stories/vier/", "/stories/vijf/"]
    found = find_personal_data("mail a@b.nl\nof 1234 AB, 5\nof a@b.nl")
    assert [(f.line, f.kind) for f in found] == [(0, "email"), (1, "postcode"), (2, "email")]


def test_a_large_front_matter_list_is_read_in_linear_time() -> None:
    head = "---\ntitle: A\ncompany: X\ndate: 2015-01-01\noutcome: open\napology: 'no'\n"
    data = (head + "summary: \"\u2028\"\nchannels: [" + "phone, " * 20_000 + "]\n---\nB\n").encode()
    started = time.perf_counter()
    parse_story("content/stories/a.md", data, config=parse_config(None)[0])
    assert time.perf_counter() - started < 5


def test_check_with_300000_lines_starting_with_a_bracket_finishes(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n",
                                          "content/stories/a.md": story(body="[\n" * 300_000)})
    started = time.perf_counter()
    done = run_cli("check", site, timeout=60)
    assert (done.returncode, _errors(done)) == (0, [])
    assert time.perf_counter() - started < 30
