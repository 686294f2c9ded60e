"""Site -> all cases as open data: /data/cases.json, /data/cases.csv and a JSON Schema.

One record per published story in site order (newest first). JSON is written with
`sort_keys=True, ensure_ascii=False`, cases.json one case to a line (a diff of two
exports shows the cases that changed; json's C encoder writes it, ~10x faster than an
indented dump, which is pure Python: 0.5 s at 10,000 stories); the CSV has the same columns, with the nested
compensation flattened to `compensation.amount` / `.currency` / `.note` and lists
joined with ';'. A text cell that a spreadsheet would run as a formula is neutralised
(see `_cell`). Nothing here reads the clock: "days open" counts to `site.now`.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from generator.model import Actor, Apology, Channel, Outcome, Site, Story
from generator.site.stats import channels_tried, days_open, days_to_first_response, days_to_reply, days_to_resolve
from generator.urls import Urls

CASES_JSON, CASES_CSV, CASES_SCHEMA = "data/cases.json", "data/cases.csv", "data/cases.schema.json"
DATA_FILES = (CASES_JSON, CASES_CSV, CASES_SCHEMA)  # every file render_opendata writes
COLUMNS = (
    "slug", "url", "title", "company", "company_slug", "date", "incident", "resolved",
    "outcome", "apology", "compensation.amount", "compensation.currency", "compensation.note",
    "channels", "tags", "days_to_resolve", "days_to_first_response", "days_open", "updates",
    "replies", "days_to_reply",
)


def _amount(value: Decimal | None) -> int | float | None:
    """Decimal('6') -> 6, Decimal('6.50') -> 6.5: a JSON number."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def case_record(story: Story, site: Site, urls: Urls) -> dict[str, Any]:
    """Story -> its open-data record (the keys of the schema)."""
    paid = story.compensation
    return {
        "slug": story.slug,
        "url": urls.absolute(urls.story(story)),
        "title": story.title,
        "company": site.company_of(story).name,
        "company_slug": story.company_slug,
        "date": story.date.isoformat(),
        "incident": story.incident.isoformat() if story.incident else None,
        "resolved": story.resolved.isoformat() if story.resolved else None,
        "outcome": str(story.outcome),
        "apology": str(story.apology),
        "compensation": None if paid is None else {
            "amount": _amount(paid.amount), "currency": paid.currency or None, "note": paid.note,
        },
        "channels": [str(channel) for channel in channels_tried(story)],
        "tags": list(story.tags),
        "days_to_resolve": days_to_resolve(story),
        "days_to_first_response": days_to_first_response(story),
        "days_open": days_open(story, site.now),
        "updates": len(story.updates),
        "replies": len(story.replies),
        "days_to_reply": days_to_reply(story),
    }


# A spreadsheet reads a cell starting with one of these as a formula (CSV injection):
# such text cells get a leading single quote, as OWASP recommends
# (https://owasp.org/www-community/attacks/CSV_Injection). Numbers stay numbers, -6 too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_NOTE = ("In cases.csv, a text cell beginning with =, +, -, @, a tab or a carriage return is "
            "prefixed with a single quote (') so that spreadsheets do not run it as a formula "
            "(OWASP, CSV injection); numbers are written as they are, and cases.json holds every "
            "value unchanged.")


def _cell(value: Any) -> str:
    """A record's value -> its CSV cell: lists joined with ';', formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = ";".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(record: dict[str, Any]) -> list[str]:
    """A case record -> its CSV cells in COLUMNS order."""
    paid = record["compensation"] or {}
    flat = {**record, **{f"compensation.{key}": paid.get(key) for key in ("amount", "currency", "note")}}
    return [_cell(flat[column]) for column in COLUMNS]


def to_csv(records: list[dict[str, Any]]) -> str:
    """Case records -> CSV text with a header row (RFC 4180 line endings)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(record) for record in records)
    return buffer.getvalue()


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **extra}


def cases_schema(schema_url: str) -> dict[str, Any]:
    """The schema's own absolute URL -> the JSON Schema (draft 2020-12) of cases.json."""
    date = {"type": "string", "format": "date"}
    days = _nullable("integer", minimum=0)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "Cases",
        "description": f"Every published complaint story as one record, newest first. {CSV_NOTE}",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": [column.split(".")[0] for column in COLUMNS if not column.startswith("compensation.")]
            + ["compensation"],
            "properties": {
                "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                "url": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "company": {"type": "string", "description": "The company's display name."},
                "company_slug": {"type": "string"},
                "date": {**date, "description": "Publication date."},
                "incident": _nullable("string", format="date", description="When the problem started."),
                "resolved": _nullable("string", format="date"),
                "outcome": {"enum": [str(o) for o in Outcome]},
                "apology": {"enum": [str(a) for a in Apology]},
                "compensation": {
                    "type": ["object", "null"],
                    "additionalProperties": False,
                    "required": ["amount", "currency", "note"],
                    "properties": {
                        "amount": _nullable("number"),
                        "currency": _nullable("string", description="ISO 4217 code, e.g. EUR."),
                        "note": {"type": "string"},
                    },
                },
                "channels": {
                    "type": "array", "items": {"enum": [str(c) for c in Channel]},
                    "description": "Channels listed, plus those the author's timeline events used.",
                },
                "tags": {"type": "array", "items": {"type": "string"}},
                "days_to_resolve": {**days, "description": "Days from incident to resolution."},
                "days_to_first_response": {
                    **days, "description": (
                        f"Days from the complaint (the first timeline event by '{Actor.ME}') to the "
                        f"first event by '{Actor.COMPANY}' after it; null when either is missing."),
                },
                "days_open": {**days, "description": "Days open so far (open cases only)."},
                "updates": {"type": "integer", "minimum": 0, "description": "Number of updates."},
                "replies": {"type": "integer", "minimum": 0, "description": "Number of company replies."},
                "days_to_reply": {**days, "description": "Days from publication to the company's first reply."},
            },
        },
    }


def _json(value: Any) -> bytes:
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_ONE_LINE = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _json_lines(items: list[Any]) -> bytes:
    """A list -> a JSON array with one item to a line."""
    if not items:
        return b"[]\n"
    return ("[\n" + ",\n".join(map(_ONE_LINE.encode, items)) + "\n]\n").encode("utf-8")


def render_opendata(site: Site, urls: Urls) -> dict[str, bytes]:
    """Site, Urls -> {'data/cases.json': ..., 'data/cases.csv': ..., 'data/cases.schema.json': ...}."""
    records = [case_record(story, site, urls) for story in site.stories]
    schema_url = urls.absolute(urls.file(CASES_SCHEMA))
    return {
        CASES_JSON: _json_lines(records),
        CASES_CSV: to_csv(records).encode("utf-8"),
        CASES_SCHEMA: _json(cases_schema(schema_url)),
    }
