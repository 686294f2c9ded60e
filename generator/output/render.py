"""Pages -> HTML bytes with Jinja2; the only module that imports jinja2.

A theme is a folder of templates plus a `static/` folder. The site's own theme comes
first, the default theme second, so a site overrides any single template or asset by
name and everything else falls back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import markupsafe
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template
from jinja2 import nodes, pass_context
from jinja2.ext import Extension
from jinja2.parser import Parser
from jinja2.runtime import Context

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


FILTERS = {
    "url": _url, "absolute": _absolute, "asset": _asset, "date": _date,
    "label": _label_filter, "days": _days, "number": _number, "rate": _rate, "money": _money,
    "update_anchors": update_anchors,
}


class _Fragments:
    """Rendered fragments by key: found by the identity of the key's objects first (no
    hashing; the entry keeps them alive, so an id is never reused while it is held),
    else by their value. Emptied when full, so a huge site cannot hold every card."""

    LIMIT = 100_000

    def __init__(self) -> None:
        self.by_value: dict[tuple[Any, ...], list[str]] = {}  # key -> [html], [] while rendering
        self.by_id: dict[tuple[int, ...], tuple[tuple[Any, ...], str]] = {}

    def get(self, key: tuple[Any, ...], render: Callable[[], str]) -> str:
        ids = tuple(map(id, key))
        held = self.by_id.get(ids)
        if held is not None:
            return held[1]
        if len(self.by_value) >= self.LIMIT:
            self.by_value.clear()
            self.by_id.clear()
        try:
            found = self.by_value.setdefault(key, [])  # hashes the key once, hit or miss
        except TypeError:
            raise TypeError(f"{{% cache %}} key must be hashable, got {key!r}") from None
        if not found:
            found.append(render())
            self.by_id[ids] = (key, found[0])
        return found[0]


class FragmentCache(Extension):
    """`{% cache "card", card, heading, language, urls %}...{% endcache %}`: the block is
    rendered once per distinct key and that HTML is reused wherever the key comes back,
    on this page or any later one rendered with the same Theme.

    The key names everything the block shows (its own name first, so two blocks never
    share an entry); values are compared like dict keys, so they must be hashable."""

    tags = {"cache"}

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache=_Fragments())

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, key: tuple[Any, ...], caller: Any) -> str:
        return self.environment.fragment_cache.get(key, caller)  # type: ignore[attr-defined]


_escape_str = getattr(markupsafe, "_escape_inner", None)  # str -> escaped str; MarkupSafe >= 3.0


def _output_escape(value: Any) -> str:
    """What a template calls on every `{{ ... }}` it writes into HTML: markupsafe.escape,
    but a plain str comes back as a plain str, not wrapped in Markup. Jinja only joins
    these pieces (and marks the joined text safe where it must), so the bytes are the
    same; it saves a Python-level Markup() per value, a tenth of a page's time."""
    if type(value) is str:
        return _escape_str(value)  # type: ignore[misc]
    if type(value) is markupsafe.Markup:  # already safe: escape() would only copy it
        return value
    return markupsafe.escape(value)


class _Template(Template):
    @classmethod
    def from_code(cls, environment: Environment, code: Any, globals: Any, uptodate: Any = None) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        # Jinja's compiled code calls the name `escape` in its module for output only.
        namespace = template.root_render_func.__globals__
        if _escape_str is not None and namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = _output_escape
        return template


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    template_class = _Template

    def getattr(self, obj: Any, attribute: str) -> Any:
        """As Environment.getattr, but a plain dict's key (every `t.<string>`) is found
        without first raising and catching AttributeError; dict methods still come first."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _json_dumps(value: Any, **options: Any) -> str:
    """What `tojson` uses: sorted keys, UTF-8 as is; one encoder for every page."""
    if options:  # tojson(indent=2)
        return json.dumps(value, sort_keys=True, ensure_ascii=False, **options)
    return _JSON.encode(value)


def _environment(theme_dirs: list[Path]) -> Environment:
    env = _Environment(
        extensions=[FragmentCache],
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
