"""The desk's own words, in Dutch and English (the site's language); labels of closed
vocabularies (outcome, apology, channel, actor) come from the site's strings (i18n)."""

from __future__ import annotations

from collections.abc import Mapping

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
