"""The desk's own words, in Dutch and English (the site's language); labels of closed
vocabularies (outcome, apology, channel, actor) come from the site's strings (i18n)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, one_line
from generator.model import Language

EN: Mapping[str, str] = {
    "desk": "Review desk", "stories": "Stories to review", "counts": "{drafts} drafts, {review} under review, "
    "{keys} guessed values to check, {warnings} warnings",
    "filter": "Filter", "find": "Title or company contains", "key": "Under review", "any": "any",
    "sort": "Sort by", "apply": "Apply", "title": "Title", "company": "Company", "date": "Date",
    "review": "To check", "warnings": "Warnings", "file": "File", "draft": "draft", "none": "nothing",
    "empty": "No drafts and nothing under review.", "open_form": "Review",
    "back": "All stories", "previous": "Previous story", "next": "Next story",
    "save": "Save", "confirm": "Confirm", "confirm_all": "Confirm all and save", "publish": "Publish…",
    "under_review": "guessed: check it", "evidence": "Evidence", "unknown": "unknown, choose",
    "outcome": "Outcome", "apology": "Apology", "author": "Author", "incident": "Incident (problem started)",
    "resolved": "Resolved on", "channels": "Channels", "compensation": "Compensation (text)", "compensation_box": "Compensation",
    "amount": "Amount", "currency": "Currency", "tags": "Tags (comma separated)", "timeline": "Timeline",
    "event_date": "Date", "by": "By", "via": "Via", "text": "What happened", "add_event": "Add event",
    "remove": "Remove", "up": "Move up", "down": "Move down", "body": "Body paragraphs",
    "junk": "Junk: remove this paragraph on save", "preview": "The page as built",
    "record": "has a record", "shipped": "known ({sector}, {website}); no record yet",
    "no_record": "no record for this company yet", "new_company": "Create company record",
    "saved": "Saved. The page rebuilds in a moment.", "unchanged": "Nothing changed.",
    "company_written": "Company record written: {path}.",
    "shortcuts": "Keyboard: Ctrl+S save · Alt+Shift+C confirm all and save · Alt+Shift+J next story · "
            "Alt+Shift+K previous story · Alt+Shift+P publish",
    "publish_title": "Publish this story?", "publish_what": "Publishing removes 'draft' and renames the file:",
    "file_name": "Short name for the file", "url_name": "URL name (kept, so links keep working)",
    "publish_do": "Publish", "cancel": "Cancel", "cannot_publish": "Not ready to publish:",
    "published": "Published as {path}.", "login": "Review desk token",
    "login_text": "The desk is reachable from other machines, so it asks for the token "
                  "`grievance serve` printed in its terminal.",
    "login_do": "Open the desk", "refused": "Not saved", "banner_draft": "Draft",
    "banner_review": "To check: {keys}", "banner_link": "Review this story", "banner_off": "(review desk off)",
    "warnings_for": "check says",
}

NL: Mapping[str, str] = {
    "desk": "Redactietafel", "stories": "Verhalen om na te kijken", "counts": "{drafts} concepten, "
    "{review} om na te kijken, {keys} gegokte waarden te controleren, {warnings} waarschuwingen",
    "filter": "Filter", "find": "Titel of bedrijf bevat", "key": "Na te kijken", "any": "alles",
    "sort": "Sorteer op", "apply": "Toepassen", "title": "Titel", "company": "Bedrijf", "date": "Datum",
    "review": "Na te kijken", "warnings": "Waarschuwingen", "file": "Bestand", "draft": "concept", "none": "niets",
    "empty": "Geen concepten en niets om na te kijken.", "open_form": "Nakijken",
    "back": "Alle verhalen", "previous": "Vorig verhaal", "next": "Volgend verhaal",
    "save": "Bewaren", "confirm": "Klopt", "confirm_all": "Alles klopt, bewaren", "publish": "Publiceren…",
    "under_review": "gegokt: controleer", "evidence": "Bewijs", "unknown": "onbekend, kies",
    "outcome": "Afloop", "apology": "Excuses", "author": "Auteur", "incident": "Begin van het probleem",
    "resolved": "Opgelost op", "channels": "Kanalen", "compensation": "Compensatie (tekst)", "compensation_box": "Compensatie",
    "amount": "Bedrag", "currency": "Valuta", "tags": "Tags (met komma's)", "timeline": "Verloop",
    "event_date": "Datum", "by": "Door", "via": "Via", "text": "Wat er gebeurde", "add_event": "Gebeurtenis toevoegen",
    "remove": "Weghalen", "up": "Omhoog", "down": "Omlaag", "body": "Alinea's",
    "junk": "Rommel: deze alinea weghalen bij bewaren", "preview": "De pagina zoals gebouwd",
    "record": "heeft een bestand", "shipped": "bekend ({sector}, {website}); nog geen bestand",
    "no_record": "nog geen bestand voor dit bedrijf", "new_company": "Bedrijfsbestand maken",
    "saved": "Bewaard. De pagina wordt zo opnieuw gebouwd.", "unchanged": "Niets veranderd.",
    "company_written": "Bedrijfsbestand geschreven: {path}.",
    "shortcuts": "Toetsenbord: Ctrl+S bewaren · Alt+Shift+C alles klopt en bewaren · Alt+Shift+J volgend verhaal · "
            "Alt+Shift+K vorig verhaal · Alt+Shift+P publiceren",
    "publish_title": "Dit verhaal publiceren?", "publish_what": "Publiceren haalt 'draft' weg en geeft het bestand een nieuwe naam:",
    "file_name": "Korte naam voor het bestand", "url_name": "Naam in de URL (blijft, zodat links blijven werken)",
    "publish_do": "Publiceren", "cancel": "Annuleren", "cannot_publish": "Nog niet klaar om te publiceren:",
    "published": "Gepubliceerd als {path}.", "login": "Toegangscode van de redactietafel",
    "login_text": "De redactietafel is vanaf andere computers bereikbaar en vraagt daarom de code "
                  "die `grievance serve` in de terminal liet zien.",
    "login_do": "Open de redactietafel", "refused": "Niet bewaard", "banner_draft": "Concept",
    "banner_review": "Na te kijken: {keys}", "banner_link": "Dit verhaal nakijken", "banner_off": "(redactietafel uit)",
    "warnings_for": "check zegt",
}


def words(language: Language | str) -> Mapping[str, str]:
    return NL if str(language) == "nl" else EN


# What the desk refuses and why, {key: (English, Dutch)}; {names} are filled in.
MESSAGES: Mapping[str, tuple[str, str]] = {
    "stale": ("{file} changed on disk since this form was opened; nothing was saved. "
              "Reload the form to see the file as it is now.",
              "{file} is op schijf veranderd sinds dit formulier werd geopend; er is niets bewaard. "
              "Laad het formulier opnieuw om het bestand te zien zoals het nu is."),
    "under_review": ("still under review: {keys}; confirm them first",
                     "nog na te kijken: {keys}; bevestig die eerst"),
    "file_exists": ("{file} exists already; choose another file name",
                    "{file} bestaat al; kies een andere bestandsnaam"),
    "slug_taken": ("slug: another story has the URL name '{slug}'; choose another",
                   "slug: een ander verhaal heeft de URL-naam '{slug}' al; kies een andere"),
    "no_token": ("refused: missing or wrong session token; reload the desk page",
                 "geweigerd: de sessiecode ontbreekt of klopt niet; laad de pagina van de redactietafel opnieuw"),
    "foreign": ("refused: a write from another site ({origin}); use the desk's own page",
                "geweigerd: een schrijfverzoek van een andere site ({origin}); gebruik de pagina van de redactietafel zelf"),
    "host": ("the review desk answers only to {hosts}, not to Host '{host}'",
             "de redactietafel antwoordt alleen op {hosts}, niet op Host '{host}'"),
    "off": ("the review desk is off: serve binds an address other machines reach; start serve with --review to turn it on",
            "de redactietafel staat uit: serve is vanaf andere computers bereikbaar; start serve met --review om haar aan te zetten"),
    "outside": ("{file}: the desk only writes {kinds} files under {folder}/",
                "{file}: de redactietafel schrijft alleen {kinds}-bestanden onder {folder}/"),
    "link": ("{file}: is or passes through a symbolic link; the desk does not follow links",
             "{file}: is of loopt via een symbolische link; de redactietafel volgt geen links"),
    "text": ("{text}", "{text}"),
}


# `check`'s warnings in Dutch, by their phrase (diagnostics.Diagnostic.phrase): the terminal
# prints them in English, the desk of a Dutch site says them in Dutch.
WARNINGS_NL: Mapping[str, str] = {
    "review": "geïmporteerd: controleer {keys} en verwijder dan 'review'",
    "no_record": "bedrijf '{company}' heeft geen bestand in content/companies/",
    "stale": "open zaak zonder nieuws sinds {days} dagen (laatste op {last}); voeg een update toe of wijzig de uitkomst",
    "unknown_story": "link naar een onbekend verhaal '{url}'",
    "unknown_company": "link naar een onbekend bedrijf '{url}'",
    "remote_image": "afbeelding '{url}' van een andere site wordt niet getoond (pagina's laden alleen afbeeldingen van "
                    "deze site): sla haar op naast het verhaal en gebruik de bestandsnaam",
}


def warning_text(problem: Diagnostic, language: Language | str) -> str:
    """One of `check`'s problems -> what the desk shows for it (without its file and line):
    in Dutch on a Dutch site when its phrase has a Dutch text, else as `check` prints it."""
    printed = str(problem)[len(problem.path):].lstrip(":0123456789 ")
    if str(language) != "nl" or problem.phrase not in WARNINGS_NL:
        return printed
    values = dict(problem.values)
    text = WARNINGS_NL[problem.phrase].format(**values)
    if problem.phrase == "no_record":
        text += f" ({values['stories']} verhalen)" if values.get("stories", "1") != "1" else ""
        text += f" (bedoel je '{values['close']}'?)" if values.get("close") else ""
    return one_line(f"waarschuwing: {text}")


@dataclass(frozen=True)
class Message:
    """Something the desk tells the reviewer: a MESSAGES key and its values."""

    key: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Message:
        return cls(key, tuple((name, str(value)) for name, value in params.items()))

    def text(self, language: Language | str = Language.EN) -> str:
        english, dutch = MESSAGES[self.key]
        return (dutch if str(language) == "nl" else english).format(**dict(self.params))
