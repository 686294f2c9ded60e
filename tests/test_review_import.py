"""`import --add-companies` on posts imported before: writes the missing record, or says why not."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from tests.conftest import run_cli, write_tree
from tests.import_corpus import FILES, NO_DATE_MTIME, SITE_YAML


def test_a_second_import_with_add_companies_writes_the_missing_record_or_says_why_not(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "in", {"bestelling.txt": FILES["blog/bestelling.txt"],
                                         "fiets.txt": "Kapotte fiets\n• 1 mei 2024 • Iemand\nDe fiets was kapot.\n"})
    os.utime(posts / "bestelling.txt", (NO_DATE_MTIME, NO_DATE_MTIME))
    first = run_cli("import", posts, "--site", site, "--language", "nl")
    assert first.returncode == 0, first.stderr
    assert not (site / "content/companies").exists()

    again = run_cli("import", posts, "--site", site, "--language", "nl", "--add-companies")
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert any(line.startswith("already imported: ") and line.endswith("; wrote content/companies/coolblue.yaml")
               for line in lines), lines
    assert any("; no company record: 'ONBEKEND BEDRIJF' is not on the list of well-known companies; "
               'add one with: grievance new company "ONBEKEND BEDRIJF"' in line for line in lines), lines
    assert "1 company record written" in again.stdout
    assert yaml.safe_load((site / "content/companies/coolblue.yaml").read_text(encoding="utf-8"))["sector"] == "webshops"

    third = run_cli("import", posts, "--site", site, "--language", "nl", "--add-companies")
    assert any(line.endswith("; Coolblue has a record already") for line in third.stdout.splitlines()), third.stdout
