"""The company a post is about: the shipped list (former names too), the names a post gives
its subject, and the company the story is about over one mentioned about someone else.
Every post here is invented; well-known companies appear only as names."""

from __future__ import annotations

import pytest

from generator.importer.companies import Candidate, matcher, shipped
from generator.importer.subject import subject_of

# Invented companies, given as site records, for the posts that complain; well-known
# companies from the shipped list appear only in sentences that complain of nothing.
INVENTED = (Candidate("Telko&Co", "telko-co", ("Telko",), "telecom", "", "content/companies/telko-co.yaml"),
            Candidate("Skyway Air", "skyway-air", (), "airlines", "", "content/companies/skyway-air.yaml"),
            Candidate("Kabelhuis", "kabelhuis", ("KH",), "telecom", "", "content/companies/kabelhuis.yaml"))
MATCH = matcher([*INVENTED, *shipped()])


@pytest.mark.parametrize(("title", "text", "company", "listed"), [
    ("Waarom wij voor glasvezel kozen",
     "Mijn zus had Eneco en was daar niet blij mee. Wij wilden glasvezel. De keuze viel daarom op Glaswerk. "
     "Glaswerk beloofde een aansluiting binnen twee weken. Na zes weken belde ik Glaswerk opnieuw. Glaswerk wist van niets.",
     "Glaswerk", None),
    ("Ons nummer is weg",
     "Wij waren dertig jaar klant bij Belnet. De buren stapten over naar Tele2. Belnet heeft ons nummer per ongeluk "
     "naar Tele2 overgezet. Belnet zegt dat het niet hun fout is.", "Belnet", None),
    ("An open letter", "Dear Telko&Co,\nI have been a customer for ten years. Last month my bill doubled.", "Telko&Co",
     "telko-co"),
    ("Worst week ever", "Kabelhuis sent a technician on Monday. He never came. I called Kabelhuis again on Tuesday. "
     "Kabelhuis's customer service put me on hold for an hour.", "Kabelhuis", "kabelhuis"),
    ("My flight home", "Skyway Air cancelled my flight two hours before departure. Skyway Air offered no hotel. "
     "My sister flew with KLM that day.", "Skyway Air", "skyway-air"),
    # well-known names, in sentences that complain of nothing
    ("Twintig jaar", "Ik was klant bij UPC sinds 2005. Daarna bleef ik bij UPC.", "UPC", "ziggo"),
    ("Our machine", "Our Whirlpool washing machine is ten years old. The Whirlpool manual is still in the drawer.",
     "Whirlpool", "whirlpool"),
    ("Verzekerd", "Mijn autoverzekering loopt via Allianz Direct. De polis van Allianz Direct ligt in de la.",
     "Allianz Direct", "allianz-direct"),
    ("A trip", "We flew with American Airlines from Chicago. American Airlines served coffee.", "American Airlines",
     "american-airlines"),
    ("A customer letter", "Dear AT&T,\nI have been a customer for ten years.", "AT&T", "at-t"),
    ("A new laptop", "I bought a laptop from Dell in May. It came in a Dell box.", "Dell", "dell"),
    ("Beste Stroomhuis,", "Al drie maanden klopt mijn rekening niet. Stroomhuis reageert niet op mijn mails.",
     "Stroomhuis", None),
    ("A letter", "I wrote to Civicwater about a bill for water we never used. Civicwater has not answered.",
     "Civicwater", None),
    ("Pakketje kwijt", "Mijn pakket van Pakketpost is kwijt. Ik heb een klacht ingediend bij Pakketpost.", "Pakketpost",
     None),
    ("Customer no more", "I switched from Netwave last year. Netwave kept billing me. I rang Netwave twice.", "Netwave",
     None),
    # a person greeted is not the company: the letter names it as 'your company, X'
    ("An open letter to the CEO", "Dear Ms Hartley,\nI am writing because your company, Brightline Broadband, has "
     "ignored me for eleven weeks. Nobody has apologised.", "Brightline Broadband", None),
    ("Open brief", "Geachte mevrouw De Vries,\nUw bedrijf Zonwater stuurt mij al maanden verkeerde rekeningen.",
     "Zonwater", None),
    # named twice, once as a sentence's first word, after the plan it sells
    ("Six weeks without hot water", "We have a service plan with Warmhold Homecare, so I rang them. Nobody came. "
     "Warmhold Homecare wrote back a month later.", "Warmhold Homecare", None),
    ("Dak lekt", "Mijn polis bij Dakzeker dekt lekkages. Toch weigerde Dakzeker te betalen.", "Dakzeker", None),
    # 'belde X', 'belde ik X', 'koos ik voor X': the phrase and the name one space apart
    ("Drie weken zonder internet", "Op 12 februari viel ons internet uit. Ik belde Glasveld dezelfde dag.", "Glasveld",
     None),
    ("Een slechte keuze", "Daarom koos ik voor Stroomveld. Dat had ik niet moeten doen.", "Stroomveld", None),
    # the trouble named with where it is: 'storing bij X', 'de storingslijn van X'
    ("Storing bij Lijnwerk: week 3", "Maandag viel ons internet uit. Ik heb de storingslijn van Lijnwerk gebeld.",
     "Lijnwerk", None),
    ("Three weeks offline", "We had problems with Brightcable all summer. Nobody came.", "Brightcable", None),
    ("To whom it may concern at KORENVELD ENERGIE", "To whom it may concern,\nSince September KORENVELD ENERGIE "
     "has charged me twice.", "KORENVELD ENERGIE", None),
    ("Heel slechte service", "Ik heb @Fietsnet al drie keer getweet. Fietsnet reageert niet. Mijn fiets van Fietsnet "
     "staat nog steeds in de winkel.", "Fietsnet", None),
])
def test_the_subject_company(title: str, text: str, company: str, listed: str | None) -> None:
    found = subject_of(MATCH, title, text)
    assert found is not None and found.name == company
    assert (found.candidate.slug if found.candidate else None) == listed


@pytest.mark.parametrize(("title", "text"), [
    ("Een rotweek", "Op maandag ging de wasmachine stuk. Jan zei dat het aan de kraan lag. Jan belde de loodgieter."),
    ("Kapot", "Het ding was kapot."),
    ("Switched", "My friend switched to Vodafone last year. I wonder if I should too."),
])
def test_no_company_rather_than_a_wrong_one(title: str, text: str) -> None:
    assert subject_of(MATCH, title, text) is None


def test_a_former_name_finds_todays_company_in_the_list() -> None:
    names = {term for candidate in shipped() for term in (candidate.name, *candidate.aliases)}
    assert {"UPC", "Nuon", "Tele2", "Belgacom", "Mobistar", "Hermes UK", "Virgin Trains", "Allsecur"} <= names
    sectors = {candidate.sector for candidate in shipped()}
    assert {"telecom", "energy", "banks", "insurers", "airlines", "rail", "retail", "delivery", "government"} <= sectors
    assert all(candidate.website.startswith("https://") for candidate in shipped())


def test_a_name_two_countries_use_for_different_companies_is_on_no_list() -> None:
    """'T-Mobile' is Odido in a Dutch post and T-Mobile US in an American one: the name is
    kept as written, on no list, rather than given either company's website."""
    found = subject_of(MATCH, "Klacht", "Ik ben al jaren klant bij T-Mobile. T-Mobile reageert niet.")
    assert found is not None and found.name == "T-Mobile" and found.candidate is None
    found = subject_of(MATCH, "Klacht", "Ik was klant bij T-Mobile Nederland. T-Mobile Nederland reageert niet.")
    assert found is not None and found.candidate is not None and found.candidate.name == "Odido"


def test_the_one_company_like_name_a_post_repeats_is_its_subject_as_a_marked_guess() -> None:
    """Named twice, first where the writer went, then as a sentence's first word: no cue
    gives it weight, but it is the only name the post repeats, and the guess says so."""
    text = ("Sinds de overstap naar Windkracht Energie in oktober klopt er niets meer van mijn rekening. "
            "Op 2 november stuurde ik mijn meterstanden door. Windkracht Energie reageerde pas in januari.")
    found = subject_of(MATCH, "Mijn rekening klopt niet", text)
    assert found is not None and (found.name, found.candidate, found.only) == ("Windkracht Energie", None, True)
    # a first name repeated is no company; two repeated names are no single subject
    assert subject_of(MATCH, "Een rotweek", "Ik sprak met Pieter. Pieter wist het ook niet.") is None
    assert subject_of(MATCH, "Verhuizen", "Van Stroomland Noord naar Windkracht Energie. Het was lastig met "
                      "Stroomland Noord, en met Windkracht Energie ook.") is None


def test_a_question_word_before_a_name_is_not_part_of_it() -> None:
    """'Hoe Zonlicht Energie mij liet zitten': the title names Zonlicht Energie, counted with the body's mention."""
    found = subject_of(MATCH, "Hoe Zonlicht Energie mij liet zitten", "Sinds maart ben ik klant bij Zonlicht Energie.")
    assert found is not None and (found.name, found.mentions, found.in_title) == ("Zonlicht Energie", 2, True)
