"""Escalation routes: the shipped escalation.yaml beside this module, plus a site's own
content/escalation.yaml -> Route values, or diagnostics naming file and line.

A site's file adds routes and overrides shipped ones with the same `id`; shipped routes
keep their order, new ones follow in file order. Both files are checked with the same
table of fields, so a broken site file reads like any other broken file:
`content/escalation.yaml:7: routes[2].after.days: expected a whole number of 0 or more, got -3`.
"""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.model import Period, Route, RouteEvent
from generator.read.schema import Field, Kind
from generator.read.validate import Checker, by_line
from generator.read.values import Value
from generator.read.yamlsource import Node, NodeKind, decode_text, kind_name, load_yaml
from generator.urls import slugify

MAX_DAYS = 36_500  # a hundred years; 10**9 days is past the last date Python can hold

SITE_FILE = "content/escalation.yaml"
SHIPPED = Path(__file__).with_name("escalation.yaml")
SHIPPED_NAME = "generator/read/escalation.yaml"

_EVENTS = tuple(event.value for event in RouteEvent)


def _period(name: str, what: str) -> Field:
    return Field(name, Kind.OBJECT, what, fields=(
        Field("event", Kind.ENUM, "What it counts from.", required=True, choices=_EVENTS, example="complaint"),
        Field("days", Kind.INTEGER, "How many days after it.", required=True, minimum=0, maximum=MAX_DAYS,
              example="28"),
    ))


ROUTE_FIELDS: tuple[Field, ...] = (
    Field("id", Kind.SLUG, "Unique name; a site's route with a shipped id replaces it.", required=True),
    Field("name", Kind.STRING, "Name as shown.", required=True),
    Field("url", Kind.URL, "The organisation's own site.", required=True),
    Field("sectors", Kind.LIST, "Company sectors it serves (none: every sector).",
          item=Field("sector", Kind.STRING, "A sector.")),
    _period("after", "Open this long after the event (none: open at once)."),
    _period("deadline", "File at the latest this long after the event."),
    Field("note", Kind.STRING, "What it does, in one or two sentences (Dutch).", required=True),
    Field("note_en", Kind.STRING, "The same in English, for English sites (default: note)."),
    Field("source", Kind.URL, "The page its rules were checked against.", required=True),
    Field("checked", Kind.DATE, "When the rules were last checked.", required=True),
)

FILE_FIELDS: tuple[Field, ...] = (
    Field("routes", Kind.LIST, "Escalation routes.", required=True,
          item=Field("route", Kind.OBJECT, "One route.", fields=ROUTE_FIELDS)),
)


def parse_routes(path: str, data: bytes) -> tuple[list[Route], list[Diagnostic]]:
    """One escalation file's bytes -> (its routes, diagnostics); any error gives no routes."""
    text, problems = decode_text(path, data)
    if text is None:
        return [], problems
    root, problems = load_yaml(text, path=path)
    if root is not None and root.kind != NodeKind.MAP:
        return [], [*problems, Diagnostic(path, root.line, f"expected keys (key: value), got {kind_name(root)}")]
    checker = Checker(path, problems)
    values = checker.mapping(root or Node(NodeKind.MAP, None, 1), FILE_FIELDS, missing_line=1)
    items = values["routes"].value if "routes" in values else ()
    seen: dict[str, int] = {}
    for number, item in enumerate(items, 1):
        if "id" in item and item["id"].value in seen:
            checker.error(item["id"].line, f"routes[{number}].id",
                          f"duplicate route id '{item['id'].value}' (also routes[{seen[item['id'].value]}])")
        elif "id" in item:
            seen[item["id"].value] = number
    if checker.diagnostics:
        return [], by_line(checker.diagnostics)
    return [_route(item, path) for item in items], []


def _route(item: dict[str, Value], path: str) -> Route:
    get = {name: value.value for name, value in item.items()}
    return Route(
        id=get["id"], name=get["name"], url=get["url"], note=get["note"], note_en=get.get("note_en", ""),
        source=get["source"],
        checked=get["checked"], sectors=tuple(dict.fromkeys(slugify(s) for s in get.get("sectors", ()))),
        after=_to_period(get.get("after")), deadline=_to_period(get.get("deadline")), origin=path,
    )


def _to_period(value: dict[str, Value] | None) -> Period | None:
    if value is None:
        return None
    return Period(RouteEvent(value["event"].value), value["days"].value)


def read_routes(site_data: bytes | None) -> tuple[tuple[Route, ...], list[Diagnostic]]:
    """content/escalation.yaml bytes (None when absent) -> the shipped routes with the
    site's added and overriding ones, and the site file's diagnostics."""
    shipped, problems = parse_routes(SHIPPED_NAME, SHIPPED.read_bytes())
    if site_data is None:
        return tuple(shipped), problems
    own, site_problems = parse_routes(SITE_FILE, site_data)
    return merge_routes(shipped, own), problems + site_problems


def merge_routes(shipped: list[Route], own: list[Route]) -> tuple[Route, ...]:
    """Shipped routes, a site's routes -> shipped ones (replaced where a site route has
    their id) in order, then the site's new ones."""
    by_id = {route.id: route for route in own}
    merged = [by_id.pop(route.id, route) for route in shipped]
    return (*merged, *by_id.values())
