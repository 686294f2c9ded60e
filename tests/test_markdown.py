"""Markdown -> safe HTML and plain-text summaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.read.markdown import first_paragraph_of, render_inline, render_markdown, summary_of


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
