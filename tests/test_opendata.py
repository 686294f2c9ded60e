"""opendata.py and structured data: cases.json validates against its own schema, the
CSV has the same columns, both are stable; JSON-LD on built pages parses and is safe."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from generator.output.opendata import COLUMNS, csv_row, render_opendata
from generator.urls import Urls
from tests.conftest import REPO, run_cli
from tests.test_figures import make_site

SITES = REPO / "tests" / "sites"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def flat_keys(record: dict[str, object]) -> list[str]:
    keys = []
    for key in sorted(record):
        if key == "compensation":
            keys += [f"compensation.{k}" for k in ("amount", "currency", "note")]
        else:
            keys.append(key)
    return keys


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nl") / "output"
    result = run_cli("build", SITES / "nl", "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_cases_json_validates_against_its_schema(built: Path) -> None:
    cases = json.loads((built / "data/cases.json").read_text(encoding="utf-8"))
    schema = json.loads((built / "data/cases.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(cases, schema, cls=jsonschema.Draft202012Validator)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://klachten.example/data/cases.schema.json"
    assert [case["slug"] for case in cases] == ["onbekend", "de-meter", "acht-dagen-zonder-internet"]
    meter = cases[1]
    assert meter["url"] == "https://klachten.example/stories/de-meter/"
    open_days = (date(2026, 1, 1) - date(2016, 4, 1)).days  # SOURCE_DATE_EPOCH is "now" in run_cli
    assert (meter["days_open"], meter["days_to_first_response"], meter["channels"]) == (open_days, 28, ["webform"])


def test_cases_json_holds_one_case_to_a_line(built: Path) -> None:
    """A diff of two exports shows the cases that changed, line by line."""
    lines = (built / "data/cases.json").read_text(encoding="utf-8").splitlines()
    cases = json.loads("\n".join(lines))
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(cases) + 2
    assert [json.loads(line.removesuffix(",")) for line in lines[1:-1]] == cases


def test_csv_has_one_row_per_story_and_the_json_columns(built: Path) -> None:
    cases = json.loads((built / "data/cases.json").read_text(encoding="utf-8"))
    text = (built / "data/cases.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(cases) + 1
    assert sorted(rows[0]) == flat_keys(cases[0]) == sorted(COLUMNS)
    for row, case in zip(rows[1:], cases):
        assert dict(zip(rows[0], row))["slug"] == case["slug"]


def test_open_data_is_stable_across_builds(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("build", SITES / "nl", "--out", again, "--quiet").returncode == 0
    for name in ("cases.json", "cases.csv", "cases.schema.json"):
        assert (again / "data" / name).read_bytes() == (built / "data" / name).read_bytes()


def test_records_by_hand_and_schema_in_memory() -> None:
    site = make_site()
    files = render_opendata(site, Urls("https://x.example/blog/"))
    cases = json.loads(files["data/cases.json"])
    jsonschema.validate(cases, json.loads(files["data/cases.schema.json"]), cls=jsonschema.Draft202012Validator)
    by_slug = {case["slug"]: case for case in cases}
    assert by_slug["fiber-a"]["compensation"] == {"amount": 6, "currency": "EUR", "note": "korting"}
    assert by_slug["fiber-b"]["compensation"]["amount"] == 4.5
    assert by_slug["mobile-a"]["compensation"] == {"amount": None, "currency": None, "note": "a bunch of flowers"}
    assert by_slug["fiber-a"]["channels"] == ["phone", "twitter"]
    assert by_slug["fiber-a"]["url"] == "https://x.example/blog/stories/fiber-a/"
    assert csv_row(by_slug["fiber-a"])[COLUMNS.index("channels")] == "phone;twitter"
    assert csv_row(by_slug["mobile-b"])[COLUMNS.index("compensation.amount")] == ""


def jsonld_of(page: Path) -> dict[str, object]:
    found = JSONLD.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1
    return json.loads(found[0])


def test_jsonld_on_story_and_company_pages(built: Path) -> None:
    review = jsonld_of(built / "stories/de-meter/index.html")
    assert review["@type"] == "Review"
    assert review["itemReviewed"]["@type"] == "Organization"  # type: ignore[index]
    assert (review["datePublished"], review["dateModified"]) == ("2016-05-01", "2016-05-01")
    org = jsonld_of(built / "companies/glasnet/index.html")
    assert org["@type"] == "Organization" and org["sameAs"] == ["https://glasnet.example/"]
    html = (built / "stories/de-meter/index.html").read_text(encoding="utf-8")
    assert '<meta property="article:published_time" content="2016-05-01">' in html
    assert '<meta property="article:modified_time" content="2016-05-01">' in html


def test_jsonld_cannot_close_the_script_element(make_site: Callable[[dict[str, str]], Path], tmp_path: Path) -> None:
    site = make_site({
        "site.yaml": 'title: "T"\nlanguage: en\n',
        "content/stories/evil.md": (
            '---\ntitle: "</script><script>alert(1)</script> & more"\ncompany: Acme\n'
            "date: 2015-01-01\noutcome: open\napology: \"no\"\n---\nBody.\n"
        ),
    })
    out = tmp_path / "out"
    result = run_cli("build", site, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    html = (out / "stories/evil/index.html").read_text(encoding="utf-8")
    script = JSONLD.findall(html)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["headline"] == "</script><script>alert(1)</script> & more"
