"""The parse-stage shortcuts give exactly what the plain versions they replace give.

Each shortcut (slug_of for slugify, str.split for a whitespace regex, a branch for an
optional group in the front-matter line pattern) is checked against the original,
spelled out here, on generated inputs.
"""

from __future__ import annotations

import html
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read import markdown
from generator.read import plainyaml
from generator.urls import SLUG_MAX, slugify
from generator.read.values import slug_of

SLUG_TEXT = st.text(string.ascii_lowercase + string.digits + "-_ .'&;#ÉéA", max_size=SLUG_MAX + 10)
SLUG_LIKE = st.lists(st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=12),
                     min_size=1, max_size=12).map("-".join)


@settings(max_examples=500)
@given(SLUG_TEXT | SLUG_LIKE)
def test_slug_of_is_slugify(text: str) -> None:
    assert slug_of(text) == slugify(text)


def test_slug_of_around_the_length_limit() -> None:
    for length in range(SLUG_MAX - 3, SLUG_MAX + 3):
        for text in ("a" * length, ("ab-" * length)[:length].strip("-"), "a-" * (length // 2) + "b"):
            assert slug_of(text) == slugify(text), text


_SPACES = re.compile(r"\s+")
_FOOTNOTE_REF = re.compile(r'<sup class="footnote-ref">.*?</sup>', re.S)
_IMAGE = re.compile(r'<img\s[^>]*?alt="([^"]*)"[^>]*>')
_TAG = re.compile(r"<[^>]+>")


def _plain_before(fragment: str) -> str:
    """markdown._plain as it was: three regex passes, then a whitespace regex."""
    text = _IMAGE.sub(lambda m: m.group(1), _FOOTNOTE_REF.sub("", fragment))
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", text))).strip()


@settings(max_examples=500)
@given(st.text(string.printable + "\u00a0\u2028\u3000\x1c\x85é&<>", max_size=80)
       | st.sampled_from(['a <img src="x" alt="b c"> d', 'x<sup class="footnote-ref"><a>1</a></sup> y',
                          "a\n b \t\u00a0c &amp; &lt;d&gt;", "  ", "", "<em>a</em>\u2028b"]))
def test_plain_text_of_a_fragment_is_unchanged(fragment: str) -> None:
    assert markdown._plain(fragment) == _plain_before(fragment)


_VALUE_BEFORE = (r'"(?P<dq>[^"\\\n]*)"|\'(?P<sq>[^\'\n]*)\'|\[(?P<seq>[^\n]*)\]|\{(?P<map>[^\n]*)\}'
                 r"|(?P<plain>[^\W_](?:[^#:\[\]{}\n]*[^#:\[\]{}\n ])?)")
_LINE_BEFORE = re.compile(
    rf"^(?:( *)(- (?! ))?(?:([a-z][a-z0-9_]{{0,63}}):(?: +|(?= *$)))?(?:{_VALUE_BEFORE})? *| *#.*)$", re.M)

PIECES = ["- ", "-  ", "-", "  ", " ", "key: ", "a:", "x_y:", "A:", ":", "# c", " #", '"q"', "'s'", "[a, b]",
          "{a: 1}", "2014-02-20", "yes", "é", "\u00a0", "\n", "a b", "\\", '"', "'", "[", "}", ","]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(PIECES) | st.text(" -:#'\"[]{}ab_1é\n", max_size=4), max_size=10).map("".join))
def test_line_pattern_matches_as_before(text: str) -> None:
    def groups(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
        return [(match.span(), match.groups()) for match in pattern.finditer(text)]
    assert groups(plainyaml._LINE) == groups(_LINE_BEFORE)
