"""Pages -> HTML bytes with Jinja2; the only module that imports jinja2.

A theme is a folder of templates plus a `static/` folder. The site's own theme comes
first, the default theme second, so a site overrides any single template or asset by
name and everything else falls back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, Template, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator.output.jinja_adapter import Environment
from generator.i18n import format_date, format_days, format_money, format_month, format_number, format_rate
from generator.i18n import label as _label
from generator.model import Company, Story, Term
from generator.pages.page import Page
from generator.site.stats import Money
from generator.urls import Urls, update_anchors

STATIC = "static"


@dataclass(frozen=True)
class Theme:
    """Compiled templates by name and static files as {'assets/<name>': bytes}."""

    templates: Mapping[str, Template]
    assets: Mapping[str, bytes]


def default_theme_dir() -> Path:
    """-> the default theme: inside the package when installed, else at the repo root."""
    here = Path(__file__).parent.parent
    packaged = here / "themes" / "default"
    return packaged if packaged.is_dir() else here.parent / "themes" / "default"


def theme_dirs(site_root: Path, name: str) -> list[Path]:
    """Site root, theme name -> theme folders, the site's own first, without repeats."""
    dirs: list[Path] = []
    for folder in (site_root / "themes" / name, default_theme_dir()):
        if folder.is_dir() and folder.resolve() not in [d.resolve() for d in dirs]:
            dirs.append(folder)
    return dirs


def _autoescape(name: str | None) -> bool:
    # robots.txt is plain text; everything else (HTML, XML) is escaped.
    return not (name or "").endswith(".txt")


@pass_context
def _url(context: Context, target: Any, kind: str = "") -> str:
    """Story, Company, Term (a tag unless kind='sector') or a page name -> its URL."""
    urls: Urls = context["urls"]
    if isinstance(target, Story):
        return urls.story(target)
    if isinstance(target, Company):
        return urls.company(target)
    if isinstance(target, Term):
        return urls.sector(target) if kind == "sector" else urls.tag(target)
    if isinstance(target, str):
        return urls.page(target)
    raise TypeError(f"no URL for {type(target).__name__}")


@pass_context
def _absolute(context: Context, url: str) -> str:
    return context["urls"].absolute(url)


@pass_context
def _asset(context: Context, name: str) -> str:
    return context["urls"].asset(name)


@pass_context
def _date(context: Context, value: date, kind: str = "day") -> str:
    """date -> '16 december 2015' (or 'december 2015' with kind='month') in the page language."""
    if kind == "month":
        return format_month(value, context["language"])
    return format_date(value, context["language"])


@pass_context
def _label_filter(context: Context, value: StrEnum) -> str:
    return _label(value, context["language"])  # type: ignore[arg-type]


@pass_context
def _days(context: Context, value: float | int) -> str:
    return format_days(value, context["language"])


@pass_context
def _number(context: Context, value: float | int) -> str:
    return format_number(value, context["language"])


@pass_context
def _rate(context: Context, value: float) -> str:
    return format_rate(value, context["language"])


@pass_context
def _money(context: Context, value: Money) -> str:
    return format_money(value.amount, value.currency, context["language"])


def _breakable(url: str) -> Markup:
    """'http://x.nl/companies/glasnet/feed.xml' -> the same text, escaped, with a line break
    allowed after each path slash (<wbr>), so a long URL wraps between words, not inside one."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    path, slash = (rest[:-1], "/") if rest.endswith("/") else (rest, "")
    return Markup(escape(scheme + sep) + Markup("/<wbr>").join(escape(part) for part in path.split("/")) + slash)


FILTERS = {
    "url": _url, "absolute": _absolute, "asset": _asset, "date": _date,
    "label": _label_filter, "days": _days, "number": _number, "rate": _rate, "money": _money,
    "update_anchors": update_anchors, "breakable": _breakable,
}


_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _json_dumps(value: Any, **options: Any) -> str:
    """What `tojson` uses: sorted keys, UTF-8 as is; one encoder for every page."""
    if options:  # tojson(indent=2)
        return json.dumps(value, sort_keys=True, ensure_ascii=False, **options)
    return _JSON.encode(value)


def _environment(theme_dirs: list[Path]) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in theme_dirs]),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        auto_reload=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.policies["json.dumps_function"] = _json_dumps
    env.policies["json.dumps_kwargs"] = {}
    return env


def _assets(theme_dirs: list[Path]) -> dict[str, bytes]:
    """Theme folders -> {'assets/<relative path>': bytes}; earlier folders win."""
    assets: dict[str, bytes] = {}
    for folder in reversed(theme_dirs):
        static = folder / STATIC
        if not static.is_dir():
            continue
        for file in sorted(p for p in static.rglob("*") if p.is_file()):
            assets[f"assets/{file.relative_to(static).as_posix()}"] = file.read_bytes()
    return dict(sorted(assets.items()))


def load_theme(theme_dirs: list[Path]) -> Theme:
    """Theme folders, most specific first -> a Theme with every template compiled once."""
    env = _environment(theme_dirs)
    names = [n for n in env.list_templates() if not n.startswith(f"{STATIC}/")]
    return Theme(
        templates={name: env.get_template(name) for name in sorted(names)},
        assets=_assets(theme_dirs),
    )


def render_page(theme: Theme, page: Page) -> bytes:
    """Theme, Page -> the page as UTF-8 bytes."""
    return theme.templates[page.template].render(page.context).encode("utf-8")
