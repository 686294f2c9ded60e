"""What the importer guesses from a post's words: company, outcome, apology, channels,
compensation, dates and the timeline, in Dutch and English."""

from __future__ import annotations

from datetime import date

import pytest

from generator.importer.companies import Candidate, choose, matcher, shipped
from generator.importer.cues import channels_of, compensation_of, language_of, read_apology, read_outcome, sentences
from generator.importer.dates import find_dates
from generator.importer.guess import Event, guess, plain, timeline_of
from generator.model import Actor, Apology, Channel, Language, Outcome

SITE = (Candidate("Glasnet", "glasnet", ("Glasnet Glasvezel",), "telecom", "", "content/companies/glasnet.yaml"),
        Candidate("Stroomwerk", "stroomwerk", (), "energy", "", "content/companies/stroomwerk.yaml"))


@pytest.mark.parametrize(("text", "outcome"), [
    ("Na acht dagen was het eindelijk opgelost.", Outcome.RESOLVED),
    ("Het is nog steeds niet opgelost.", Outcome.UNRESOLVED),
    ("Eerst leek het opgelost, maar het werkt nog steeds niet.", Outcome.UNRESOLVED),
    ("Het was niet opgelost, maar een week later toch opgelost.", Outcome.RESOLVED),
    ("Ik geef het op.", Outcome.GAVE_UP),
    ("Ik heb het opgegeven en ben vertrokken.", Outcome.GAVE_UP),
    ("Ik wacht nog op antwoord.", Outcome.OPEN),
    ("It was fixed after a week.", Outcome.RESOLVED),
    ("It has not been resolved.", Outcome.UNRESOLVED),
    ("I gave up and switched providers.", Outcome.GAVE_UP),
    ("Still waiting for an answer.", Outcome.OPEN),
    ("Na drie weken werkt alles weer.", Outcome.RESOLVED),
    ("Inmiddels is alles geregeld, tot mijn tevredenheid.", Outcome.RESOLVED),
    ("Een maand later nog steeds geen internet.", Outcome.UNRESOLVED),
    ("Ik kap ermee en zoek een andere provider.", Outcome.GAVE_UP),
    ("Ik laat het er maar bij.", Outcome.GAVE_UP),
    ("De monteur is langs geweest en nu werkt alles.", Outcome.RESOLVED),
    ("Het werkt nu prima.", Outcome.RESOLVED),
    ("After the second visit everything works now.", Outcome.RESOLVED),
    ("Nu werkt het niet meer.", Outcome.UNKNOWN),
    ("Op 1 juli kreeg ik eindelijk mijn geld terug.", Outcome.RESOLVED),
    ("On March 24 the account was unfrozen.", Outcome.RESOLVED),
    ("De rekening is eindelijk weer vrijgegeven.", Outcome.RESOLVED),
    ("Ik kreeg mijn geld niet terug.", Outcome.UNRESOLVED),
    ("The issue remains unresolved.", Outcome.UNRESOLVED),  # not 'resolved' inside it
    ("Het probleem is onopgelost.", Outcome.UNRESOLVED),
    ("As of today, nothing has changed.", Outcome.UNRESOLVED),
    ("Ik heb de hoop opgegeven.", Outcome.GAVE_UP),
    ("A rep called me, apologized, and credited my account. Case closed.", Outcome.RESOLVED),
    ("Het bedrag is aangepast. Voor nu ben ik tevreden.", Outcome.RESOLVED),
    ("Ik ben niet tevreden.", Outcome.UNRESOLVED),
    ("Is het nu opgelost? Nee.", Outcome.UNKNOWN),
    ("Na drie maanden bellen is het eindelijk geregeld.", Outcome.RESOLVED),
    ("Het is nog altijd niet geregeld.", Outcome.UNRESOLVED),
    ("I received a full refund.", Outcome.RESOLVED),
    ("I never received a refund.", Outcome.UNRESOLVED),
    ("Het is een maand later en ik heb nog niks gehoord.", Outcome.OPEN),
    ("The account was never restored.", Outcome.UNRESOLVED),
])
def test_outcome_from_the_last_cue(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value is outcome


@pytest.mark.parametrize(("text", "apology"), [
    ("Geen excuses, wel korting.", Apology.NO),
    ("Geen sorry, niets.", Apology.NO),
    ("Ze hebben excuses aangeboden.", Apology.YES),
    ("De medewerker bood meteen zijn excuses aan.", Apology.YES),
    ("We kregen een soort excuses.", Apology.PARTIAL),
    ("Ze zeiden niets.", Apology.UNKNOWN),
    ("No apology whatsoever.", Apology.NO),
    ("They never apologised.", Apology.NO),
    ("The manager apologised on the phone.", Apology.YES),
    ("All I got was a half-hearted apology.", Apology.PARTIAL),
    ("Niet eens een sorry.", Apology.NO),
    ("Excuses kon er niet af.", Apology.NO),
    ("Ze hebben zich nooit verontschuldigd.", Apology.NO),
    ("Uiteindelijk kreeg ik wel excuses van de manager.", Apology.YES),
    ("De directeur heeft zich verontschuldigd.", Apology.YES),
    ("Ik kreeg geen excuses.", Apology.NO),
    # the apology named first, its denial after the verb
    ("Excuses werden er niet aangeboden.", Apology.NO),
    ("Een excuus is er nooit gekomen.", Apology.NO),
    ("Excuses heb ik nooit ontvangen.", Apology.NO),
    ("Sorry zeggen kon er niet af.", Apology.NO),
    ("Excuses waren niet genoeg.", Apology.UNKNOWN),  # they came, but not enough
    ("Nobody has apologised.", Apology.NO),
    ("Niemand heeft zich verontschuldigd.", Apology.NO),
    ("De medewerker zei sorry voor het ongemak, maar kon niets doen.", Apology.PARTIAL),
    ("The agent said sorry for the inconvenience.", Apology.PARTIAL),
    ("The service was in a sorry state.", Apology.UNKNOWN),
    ("Two days later a rep called me, apologized, and credited my account.", Apology.YES),  # 'me' is not the writer's own
    ("Hun excuses waren excuses voor de vorm.", Apology.PARTIAL),
    ("Zonder enig excuus sloten ze de zaak.", Apology.NO),
])
def test_apology_from_the_last_cue(text: str, apology: Apology) -> None:
    assert read_apology(text).value is apology


@pytest.mark.parametrize(("text", "channels"), [
    ("Ik heb gebeld, getweet en het klachtenformulier ingevuld.", (Channel.PHONE, Channel.TWITTER, Channel.WEBFORM)),
    ("Ik stuurde een e-mail en daarna een aangetekende brief.", (Channel.EMAIL, Channel.LETTER)),
    ("Via de chat kwam er een monteur; daarna naar Klachtenkompas.", (Channel.CHAT, Channel.VISIT, Channel.OMBUDSMAN)),
    ("I phoned them and used the contact form.", (Channel.PHONE, Channel.WEBFORM)),
    ("Er was niets aan de hand.", ()),
    # the product or the word is not a contact: a dead phone line, a so-called fix, a name
    ("My phone line went dead for three weeks.", ()),
    ("Mijn telefoon en internet deden het niet meer.", ()),
    ("Their so-called fix did nothing; the service is called Basic.", ()),
    ("I called Stroomnet twice and they rang me back.", (Channel.PHONE,)),
    ("Ik heb telefonisch contact gehad en ben naar de winkel gegaan.", (Channel.PHONE, Channel.VISIT)),
    ("The technician I spoke to by phone said it was fine.", (Channel.PHONE,)),
    ("An engineer came on Tuesday.", (Channel.VISIT,)),
    ("Op 12/4 kwam er een technieker langs; daarna naar de Ombudsdienst voor Telecommunicatie.",
     (Channel.VISIT, Channel.OMBUDSMAN)),  # Flemish
    # 'calling' and 'called' that are no call
    ("They refunded me, so I'm calling this one resolved.", ()),
    ("A company called Stroomnet sent the bill; they called it a glitch.", ()),
    ("I kept calling, and after calling the helpline twice they called me back.", (Channel.PHONE,)),
])
def test_channels(text: str, channels: tuple[Channel, ...]) -> None:
    assert set(channels_of(text)) == set(channels)


@pytest.mark.parametrize(("text", "compensation"), [
    ("Ik kreeg 6 euro korting, maar geen excuses.", "6 euro korting"),
    ("Er kwam € 25 terug op mijn rekening.", "€ 25 terug"),
    ("Ze gaven een vergoeding van 15 euro.", "vergoeding van 15 euro"),
    ("I got a refund of €40.", "refund of €40"),
    ("Het kostte me 30 euro aan telefoonkosten.", ""),
])
def test_compensation_as_written(text: str, compensation: str) -> None:
    assert compensation_of(text) == compensation


@pytest.mark.parametrize(("text", "language"), [
    ("Ik heb de klantenservice gebeld en het was niet opgelost.", Language.NL),
    ("I called the company and it was not fixed for weeks.", Language.EN),
])
def test_language(text: str, language: Language) -> None:
    assert language_of(text) is language


def test_dates_in_dutch_and_english_with_and_without_a_year() -> None:
    text = "Op 3 maart 2019, March 4, 2019, 5 mrt. 2019, 2019-03-06, 07-03-2019 en op 8 maart."
    assert [(f.value, f.has_year) for f in find_dates(text, year=2019)] == [
        (date(2019, 3, 3), True), (date(2019, 3, 4), True), (date(2019, 3, 5), True), (date(2019, 3, 6), True),
        (date(2019, 3, 7), True), (date(2019, 3, 8), False)]
    assert [f.value for f in find_dates("Op 8 maart belde ik.")] == []  # no year to assume
    # day and month in figures, after a word that says a date follows; '3/4' alone is three quarters
    assert [f.value for f in find_dates("Op 12/4 kwam de monteur, sinds 20/4 niets; 3/4 van de klanten", year=2023)] \
        == [date(2023, 4, 12), date(2023, 4, 20)]


def test_company_in_the_title_wins_over_one_only_switched_to() -> None:
    match = matcher([*SITE, *shipped()])
    found = choose(match, "Drie weken wachten op Stroomwerk",
                   "Stroomwerk deed niets. Ik ben overgestapt naar Glasnet. Glasnet belde meteen. Glasnet is fijn.")
    assert found is not None and (found.term, found.mentions, found.in_title) == ("Stroomwerk", 2, True)


def test_site_records_come_before_the_shipped_list_and_aliases_match() -> None:
    match = matcher([*SITE, *shipped()])
    found = choose(match, "Storing", "De glasnet glasvezel lag eruit. Ik belde ook nog KPN.")
    assert found is not None and found.company.slug == "glasnet" and found.term == "Glasnet"


def test_short_names_match_only_as_written() -> None:
    match = matcher(shipped())
    assert choose(match, "Weer vertraging", "De trein van de ns was laat; ing. Jansen ook.") is None
    found = choose(match, "Weer vertraging", "De trein van de NS was laat.")
    assert found is not None and found.company.name == "NS"


def test_an_alias_from_the_shipped_list_is_written_as_the_post_names_it() -> None:
    found = choose(matcher(shipped()), "Nooit meer Tele2", "Tele2 belde niet terug.")
    assert found is not None and (found.company.name, found.term) == ("Odido", "Tele2")


def test_timeline_from_absolute_yearless_and_relative_dates() -> None:
    text = ("Op 20 februari 2019 viel mijn internet uit. Ik heb op 21 februari gebeld met de klantenservice. "
            "8 dagen later kwam de monteur. Een maand later kreeg ik een brief. Op 1 april komt er een nieuwe "
            "meter.")
    assert timeline_of(text, date(2019, 3, 20)) == (
        Event(date(2019, 2, 20), "Op 20 februari 2019 viel mijn internet uit."),
        Event(date(2019, 2, 21), "Ik heb op 21 februari gebeld met de klantenservice.", Actor.ME, Channel.PHONE),
        Event(date(2019, 3, 1), "8 dagen later kwam de monteur.", Actor.COMPANY, Channel.VISIT),
    )  # 'een maand later' is 2019-03-31, after the post; '1 april' too: both left out


def test_an_apology_or_a_refund_in_the_timeline_is_the_company_s_act() -> None:
    text = ("On 3 March 2023 I wrote to them. On 2 May 2023 they apologised and refunded the money. "
            "Op 9 mei 2023 boden ze hun excuses aan. Op 12 mei 2023 stortten ze 40 euro terug. "
            "Op 20 mei 2023 kreeg ik een standaardmail. On 22 May 2023 I received a letter.")
    assert [e.by for e in timeline_of(text, date(2023, 6, 1))] == [Actor.ME, *[Actor.COMPANY] * 5]
    both = "Op 16 augustus 2023 heb ik gebeld; ze boden hun excuses aan. On 20 August 2023 they called back after I emailed."
    assert [e.by for e in timeline_of(both, date(2023, 9, 1))] == [Actor.ME, Actor.COMPANY]


def test_a_short_month_or_title_with_a_full_stop_ends_no_sentence() -> None:
    text = "On Jan. 5th I paid Boxmove $240. They promised delivery by Jan. 12th. Mr. Jones of dhr. Smit's team said no."
    assert [(e.date, e.text) for e in timeline_of(text, date(2022, 2, 10))] == [
        (date(2022, 1, 5), "On Jan. 5th I paid Boxmove $240."), (date(2022, 1, 12), "They promised delivery by Jan. 12th.")]
    assert sentences(text)[-1] == "Mr. Jones of dhr. Smit's team said no."


@pytest.mark.parametrize(("text", "language", "dates"), [
    # English: 05/06 is 5 June in the UK, May 6 in the US; another date in the text tells which
    ("On 05/06/2023 I called them. On 07/06/2023 they wrote back.", Language.EN, []),
    ("On 05/06/2023 I called them. On 13/06/2023 they wrote back.", Language.EN, [date(2023, 6, 5), date(2023, 6, 13)]),
    ("On 05/06/2023 I called them. On 06/13/2023 they wrote back.", Language.EN, [date(2023, 5, 6), date(2023, 6, 13)]),
    ("Op 05/06/2023 belde ik. Op 07-06-2023 schreven ze terug.", Language.NL, [date(2023, 6, 5), date(2023, 6, 7)]),
])
def test_a_date_in_figures_is_read_as_the_text_writes_them_or_left_out(text: str, language: Language,
                                                                        dates: list[date]) -> None:
    assert [e.date for e in timeline_of(text, date(2023, 12, 1), language=language)] == dates


def test_relative_dates_without_an_absolute_one_give_no_timeline() -> None:
    assert timeline_of("Ik belde. 8 dagen later kwam de monteur. Een maand later was het opgelost.",
                       date(2020, 1, 1)) == ()


def test_guess_with_no_company_found_uses_a_placeholder() -> None:
    found = guess("Kapot", "Het ding was kapot.", date(2020, 1, 1), match=matcher(shipped()), language=Language.EN)
    assert (found.company, found.how, found.candidate) == ("UNKNOWN COMPANY", "not found: placeholder to replace", None)


def test_guess_names_a_company_from_the_text_when_no_list_has_it() -> None:
    found = guess("Kapot", "Ik belde de klantenservice van Fietsfabriek Noord over mijn fiets.", date(2020, 1, 1),
                  match=matcher(shipped()), language=Language.NL)
    assert (found.company, found.how) == ("Fietsfabriek Noord", "best guess from 'klantenservice van Fietsfabriek Noord'")


def test_a_date_without_a_year_takes_the_year_of_the_story_so_far() -> None:
    text = ("On March 3, 2021 my line at Hollowtel went dead. On March 20 I wrote a letter to their complaints "
            "department. Op 28 december 2021 belde ik opnieuw. Op 5 januari kwam eindelijk een monteur.")
    assert [e.date for e in timeline_of(text, date(2026, 12, 6))] == [
        date(2021, 3, 3), date(2021, 3, 20), date(2021, 12, 28), date(2022, 1, 5)]


@pytest.mark.parametrize(("text", "outcome"), [
    # a request or demand tells what the writer wants, not how it ended
    ("I would like the bill corrected, the £412 refunded, and compensation for my time.", Outcome.UNKNOWN),
    ("Ik wil mijn geld terug en verwacht dat het snel is opgelost.", Outcome.UNKNOWN),
    ("Please put it right before the end of the month.", Outcome.UNKNOWN),
    # someone else cancelled: the writer gave nothing up
    ("Intussen had Glasnet mijn abonnement al opgezegd, dus zat ik zonder internet.", Outcome.UNKNOWN),
    ("Then Stroomwerk cancelled my contract without telling me.", Outcome.UNKNOWN),
    ("After two months I closed my account and moved to another bank.", Outcome.GAVE_UP),
    ("Toen heb ik mijn abonnement opgezegd.", Outcome.GAVE_UP),
    # how an ending is told that was not read before
    ("Pas op 29 januari werkte alles.", Outcome.RESOLVED),
    ("Het heeft even geduurd, maar netjes afgehandeld.", Outcome.RESOLVED),
    ("De afrekening werd gecorrigeerd.", Outcome.RESOLVED),
    ("Someone from the office called and removed the charge.", Outcome.RESOLVED),
    ("They never removed the charge.", Outcome.UNRESOLVED),
    ("De boete werd kwijtgescholden.", Outcome.RESOLVED),
])
def test_outcome_of_requests_other_cancellers_and_more_endings(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize("text", ["Een excuus van Glasnet heb ik nooit gehad.", "An apology I have never received.",
                                  "Excuses heb ik niet gekregen, wel een rekening."])
def test_an_apology_never_had_is_no(text: str) -> None:
    assert read_apology(text).value == Apology.NO


@pytest.mark.parametrize(("text", "channels"), [
    ("If I hear nothing within eight weeks, I will take this to the Energy Ombudsman.", ()),
    ("Als ik niets hoor, stap ik naar de Geschillencommissie.", ()),
    ("I called twice. If nothing happens I will go to the ombudsman.", (Channel.PHONE,)),
    ("They said it will be fixed, so I called again on Monday.", (Channel.PHONE,)),  # 'will' in another clause
    ("Ik zal ze morgen bellen.", ()),
    ("Ik diende een klacht in via het formulier op hun website.", (Channel.WEBFORM,)),
])
def test_a_channel_only_threatened_or_planned_is_not_one_used(text: str, channels: tuple[Channel, ...]) -> None:
    assert channels_of(text) == channels


@pytest.mark.parametrize("sentence", ["Op 2 oktober belde een medewerkster van de klachtenafdeling.",
                                      "The first engineer came on 26 October and ordered a part.",
                                      "Update: an engineer finally came on 2 February 2024.",
                                      "On 4 May someone from the head office called me."])
def test_staff_of_the_company_who_call_or_come_are_the_company(sentence: str) -> None:
    [event] = timeline_of(sentence, date(2023, 12, 1), language=Language.EN if sentence[0] in "OT" and "Op" not in sentence
                          else Language.NL)
    assert event.by == Actor.COMPANY


def test_a_regulator_a_complaint_was_filed_with_is_not_the_company() -> None:
    text = ("I returned the router to a Kabelnoord store in February. They still billed me for it. "
            "In May I filed a complaint with the FCC, and a week later Kabelnoord removed the charge.")
    found = guess("Three months of fighting Kabelnoord over a router", text, date(2023, 6, 5),
                  match=matcher(shipped()), language=Language.EN)
    assert found.company == "Kabelnoord"


def test_an_update_added_to_the_post_later_is_in_the_timeline_up_to_today() -> None:
    text = ("Op 12 januari 2023 kwam de afrekening. Op 3 februari diende ik een klacht in.\n\n"
            "Wordt vervolgd.\n\nUpdate 14 maart 2023: Glasnet heeft gebeld. We krijgen €312 terug.\n\n"
            "Op 20 maart gaan we verhuizen.\n\nUpdate 5 januari 2027: nog een keer.")
    events = timeline_of(text, date(2023, 3, 2))
    assert [e.date for e in events] == [date(2023, 1, 12), date(2023, 2, 3), date(2023, 3, 14)]  # a plan, the future: not
    assert read_outcome(text).value == Outcome.RESOLVED


def test_a_date_without_a_year_is_left_out_when_the_post_gives_no_date() -> None:
    text = "Op 1 december bestelde ik een wasmachine. Op 4 december was er niets bezorgd. Op 3 maart 2021 belde ik."
    assert [e.date for e in timeline_of(text, date(2026, 12, 7), dated=False)] == [date(2021, 3, 3)]
    assert [e.date for e in timeline_of(text, date(2024, 12, 20))] == [date(2021, 3, 3), date(2024, 12, 1),
                                                                      date(2024, 12, 4)]


@pytest.mark.parametrize(("text", "apology"), [("Een excuus kreeg ik van geen van beiden.", Apology.NO),
                                               ("An apology from neither of them.", Apology.NO)])
def test_an_apology_from_neither_is_no(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


@pytest.mark.parametrize("text", ["We krijgen €312 terug.", "Het bedrag is alsnog verrekend."])
def test_money_given_back_or_set_off_is_resolved(text: str) -> None:
    assert read_outcome(text).value == Outcome.RESOLVED


def test_mail_received_is_the_company_s_act() -> None:
    [event] = timeline_of("Op 20 februari mail ontvangen dat de klacht in behandeling is.", date(2023, 3, 1))
    assert event.by == Actor.COMPANY


def test_a_name_in_the_title_the_post_repeats_beats_a_place_after_our_flight_from() -> None:
    text = ("Our flight from Bristol to Faro on 14 February 2024 was cancelled the night before. "
            "Skyhop Air offered a rebooking four days later, so we asked for a refund. "
            "Skyhop Air replied on 22 May and promised payment within 14 days.")
    found = guess("Cancelled flight, no refund: six months with Skyhop Air", text, date(2024, 8, 30),
                  match=matcher(shipped()), language=Language.EN)
    assert found.company == "Skyhop Air"


def test_the_sign_off_of_a_quoted_letter_names_the_company_when_the_writer_names_none() -> None:
    body = ("Op 6 juni 2023 viel mijn internet uit. Twee dagen later kreeg ik deze mail:\n\n"
            "> Beste klant, wij doen ons best. Onze excuses voor het ongemak.\n>\n> Met vriendelijke groet,\n>\n"
            "> Team Kabelweb\n\nDaarna hoorde ik niets meer.")
    found = guess("Mijn modem en de standaardmail", body, date(2023, 7, 1), match=matcher(shipped()), language=Language.NL)
    assert found.company == "Kabelweb"
    assert found.evidence["company"].startswith("1 mention, in the sign-off of a letter the post quotes, on no list: ")
    signed_by_a_person = "Ik kreeg een mail.\n\n> Met vriendelijke groet,\n> Jan de Vries\n"
    assert guess("Mijn modem", signed_by_a_person, date(2023, 7, 1), match=matcher(shipped()),
                 language=Language.NL).company == "ONBEKEND BEDRIJF"


@pytest.mark.parametrize(("text", "apology"), [
    ("Excuses voor de lange duur? Nee.", Apology.NO),  # asked and answered
    ("An apology? Not a word.", Apology.NO),
    ("Zouden ze nu eindelijk excuses aanbieden?", Apology.UNKNOWN),  # wondered, not said
])
def test_an_apology_in_a_question(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


@pytest.mark.parametrize("sentence", ["De Belastingdienst bevestigde de ontvangst op 10 juni 2021.",
                                      "Op 15 maart 2024 kreeg ik eindelijk de uitspraak: bezwaar gegrond."])
def test_a_confirmation_or_a_decision_is_the_company_s_act(sentence: str) -> None:
    [event] = timeline_of(sentence, date(2024, 12, 1))
    assert event.by == Actor.COMPANY


@pytest.mark.parametrize("title", ["Avoid Fastfone at all costs ★☆☆☆☆", "Stay away from Fastfone", "Vermijd Fastfone"])
def test_a_title_warning_readers_off_a_company_names_it(title: str) -> None:
    text = "Signed up in January for their unlimited plan. Within a week my data was throttled. Three chats, no answers."
    assert guess(title, text, date(2024, 3, 14), match=matcher(shipped()), language=Language.EN).company == "Fastfone"


@pytest.mark.parametrize(("text", "outcome"), [
    ("I'm porting my number out and never coming back.", Outcome.GAVE_UP),
    ("Edit 2 (29 May): Account unfrozen this morning!", Outcome.RESOLVED),
    ("Castlegate finally replaced the extractor fan.", Outcome.RESOLVED),
    ("De rekening werd na zes weken vrijgegeven.", Outcome.RESOLVED),
])
def test_more_endings_as_told(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_an_open_letter_to_the_board_names_its_company_without_its_legal_form() -> None:
    text = "Geachte directie,\n\nSinds januari probeer ik een fout hersteld te krijgen. Hoogachtend, M. de Boer"
    found = guess("Open brief aan de directie van Stroomveld B.V.", text, date(2024, 3, 1),
                  match=matcher(shipped()), language=Language.NL)
    assert found.company == "Stroomveld"


def test_a_letter_head_to_the_company_names_it() -> None:
    text = "Aan: Klantenservice Snelnet B.V.\nBetreft: klacht storing\n\nGeachte heer, mevrouw,\n\nHet internet valt uit."
    found = guess("klacht storing", text, date(2024, 3, 1), match=matcher(shipped()), language=Language.NL)
    assert found.company == "Snelnet"


def test_a_company_written_long_and_short_is_one_company() -> None:
    text = ("Onze boiler is van Warmtebron Verhuur N.V. Sinds augustus geen warm water. "
            "Warmtebron stuurde op 14 augustus een monteur. Warmtebron Verhuur heeft ons de huur terugbetaald.")
    found = guess("Drie maanden geen warm water", text, date(2023, 11, 2), match=matcher(shipped()), language=Language.NL)
    assert found.company == "Warmtebron Verhuur"
    assert found.evidence["company"].startswith("3 mentions, the only company-like name the post repeats")


@pytest.mark.parametrize(("text", "apology"), [("Excuses? Die kwamen er ook, per mail.", Apology.YES),
                                               ("Excuses? Die kwamen er niet.", Apology.NO),
                                               ("An apology? Yes, a week later.", Apology.YES)])
def test_an_apology_question_answered_after_it(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


def test_a_short_form_ends_no_sentence_and_a_threat_with_otherwise_is_no_channel() -> None:
    assert sentences("Uw afrekening d.d. 3 januari 2024 klopt niet. Het gaat o.a. om de meterstand.") == [
        "Uw afrekening d.d. 3 januari 2024 klopt niet.", "Het gaat o.a. om de meterstand."]
    assert channels_of("Anders leg ik het geschil voor aan de Geschillencommissie Energie.") == ()
    assert read_outcome("Op geen van deze berichten heb ik een inhoudelijke reactie gehad.").value == Outcome.OPEN


@pytest.mark.parametrize(("text", "channels"), [
    ("De monteur kwam niet.", ()),  # no visit
    ("De monteur kwam op dinsdag.", (Channel.VISIT,)),
    ("Ik belde niet, ik mailde.", (Channel.EMAIL,)),
    ("Glasweb heeft per mail excuses aangeboden.", (Channel.EMAIL,)),
])
def test_a_channel_said_not_to_have_happened_is_none(text: str, channels: tuple[Channel, ...]) -> None:
    assert channels_of(text) == channels


def test_a_connection_made_at_last_is_resolved_and_an_update_s_apology_is_the_company_s_act() -> None:
    text = "Op 1 februari 2021 kwam niemand. Pas op 15 maart werd de aansluiting gemaakt.\n\n" \
           "Update 20 maart: Glasweb heeft per mail excuses aangeboden."
    assert read_outcome(text).value == Outcome.RESOLVED
    assert [(e.date, e.by, e.via) for e in timeline_of(text, date(2021, 3, 15))][-1] == \
        (date(2021, 3, 20), Actor.COMPANY, Channel.EMAIL)


@pytest.mark.parametrize(("text", "outcome", "apology"), [
    ("They never apologized, but they did refund me.", Outcome.RESOLVED, Apology.NO),
    ("Not only did they refuse to refund me, they also closed my account.", Outcome.UNRESOLVED, Apology.UNKNOWN),
    ("Glasnet zegt dat het opgelost is, maar ik merk er niets van.", Outcome.UNRESOLVED, Apology.UNKNOWN),
    ("Glasnet claims it is fixed, but nothing works.", Outcome.UNRESOLVED, Apology.UNKNOWN),
    ("Their 'apology' was a form letter.", Outcome.UNKNOWN, Apology.PARTIAL),
    ("Ik heb de klacht ingetrokken.", Outcome.GAVE_UP, Apology.UNKNOWN),
    ("I withdrew my complaint.", Outcome.GAVE_UP, Apology.UNKNOWN),
    ("Glasnet heeft de claim daarna alsnog uitbetaald.", Outcome.RESOLVED, Apology.UNKNOWN),  # a claim is no claiming
])
def test_outcome_and_apology_of_claims_refunds_form_letters_and_withdrawals(text: str, outcome: Outcome,
                                                                            apology: Apology) -> None:
    assert (read_outcome(text).value, read_apology(text).value) == (outcome, apology)


@pytest.mark.parametrize(("text", "channels"), [
    ("Ze stuurden op 16 mei een monteur.", (Channel.VISIT,)),
    ("Acht dagen later kwam er eindelijk een monteur.", (Channel.VISIT,)),
    ("I visited a branch on 14 March 2023.", (Channel.VISIT,)),
])
def test_a_visit_told_with_words_between(text: str, channels: tuple[Channel, ...]) -> None:
    assert channels_of(text) == channels


@pytest.mark.parametrize(("text", "outcome"), [
    ("Why I finally left Northline Bank", Outcome.GAVE_UP),
    ("On 15 June 2023 I moved everything to a credit union.", Outcome.GAVE_UP),
    ("I left a voicemail and waited.", Outcome.UNKNOWN),  # no company left
])
def test_leaving_the_company_is_giving_up(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize("sentence", ["Ze stuurden op 16 mei een monteur.", "The letter came on 2 May, asking for documents."])
def test_a_technician_sent_or_a_letter_that_came_is_the_company_s_act(sentence: str) -> None:
    [event] = timeline_of(sentence, date(2023, 12, 1), language=Language.EN if sentence.startswith("The") else Language.NL)
    assert event.by == Actor.COMPANY


def test_a_brand_that_said_something_is_no_person_and_joining_names_it() -> None:
    text = ("I joined FitForge in 2021. When I moved city I asked to cancel. FitForge said cancellations must be "
            "made in person.\n\nI sent a recorded letter on 4 September 2023. They kept taking £45 a month.")
    found = guess("The gym that would not let me leave", text, date(2023, 12, 1), match=matcher(shipped()),
                  language=Language.EN)
    assert found.company == "FitForge"
    assert [(e.by, e.via) for e in found.timeline] == [(Actor.ME, Channel.LETTER)]  # I sent it, not they


def test_a_contractor_the_company_sent_is_its_act() -> None:
    [event] = timeline_of("Castlegate Lettings sent a contractor on 3 January 2023 who painted over it.",
                          date(2023, 12, 1), language=Language.EN)
    assert event.by == Actor.COMPANY


def test_dutch_day_and_month_with_a_dash_after_op_and_the_next_day() -> None:
    text = ("Op 12-3 belde ik. Op 14-03 kwam een brief. De volgende dag belde ik nog eens. "
            "De uitslag was 12-3 voor de thuisploeg.")
    assert [e.date for e in timeline_of(text, date(2023, 5, 1))] == [date(2023, 3, 12), date(2023, 3, 14),
                                                                     date(2023, 3, 15)]
    english = "On March 3rd I called. The next day I called again."
    assert [e.date for e in timeline_of(english, date(2023, 5, 1), language=Language.EN)] == [
        date(2023, 3, 3), date(2023, 3, 4)]


@pytest.mark.parametrize(("text", "outcome"), [
    ("Het probleem blijft.", Outcome.UNRESOLVED),
    ("The problem remains.", Outcome.UNRESOLVED),
    ("Het probleem bleef niet lang.", Outcome.UNKNOWN),
    ("Pakketlijn betaalde na drie weken 30 euro terug.", Outcome.RESOLVED),
    ("Ik betaalde het voorschot terug.", Outcome.UNKNOWN),  # the writer paid
    ("They restored it the same day, with an apology.", Outcome.RESOLVED),
])
def test_a_problem_that_stays_money_paid_back_and_a_service_restored(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_the_company_s_technician_who_came_is_a_visit() -> None:
    assert channels_of("De technieker van Glasnet kwam op 10 januari.") == (Channel.VISIT,)


@pytest.mark.parametrize(("text", "outcome"), [
    ("Moving to another host this week.", Outcome.GAVE_UP),
    ("Ik stap over naar een andere provider.", Outcome.GAVE_UP),
    ("Inmiddels zit ik zeven weken zonder internet en betaal ik wel gewoon.", Outcome.UNRESOLVED),
    ("We are still without heating.", Outcome.UNRESOLVED),
    ("On 8 February Veldhuis Verzekeringen reversed the decision and paid the claim in full.", Outcome.RESOLVED),
    ("Ze lieten de volgende dag een nieuw frame bezorgen.", Outcome.RESOLVED),
    ("The line came back on 14 May.", Outcome.RESOLVED),
    ("So far nothing.", Outcome.OPEN),
    ("I'm now taking it to the Communications Ombudsman.", Outcome.OPEN),
])
def test_leaving_for_another_host_still_without_a_claim_paid_and_escalated_now(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("text", "channels"), [
    ("On 9 April I emailed their complaints team.", (Channel.EMAIL,)),
    ("4 Dec 2023: Assessor finally visited.", (Channel.VISIT,)),
    ("Dag 3: monteur geweest, onderdeel besteld.", (Channel.VISIT,)),
    ("An inspector from the council visited on 19 April.", ()),  # the council's, not the company's
])
def test_an_email_sent_and_an_assessor_who_came(text: str, channels: tuple[Channel, ...]) -> None:
    assert channels_of(text) == channels


def test_a_table_s_rows_are_events_without_their_marks() -> None:
    body = ("How my claim went.\n\n| Date | What happened |\n|---|---|\n| 6 Nov 2023 | Claim filed online |\n"
            "| 4 Dec 2023 | Assessor finally visited |\n| 9 Jan 2024 | Claim rejected |\n\nThen nothing.")
    found = guess("A claim", body, date(2024, 2, 11), match=matcher(shipped()), language=Language.EN)
    assert [(e.date, e.text) for e in found.timeline] == [
        (date(2023, 11, 6), "6 Nov 2023: Claim filed online"), (date(2023, 12, 4), "4 Dec 2023: Assessor finally visited"),
        (date(2024, 1, 9), "9 Jan 2024: Claim rejected")]
    assert found.timeline[1].by is Actor.COMPANY


def test_a_sentence_about_the_neighbour_and_the_writer_is_an_event() -> None:
    text = ("On 2 April 2024 an engineer working on my neighbour's line disconnected mine. I rang Quickwire the same "
            "evening. Mijn buurman had op 5 april ook storing.")
    events = guess("Quickwire", text, date(2024, 5, 20), match=matcher(shipped()), language=Language.EN).timeline
    assert [(e.date, e.text[:12], e.by) for e in events] == [
        (date(2024, 4, 2), "On 2 April 2", None), (date(2024, 4, 2), "I rang Quick", Actor.ME)]


def test_the_same_day_before_the_next_day_in_one_sentence_is_the_same_day() -> None:
    text = ("Op 2 april mailde ik Fietsland. Dezelfde dag belden ze terug en lieten de volgende dag een nieuw frame "
            "bezorgen. De volgende dag kwam het frame.")
    assert [e.date for e in timeline_of(text, date(2024, 4, 4))] == [date(2024, 4, 2), date(2024, 4, 2), date(2024, 4, 3)]


def test_a_diary_s_numbered_days_count_from_its_dated_first_day() -> None:
    text = "Dag 1 (11 december): geen warm water.\nDag 3: monteur geweest.\nDag 40: nog altijd koud douchen.\nDag 90: lente."
    assert [e.date for e in timeline_of(text, date(2024, 1, 20))] == [
        date(2023, 12, 11), date(2023, 12, 13), date(2024, 1, 19)]  # day 90 is after the post: left out


def test_a_name_after_a_date_or_since_is_read_from_its_own_first_word() -> None:
    text = "Since 06/01/2023 Brightline Wireless has charged my card twice. Since June Brightline Wireless ignored me."
    found = guess("Brightline Wireless double billed me", text, date(2023, 9, 30), match=matcher(shipped()),
                  language=Language.EN)
    assert (found.company, found.candidate) == ("Brightline Wireless", None)


@pytest.mark.parametrize(("text", "outcome"), [
    ("Op 1 juli heb ik mijn contract bij Glasnet opgezegd.", Outcome.GAVE_UP),
    ("Daarna ben ik teruggegaan naar Kabelweb.", Outcome.GAVE_UP),
    ("Op 20 november hebben we een schikking getroffen.", Outcome.RESOLVED),
    ("New boiler fitted. Hot water and heating back after seven weeks.", Outcome.RESOLVED),
    ("On 2 April Nordpost rejects the claim.", Outcome.UNRESOLVED),
])
def test_a_contract_ended_with_words_between_a_settlement_and_heating_back(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_pounds_are_an_amount_and_a_mail_or_a_visit_to_look_are_channels() -> None:
    assert compensation_of("They also sent an apology and £150 in compensation.") == "£150 in compensation"
    assert channels_of("Op 30 mei kreeg ik een mail. Verbeek kwam drie keer kijken.") == (Channel.EMAIL, Channel.VISIT)


@pytest.mark.parametrize(("sentence", "by"), [
    ("Op 3 mei stuurde ik een mail naar Kabelweb.", Actor.ME),  # was the company's: 'stuurde een mail'
    ("Mail gestuurd op 17 mei, geen antwoord.", None),  # no answer is no act of theirs
    ("Op 2 oktober kreeg ik antwoord.", Actor.COMPANY),
])
def test_who_acted_when_the_writer_sent_it_or_no_answer_came(sentence: str, by: Actor | None) -> None:
    assert [e.by for e in timeline_of(sentence, date(2024, 12, 1))] == [by]


def test_a_web_shop_known_by_its_domain_is_named_as_written_and_never_by_a_prefix() -> None:
    text = "Op 3 mei 2024 bestelde ik bij tuinshop24.nl een parasol. Vandaag nog steeds geen geld."
    found = guess("Mijn bestelling bij tuinshop24.nl", text, date(2024, 6, 20), match=matcher(shipped()),
                  language=Language.NL)
    assert (found.company, found.candidate) == ("tuinshop24.nl", None)  # was TUI: 'tuinshop24' starts with 'tui'


def test_my_supplier_comma_names_the_company() -> None:
    found = guess("Estimated bills, again", "My energy supplier, Glowpower, has sent me estimated bills for a year.",
                  date(2024, 10, 1), match=matcher(shipped()), language=Language.EN)
    assert found.company == "Glowpower"


def test_a_span_or_a_pair_of_days_is_dated_by_its_first_day() -> None:
    text = "Van 3 tot 17 februari had ik geen bereik. Ik heb op 6 en op 12 februari gebeld. From 2 to 5 March 2024 again."
    assert [e.date for e in timeline_of(text, date(2024, 3, 20))] == [
        date(2024, 2, 3), date(2024, 2, 6), date(2024, 3, 2)]


def test_yesterday_and_today_count_from_the_post_s_own_date_only() -> None:
    text = "Gisteren reed de bus weer niet. Vandaag heb ik een klacht ingediend. Vandaag de dag is alles digitaal."
    events = timeline_of(text, date(2024, 11, 20))
    assert [(e.date, e.by) for e in events] == [(date(2024, 11, 19), None), (date(2024, 11, 20), Actor.ME)]
    assert timeline_of(text, date(2024, 11, 20), dated=False) == ()  # the file's date: no day to count from


@pytest.mark.parametrize(("text", "outcome"), [
    ("Op 30 juli kreeg ik bericht dat mijn bezwaar gegrond is. De boete is vernietigd.", Outcome.RESOLVED),
    ("The ombudsman upheld my complaint.", Outcome.RESOLVED),
    ("TL;DR: it finally works since the fourth engineer came.", Outcome.RESOLVED),
])
def test_an_objection_upheld_and_it_finally_works(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_mail_received_after_my_complaint_is_the_company_s_act() -> None:
    events = timeline_of("Na mijn klacht kreeg ik op 25 maart deze mail. Ik diende op 26 maart een klacht in.",
                         date(2024, 3, 30))
    assert [e.by for e in events] == [Actor.COMPANY, Actor.ME]


def test_a_tag_names_the_company_when_the_text_names_none() -> None:
    body = "Mijn energieleverancier rekent al een jaar te veel. Op 3 april belde ik, en Stroomhuis zei nee."
    tagged = guess("Verkeerde voorschotten", body, date(2024, 5, 5), match=matcher(shipped()), language=Language.NL,
                   words=Language.NL, tags=("energie", "Stroomhuis"))
    assert (tagged.company, tagged.evidence["company"]) == ("Stroomhuis", "de tag 'Stroomhuis' van het bericht, 1x in de "
                                                                          "tekst, op geen lijst")
    listed = guess("Verkeerde voorschotten", "Mijn leverancier rekent te veel.", date(2024, 5, 5), match=matcher(shipped()),
                   language=Language.NL, tags=("Vattenfall",))
    assert (listed.company, listed.candidate is not None) == ("Vattenfall", True)
    unnamed = guess("Verkeerde voorschotten", "Mijn leverancier rekent te veel.", date(2024, 5, 5),
                    match=matcher(shipped()), language=Language.NL, tags=("Energie", "Klacht", "Stroomhuis"))
    assert unnamed.company == "ONBEKEND BEDRIJF"  # tags no list has and the text never writes name nothing


@pytest.mark.parametrize(("text", "compensation"), [
    ("Under UK261 I am entitled to compensation of £350 per passenger.", ""),  # asked for, not given
    ("I would like the bill corrected, the £412 refunded, and compensation for my time.", ""),
    ("Quickwire offered a £20 credit, which I declined as insulting.", ""),  # turned down
    ("I asked for £100, but they gave me £20 credit.", "gave me £20 credit"),
    ("They also sent an apology and £150 in compensation.", "£150 in compensation"),
    ("Ik kreeg 10 euro korting.", "10 euro korting"),
])
def test_an_amount_asked_for_or_turned_down_is_no_compensation(text: str, compensation: str) -> None:
    assert compensation_of(text) == compensation


@pytest.mark.parametrize(("text", "outcome"), [
    ("Closing my account as soon as my salary is moved.", Outcome.GAVE_UP),
    ("Nimbus has since sent my account to collections. I'm still fighting it.", Outcome.UNRESOLVED),
    ("I'm now going to the Energy Ombudsman.", Outcome.OPEN),
])
def test_closing_the_account_still_fighting_and_going_to_the_ombudsman(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_hours_on_hold_mails_and_a_visit_said_as_been_round_are_channels() -> None:
    assert channels_of("Spent 3 hours on hold. Ze reageren niet meer op mails. Ze zijn twee keer langs geweest.") == (
        Channel.PHONE, Channel.EMAIL, Channel.VISIT)
    assert [e.by for e in timeline_of("Their reply, on 14 March: no refund.", date(2024, 3, 18), language=Language.EN)] \
        == [Actor.COMPANY]


def test_a_claim_paid_by_the_insurer_a_sum_given_and_a_housing_association_named() -> None:
    assert read_outcome("Op 28 augustus betaalde Veilig Onderweg de schade van 1.840 euro.").value == Outcome.RESOLVED
    assert read_outcome("Op 28 augustus betaalde ik de schade zelf.").value == Outcome.UNKNOWN  # the writer paid
    assert compensation_of("The bank gave me £150 for the trouble.") == "gave me £150"
    found = guess("Schimmel in de badkamer: woningcorporatie Thuisbasis doet niets",
                  "Op 15 januari meldde ik het bij Thuisbasis. In juni hebben we de Huurcommissie ingeschakeld.",
                  date(2024, 11, 2), match=matcher(shipped()), language=Language.NL)
    assert (found.company, found.channels) == ("Thuisbasis", (Channel.OMBUDSMAN,))
    assert channels_of("Er kwam op 2 februari een opzichter kijken.") == (Channel.VISIT,)


@pytest.mark.parametrize(("text", "apology", "compensation"), [
    ("Excuses kregen we ook, en een maand gratis tv.", Apology.YES, "een maand gratis tv"),
    ("Excuses kregen we niet.", Apology.NO, ""),
    ("We got two months free broadband.", Apology.UNKNOWN, "two months free broadband"),
    ("Feel free to ask.", Apology.UNKNOWN, ""),
])
def test_an_apology_said_noun_first_and_a_free_month(text: str, apology: Apology, compensation: str) -> None:
    assert (read_apology(text).value, compensation_of(text)) == (apology, compensation)


def test_a_request_ends_at_but_and_a_company_not_to_be_called_is_no_call() -> None:
    assert read_outcome("I wanted to complain, but it was fixed the next day.").value == Outcome.RESOLVED
    assert read_outcome("I would like the bill corrected, the £412 refunded.").value == Outcome.UNKNOWN
    assert channels_of("Het bedrijf was niet te bellen.") == ()
    assert channels_of("Toen ben ik ze gaan bellen.") == (Channel.PHONE,)


@pytest.mark.parametrize(("text", "outcome", "apology"), [
    ("Op 28 mei belde de bank: ze storten het geld alsnog terug, met excuses.", Outcome.RESOLVED, Apology.YES),
    ("Met excuses voor de late reactie: ik was ziek.", Outcome.UNKNOWN, Apology.UNKNOWN),  # the writer's own
    ("With apologies for the long post.", Outcome.UNKNOWN, Apology.UNKNOWN),
])
def test_money_paid_back_now_with_an_apology_and_the_writer_s_own(text: str, outcome: Outcome, apology: Apology) -> None:
    assert (read_outcome(text).value, read_apology(text).value) == (outcome, apology)


def test_done_with_names_the_company() -> None:
    found = guess("Why I'm done with Streamly", "Streamly raised my price. I cancelled that day.", date(2024, 5, 3),
                  match=matcher(shipped()), language=Language.EN)
    assert found.company == "Streamly"


def test_a_day_of_the_month_alone_follows_the_date_before_it() -> None:
    text = ("Our internet went out on August 4th. I chatted with support on the 4th, 5th and 7th. "
            "A tech finally showed up on the 10th. On 28 August it broke again. It was fixed on the 2nd.")
    events = timeline_of(text, date(2024, 9, 15), language=Language.EN)
    assert [(e.date, e.by, e.via) for e in events] == [
        (date(2024, 8, 4), None, None), (date(2024, 8, 4), None, Channel.CHAT),
        (date(2024, 8, 10), Actor.COMPANY, Channel.VISIT), (date(2024, 8, 28), None, None), (date(2024, 9, 2), None, None)]


@pytest.mark.parametrize(("text", "outcome"), [
    ("Sinds 3 oktober heb ik eindelijk internet. Excuses? Die heb ik nog steeds niet gehoord.", Outcome.RESOLVED),
    ("As of today I have been without internet for 11 days.", Outcome.UNRESOLVED),
])
def test_an_answer_about_the_apology_says_nothing_of_the_outcome(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_regulator_complained_to_is_the_escalation_channel() -> None:
    assert channels_of("I filed a complaint with the state public utilities commission.") == (Channel.OMBUDSMAN,)


@pytest.mark.parametrize(("text", "outcome"), [
    ("Op 16 september stond het geld weer op mijn rekening.", Outcome.RESOLVED),
    ("Op 18 november stuurde Huisplaza alsnog een nieuwe stoel.", Outcome.RESOLVED),
    ("2025-04-02: monteur geweest, aansluiting werkt", Outcome.RESOLVED),
    ("De aansluiting werkt nog steeds niet.", Outcome.UNRESOLVED),
    ("Op 3 mei stuurde ik een nieuwe klacht.", Outcome.UNKNOWN),  # the writer's, and nothing came of it yet
    ("I disagree and have taken it to small claims court.", Outcome.OPEN),
    ("Daarom ben ik naar de kantonrechter gestapt.", Outcome.OPEN),
])
def test_money_back_in_the_account_a_replacement_sent_and_a_case_taken_to_court(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_month_and_year_give_the_year_of_the_dates_after_it() -> None:
    text = ("My washing machine broke in October 2024. I called them on 7 October. "
            "On 2 December they said no. I have been a customer since May 2015. On 9 January I wrote again.")
    # the post gives no date (the file's is 2026): the month written gives the year, not the file
    events = timeline_of(text, date(2026, 12, 7), language=Language.EN, dated=False)
    assert [e.date for e in events] == [date(2024, 10, 7), date(2024, 12, 2), date(2025, 1, 9)]
    # a customer 'since May 2015' says nothing of the year the story is in
    events = timeline_of("Klant sinds mei 2015. Op 3 maart belde ik.", date(2024, 6, 1), language=Language.NL)
    assert [e.date for e in events] == [date(2024, 3, 3)]


def test_returned_to_names_the_shop() -> None:
    found = guess("Why does a refund take nine weeks?", "I returned a pair of boots to Strideway on 28 March 2025. "
                  "On 15 April I emailed them.", date(2025, 6, 1), match=matcher(shipped()), language=Language.EN)
    assert found.company == "Strideway"


@pytest.mark.parametrize(("text", "apology"), [
    ("Geen woord van excuus.", Apology.NO),
    ("Van excuses geen sprake.", Apology.NO),
    ("An apology would have been nice.", Apology.NO),  # wished for, so not made
    ("Een excuus was wel op zijn plaats geweest.", Apology.NO),
    ("They refused to apologise.", Apology.NO),
    ("Ze weigerden excuses aan te bieden.", Apology.NO),
    ("I refused their apology.", Apology.YES),  # the writer refused one that was made
    ("They did say sorry, which is something.", Apology.YES),
])
def test_an_apology_refused_or_wished_for_is_none(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


@pytest.mark.parametrize(("text", "outcome"), [
    ("Ik heb het maar zo gelaten.", Outcome.GAVE_UP),
    ("Ik heb er maar een streep onder gezet.", Outcome.GAVE_UP),
    ("In the end I cut my losses.", Outcome.GAVE_UP),
    ("Ik heb mijn geld nooit teruggezien.", Outcome.UNRESOLVED),
    ("I never saw my money again.", Outcome.UNRESOLVED),
    ("Uiteindelijk kreeg ik gelijk.", Outcome.RESOLVED),
    ("Ik kreeg geen gelijk.", Outcome.UNRESOLVED),
    ("De Geschillencommissie stelde mij in het gelijk.", Outcome.RESOLVED),
    ("The ombudsman ruled in my favour.", Outcome.RESOLVED),
    ("In the end they agreed to refund me.", Outcome.RESOLVED),
    ("They finally credited the £60.", Outcome.RESOLVED),
    ("Het incassobureau heeft de vordering ingetrokken.", Outcome.RESOLVED),
    ("The debt was written off.", Outcome.RESOLVED),
    ("De zaak loopt nog.", Outcome.OPEN),
    ("The case is ongoing.", Outcome.OPEN),
    ("Let it go, they said.", Outcome.UNKNOWN),
])
def test_given_up_never_repaid_won_and_pending(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_figures_with_the_month_first_and_a_day_over_12_are_read_month_first() -> None:
    text = "They charged my card twice on 3/12/2025. On 3/28/2025 I called again."
    assert [e.date for e in timeline_of(text, date(2025, 4, 10), language=Language.EN)] == [
        date(2025, 3, 12), date(2025, 3, 28)]
    assert [f.value for f in find_dates("op 28-03-2025", order=True)] == [date(2025, 3, 28)]


@pytest.mark.parametrize(("title", "text", "company", "said"), [
    ("My internet provider charged me twice", "Hookup Cable charged my card twice on 3/12/2025. I called on 13 March.",
     "Hookup Cable", "before 'charged'"),
    ("Nummer geblokkeerd", "TELVIA heeft op 2 augustus mijn nummer geblokkeerd. Ik belde op 3 augustus.", "TELVIA",
     "before 'geblokkeerd'"),
    ("#Telvia faalt weer", "Derde storing in een maand. De monteur vond niets.", "Telvia", "as #Telvia"),
    ("Mijn fiets is kwijt bij Fietsbezorgd", "Ik liet mijn fiets ophalen door Fietsbezorgd. Niemand weet waar hij is.",
     "Fietsbezorgd", "2 mentions, in the title"),
    ("Drie dagen offline", "Mijn website draait bij easyHost. easyHost zei niets. Toen antwoordde easyHost pas.",
     "easyHost", "3 mentions"),
    ("Mijn correspondentie met Stroomvast", "Van: klantenservice@stroomvast.nl. Die reactie kwam nooit.", "Stroomvast",
     "after 'mijn correspondentie met'"),
])
def test_a_company_named_before_its_act_in_a_title_hashtag_after_bij_or_in_camel_case(
        title: str, text: str, company: str, said: str) -> None:
    found = guess(title, text, date(2025, 8, 11), match=matcher(shipped()), language=Language.NL)
    assert found.company == company
    assert said in found.evidence["company"]


@pytest.mark.parametrize(("title", "text"), [
    ("Een avond bij Petra", "Petra kookte lekker. Het was gezellig."),  # the text names her first in a sentence
    ("Weekend in Amsterdam met Sanne", "Ik ging met Sanne naar het museum."),  # a companion
])
def test_a_person_in_the_title_after_bij_or_met_is_no_company(title: str, text: str) -> None:
    found = guess(title, text, date(2025, 8, 11), match=matcher(shipped()), language=Language.NL)
    assert found.candidate is None and found.company == "ONBEKEND BEDRIJF"


@pytest.mark.parametrize(("text", "outcome"), [
    ("Vandaag werkt het weer, maar voor hoe lang?", Outcome.RESOLVED),  # told, then asked
    ("Werkt het weer, of niet?", Outcome.UNKNOWN),
    ("Op 8 augustus hebben ze het vrijgegeven, zonder excuses.", Outcome.RESOLVED),
    ("Op 28 november werd het voorschot teruggezet naar 110 euro.", Outcome.RESOLVED),
    ("Ik had het al teruggezet.", Outcome.UNKNOWN),
    ("Ik ben nu bij de Geschillencommissie Energie.", Outcome.OPEN),
])
def test_told_before_a_question_a_number_unblocked_and_a_case_before_the_committee(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("title", "text", "company"), [
    ("Glasweb en de eeuwige storing", "Glasweb stuurde op 20 augustus een monteur. Het probleem bleef.", "Glasweb"),
    ("Brightwatt's smart meter fiasco", "Brightwatt installed a smart meter on 5 September. The bills were estimates.",
     "Brightwatt"),
    ("Ik stop met Snelpost", "Voor de derde keer is een pakket zoek.", "Snelpost"),
    ("Waarom reageert Zorgzaam Verzekerd niet op mijn declaratie?", "Al drie keer gebeld.", "Zorgzaam Verzekerd"),
    ("Formal complaint", "To: Customer Relations, Parcelo Ltd\nDear Sir or Madam, my parcel was stolen.", "Parcelo"),
    ("Sanne en haar verjaardag", "Sanne stuurde me een foto. Het was leuk.", "ONBEKEND BEDRIJF"),  # a friend's act
    ("Jan en zijn nieuwe auto", "Jan zegt dat hij blij is.", "ONBEKEND BEDRIJF"),
])
def test_a_name_in_the_title_the_text_has_acting_as_a_company_does(title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 8, 11), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("text", "outcome"), [
    ("On 28 September Skylark Air paid the full refund of €412.", Outcome.RESOLVED),
    ("Binnen een uur was hij gerepareerd, kosteloos onder garantie.", Outcome.RESOLVED),
    ("De wasmachine moest worden vervangen.", Outcome.UNKNOWN),
    ("Het werd niet gerepareerd.", Outcome.UNRESOLVED),
    ("Vanaf nu verstuur ik alles via een andere vervoerder.", Outcome.GAVE_UP),
    ("Ik heb geen zin meer in dit circus.", Outcome.GAVE_UP),
    ("De zitting is in april.", Outcome.OPEN),
    ("The hearing is set for February.", Outcome.OPEN),
])
def test_a_refund_paid_a_repair_done_another_carrier_and_a_hearing_to_come(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_an_amount_offered_and_accepted_is_compensation_and_one_declined_is_none() -> None:
    assert compensation_of("They offered me £75 for the inconvenience, which I accepted.") == "offered me £75"
    assert compensation_of("They offered me £20, which I declined.") == ""


@pytest.mark.parametrize(("text", "channels"), [
    ("Ik stuurde een DM via X.", (Channel.TWITTER,)),
    ("Ik heb ze op X getagd.", (Channel.TWITTER,)),
    ("Via Instagram stuurde ik een bericht.", (Channel.OTHER,)),
    ("Via de app heb ik een klacht ingediend.", (Channel.OTHER,)),
    ("Ik stuurde een WhatsAppje.", (Channel.CHAT,)),
    ("I left a voicemail.", (Channel.PHONE,)),
    ("Ik ben langs de winkel gegaan.", (Channel.VISIT,)),
    ("Mijn admin account werkt niet.", ()),
])
def test_a_dm_on_x_another_network_an_app_a_voicemail_and_a_shop_visited(text: str, channels: tuple[Channel, ...]) -> None:
    assert channels_of(text) == channels


@pytest.mark.parametrize(("text", "outcome", "apology"), [
    ("Mijn bank heeft het geld teruggeboekt.", Outcome.RESOLVED, Apology.UNKNOWN),
    ("Hun excuses waren een lachertje.", Outcome.UNKNOWN, Apology.PARTIAL),
    ("The apology felt hollow.", Outcome.UNKNOWN, Apology.PARTIAL),
])
def test_money_booked_back_and_an_apology_called_hollow(text: str, outcome: Outcome, apology: Apology) -> None:
    assert (read_outcome(text).value, read_apology(text).value) == (outcome, apology)


@pytest.mark.parametrize(("title", "text", "company"), [
    # named twice, another company only in passing
    ("Een verhuizing en geen internet", "De bank (Rabobank) regelde de hypotheek zonder problemen. Op 3 februari hebben we bij "
     "Glasvezel Oost een verhuizing aangevraagd. Glasvezel Oost heeft ons wel elke maand gefactureerd.", "Glasvezel Oost"),
    # a name that says something is a person's, unless the text shows it acting as a company
    ("Opgelost? Nee hoor", "Warmtenet Centrum stuurde op 5 februari een monteur. Warmtenet Centrum zegt dat er een "
     "onderdeel besteld is.", "Warmtenet Centrum"),
    ("Bezorgd bij de verkeerde", "Di 4 feb. besteld bij Webwinkel Mosterd: een stofzuiger.", "Webwinkel Mosterd"),
    ("5 redenen waarom ik weg ben bij Belcom", "Drie keer een prijsverhoging.", "Belcom"),
    ("Webcare die niets doet", "Ik tweette naar @Beeldnet_NL. Nog steeds geen antwoord van Beeldnet.", "Beeldnet"),
])
def test_a_name_repeated_beside_one_in_passing_an_acting_name_and_more_subject_phrases(
        title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 2, 20), match=matcher(shipped()), language=Language.NL).company == company


def test_a_date_in_brackets_is_no_event_where_the_sentence_has_another_and_weekday_figures_are_dates() -> None:
    text = "Onze koelkast (gekocht op 12 juni 2024) ging op 2 augustus kapot. Ma 10/8 gebeld."
    assert [e.date for e in timeline_of(text, date(2024, 9, 30))] == [date(2024, 8, 2), date(2024, 8, 10)]


@pytest.mark.parametrize(("text", "outcome"), [
    ("Sindsdien geen uitval meer.", Outcome.RESOLVED),
    ("De versterker is inmiddels vervangen.", Outcome.RESOLVED),
    ("No more outages since the new router.", Outcome.RESOLVED),
])
def test_no_more_outages_is_good_news(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_voucher_is_compensation_and_a_handle_keeps_its_underscore() -> None:
    assert compensation_of("Wel kregen we een waardebon van 50 euro.") == "waardebon van 50 euro"
    assert plain("Ik tweette naar @Beeldnet_NL, _echt_ waar.") == "Ik tweette naar @Beeldnet_NL, echt waar."


@pytest.mark.parametrize(("text", "outcome"), [
    ("Op 22 januari werd de blokkade opgeheven.", Outcome.RESOLVED),
    ("They lifted the block on 3 May.", Outcome.RESOLVED),
    ("Op 30 januari werd die alsnog geplaatst.", Outcome.RESOLVED),
    ("Sindsdien werkt alles.", Outcome.RESOLVED),
    ("Sindsdien werkt het niet.", Outcome.UNKNOWN),  # the trouble told, as 'Nu werkt het niet meer'
    ("Requested a refund on 1 April, no response.", Outcome.OPEN),
    ("No response is needed.", Outcome.UNKNOWN),
])
def test_a_block_lifted_a_late_fitting_working_since_and_no_response(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("title", "text", "company"), [
    ("Waarom ik nooit meer bij Telvia klant word", "", "Telvia"),
    ("Bedankt, Kabelnoord", "Bedankt Kabelnoord, voor drie weken zonder internet.", "ONBEKEND BEDRIJF"),  # not 'Bedankt Kabelnoord'
])
def test_never_again_at_names_the_company_and_thanks_is_no_part_of_a_name(title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 4, 4), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("title", "text", "company"), [
    ("Cv-ketel vervangen", "Ik belde Smit & Zonen op 7 november. Smit & Zonen kwam terug.", "Smit & Zonen"),
    ("The gym that won't let me leave", "FitZone won't let me cancel my membership online.", "FitZone"),
    ("Fysiotherapie niet vergoed", "Mijn zorgverzekeraar (Zorgzaam) vergoedt mijn fysiotherapie niet.", "Zorgzaam"),
])
def test_a_firm_and_sons_a_company_that_will_not_let_go_and_a_name_in_brackets(title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 3, 18), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("text", "outcome"), [
    ("Sindsdien geen lekkage meer.", Outcome.RESOLVED),
    ("The bag was delivered to my home on 21 August.", Outcome.RESOLVED),
    ("Op 5 september kreeg ik het pakket alsnog.", Outcome.RESOLVED),
    ("Op 5 september kreeg ik het pakket alsnog niet.", Outcome.UNRESOLVED),
])
def test_no_more_leaks_and_a_parcel_delivered_after_all(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_an_offer_made_by_whom_the_writer_asked_for_is_given_and_going_to_a_board_is_not_yet_a_channel() -> None:
    assert compensation_of("On 10 April I asked for a supervisor, who offered $20 off for six months.") == "$20 off"
    assert channels_of("Ik ga naar de SKGZ.") == ()
    assert channels_of("Ik heb een klacht ingediend bij de SKGZ.") == (Channel.OMBUDSMAN,)
    assert channels_of("Toen ben ik ze gaan bellen.") == (Channel.PHONE,)


@pytest.mark.parametrize(("text", "outcome"), [
    ("Ze beloven dat het volgende week opgelost is.", Outcome.UNKNOWN),  # a promise
    ("The problem has been fixed, they claim.", Outcome.UNKNOWN),  # only said
    ("The problem has been fixed, they claim. It has not.", Outcome.UNRESOLVED),
    ("Volgens Glasnet is het opgelost. Niet dus.", Outcome.UNRESOLVED),
    ("It was fixed and they said sorry.", Outcome.RESOLVED),
    ("They closed my complaint without resolving it.", Outcome.UNRESOLVED),
    ("Ze hebben mijn klacht gesloten zonder oplossing.", Outcome.UNRESOLVED),
    ("We reached a compromise: a 50% refund.", Outcome.RESOLVED),
    ("Na veel gedoe is er een regeling getroffen.", Outcome.RESOLVED),
])
def test_a_promise_or_a_claim_of_a_fix_is_none_and_denied_is_unresolved(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("text", "apology"), [
    ("They apologised, sort of.", Apology.PARTIAL),
    ("A half-hearted sorry from the manager.", Apology.PARTIAL),
    ("I received a generic apology email.", Apology.PARTIAL),
    ("Ik kreeg een standaard excuusmail.", Apology.PARTIAL),
    ("Ik kreeg een excuusmail.", Apology.YES),
])
def test_an_apology_sort_of_or_from_a_template_is_partial(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


def test_an_iso_timestamp_is_a_date() -> None:
    assert [f.value for f in find_dates("2025-03-03T10:00 belde ik; 2025-03-0512 is geen datum")] == [date(2025, 3, 3)]


@pytest.mark.parametrize(("title", "text", "company"), [
    ("Complaint", "Customer Services\n\nVoltwise Energy Ltd\n\nPO Box 1234\n\nDear Sir or Madam,\n\nMy bills are wrong.",
     "Voltwise Energy"),
    ("Parkeerboete onterecht", "Op 14 april kreeg ik een parkeerboete van ParkeerControle Zuid.", "ParkeerControle Zuid"),
])
def test_a_letters_address_under_customer_services_and_a_fine_from_name_the_company(
        title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 5, 30), match=matcher(shipped()), language=Language.EN).company == company


def test_a_fix_promised_in_the_cue_itself_is_none_and_paying_in_an_app_is_no_channel() -> None:
    assert read_outcome("On 3 February I phoned and was promised a corrected bill within five days.").value == Outcome.UNKNOWN
    assert channels_of("Ik had gewoon via de app betaald.") == ()


@pytest.mark.parametrize(("text", "outcome", "compensation"), [
    ("Na twee weken storing werkt ons internet sinds gisteren weer.", Outcome.RESOLVED, ""),
    ("KPN-storing eindelijk voorbij", Outcome.RESOLVED, ""),
    ("Het werkt nog steeds niet weer.", Outcome.UNRESOLVED, ""),
    ("Wel kregen we drie maanden huur kwijtgescholden.", Outcome.UNKNOWN, "drie maanden huur kwijtgescholden"),
])
def test_working_again_with_words_between_an_outage_over_and_months_waived(
        text: str, outcome: Outcome, compensation: str) -> None:
    assert (read_outcome(text).value, compensation_of(text)) == (outcome, compensation)


@pytest.mark.parametrize(("title", "text", "company"), [
    # the former supplier a postscript names is no subject
    ("Verkeerde meterstand bij Energiehuis", "Energiehuis rekende een meterstand die 2000 kWh te hoog was. "
     "Op 4 juni kwam een nieuwe jaarafrekening.\n\nP.S. Bij mijn vorige leverancier, Stroomvast, ging dit altijd goed.",
     "Energiehuis"),
    ("Opgelicht door een webwinkel", "Webwinkel Topdeals heeft me opgelicht.", "Webwinkel Topdeals"),
    ("Wachten op een monteur", "Ik wacht al de hele dag op de monteur van Snelnet Thuis.", "Snelnet Thuis"),
])
def test_a_former_supplier_in_a_postscript_a_scam_and_the_engineer_of(title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2024, 6, 6), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("text", "outcome"), [
    ("On 3 March the funds were released.", Outcome.RESOLVED),
    ("Op 4 juni kwam een nieuwe jaarafrekening, nu wel correct.", Outcome.RESOLVED),
])
def test_funds_released_and_now_correct(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("title", "company"), [
    ("Never buying from Gadgetry again", "Gadgetry"),
    ("Don't use Swift Removals", "Swift Removals"),
    ("Shout out to Acme Parcel for ruining my weekend", "Acme Parcel"),
    ("Klacht: Zorgzaam Verzekerd", "Zorgzaam Verzekerd"),
    ("Review: the new phone", "UNKNOWN COMPANY"),
])
def test_a_title_that_warns_against_or_labels_a_company_names_it(title: str, company: str) -> None:
    assert guess(title, "It broke.", date(2025, 8, 11), match=matcher(shipped()), language=Language.EN).company == company


@pytest.mark.parametrize(("text", "company"), [
    ("Sinds kort zit ik bij Glaswerk Oost. Het internet valt steeds uit.", "Glaswerk Oost"),
    ("Ik zit al jaren bij Glaswerk Oost.", "Glaswerk Oost"),
    ("Mijn provider is Glaswerk Oost. Het internet valt steeds uit.", "Glaswerk Oost"),
    ("Ik heb een abonnement op Kijkplus. De app werkt niet.", "Kijkplus"),
    ("Ik heb via Koopjeshoek een jas besteld. Hij kwam niet.", "Koopjeshoek"),
    ("Glaswerk Oost (mijn provider) doet niets.", "Glaswerk Oost"),
    ("I have been with Fibrelink since 2019. The internet keeps dropping.", "Fibrelink"),
    ("Ik ben met Sanne naar Amsterdam. We zitten bij Petra.", "ONBEKEND BEDRIJF"),  # a friend's place
])
def test_the_company_the_writer_is_with_named_as_provider_or_ordered_via(text: str, company: str) -> None:
    assert guess("Storing", text, date(2025, 8, 11), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("title", "text", "company"), [
    # called 'for the first time' with, then shown answering as a company does: named twice, one word
    ("Drie maanden zonder meter", "Op 14 januari belde ik voor het eerst met Helderstroom over de meter. "
     "Helderstroom reageerde op 11 maart met een standaardmail.", "Helderstroom"),
    # the verb first, as Dutch has it after a time: named once, after what it did
    ("Weg bij mijn bank", "Vorige maand blokkeerde de Spaarkas Noord zonder waarschuwing mijn rekening.", "Spaarkas Noord"),
    # a courier that marked the parcel as delivered, in the title after 'from'
    ("Still no refund from Parcelstream", "The parcel that Parcelstream marked as delivered never arrived.", "Parcelstream"),
    # a friend who did something is no company
    ("Een middag met Petra", "Petra belde me op 3 mei. Petra zei dat het goed ging.", "ONBEKEND BEDRIJF"),
])
def test_a_company_called_for_the_first_time_named_after_its_act_or_marking_a_parcel_delivered(
        title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 6, 6), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("text", "outcome"), [
    ("The adjudicator ruled for me. The money arrived on 16 October.", Outcome.RESOLVED),
    ("No money arrived.", Outcome.UNRESOLVED),
    ("Op 2 april kwam een monteur die de meter in tien minuten verving.", Outcome.RESOLVED),
    ("The engineer never fixed it.", Outcome.UNRESOLVED),
    ("They agreed to send a replacement, which came on 2 August.", Outcome.RESOLVED),
    ("Na een tweede klacht is het termijnbedrag op 2 februari verlaagd naar 135 euro.", Outcome.RESOLVED),
    ("Per 1 januari werd mijn termijnbedrag verhoogd.", Outcome.UNKNOWN),
    ("They rejected my claim. I have now referred the case to the enforcement body.", Outcome.OPEN),
    ("Ik heb de zaak inmiddels voorgelegd aan de Geschillencommissie.", Outcome.OPEN),
    ("Silence since. I'm now going through my credit card company for a chargeback.", Outcome.OPEN),
    ("I'm going through my bank statements.", Outcome.UNKNOWN),
])
def test_money_arrived_an_engineer_replaced_it_a_lower_payment_and_a_case_referred_on(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("text", "apology"), [
    ("I would like the gutter repaired, the room redecorated and an apology.", Apology.NO),
    ("Ik wil excuses en mijn geld terug.", Apology.NO),
    ("I want to thank them for the apology.", Apology.YES),
    ("Het bedrag is verlaagd. Excuses voor de verwarring, schreven ze erbij.", Apology.YES),
    ("Sorry voor de lange post.", Apology.UNKNOWN),  # the writer's own
])
def test_an_apology_wanted_is_none_made_and_one_reported_is_theirs(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


@pytest.mark.parametrize(("text", "outcome"), [
    ("Polderwater heeft de afrekening op 12 maart gecorrigeerd.", Outcome.RESOLVED),
    ("Polderwater heeft de afrekening nooit gecorrigeerd.", Outcome.UNRESOLVED),
    ("Ik heb de meterstand zelf gecorrigeerd.", Outcome.UNKNOWN),  # the writer's act
    ("On 19 February the charge was removed from my account.", Outcome.RESOLVED),
    ("They corrected the bill in March.", Outcome.RESOLVED),
])
def test_a_bill_the_company_corrected_and_a_charge_removed(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("title", "text", "company"), [
    ("Snelpost verliest weer een pakket", "Ik verstuurde een pakket met Snelpost naar mijn zus.", "Snelpost"),
    ("Snelpost weigert terugbetaling", "Ik stuurde Snelpost drie mails.", "Snelpost"),
    ("Oma weigert de nieuwe telefoon", "Oma wil geen smartphone. Oma belt liever vast.", "ONBEKEND BEDRIJF"),
    ("Jan weigert", "Jan wilde niet mee. Jan bleef thuis.", "ONBEKEND BEDRIJF"),
    # a forwarded reply's subject line is no company: 'Your'
    ("Your complaint reference 88812", "Subject: Your complaint reference 88812\n\nBrightline Broadband says there is no "
     "fault.\nKind regards, Brightline Broadband Customer Care\n\nBrightline Broadband never fixed it.", "Brightline Broadband"),
])
def test_a_title_with_the_harm_a_company_does_names_it_and_your_is_no_name(title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 6, 6), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("text", "outcome"), [
    ("Greenfield Power has a fixed rate for two years.", Outcome.UNKNOWN),  # an adjective, no fix
    ("We signed a fixed-term contract.", Outcome.UNKNOWN),
    ("I resolved to never shop there again.", Outcome.UNKNOWN),  # decided, not solved
    ("It was fixed on 3 May.", Outcome.RESOLVED),
])
def test_a_fixed_rate_and_resolving_to_do_something_are_no_fix(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_money_back_guarantee_is_no_refund() -> None:
    assert read_outcome("They advertise a money-back guarantee on every order.").value == Outcome.UNKNOWN
    assert read_outcome("In the end I got my money back.").value == Outcome.RESOLVED


@pytest.mark.parametrize(("text", "outcome", "apology"), [
    ("The new router arrived broken.", Outcome.UNKNOWN, Apology.UNKNOWN),
    ("The company fixed its prices in 2010.", Outcome.UNKNOWN, Apology.UNKNOWN),
    ("He fixed himself a coffee while I waited.", Outcome.UNKNOWN, Apology.UNKNOWN),
    ("I want them to apologise.", Outcome.UNKNOWN, Apology.NO),
    ("The engineer apologised for being late.", Outcome.UNKNOWN, Apology.YES),
])
def test_a_replacement_arrived_broken_prices_fixed_and_an_apology_wanted(text: str, outcome: Outcome, apology: Apology) -> None:
    assert (read_outcome(text).value, read_apology(text).value) == (outcome, apology)


def test_a_landlord_named_as_a_person_is_no_company_the_agent_named_twice_is() -> None:
    text = ("The landlord, Mr Patel, says the managing agent is handling it. The managing agent, Crestview Property "
            "Management, says the landlord has to approve the quote. Crestview Property Management sent a plumber.")
    assert guess("No hot water", text, date(2025, 6, 6), match=matcher(shipped()), language=Language.EN).company \
        == "Crestview Property Management"


def test_an_amount_as_a_goedmakertje_is_compensation_given() -> None:
    assert compensation_of("Excuses, correctie, en 25 euro als goedmakertje.") == "25 euro als goedmakertje"


def test_the_payment_service_a_writer_paid_with_is_no_subject_the_booking_site_is() -> None:
    text = ("In March I booked two nights in Porto through Staylane. I paid €240 with PayPal on 4 March. Staylane's chat "
            "said they would look into it. On 20 April I opened a dispute with PayPal. PayPal refunded me. Staylane never replied.")
    assert guess("Booked a room, hotel never existed", text, date(2025, 6, 6), match=matcher(shipped()),
                 language=Language.EN).company == "Staylane"


def test_the_gas_open_again_is_resolved() -> None:
    assert read_outcome("Na zes uur bellen was de gas weer open.").value == Outcome.RESOLVED


@pytest.mark.parametrize(("text", "company"), [
    ("Van 3 tot en met 17 februari hadden we geen internet van Glasnet Oost.", "Glasnet Oost"),
    ("We had no broadband from Fibrecast for nine days.", "Fibrecast"),
])
def test_a_service_from_a_company_names_it(text: str, company: str) -> None:
    assert guess("Storing", text, date(2025, 3, 1), match=matcher(shipped()), language=Language.NL).company == company


def test_last_tuesday_and_the_next_morning_are_dated_from_the_post() -> None:
    events = timeline_of("Last Tuesday the internet went down. I called Fibrenet the next morning. Nobody came.",
                         date(2025, 3, 20), language=Language.EN)  # a Thursday
    assert [(e.date, e.text[:12]) for e in events] == [(date(2025, 3, 18), "Last Tuesday"), (date(2025, 3, 19), "I called Fib")]
    # on the day itself, 'afgelopen donderdag' is the week before
    assert [e.date for e in timeline_of("Afgelopen donderdag viel de stroom uit.", date(2025, 3, 20))] == [date(2025, 3, 13)]
    # an undated post (the file's date) gives no weekday a date
    assert timeline_of("Last Tuesday the internet went down.", date(2025, 3, 20), language=Language.EN, dated=False) == ()


def test_paying_after_all_is_resolved_and_letters_or_writing_are_the_letter_channel() -> None:
    text = "CZ weigerde de vergoeding. Na drie brieven kreeg ik op 15 april bericht: CZ betaalt alsnog."
    assert read_outcome(text).value == Outcome.RESOLVED
    assert read_outcome("CZ betaalt alsnog niet.").value != Outcome.RESOLVED
    assert Channel.LETTER in channels_of(text)
    assert Channel.LETTER in channels_of("I complained in writing on 3 August.")


@pytest.mark.parametrize(("text", "outcome"), [
    ("Het verschil werd op 28 maart op mijn rekening gestort.", Outcome.RESOLVED),
    ("Na vijf weken kreeg ik een gecorrigeerde jaarafrekening.", Outcome.RESOLVED),
    ("On 6 December they cancelled the debt and wrote to the collector.", Outcome.RESOLVED),
    ("Inmiddels 5 weken verder en nog geen geld terug.", Outcome.OPEN),
])
def test_money_paid_into_the_account_a_corrected_bill_a_debt_cancelled_and_no_money_yet(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_an_amount_as_a_gesture_of_goodwill_is_given() -> None:
    assert compensation_of('They also sent £30 "as a gesture of goodwill".') == '£30 "as a gesture of goodwill"'


@pytest.mark.parametrize(("title", "text", "company"), [
    ("United lost my wheelchair", "Flying home, United Airlines damaged my chair.", "United Airlines"),
    ("United lost my bag", "I flew United within the United States. United never replied.", "United"),  # a place
])
def test_a_short_name_is_written_as_the_trading_name_the_text_gives(title: str, text: str, company: str) -> None:
    assert guess(title, text, date(2025, 6, 6), match=matcher(shipped()), language=Language.EN).company == company


@pytest.mark.parametrize(("text", "outcome"), [
    ("Tot nu toe is er voor drie ritten iets teruggestort.", Outcome.OPEN),  # some of it, more to come
    ("So far they have refunded two of the five tickets.", Outcome.OPEN),
    ("Harbour upheld its decision. We've now gone to the Financial Ombudsman Service.", Outcome.OPEN),
])
def test_part_paid_so_far_and_gone_to_the_ombudsman_are_open(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_listed_name_joined_by_a_slash_is_found() -> None:
    text = "In maart vroeg ik huurtoeslag aan bij de Belastingdienst/Toeslagen. De Belastingdienst/Toeslagen reageerde niet."
    assert guess("Twee jaar wachten", text, date(2025, 6, 6), match=matcher(shipped()),
                 language=Language.NL).company == "Belastingdienst"


@pytest.mark.parametrize(("text", "apology"), [
    ("> Dear customer, we can find no record. We are sorry for any confusion.", Apology.PARTIAL),
    ("Excuses voor eventuele verwarring, schreven ze.", Apology.PARTIAL),
    ("They apologised for the confusion and refunded me.", Apology.YES),
])
def test_sorry_for_any_confusion_is_the_stock_phrase(text: str, apology: Apology) -> None:
    assert read_apology(text).value == apology


@pytest.mark.parametrize(("text", "outcome"), [
    ("Op 9 mei kreeg ik het pakket alsnog, van de buren drie huizen verder.", Outcome.RESOLVED),
    ("I got my money back in the end, unlike my neighbour.", Outcome.RESOLVED),
    ("Mijn buurman kreeg zijn geld terug.", Outcome.UNKNOWN),
    ("My neighbour got her money back, I did not.", Outcome.UNKNOWN),
])
def test_a_cue_before_the_neighbours_are_named_is_the_writers(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_contract_signed_with_a_notice_of_default_sent_and_no_incident_from_the_end() -> None:
    text = ("In november 2024 tekende ik bij Glasvezel Buitenaf een contract. Op 3 februari kwam een graafploeg. "
            "Ik heb op 20 maart een ingebrekestelling gestuurd.")
    found = guess("Nog steeds geen glasvezel", text, date(2025, 3, 21), match=matcher(shipped()), language=Language.NL)
    assert (found.company, found.outcome, Channel.LETTER in found.channels) == ("Glasvezel Buitenaf", Outcome.OPEN, True)
    # the only date is the refund's: the day it ended is no start of the trouble
    found = guess("Never again", "We booked with Flyaway Travel. They moved our flights. They refunded £2,340 on 28 March.",
                  date(2025, 4, 2), match=matcher(shipped()), language=Language.EN)
    assert (found.outcome, found.incident, len(found.timeline), "incident" in found.evidence) == (Outcome.RESOLVED, None, 1, False)


def test_a_name_in_capitals_is_written_as_the_text_also_writes_it() -> None:
    text = ("UPDATE 12 June: HomeGuard Alarms called me, apologised and refunded me.\n\nOriginal post: HOMEGUARD ALARMS have "
            "charged me £39.99 a month since February.")
    assert guess("My complaint about HOMEGUARD ALARMS", text, date(2025, 6, 6), match=matcher(shipped()),
                 language=Language.EN).company == "HomeGuard Alarms"


@pytest.mark.parametrize(("title", "company"), [
    ("Re: complaint ref 55123 – Northwind Water", "Northwind Water"),
    ("Klacht – Deel 2", "ONBEKEND BEDRIJF"),
    ("Complaint - The Saga Continues", "ONBEKEND BEDRIJF"),
])
def test_a_complaint_reference_title_names_the_company_after_its_dash(title: str, company: str) -> None:
    text = "I write further to my letter of 4 September regarding the smell."
    assert guess(title, text, date(2025, 6, 6), match=matcher(shipped()), language=Language.NL).company == company


@pytest.mark.parametrize(("text", "outcome", "apology"), [
    ("I refused and fixed it myself with a £4 washer.", Outcome.GAVE_UP, Apology.UNKNOWN),
    ("Uiteindelijk heb ik het zelf maar opgelost.", Outcome.GAVE_UP, Apology.UNKNOWN),
    ("Het antwoord is een standaardmail met 'wij betreuren het dat u ontevreden bent'.", Outcome.UNKNOWN, Apology.PARTIAL),
])
def test_fixed_by_the_writer_is_given_up_and_regret_is_a_partial_apology(text: str, outcome: Outcome, apology: Apology) -> None:
    assert (read_outcome(text).value, read_apology(text).value) == (outcome, apology)


def test_my_letter_of_a_date_is_the_letter_channel() -> None:
    assert Channel.LETTER in channels_of("I write further to my letter of 4 September regarding the smell.")


def test_a_company_that_says_something_is_no_person_costs_struck_off_and_the_first_month_waived() -> None:
    found = guess("Wachten op Waterbedrijf Oost", "Sinds 6 januari hebben we bruin water. Waterbedrijf Oost zegt dat het "
                  "onschadelijk is.", date(2025, 1, 20), match=matcher(shipped()), language=Language.NL)
    assert found.company == "Waterbedrijf Oost"
    assert guess("Petra Smit", "Petra Smit zegt dat het goed gaat. Petra Smit zegt veel.", date(2025, 1, 20),
                 match=matcher(shipped()), language=Language.NL).company == "ONBEKEND BEDRIJF"
    assert read_outcome("Na mijn klacht zijn de administratiekosten geschrapt.").value == Outcome.RESOLVED
    assert compensation_of("Glasweb heeft de eerste maand kwijtgescholden.") == "de eerste maand kwijtgescholden"


@pytest.mark.parametrize(("text", "outcome"), [
    ("Kitchenly offered £250 off for the inconvenience, which we accepted.", Outcome.RESOLVED),
    ("We booked under their terms, which we accepted.", Outcome.UNKNOWN),
    ("Na een bericht aan de directeur kreeg ik binnen een dag een nieuwe bon.", Outcome.RESOLVED),
    ("Daarna kreeg ik een nieuwe rekening van 300 euro.", Outcome.UNKNOWN),
    ("I paid, and I won't fly with them again.", Outcome.GAVE_UP),
])
def test_an_offer_accepted_a_new_voucher_received_and_wont_fly_again(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_gift_from_the_writers_mother_is_no_compensation_and_de_bijenkorf_is_listed() -> None:
    assert compensation_of("Mijn moeder gaf me voor mijn verjaardag een cadeaubon van 100 euro.") == ""
    found = guess("Klantonvriendelijk: de Bijenkorf en mijn cadeaubon", "De bon bleek verlopen.", date(2025, 6, 6),
                  match=matcher(shipped()), language=Language.NL)
    assert found.company == "de Bijenkorf"


@pytest.mark.parametrize(("text", "outcome"), [
    ("On 3 March 2025 I finally got my £1,150 deposit back from Bluebrick Lettings, in full.", Outcome.RESOLVED),
    ("How I finally got my deposit back", Outcome.RESOLVED),
    ("Op 3 maart kreeg ik eindelijk mijn borg terug.", Outcome.RESOLVED),
    ("I never got my deposit back.", Outcome.UNRESOLVED),
])
def test_a_deposit_got_back_is_resolved(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("text", "outcome"), [
    ("ParkBeheer Nederland wees de claim op 3 september af.", Outcome.UNRESOLVED),
    ("ParkBeheer wees de claim af. Mijn rechtsbijstandsverzekering neemt het nu over.", Outcome.OPEN),
    ("My solicitor has taken the case over.", Outcome.OPEN),
    ("De wesp wees ons de weg.", Outcome.UNKNOWN),  # 'wees' without 'af'
])
def test_a_claim_turned_down_the_dutch_way_and_legal_help_taking_over(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_channel_a_crowd_used_is_not_the_writers() -> None:
    assert channels_of("Op X meldden honderden mensen hetzelfde.") == ()
    assert channels_of("Hundreds of people complained on Twitter.") == ()
    assert channels_of("I tweeted them, like hundreds of other customers.") == (Channel.TWITTER,)


@pytest.mark.parametrize(("text", "outcome"), [
    ("Line works. They credited me £90. Still waiting for an apology.", Outcome.RESOLVED),  # waiting for a sorry only
    ("Het werkt weer. Ik wacht nog op excuses.", Outcome.RESOLVED),
    ("Still waiting for a refund.", Outcome.OPEN),
    ("Ik heb gebeld en gemaild, maar ze houden voet bij stuk.", Outcome.UNRESOLVED),
])
def test_waiting_for_an_apology_says_nothing_of_the_outcome_and_holding_firm_is_unresolved(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_credited_me_an_amount_is_compensation_given() -> None:
    assert compensation_of("My provider, Lineway Telecom, has credited me £90.") == "credited me £90"


def test_they_still_reject_after_a_refund_is_unresolved() -> None:
    text = "On 24 October I got the refund, but they still reject the compensation."
    assert read_outcome(text).value == Outcome.UNRESOLVED
    assert read_outcome("I asked why they reject so many claims. In the end they refunded me.").value == Outcome.RESOLVED


@pytest.mark.parametrize(("url", "company"), [
    ("https://klaagblog.example/2025/01/ziggo-weer-geen-internet/", "Ziggo"),
    ("https://ziggo-klachten.example/2025/01/weer-geen-internet/", "ONBEKEND BEDRIJF"),  # the blog's own domain
    ("https://klaagblog.example/2025/01/glasweb-storing/", "ONBEKEND BEDRIJF"),  # on no list: too little to name it
    ("", "ONBEKEND BEDRIJF"),
])
def test_a_listed_company_only_the_posts_address_names_is_guessed_with_that_evidence(url: str, company: str) -> None:
    found = guess("Weer geen internet", "Mijn provider laat me weer zitten.", date(2025, 1, 9), match=matcher(shipped()),
                  language=Language.NL, words=Language.NL, url=url)
    assert found.company == company
    assert ("in het adres van het bericht" in found.evidence["company"]) == (company != "ONBEKEND BEDRIJF")


def test_the_text_names_the_company_before_the_address_does() -> None:
    found = guess("Storing", "Mijn provider Glasweb laat me weer zitten. Glasweb reageerde niet.", date(2025, 1, 9),
                  match=matcher(shipped()), language=Language.NL, url="https://klaagblog.example/ziggo-vergelijking/")
    assert found.company == "Glasweb"


def test_a_shop_the_writer_took_something_to_is_named_and_going_to_the_board_is_open() -> None:
    text = ("Op 2 mei bracht ik mijn laptop naar Laptopdokter Utrecht voor een nieuwe accu. Laptopdokter Utrecht vergoedt "
            "de reparatie niet. Ik ga naar de Geschillencommissie.")
    found = guess("Kapot terug van de reparatie", text, date(2025, 6, 6), match=matcher(shipped()), language=Language.NL)
    assert (found.company, found.outcome) == ("Laptopdokter", Outcome.OPEN)


@pytest.mark.parametrize(("text", "outcome"), [
    ("The ombudsman agreed with Fastlink Broadband on 30 July.", Outcome.UNRESOLVED),
    ("De Geschillencommissie stelde de verhuurder in het gelijk.", Outcome.UNRESOLVED),
    ("The ombudsman agreed with me and they refunded me.", Outcome.RESOLVED),
    ("The ombudsman agreed with Fastlink. I'm leaving when the contract ends.", Outcome.GAVE_UP),
])
def test_a_board_that_sided_with_the_company_is_unresolved_and_leaving_at_the_end_is_given_up(
        text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


@pytest.mark.parametrize(("text", "outcome"), [
    ("De Geschillencommissie stelde mij in het gelijk.", Outcome.RESOLVED),
    ("De rechter gaf ons gelijk.", Outcome.RESOLVED),
    ("De rechter gaf de verhuurder gelijk.", Outcome.UNRESOLVED),
    ("The ombudsman agreed with me.", Outcome.RESOLVED),
    ("The court ruled for them.", Outcome.UNRESOLVED),
])
def test_who_the_board_agreed_with_decides_the_outcome(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_a_response_from_a_company_names_it_an_appeal_accepted_and_an_ex_gratia_payment() -> None:
    found = guess("Escalated to the Energy Ombudsman", "No final response from Brookfield Energy after eight weeks, so on "
                  "2 June I escalated the complaint to the Energy Ombudsman.", date(2025, 6, 9), match=matcher(shipped()),
                  language=Language.EN)
    assert (found.company, found.outcome) == ("Brookfield Energy", Outcome.OPEN)
    assert read_outcome("On 20 May the appeal was accepted and I got £12.40.").value == Outcome.RESOLVED
    assert compensation_of("They offered a £150 ex gratia payment.") == "£150 ex gratia payment"


@pytest.mark.parametrize(("text", "outcome"), [
    ("Die gaf ons gelijk: de huur moest omlaag tot het gebrek verholpen is.", Outcome.RESOLVED),  # the ruling, not 'until fixed'
    ("De huur gaat omlaag totdat het lek verholpen is.", Outcome.UNKNOWN),
    ("Thuisplus heeft de ventilatie in juni vervangen. De schimmel is weg.", Outcome.RESOLVED),
    ("Ik heb de kraan zelf vervangen.", Outcome.UNKNOWN),
    ("De praktijk heeft de dubbele factuur ingetrokken.", Outcome.RESOLVED),
])
def test_until_fixed_is_a_condition_and_the_mould_gone_is_resolved(text: str, outcome: Outcome) -> None:
    assert read_outcome(text).value == outcome


def test_the_practice_the_writer_names_after_a_comma_is_the_company() -> None:
    text = "Mijn tandartspraktijk, Tandzorg De Linde, declareerde in januari twee keer dezelfde vulling."
    assert guess("Dubbel gedeclareerd", text, date(2025, 6, 6), match=matcher(shipped()),
                 language=Language.NL).company == "Tandzorg De Linde"
