"""Pages -> HTML bytes with Jinja2; the only module that imports jinja2.

A theme is a folder of templates plus a `static/` folder. The site's own theme comes
first, the default theme second, so a site overrides any single template or asset by
name and everything else falls back.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, Template
from jinja2 import TemplateNotFound, meta
from jinja2.bccache import Bucket
from jinja2 import TemplateError as _TemplateError
from jinja2 import TemplateSyntaxError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator.diagnostics import BuildError, Diagnostic
from generator.output.jinja_adapter import Environment, OverTime, limited, over_limit
from generator.i18n import (
    format_date, format_days, format_including, format_money, format_month, format_number, format_rate,
    format_wait,
)
from generator.i18n import label as _label
from generator.model import Author, Company, Story, Term
from generator.pages.page import Page
from generator.read.safeopen import STATIC_LIMIT, TEXT_LIMIT, read_user_file
from generator.site.stats import Money
from generator.urls import Urls, reply_anchors, update_anchors

STATIC = "static"


@dataclass(frozen=True)
class Theme:
    """Compiled templates by name, static files as {'assets/<name>': bytes}, and each
    theme folder (as a path prefix) with the name errors show for it ('themes/<name>/')."""

    templates: Mapping[str, Template]
    assets: Mapping[str, bytes]
    shown: Mapping[str, str] = field(default_factory=dict)


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


class _ThemeLoader(FileSystemLoader):
    """Jinja2's FileSystemLoader, but a template is read as every user file is
    (read/safeopen.py): a regular file of bounded size, a FIFO never waited on."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        filename = None
        for folder in self.searchpath:
            candidate = os.path.join(folder, *template.split("/"))
            if ".." not in template.split("/") and os.path.isfile(candidate):
                filename = candidate
                break
        if filename is None:
            raise TemplateNotFound(template)
        inside = None if os.path.realpath(folder) == os.path.realpath(default_theme_dir()) else folder
        contents = read_user_file(filename, limit=TEXT_LIMIT, inside=inside).decode(self.encoding)
        mtime = os.path.getmtime(filename)
        return contents, os.path.normpath(filename), lambda: _unchanged(filename, mtime)


def _unchanged(filename: str, mtime: float) -> bool:
    try:
        return os.path.getmtime(filename) == mtime
    except OSError:
        return False


def _autoescape(name: str | None) -> bool:
    # robots.txt is plain text; everything else (HTML, XML) is escaped.
    return not (name or "").endswith(".txt")


@pass_context
def _url(context: Context, target: Any, kind: str = "") -> str:
    """Story, Company, Author, Term (a tag unless kind='sector'), a year or a page name -> its URL."""
    urls: Urls = context["urls"]
    if isinstance(target, Story):
        return urls.story(target)
    if isinstance(target, Company):
        return urls.company(target)
    if isinstance(target, Author):
        return urls.author(target)
    if isinstance(target, Term):
        return urls.sector(target) if kind == "sector" else urls.tag(target)
    if isinstance(target, int):
        return urls.year(target)
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
    return _label(value, context["language"])


@pass_context
def _days(context: Context, value: float | int) -> str:
    return format_days(value, context["language"])


@pass_context
def _wait(context: Context, value: int) -> str:
    return format_wait(value, context["language"])


@pass_context
def _number(context: Context, value: float | int) -> str:
    return format_number(value, context["language"])


@pass_context
def _rate(context: Context, value: float) -> str:
    return format_rate(value, context["language"])


@pass_context
def _money(context: Context, value: Money) -> str:
    return format_money(value.amount, value.currency, context["language"])


@pass_context
def _including(context: Context, companies: Sequence[Company]) -> str:
    """Subsidiaries -> 'inclusief Stroomtij en Kabelwerk' in the page language."""
    return format_including(companies, context["language"])


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
    "wait": _wait, "including": _including, "update_anchors": update_anchors, "reply_anchors": reply_anchors,
    "breakable": _breakable,
}


_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _json_dumps(value: Any, **options: Any) -> str:
    """What `tojson` uses: sorted keys, UTF-8 as is; one encoder for every page."""
    if options:  # tojson(indent=2)
        return json.dumps(value, sort_keys=True, ensure_ascii=False, **options)
    return _JSON.encode(value)


def _environment(theme_dirs: list[Path]) -> Environment:
    env = Environment(
        loader=ChoiceLoader([_ThemeLoader(str(d)) for d in theme_dirs]),
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


def asset_files(theme_dirs: list[Path]) -> dict[str, Path]:
    """Theme folders -> {'assets/<relative path>': its file}, sorted; earlier folders win."""
    assets: dict[str, Path] = {}
    for folder in reversed(theme_dirs):
        static = folder / STATIC
        if not static.is_dir():
            continue
        for file in sorted(p for p in static.rglob("*") if p.is_file()):
            assets[f"assets/{file.relative_to(static).as_posix()}"] = file
    return dict(sorted(assets.items()))


def _assets(theme_dirs: list[Path]) -> dict[str, bytes]:
    """Theme folders -> {'assets/<relative path>': bytes}; earlier folders win; raises
    BuildError naming a file that cannot be read."""
    assets = {}
    default = default_theme_dir().resolve()
    for name, file in asset_files(theme_dirs).items():
        folder = next(d for d in theme_dirs if file.is_relative_to(d))
        try:  # a link in the site's own theme to a file outside it is never published
            assets[name] = read_user_file(file, limit=STATIC_LIMIT, inside=None if folder.resolve() == default else folder)
        except OSError as error:
            shown = {os.path.join(str(d), ""): f"themes/{d.name}/" for d in theme_dirs}
            raise _theme_error(_shown_path(shown, str(file)) or name, None,
                               f"cannot read the file ({error.strerror or error})") from None
    return assets


Refs = frozenset[str] | None  # the templates a template names (None: one is named at render time)


def template_sources(theme: Theme, known: dict[str, frozenset[str | None]] | None = None,
                     ) -> tuple[dict[str, str], dict[str, Refs]]:
    """A compiled Theme (and what earlier calls found, by source text; filled in) -> the
    source of each of its templates and of every template they extend, include or import,
    and the names each refers to (None: a name made at render time, or a template that
    cannot be read)."""
    sources: dict[str, str] = {}
    refs: dict[str, Refs] = {}
    known = known if known is not None else {}
    for name, template in theme.templates.items():
        _collect(template.environment, name, sources, refs, known)
    return sources, refs


def _collect(env: Any, name: str, sources: dict[str, str], refs: dict[str, Refs],
             known: dict[str, frozenset[str | None]]) -> None:
    if name in sources:
        return
    try:
        source = env.loader.get_source(env, name)[0]
        found = known.get(source)
        if found is None:  # not met before: parsed (None among the names: one made at render time)
            found = known[source] = frozenset(meta.find_referenced_templates(env.parse(source)))
    except Exception:  # noqa: BLE001 - missing, unreadable or broken: rendering says so, with its file and line
        sources[name], refs[name] = "\0unreadable", None
        return
    sources[name] = source
    named = frozenset(ref for ref in found if ref is not None)
    refs[name] = None if None in found else named
    for ref in sorted(named):
        _collect(env, ref, sources, refs, known)


class _KeptTemplates(FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates in a folder, which only ever saves time: a
    folder that cannot be written, or a file in it that cannot be read, means compiling."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file: compiled again (and written anew)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_templates(folder: Path) -> BytecodeCache:
    """A folder -> where templates are kept compiled from one build to the next (Jinja2's
    own cache: a template whose source changed is compiled again). The folder must be one
    per version of this package, whose filters and settings the compiled code assumes."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # each template is compiled, as without the cache
    return _KeptTemplates(str(folder))


def load_theme(theme_dirs: list[Path], *, only: Sequence[str] | None = None,
               compiled: Path | None = None) -> Theme:
    """Theme folders, most specific first (and the templates needed, when not all; the
    folder where compiled templates are kept, see compiled_templates) -> a Theme with those templates compiled once (what they
    include or import is compiled when first rendered); raises BuildError
    (`themes/<name>/<file>:<line>: ...`) for a template that does not compile or is not UTF-8."""
    env = _environment(theme_dirs)
    if compiled is not None:
        env.bytecode_cache = compiled_templates(compiled)
    shown = {os.path.join(str(d), ""): f"themes/{d.name}/" for d in theme_dirs}
    names = only if only is not None else [n for n in env.list_templates() if not n.startswith(f"{STATIC}/")]
    templates: dict[str, Template] = {}
    for name in sorted(names):
        try:
            with limited():  # compiling folds constants: `"a" * 10**10` is made here
                templates[name] = env.get_template(name)
        except (OverTime, MemoryError) as error:
            raise _theme_error(_source_of(theme_dirs, shown, name), None, over_limit(error, "compile")) from None
        except TemplateSyntaxError as error:
            where = _shown_path(shown, error.filename) or _source_of(theme_dirs, shown, name)
            raise _theme_error(where, error.lineno, _syntax_message(error)) from None
        except UnicodeDecodeError as error:
            where = _source_of(theme_dirs, shown, name)
            line = error.object[:error.start].count(b"\n") + 1
            raise _theme_error(where, line, f"not UTF-8 text (byte 0x{error.object[error.start]:02x})") from None
        except OSError as error:
            where = _source_of(theme_dirs, shown, name)
            raise _theme_error(where, None, f"cannot read the template ({error.strerror or error})") from None
    return Theme(templates=templates, assets=_assets(theme_dirs), shown=shown)


def render_page(theme: Theme, page: Page) -> bytes:
    """Theme, Page -> the page as UTF-8 bytes; raises BuildError naming the template file
    and line when the theme fails to render it (a plain value, so it crosses from a worker
    process to the CLI)."""
    try:
        with limited():
            return theme.templates[page.template].render(page.values.context()).encode("utf-8")
    except (OverTime, MemoryError) as error:
        where, line = _failing_line(theme, error.__traceback__, page.template)
        message = over_limit(error, "render")
    except RecursionError as error:
        where, line = _failing_line(theme, error.__traceback__, page.template)
        message = "templates include or call each other without end (recursion too deep)"
    except TemplateNotFound as error:
        where, line = _failing_line(theme, error.__traceback__, page.template)
        message = f"template '{error.name}' not found"
    except TemplateSyntaxError as error:  # in a template loaded while rendering
        where = _shown_path(theme.shown, error.filename) or f"themes/?/{error.name}"
        line, message = error.lineno, _syntax_message(error)
    except Exception as error:  # noqa: BLE001 - anything a template's code raises
        where, line = _failing_line(theme, error.__traceback__, page.template)
        message = str(error) if isinstance(error, _TemplateError) else f"{type(error).__name__}: {error}"
    raise _theme_error(where, line, f"{message} (rendering {page.path})")


def _syntax_message(error: TemplateSyntaxError) -> str:
    """A compile error -> its message; an unknown filter or test reads as it is."""
    return f"syntax error: {error.message}" if type(error) is TemplateSyntaxError else str(error.message)


def _theme_error(where: str, line: int | None, message: str) -> BuildError:
    return BuildError([Diagnostic(where, line, message)])


def _shown_path(shown: Mapping[str, str], filename: str | None) -> str | None:
    """A template's file name on disk -> 'themes/<name>/<file>', None outside the theme."""
    for prefix, name in shown.items():
        if filename and filename.startswith(prefix):
            return name + Path(filename[len(prefix):]).as_posix()
    return None


def _source_of(theme_dirs: list[Path], shown: Mapping[str, str], name: str) -> str:
    """A template name -> the file it is loaded from, as errors show it."""
    found = next((d / name for d in theme_dirs if (d / name).is_file()), theme_dirs[0] / name)
    return _shown_path(shown, str(found)) or name


def _failing_line(theme: Theme, trace: TracebackType | None, template: str) -> tuple[str, int | None]:
    """A traceback (Jinja rewrites its frames to name template files and lines) ->
    the innermost theme file and line in it; the page's template when none is found."""
    where: tuple[str, int | None] | None = None
    seen = 0
    while trace is not None and seen < 100_000:  # a recursion's traceback is long but ends
        shown = _shown_path(theme.shown, trace.tb_frame.f_code.co_filename)
        if shown is not None:
            where = (shown, trace.tb_lineno)
        trace, seen = trace.tb_next, seen + 1
    if where is None:
        template_file = theme.templates[template].filename if template in theme.templates else None
        return _shown_path(theme.shown, template_file) or template, None
    return where
