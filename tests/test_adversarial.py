"""Hostile and broken input, end to end through `python -m generator build`.

Three tables:
- INVALID: each a tiny broken site; the exact stderr lines, exit 1, no traceback, and a
  previous output folder byte-identical afterwards;
- ODD_BUT_VALID: BOM, CRLF, emoji, right-to-left text, a 5 MB story...: builds, and the
  text shows up as written;
- injection: <script>, on*=, javascript:, <iframe>, SVG with script in every text field
  (body, title, company name and description, timeline, updates, tags, sector, summary),
  with raw HTML escaped and with `markdown: {allow_html: true}` (sanitised): no live markup
  in any page or feed.
"""

from __future__ import annotations

import shutil
import time
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest

from tests.conftest import run_cli, tree_bytes, write_tree
from tests.htmlcheck import output_problems

GOOD = {"site.yaml": 'base_url: "https://klachten.example/"\n', "content/companies/x.yaml": "name: X\n", "content/stories/good.md": "---\ntitle: Good\ncompany: X\ndate: 2015-01-01\noutcome: unresolved\napology: 'no'\n---\nFine.\n"}
BAD = "content/stories/bad.md"


def story(extra: str = "", *, title: str = "A", company: str = "X", date: str = "2015-01-01",
          outcome: str = "unresolved", apology: str = "'no'", body: str = "Body.\n") -> str:
    """A story whose front-matter lines are: 2 title, 3 company, 4 date, 5 outcome, 6 apology, 7+ extra."""
    return (f"---\ntitle: {title}\ncompany: {company}\ndate: {date}\noutcome: {outcome}\n"
            f"apology: {apology}\n{extra}---\n{body}")


def _summary(count: int) -> str:
    return f"build failed: {count} problem{'s' if count != 1 else ''}; nothing was written"


ALL_WRONG = story(
    "tags: x\ntimeline: 5\nupdates: {a: 1}\nchannels: [{}]\ncompensation: [1]\nslug: 'A B'\n"
    "draft: maybe\nsummary: 3\nauthor: []\nlanguage: fr\nincident: 2015-02-30\nresolved: 2015-13-01\n",
    title="[1]", company="{a: 1}", date="yes", outcome="3", apology="2015-01-01")

# (case id, {path: content}, exact stderr lines before the summary line)
INVALID: list[tuple[str, dict[str, str | bytes], list[str]]] = [
    ("empty file", {BAD: b""},
     [f"{BAD}:1: empty file (expected front-matter between '---' lines)"]),
    ("whitespace only", {BAD: b"  \n\n\t\n"},
     [f"{BAD}:1: empty file (expected front-matter between '---' lines)"]),
    ("only the opening fence", {BAD: b"---\n"},
     [f"{BAD}:1: front-matter: no closing '---' line"]),
    ("no closing fence", {BAD: b"---\ntitle: A\ncompany: X\n\nBody without a fence.\n"},
     [f"{BAD}:1: front-matter: no closing '---' line"]),
    ("no front-matter at all", {BAD: "# Just Markdown\n\nText.\n"},
     [f"{BAD}:1: expected '---' on the first line to start the front-matter"]),
    ("empty front-matter", {BAD: "---\n---\nBody\n"},
     [f"{BAD}:1: {key}: required key is missing" for key in ("apology", "company", "date", "outcome", "title")]),
    ("binary", {BAD: bytes(range(256)) * 4},
     [f"{BAD}:1: not a text file (binary data)"]),
    ("PNG renamed to .md", {BAD: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
     [f"{BAD}:1: not a text file (binary data)"]),
    ("latin-1 text", {BAD: "---\ntitle: Caf\u00e9\n---\n".encode("latin-1")},
     [f"{BAD}:2: not valid UTF-8 text (byte 0xe9); save the file as UTF-8"]),
    ("UTF-16 with BOM", {BAD: story().encode("utf-16")},
     [f"{BAD}:1: not a text file (binary data)"]),
    ("tab indentation", {BAD: story("timeline:\n\t- date: 2015-01-01\n")},
     [f"{BAD}:8: front-matter: invalid YAML: found character that cannot start any token; "
      "indent with spaces, not tabs"]),
    ("unclosed quote", {BAD: story(title='"Acht dagen')},
     [f"{BAD}:6: front-matter: invalid YAML: found unexpected end of stream "
      "(while scanning a quoted scalar started on line 2)"]),
    ("front-matter is a list", {BAD: "---\n- title\n- company\n---\n"},
     [f"{BAD}:2: front-matter: expected keys (key: value), got a list"]),
    ("front-matter is a scalar", {BAD: "---\nJust a sentence.\n---\n"},
     [f"{BAD}:2: front-matter: expected keys (key: value), got a string"]),
    ("wrong types in every field", {BAD: ALL_WRONG}, [
        f"{BAD}:2: title: expected a string, got a list",
        f"{BAD}:3: company: expected a string, got a mapping",
        f"{BAD}:4: date: expected a date (YYYY-MM-DD), got a boolean",
        f"{BAD}:5: outcome: expected open, resolved, unresolved or gave-up, got '3'",
        f"{BAD}:6: apology: expected yes, no or partial, got '2015-01-01'",
        f"{BAD}:7: tags: expected a list of strings, got a string",
        f"{BAD}:8: timeline: expected a list of events, got a number",
        f"{BAD}:9: updates: expected a list of updates, got a mapping",
        f"{BAD}:10: channels[1]: expected phone, email, twitter, facebook, webform, letter, chat, visit, "
        "ombudsman or other, got a mapping",
        f"{BAD}:11: compensation: expected text or a mapping with amount, currency and note, got a list",
        f"{BAD}:12: slug: expected lowercase letters, digits and '-', got 'A B' (try 'a-b')",
        f"{BAD}:13: draft: expected true or false, got 'maybe'",
        f"{BAD}:14: summary: expected a string, got a number (put it in quotes)",
        f"{BAD}:15: author: expected a string, got a list",
        f"{BAD}:16: language: expected nl or en, got 'fr'",
        f"{BAD}:17: incident: 2015-02-30 is not a real date",
        f"{BAD}:18: resolved: 2015-13-01 is not a real date",
    ]),
    ("impossible dates", {BAD: story("incident: 2015-04-31\ntimeline:\n  - date: 0000-01-01\n    text: x\n",
                                     date="2015-02-29")}, [
        f"{BAD}:4: date: 2015-02-29 is not a real date",
        f"{BAD}:7: incident: 2015-04-31 is not a real date",
        f"{BAD}:9: timeline[1].date: 0000-01-01 is not a real date",
    ]),
    ("dates out of order", {BAD: story(
        "incident: 2015-03-01\nresolved: 2015-02-01\ntimeline:\n  - date: 2015-02-20\n    text: a\n"
        "  - date: 2015-02-18\n    text: b\n", outcome="resolved")}, [
        f"{BAD}:8: resolved: 2015-02-01 is before incident (2015-03-01)",
        f"{BAD}:12: timeline[2].date: 2015-02-18 is before timeline[1].date (2015-02-20)",
    ]),
    ("unknown and duplicate keys", {BAD: story("apologie: yes\ntitle: B\nfavourite_colour: red\n")}, [
        f"{BAD}:7: unknown key 'apologie' (did you mean 'apology'?)",
        f"{BAD}:8: duplicate key 'title' (first on line 2)",
        f"{BAD}:9: unknown key 'favourite_colour'",
    ]),
    ("unsafe YAML tag", {BAD: story(title="!!python/object/apply:os.system ['echo pwned']")},
     [f"{BAD}:2: title: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"]),
    ("alias bomb", {BAD: story("".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)),
                               title="&l0 A")},
     [f"{BAD}:2: l6[1][4][4][8][2][7]: alias refers to itself or expands too far"]  # once, at the limit
     + [f"{BAD}:{line}: unknown key 'l{line - 6}'" for line in range(7, 16)]),
    ("BOM and CRLF keep line numbers", {BAD: b"\xef\xbb\xbf" + story(apology="maybe").replace("\n", "\r\n").encode()},
     [f"{BAD}:6: apology: expected yes, no or partial, got 'maybe'"]),
    ("slug collision across folders", {
        "content/stories/2015/kpn.md": story(), "content/stories/2016/2016-01-01-kpn.md": story()},
     ["content/stories/2016/2016-01-01-kpn.md: duplicate slug 'kpn' (also content/stories/2015/kpn.md)"]),
    ("slug override collides", {
        "content/stories/a.md": story(), "content/stories/b.md": story("slug: a\n")},
     ["content/stories/b.md: duplicate slug 'a' (also content/stories/a.md)"]),
    ("file name gives no slug", {"content/stories/2015-01-01-!!!.md": story()},
     ["content/stories/2015-01-01-!!!.md:1: cannot make a slug from the file name; add a 'slug:' key"]),
    ("binary company record", {"content/companies/bad.yaml": b"\x00\xff"},
     ["content/companies/bad.yaml:1: not a text file (binary data)"]),
    ("company record is a list", {"content/companies/bad.yaml": "- name\n"},
     ["content/companies/bad.yaml:1: expected keys (key: value), got a list"]),
    ("site.yaml typo and binary-ish", {"site.yaml": "title: T\nbase_ulr: http://x.example/\n"},
     ["site.yaml:2: unknown key 'base_ulr' (did you mean 'base_url'?)"]),
]


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build, copied per case as the 'previous output' a failed build must not touch."""
    root = tmp_path_factory.mktemp("previous")
    site = write_tree(root / "site", GOOD)
    result = run_cli("build", site, "--out", root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


@pytest.mark.parametrize(("files", "expected"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_site_reports_exact_errors_and_keeps_previous_output(
        tmp_path: Path, previous_output: Path, files: dict[str, str | bytes], expected: list[str]) -> None:
    out = tmp_path / "out"
    shutil.copytree(previous_output, out)
    before = tree_bytes(out)
    site = write_tree(tmp_path / "site", {**GOOD, **files})
    result = run_cli("build", site, "--out", out, timeout=60)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [*expected, _summary(len(expected))]
    assert result.returncode == 1
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # no leftovers beside it
    check = run_cli("check", site)
    assert check.returncode == 1
    assert check.stderr.splitlines() == [*expected, f"check failed: {len(expected)} problem{'s' if len(expected) != 1 else ''}"]


BIG_BODY = "".join(f"Paragraaf {i}: acht dagen zonder internet, en geen excuses. 🙁\n\n" for i in range(80_000))

# (case id, {path: content}, story slug, texts that must appear (HTML-escaped) on the story page)
ODD_BUT_VALID: list[tuple[str, dict[str, str | bytes], str, list[str]]] = [
    ("UTF-8 BOM", {"content/stories/bom.md": b"\xef\xbb\xbf" + story(title="Met BOM").encode()}, "bom", ["Met BOM"]),
    ("CRLF line ends", {"content/stories/crlf.md": story(title="Windows", body="Regel een\nRegel twee\n")
                        .replace("\n", "\r\n").encode()}, "crlf", ["Windows", "Regel een\nRegel twee"]),
    ("old Mac CR line ends", {"content/stories/cr.md": story(title="Mac").replace("\n", "\r").encode()},
     "cr", ["Mac"]),
    ("tabs in the body and values", {"content/stories/tabs.md": story(title='"Tab\\there"', body="\tcode block\n")},
     "tabs", ["Tab\there", "<pre><code>code block"]),
    ("emoji everywhere", {"content/stories/emoji.md": story(
        "tags: [😡, internet 🛜]\ntimeline:\n  - date: 2015-01-01\n    text: 'Gebeld 📞'\n",
        title="'Geen internet 😡🔥'", company="'Glas 🐌'", body="Nog steeds 🙁 👩🏽‍💻 🇳🇱\n")},
     "emoji", ["Geen internet 😡🔥", "Glas 🐌", "Gebeld 📞", "Nog steeds 🙁 👩🏽‍💻 🇳🇱", "internet 🛜"]),
    ("right-to-left text", {"content/stories/rtl.md": story(
        "summary: 'شكوى بدون رد'\n", title="'שירות לקוחות גרוע'", company="'شركة الاتصالات'",
        body="لم يتم حل المشكلة بعد.\n\nMixed: ‏abc‏ ‮reversed‬\n")},
     "rtl", ["שירות לקוחות גרוע", "شركة الاتصالات", "لم يتم حل المشكلة بعد.", "‮reversed‬"]),
    ("YAML 1.1 booleans and spaces", {"content/stories/yes.md": story(apology="yes", outcome="'  resolved '")},
     "yes", ["A"]),
    ("5 MB story", {"content/stories/big.md": story(title="Groot", body=BIG_BODY)}, "big",
     ["Paragraaf 0:", "Paragraaf 79999:"]),
]


@pytest.mark.parametrize(("files", "slug", "texts"), [
    pytest.param(*c[1:], id=c[0], marks=[pytest.mark.slow] if c[0] == "5 MB story" else []) for c in ODD_BUT_VALID])
def test_odd_but_valid_input_builds_and_shows_as_written(
        tmp_path: Path, files: dict[str, str | bytes], slug: str, texts: list[str]) -> None:
    site = write_tree(tmp_path / "site", files)
    started = time.perf_counter()
    result = run_cli("build", site, "--out", tmp_path / "out", "--quiet", timeout=120)
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 90  # ~8 s on an idle machine; generous under load
    page = (tmp_path / "out" / "stories" / slug / "index.html").read_text(encoding="utf-8")
    for text in texts:  # text is shown escaped; markup (starting '<') as rendered
        assert (text if text.startswith("<") else escape(text, quote=False)) in page, text
    assert output_problems(tmp_path / "out") == {}


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<a href=\"javascript:alert(3)\">klik</a>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<svg><script>alert(4)</script></svg>",
    "<svg onload=alert(5)><circle r=1 /></svg>",
    "[link](javascript:alert(6)) [l2](JaVaScRiPt:alert(7)) [l3](  javascript&#58;alert(8))",
    "<object data=\"javascript:alert(9)\"></object><embed src=x>",
    "<math><mi xlink:href=\"javascript:alert(10)\">x</mi></math>",
    "<style>body{background:url(javascript:alert(11))}</style><base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(12)\">",
    "</textarea></title></script><script>alert(13)</script>",
    "]]><script>alert(14)</script><![CDATA[",
    "<p title=\"x\" onclick=\"alert(15)\">p</p><details open ontoggle=alert(16)>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxNyk8L3NjcmlwdD4=\">d</a>",
]
PAYLOAD = " ".join(XSS)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _hostile_site(allow_html: bool) -> dict[str, str | bytes]:
    q = _quoted(PAYLOAD)
    timeline = "".join(f"  - date: 2015-01-0{i}\n    text: {_quoted(x)}\n" for i, x in enumerate(XSS[:9], 1))
    updates = "".join(f"  - date: 2015-02-0{i}\n    text: {_quoted(x)}\n" for i, x in enumerate(XSS[:9], 1))
    front = (f"summary: {q}\nauthor: {q}\ntags: [{', '.join(_quoted(x) for x in XSS)}]\n"
             f"compensation: {{amount: 6, note: {q}}}\nincident: 2015-01-01\n"
             f"timeline:\n{timeline}updates:\n{updates}")
    return {
        "site.yaml": f"title: {q}\nauthor: {q}\nmarkdown: {{allow_html: {str(allow_html).lower()}}}\n",
        "content/companies/evil.yaml": (f"name: {_quoted('Evil <script>alert(20)</script> BV')}\n"
                                        f"aliases: [{q}]\nsector: {q}\nwebsite: https://evil.example/\n"
                                        f"description: {q}\n"),
        "content/stories/2015-03-01-hostile.md": story(front, title=q, company="evil", date="2015-03-01",
                                                       body=PAYLOAD + "\n\n" + "\n\n".join(XSS) + "\n"),
        "content/stories/2015-03-02-unknown.md": story(title=q, company=_quoted("<svg onload=alert(21)>"),
                                                       date="2015-03-02", body="x\n"),
    }


@pytest.mark.parametrize("allow_html", [False, True], ids=["html escaped", "allow_html sanitised"])
def test_story_text_never_becomes_live_markup(tmp_path: Path, allow_html: bool) -> None:
    site = write_tree(tmp_path / "site", _hostile_site(allow_html))
    out = tmp_path / "out"
    result = run_cli("build", site, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    pages = [p for p in out.rglob("*.html")]
    assert len(pages) > 8
    assert output_problems(out) == {}
    story_page = (out / "stories" / "hostile" / "index.html").read_text(encoding="utf-8")
    if not allow_html:  # escaped, so a reader sees the text as written
        assert escape("<script>alert(1)</script>", quote=False) in story_page
    for feed in sorted(out.rglob("*.xml")):
        ET.parse(feed)  # a story closing CDATA (`]]>`) must not break a feed


def test_cdata_terminator_in_story_text_keeps_feeds_well_formed(tmp_path: Path) -> None:
    text = "Einde ]]> en nog ]]]]><![CDATA[> en <![CDATA[ open"
    site = write_tree(tmp_path / "site", {
        "content/stories/cdata.md": story("updates:\n  - date: 2015-02-01\n    text: " + _quoted(text) + "\n",
                                          title=_quoted(text), body=text + "\n")})
    out = tmp_path / "out"
    assert run_cli("build", site, "--out", out, "--quiet").returncode == 0
    for feed in sorted([*out.rglob("feed.xml"), *out.rglob("atom.xml"), *out.rglob("sitemap.xml")]):
        root = ET.parse(feed).getroot()
        if feed.name != "sitemap.xml":
            assert any("]]>" in (element.text or "") for element in root.iter()), feed
    assert output_problems(out) == {}
