"""Story files -> Story values or exact file:line diagnostics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.read.story import parse_story, slug_from_path, story_body
from generator.model import Actor, Apology, Channel, Compensation, Language, Outcome, SiteConfig

PATH = "content/stories/x.md"
CONFIG = SiteConfig(author="Ann", language=Language.EN)

GOOD_LINES = [
    "title: Acht dagen zonder internet",  # line 2
    "company: Fiber",  # 3
    "date: 2014-03-12",  # 4
    "outcome: resolved",  # 5
    "apology: no",  # 6
]


def story_bytes(*extra: str, base: list[str] | None = None, body: str = "Body text.\n") -> bytes:
    """Front-matter lines (after the required ones) and a body -> story file bytes."""
    lines = [*(GOOD_LINES if base is None else base), *extra]
    return ("---\n" + "\n".join(lines) + "\n---\n" + body).encode()


def messages(data: bytes, path: str = PATH) -> list[str]:
    story, diagnostics = parse_story(path, data, config=CONFIG)
    assert (story is None) == bool(diagnostics)
    return [str(d) for d in diagnostics]


def parse_ok(data: bytes, path: str = PATH):
    story, diagnostics = parse_story(path, data, config=CONFIG)
    assert diagnostics == []
    assert story is not None
    return story


def test_full_story() -> None:
    data = story_bytes(
        "incident: 2014-02-20",
        "resolved: 2014-02-28",
        "channels: [twitter, phone]",
        "compensation: {amount: 6.50, note: korting}",
        "tags: [glasvezel, aansluiting]",
        "timeline:",
        "  - date: 2014-02-20",
        "    by: company",
        "    via: phone",
        "    text: Niet *opgeleverd*.",
        "  - date: 2014-02-20",
        "    text: Weer gebeld.",
        "updates:",
        "  - date: 2014-03-20",
        "    text: Zes euro korting.",
        "draft: true",
        body="First <b>para</b>\ngraph.\n\nSecond.\n",
    )
    story = parse_ok(data)
    assert story.title == "Acht dagen zonder internet"
    assert story.company == "Fiber" and story.company_line == 3
    assert story.date == date(2014, 3, 12)
    assert story.outcome is Outcome.RESOLVED and story.apology is Apology.NO
    assert story.author == "Ann" and story.language is Language.EN
    assert story.incident == date(2014, 2, 20) and story.resolved == date(2014, 2, 28)
    assert story.channels == (Channel.TWITTER, Channel.PHONE)
    assert story.compensation == Compensation(Decimal("6.5"), "EUR", "korting")
    assert story.tags == ("glasvezel", "aansluiting")
    assert story.timeline[0].by is Actor.COMPANY and story.timeline[0].via is Channel.PHONE
    assert story.timeline[0].html == "Niet <em>opgeleverd</em>."
    assert story.timeline[1].by is None
    assert story.updates[0].html == "<p>Zes euro korting.</p>\n"
    assert story.draft is True
    assert story.summary == "First <b>para</b> graph."
    assert story_body("x.md", data) == "First <b>para</b>\ngraph.\n\nSecond.\n"
    assert story.body_line == 24
    assert "&lt;b&gt;para&lt;/b&gt;" in story.body_html
    assert story.slug == "x"


@pytest.mark.parametrize(("written", "expected"), [
    ("no", Apology.NO), ("yes", Apology.YES), ("off", Apology.NO), ("on", Apology.YES),
    ("'no'", Apology.NO), ('"yes"', Apology.YES), ("partial", Apology.PARTIAL), ("No", Apology.NO),
])
def test_apology_yaml11_booleans(written: str, expected: Apology) -> None:
    story = parse_ok(story_bytes(base=[*GOOD_LINES[:4], f"apology: {written}"]))
    assert story.apology is expected


def test_defaults_from_config_and_body() -> None:
    story = parse_ok(story_bytes(body="# Heading\n\nThe *first* paragraph\nwraps.\n\nSecond.\n"))
    assert story.author == "Ann" and story.language is Language.EN
    assert story.summary == "The first paragraph wraps."
    assert story.draft is False and story.compensation is None


def test_explicit_optional_values() -> None:
    story = parse_ok(story_bytes("author: Bob", "language: nl", "summary: Kort.", "slug: eigen-slug",
                                 "compensation: 6 euro korting"))
    assert (story.author, story.language, story.summary, story.slug) == ("Bob", Language.NL, "Kort.", "eigen-slug")
    assert story.compensation == Compensation(note="6 euro korting")


def test_empty_optional_values_count_as_absent() -> None:
    story = parse_ok(story_bytes("incident:", "summary:", "tags:"))
    assert story.incident is None and story.tags == ()


@pytest.mark.parametrize(("written", "amount"), [("6", "6"), ("6.5", "6.5"), ("1:30", "90"), ("1_000", "1000")])
def test_compensation_amounts(written: str, amount: str) -> None:
    story = parse_ok(story_bytes(f"compensation: {{amount: {written}}}"))
    assert story.compensation == Compensation(Decimal(amount), "EUR", "")


def test_quoted_date_string_is_accepted() -> None:
    assert parse_ok(story_bytes("incident: '2014-02-01'")).incident == date(2014, 2, 1)


@pytest.mark.parametrize(("path", "slug"), [
    ("content/stories/2015-03-01-Één dag.md", "een-dag"),
    ("content/stories/2014/fiber.md", "fiber"),
    ("content/stories/2014-02-20-KPN & Tele2.md", "kpn-tele2"),
    ("content/stories/2014-geen-datum.md", "2014-geen-datum"),
])
def test_slug_from_file_name(path: str, slug: str) -> None:
    assert slug_from_path(path) == slug
    assert parse_ok(story_bytes(), path=path).slug == slug


def test_bom_and_crlf() -> None:
    data = "\ufeff" + story_bytes(body="Hallo\n\nDaar\n").decode().replace("\n", "\r\n")
    story = parse_ok(data.encode())
    assert story.title == "Acht dagen zonder internet"
    assert story.body_line == 8 and story.summary == "Hallo"
    assert story_body("x.md", data.encode()) == "Hallo\n\nDaar\n"


BAD_FILES = [
    (b"", "content/stories/x.md:1: empty file (expected front-matter between '---' lines)"),
    (b"  \n\n", "content/stories/x.md:1: empty file (expected front-matter between '---' lines)"),
    (b"---", "content/stories/x.md:1: front-matter: no closing '---' line"),
    (b"---\n", "content/stories/x.md:1: front-matter: no closing '---' line"),
    (b"---\ntitle: x\n\nbody\n", "content/stories/x.md:1: front-matter: no closing '---' line"),
    (b"title: x\n---\n", "content/stories/x.md:1: expected '---' on the first line to start the front-matter"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "content/stories/x.md:1: not a text file (binary data)"),
    (b"---\ntitle: caf\xe9\n---\n",
     "content/stories/x.md:2: not valid UTF-8 text (byte 0xe9); save the file as UTF-8"),
    (b"---\n- a\n- b\n---\n", "content/stories/x.md:2: front-matter: expected keys (key: value), got a list"),
    (b"---\njust text\n---\n", "content/stories/x.md:2: front-matter: expected keys (key: value), got a string"),
    (b"---\ntitle: x\n\tcompany: y\n---\n", "content/stories/x.md:3: front-matter: invalid YAML: "
     "found a tab character that violates indentation; indent with spaces, not tabs"),
    (b"---\ntitle: [x\ncompany: y\n---\n", "content/stories/x.md:3: front-matter: invalid YAML: "
     "did not find expected ',' or ']' (while parsing a flow sequence started on line 2)"),
    (b"---\ntitle: \"x\n---\n", "content/stories/x.md:2: front-matter: invalid YAML: "
     "found unexpected end of stream (while scanning a quoted scalar started on line 2)"),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_bad_files(data: bytes, message: str) -> None:
    assert messages(data) == [message]


def test_empty_front_matter_reports_every_required_key() -> None:
    assert messages(b"---\n---\nbody\n") == [
        f"content/stories/x.md:1: {key}: required key is missing"
        for key in ("title", "company", "date", "outcome", "apology")
    ]


def replace_line(line: int, text: str) -> bytes:
    """GOOD_LINES with file line `line` (2..6) replaced by text."""
    base = list(GOOD_LINES)
    base[line - 2] = text
    return story_bytes(base=base)


FIELD_ERRORS = [
    (replace_line(6, "apology: maybe"), "content/stories/x.md:6: apology: expected yes, no or partial, got 'maybe'"),
    (replace_line(5, "outcome: done"),
     "content/stories/x.md:5: outcome: expected open, resolved, unresolved or gave-up, got 'done'"),
    (replace_line(5, "outcome: Resolved"), "content/stories/x.md:5: outcome: expected open, resolved, "
     "unresolved or gave-up, got 'Resolved' (did you mean 'resolved'?)"),
    (replace_line(5, "outcome: yes"),
     "content/stories/x.md:5: outcome: expected open, resolved, unresolved or gave-up, got 'yes'"),
    (replace_line(4, "date: 2014-02-30"), "content/stories/x.md:4: date: 2014-02-30 is not a real date"),
    (replace_line(4, "date: '2014-13-01'"), "content/stories/x.md:4: date: 2014-13-01 is not a real date"),
    (replace_line(4, "date: next week"),
     "content/stories/x.md:4: date: expected a date (YYYY-MM-DD), got 'next week'"),
    (replace_line(4, "date: 2014"), "content/stories/x.md:4: date: expected a date (YYYY-MM-DD), got a number"),
    (replace_line(2, "title: 1984"),
     "content/stories/x.md:2: title: expected a string, got a number (put it in quotes)"),
    (replace_line(2, "title: yes"),
     "content/stories/x.md:2: title: expected a string, got a boolean (put it in quotes)"),
    (replace_line(2, "title: [a, b]"), "content/stories/x.md:2: title: expected a string, got a list"),
    (replace_line(2, "title:"), "content/stories/x.md:2: title: required key is empty"),
    (replace_line(2, "title: ''"), "content/stories/x.md:2: title: required key is empty"),
    (replace_line(3, "company: {name: x}"), "content/stories/x.md:3: company: expected a string, got a mapping"),
    (story_bytes("tags: 5"), "content/stories/x.md:7: tags: expected a list of strings, got a number"),
    (story_bytes("tags: glasvezel"), "content/stories/x.md:7: tags: expected a list of strings, got a string"),
    (story_bytes("tags: [a, 5]"),
     "content/stories/x.md:7: tags[2]: expected a string, got a number (put it in quotes)"),
    (story_bytes("channels: [phone, fax]"), "content/stories/x.md:7: channels[2]: expected phone, email, "
     "twitter, facebook, webform, letter, chat, visit, ombudsman or other, got 'fax'"),
    (story_bytes("channels: [phne]"), "content/stories/x.md:7: channels[1]: expected phone, email, "
     "twitter, facebook, webform, letter, chat, visit, ombudsman or other, got 'phne' (did you mean 'phone'?)"),
    (story_bytes("channels: phone"), "content/stories/x.md:7: channels: expected a list of channels, got a string"),
    (story_bytes("language: de"), "content/stories/x.md:7: language: expected nl or en, got 'de'"),
    (story_bytes("draft: maybe"), "content/stories/x.md:7: draft: expected true or false, got 'maybe'"),
    (story_bytes("draft: 1"), "content/stories/x.md:7: draft: expected true or false, got a number"),
    (story_bytes("slug: Foo Bar"),
     "content/stories/x.md:7: slug: expected lowercase letters, digits and '-', got 'Foo Bar' (try 'foo-bar')"),
    (story_bytes("summary: [a]"), "content/stories/x.md:7: summary: expected a string, got a list"),
    (story_bytes("compensation: [6]"), "content/stories/x.md:7: compensation: "
     "expected text or a mapping with amount, currency and note, got a list"),
    (story_bytes("compensation: {amount: six}"),
     "content/stories/x.md:7: compensation.amount: expected a number of 0 or more, got 'six'"),
    (story_bytes("compensation: {amount: -5}"),
     "content/stories/x.md:7: compensation.amount: expected a number of 0 or more, got '-5'"),
    (story_bytes("compensation: {amount: 6, currency: eur}"), "content/stories/x.md:7: compensation.currency: "
     "expected a three-letter currency code in capitals, like EUR, got 'eur'"),
    (story_bytes("compensation: {amount: 6, valuta: EUR}"),
     "content/stories/x.md:7: unknown key 'compensation.valuta'"),
    (story_bytes("timeline: x"), "content/stories/x.md:7: timeline: expected a list of events, got a string"),
    (story_bytes("timeline:", "  - just text"),
     "content/stories/x.md:8: timeline[1]: expected a mapping with date and text, got a string"),
    (story_bytes("timeline:", "  - date: 2014-01-01"),
     "content/stories/x.md:8: timeline[1].text: required key is missing"),
    (story_bytes("timeline:", "  - date: 2014-01-01", "    text: x", "    by: them"),
     "content/stories/x.md:10: timeline[1].by: expected me, company or third-party, got 'them'"),
    (story_bytes("timeline:", "  - date: 2014-01-01", "    text: x", "    dat: 1"),
     "content/stories/x.md:10: unknown key 'timeline[1].dat' (did you mean 'timeline[1].date'?)"),
    (story_bytes("updates: {a: 1}"), "content/stories/x.md:7: updates: expected a list of updates, got a mapping"),
    (story_bytes("apologie: no"), "content/stories/x.md:7: unknown key 'apologie' (did you mean 'apology'?)"),
    (story_bytes("colour: red"), "content/stories/x.md:7: unknown key 'colour'"),
    (story_bytes("title: again"), "content/stories/x.md:7: duplicate key 'title' (first on line 2)"),
    (story_bytes("timeline:", "  - date: 2014-01-01", "    text: x", "    text: y"),
     "content/stories/x.md:10: duplicate key 'timeline[1].text' (first on line 9)"),
    (story_bytes("tags: !!binary aGk="), "content/stories/x.md:7: tags: unsupported YAML tag 'tag:yaml.org,2002:binary'"),
]


@pytest.mark.parametrize(("data", "message"), FIELD_ERRORS)
def test_field_errors(data: bytes, message: str) -> None:
    assert messages(data) == [message]


RULE_ERRORS = [
    (story_bytes("incident: 2014-02-20", "resolved: 2014-02-18"),
     "content/stories/x.md:8: resolved: 2014-02-18 is before incident (2014-02-20)"),
    (story_bytes("timeline:", "  - {date: 2014-02-20, text: a}", "  - {date: 2014-02-21, text: b}",
                 "  - {date: 2014-02-18, text: c}"),
     "content/stories/x.md:10: timeline[3].date: 2014-02-18 is before timeline[2].date (2014-02-21)"),
    (story_bytes("updates:", "  - date: 2014-03-20", "    text: a", "  - date: 2014-03-01", "    text: b"),
     "content/stories/x.md:10: updates[2].date: 2014-03-01 is before updates[1].date (2014-03-20)"),
]


@pytest.mark.parametrize(("data", "message"), RULE_ERRORS)
def test_rules(data: bytes, message: str) -> None:
    assert messages(data) == [message]


def test_resolved_needs_outcome_resolved() -> None:
    data = story_bytes("resolved: 2014-02-28", base=[*GOOD_LINES[:3], "outcome: open", "apology: no"])
    assert messages(data) == [
        "content/stories/x.md:7: resolved: only allowed with outcome resolved (outcome is 'open')"]


def test_fiber_example_from_spec() -> None:
    lines = ["incident: 2014-02-10", "resolved: 2014-02-28", "channels: [phone]", "tags: [a]", "timeline:",
             "  - date: 2014-02-20", "    text: a", "  - date: 2014-02-18", "    text: b"]
    assert messages(story_bytes(*lines), path="content/stories/fiber.md") == [
        "content/stories/fiber.md:14: timeline[2].date: 2014-02-18 is before timeline[1].date (2014-02-20)"]


def test_all_problems_reported_in_line_order() -> None:
    data = b"---\ntitle: 5\ncompany: c\ndate: 2014-02-30\noutcome: done\napology: maybe\napologie: x\ntitle: t\n---\n"
    assert messages(data) == [
        "content/stories/x.md:2: title: expected a string, got a number (put it in quotes)",
        "content/stories/x.md:4: date: 2014-02-30 is not a real date",
        "content/stories/x.md:5: outcome: expected open, resolved, unresolved or gave-up, got 'done'",
        "content/stories/x.md:6: apology: expected yes, no or partial, got 'maybe'",
        "content/stories/x.md:7: unknown key 'apologie' (did you mean 'apology'?)",
        "content/stories/x.md:8: duplicate key 'title' (first on line 2)",
    ]


def test_missing_key_is_reported_on_line_1_with_others() -> None:
    data = story_bytes(base=GOOD_LINES[1:])
    assert messages(data) == ["content/stories/x.md:1: title: required key is missing"]


def test_slug_from_unusable_file_name() -> None:
    assert messages(story_bytes(), path="content/stories/2014-01-01-!!!.md") == [
        "content/stories/2014-01-01-!!!.md:1: cannot make a slug from the file name; add a 'slug:' key"]
    assert parse_ok(story_bytes("slug: ok"), path="content/stories/!!!.md").slug == "ok"


def test_script_and_links_in_body_are_escaped() -> None:
    body = "<script>alert(1)</script>\n\n<a href=\"https://x.nl\">x</a> [y](javascript:alert(1))\n"
    story = parse_ok(story_bytes(body=body))
    assert "<script" not in story.body_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in story.body_html
    assert "<a " not in story.body_html and "&lt;a href=&quot;https://x.nl&quot;&gt;" in story.body_html


def test_allow_html_sanitises() -> None:
    body = "<b>ok</b> <script>alert(1)</script> <a href=\"javascript:x\">y</a>\n"
    story, problems = parse_story(PATH, story_bytes(body=body), config=SiteConfig(allow_html=True))
    assert problems == [] and story is not None
    assert "<b>ok</b>" in story.body_html
    assert "script" not in story.body_html and "javascript" not in story.body_html


def test_a_summary_written_by_the_author_is_kept_as_written_however_long() -> None:
    written = " ".join(["Lang"] * 80) + "."
    story = parse_ok(story_bytes(f"summary: {written}", body=" ".join(["tekst"] * 90) + "\n"))
    assert story.summary == written


def test_the_automatic_summary_is_cut_but_the_body_is_whole() -> None:
    body = " ".join(["tekst"] * 90) + "\n"
    story = parse_ok(story_bytes(body=body))
    assert story.summary == " ".join(["tekst"] * 40) + "…"
    assert story.body_html == f"<p>{body.strip()}</p>\n"
