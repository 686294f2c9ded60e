"""feeds.py: RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site, companies, tags and sectors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import feedparser
import pytest

from generator.output.feeditems import absolutize
from generator.model import Apology, Language, Outcome, Story, Update
from generator.urls import update_anchors
from tests.conftest import REPO, run_cli, tree_bytes

SITES = REPO / "tests" / "sites"
FEED_NAMES = ("feed.xml", "atom.xml", "feed.json")
VERSIONS = {"feed.xml": "rss20", "atom.xml": "atom10"}
NL = "https://klachten.example/"
ACHT = f"{NL}stories/acht-dagen-zonder-internet/"
METER = f"{NL}stories/de-meter/"


def _build(site: Path, out: Path) -> dict[str, bytes]:
    result = run_cli("build", site, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return tree_bytes(out)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The example site and both fixture sites, built once for this module."""
    root = tmp_path_factory.mktemp("feeds")
    return {
        "example": _build(REPO, root / "example"),
        "nl": _build(SITES / "nl", root / "nl"),
        "en": _build(SITES / "en", root / "en"),
    }


def _feeds(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if path.rsplit("/", 1)[-1] in FEED_NAMES}


def _ids(data: bytes) -> list[str]:
    return [entry.id for entry in feedparser.parse(data).entries]


@pytest.mark.parametrize("name", ["example", "nl", "en"])
def test_every_xml_feed_parses_cleanly_with_unique_ids(built: dict[str, dict[str, bytes]], name: str) -> None:
    feeds = _feeds(built[name])
    assert "feed.xml" in feeds and "atom.xml" in feeds and "feed.json" in feeds
    for path, data in feeds.items():
        if path.endswith(".json"):
            continue
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == VERSIONS[path.rsplit("/", 1)[-1]], path
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), path
        assert parsed.entries, path  # every feed of these sites follows at least one story


def test_every_owner_has_its_feeds(built: dict[str, dict[str, bytes]]) -> None:
    assert sorted(_feeds(built["nl"])) == [
        "atom.xml",
        "authors/kees-testers/atom.xml", "authors/kees-testers/feed.xml",
        "companies/glasnet/atom.xml", "companies/glasnet/feed.json", "companies/glasnet/feed.xml",
        "companies/stroomtij/atom.xml", "companies/stroomtij/feed.json", "companies/stroomtij/feed.xml",
        "companies/waterlijn/atom.xml", "companies/waterlijn/feed.json", "companies/waterlijn/feed.xml",
        "feed.json", "feed.xml",
        "sectors/energie/atom.xml", "sectors/energie/feed.xml",
        "sectors/telecom/atom.xml", "sectors/telecom/feed.xml",
        "tags/factuur/atom.xml", "tags/factuur/feed.xml",
        "tags/glasvezel/atom.xml", "tags/glasvezel/feed.xml",
        "tags/slimme-meter/atom.xml", "tags/slimme-meter/feed.xml",
        "tags/storing/atom.xml", "tags/storing/feed.xml",
    ]


def test_example_site_has_feeds_for_every_company_tag_and_sector(built: dict[str, dict[str, bytes]]) -> None:
    files = built["example"]
    for folder in ("companies", "tags", "sectors", "authors"):
        owners = {p.split("/")[1] for p in files if p.startswith(f"{folder}/") and p.endswith("/index.html")
                  and p.count("/") == 2}
        assert owners, folder
        for owner in owners:
            assert f"{folder}/{owner}/feed.xml" in files and f"{folder}/{owner}/atom.xml" in files
            if folder == "companies":
                assert f"{folder}/{owner}/feed.json" in files


def test_site_feed_items_newest_first_with_updates(built: dict[str, dict[str, bytes]]) -> None:
    files = built["nl"]
    expected = [f"{NL}stories/onbekend/", f"{NL}stories/de-meter/", f"{ACHT}#update-2015-03-20", ACHT]
    assert _ids(files["feed.xml"]) == expected
    assert _ids(files["atom.xml"]) == expected
    assert [item["id"] for item in json.loads(files["feed.json"])["items"]] == expected


def test_a_story_with_one_update_gives_two_items_in_its_company_feed(built: dict[str, dict[str, bytes]]) -> None:
    files = built["nl"]
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse(files[f"companies/glasnet/{name}"])
        assert [(e.id, e.title, e.link) for e in parsed.entries] == [
            (METER, "De meter die dubbel telde", METER),  # its subsidiary Stroomtij's case
            (f"{ACHT}#update-2015-03-20", "Update: Acht dagen zonder internet", f"{ACHT}#update-2015-03-20"),
            (ACHT, "Acht dagen zonder internet", ACHT),
        ]
    page = files["stories/acht-dagen-zonder-internet/index.html"].decode()
    assert '<article class="update" id="update-2015-03-20">' in page


def test_english_site_translates_and_keeps_its_sub_path(built: dict[str, dict[str, bytes]]) -> None:
    parsed = feedparser.parse(built["en"]["companies/nuvola/atom.xml"])
    base = "https://letters.example/blog/stories/"
    assert [(e.id, e.title) for e in parsed.entries] == [
        (f"{base}letter/", "An open letter about waiting"),
        (f"{base}roaming/#update-2020-10-15", "Update: Roaming charges in Belgium"),
        (f"{base}roaming/#update-2020-09-01", "Update: Roaming charges in Belgium"),
        (f"{base}roaming/", "Roaming charges in Belgium"),
    ]
    assert parsed.feed.link == "https://letters.example/blog/companies/nuvola/"


def test_feed_dates_are_the_newest_items_not_the_build_time(built: dict[str, dict[str, bytes]]) -> None:
    files = built["nl"]
    assert b"<lastBuildDate>Wed, 01 Jun 2016 00:00:00 +0000</lastBuildDate>" in files["feed.xml"]
    assert b"<updated>2016-06-01T00:00:00+00:00</updated>" in files["atom.xml"]
    glasnet = feedparser.parse(files["companies/glasnet/atom.xml"])
    assert glasnet.feed.updated == "2016-05-01T00:00:00+00:00"  # its subsidiary's case
    story = glasnet.entries[2]
    assert (story.published, story.updated) == ("2015-03-12T00:00:00+00:00", "2015-03-20T00:00:00+00:00")
    assert [t.term for t in story.tags] == ["Glasnet", "glasvezel", "storing"]
    assert story.author == "Kees Testers"
    assert b'<generator version="0.1.0">grievance</generator>' in files["atom.xml"]


def test_content_is_full_html_with_absolute_links_only(built: dict[str, dict[str, bytes]]) -> None:
    for name in ("nl", "en", "example"):
        for path, data in _feeds(built[name]).items():
            text = data.decode("utf-8")
            for pattern in (r'(?:href|src)=\\?"/', r"(?:href|src)=&quot;/", r'(?:href|src)=\\?"#', r"(?:href|src)=&quot;#"):
                assert not re.search(pattern, text), (name, path, pattern)
    story = feedparser.parse(built["nl"]["companies/glasnet/atom.xml"]).entries[2]
    html = story.content[0].value
    assert '<a href="https://klachten.example/stories/de-meter/">het verhaal over de meter</a>' in html
    assert f'<a href="{ACHT}#fn1" id="fnref1">' in html
    assert "<dt>Compensatie</dt><dd>€\xa06,00 (korting op de factuur)</dd>" in html  # Babel: no-break space
    assert "<dt>Dagen tot oplossing</dt><dd>8 dagen</dd>" in html
    assert "<th>dag</th>" in html


def test_json_feed_shape(built: dict[str, dict[str, bytes]]) -> None:
    feed = json.loads(built["nl"]["companies/glasnet/feed.json"])
    assert {k: v for k, v in feed.items() if k != "items"} == {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Glasnet · Klachten van Kees",
        "description": "Verhalen over Glasnet, inclusief Stroomtij Energie",
        "home_page_url": f"{NL}companies/glasnet/",
        "feed_url": f"{NL}companies/glasnet/feed.json",
        "language": "nl",
        "authors": [{"name": "Kees Testers"}],
    }
    meter, update, story = feed["items"]
    assert meter["id"] == METER and "<dt>Bedrijf</dt><dd>Stroomtij Energie</dd>" in meter["content_html"]
    assert update == {
        "id": f"{ACHT}#update-2015-03-20", "url": f"{ACHT}#update-2015-03-20",
        "title": "Update: Acht dagen zonder internet",
        "content_html": '<p class="case-status"><strong>Afloop:</strong> Opgelost · <strong>Excuses:</strong> '
                        "Geen excuses</p>\n<p>Zes euro korting gevonden. Nog steeds geen excuses.</p>\n",
        "date_published": "2015-03-20T00:00:00+00:00", "date_modified": "2015-03-20T00:00:00+00:00",
        "authors": [{"name": "Kees Testers"}], "tags": ["Glasnet", "glasvezel", "storing"], "language": "nl",
    }
    assert sorted(story) == ["authors", "content_html", "date_modified", "date_published", "id", "language",
                             "summary", "tags", "title", "url"]
    assert (story["id"], story["date_published"], story["date_modified"]) == (
        ACHT, "2015-03-12T00:00:00+00:00", "2015-03-20T00:00:00+00:00")
    raw = built["nl"]["companies/glasnet/feed.json"].decode("utf-8")
    assert "€\xa06,00" in raw  # ensure_ascii=False
    assert raw == json.dumps(feed, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


_ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">')


@pytest.mark.parametrize(("page", "own"), [
    ("index.html", []),
    ("stories/de-meter/index.html", []),
    ("companies/glasnet/index.html", ["companies/glasnet/feed.xml", "companies/glasnet/atom.xml",
                                      "companies/glasnet/feed.json"]),
    ("tags/glasvezel/index.html", ["tags/glasvezel/feed.xml", "tags/glasvezel/atom.xml"]),
    ("sectors/telecom/index.html", ["sectors/telecom/feed.xml", "sectors/telecom/atom.xml"]),
])
def test_pages_link_their_feeds_in_head(built: dict[str, dict[str, bytes]], page: str, own: list[str]) -> None:
    files = built["nl"]
    head = files[page].decode("utf-8").split("</head>")[0]
    links = _ALTERNATE.findall(head)
    assert [href.lstrip("/") for _, href in links] == ["feed.xml", "atom.xml", "feed.json", *own]
    assert [kind for kind, _ in links][:3] == ["application/rss+xml", "application/atom+xml", "application/feed+json"]
    for _, href in links:
        assert href.lstrip("/") in files


def test_alternate_links_carry_the_sub_path(built: dict[str, dict[str, bytes]]) -> None:
    head = built["en"]["companies/nuvola/index.html"].decode("utf-8").split("</head>")[0]
    hrefs = [href for _, href in _ALTERNATE.findall(head)]
    assert hrefs == ["/blog/feed.xml", "/blog/atom.xml", "/blog/feed.json", "/blog/companies/nuvola/feed.xml",
                     "/blog/companies/nuvola/atom.xml", "/blog/companies/nuvola/feed.json"]


@pytest.mark.parametrize(("site", "page", "text"), [
    ("nl", "companies/glasnet/index.html", "Volg dit bedrijf"),
    ("nl", "tags/glasvezel/index.html", "Volg deze tag"),
    ("nl", "sectors/telecom/index.html", "Volg deze sector"),
    ("en", "companies/nuvola/index.html", "Follow this company"),
])
def test_pages_show_a_follow_link_with_the_feed_url(built: dict[str, dict[str, bytes]], site: str, page: str,
                                                     text: str) -> None:
    html = built[site][page].decode("utf-8")
    owner = page.removesuffix("index.html")
    base = NL if site == "nl" else "https://letters.example/blog/"
    root = "/" if site == "nl" else "/blog/"
    assert f'<p class="follow-label">{text}</p>' in html
    shown = html.replace("<wbr>", "")  # the visible URL may break at its slashes
    assert (f'<li>RSS: <a href="{root}{owner}feed.xml" type="application/rss+xml">{base}{owner}feed.xml</a></li>'
            in shown)


def test_builds_are_byte_identical_and_ids_stable(tmp_path: Path, built: dict[str, dict[str, bytes]]) -> None:
    again = _feeds(_build(SITES / "nl", tmp_path / "again"))
    assert again == _feeds(built["nl"])


def test_summary_counts_feeds(tmp_path: Path) -> None:
    result = run_cli("build", SITES / "nl", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert ", 26 feeds" in result.stdout


STORY = """\
---
title: "{title}"
company: Acme
date: {date}
outcome: open
apology: "no"
{extra}---
{body}
"""


def _story(day: str, title: str = "Story {day}", body: str = "Body.", extra: str = "") -> str:
    return STORY.format(title=title.format(day=day), date=day, extra=extra, body=body)


def test_limit_keeps_the_newest_items(make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path) -> None:
    site = make_site({
        "site.yaml": 'title: T\nbase_url: "https://t.example/"\nlanguage: en\nfeeds: {limit: 2}\n',
        "content/stories/a.md": _story("2020-01-01", extra="updates:\n  - date: 2020-03-01\n    text: Later.\n"),
        "content/stories/b.md": _story("2020-02-01"),
        "content/stories/c.md": _story("2020-01-15"),
    })
    files = _build(site, tmp_path / "out")
    expected = ["https://t.example/stories/a/#update-2020-03-01", "https://t.example/stories/b/"]
    for path in ("feed.xml", "atom.xml", "companies/acme/feed.xml", "companies/acme/atom.xml"):
        assert _ids(files[path]) == expected, path
    assert [i["id"] for i in json.loads(files["feed.json"])["items"]] == expected


def test_ties_on_one_date_are_ordered_by_id(make_site: Callable[[dict[str, str | bytes]], Path],
                                            tmp_path: Path) -> None:
    site = make_site({
        "site.yaml": 'base_url: "https://t.example/"\n',
        "content/stories/zz.md": _story("2020-01-01"),
        "content/stories/aa.md": _story("2020-01-01"),
    })
    assert _ids(_build(site, tmp_path / "out")["feed.xml"]) == [
        "https://t.example/stories/aa/", "https://t.example/stories/zz/"]


def test_script_and_cdata_end_never_reach_a_feed_as_markup(
    make_site: Callable[[dict[str, str | bytes]], Path], tmp_path: Path
) -> None:
    title = "<script>alert(1)</script> ]]> & co"
    site = make_site({
        "site.yaml": 'base_url: "https://t.example/"\nlanguage: en\n',
        "content/stories/evil.md": _story(
            "2020-01-01", title=title.replace('"', '\\"'),
            body='<script>alert("body")</script>\n\nText with ]]> inside and <img src=x onerror=alert(1)>.',
            extra='tags: ["<b>bold</b>"]\nupdates:\n  - date: 2020-02-01\n    text: "<script>alert(2)</script> ]]>"\n',
        ),
    })
    files = _feeds(_build(site, tmp_path / "out"))
    assert files
    for path, data in files.items():
        text = data.decode("utf-8")
        if path.endswith(".json"):
            feed = json.loads(text)
            for item in feed["items"]:
                assert "<script" not in item["content_html"] and "<img" not in item["content_html"]
            assert feed["items"][1]["title"] == title  # plain text by the JSON Feed spec
            continue
        assert "<script" not in text and "<img" not in text and "<b>" not in text, path
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert [e.title for e in parsed.entries] == [f"Update: {title}", title], path
    update = feedparser.parse(files["atom.xml"]).entries[0]
    assert update.content[0].value == ('<p class="case-status"><strong>Outcome:</strong> Open · '
                                       "<strong>Apology:</strong> No apology</p>\n"
                                       "<p>&lt;script&gt;alert(2)&lt;/script&gt; ]]&gt;</p>")


@pytest.mark.parametrize(("html", "base", "expected"), [
    ('<a href="/x/">x</a>', "https://s.example/blog/stories/a/", '<a href="https://s.example/x/">x</a>'),
    ('<a href="x">x</a>', "https://s.example/stories/a/", '<a href="https://s.example/stories/a/x">x</a>'),
    ('<a href="#fn1" id="r">1</a>', "https://s.example/a/", '<a href="https://s.example/a/#fn1" id="r">1</a>'),
    ('<a href="https://other.example/?a=1&amp;b=2">o</a>', "https://s.example/",
     '<a href="https://other.example/?a=1&amp;b=2">o</a>'),
    ('<img src="../pic.png" alt="a > b">', "https://s.example/stories/a/",
     '<img src="https://s.example/stories/pic.png" alt="a > b">'),
    ('<img alt="x" src=\'/p.png\' />', "https://s.example/", '<img alt="x" src="https://s.example/p.png" />'),
    ('<p>href="/not-a-link"</p>', "https://s.example/", '<p>href="/not-a-link"</p>'),
    ('<blockquote cite="/src"><p>q</p></blockquote>', "https://s.example/",
     '<blockquote cite="https://s.example/src"><p>q</p></blockquote>'),
    ('<abbr title="href=/x">x</abbr>', "https://s.example/", '<abbr title="href=/x">x</abbr>'),
])
def test_absolutize(html: str, base: str, expected: str) -> None:
    assert absolutize(html, base) == expected


def test_update_anchors_stay_unique_on_one_date() -> None:
    updates = tuple(Update(date=date(2020, 1, d), text="t", html="<p>t</p>\n") for d in (1, 1, 2, 1))
    story = Story(
        source="s.md", slug="s", title="S", company="c", date=date(2020, 1, 1), outcome=Outcome.OPEN,
        apology=Apology.NO, author="", language=Language.EN, summary="", body_html="",
        updates=updates,
    )
    assert update_anchors(story) == ("update-2020-01-01", "update-2020-01-01-2", "update-2020-01-02",
                                     "update-2020-01-01-3")
