"""Property-based tests: no input, however broken, costs a traceback or a silent loss.

The front-matter reader gets arbitrary bytes, arbitrary text, text between fences,
valid stories mutated line by line (insert, delete, duplicate, swap, replace a value)
and front-matter built from random keys and values. Every input must give exactly
one of: a Story and no diagnostics, or no Story and diagnostics that each name the file
and a line inside it. Whole sites made of such stories go through check and build:
they either build, or fail with BuildError whose every diagnostic names a file of the
site and a line (or, for cross-file errors such as duplicate slugs, names both files).

Run with `--hypothesis-show-statistics` to see the example counts.
"""

from __future__ import annotations

import re
import resource
import string
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.build import BuildOptions, build_site, check_site
from generator.read import markdown
from generator.read.config import parse_config
from generator.diagnostics import BuildError, Diagnostic
from generator.read.story import parse_story
from generator.model import Story
from generator.read.schema import STORY_FIELDS
from generator.output.write import OutputError
from tests.conftest import run_cli

CONFIG, _ = parse_config(None)
PATH = "content/stories/2015-03-12-acht-dagen.md"
FAST = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VALID = """\
---
title: "Acht dagen zonder internet"
company: Fiber
date: 2014-03-12
outcome: resolved
apology: no
incident: 2014-02-20
resolved: 2014-02-28
channels: [twitter, phone]
compensation: {amount: 6, currency: EUR, note: korting}
tags: [glasvezel, aansluiting]
timeline:
  - date: 2014-02-20
    by: company
    via: phone
    text: "Aansluiting niet opgeleverd."
  - date: 2014-02-25
    text: "Monteur kwam niet."
updates:
  - date: 2014-03-20
    text: "Zes euro korting. **Geen** excuses."
slug: acht-dagen
draft: false
---
Acht dagen *zonder* internet.

| a | b |
|---|---|
| 1 | 2 |
"""
VALID_LINES = VALID.split("\n")

FIELD_NAMES = [spec.name for spec in STORY_FIELDS]
FRAGMENTS = [
    "---", "", "  ", "\t", "title:", "- ", "  - date: 2014-02-21", "    text: x", "? a", ": b", "&a x", "*a",
    "!!binary AAAA", "!!python/name:os.system", "<<: {a: 1}", "date: 2014-02-30", "apology: maybe",
    "outcome: [open]", "key: 'unclosed", 'key: "unclosed', "{", "[", "]]>", "<script>alert(1)</script>",
    "\ufeff---", "%YAML 1.1", "--- !!map", "...", "title: |", "  block", "\x85", "\u2028", "\x7f", "\x0c",
]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.dates(min_value=date(1, 1, 1)), st.sampled_from(["yes", "no", "partial", "open", "resolved", "gave-up",
                                                        "phone", "EUR", "2014-02-30", "0000-00-00", "1e400", "-1"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=4)),
    max_leaves=6)
keys = st.sampled_from(FIELD_NAMES) | st.text(string.ascii_letters + "_-", min_size=1, max_size=12)
lines = st.sampled_from(FRAGMENTS) | st.text(max_size=40).map(lambda s: s.replace("\n", " "))


def assert_well_formed(data: bytes, story: Story | None, problems: list[Diagnostic], path: str = PATH) -> None:
    """The contract of parse_story on any input."""
    assert (story is None) == bool(problems), (story, problems)
    line_count = data.count(b"\n") + data.count(b"\r") + 1
    for problem in problems:
        assert problem.path == path
        assert isinstance(problem.line, int) and 1 <= problem.line <= line_count, (str(problem), line_count)
        assert "\n" not in str(problem), str(problem)
    if story is not None:
        assert story.source == path and story.slug and story.title.strip()


def parse(data: bytes) -> tuple[Story | None, list[Diagnostic]]:
    story, problems = parse_story(PATH, data, config=CONFIG)
    assert_well_formed(data, story, problems)
    return story, problems


def test_the_valid_story_parses() -> None:
    story, problems = parse(VALID.encode())
    assert problems == [] and story is not None and story.slug == "acht-dagen"


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    parse(data)


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_between_fences(data: bytes) -> None:
    parse(b"---\n" + data + b"\n---\nbody\n")


@FAST
@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    parse(text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.text(max_size=400), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_arbitrary_text_between_fences(text: str, newline: str, bom: bool) -> None:
    data = ("---\n" + text + "\n---\nbody\n").replace("\n", newline)
    parse((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8", "surrogatepass"))


mutation = st.tuples(st.sampled_from(["insert", "delete", "duplicate", "swap", "replace-value"]),
                     st.integers(0, len(VALID_LINES) - 1), st.integers(0, len(VALID_LINES) - 1), lines)


def mutate(source: list[str], steps: list[tuple[str, int, int, str]]) -> list[str]:
    out = list(source)
    for kind, i, j, text in steps:
        i, j = i % max(len(out), 1), j % max(len(out), 1)
        if kind == "insert":
            out.insert(i, text)
        elif not out:
            continue
        elif kind == "delete":
            del out[i]
        elif kind == "duplicate":
            out.insert(i, out[i])
        elif kind == "swap":
            out[i], out[j] = out[j], out[i]
        elif ":" in out[i]:
            out[i] = out[i].split(":", 1)[0] + ": " + text
    return out


@FAST
@given(st.lists(mutation, min_size=1, max_size=6))
def test_mutated_valid_story(steps: list[tuple[str, int, int, str]]) -> None:
    parse("\n".join(mutate(VALID_LINES, steps)).encode("utf-8", "surrogatepass"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, values, max_size=10))
def test_random_keys_and_values(front: dict[str, object]) -> None:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    parse(f"---\n{text}---\nbody\n".encode("utf-8", "surrogatepass"))


@FAST
@given(st.lists(st.tuples(keys, st.sampled_from(FRAGMENTS) | st.text(max_size=20)), max_size=12))
def test_random_raw_front_matter_lines(pairs: list[tuple[str, str]]) -> None:
    body = "\n".join(f"{key}: {value}" for key, value in pairs)
    parse(f"---\n{body}\n---\n".encode("utf-8", "surrogatepass"))


story_bytes = st.one_of(
    st.lists(mutation, max_size=4).map(lambda steps: "\n".join(mutate(VALID_LINES, steps)).encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.dictionaries(keys, values, max_size=10).map(
        lambda d: f"---\n{yaml.safe_dump(d, allow_unicode=True)}---\n".encode("utf-8", "surrogatepass")),
)
file_names = st.sampled_from(["a.md", "b.md", "2015/a.md", "2016/2016-01-01-a.md", "Één dag.md", "x.markdown",
                              "2015-01-01-!!!.md", "deep/er/c.md"])
site_files = st.dictionaries(file_names, story_bytes, min_size=1, max_size=5)
company_files = st.dictionaries(st.sampled_from(["fiber.yaml", "x.yml", "kpn.yaml"]),
                                st.sampled_from([b"name: Fiber\n", b"name: KPN\naliases: [fiber]\n", b"- x\n",
                                                 b"\x00", b"name: [1]\n", b"name: X\nparent: x\n", b""]), max_size=3)


def _write_site(root: Path, stories: dict[str, bytes], companies: dict[str, bytes]) -> set[str]:
    written = set()
    for folder, files in (("content/stories", stories), ("content/companies", companies)):
        for name, data in files.items():
            path = root / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.add(f"{folder}/{name}")
    (root / "site.yaml").write_text("base_url: https://example.org/\n", encoding="utf-8")  # no localhost warning
    return written


def _assert_build_error(error: BuildError, files: set[str]) -> None:
    assert error.diagnostics
    for problem in error.diagnostics:
        assert problem.path in files, str(problem)
        if problem.line is None:  # cross-file: names the other file
            assert any(other in problem.message for other in files - {problem.path}), str(problem)
        else:
            assert problem.line >= 1


@SLOW
@given(site_files, company_files)
def test_check_on_generated_sites(stories: dict[str, bytes], companies: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = _write_site(Path(folder), stories, companies)
        try:
            check_site(Path(folder), BuildOptions(drafts=True))
        except BuildError as error:
            _assert_build_error(error, files)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(site_files, company_files, st.booleans())
def test_build_on_generated_sites(stories: dict[str, bytes], companies: dict[str, bytes], allow_html: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        files = _write_site(site, stories, companies)
        (site / "site.yaml").write_text(f"base_url: https://example.org/\nmarkdown: {{allow_html: {str(allow_html).lower()}}}\n",
                                        encoding="utf-8")
        out = Path(folder) / "out"
        try:
            checked = check_site(site, BuildOptions(drafts=True))
            result = build_site(site, out, BuildOptions(drafts=True)).result
        except BuildError as error:
            _assert_build_error(error, files)
            assert not out.exists()
        except OutputError as error:  # pragma: no cover - a fresh temp folder is always writable
            raise AssertionError(str(error)) from error
        else:
            assert (out / "index.html").is_file() and result.stories == len(checked.site.stories)
            for story in checked.site.stories:
                assert (out / "stories" / story.slug / "index.html").is_file(), story.source
        assert sorted(p.name for p in Path(folder).iterdir()) in (["out", "site"], ["site"])


# Hostile text in every text field, through the CLI in a subprocess: control characters,
# deep nesting and Markdown that is pathological for markdown-it.rs never give a
# traceback, a crash (a signal) or a run over 10 s; each gives a build or `path:line:` errors.
CONTROL_CHARACTERS = [chr(c) for c in [*range(0x20), 0x7f, 0x85, 0x2028, 0x2029, 0xfffe, 0xffff]]
PATHOLOGICAL = ["[^", "^[", "^[a", "[", "]", "](", "![", "- ", "> ", "1. ", "* ", "  - ", "[a]: b\n", "[\n", "*",
                "_", "`", "<", "\\", "|a", "~~", "&#", "\n", " ", "[^1]", "[^1]: x\n", "a"]
repeated = st.tuples(st.sampled_from(PATHOLOGICAL), st.integers(1, 60_000)).map(
    lambda pair: pair[0] * min(pair[1], 200_000 // len(pair[0])))
hostile_text = st.one_of(
    st.text(st.sampled_from([*CONTROL_CHARACTERS, "a", " ", "[", "^", ">", "-", "*", "\n"]), max_size=60),
    repeated,
    st.lists(repeated | st.text(max_size=20), min_size=2, max_size=4).map("".join),
)
TEXT_FIELDS = ["title", "company", "summary", "author", "tag", "timeline", "update", "note", "body",
               "company name", "alias", "sector", "description", "site title"]


def _hostile_site(root: Path, texts: dict[str, str]) -> None:
    def get(name: str, default: str) -> str:
        return texts.get(name, default)

    front = {
        "title": get("title", "Storing") or "x", "company": get("company", "Glasnet") or "x", "date": date(2015, 1, 1),
        "outcome": "open", "apology": "no", "summary": get("summary", "Kort"), "author": get("author", "Ik"),
        "tags": [get("tag", "glasvezel")], "compensation": {"amount": 6, "note": get("note", "bon")},
        "timeline": [{"date": date(2015, 1, 1), "text": get("timeline", "Gebeld") or "x"}],
        "updates": [{"date": date(2015, 1, 2), "text": get("update", "Later") or "x"}],
    }
    company = {"name": get("company name", "Glasnet") or "x", "aliases": [get("alias", "glas")],
               "sector": get("sector", "telecom"), "description": get("description", "Over ons")}
    files = {
        "site.yaml": yaml.safe_dump({"title": get("site title", "Klachten")}, allow_unicode=True),
        "content/companies/glasnet.yaml": yaml.safe_dump(company, allow_unicode=True),
        "content/stories/a.md": f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{get('body', 'Tekst.')}\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.dictionaries(st.sampled_from(TEXT_FIELDS), hostile_text, min_size=1, max_size=4))
def test_hostile_text_in_any_field_never_crashes_or_hangs_the_cli(texts: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site, out = Path(folder) / "site", Path(folder) / "out"
        _hostile_site(site, texts)
        # CPU seconds of the build, not the wall clock: a busy machine (tests in parallel)
        # slows every process, while a runaway loop spends the CPU itself
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = run_cli("build", site, "--out", out, "--no-search", "--jobs", "1", timeout=30)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        assert spent < 10, f"{spent:.1f} s of CPU for {sorted(texts)}"
        assert done.returncode in (0, 1), done.stderr[-2000:]  # a signal is negative
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr[-2000:]
        if done.returncode == 0:
            assert (out / "index.html").is_file()
        else:
            problems = done.stderr.splitlines()[:-1]
            assert problems and not out.exists()
            assert all(re.match(r"(site\.yaml|content/[^:]+)(:\d+)?: ", line) for line in problems), problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_text, hostile_text, hostile_text)
@example(body="", event="", news=" \n\n\n\n\n" + "- " * 101)  # a quoted value's "\n"s are not lines of the file
def test_hostile_markdown_in_a_story_gives_a_story_or_lines_inside_the_file(body: str, event: str, news: str) -> None:
    front = yaml.safe_dump({"title": "A", "company": "Glasnet", "date": date(2015, 1, 1), "outcome": "open",
                            "apology": "no", "timeline": [{"date": date(2015, 1, 1), "text": event or "x"}],
                            "updates": [{"date": date(2015, 1, 2), "text": news or "x"}]}, allow_unicode=True)
    started = time.perf_counter()
    parse(f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass"))
    # The file's texts share one budget in the renderer's child processes (not one each).
    assert time.perf_counter() - started < markdown.TIME_LIMIT + markdown.TIME_PER_MB * len(body + event + news) / 1e6 + 2
