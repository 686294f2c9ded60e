"""The company a post is about: the shipped list (former names too), the names a post gives
its subject, and the company the story is about over one mentioned about someone else.
Every post here is invented; well-known companies appear only as names."""

from __future__ import annotations

import pytest

from generator.importer.companies import matcher, shipped
from generator.importer.subject import subject_of

MATCH = matcher(shipped())


@pytest.mark.parametrize(("title", "text", "company", "listed"), [
    ("Waarom wij voor glasvezel kozen",
     "Mijn zus had Eneco en was daar niet blij mee. Wij wilden glasvezel. De keuze viel daarom op Glaswerk. "
     "Glaswerk beloofde een aansluiting binnen twee weken. Na zes weken belde ik Glaswerk opnieuw. Glaswerk wist van niets.",
     "Glaswerk", None),
    ("Ons nummer is weg",
     "Wij waren dertig jaar klant bij Belnet. De buren stapten over naar Tele2. Belnet heeft ons nummer per ongeluk "
     "naar Tele2 overgezet. Belnet zegt dat het niet hun fout is.", "Belnet", None),
    ("An open letter", "Dear AT&T,\nI have been a customer for ten years. Last month my bill doubled.", "AT&T", "at-t"),
    ("Worst week ever", "Comcast sent a technician on Monday. He never came. I called Comcast again on Tuesday. "
     "Comcast's customer service put me on hold for an hour.", "Comcast", "comcast"),
    ("Nooit meer", "Ik was klant bij UPC sinds 2005. UPC stuurde een verkeerde rekening.", "UPC", "ziggo"),
    ("Mijn wasmachine", "Onze Whirlpool wasmachine ging na een jaar stuk. De monteur van Whirlpool kwam twee keer.",
     "Whirlpool", "whirlpool"),
    ("Schade aan de auto", "Mijn autoverzekering loopt via Allianz Direct. De schade werd afgewezen door Allianz Direct.",
     "Allianz Direct", "allianz-direct"),
    ("My flight home", "Ryanair cancelled my flight two hours before departure. Ryanair offered no hotel.", "Ryanair",
     "ryanair"),
    ("Lost bags", "We flew with American Airlines from Chicago. American Airlines lost two bags.", "American Airlines",
     "american-airlines"),
    ("Laptop trouble", "I bought a laptop from Dell in May. The screen died. Dell support asked me to reinstall Windows.",
     "Dell", "dell"),
    ("Beste Stroomhuis,", "Al drie maanden klopt mijn rekening niet. Stroomhuis reageert niet op mijn mails.",
     "Stroomhuis", None),
    ("Customer no more", "I switched from Netwave last year. Netwave kept billing me. I rang Netwave twice.", "Netwave",
     None),
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
