"""New sites: `grievance init DIR` writes site.yaml, a sample story and a company."""

from __future__ import annotations

from pathlib import Path

from generator import clock


class ScaffoldError(Exception):
    """A file to create already exists, or the folder cannot be written."""


SITE_YAML = """\
# grievance site configuration; every key is optional.
title: "Mijn klachten"
base_url: "http://localhost:8000/"
language: nl            # nl or en
author: ""
theme: default
feeds:
  limit: 50
pagination:
  per_page: 20
markdown:
  allow_html: false
"""

COMPANY_YAML = """\
name: Voorbeeldnet
aliases: [voorbeeld net]
sector: telecom
website: https://voorbeeldnet.example/
description: "Een verzonnen internetprovider, om mee te beginnen."
"""

STORY = """\
---
title: "Mijn eerste klacht"
company: Voorbeeldnet
date: {today}
outcome: open
apology: "no"
tags: [voorbeeld]
timeline:
  - date: {today}
    by: me
    via: webform
    text: "Klacht ingediend via het webformulier."
---
Schrijf hier wat er gebeurde. Dit is **Markdown**: koppen, lijsten, tabellen en
voetnoten werken allemaal.
"""


def init_site(directory: Path) -> list[Path]:
    """Empty or new folder -> a starter site; returns the files created."""
    if directory.exists() and any(directory.iterdir()):
        raise ScaffoldError(f"{directory}: folder is not empty")
    today = clock.today().isoformat()
    files = {
        directory / "site.yaml": SITE_YAML,
        directory / "content" / "companies" / "voorbeeldnet.yaml": COMPANY_YAML,
        directory / "content" / "stories" / f"{today}-mijn-eerste-klacht.md": STORY.format(today=today),
    }
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ScaffoldError(f"{directory}: cannot write: {error.strerror or error}") from error
    return list(files)
