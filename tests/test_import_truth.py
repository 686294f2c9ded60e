"""Import tells the truth: no cue is an explicit unknown that check and build refuse
outside drafts, every guessed value carries its evidence on its line, and cues are read
with their negation, hedging and speaker. Every post here is invented."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.importer.companies import matcher, shipped
from generator.importer.cues import read_apology, read_outcome
from generator.importer.guess import guess
from generator.importer.run import import_sources
from generator.model import Apology, Language, Outcome
from tests.conftest import run_cli, write_tree

SITE_YAML = 'title: "Klachten"\nbase_url: "https://klachten.example/"\nlanguage: nl\n'
STORY = """\
---
title: "Wachten"
company: "Glasnet"
date: 2020-01-02
outcome: unknown
apology: "no"
{draft}---
Het modem deed het niet.
"""


def test_check_refuses_an_unknown_outcome_outside_drafts(tmp_path: Path) -> None:
    site = write_tree(tmp_path, {"site.yaml": SITE_YAML, "content/stories/x.md": STORY.format(draft="")})
    result = run_cli("check", site)
    assert result.returncode == 1
    assert "content/stories/x.md:5: outcome: not known yet; write open, resolved, unresolved or gave-up" in result.stderr
    built = run_cli("build", site)
    assert built.returncode == 1 and "outcome: not known yet" in built.stderr


def test_an_unknown_apology_is_refused_with_its_choices(tmp_path: Path) -> None:
    story = STORY.format(draft="").replace("outcome: unknown", "outcome: open").replace('apology: "no"', "apology: unknown")
    site = write_tree(tmp_path, {"site.yaml": SITE_YAML, "content/stories/x.md": story})
    result = run_cli("check", site)
    assert "content/stories/x.md:6: apology: not known yet; write yes, no or partial" in result.stderr


@pytest.mark.parametrize("placeholder", ["ONBEKEND BEDRIJF", "UNKNOWN COMPANY"])
def test_the_import_s_company_placeholder_is_refused_outside_drafts(tmp_path: Path, placeholder: str) -> None:
    story = STORY.format(draft="").replace("outcome: unknown", "outcome: open").replace('"Glasnet"', f'"{placeholder}"')
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, "content/stories/x.md": story})
    result = run_cli("check", site)
    assert result.returncode == 1  # it had published a company page called 'Onbekend bedrijf'
    assert (f"content/stories/x.md:3: company: not named yet ('{placeholder}' is the import's placeholder); "
            "write the company's name") in result.stderr
    (site / "content/stories/x.md").write_text(story.replace("---\nHet", "draft: true\n---\nHet"), encoding="utf-8")
    assert run_cli("check", site, "--drafts").returncode == 0


def test_a_draft_with_unknowns_builds_with_drafts_and_shows_onbekend(tmp_path: Path) -> None:
    story = STORY.format(draft="draft: true\n").replace('apology: "no"', "apology: unknown")
    site = write_tree(tmp_path, {"site.yaml": SITE_YAML, "content/stories/x.md": story})
    assert run_cli("check", site).returncode == 0
    built = run_cli("build", site, "--drafts")
    assert built.returncode == 0, built.stderr
    page = next((site / "output").rglob("x/index.html")).read_text(encoding="utf-8")
    assert "Onbekend" in page


@pytest.mark.parametrize(("text", "outcome"), [
    ("Ik heb drie keer gebeld. Er is niets opgelost.", Outcome.UNRESOLVED),
    ("It seemed to be fixed after the visit. But now it's not working again.", Outcome.UNRESOLVED),
    ("Het leek opgelost. Een dag later viel het weer uit.", Outcome.UNRESOLVED),
    ("De verbinding valt nog steeds elke avond weg.", Outcome.UNRESOLVED),
    ("Ze weigerden de kosten terug te betalen.", Outcome.UNRESOLVED),
    ("They refused to refund the fee.", Outcome.UNRESOLVED),
    ("After two months I cancelled my service.", Outcome.GAVE_UP),
    ("Ik heb mijn abonnement opgezegd.", Outcome.GAVE_UP),
    ("Mijn buurman zegt dat het bij hem wel opgelost is.", Outcome.UNKNOWN),
    ("Als het morgen niet opgelost is, stap ik over.", Outcome.UNKNOWN),
    ("De monteur kwam en vervangt het kastje.", Outcome.UNKNOWN),
    ("My brief is nog steeds niet beantwoord.", Outcome.OPEN),
    ("The part took a week. Now we have heat again.", Outcome.RESOLVED),
    ("Nu hebben we eindelijk weer internet.", Outcome.RESOLVED),
    ("De verzekeraar heeft de claim alsnog uitbetaald.", Outcome.RESOLVED),
    ("Ik heb ze weer gebeld.", Outcome.UNKNOWN),
])
def test_outcome_cues_read_negation_hedging_and_who_speaks(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value is outcome


@pytest.mark.parametrize(("text", "apology"), [
    ("Sorry for the bad joke, but the router died again.", Apology.UNKNOWN),
    ("Sorry voor de lange post.", Apology.UNKNOWN),
    ("I'm sorry to say it never worked.", Apology.UNKNOWN),
    ("Ik kreeg een briefje waarin u excuses aanbood.", Apology.YES),
    ("Onze excuses voor het ongemak, schreven ze.", Apology.PARTIAL),
    ("Ik wacht nog steeds op excuses.", Apology.NO),
    ("I am still waiting for an apology.", Apology.NO),
    ("Een sorry kwam er nooit.", Apology.NO),
    ("The agent apologised twice.", Apology.YES),
    ("I am still waiting for an answer, and for an apology.", Apology.NO),
])
def test_an_apology_counts_only_when_the_company_makes_it(text: str, apology: Apology) -> None:
    assert read_apology(text).value is apology


def test_no_cue_is_unknown_not_a_default() -> None:
    found = guess("Een vraag", "Ik belde met Glasnet over mijn factuur.", date(2020, 1, 1),
                  match=matcher(shipped()), language=Language.NL)
    assert (found.outcome, found.apology) == (Outcome.UNKNOWN, Apology.UNKNOWN)
    assert found.evidence["outcome"] == "no cue in the text: write open, resolved, unresolved or gave-up"


POST = """\
De keuze viel op Netwave
Op 3 maart 2020 viel ons internet bij Netwave uit. Ik heb Netwave gebeld en een e-mail gestuurd.
Netwave stuurde een monteur. Ik kreeg 10 euro korting, maar geen excuses van Netwave. Het is nog steeds niet opgelost.
"""

_COMMENT = re.compile(r'^(\w+):(?: (.*?))?  # (.+)$')


def test_every_guessed_value_carries_its_evidence_on_its_line(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "posts", {"ziggo.txt": POST})
    report = import_sources([posts], site)
    text = (site / report.written[0].path).read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    review = re.search(r"^review: \[(.*)\]$", front, re.MULTILINE)
    assert review is not None
    keys = review.group(1).split(", ")
    commented = {m.group(1): m.group(3) for line in front.splitlines() if (m := _COMMENT.match(line))}
    assert set(keys) == set(commented)  # every guessed key, and only those
    # in the site's language (Dutch), as the review desk shows them
    assert commented["company"] == "5 keer genoemd, in de titel, na 'de keuze viel op', op geen lijst: " \
        '"De keuze viel op Netwave"'
    assert commented["outcome"] == 'laatste aanwijzing "opgelost": "Het is nog steeds niet opgelost."'
    assert commented["apology"].startswith('laatste aanwijzing "geen excuses": "Ik kreeg 10 euro korting')
    assert commented["compensation"].startswith("bedrag met wat er gegeven werd: ")
    assert commented["timeline"] == "1 zin met een datum in de tekst"
    assert "# gegokt door `grievance import`: controleer deze sleutels" in front
    assert all(len(value) < 200 for value in commented.values())


@pytest.mark.parametrize("unit", ["Aaa Bbb Ccc ", "klant bij Xx Yy Zz, ", "sorry ", "@Foobar ", "foobar.nl ",
                                  "\"it is fixed\" ", "Jan Jansen zei ",
                                  "toen even sorry reactie ", "October 2024 ", "klant bij Fietsbezorgd ",
                                  "(gekocht op 12 juni 2024) op 2 augustus "])
def test_a_long_sentence_of_one_shape_is_read_in_linear_time(unit: str) -> None:
    import time

    started = time.process_time()
    guess("T", unit * 4000, date(2020, 1, 1), match=matcher(shipped()), language=Language.NL)
    assert time.process_time() - started < 10  # was minutes: each cue searched the whole sentence again


def test_on_an_english_site_the_evidence_is_english(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML.replace("language: nl", "language: en")})
    assert "language: en" in (site / "site.yaml").read_text(encoding="utf-8")
    posts = write_tree(tmp_path / "posts", {"ziggo.txt": POST})
    report = import_sources([posts], site)
    front = (site / report.written[0].path).read_text(encoding="utf-8").split("---\n")[1]
    commented = {m.group(1): m.group(3) for line in front.splitlines() if (m := _COMMENT.match(line))}
    assert commented["company"] == "5 mentions, in the title, after 'de keuze viel op', on no list: " \
        '"De keuze viel op Netwave"'
    assert commented["outcome"] == 'last cue "opgelost": "Het is nog steeds niet opgelost."'
    assert commented["timeline"] == "1 sentence with a date in the text"
    assert "# guessed by `grievance import`: check these keys" in front
