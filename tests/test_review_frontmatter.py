"""The review desk's front-matter writer: only changed keys are written; the body, comments,
key order, quoting and line endings stay byte for byte."""

from __future__ import annotations

from datetime import date

import pytest

from generator.serve.review.frontmatter import (
    EditError,
    FrontMatterFile,
    paragraphs,
    remove_paragraphs,
    trailing_comment,
)

STORY = """\
---
# yaml-language-server: $schema=../../schema.json
title: "Acht dagen zonder internet"
company: "Glasnet"  # 4 mentions, in the title: "Glasnet liet ons zitten"
date: 2026-12-06   # the import day: the post had none
outcome: resolved  # "eindelijk opgelost" (paragraph 3)
apology: "no"
channels: [phone, webform]
timeline:
  - date: 2014-02-20  # "op 20 februari belde ik"
    by: me
    via: phone
    text: "Gebeld."
  - date: 2014-02-25
    by: company
    text: "Monteur gestuurd."
draft: true
source: "blog/acht-dagen.html"
# guessed by `grievance import`: check these keys, then delete 'review' (and 'draft' to publish)
review: [company, date, outcome, apology, channels, timeline]
---
Eerste alinea, met een # hekje en ---
streepjes.

Tweede alinea.\r
  
Over de auteur: schrijft graag.
"""


def test_unchanged_values_leave_the_file_byte_identical() -> None:
    edited = FrontMatterFile(STORY)
    for key, value in edited.values().items():
        edited.set(key, value)
    edited.set("apology", False)  # unquoted `no` is the same value as "no"
    assert edited.text() == STORY


def test_a_changed_key_keeps_its_comment_its_place_and_every_other_line() -> None:
    edited = FrontMatterFile(STORY)
    edited.set("company", "Glasnet B.V.")
    edited.set("date", date(2014, 3, 12))
    text = edited.text()
    assert 'company: "Glasnet B.V."  # 4 mentions, in the title: "Glasnet liet ons zitten"\n' in text
    assert "date: 2014-03-12  # the import day: the post had none\n" in text
    assert text == STORY.replace('company: "Glasnet"  #', 'company: "Glasnet B.V."  #').replace(
        "date: 2026-12-06   #", "date: 2014-03-12  #")
    assert text.split("---\n", 2)[2] == STORY.split("---\n", 2)[2]


def test_new_keys_go_in_schema_order_and_removed_keys_take_their_comment_lines_along() -> None:
    edited = FrontMatterFile(STORY)
    edited.set("incident", date(2014, 2, 20))
    edited.set("tags", ["glasvezel", "a b", "yes"])
    edited.set("compensation", {"amount": 6, "currency": "EUR"})
    edited.set("review", None)
    edited.set("draft", None)
    lines = edited.text().splitlines()
    assert lines.index("incident: 2014-02-20") == lines.index('apology: "no"') + 1
    assert 'tags: [glasvezel, a b, "yes"]' in lines
    assert "compensation: {amount: 6, currency: EUR}" in lines
    assert not any("review" in line or "draft" in line for line in lines)
    assert lines[-1] == "Over de auteur: schrijft graag."
    assert FrontMatterFile(edited.text()).values()["tags"] == ["glasvezel", "a b", "yes"]


def test_a_changed_timeline_keeps_the_lines_of_events_that_did_not_change() -> None:
    edited = FrontMatterFile(STORY)
    events = edited.values()["timeline"]
    edited.set("timeline", [events[0], {"date": date(2014, 2, 24), "by": "me", "text": "Nog eens: gebeld?"}, events[1]])
    text = edited.text()
    assert '  - date: 2014-02-20  # "op 20 februari belde ik"\n    by: me\n    via: phone\n    text: "Gebeld."\n' in text
    assert '  - date: 2014-02-24\n    by: me\n    text: "Nog eens: gebeld?"\n  - date: 2014-02-25\n' in text
    assert FrontMatterFile(text).values()["timeline"][1]["text"] == "Nog eens: gebeld?"


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff" + STORY.replace("\n", "\r\n")
    edited = FrontMatterFile(text)
    edited.set("outcome", "open")
    out = edited.text()
    assert out.startswith("\ufeff---\r\n")
    assert "outcome: open  # \"eindelijk opgelost\" (paragraph 3)\r\n" in out
    assert out.replace("outcome: open  ", "outcome: resolved  ") == text


def test_evidence_comments_are_read_per_key_and_per_event() -> None:
    edited = FrontMatterFile(STORY)
    comments = edited.comments()
    assert comments["company"] == '4 mentions, in the title: "Glasnet liet ons zitten"'
    assert comments["date"] == "the import day: the post had none"
    assert "title" not in comments
    assert edited.item_comments("timeline") == ['"op 20 februari belde ik"', ""]


@pytest.mark.parametrize(("line", "expected"), [
    ('title: "C# # not a comment"  # but this is', ('title: "C# # not a comment"', "but this is")),
    ("title: C#", ("title: C#", "")),
    ("title: 'it''s # here' # yes", ("title: 'it''s # here'", "yes")),
    ('title: "a \\" # b"', ('title: "a \\" # b"', "")),
    ("# whole line", ("", "whole line")),
])
def test_trailing_comments(line: str, expected: tuple[str, str]) -> None:
    assert trailing_comment(line) == expected


def test_junk_paragraphs_are_removed_and_the_rest_stays_byte_for_byte() -> None:
    body = FrontMatterFile(STORY).body
    blocks = paragraphs(body)
    assert "".join(blocks) == body
    assert blocks[2] == "Over de auteur: schrijft graag.\n"
    assert remove_paragraphs(body, {2}) == body.rsplit("  \nOver", 1)[0]
    assert remove_paragraphs(body, {0}) == body.split("streepjes.\n\n", 1)[1]


@pytest.mark.parametrize("text", ["no fence\n", "---\ntitle: x\n", "---\n[a, b]\n---\n", "---\ntitle: [\n---\n"])
def test_files_it_cannot_edit_are_refused(text: str) -> None:
    with pytest.raises(EditError):
        FrontMatterFile(text)


@pytest.mark.parametrize("value", ["x\nreview: []\n# y", 'a" # b', "line\u2028sep", "- item", "yes", "{a: 1}", "  "])
def test_values_from_a_form_cannot_inject_yaml(value: str) -> None:
    edited = FrontMatterFile(STORY)
    edited.set("title", value)
    edited.set("tags", [value, "ok"])
    edited.set("timeline", [{"date": date(2014, 2, 20), "by": value, "text": value}])
    again = FrontMatterFile(edited.text()).values()
    assert again["title"] == value and again["tags"] == [value, "ok"]
    assert again["timeline"] == [{"date": date(2014, 2, 20), "by": value, "text": value}]
    assert again["review"] == ["company", "date", "outcome", "apology", "channels", "timeline"]


def test_duplicate_keys_are_not_edited() -> None:
    with pytest.raises(EditError, match="duplicate key 'company' \\(line 4\\)"):
        FrontMatterFile("---\ntitle: a\ncompany: X\ncompany: Y\n---\n")
