"""Title, date, author and junk read by their shape, in Dutch and English; guesses only
from the author's own text. Every post here is invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.importer.companies import matcher, shipped
from generator.importer.dates import find_dates
from generator.importer.guess import guess, timeline_of
from generator.importer.junk import clean, closing_bio, is_furniture, signed_by
from generator.importer.run import import_sources
from generator.importer.text import parse_text
from generator.model import Language
from tests.conftest import write_tree


@pytest.mark.parametrize(("text", "title", "day", "author"), [
    ("Thursday, October 18, 2007\nMy modem is dead again\nNetwave sent nobody. I waited all day for them.\n",
     "My modem is dead again", date(2007, 10, 18), ""),
    ("torsdag 30. april 2009\nIngen internett\nLeverandøren svarer ikke på e-post eller telefon.\n",
     "Ingen internett", date(2009, 4, 30), ""),
    ("Beantwoord\nModem doet het niet meer\n• 3 maart 2019 • Anna de Vries\nSinds gisteren doet mijn modem het niet.\n",
     "Modem doet het niet meer", date(2019, 3, 3), "Anna de Vries"),
    ("Foto: Hollandse Hoogte\nWachten op de monteur\nIk wacht al drie weken op de monteur. Niemand komt.\n",
     "Wachten op de monteur", None, ""),
    ("Photo by Jane Roe on Unsplash\nStuck on hold\nI spent two hours on hold with Netwave yesterday.\n",
     "Stuck on hold", None, ""),
])
def test_title_skips_date_lines_badges_and_credits_and_takes_their_date(text: str, title: str, day: date | None,
                                                                        author: str) -> None:
    post = parse_text(text, source="x.txt", name="x.txt")
    assert (post.title, post.date, post.author) == (title, day, author)


@pytest.mark.parametrize("line", [
    "3296 Bekeken", "1.204 views", "© 2015 Klaagblog", "Copyright 2015 - 2019 Jane Roe", "Tags: glasvezel, storing",
    "#glasvezel #storing #modem", "[Read more…] about Netwave belt terug", "Categorieën: Telecom", "Posted in Klachten",
])
def test_page_furniture_by_its_shape(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["Ik heb 3296 keer gebeld.", "Tags are useless when the modem dies.",
                                  "Copyright law does not help me here, as I found out after three calls to them."])
def test_the_authors_lines_are_no_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_junk_blocks_and_readers_comments_are_cut() -> None:
    body = clean("Mijn verhaal over de provider die niets deed en ook niet terugbelde na weken.\n\n"
                 "Leave a Reply. |\n\nProbeer het Pro-abonnement twee weken gratis. Word een PRO.\n\n"
                 "Luister ook naar onze podcast over klantenservice, elke week nieuw!\n\n"
                 "3 reacties op “Mijn verhaal”\n\nKees zegt:\n4 maart 2019\nHerkenbaar, ik kreeg 50 euro terug.\n")
    assert body == "Mijn verhaal over de provider die niets deed en ook niet terugbelde na weken."
    english = clean("The router died on Monday and nobody at Netwave could tell me why it happened.\n\n"
                    "2 thoughts on “The router died”\n\nBob says:\nMarch 4, 2019\nThey gave me a refund of $40.\n")
    assert english == "The router died on Monday and nobody at Netwave could tell me why it happened."


def test_authors_from_signatures_and_closing_bios() -> None:
    assert signed_by("Ik wacht nog steeds.\n\nMet hartelijke groeten,\n\nPetra Smit") == "Petra Smit"
    assert signed_by("Still waiting.\n\nKind regards, John van der Berg") == "John van der Berg"
    assert signed_by("Ik bedank iedereen.\n\nGroeten") == ""
    assert closing_bio("Het verhaal.\n\nJan Jansen is journalist en schrijft over consumentenzaken.") == (
        "Het verhaal.", "Jan Jansen")
    assert closing_bio("The story.\n\n*Jane Roe writes about consumer trouble. Follow her on Twitter.*") == (
        "The story.", "Jane Roe")
    assert closing_bio("Het verhaal.\n\nJan Jansen is nog steeds boos.")[1] == ""  # no bio words: the story


def test_an_issue_number_is_no_date() -> None:
    assert find_dates("Consumentenblad 11/12-2015 schreef erover.") == []
    assert [f.value for f in find_dates("Op 11-12-2015 belde ik.")] == [date(2015, 12, 11)]


def test_guesses_come_from_the_authors_own_text() -> None:
    text = ("Netwave sloot op 3 maart 2020 mijn internet af. Ik belde Netwave elke dag.\n\n"
            "> Volgens het nieuws kreeg een klant van Stroomhuis op 1 februari 2020 100 euro compensatie.\n\n"
            "Mijn buurman kreeg op 2 maart 2020 bij Vodafone een nieuw modem.")
    found = guess("Netwave sloot mij af", text, date(2020, 4, 1), match=matcher(shipped()), language=Language.NL)
    assert found.company == "Netwave"
    assert found.compensation == ""
    assert [e.date for e in found.timeline] == [date(2020, 3, 3)]
    assert timeline_of("Zie Consumentenblad 11/12-2015.", date(2016, 1, 1)) == ()


POST = """\
Thursday, March 5, 2020
Netwave cut me off
I was a customer of Netwave for ten years. They cut my line on March 2, 2020 without warning.
3296 views

Jane Roe writes about consumer trouble for a living. Follow her on Twitter.
"""


def test_an_imported_text_post_has_its_date_and_author_and_no_bio(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": 'title: "T"\nbase_url: "https://t.example/"\nlanguage: en\n'})
    report = import_sources([write_tree(tmp_path / "posts", {"p.txt": POST})], site)
    text = (site / report.written[0].path).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert (front["title"], front["date"], front["author"], front["company"]) == (
        "Netwave cut me off", date(2020, 3, 5), "Jane Roe", "Netwave")
    assert "views" not in text and "writes about" not in text
