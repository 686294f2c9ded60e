"""STORY_FIELDS -> JSON Schema; the table covers the model."""

from __future__ import annotations

import dataclasses

import jsonschema
import pytest

from generator.model import Story
from generator.read.schema import STORY_FIELDS, Kind, story_json_schema

GOOD = {
    "title": "Acht dagen zonder internet", "company": "Fiber", "date": "2014-03-12",
    "outcome": "resolved", "apology": "no", "incident": "2014-02-20", "resolved": "2014-02-28",
    "channels": ["twitter", "phone"], "compensation": {"amount": 6, "currency": "EUR", "note": "korting"},
    "tags": ["glasvezel"], "draft": False, "slug": "acht-dagen", "language": "nl",
    "timeline": [{"date": "2014-02-20", "by": "company", "via": "phone", "text": "x"}],
    "updates": [{"date": "2014-03-20", "text": "y"}],
}


def validator() -> jsonschema.Draft202012Validator:
    schema = story_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_is_draft_2020_12() -> None:
    assert story_json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("change", [{}, {"apology": False}, {"apology": True}, {"compensation": "6 euro"},
                                    {"resolved": None}])
def test_good_front_matter_validates(change: dict) -> None:
    data = {**GOOD, **change}
    data = {k: v for k, v in data.items() if v is not None}
    assert list(validator().iter_errors(data)) == []


@pytest.mark.parametrize("change", [
    {"apology": "maybe"}, {"apologie": "no"}, {"title": None}, {"title": ""}, {"date": "12-03-2014"},
    {"channels": ["fax"]}, {"tags": 5}, {"compensation": {"amount": 6, "currency": "eur"}},
    {"timeline": [{"date": "2014-02-20"}]}, {"slug": "Foo Bar"}, {"draft": "no"}, {"outcome": "open"},
])
def test_bad_front_matter_is_rejected(change: dict) -> None:
    data = {**GOOD, **change}
    data = {k: v for k, v in data.items() if v is not None}
    assert list(validator().iter_errors(data)) != []


def test_every_field_documented() -> None:
    def walk(fields):
        for field in fields:
            assert field.description, field.name
            if field.kind is Kind.ENUM:
                assert field.choices, field.name
            if field.item is not None:
                yield from walk((field.item,))
            yield from walk(field.fields)
            yield field
    assert len(list(walk(STORY_FIELDS))) > len(STORY_FIELDS)


def test_table_covers_story_fields() -> None:
    renamed = {"source": "origin"}  # Story.source is the story file's own path
    names = {renamed.get(f.name, f.name) for f in STORY_FIELDS}
    story_fields = {f.name for f in dataclasses.fields(Story)}
    derived = {"source", "body_html", "company_line", "body_line", "company_slug", "outcome_line", "images",
               "review_line", "reading_minutes"}
    assert names == story_fields - derived
    assert [f.name for f in STORY_FIELDS if f.required] == ["title", "company", "date", "outcome", "apology"]
