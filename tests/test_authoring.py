"""Authoring: `new story`, `new company`, `schema`, and the warnings of `check`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.read.config import parse_config
from generator.read.story import parse_story, split_source
from generator.site.privacy import bsn_ok, find_personal_data, iban_ok, message
from generator.read.schema import STORY_FIELDS
from tests.conftest import run_cli, write_tree

SITE_YAML = 'title: "T"\nbase_url: "https://klachten.example/"\nlanguage: en\n'
COMPANY = "name: Glasnet\n"


def _story(front: str, body: str) -> str:
    return f"---\n{front}---\n{body}"


GOOD_FRONT = "title: A\ncompany: Glasnet\ndate: 2025-12-01\noutcome: resolved\napology: 'no'\n"


# --- new story / new company / schema ---------------------------------------------------------

def test_new_story_writes_a_dated_file_with_every_key_that_parses(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, "content/companies/glasnet.yaml": COMPANY})
    result = run_cli("new", "story", "Één dag zonder internet", "--company", "Glasnet", "--date", "2025-03-04", site)
    assert result.returncode == 0, result.stderr
    path = site / "content/stories/2025-03-04-een-dag-zonder-internet.md"
    assert result.stdout.splitlines() == [f"created {path}", f"created {site / 'schema.json'}"]
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["---", "# yaml-language-server: $schema=../../schema.json"]
    for field in STORY_FIELDS:  # generated from the field table: every key is there
        assert f"{field.name}:" in text, field.name
    assert "# channels: [phone, twitter]" in text and "phone | email | twitter" in text
    story, problems = parse_story("content/stories/x.md", path.read_bytes(), config=parse_config(None)[0])
    assert problems == [] and story is not None
    assert (story.title, story.company, story.date.isoformat(), story.outcome.value) == (
        "Één dag zonder internet", "Glasnet", "2025-03-04", "open")
    assert json.loads((site / "schema.json").read_text(encoding="utf-8"))["title"] == "grievance story front-matter"
    assert run_cli("check", site).returncode == 0


def test_new_story_template_uncommented_is_still_valid(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    assert run_cli("new", "story", "Alles", "--company", "X", "--date", "2025-03-04", site).returncode == 0
    path = site / "content/stories/2025-03-04-alles.md"
    lines = [line.removeprefix("# ") if not line.startswith("# yaml-") else line
             for line in path.read_text(encoding="utf-8").splitlines()]
    text = "\n".join(lines).replace("resolved: 2014-02-28", "# resolved only with outcome resolved")
    source, _ = split_source("x.md", text)
    assert source is not None
    data = yaml.safe_load(source.yaml)
    assert set(data) == {f.name for f in STORY_FIELDS} - {"resolved"}
    story, problems = parse_story("content/stories/x.md", text.encode(), config=parse_config(None)[0])
    assert problems == [], [str(p) for p in problems]


def test_new_story_date_defaults_to_today_and_refuses_to_overwrite(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    first = run_cli("new", "story", "Kapot", "--company", "X", site)  # SOURCE_DATE_EPOCH: 2026-01-01
    path = site / "content/stories/2026-01-01-kapot.md"
    assert first.returncode == 0 and path.is_file()
    path.write_text("mine\n", encoding="utf-8")
    second = run_cli("new", "story", "Kapot", "--company", "X", site)
    assert second.returncode == 1
    assert second.stderr == f"error: {path}: already exists; not overwriting it\n"
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_new_story_rejects_a_bad_date(tmp_path: Path) -> None:
    result = run_cli("new", "story", "T", "--company", "X", "--date", "2025-02-30", tmp_path)
    assert result.returncode == 2
    assert "expected a date as YYYY-MM-DD, got '2025-02-30'" in result.stderr


def test_new_company_writes_a_record_and_refuses_to_overwrite(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    result = run_cli("new", "company", "Stroomtij Energie", site)
    path = site / "content/companies/stroomtij-energie.yaml"
    assert result.returncode == 0 and result.stdout == f"created {path}\n"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"name": "Stroomtij Energie"}
    assert "# sector: telecom" in path.read_text(encoding="utf-8")
    again = run_cli("new", "company", "Stroomtij Energie", site)
    assert again.returncode == 1
    assert again.stderr == f"error: {path}: already exists; not overwriting it\n"


def test_init_writes_the_schema_the_sample_story_points_at(tmp_path: Path) -> None:
    site = tmp_path / "new"
    assert run_cli("init", site).returncode == 0
    story = next((site / "content/stories").glob("*.md"))
    assert story.read_text(encoding="utf-8").splitlines()[1] == "# yaml-language-server: $schema=../../schema.json"
    assert (story.parent / "../../schema.json").resolve().is_file()
    assert run_cli("check", site).returncode == 0


def test_schema_is_draft_2020_12_and_validates_front_matter() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert result.stdout == json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = {"title": "A", "company": "Glasnet", "date": "2025-12-01", "outcome": "resolved", "apology": "no",
            "resolved": "2025-12-05", "channels": ["phone"],
            "timeline": [{"date": "2025-11-01", "by": "me", "text": "Gebeld."}]}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "apologie": "no"}))
    assert list(validator.iter_errors({**good, "outcome": "done"}))


# --- privacy (pure) ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("bel 06-12345678 nu", ["possible phone number '06-12345678' (personal data of others?)"]),
    ("bel +31 6 12345678.", ["possible phone number '+31 6 12345678' (personal data of others?)"]),
    ("of 020-1234567", ["possible phone number '020-1234567' (personal data of others?)"]),
    ("mail jan@voorbeeld.nl.", ["possible e-mail address 'jan@voorbeeld.nl' (personal data of others?)"]),
    ("op NL91 ABNA 0417 1643 00 gestort", ["possible IBAN 'NL91 ABNA 0417 1643 00' (personal data of others?)"]),
    ("woont op 1234 AB 56", ["possible postcode and house number '1234 AB 56' (personal data of others?)"]),
    ("woont op 1234AB 5", ["possible postcode and house number '1234AB 5' (personal data of others?)"]),
    ("BSN 111222333", ["possible BSN '111222333' (personal data of others?)"]),
    # Not personal data: a bad IBAN checksum, a 9-digit number failing the 11-proef,
    # dates, amounts, a free 0800 number, a year and a word.
    ("NL12 ABNA 0417 1643 00, 123456789, 2014-02-20, 6,00 euro, 0800-0402, 2015 en 3", []),
])
def test_personal_data_findings(text: str, expected: list[str]) -> None:
    assert [message(f) for f in find_personal_data(text)] == expected


def test_checksums() -> None:
    assert iban_ok("NL91ABNA0417164300") and not iban_ok("NL91ABNA0417164301")
    assert bsn_ok("111222333") and not bsn_ok("123456789") and not bsn_ok("000000000")


# --- check: warnings with real lines, --strict ------------------------------------------------

def _lint_site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", {
        "site.yaml": SITE_YAML,
        "content/companies/glasnet.yaml": COMPANY,
        "content/stories/2025-12-01-privacy.md": _story(
            GOOD_FRONT + "timeline:\n  - date: 2025-11-01\n    text: \"Belde de monteur op 06-12345678.\"\n"
                         "updates:\n  - date: 2025-12-20\n    text: \"Geld terug op NL91 ABNA 0417 1643 00.\"\n",
            "Eerste alinea.\n\nDe medewerker (jan@voorbeeld.nl) woont op 1234 AB 56.\n\n"
            "Haar BSN is 111222333.\n"),
        "content/stories/2025-12-02-links.md": _story(
            GOOD_FRONT.replace("title: A", "title: B"),
            "Zie [het eerste verhaal](/stories/privacy/) en [Glasnet](/companies/glasnet/).\n\n"
            "Maar [dit](/stories/bestaat-niet/) en [dat](https://klachten.example/companies/nope/) niet.\n\n"
            "[![De brief](https://oud.example/wp-content/brief.jpg)](https://oud.example/brief.jpg)\n\n"
            '<img alt="x" src="https://cdn.example/foto.png"> en ![eigen](https://klachten.example/images/a.jpg)\n'),
        "content/stories/2025-01-01-stale.md": _story(
            GOOD_FRONT.replace("title: A", "title: C").replace("outcome: resolved", "outcome: open")
            .replace("date: 2025-12-01", "date: 2025-01-01"), "Oud.\n"),
        "content/stories/2025-12-30-unknown.md": _story(
            GOOD_FRONT.replace("company: Glasnet", "company: Enecoo").replace("date: 2025-12-01", "date: 2025-12-30"),
            "Nieuw.\n"),
    })


EXPECTED_WARNINGS = [
    "content/stories/2025-01-01-stale.md:5: warning: open case with no news for 365 days (last on 2025-01-01); "
    "add an update or change the outcome",
    "content/stories/2025-12-01-privacy.md:9: warning: possible phone number '06-12345678' (personal data of others?)",
    "content/stories/2025-12-01-privacy.md:12: warning: possible IBAN 'NL91 ABNA 0417 1643 00' "
    "(personal data of others?)",
    "content/stories/2025-12-01-privacy.md:16: warning: possible e-mail address 'jan@voorbeeld.nl' "
    "(personal data of others?)",
    "content/stories/2025-12-01-privacy.md:16: warning: possible postcode and house number '1234 AB 56' "
    "(personal data of others?)",
    "content/stories/2025-12-01-privacy.md:18: warning: possible BSN '111222333' (personal data of others?)",
    "content/stories/2025-12-02-links.md:10: warning: link to unknown company 'https://klachten.example/companies/nope/'",
    "content/stories/2025-12-02-links.md:10: warning: link to unknown story '/stories/bestaat-niet/'",
    "content/stories/2025-12-02-links.md:12: warning: image 'https://oud.example/wp-content/brief.jpg' on another site "
    "is not shown (pages load images from this site only): save it beside the story and use its file name",
    "content/stories/2025-12-02-links.md:14: warning: image 'https://cdn.example/foto.png' on another site "
    "is not shown (pages load images from this site only): save it beside the story and use its file name",
    "content/stories/2025-12-30-unknown.md:3: warning: company 'Enecoo' has no record in content/companies/",
]


def test_check_reports_each_warning_with_its_line_and_exits_0(tmp_path: Path) -> None:
    site = _lint_site(tmp_path)
    result = run_cli("check", site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == EXPECTED_WARNINGS
    assert result.stdout == "ok: 4 stories, 2 companies, 11 warnings\n"


def test_check_strict_fails_on_warnings(tmp_path: Path) -> None:
    result = run_cli("check", _lint_site(tmp_path), "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*EXPECTED_WARNINGS, "check failed: 11 problems"]  # it never writes


def test_lint_warnings_never_fail_or_clutter_a_build(tmp_path: Path) -> None:
    result = run_cli("build", _lint_site(tmp_path), "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [EXPECTED_WARNINGS[-1]]


def test_new_story_for_a_company_without_a_record_hints_at_new_company(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, "content/companies/glasnet.yaml": COMPANY
                                          + "aliases: [Glas Net]\n"})
    path = site / "content/stories/2025-03-04-storing.md"
    result = run_cli("new", "story", "Storing", "--company", "Stroomwerk", "--date", "2025-03-04", site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"created {path}", f"created {site / 'schema.json'}",
        f"next: content/companies/ has no record for 'Stroomwerk'; add one with: grievance new company \"Stroomwerk\" {site}",
    ]
    for known in ("glasnet", "Glas Net"):  # by name, alias or slug: no hint
        again = run_cli("new", "story", f"Storing {known}", "--company", known, "--date", "2025-03-04", site)
        assert again.returncode == 0 and "next:" not in again.stdout


def test_new_company_on_the_shipped_list_gets_its_sector_and_website(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    result = run_cli("new", "company", "xs4all", site)
    path = site / "content/companies/xs4all.yaml"
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"name": "XS4ALL", "sector": "telecom", "website": "https://www.xs4all.nl/"}
    assert run_cli("check", site).returncode == 0
    result = run_cli("new", "company", "Tele2", site)  # an alias on the list: the record is the company's
    record = yaml.safe_load((site / "content/companies/odido.yaml").read_text(encoding="utf-8"))
    assert record["name"] == "Odido" and "Tele2" in record["aliases"]
