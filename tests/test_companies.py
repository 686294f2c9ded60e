"""content/companies/<slug>.yaml bytes -> Company and exact diagnostics."""

from __future__ import annotations

import pytest

from generator.read.company import parse_company
from generator.model import Company, SiteConfig

PATH = "content/companies/xs4all.yaml"


def parse(text: str | bytes, path: str = PATH, config: SiteConfig = SiteConfig()) -> tuple[Company | None, list[str]]:
    data = text.encode() if isinstance(text, str) else text
    company, diagnostics = parse_company(path, data, config=config)
    assert (company is None) == bool(diagnostics)
    return company, [str(d) for d in diagnostics]


def test_full_record() -> None:
    company, problems = parse("name: XS4ALL\naliases: [xs4all internet]\nsector: telecom\nparent: kpn\n"
                              "website: https://www.xs4all.nl/\ndescription: \"*Internet* <b>x</b>\"\n")
    assert problems == []
    assert company == Company(slug="xs4all", name="XS4ALL", aliases=("xs4all internet",), sector="telecom",
                              parent="kpn", website="https://www.xs4all.nl/",
                              description_html="<p><em>Internet</em> &lt;b&gt;x&lt;/b&gt;</p>\n",
                              source=PATH, line=1)


def test_minimal_record_and_slug_from_file_name() -> None:
    company, problems = parse("# comment\nname: Één Energie\n", path="content/companies/Één Energie.yaml")
    assert problems == [] and company is not None
    assert (company.slug, company.name, company.line, company.description_html) == ("een-energie", "Één Energie", 2, "")


def test_description_html_when_allowed() -> None:
    company, _ = parse("name: X\ndescription: \"<b>x</b><script>y</script>\"\n", config=SiteConfig(allow_html=True))
    assert company is not None and company.description_html == "<p><b>x</b></p>\n"


@pytest.mark.parametrize(("text", "message"), [
    ("", "content/companies/xs4all.yaml:1: name: required key is missing"),
    ("sector: telecom\n", "content/companies/xs4all.yaml:1: name: required key is missing"),
    ("name:\n", "content/companies/xs4all.yaml:1: name: required key is empty"),
    ("name: X\nnaam: Y\n", "content/companies/xs4all.yaml:2: unknown key 'naam' (did you mean 'name'?)"),
    ("name: X\naliases: x\n", "content/companies/xs4all.yaml:2: aliases: expected a list of strings, got a string"),
    ("name: X\nparent: KPN NV\n",
     "content/companies/xs4all.yaml:2: parent: expected lowercase letters, digits and '-', got 'KPN NV' (try 'kpn-nv')"),
    ("name: X\nparent: xs4all\n", "content/companies/xs4all.yaml:2: parent: a company cannot be its own parent"),
    ("name: X\nwebsite: www.x.nl\n",
     "content/companies/xs4all.yaml:2: website: expected an absolute http(s) URL, got 'www.x.nl'"),
    ("name: X\nwebsite: https://x[.nl/\n",
     "content/companies/xs4all.yaml:2: website: expected an absolute http(s) URL, got 'https://x[.nl/'"),
    ("name: X\nwebsite: https://x.nl:99999/\n",
     "content/companies/xs4all.yaml:2: website: expected an absolute http(s) URL, got 'https://x.nl:99999/'"),
    ("name: X\nsector: [a]\n", "content/companies/xs4all.yaml:2: sector: expected a string, got a list"),
    ("name: X\nname: Y\n", "content/companies/xs4all.yaml:2: duplicate key 'name' (first on line 1)"),
    ("- XS4ALL\n", "content/companies/xs4all.yaml:1: expected keys (key: value), got a list"),
    ("name: \"X\n", "content/companies/xs4all.yaml:2: invalid YAML: "
     "found unexpected end of stream (while scanning a quoted scalar started on line 1)"),
    (b"\x00\x01", "content/companies/xs4all.yaml:1: not a text file (binary data)"),
])
def test_problems(text: str | bytes, message: str) -> None:
    assert parse(text)[1] == [message]


def test_unusable_file_name() -> None:
    assert parse("name: X\n", path="content/companies/!!!.yaml")[1] == [
        "content/companies/!!!.yaml:1: cannot make a slug from the file name; rename the file"]
