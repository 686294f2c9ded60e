"""Markdown -> safe HTML and plain-text summaries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.read import markdown
from generator.read.limits import MarkdownError, defuse
from generator.read.markdown import TIME_LIMIT, MarkdownRenderer, first_paragraph_of, render_inline, render_markdown, summary_of


@pytest.mark.parametrize("allow_html", [False, True])
def test_commonmark_tables_footnotes(allow_html: bool) -> None:
    html = render_markdown("# T\n\n*a* [^1]\n\n|x|y|\n|-:|-|\n|1|2|\n\n[^1]: note\n", allow_html=allow_html)
    assert "<h1>T</h1>" in html and "<em>a</em>" in html
    assert '<th style="text-align:right">x</th>' in html
    assert 'id="fn1"' in html and 'href="#fn1"' in html


@pytest.mark.parametrize(("text", "html"), [
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
    ('<a href="https://x.nl">x</a>', "<p>&lt;a href=&quot;https://x.nl&quot;&gt;x&lt;/a&gt;</p>\n"),
    ("[y](javascript:alert(1))", "<p>[y](javascript:alert(1))</p>\n"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
    ("[ok](https://x.nl)", '<p><a href="https://x.nl">ok</a></p>\n'),
])
def test_raw_html_is_escaped_by_default(text: str, html: str) -> None:
    assert render_markdown(text, allow_html=False) == html


@pytest.mark.parametrize(("text", "html"), [
    ("<script>alert(1)</script>\n\nok", "\n<p>ok</p>\n"),
    ('<a href="javascript:alert(1)" onclick="x">y</a>', '<p><a rel="noopener noreferrer">y</a></p>\n'),
    ("[y](javascript:alert(1))", "<p>[y](javascript:alert(1))</p>\n"),
    ("<b>bold</b>", "<p><b>bold</b></p>\n"),
    ('<img src="x.png" onerror="alert(1)">', '<img src="x.png">\n'),
])
def test_allowed_html_is_sanitised(text: str, html: str) -> None:
    assert render_markdown(text, allow_html=True) == html


@pytest.mark.parametrize(("allow_html", "html"), [
    (False, "<strong>a</strong> &lt;b&gt;x&lt;/b&gt;"),
    (True, "<strong>a</strong> <b>x</b>"),
])
def test_render_inline(allow_html: bool, html: str) -> None:
    assert render_inline("**a** <b>x</b>", allow_html=allow_html) == html


@pytest.mark.parametrize(("markdown", "text"), [
    ("Hello *world*\nagain.\n\nSecond.", "Hello world again."),
    ("# Title\n\nFirst `code` ![alt](x.png)[^1]\n\n[^1]: n", "First code alt"),
    ("> quoted\n\nTop level.", "Top level."),
    ("> only quoted", "only quoted"),
    ("<script>x</script> text", "<script>x</script> text"),
    ("", ""),
    ("# Only a heading", ""),
])
def test_first_paragraph_text(markdown: str, text: str) -> None:
    assert first_paragraph_of(render_markdown(markdown, allow_html=False)) == text


@pytest.mark.parametrize("text", ["a ^[", "x ^[é", "a ^[\n\nb]", "- a ^[\n- b]", "^[ and a note[^1]\n\n[^1]: n"])
def test_an_unclosed_inline_footnote_renders_as_text(text: str) -> None:
    # markdown-it.rs panics on these; the text is rendered with "^[" taken literally.
    html = render_markdown(text, allow_html=False)
    assert "^[" in html
    if "[^1]" in text:
        assert 'class="footnote-ref"' in html


def test_the_rust_panic_message_stays_off_stderr() -> None:
    # markdown-it.rs prints "thread ... panicked at ..." from Rust itself when it panics.
    script = (
        "import sys\n"
        "from generator.read.markdown import render_markdown\n"
        "print(render_markdown('a ^[', allow_html=False), end='')\n"
        "print('after', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout == "<p>a ^[</p>\n"
    assert done.stderr == "after\n"


def test_an_unclosed_footnote_renders_without_any_stderr_at_all() -> None:
    script = (
        "import os, sys\n"
        "os.close(2)\n"
        "from generator.read.markdown import render_markdown\n"
        "print(render_markdown('a ^[', allow_html=False), end='')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert (done.returncode, done.stdout) == (0, "<p>a ^[</p>\n")


LONG_SENTENCE = "Glasnet kwam niet opdagen en ook niet de dag erna en toen belde ik en belde ik nog eens"


@pytest.mark.parametrize(("markdown", "summary"), [
    ("Kort en goed.\n\nTweede alinea.", "Kort en goed."),
    # Paragraphs separated by single newlines: the first line after a sentence ends it.
    ("Eerste alinea van de post.\nTweede alinea, een heel nieuwe.\nDerde.", "Eerste alinea van de post."),
    ("Een zin die\ndoorloopt over twee regels.\nEn nog een.", "Een zin die doorloopt over twee regels."),
    # Too long: cut at the last sentence end that fits, then an ellipsis.
    ("Dit is de eerste zin van twaalf woorden, met wat meer woorden erin. " * 6,
     "Dit is de eerste zin van twaalf woorden, met wat meer woorden erin. " * 2
     + "Dit is de eerste zin van twaalf woorden, met wat meer woorden erin. …"),
    # No sentence end in reach: cut after the last whole word that fits, punctuation dropped.
    (", ".join([LONG_SENTENCE] * 5),
     ", ".join([LONG_SENTENCE] * 2) + ", Glasnet kwam…"),  # 19 + 19 + 2 words
    (" ".join(["woord"] * 41), " ".join(["woord"] * 40) + "…"),
    (" ".join(["woord"] * 40), " ".join(["woord"] * 40)),
    ("x" * 301, "x" * 298 + "…"),
])
def test_automatic_summary_is_short(markdown: str, summary: str) -> None:
    found = summary_of(render_markdown(markdown, allow_html=False))
    assert found == summary
    assert len(found) <= 300 and len(found.split()) <= 41


def test_a_5000_character_post_with_single_newlines_gets_a_short_summary() -> None:
    post = "\n".join(f"regel {n} van een lang verhaal zonder punt" for n in range(200))
    summary = summary_of(render_markdown(post, allow_html=False))
    assert len(post) > 5000 and len(summary) <= 300
    assert summary.startswith("regel 0 van een lang verhaal") and summary.endswith("…")


# Hostile Markdown: what markdown-it.rs cannot take is bounded before it renders
# (read/limits.py), rendered in a child process with a time limit, or refused.

@pytest.mark.parametrize(("text", "defused"), [
    ("[^" * 9, "\\[^" * 9),
    ("[^" * 9 + "]", "\\[^" * 8 + "[^]"),
    ("a ^[" * 9, "a ^\\[" * 9),
    ("".join(f"[^{n}] " for n in range(10)), "".join(f"[^{n}] " for n in range(10))),
    ("\\[^" * 5 + "[^" * 5, "\\[^" * 10),
    ("[^a [^b [^c", "[^a [^b [^c"),  # a few unclosed cost nothing: left as written
    ("[^[^[^", "\\[^\\[^\\[^"),  # but '^[' unclosed makes the renderer panic
    ("[ plain [ brackets", "[ plain [ brackets"),
])
def test_unclosed_brackets_beside_a_caret_are_escaped(text: str, defused: str) -> None:
    assert defuse(text) == defused


@pytest.mark.parametrize("text", [
    "[^" * 40, "[^" * 5000, "^[a" * 1000, "^[[" * 3000, "a ^[" * 2000, "[^" * 40 + "]", "![^" * 3000,
])
def test_exponential_footnote_patterns_render_quickly_as_text(text: str) -> None:
    started = time.perf_counter()
    html = render_markdown(text, allow_html=False)
    assert time.perf_counter() - started < TIME_LIMIT
    assert html.startswith("<p>") and ("^[" in html or "[^" in html)


DEEP = "lists and quotes nested more than 100 levels deep"


@pytest.mark.parametrize(("text", "line"), [
    ("- " * 50_000 + "x", 0),
    ("1. " * 50_000 + "x", 0),
    ("> " * 50_000 + "x", 0),
    (">" * 50_000 + "x", 0),
    ("> - " * 30_000 + "x", 0),
    ("ok\n\n" + "* " * 101 + "x", 2),
    ("a\n" + "".join("    " * i + "- x\n" for i in range(120)), 101),
])
def test_deep_nesting_is_refused_with_its_line(text: str, line: int) -> None:
    with pytest.raises(MarkdownError) as caught:
        render_markdown(text, allow_html=False)
    assert (caught.value.message, caught.value.line) == (DEEP, line)


@pytest.mark.parametrize("text", ["> " * 100 + "x", "- " * 60 + "x", "".join("  " * i + "- x\n" for i in range(90))])
def test_nesting_up_to_the_limit_still_renders(text: str) -> None:
    assert render_markdown(text, allow_html=False).count("<li>") + text.count(">") > 0


def test_too_many_reference_definitions_are_refused() -> None:
    with pytest.raises(MarkdownError) as caught:
        render_markdown("[a]: /b\n" * 10_000, allow_html=False)
    assert caught.value.message == "10,000 link reference definitions ('[label]: url' lines); at most 1,000"
    assert render_markdown("[a]: /b\n" * 900 + "\n[a]", allow_html=False) == '<p><a href="/b">a</a></p>\n'


def test_too_long_a_text_is_refused() -> None:
    with pytest.raises(MarkdownError) as caught:
        render_markdown("a" * 10_000_001, allow_html=False)
    assert caught.value.message == "10,000,001 characters of Markdown; at most 10,000,000"


def test_a_renderer_that_hangs_or_crashes_costs_the_text_not_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    # A text that is not tame renders in a child process; a hang or crash there is a MarkdownError.
    monkeypatch.setattr(markdown, "TIME_LIMIT", 0.5)
    monkeypatch.setattr(markdown, "_CHILD", "import time\ntime.sleep(30)\n")
    with pytest.raises(MarkdownError) as caught:
        render_markdown("x" * 20_001, allow_html=False)
    assert caught.value.message == ("the Markdown renderer took longer than 0.5 s on this text; "
                                    "simplify it (deeply nested or unclosed brackets, lists or quotes?)")
    monkeypatch.setattr(markdown, "_CHILD", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    with pytest.raises(MarkdownError) as caught:
        render_markdown("x" * 20_001, allow_html=False)
    assert caught.value.message == ("the Markdown renderer failed on this text (signal 11); "
                                    "simplify it (deeply nested or unclosed brackets, lists or quotes?)")


def test_a_files_texts_share_one_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five hostile texts in one story must not take five times the limit.
    monkeypatch.setattr(markdown, "TIME_LIMIT", 0.6)
    monkeypatch.setattr(markdown, "_CHILD", "import time\ntime.sleep(30)\n")
    renderer = MarkdownRenderer("content/stories/a.md", False, last_line=7)
    started = time.perf_counter()
    for number in range(5):
        assert renderer.block("x" * 20_001, line=2, key=f"updates[{number}].text") == ""
    assert time.perf_counter() - started < 0.6 + 0.5
    messages = [problem.message for problem in renderer.problems]
    hint = "(deeply nested or unclosed brackets, lists or quotes?)"
    assert messages == [f"the Markdown renderer took longer than 0.6 s on this text; simplify it {hint}"] + 4 * [
        f"the Markdown renderer took longer than 0.6 s on this file's texts together; simplify them {hint}"]
    assert all(problem.transient for problem in renderer.problems)


def test_a_slow_text_leaves_the_rest_of_the_budget_to_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "TIME_LIMIT", 3.0)
    monkeypatch.setattr(markdown, "_CHILD", "import sys, time\ntime.sleep(1)\nsys.stdout.write('<p>x</p>')\n")
    renderer = MarkdownRenderer("content/stories/a.md", False)
    assert [renderer.block("x" * 20_001, line=1, key="body") for _ in range(2)] == ["<p>x</p>"] * 2
    assert renderer.problems == [] and 2 <= renderer.budget.spent < 3


def test_texts_rendered_in_the_child_match_the_same_texts_rendered_here() -> None:
    text = "# T\n\n*a* ^[inline note] [^1] [x](https://x.nl)\n\n|x|y|\n|-:|-|\n|1|2|\n\n[^1]: note\n"
    isolated = markdown._render_isolated(text, False, markdown.TimeBudget())
    assert isolated == markdown._parser(False).render(text)
    assert 'class="footnotes"' in isolated and "inline note" in isolated


def test_the_renderer_collects_one_diagnostic_per_refused_text() -> None:
    renderer = MarkdownRenderer("content/stories/a.md", False, last_line=7)
    assert renderer.block("*ok*", line=9, key="body", exact=True) == "<p><em>ok</em></p>\n"
    assert renderer.block("a\n\n" + "> " * 200, line=9, key="body", exact=True) == ""
    assert renderer.inline("- " * 500, line=4, key="timeline[2].text") == ""
    # A quoted front-matter value's "\n"s are no lines of the file: never past the front-matter.
    assert renderer.block("a\n\n\n\n\n" + "- " * 200, line=5, key="updates[1].text") == ""
    assert [str(d) for d in renderer.problems] == [
        f"content/stories/a.md:11: body: {DEEP}",
        f"content/stories/a.md:4: timeline[2].text: {DEEP}",
        f"content/stories/a.md:7: updates[1].text: {DEEP}",
    ]


@pytest.mark.parametrize("text", ["a ^[inline note] b", "x[^1]\n\n[^1]: n", "[a](/b) " * 30, "> - 1. x", "a ^[ open"])
def test_ordinary_texts_render_in_this_process(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A child process per story would make a 10,000-story build take minutes.
    def refuse(text: str, allow_html: bool) -> str:
        raise AssertionError("rendered in a child process")
    monkeypatch.setattr(markdown, "_render_isolated", refuse)
    assert render_markdown(text, allow_html=False).startswith(("<p>", "<blockquote>"))


def test_a_story_whose_render_ran_out_of_time_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.fast.cache import Cache
    from generator.fast.parse import parse_stories
    from generator.read.config import parse_config
    from generator.read.files import SourceFile
    from generator.read.story import StoryParser

    monkeypatch.setattr(markdown, "TIME_LIMIT", 0.2)
    monkeypatch.setattr(markdown, "_CHILD", "import time\ntime.sleep(30)\n")
    source = SourceFile("content/stories/a.md", ("---\ntitle: A\ncompany: Glasnet\ndate: 2015-01-01\noutcome: open\n"
                                                 "apology: 'no'\n---\n" + "x" * 20_001 + "\n").encode())
    cache = Cache(tmp_path)
    config = parse_config(None)[0]
    [(story, problems, token)] = parse_stories([source], StoryParser(config), config, cache=cache, map=map)
    assert story is None and token is None and [p.key for p in problems] == ["body"] and problems[0].transient
    from generator.fast.cache import wait_for_saves
    wait_for_saves()
    assert cache.load("stories") == {}


@pytest.mark.parametrize(("text", "shown"), [
    ("[`](../x)\n", "<p>[`](../x)</p>\n"),  # markdown-it.rs: index out of bounds in code_pair, inside a link
    ("Een [a`](x) en meer.\n", "<p>Een [a`](x) en meer.</p>\n"),
])
def test_a_text_the_renderer_panics_on_renders_as_written_and_prints_nothing(text: str, shown: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom generator.read.markdown import render_markdown\n"
                               "sys.stdout.write(render_markdown(sys.stdin.read(), allow_html=False))"],
        input=text, capture_output=True, text=True, env={**os.environ, "RUST_BACKTRACE": "1"})
    assert (done.returncode, done.stdout, done.stderr) == (0, shown, "")
