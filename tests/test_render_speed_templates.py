"""render.py's Jinja2 adapter gives the bytes plain Jinja2 would (escaping,
dict lookups, tojson); no template keeps a cache; and i18n's dates are babel's."""

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


def test_a_site_theme_overriding_macros_shows_on_every_page_that_uses_them(tmp_path: Path) -> None:
    """No template carries a cache key: a site that overrides _macros.html sees its
    version on every page that imports it, however many pages came before."""
    import shutil
    import subprocess
    import sys

    from generator.output.render import default_theme_dir

    site = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "sites" / "nl", site)
    theme = site / "themes" / "mine"
    theme.mkdir(parents=True)
    macros = (default_theme_dir() / "_macros.html").read_text(encoding="utf-8")
    marker = '<p class="card-badges">'
    assert marker in macros
    (theme / "_macros.html").write_text(macros.replace(marker, marker + "OVERRIDE-MARK "), encoding="utf-8")
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: mine\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(site), "--out", str(out),
                           "--quiet", "--no-search", "--no-cache"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count(marker) == html.count(marker + "OVERRIDE-MARK "), page
    listing = out / "index.html"
    assert "OVERRIDE-MARK" in listing.read_text(encoding="utf-8")
    for name in ("base.html", "_macros.html", "story.html", "timeline.html"):
        assert "{% cache" not in (default_theme_dir() / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dates_are_what_babel_writes(language: str) -> None:
    for day in [date(1, 1, 1) + timedelta(days=n) for n in range(0, 3_650_000, 397)]:
        assert format_date(day, language) == babel_date(day, format="d MMMM y", locale=language)
        assert format_month(day, language) == babel_date(day, format="MMMM y", locale=language)
