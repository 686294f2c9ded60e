"""Escalation routes: the shipped data, a site's own routes, selection by sector, dates
from the first written complaint, the story page box and `check`'s deadline warnings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.build import BuildOptions, build_site
from generator.fast import speed
from generator.i18n import format_wait
from generator.model import Company, Language, Period, Route, RouteEvent, SiteConfig, Story
from generator.read.escalation import parse_routes, read_routes
from generator.read.story import parse_story
from generator.site.escalation import Status, escalation_of, first_written_complaint, routes_for
from generator.site.lint import lint_site
from generator.site.link import link_site
from tests.conftest import run_cli, tree_bytes

GLASNET = Company(slug="glasnet", name="Glasnet", sector="Telecom")
KIFID = Route(id="kifid", name="Kifid", url="https://kifid.example/", note="n", source="https://kifid.example/s",
              checked=date(2026, 12, 1), sectors=("bank",), after=Period(RouteEvent.COMPLAINT, 56),
              deadline=Period(RouteEvent.COMPLAINT, 365))
TELECOM = Route(id="telecom", name="De Geschillencommissie Telecom", url="https://gc.example/", note="n",
                source="https://gc.example/s", checked=date(2026, 12, 1), sectors=("telecom", "internet"),
                after=Period(RouteEvent.COMPLAINT, 28))
ANSWER = Route(id="answer", name="Na antwoord", url="https://a.example/", note="n", source="https://a.example/s",
               checked=date(2026, 12, 1), after=Period(RouteEvent.COMPLAINT, 0),
               deadline=Period(RouteEvent.FINAL_ANSWER, 90))
INFO = Route(id="info", name="ConsuWijzer", url="https://info.example/", note="n", source="https://info.example/s",
             checked=date(2026, 12, 1))

TIMELINE = """\
timeline:
  - date: 2024-03-01
    by: me
    via: phone
    text: "Gebeld: geen oplossing."
  - date: 2024-03-04
    by: me
    via: email
    text: "Klacht per e-mail."
  - date: 2024-03-10
    by: company
    via: email
    text: "Ontvangstbevestiging."
  - date: 2024-04-20
    by: company
    via: letter
    text: "Definitief antwoord: afgewezen."
"""


def _story(timeline: str = TIMELINE, outcome: str = "open", company: str = "Glasnet") -> Story:
    text = (f"---\ntitle: Glasvezel\ncompany: {company}\ndate: 2024-05-01\noutcome: {outcome}\napology: 'no'\n"
            f"{timeline}---\nBody.\n")
    story, problems = parse_story("content/stories/glasvezel.md", text.encode(), config=SiteConfig())
    assert problems == [] and story is not None
    return story


def test_shipped_routes_parse_and_each_names_its_checked_source() -> None:
    routes, problems = read_routes(None)
    assert problems == []
    assert [r.id for r in routes] == ["geschillencommissie", "geschillencommissie-telecom",
                                      "geschillencommissie-energie", "kifid", "acm-consuwijzer", "klachtenkompas"]
    for route in routes:
        assert route.source.startswith("https://") and route.checked == date(2026, 12, 1)
        assert route.note and route.note_en
    kifid = next(r for r in routes if r.id == "kifid")
    assert (kifid.after, kifid.deadline) == (Period(RouteEvent.COMPLAINT, 56), Period(RouteEvent.COMPLAINT, 365))


@pytest.mark.parametrize(("sector", "expected"), [
    ("Telecom", ["geschillencommissie-telecom", "acm-consuwijzer", "klachtenkompas"]),
    ("energie", ["geschillencommissie-energie", "acm-consuwijzer", "klachtenkompas"]),
    ("Verzekeringen", ["kifid", "acm-consuwijzer", "klachtenkompas"]),
    ("water", ["geschillencommissie", "acm-consuwijzer", "klachtenkompas"]),
    ("", ["acm-consuwijzer", "klachtenkompas"]),
])
def test_routes_are_selected_by_the_companys_sector(sector: str, expected: list[str]) -> None:
    routes, _ = read_routes(None)
    company = Company(slug="x", name="X", sector=sector)
    assert [r.id for r in routes_for(routes, company)] == expected


def test_the_first_written_complaint_skips_phone_calls() -> None:
    complaint = first_written_complaint(_story())
    assert complaint is not None and complaint.date == date(2024, 3, 4)


@pytest.mark.parametrize(("now", "status", "opens"), [
    (date(2024, 3, 31), Status.NOT_YET, date(2024, 4, 1)),  # waiting period not yet passed
    (date(2024, 4, 1), Status.OPEN, date(2024, 4, 1)),  # passed that day
    (date(2025, 3, 5), Status.OPEN, date(2024, 4, 1)),
])
def test_waiting_period_counts_from_the_written_complaint(now: date, status: Status, opens: date) -> None:
    found = escalation_of(_story(), GLASNET, (TELECOM, INFO), now)
    assert found is not None
    assert [(s.route.id, s.status, s.opens, s.closes) for s in found.routes] == [
        ("telecom", status, opens, None), ("info", Status.OPEN, None, None)]


def test_deadlines_from_the_complaint_and_from_the_final_answer() -> None:
    bank = Company(slug="bank", name="Spaarbank", sector="bank")
    found = escalation_of(_story(), bank, (KIFID, ANSWER), date(2025, 3, 4))
    assert found is not None
    assert [(s.status, s.opens, s.closes) for s in found.routes] == [
        (Status.OPEN, date(2024, 4, 29), date(2025, 3, 4)),  # 4 March 2024 + 365 days: open on the day itself
        (Status.CLOSED, date(2024, 3, 4), date(2024, 7, 19)),  # 20 April 2024 + 90 days
    ]
    closed = escalation_of(_story(), bank, (KIFID,), date(2025, 3, 5))
    assert closed is not None and closed.routes[0].status is Status.CLOSED


def test_no_written_complaint_yet_means_writing_first() -> None:
    story = _story("timeline:\n  - date: 2024-03-01\n    by: me\n    via: phone\n    text: Gebeld.\n")
    found = escalation_of(story, GLASNET, (TELECOM, INFO), date(2024, 6, 1))
    assert found is not None and found.complaint is None
    assert [(s.status, s.opens) for s in found.routes] == [(Status.NEEDS_COMPLAINT, None), (Status.OPEN, None)]


@pytest.mark.parametrize("outcome", ["resolved"])
def test_resolved_cases_show_nothing(outcome: str) -> None:
    assert escalation_of(_story(outcome=outcome), GLASNET, (TELECOM, INFO), date(2024, 6, 1)) is None


@pytest.mark.parametrize("outcome", ["open", "unresolved", "gave-up"])
def test_unresolved_cases_get_routes(outcome: str) -> None:
    assert escalation_of(_story(outcome=outcome), GLASNET, (TELECOM,), date(2024, 6, 1)) is not None


@pytest.mark.parametrize(("days", "language", "expected"), [
    (28, Language.NL, "4 weken"), (7, Language.EN, "1 week"), (56, Language.EN, "8 weeks"),
    (10, Language.NL, "10 dagen"), (1, Language.EN, "1 day"),
])
def test_waits_in_whole_weeks_read_as_weeks(days: int, language: Language, expected: str) -> None:
    assert format_wait(days, language) == expected


def _linted(now: date, language: Language = Language.NL) -> list[str]:
    bank = Company(slug="spaarbank", name="Spaarbank", sector="bank", source="content/companies/spaarbank.yaml")
    site, _ = link_site(SiteConfig(language=language), [_story(company="Spaarbank")], [bank], today=now, now=now,
                        routes=(KIFID,))
    return [str(d) for d in lint_site(site, {}) if "Kifid" in d.message]


def test_check_warns_when_a_deadline_is_near_or_past() -> None:
    # the complaint (4 March 2024) is on line 15 of the file: its `text:` key
    assert _linted(date(2025, 2, 20)) == [
        "content/stories/glasvezel.md:15: warning: Kifid: indienen uiterlijk 4 maart 2025 (nog 12 dagen)"]
    assert _linted(date(2025, 2, 20), Language.EN) == [
        "content/stories/glasvezel.md:15: warning: Kifid: file by 4 March 2025 (12 days left)"]
    assert _linted(date(2025, 3, 10)) == [
        "content/stories/glasvezel.md:15: warning: Kifid: termijn verstreken op 4 maart 2025 (6 dagen geleden)"]
    assert _linted(date(2025, 2, 1)) == []  # 31 days left: not yet


def test_a_sites_own_routes_add_and_override_by_id() -> None:
    own = (b"routes:\n  - id: kifid\n    name: Kifid (eigen)\n    url: https://kifid.example/\n"
           b"    note: Eigen tekst.\n    source: https://kifid.example/bron\n    checked: 2026-11-01\n"
           b"  - id: ombudsman-glas\n    name: Glasombudsman\n    url: https://glas.example/\n    sectors: [Telecom]\n"
           b"    after: {event: complaint, days: 14}\n    note: Bemiddelt.\n    source: https://glas.example/b\n"
           b"    checked: 2026-11-01\n")
    routes, problems = read_routes(own)
    assert problems == []
    ids = [r.id for r in routes]
    assert ids[-1] == "ombudsman-glas" and ids.count("kifid") == 1
    kifid = next(r for r in routes if r.id == "kifid")
    assert (kifid.name, kifid.sectors, kifid.after, kifid.origin) == ("Kifid (eigen)", (), None,
                                                                     "content/escalation.yaml")
    assert routes[ids.index("kifid") - 1].id == "geschillencommissie-energie"  # stays in its place


BAD = """\
routes:
  - id: Glas Ombudsman
    name: Glasombudsman
    url: glas.example
    after: {event: klacht, days: -3}
    note: Bemiddelt.
    source: https://glas.example/b
    checked: 2026-02-30
  - id: kifid
    url: https://kifid.example/
    deadline: {days: 30}
    note: x
    source: https://kifid.example/
    checked: 2026-11-01
    extra: 1
  - id: kifid
    name: Kifid
    url: https://kifid.example/
    note: x
    source: https://kifid.example/
    checked: 2026-11-01
"""

BAD_ERRORS = [
    "content/escalation.yaml:2: routes[1].id: expected lowercase letters, digits and '-', "
    "got 'Glas Ombudsman' (try 'glas-ombudsman')",
    "content/escalation.yaml:4: routes[1].url: expected an absolute http(s) URL, got 'glas.example'",
    "content/escalation.yaml:5: routes[1].after.event: expected complaint or final_answer, got 'klacht'",
    "content/escalation.yaml:5: routes[1].after.days: expected a whole number from 0 to 36,500, got -3",
    "content/escalation.yaml:8: routes[1].checked: 2026-02-30 is not a real date",
    "content/escalation.yaml:9: routes[2].name: required key is missing",
    "content/escalation.yaml:11: routes[2].deadline.event: required key is missing",
    "content/escalation.yaml:15: unknown key 'routes[2].extra'",
    "content/escalation.yaml:16: routes[3].id: duplicate route id 'kifid' (also routes[2])",
]


def test_a_bad_site_escalation_file_gives_path_line_errors() -> None:
    routes, problems = parse_routes("content/escalation.yaml", BAD.encode())
    assert routes == []
    assert [str(p) for p in problems] == BAD_ERRORS
    assert [str(p) for p in parse_routes("content/escalation.yaml", b"- a\n")[1]] == [
        "content/escalation.yaml:1: expected keys (key: value), got a list"]
    assert [str(p) for p in parse_routes("content/escalation.yaml", b"rotes: []\n")[1]] == [
        "content/escalation.yaml:1: unknown key 'rotes' (did you mean 'routes'?)",
        "content/escalation.yaml:1: routes: required key is missing"]


SITE = {
    "site.yaml": 'title: "Klachten"\nbase_url: "https://klachten.example/"\nlanguage: nl\n',
    "content/companies/glasnet.yaml": "name: Glasnet\nsector: telecom\n",
    "content/stories/2024-03-20-glasvezel.md": "---\ntitle: Glasvezel\ncompany: Glasnet\ndate: 2024-03-20\n"
                                               "outcome: open\napology: 'no'\n" + TIMELINE + "---\nBody.\n",
    "content/stories/2024-03-15-opgelost.md": "---\ntitle: Opgelost\ncompany: Glasnet\ndate: 2024-03-15\n"
                                              "outcome: resolved\napology: yes\n" + TIMELINE + "---\nBody.\n",
}


def test_story_page_box_for_an_open_case(make_site: Callable[[dict[str, str]], Path], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1711929600")  # 2024-04-01
    out = tmp_path / "out"
    build_site(make_site(SITE), out, BuildOptions(search=False))
    page = (out / "stories/glasvezel/index.html").read_text(encoding="utf-8")
    box = page[page.index('<section class="escalation"'):]
    box = box[:box.index("</section>")]
    assert "<p>Je klaagde op 4 maart 2024 schriftelijk.</p>" in box
    assert "Vanaf 1 april 2024 (4 weken later) kun je naar De Geschillencommissie Telecom." in box
    assert ('<a href="https://telecom.degeschillencommissie.nl/" rel="nofollow">De Geschillencommissie Telecom</a>'
            ' <span class="badge">Nu mogelijk</span>') in box
    assert "Je kunt nu al naar Klachtenkompas." in box
    assert ('Bron: <a href="https://telecom.degeschillencommissie.nl/klacht-indienen-telecommunicatiediensten/" '
            'rel="nofollow">') in box and "regels gecontroleerd op 1 december 2026" in box
    assert "Dit is geen juridisch advies." in box
    assert "Kifid" not in box
    resolved = (out / "stories/opgelost/index.html").read_text(encoding="utf-8")
    assert 'class="escalation"' not in resolved


def test_english_box_and_a_sites_own_route(make_site: Callable[[dict[str, str]], Path], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1711843200")  # 2024-03-31
    files = {**SITE, "site.yaml": 'title: "Complaints"\nlanguage: en\n',
             "content/escalation.yaml": "routes:\n  - id: glas-ombudsman\n    name: Glass Ombudsman\n"
                                        "    url: https://glas.example/\n    sectors: [telecom]\n"
                                        "    after: {event: complaint, days: 10}\n    note: Mediates.\n"
                                        "    source: https://glas.example/rules\n    checked: 2026-11-01\n"}
    out = tmp_path / "out"
    build_site(make_site(files), out, BuildOptions(search=False))
    page = (out / "stories/glasvezel/index.html").read_text(encoding="utf-8")
    assert "You complained in writing on 4 March 2024." in page
    assert "From 1 April 2024 (4 weeks later) you can go to De Geschillencommissie Telecom." in page
    assert '<span class="badge">Not yet</span>' in page
    assert "From 14 March 2024 (10 days later) you can go to Glass Ombudsman." in page
    assert "Mediates." in page and "rules checked on 1 November 2026" in page
    assert "This is not legal advice." in page


def test_check_reports_a_bad_escalation_file_and_build_writes_nothing(
        make_site: Callable[[dict[str, str]], Path], tmp_path: Path) -> None:
    site = make_site({**SITE, "content/escalation.yaml": BAD})
    checked = run_cli("check", site)
    assert checked.returncode == 1
    # the CLI sorts a line's problems by message: after.days before after.event
    assert checked.stderr.splitlines() == [
        *BAD_ERRORS[:2], BAD_ERRORS[3], BAD_ERRORS[2], *BAD_ERRORS[4:],
        "content/stories/2024-03-20-glasvezel.md:23: warning: open case with no news for 621 days "
        "(last on 2024-04-20); add an update or change the outcome",
        "check failed: 10 problems"]
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    built = run_cli("build", site, "--out", out, "--no-search")
    assert built.returncode == 1
    assert tree_bytes(out) == {"keep.txt": b"mine"}


def test_editing_content_escalation_yaml_rebuilds_with_the_cache(
        make_site: Callable[[dict[str, str]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1711929600")  # 2024-04-01
    site = make_site(SITE)
    out, options = tmp_path / "out", BuildOptions(search=False)
    fast = speed(jobs=1, cache_dir=tmp_path / "cache")
    build_site(site, out, options, speed=fast)
    assert build_site(site, out, options, speed=fast).result.unchanged
    (site / "content/escalation.yaml").write_text(
        "routes:\n  - id: klachtenkompas\n    name: Klachtenkompas (eigen tekst)\n    url: https://kk.example/\n"
        "    note: Eigen.\n    source: https://kk.example/s\n    checked: 2026-11-01\n", encoding="utf-8")
    again = build_site(site, out, options, speed=fast).result
    assert not again.unchanged
    assert "Klachtenkompas (eigen tekst)" in (out / "stories/glasvezel/index.html").read_text(encoding="utf-8")
