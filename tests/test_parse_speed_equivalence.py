"""The parse-stage shortcuts give exactly what the plain versions they replace give.

Each shortcut (slug_of for slugify, str.split for a whitespace regex) is checked
against the original, spelled out here, on generated inputs.
"""

from __future__ import annotations

import html
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read import markdown
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


_YAML_PIECES = ["a: ", "b:\n", "  - ", "- ", "yes", "no", "~", "null", "2014-02-20", "2014-02-30", "1.5", "0x1f",
                "12", '"q\\e"', "'s'", "[1, on]", "{x: 2}", "&a ", "*a", "!!str 3", "!!int x", "\n", " ", "#c", "é",
                "2014-02-20T10:00:00+01:00", ".inf", "1_000", "<<: ", "|\n  x\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), max_size=14).map("".join))
def test_yaml_nodes_are_what_the_plain_safe_loader_gives(text: str) -> None:
    """The remembered implicit tags and scalar values, and cleaning only double-quoted
    scalars, give the Nodes PyYAML's own safe loader and cleaning every scalar give."""
    import yaml

    from generator.read import yamlsource

    fast = yamlsource.load_yaml(text, path="x.yaml")
    walker_init = yamlsource._Walker.__init__

    def clean_every_scalar(self: yamlsource._Walker, *args: object) -> None:
        walker_init(self, *args)  # type: ignore[arg-type]
        self.clean_all = True

    saved = yamlsource._LOADER, yamlsource._CACHED_TAGS, yamlsource._Walker.__init__
    yamlsource._LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    yamlsource._CACHED_TAGS = frozenset()
    yamlsource._Walker.__init__ = clean_every_scalar  # type: ignore[method-assign]
    try:
        plain = yamlsource.load_yaml(text, path="x.yaml")
    finally:
        yamlsource._LOADER, yamlsource._CACHED_TAGS, yamlsource._Walker.__init__ = saved  # type: ignore[method-assign]
    assert repr(fast) == repr(plain)
