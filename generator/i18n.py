"""UI strings and date/number formatting for Dutch and English, as pure functions.

Labels for closed vocabularies are keyed "<kind>.<value>": "outcome.gave-up",
"apology.no", "channel.webform", "actor.third-party".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from decimal import Decimal

from babel.dates import get_month_names
from babel.numbers import format_currency, format_decimal, format_percent as _babel_percent

from generator.model import Actor, Apology, Channel, Company, Compensation, Language, Outcome

NL: Mapping[str, str] = {
    "home": "Home", "stories": "Verhalen", "companies": "Bedrijven", "tags": "Tags",
    "sectors": "Sectoren", "timeline": "Tijdlijn", "search": "Zoeken",
    "search_label": "Zoek in de verhalen", "search_button": "Zoek",
    "skip": "Direct naar de inhoud", "nav_label": "Hoofdmenu",
    "latest": "Nieuwste verhalen", "all_stories": "Alle verhalen",
    "totals": "In cijfers", "most_open": "Meeste open zaken",
    "site_description": "Klachten, brieven en dossiers: wat er gebeurde, hoe lang het duurde en of er excuses kwamen.",
    "companies_description": "Alle bedrijven met hun staat van dienst: zaken, opgelost, excuses en doorlooptijden.",
    "tags_description": "Alle verhalen per onderwerp.", "sectors_description": "Alle bedrijven en verhalen per sector.",
    "company": "Bedrijf", "sector": "Sector", "parent": "Onderdeel van", "website": "Website",
    "cases": "Zaken", "open": "Open", "resolved": "Opgelost", "unresolved": "Niet opgelost",
    "gave_up": "Opgegeven", "resolution_rate": "Opgelost %",
    "apology": "Excuses", "apology_rate": "Excuses %",
    "apology_yes": "Excuses", "apology_partial": "Gedeeltelijke excuses", "apology_no": "Geen excuses",
    "median_resolve": "Mediaan dagen tot oplossing",
    "median_response": "Mediaan dagen tot eerste reactie",
    "median_open": "Mediaan dagen open",
    "first_case": "Eerste zaak", "last_case": "Laatste zaak",
    "outcome": "Afloop", "compensation": "Compensatie", "incident": "Begin van het probleem",
    "resolved_on": "Opgelost op", "days_to_resolve": "Dagen tot oplossing",
    "days_to_response": "Dagen tot eerste reactie", "days_open": "Dagen open",
    "channels": "Kanalen", "facts": "De feiten", "story_timeline": "Verloop",
    "updates": "Updates", "update_label": "Update", "published": "Gepubliceerd", "by_author": "Door",
    "no_stories": "Nog geen verhalen.", "no_response": "geen reactie",
    "page_of": "Pagina {number} van {total}", "previous": "Vorige", "next": "Volgende",
    "pagination": "Paginering", "stories_about": "Verhalen over {name}",
    "stories_tagged": "Verhalen met tag {name}", "stories_in": "Verhalen in sector {name}",
    "companies_in": "Bedrijven in deze sector", "feed": "RSS-feed", "feed_of": "Feed van {name}",
    "update_title": "Update: {title}", "follow_company": "Volg dit bedrijf",
    "follow_tag": "Volg deze tag", "follow_sector": "Volg deze sector", "follow_site": "Volg deze site",
    "feed_atom": "Atom-feed", "feed_json": "JSON-feed",
    "not_found": "Pagina niet gevonden",
    "not_found_text": "Deze pagina bestaat niet (meer). Probeer de verhalen of zoek hieronder.",
    "footer": "Gemaakt met grievance. Deze site volgt niemand.",
    "day_one": "1 dag", "days": "{count} dagen",
    "outcome.open": "Open", "outcome.resolved": "Opgelost",
    "outcome.unresolved": "Niet opgelost", "outcome.gave-up": "Opgegeven",
    "apology.yes": "Excuses", "apology.no": "Geen excuses", "apology.partial": "Gedeeltelijke excuses",
    "channel.phone": "Telefoon", "channel.email": "E-mail", "channel.twitter": "Twitter",
    "channel.facebook": "Facebook", "channel.webform": "Webformulier", "channel.letter": "Brief",
    "channel.chat": "Chat", "channel.visit": "Bezoek", "channel.ombudsman": "Ombudsman",
    "channel.other": "Anders",
    "actor.me": "Ik", "actor.company": "Bedrijf", "actor.third-party": "Derde partij",
    "filter.company": "bedrijf", "filter.outcome": "afloop", "filter.apology": "excuses",
    "filter.year": "jaar", "filter.tag": "tag",
    "search_noscript": "Zoeken werkt alleen met JavaScript. Zonder JavaScript vind je elke zaak via",
    "search_noscript_link": "de bedrijven",
    "chart_per_year": "Zaken per jaar, naar afloop", "chart_apology": "Excuses",
    "chart_figures": "De cijfers van deze grafiek", "year": "Jaar", "total": "Totaal", "count": "Aantal",
    "no_reply_for": "{days} geen reactie", "case_timeline": "Alle zaken op een tijdlijn",
    "timeline_description": "Elke zaak op één tijdlijn, per maand, de nieuwste eerst.",
    "subsidiaries": "Dochterbedrijven", "per_sector": "Per sector", "no_sector": "geen sector",
    "compensation_total": "Compensatie totaal",
    "open_data": "Open data", "open_data_text": "Alle zaken als open data:",
    "data_schema": "JSON Schema", "case_started": "begonnen",
    "reply_title": "Reactie van {company}: {title}", "replies_heading": "Reactie van {company}",
    "reply_by": "Door", "reply_source": "Bron", "replied": "Zaken met een reactie",
    "replied_of": "{part} van {whole}", "median_reply": "Mediaan dagen tot reactie",
    "reply_invite": "Wil {company} reageren op dit verhaal? Stuur de reactie naar",
    "reply_invite_company": "Wil {company} reageren op deze verhalen? Stuur de reactie naar",
    "escalation": "Wat kun je nu doen?", "esc_complained": "Je klaagde op {date} schriftelijk.",
    "esc_no_complaint": "Er staat nog geen schriftelijke klacht in de tijdlijn. De eerste stap: schrijf het "
                        "bedrijf (e-mail, brief, webformulier of chat). Vanaf die dag lopen de termijnen.",
    "esc_from": "Vanaf {date} ({wait} later) kun je naar {name}.", "esc_now": "Je kunt nu al naar {name}.",
    "esc_after_complaint": "Pas {wait} na je schriftelijke klacht kun je naar {name}.",
    "esc_deadline": "Indienen uiterlijk {date}.", "esc_closed": "De termijn verliep op {date}.",
    "esc_status.open": "Nu mogelijk", "esc_status.not-yet": "Nog niet", "esc_status.closed": "Termijn verlopen",
    "esc_status.needs-complaint": "Eerst schriftelijk klagen",
    "esc_source": "Bron", "esc_checked": "regels gecontroleerd op {date}",
    "esc_disclaimer": "Dit is geen juridisch advies. Regels en termijnen veranderen: controleer ze op de site "
                      "van de organisatie voordat je een stap zet.",
    "esc_warn_near": "{name}: indienen uiterlijk {date} (nog {days})",
    "esc_warn_passed": "{name}: termijn verstreken op {date} ({days} geleden)",
    "week_one": "1 week", "weeks": "{count} weken",
    "including": "inclusief {names}", "and": "en",
    "record_includes": "Deze cijfers en verhalen zijn inclusief {names}.",
}

EN: Mapping[str, str] = {
    "home": "Home", "stories": "Stories", "companies": "Companies", "tags": "Tags",
    "sectors": "Sectors", "timeline": "Timeline", "search": "Search",
    "search_label": "Search the stories", "search_button": "Search",
    "skip": "Skip to content", "nav_label": "Main menu",
    "latest": "Latest stories", "all_stories": "All stories",
    "totals": "In figures", "most_open": "Most open cases",
    "site_description": "Complaints, letters and case files: what happened, how long it took and whether anyone said sorry.",
    "companies_description": "Every company and its record: cases, resolved, apologies and time taken.",
    "tags_description": "All stories by topic.", "sectors_description": "All companies and stories by sector.",
    "company": "Company", "sector": "Sector", "parent": "Part of", "website": "Website",
    "cases": "Cases", "open": "Open", "resolved": "Resolved", "unresolved": "Unresolved",
    "gave_up": "Gave up", "resolution_rate": "Resolved %",
    "apology": "Apology", "apology_rate": "Apology %",
    "apology_yes": "Apologised", "apology_partial": "Partial apology", "apology_no": "No apology",
    "median_resolve": "Median days to resolve",
    "median_response": "Median days to first response",
    "median_open": "Median days open",
    "first_case": "First case", "last_case": "Latest case",
    "outcome": "Outcome", "compensation": "Compensation", "incident": "Problem started",
    "resolved_on": "Resolved on", "days_to_resolve": "Days to resolve",
    "days_to_response": "Days to first response", "days_open": "Days open",
    "channels": "Channels", "facts": "The facts", "story_timeline": "What happened",
    "updates": "Updates", "update_label": "Update", "published": "Published", "by_author": "By",
    "no_stories": "No stories yet.", "no_response": "no response",
    "page_of": "Page {number} of {total}", "previous": "Previous", "next": "Next",
    "pagination": "Pagination", "stories_about": "Stories about {name}",
    "stories_tagged": "Stories tagged {name}", "stories_in": "Stories in sector {name}",
    "companies_in": "Companies in this sector", "feed": "RSS feed", "feed_of": "Feed of {name}",
    "update_title": "Update: {title}", "follow_company": "Follow this company",
    "follow_tag": "Follow this tag", "follow_sector": "Follow this sector", "follow_site": "Follow this site",
    "feed_atom": "Atom feed", "feed_json": "JSON feed",
    "not_found": "Page not found",
    "not_found_text": "This page does not exist (any more). Try the stories or search below.",
    "footer": "Made with grievance. This site tracks nobody.",
    "day_one": "1 day", "days": "{count} days",
    "outcome.open": "Open", "outcome.resolved": "Resolved",
    "outcome.unresolved": "Unresolved", "outcome.gave-up": "Gave up",
    "apology.yes": "Apologised", "apology.no": "No apology", "apology.partial": "Partial apology",
    "channel.phone": "Phone", "channel.email": "Email", "channel.twitter": "Twitter",
    "channel.facebook": "Facebook", "channel.webform": "Web form", "channel.letter": "Letter",
    "channel.chat": "Chat", "channel.visit": "Visit", "channel.ombudsman": "Ombudsman",
    "channel.other": "Other",
    "actor.me": "Me", "actor.company": "Company", "actor.third-party": "Third party",
    "filter.company": "company", "filter.outcome": "outcome", "filter.apology": "apology",
    "filter.year": "year", "filter.tag": "tag",
    "search_noscript": "Search needs JavaScript. Without it, find every case through",
    "search_noscript_link": "the companies",
    "chart_per_year": "Cases per year, by outcome", "chart_apology": "Apologies",
    "chart_figures": "The figures in this chart", "year": "Year", "total": "Total", "count": "Count",
    "no_reply_for": "{days} without a reply", "case_timeline": "All cases on one timeline",
    "timeline_description": "Every case on one timeline, by month, newest first.",
    "subsidiaries": "Subsidiaries", "per_sector": "By sector", "no_sector": "no sector",
    "compensation_total": "Compensation in total",
    "open_data": "Open data", "open_data_text": "All cases as open data:",
    "data_schema": "JSON Schema", "case_started": "started",
    "reply_title": "Reply from {company}: {title}", "replies_heading": "Reply from {company}",
    "reply_by": "By", "reply_source": "Source", "replied": "Cases with a reply",
    "replied_of": "{part} of {whole}", "median_reply": "Median days to reply",
    "reply_invite": "Does {company} want to reply to this story? Send the reply to",
    "reply_invite_company": "Does {company} want to reply to these stories? Send the reply to",
    "escalation": "What can you do next?", "esc_complained": "You complained in writing on {date}.",
    "esc_no_complaint": "There is no written complaint in the timeline yet. The first step: write to the "
                        "company (email, letter, web form or chat). The waiting periods start that day.",
    "esc_from": "From {date} ({wait} later) you can go to {name}.", "esc_now": "You can go to {name} now.",
    "esc_after_complaint": "You can go to {name} {wait} after your written complaint.",
    "esc_deadline": "File by {date}.", "esc_closed": "The deadline passed on {date}.",
    "esc_status.open": "Open now", "esc_status.not-yet": "Not yet", "esc_status.closed": "Deadline passed",
    "esc_status.needs-complaint": "Complain in writing first",
    "esc_source": "Source", "esc_checked": "rules checked on {date}",
    "esc_disclaimer": "This is not legal advice. Rules and deadlines change: check them on the "
                      "organisation's own site before you take a step.",
    "esc_warn_near": "{name}: file by {date} ({days} left)",
    "esc_warn_passed": "{name}: deadline passed on {date} ({days} ago)",
    "week_one": "1 week", "weeks": "{count} weeks",
    "including": "including {names}", "and": "and",
    "record_includes": "These figures and stories include {names}.",
}

STRINGS: Mapping[Language, Mapping[str, str]] = {Language.NL: NL, Language.EN: EN}
OG_LOCALES: Mapping[Language, str] = {Language.NL: "nl_NL", Language.EN: "en_GB"}


def strings(language: Language | str) -> Mapping[str, str]:
    """Language -> its UI strings."""
    try:
        return STRINGS[language]  # type: ignore[index]  # 'nl' and Language.NL hash alike
    except KeyError:
        return STRINGS[Language(language)]


_KINDS = {Outcome: "outcome", Apology: "apology", Channel: "channel", Actor: "actor"}


@lru_cache(maxsize=1024)  # a few dozen values, shown on every card and story page
def label(value: Outcome | Apology | Channel | Actor, language: Language | str) -> str:
    """An enum value, language -> its display label: Outcome.GAVE_UP, nl -> 'Opgegeven'."""
    return strings(language)[f"{_KINDS[type(value)]}.{value.value}"]


@lru_cache(maxsize=None)
def _month_names(locale: str) -> tuple[str, ...]:
    """Locale -> its month names as babel's MMMM writes them in a date, January at [1]."""
    names = get_month_names("wide", context="format", locale=locale)
    return ("", *(names[month] for month in range(1, 13)))


def format_date(d: date, language: Language | str) -> str:
    """date(2015, 12, 16), nl -> '16 december 2015'; en -> '16 December 2015'."""
    # babel's format_date(d, "d MMMM y"), without parsing the pattern for every date:
    # d and y are the plain numbers, MMMM the month's name.
    return f"{d.day} {_month_names(str(language))[d.month]} {d.year}"


def format_month(d: date, language: Language | str) -> str:
    """date(2015, 12, 16), nl -> 'december 2015'; en -> 'December 2015'."""
    return f"{_month_names(str(language))[d.month]} {d.year}"  # babel's "MMMM y"


@lru_cache(maxsize=65536, typed=True)  # figures repeat in every table a company appears in
def format_number(value: float | int | Decimal, language: Language | str) -> str:
    """7.5, nl -> '7,5'; 8.0 -> '8'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale=str(language))


@lru_cache(maxsize=65536)
def format_days(days: float | int, language: Language | str) -> str:
    """8, nl -> '8 dagen'; 1, en -> '1 day'; 7.5, nl -> '7,5 dagen'."""
    text = strings(language)
    if days == 1:
        return text["day_one"]
    return text["days"].format(count=format_number(days, language))


def format_wait(days: int, language: Language | str) -> str:
    """28, nl -> '4 weken'; 7, en -> '1 week'; 10, nl -> '10 dagen' (whole weeks as weeks)."""
    text = strings(language)
    if days and days % 7 == 0:
        weeks = days // 7
        return text["week_one"] if weeks == 1 else text["weeks"].format(count=weeks)
    return format_days(days, language)


@lru_cache(maxsize=65536, typed=True)
def format_rate(rate: float, language: Language | str) -> str:
    """0.755, nl -> '76%'."""
    return _babel_percent(rate, locale=str(language))


def format_names(names: Sequence[str], language: Language | str) -> str:
    """['A', 'B', 'C'], nl -> 'A, B en C'; ['A'] -> 'A'; [] -> ''."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {strings(language)['and']} {names[-1]}"


def format_including(companies: Sequence[Company], language: Language | str) -> str:
    """Subsidiaries, language -> 'inclusief Stroomtij en Kabelwerk' ('' when none)."""
    if not companies:
        return ""
    return strings(language)["including"].format(names=format_names([c.name for c in companies], language))


def format_money(amount: Decimal, currency: str, language: Language | str) -> str:
    """Decimal('12.5'), 'EUR', nl -> '€ 12,50'; without a currency just the number."""
    return format_compensation(Compensation(amount=amount, currency=currency), language)


def format_compensation(compensation: Compensation, language: Language | str) -> str:
    """Compensation(6, 'EUR', 'korting'), nl -> '€ 6,00 (korting)'; a note alone -> the note."""
    if compensation.amount is None:
        return compensation.note
    if compensation.currency:
        amount = format_currency(compensation.amount, compensation.currency, locale=str(language))
    else:
        amount = format_number(compensation.amount, language)
    return f"{amount} ({compensation.note})" if compensation.note else amount


# The record of a company in one sentence: "3 zaken, 2 opgelost (67%), 1 keer excuses,
# eerste reactie meestal na 3 dagen." Kept apart from the label tables above.
RECORD_WORDS: Mapping[Language, Mapping[str, str]] = {
    Language.NL: {
        "none": "Nog geen zaken.", "case_one": "1 zaak", "cases": "{count} zaken",
        "resolved": "{count} opgelost", "open": "{count} nog open",
        "apology_never": "nooit excuses", "apology_times": "{count} keer excuses",
        "apology_never_full": "nooit volledige excuses", "partial": "{count} keer deels",
        "response_unknown": "geen reactietijd bekend",
        "response_same_day": "eerste reactie meestal dezelfde dag",
        "response_after": "eerste reactie meestal na {days}",
    },
    Language.EN: {
        "none": "No cases yet.", "case_one": "1 case", "cases": "{count} cases",
        "resolved": "{count} resolved", "open": "{count} still open",
        "apology_never": "never apologised", "apology_times": "apologised {times}",
        "apology_never_full": "never fully apologised", "partial": "partly {times}",
        "response_unknown": "no response time known",
        "response_same_day": "first response usually the same day",
        "response_after": "first response usually after {days}",
    },
}
_EN_TIMES = {1: "once", 2: "twice"}


def _times(count: int, words: Mapping[str, str], key: str, language: Language | str) -> str:
    if str(language) == "en":
        return words[key].format(times=_EN_TIMES.get(count, f"{count} times"))
    return words[key].format(count=count)


def format_record(
    *, cases: int, resolved: int, resolution_rate: float | None, open_cases: int,
    apologies: int, partial: int, median_response: float | None, language: Language | str,
) -> str:
    """A company's figures, language -> its record in one sentence:
    3 cases, 2 resolved (rate 2/3), 1 apology, median response 3, nl ->
    '3 zaken, 2 opgelost (67%), 1 keer excuses, eerste reactie meestal na 3 dagen.'"""
    words = RECORD_WORDS[Language(language)]
    if not cases:
        return words["none"]
    parts = [words["case_one"] if cases == 1 else words["cases"].format(count=cases)]
    done = words["resolved"].format(count=resolved)
    parts.append(f"{done} ({format_rate(resolution_rate, language)})" if resolution_rate is not None else done)
    if open_cases:
        parts.append(words["open"].format(count=open_cases))
    if apologies:
        parts.append(_times(apologies, words, "apology_times", language))
    else:
        parts.append(words["apology_never_full"] if partial else words["apology_never"])
    if partial:
        parts.append(_times(partial, words, "partial", language))
    if median_response is None:
        parts.append(words["response_unknown"])
    else:
        days = int(median_response + 0.5)  # a median of 2.5 days reads as 3: whole days in words
        after = words["response_after"].format(days=format_days(days, language))
        parts.append(words["response_same_day"] if days == 0 else after)
    return ", ".join(parts) + "."
