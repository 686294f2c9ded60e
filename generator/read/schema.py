"""The story front-matter as one table of fields.

Validation (validate.py via story.py), `grievance schema` (the JSON Schema below)
and the commented template of `grievance new story` all read `STORY_FIELDS`, so a new
key is one new row here plus a field in model.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator.model import Actor, Apology, Channel, Language, Outcome


class Kind(StrEnum):
    """What a field holds; each kind has one check in validate.py."""

    STRING = "string"  # one line of plain text
    TEXT = "text"  # Markdown
    DATE = "date"  # YYYY-MM-DD
    BOOLEAN = "boolean"
    INTEGER = "integer"
    NUMBER = "number"
    ENUM = "enum"  # one of `choices`
    SLUG = "slug"  # lowercase ASCII words joined by '-'
    CURRENCY = "currency"  # ISO 4217 code: three capitals
    URL = "url"  # absolute http(s) URL
    URL_OR_PATH = "url-or-path"  # absolute http(s) URL, or a path relative to the site
    LIST = "list"  # of `item`
    OBJECT = "object"  # with `fields`
    TEXT_OR_OBJECT = "text-or-object"  # free text, or an object with `fields`


@dataclass(frozen=True)
class Field:
    """One key: its kind, whether required, allowed values, nested fields, docs."""

    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Field | None = None
    fields: tuple[Field, ...] = ()
    default: str = ""  # documented default, as text ('' = none)
    example: str = ""  # YAML text for templates
    minimum: int | None = None
    maximum: int | None = None  # an integer's bound: a day count beyond it overflows a date
    max_items: int | None = None  # a list's cap: what one story declares must not make output grow with its square
    unknown: bool = False  # an ENUM that a draft may leave 'unknown' (an import found no cue); refused outside drafts


def _choices(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum if member.value != UNKNOWN)


UNKNOWN = "unknown"  # the value of an ENUM field with `unknown`, in a draft: not known yet
# What `grievance import` writes as company when the post names none: a draft may hold it,
# a published story may not (it would be a company page called "Unknown company").
COMPANY_PLACEHOLDER = {Language.NL: "ONBEKEND BEDRIJF", Language.EN: "UNKNOWN COMPANY"}


CHANNELS = _choices(Channel)

TIMELINE_FIELDS = (
    Field("date", Kind.DATE, "When it happened.", required=True, example="2014-02-20"),
    Field("by", Kind.ENUM, "Who acted.", choices=_choices(Actor), example="company"),
    Field("via", Kind.ENUM, "Through which channel.", choices=CHANNELS, example="phone"),
    Field("text", Kind.STRING, "What happened (one line of Markdown).", required=True,
          example='"Aansluiting niet opgeleverd op de afgesproken datum."'),
)

UPDATE_FIELDS = (
    Field("date", Kind.DATE, "When the news came.", required=True, example="2014-03-20"),
    Field("text", Kind.TEXT, "The news (Markdown).", required=True,
          example='"Zes euro korting op de factuur gevonden."'),
)

REPLY_FIELDS = (
    Field("date", Kind.DATE, "When the company replied.", required=True, example="2024-05-06"),
    Field("text", Kind.TEXT, "The company's words (Markdown).", required=True,
          example='"Wij betreuren de vertraging."'),
    Field("by", Kind.STRING, "Who replied.", example='"Woordvoerder Glasnet"'),
    Field("source", Kind.URL, "Where the reply was published or received.", example="https://glasnet.example/reactie"),
)

COMPENSATION_FIELDS = (
    Field("amount", Kind.NUMBER, "How much, 0 or more.", example="6"),
    Field("currency", Kind.CURRENCY, "ISO 4217 currency code.", default="EUR", example="EUR"),
    Field("note", Kind.STRING, "What it was for.", example='"korting op de factuur"'),
)

_STORY_FACTS: tuple[Field, ...] = (
    Field("title", Kind.STRING, "Title of the story.", required=True, example='"Acht dagen zonder internet"'),
    Field("company", Kind.STRING, "The company: its name, alias or slug.", required=True, example="Fiber"),
    Field("date", Kind.DATE, "Publication date.", required=True, example="2014-03-12"),
    Field("outcome", Kind.ENUM, "How the case stands.", required=True, choices=_choices(Outcome), example="open",
          unknown=True),
    Field("apology", Kind.ENUM, "Did the company apologise? (unquoted yes/no also work)", required=True,
          choices=_choices(Apology), example='"no"', unknown=True),
    Field("author", Kind.STRING, "Who wrote it.", default="the site author"),
    Field("language", Kind.ENUM, "Language of the story.", choices=_choices(Language), default="the site language"),
    Field("summary", Kind.STRING, "One-line summary for lists and feeds.", default="the first paragraph, cut within ~40 words or 300 characters"),
    Field("incident", Kind.DATE, "When the problem started.", example="2014-02-20"),
    Field("resolved", Kind.DATE, "When it was resolved (only with outcome resolved).", example="2014-02-28"),
    Field("channels", Kind.LIST, "How you contacted the company.", max_items=20,
          item=Field("channel", Kind.ENUM, "A channel.", choices=CHANNELS), example="[phone, twitter]"),
    Field("compensation", Kind.TEXT_OR_OBJECT, "What the company gave: text, or amount, currency and note.",
          fields=COMPENSATION_FIELDS, example='"6 euro korting"'),
    Field("tags", Kind.LIST, "Tags.", item=Field("tag", Kind.STRING, "A tag."), example="[glasvezel]", max_items=50),
    Field("timeline", Kind.LIST, "What happened, oldest first.", max_items=500,
          item=Field("event", Kind.OBJECT, "One event.", fields=TIMELINE_FIELDS)),
    Field("updates", Kind.LIST, "Later news on the case, oldest first.", max_items=200,
          item=Field("update", Kind.OBJECT, "One update.", fields=UPDATE_FIELDS)),
    Field("replies", Kind.LIST, "The company's replies after publication (right of reply), oldest first.",
          item=Field("reply", Kind.OBJECT, "One reply.", fields=REPLY_FIELDS)),
    Field("slug", Kind.SLUG, "URL name; overrides the one from the file name.", default="from the file name"),
    Field("draft", Kind.BOOLEAN, "Drafts are built only with --drafts.", default="false", example="false"),
)

# `review` names the keys `grievance import` guessed, so it may name any key above.
STORY_FIELDS: tuple[Field, ...] = (
    *_STORY_FACTS,
    Field("source", Kind.URL_OR_PATH, "Where the post came from: its URL, or the file relative to the site "
          "(written by `grievance import`).", example='"https://blog.example/2014/acht-dagen/"'),
    Field("review", Kind.LIST, "Keys whose values `grievance import` guessed; `check` warns until you "
          "confirm them and delete this key.",
          item=Field("key", Kind.ENUM, "A front-matter key.", choices=tuple(f.name for f in _STORY_FACTS)),
          example="[company, outcome, apology]"),
)

_SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
# An http(s) URL, or a relative path: no leading slash or backslash, no 'scheme:' or 'C:', one line.
_URL_OR_PATH_PATTERN = r"^(https?://\S+|(?![/\\])(?![A-Za-z][A-Za-z0-9+.-]*:)[^\x00-\x1f]+)$"
_SIMPLE: dict[Kind, dict[str, Any]] = {
    Kind.STRING: {"type": "string"},
    Kind.TEXT: {"type": "string"},
    Kind.DATE: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    Kind.BOOLEAN: {"type": "boolean"},
    Kind.INTEGER: {"type": "integer"},
    Kind.NUMBER: {"type": "number", "minimum": 0},
    Kind.SLUG: {"type": "string", "pattern": _SLUG_PATTERN},
    Kind.CURRENCY: {"type": "string", "pattern": "^[A-Z]{3}$"},
    Kind.URL: {"type": "string", "format": "uri", "pattern": "^https?://"},
    Kind.URL_OR_PATH: {"type": "string", "pattern": _URL_OR_PATH_PATTERN},
}


def field_schema(field: Field) -> dict[str, Any]:
    """A Field -> its JSON Schema (with description and default)."""
    if field.kind in _SIMPLE:
        schema = dict(_SIMPLE[field.kind])
    elif field.kind is Kind.ENUM:
        # YAML 1.1 readers load unquoted yes/no as booleans; validation maps them back.
        extra: list[Any] = [True, False] if {"yes", "no"} <= set(field.choices) else []
        schema = {"enum": [*field.choices, *extra, *([UNKNOWN] if field.unknown else [])]}
    elif field.kind is Kind.LIST:
        assert field.item is not None
        schema = {"type": "array", "items": field_schema(field.item)}
        if field.max_items is not None:
            schema["maxItems"] = field.max_items
    elif field.kind is Kind.OBJECT:
        schema = object_schema(field.fields)
    else:
        schema = {"anyOf": [{"type": "string"}, object_schema(field.fields)]}
    if field.kind is Kind.INTEGER and field.minimum is not None:
        schema["minimum"] = field.minimum
    if field.kind is Kind.INTEGER and field.maximum is not None:
        schema["maximum"] = field.maximum
    if field.required and field.kind in (Kind.STRING, Kind.TEXT):
        schema["minLength"] = 1
    schema["description"] = field.description
    if field.default in ("false", "true"):
        schema["default"] = field.default == "true"
    elif field.default and field.kind is not Kind.ENUM and " " not in field.default:
        schema["default"] = field.default
    return schema


def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    """A table of fields -> a closed JSON Schema object."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema


def story_json_schema() -> dict[str, Any]:
    """STORY_FIELDS -> a JSON Schema (draft 2020-12) of a story's front-matter."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "grievance story front-matter",
        **object_schema(STORY_FIELDS),
    }
    # `resolved` is only meaningful for a resolved case.
    schema["if"] = {"required": ["resolved"]}
    schema["then"] = {"properties": {"outcome": {"const": "resolved"}}}
    return schema
