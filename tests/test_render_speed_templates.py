"""render.py's fast paths give the bytes plain Jinja2 would: `{% cache %}`, the output
escape, dict lookups and tojson; and i18n's dates are babel's."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

import pytest
from babel.dates import format_date as babel_date
from jinja2 import DictLoader, Environment, StrictUndefined
from jinja2.exceptions import UndefinedError
from markupsafe import Markup

from generator.i18n import format_date, format_month
from generator.output.render import _environment


class Kind(StrEnum):
    A = "a<b"


TEMPLATES = {
    "macros.html": (
        '{% macro badge(x) %}<b class="{{ x }}">{{ x }}</b>{% endmacro %}'
        "{% macro wrap() %}<div>{{ caller() }}</div>{% endmacro %}"
    ),
    "page.html": (
        '{% from "macros.html" import badge, wrap with context %}'
        "<p>{{ text }} {{ markup }} {{ number }} {{ none }} {{ kind }} {{ badge(text) }}</p>\n"
        "{% set block %}<i>{{ text }}</i>{% endset %}{{ block }} {{ block | length }}\n"
        "{% call wrap() %}{{ text }}{{ markup }}{% endcall %}\n"
        "{% filter upper %}{{ text }}{% endfilter %} {{ text ~ markup }} {{ [text, markup] | join(text) }}\n"
        "{{ data | tojson }} {{ data | tojson(indent=2) }} {{ t.skip }} {{ t.items is defined }}\n"
    ),
}
CONTEXT = {
    "text": "Tom & \"Jerry\" <'x'>", "markup": Markup("<em>safe</em>"), "number": 7, "none": None,
    "kind": Kind.A, "data": {"b": "<&>'", "a": ["é"]}, "t": {"skip": "Ga & zoek"},
}


def _plain() -> Environment:
    """The same settings as the theme's environment, without its speed-ups."""
    return Environment(
        loader=DictLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )


def _fast() -> Environment:
    env = _environment([])
    env.loader = DictLoader(TEMPLATES)
    return env


def test_output_is_what_plain_jinja_writes() -> None:
    plain = _plain()
    plain.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    expected = plain.get_template("page.html").render(CONTEXT)
    assert _fast().get_template("page.html").render(CONTEXT) == expected
    assert "Tom &amp; &#34;Jerry&#34; &lt;&#39;x&#39;&gt; <em>safe</em> 7 None a&lt;b" in expected


def test_dict_methods_still_win_and_missing_keys_stay_errors() -> None:
    env = _fast()
    assert env.from_string("{{ t.skip }}|{{ t.items is callable }}").render(t={"skip": "a", "items": "b"}) == "a|True"
    with pytest.raises(UndefinedError):
        env.from_string("{{ t.nope }}").render(t={})


def _counting_env() -> tuple[Environment, list[str]]:
    env = _fast()
    rendered: list[str] = []
    env.globals["seen"] = lambda name: rendered.append(name) or ""
    return env, rendered


def test_cache_renders_a_block_once_per_key() -> None:
    env, rendered = _counting_env()
    template = env.from_string(
        '{% for x in items %}{% cache "item", x, lang %}{{ seen(x) }}[{{ x }}/{{ lang }}]{% endcache %}{% endfor %}'
    )
    assert template.render(items=["a", "b", "a"], lang="nl") == "[a/nl][b/nl][a/nl]"
    assert template.render(items=["a"], lang="en") == "[a/en]"
    assert template.render(items=["b", "a"], lang="nl") == "[b/nl][a/nl]"
    assert rendered == ["a", "b", "a"]


def test_cache_keys_compare_by_value_and_blocks_by_name() -> None:
    env, rendered = _counting_env()
    template = env.from_string(
        '{% cache "one", key %}{{ seen("one") }}1{% endcache %}{% cache "two", key %}{{ seen("two") }}2{% endcache %}'
    )
    assert template.render(key=("x", 1)) == "12"
    assert template.render(key=tuple(["x", 1])) == "12"  # an equal, different object
    assert rendered == ["one", "two"]


def test_cache_key_must_be_hashable() -> None:
    with pytest.raises(TypeError, match="cache %} key must be hashable"):
        _fast().from_string('{% cache "x", items %}-{% endcache %}').render(items=[1])


def test_a_full_cache_starts_over() -> None:
    env, rendered = _counting_env()
    env.fragment_cache.LIMIT = 2  # type: ignore[attr-defined]
    template = env.from_string('{% for x in items %}{% cache "x", x %}{{ seen(x) }}{{ x }}{% endcache %}{% endfor %}')
    assert template.render(items=["a", "b", "c", "a"]) == "abca"
    assert rendered == ["a", "b", "c", "a"]


def test_theme_caches_do_not_leak_between_themes(tmp_path: Path) -> None:
    for title in ("First", "Second"):
        theme = tmp_path / title
        theme.mkdir()
        (theme / "page.html").write_text('{% cache "title" %}{{ title }}{% endcache %}', encoding="utf-8")
        env = _environment([theme])
        assert env.get_template("page.html").render(title=title) == title


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dates_are_what_babel_writes(language: str) -> None:
    for day in [date(1, 1, 1) + timedelta(days=n) for n in range(0, 3_650_000, 397)]:
        assert format_date(day, language) == babel_date(day, format="d MMMM y", locale=language)
        assert format_month(day, language) == babel_date(day, format="MMMM y", locale=language)
