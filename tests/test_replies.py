"""Right of reply: `replies:` parsed and checked, shown apart from the author's text and
sanitised, one feed item per reply, figures, open data and site.yaml's replies.contact."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import feedparser
import pytest

from generator.build import BuildOptions, build_site
from generator.model import Apology, Language, Outcome, Reply, SiteConfig, Story
from generator.read.config import parse_config
from generator.read.story import parse_story
from generator.site.stats import days_to_reply, record_of
from generator.urls import reply_anchors

STORY = """\
---
title: "Glasvezel die niet kwam"
company: Glasnet
date: 2024-03-11
outcome: open
apology: "no"
tags: [glasvezel]
replies:
  - date: 2024-03-20
    text: "Wij betreuren de vertraging. <script>alert('x')</script>"
    by: "Woordvoerder Glasnet"
    source: https://glasnet.example/reactie
  - date: 2024-03-20
    text: "Een tweede reactie op dezelfde dag."
  - date: 2024-04-02
    text: "De aansluiting is *gepland*."
---
Acht weken wachten op een aansluiting.
"""

SITE = {
    "site.yaml": 'title: "Klachten"\nbase_url: "https://klachten.example/"\nlanguage: nl\n'
                 'replies: {contact: "mailto:reacties@klachten.example"}\n',
    "content/companies/glasnet.yaml": "name: Glasnet\nsector: telecom\n",
    "content/companies/stroomwerk.yaml": "name: Stroomwerk\nsector: energie\n",
    "content/stories/2024-03-11-glasvezel.md": STORY,
    "content/stories/2024-02-01-meter.md": "---\ntitle: Meter\ncompany: Glasnet\ndate: 2024-02-01\n"
                                           "outcome: resolved\napology: yes\n---\nOpgelost.\n",
    "content/stories/2024-01-10-stroom.md": "---\ntitle: Stroom\ncompany: Stroomwerk\ndate: 2024-01-10\n"
                                            "outcome: open\napology: partial\n---\nGeen stroom.\n",
}


def _parse(text: str) -> tuple[Story | None, list[str]]:
    story, problems = parse_story("content/stories/x.md", text.encode(), config=SiteConfig())
    return story, [str(p) for p in problems]


def test_replies_are_parsed_with_their_lines_and_sanitised() -> None:
    story, problems = _parse(STORY)
    assert problems == []
    assert story is not None
    first = story.replies[0]
    assert (first.date, first.by, first.source, first.line) == (
        date(2024, 3, 20), "Woordvoerder Glasnet", "https://glasnet.example/reactie", 10)
    assert "<script>" not in first.html and "&lt;script&gt;" in first.html
    assert story.replies[2].html == "<p>De aansluiting is <em>gepland</em>.</p>\n"
    assert story.modified == date(2024, 4, 2)
    assert reply_anchors(story) == ("reply-2024-03-20", "reply-2024-03-20-2", "reply-2024-04-02")


@pytest.mark.parametrize(("replies", "expected"), [
    ("  - date: 2024-04-02\n    text: a\n  - date: 2024-03-20\n    text: b\n",
     ["content/stories/x.md:10: replies[2].date: 2024-03-20 is before replies[1].date (2024-04-02)"]),
    ("  - date: 2024-03-01\n    text: te vroeg\n",
     ["content/stories/x.md:8: replies[1].date: 2024-03-01 is before the publication date (2024-03-11); "
      "a reply comes after"]),
    ("  - date: 2024-04-02\n", ["content/stories/x.md:8: replies[1].text: required key is missing"]),
    ("  - date: 2024-04-02\n    text: a\n    source: glasnet.example\n",
     ["content/stories/x.md:10: replies[1].source: expected an absolute http(s) URL, got 'glasnet.example'"]),
    ("  - date: 2024-04-02\n    text: a\n    door: x\n",
     ["content/stories/x.md:10: unknown key 'replies[1].door'"]),
])
def test_bad_replies_are_errors_with_file_and_line(replies: str, expected: list[str]) -> None:
    text = ("---\ntitle: T\ncompany: Glasnet\ndate: 2024-03-11\noutcome: open\napology: 'no'\n"
            f"replies:\n{replies}---\nBody.\n")
    story, problems = _parse(text)
    assert story is None
    assert problems == expected


def _story(published: date, *replied: date) -> Story:
    return Story(source="s.md", slug=f"s{published.isoformat()}", title="T", company="Glasnet", date=published,
                 outcome=Outcome.OPEN, apology=Apology.NO, author="", language=Language.NL, summary="",
                 body_html="", replies=tuple(Reply(day, "x", "<p>x</p>") for day in replied))


def test_days_to_reply_and_the_record_figures() -> None:
    stories = [_story(date(2024, 1, 1), date(2024, 1, 11), date(2024, 2, 1)), _story(date(2024, 2, 1)),
               _story(date(2024, 3, 1), date(2024, 3, 31))]
    assert [days_to_reply(s) for s in stories] == [10, None, 30]
    record = record_of(stories, date(2024, 6, 1))
    assert (record.cases, record.replied, record.median_days_to_reply) == (3, 2, 20.0)
    assert record_of([stories[1]], date(2024, 6, 1)).median_days_to_reply is None


@pytest.mark.parametrize(("value", "message"), [
    ('"reacties@klachten.example"', "expected a mailto: address or an absolute http(s) URL, "
                                    "got 'reacties@klachten.example'"),
    ('"javascript:alert(1)"', "expected a mailto: address or an absolute http(s) URL, got 'javascript:alert(1)'"),
])
def test_reply_contact_must_be_mailto_or_a_web_address(value: str, message: str) -> None:
    config, problems = parse_config(f"title: x\nreplies:\n  contact: {value}\n".encode())
    assert config.reply_contact == ""
    assert [str(p) for p in problems] == [f"site.yaml:3: replies.contact: {message}"]
    assert parse_config(b"replies: {contact: 'https://glasnet.example/reageer'}\n")[0].reply_contact == (
        "https://glasnet.example/reageer")


@pytest.fixture
def built(make_site: Callable[[dict[str, str]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01
    site = make_site(SITE)
    out = tmp_path / "out"
    build_site(site, out, BuildOptions(search=False))
    return out


def _read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def test_story_page_shows_replies_apart_in_the_companys_voice(built: Path) -> None:
    page = _read(built, "stories/glasvezel/index.html")
    prose_end = page.index('<section class="replies"')
    assert "Wij betreuren" not in page[:prose_end]  # never mixed into the author's text
    section = page[prose_end:page.index("</section>", prose_end)]
    assert '<h2 id="replies">Reactie van Glasnet</h2>' in section
    for anchor in ("reply-2024-03-20", "reply-2024-03-20-2", "reply-2024-04-02"):
        assert f'id="{anchor}"' in section and f'href="#{anchor}"' in section
    assert "<script>alert" not in page and "&lt;script&gt;alert('x')&lt;/script&gt;" in section
    assert "Door Woordvoerder Glasnet" in section
    assert '<a href="https://glasnet.example/reactie" rel="nofollow">Bron</a>' in section
    invite = ('Wil Glasnet reageren op dit verhaal? Stuur de reactie naar '
              '<a href="mailto:reacties@klachten.example">reacties@klachten.example</a>.')
    assert invite in page
    assert ('Wil Glasnet reageren op deze verhalen? Stuur de reactie naar '
            '<a href="mailto:reacties@klachten.example">') in _read(built, "companies/glasnet/index.html")


def test_each_reply_is_a_feed_item_in_the_site_company_tag_and_sector_feeds(built: Path) -> None:
    base = "https://klachten.example/stories/glasvezel/"
    expected = {f"{base}#reply-2024-04-02", f"{base}#reply-2024-03-20", f"{base}#reply-2024-03-20-2"}
    for feed in ("feed.xml", "atom.xml", "companies/glasnet/feed.xml", "tags/glasvezel/atom.xml",
                 "sectors/telecom/feed.xml"):
        parsed = feedparser.parse((built / feed).read_bytes())
        assert not parsed.bozo, feed
        replies = [e for e in parsed.entries if "#reply-" in e.id]
        assert {e.id for e in replies} == expected, feed
        assert {e.title for e in replies} == {"Reactie van Glasnet: Glasvezel die niet kwam"}
        newest = next(e for e in replies if e.id.endswith("2024-04-02"))
        content = newest.content[0].value if "content" in newest else newest.summary
        assert content.strip() == "<p>De aansluiting is <em>gepland</em>.</p>"
    assert not any("#reply-" in e.id for e in feedparser.parse((built / "sectors/energie/feed.xml").read_bytes()).entries)
    site_ids = [e.id for e in feedparser.parse((built / "feed.xml").read_bytes()).entries]
    assert site_ids[0] == f"{base}#reply-2024-04-02"  # newest first
    script = next(e for e in feedparser.parse((built / "atom.xml").read_bytes()).entries
                  if e.id.endswith("#reply-2024-03-20"))
    assert "<script>" not in script.content[0].value


def test_json_feed_carries_replies_without_the_story_summary(built: Path) -> None:
    feed = json.loads(_read(built, "feed.json"))
    reply = next(item for item in feed["items"] if item["id"].endswith("#reply-2024-04-02"))
    assert reply["title"] == "Reactie van Glasnet: Glasvezel die niet kwam"
    assert "summary" not in reply


def test_figures_and_companies_table_count_cases_with_a_reply(built: Path) -> None:
    company = _read(built, "companies/glasnet/index.html")
    assert "<div><dt>Zaken met een reactie</dt><dd>1 van 2</dd></div>" in company
    assert "<div><dt>Mediaan dagen tot reactie</dt><dd>9</dd></div>" in company
    table = _read(built, "companies/index.html")
    assert '<th scope="col" class="num minor"><abbr title="Zaken met een reactie">Reactie</abbr></th>' in table
    assert '<td class="num minor" data-value="1">1 van 2</td>' in table
    assert '<td class="num minor" data-value="0">0 van 1</td>' in table


def test_open_data_has_replies_and_days_to_reply(built: Path) -> None:
    records = {r["slug"]: r for r in json.loads(_read(built, "data/cases.json"))}
    assert (records["glasvezel"]["replies"], records["glasvezel"]["days_to_reply"]) == (3, 9)
    assert (records["meter"]["replies"], records["meter"]["days_to_reply"]) == (0, None)
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(_read(built, "data/cases.csv")))}
    assert (rows["glasvezel"]["replies"], rows["glasvezel"]["days_to_reply"]) == ("3", "9")
    assert rows["meter"]["days_to_reply"] == ""
    schema = json.loads(_read(built, "data/cases.schema.json"))["items"]
    assert {"replies", "days_to_reply"} <= set(schema["required"])
    import jsonschema
    jsonschema.validate(list(records.values()), json.loads(_read(built, "data/cases.schema.json")))


def test_check_looks_for_personal_data_in_replies_and_counts_them_as_news() -> None:
    from generator.model import Company
    from generator.site.link import link_site
    from generator.site.lint import lint_site

    text = STORY.replace('text: "Een tweede reactie op dezelfde dag."',
                         'text: "Bel ons terug op 06-12345678."')
    story, problems = _parse(text)
    assert problems == [] and story is not None
    glasnet = Company(slug="glasnet", name="Glasnet", source="content/companies/glasnet.yaml")
    site, _ = link_site(SiteConfig(), [story], [glasnet], today=date(2024, 9, 1), now=date(2024, 9, 1))
    assert [str(d) for d in lint_site(site, {})] == [
        "content/stories/x.md:14: warning: possible phone number '06-12345678' (personal data of others?)"]
    later, _ = link_site(SiteConfig(), [story], [glasnet], today=date(2024, 10, 20), now=date(2024, 10, 20))
    assert [str(d) for d in lint_site(later, {}) if "no news" in d.message] == [
        "content/stories/x.md:16: warning: open case with no news for 201 days (last on 2024-04-02); "
        "add an update or change the outcome"]
