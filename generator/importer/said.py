"""What `grievance import` writes beside its guesses, in the site's language: the evidence
after each guessed value and the notes in a story's front-matter, which the blogger reads
in the review desk (in the site's language too). The values themselves (`open`,
`resolved`, `phone`) stay as the front-matter spells them.
"""

from __future__ import annotations

from generator.model import Language

_SAID: dict[Language, dict[str, str]] = {
    Language.EN: {
        "mention": "{n} mention", "mentions": "{n} mentions", "in_title": ", in the title",
        "only": ", the only company-like name the post repeats",
        "signed": ", in the sign-off of a letter the post quotes", "after": ", after '{cue}'", "before": ", before '{cue}'", "as": ", as {cue}",
        "record": "site record {record}", "listed": "well-known companies list",
        "listed_as": " ({name} is listed as {listed})", "no_list": "on no list",
        "no_company": "no company named: replace this placeholder",
        "tagged": "the post's tag '{tag}'", "and_written": ", written {n}x in the text",
        "addressed": "in the post's address, not its text",
        "last_cue": 'last cue "{cue}"',
        "no_outcome": "no cue in the text: write open, resolved, unresolved or gave-up",
        "no_apology": "no cue in the text: write yes, no or partial",
        "amount": "amount with what was given", "first_dated": "the first dated sentence",
        "sentence": "{n} sentence with a date in the text", "sentences": "{n} sentences with a date in the text",
        "no_title": "no title in the post: its first words", "no_date": "no date in the post: the file's date",
        "words": "by the common words it uses", "first_tags": "the first {n} of its tags",
        "excerpt": "the source held only the post's opening: the rest of its text is on the page `source` names",
        "guessed": "guessed by `grievance import`: check these keys, then delete 'review' (and 'draft' to publish)",
    },
    Language.NL: {
        "mention": "{n} keer genoemd", "mentions": "{n} keer genoemd", "in_title": ", in de titel",
        "only": ", de enige bedrijfsnaam die het bericht herhaalt",
        "signed": ", in de ondertekening van een geciteerde brief", "after": ", na '{cue}'", "before": ", vóór '{cue}'", "as": ", als {cue}",
        "record": "bedrijfsbestand {record}", "listed": "lijst van bekende bedrijven",
        "listed_as": " ({name} staat op de lijst als {listed})", "no_list": "op geen lijst",
        "no_company": "geen bedrijf genoemd: vervang deze plaatshouder",
        "tagged": "de tag '{tag}' van het bericht", "and_written": ", {n}x in de tekst",
        "addressed": "in het adres van het bericht, niet in de tekst",
        "last_cue": 'laatste aanwijzing "{cue}"',
        "no_outcome": "geen aanwijzing in de tekst: schrijf open, resolved, unresolved of gave-up",
        "no_apology": "geen aanwijzing in de tekst: schrijf yes, no of partial",
        "amount": "bedrag met wat er gegeven werd", "first_dated": "de eerste zin met een datum",
        "sentence": "{n} zin met een datum in de tekst", "sentences": "{n} zinnen met een datum in de tekst",
        "no_title": "geen titel in het bericht: de eerste woorden",
        "no_date": "geen datum in het bericht: de datum van het bestand",
        "words": "naar de gewone woorden die het gebruikt", "first_tags": "de eerste {n} van de tags",
        "excerpt": "de bron bevatte alleen het begin van het bericht: de rest staat op de pagina die `source` noemt",
        "guessed": "gegokt door `grievance import`: controleer deze sleutels, verwijder dan 'review' "
                   "(en 'draft' om te publiceren)",
    },
}


def said(language: Language, key: str, **values: object) -> str:
    """The site's language, a phrase's name and its values -> the phrase."""
    return _SAID[language][key].format(**values)
