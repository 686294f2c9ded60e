"""The desk's form <-> front-matter values: what a submitted form asks to change.

Empty required fields (title, company, date, outcome, apology) leave their key as it is;
an empty optional field removes its key. A value the form does not know (an outcome
`unknown` written by import) comes back as it went out, so it is not changed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from generator.model import Actor, Apology, Channel, Outcome

KEYS = ("title", "date", "company", "outcome", "apology", "author", "incident", "resolved",
        "channels", "compensation", "tags", "timeline")
REQUIRED = ("title", "date", "company", "outcome", "apology")
OUTCOMES = tuple(o.value for o in Outcome)
APOLOGIES = tuple(a.value for a in Apology)
CHANNELS = tuple(c.value for c in Channel)
ACTORS = tuple(a.value for a in Actor)

Form = dict[str, list[str]]


def one(form: Form, name: str) -> str:
    return (form.get(name) or [""])[0].strip()


def _day(text: str, key: str, problems: list[str]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"{key}: expected a date as YYYY-MM-DD, got '{text}'")
        return None


def _amount(text: str, problems: list[str]) -> int | float | None:
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        problems.append(f"compensation: expected an amount such as 6 or 12.50, got '{text}'")
        return None
    if not number.is_finite() or number < 0:
        problems.append(f"compensation: expected an amount of 0 or more, got '{text}'")
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _compensation(form: Form, problems: list[str]) -> Any:
    amount, currency, note = one(form, "amount"), one(form, "currency").upper(), one(form, "compensation")
    if not amount:
        return note or None
    value: dict[str, Any] = {"amount": _amount(amount, problems), "currency": currency or "EUR"}
    if note:
        value["note"] = note
    return value


def _timeline(form: Form, problems: list[str]) -> list[dict[str, Any]] | None:
    rows = zip(form.get("tl_date", []), form.get("tl_by", []), form.get("tl_via", []), form.get("tl_text", []),
               strict=False)
    events: list[dict[str, Any]] = []
    for number, (day, by, via, text) in enumerate(rows, 1):
        day, by, via, text = day.strip(), by.strip(), via.strip(), " ".join(text.split())
        if not (day or text):
            continue
        if not day or not text:
            problems.append(f"timeline[{number}]: an event needs a date and a text")
            continue
        event: dict[str, Any] = {"date": _day(day, f"timeline[{number}].date", problems)}
        if by:
            event["by"] = by
        if via:
            event["via"] = via
        event["text"] = text
        events.append(event)
    return events or None


def changes(form: Form) -> tuple[dict[str, Any], list[str]]:
    """A submitted form -> ({key: new value, None to remove}, problems). Only the keys the
    form names in its `fields` input are changed (a check box or list left empty sends
    nothing, so absence alone cannot mean "remove"); the others stay as they are."""
    wanted, problems = _all_changes(form)
    managed = set(one(form, "fields").split())
    return {key: value for key, value in wanted.items() if key in managed}, problems


def _all_changes(form: Form) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    wanted: dict[str, Any] = {}
    for key in ("title", "company", "outcome", "apology"):
        if one(form, key):
            wanted[key] = one(form, key)
    for key in ("date", "incident", "resolved"):
        text = one(form, key)
        if text:
            wanted[key] = _day(text, key, problems)
        elif key not in REQUIRED:
            wanted[key] = None
    wanted["author"] = one(form, "author") or None
    wanted["channels"] = [c for c in form.get("channels", []) if c] or None
    wanted["compensation"] = _compensation(form, problems)
    tags = [t.strip() for t in one(form, "tags").split(",") if t.strip()]
    wanted["tags"] = list(dict.fromkeys(tags)) or None
    wanted["timeline"] = _timeline(form, problems)
    return wanted, problems


def compensation_fields(value: Any) -> tuple[str, str, str]:
    """A compensation value -> (amount, currency, note) for the form."""
    if isinstance(value, dict):
        amount = value.get("amount")
        return ("" if amount is None else str(amount), str(value.get("currency") or "EUR"), str(value.get("note") or ""))
    return "", "EUR", "" if value is None else str(value)


def shown(value: Any) -> str:
    """A front-matter value -> the text an input shows (YAML 1.1 no/yes back to words)."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
