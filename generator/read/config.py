"""site.yaml bytes -> a frozen SiteConfig, with every key optional.

Unknown keys are errors with their line (catches `base_ulr`), nested ones too
(`feeds.limt`); a key with a wrong value keeps its default and is reported.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.diagnostics import Diagnostic, Severity
from generator.model import Language, SiteConfig
from generator.read.schema import Field, Kind
from generator.read.validate import Checker, by_line
from generator.read.values import INVALID, Value, accept_url
from generator.read.yamlsource import NodeKind, control_problem, decode_text, kind_name, load_yaml
from generator.urls import base_url_problem, is_local_url

_DEFAULT = SiteConfig()

CONFIG_FIELDS: tuple[Field, ...] = (
    Field("title", Kind.STRING, "Site title.", default=_DEFAULT.title),
    Field("base_url", Kind.URL, "Absolute URL used in feeds, sitemap and canonical links.",
          default=_DEFAULT.base_url),
    Field("language", Kind.ENUM, "UI strings and date format.", choices=tuple(lang.value for lang in Language),
          default=_DEFAULT.language.value),
    Field("author", Kind.STRING, "Default story author.", default=_DEFAULT.author),
    Field("theme", Kind.STRING, "Theme name: themes/<name>/ or the built-in default.", default=_DEFAULT.theme),
    Field("feeds", Kind.OBJECT, "Feed settings.", fields=(
        Field("limit", Kind.INTEGER, "Items per feed.", default=str(_DEFAULT.feeds_limit), minimum=1),)),
    Field("pagination", Kind.OBJECT, "List page settings.", fields=(
        Field("per_page", Kind.INTEGER, "Stories per list page.", default=str(_DEFAULT.per_page), minimum=1),)),
    Field("markdown", Kind.OBJECT, "Markdown settings.", fields=(
        Field("allow_html", Kind.BOOLEAN, "Allow raw HTML in stories (sanitised); escaped when false.",
              default="false"),)),
    Field("social_cards", Kind.BOOLEAN, "Draw a social card (card.png, 1200x630) per story for link previews; "
          "false: none, and og:image only for a story with an image of its own.", default="true"),
    Field("replies", Kind.OBJECT, "Right of reply settings.", fields=(
        Field("contact", Kind.STRING, "Where a company can send its reply: a mailto: or http(s) URL; "
              "every story and company page then says so.", example='"mailto:reacties@example.nl"'),)),
)

# (section, key) in site.yaml -> SiteConfig field name
_NESTED = {("feeds", "limit"): "feeds_limit", ("pagination", "per_page"): "per_page",
           ("markdown", "allow_html"): "allow_html"}


def parse_config(data: bytes | None, *, path: str = "site.yaml",
                 published: bool = False) -> tuple[SiteConfig, list[Diagnostic]]:
    """site.yaml bytes (None when there is no file) -> (SiteConfig, diagnostics). With
    `published` (a build whose base_url comes from site.yaml, not serve's or --base-url)
    a base_url on this machine (localhost) is a warning: one set so, on its line, or the
    default that applies when the key (or the file) is missing."""
    config, problems, line = _parse(data, path)
    if not published or not is_local_url(config.base_url) or any(p.severity is Severity.ERROR for p in problems):
        return config, problems
    return config, by_line([*problems, _local_warning(path, line, config.base_url)])


def _local_warning(path: str, line: int | None, url: str) -> Diagnostic:
    """site.yaml, the line of its local base_url (None: not set, the default applies) -> the warning."""
    what = f"{url} is a local address" if line is not None else f"not set, so the default {url} applies, a local address"
    return Diagnostic(path, line, f"{what}: published feeds, sitemap and canonical "
                      "links would point at it; set the site's public URL or build with --base-url",
                      "base_url", Severity.WARNING)


def _parse(data: bytes | None, path: str) -> tuple[SiteConfig, list[Diagnostic], int | None]:
    """site.yaml bytes -> (SiteConfig, diagnostics, line of base_url or None)."""
    if data is None:
        return _DEFAULT, [], None
    text, problems = decode_text(path, data)
    if text is None:
        return _DEFAULT, problems, None
    if (control := control_problem(path, data)) is not None:
        return _DEFAULT, [control], None
    root, problems = load_yaml(text, path=path)
    if root is None:
        return _DEFAULT, problems, None
    if root.kind != NodeKind.MAP:
        return _DEFAULT, [*problems, Diagnostic(path, root.line, f"expected keys (key: value), got {kind_name(root)}")], None
    checker = Checker(path, problems)
    values = checker.mapping(root, CONFIG_FIELDS)
    if "base_url" in values:
        problem = base_url_problem(values["base_url"].value)
        if problem is not None:
            checker.error(values["base_url"].line, "base_url", problem)
            del values["base_url"]
    if "title" in values and not values["title"].value:  # feeds need a title; blank or control characters only
        checker.error(values.pop("title").line, "title", "is empty; give the site a title or leave the key out")
    settings = _settings(values)
    contact = values["replies"].value.get("contact") if "replies" in values else None
    if contact is not None:
        if _is_contact(contact.value):
            settings["reply_contact"] = contact.value
        else:
            checker.error(contact.line, "replies.contact",
                          f"expected a mailto: address or an absolute http(s) URL, got '{contact.value}'")
    line = values["base_url"].line if "base_url" in values else None
    return replace(_DEFAULT, **settings), by_line(checker.diagnostics), line


def _is_contact(text: str) -> bool:
    """'mailto:a@b.nl' or 'https://...' -> True; anything else (a bare address, javascript:) -> False."""
    if text.startswith("mailto:"):
        address = text[len("mailto:"):]
        return "@" in address and not any(char.isspace() or char in "<>\"'" for char in address)
    return accept_url(Field("contact", Kind.URL, ""), text) is not INVALID


def _settings(values: dict[str, Value]) -> dict[str, Any]:
    """Checked site.yaml values -> keyword arguments for SiteConfig."""
    settings: dict[str, Any] = {}
    for name in ("title", "author", "theme"):
        if name in values:
            settings[name] = values[name].value
    if "base_url" in values:
        url = values["base_url"].value
        settings["base_url"] = url if url.endswith("/") else url + "/"
    if "social_cards" in values:
        settings["social_cards"] = values["social_cards"].value
    if "language" in values:
        settings["language"] = Language(values["language"].value)
    for (section, key), name in _NESTED.items():
        nested = values[section].value if section in values else {}
        if key in nested:
            settings[name] = nested[key].value
    return settings
