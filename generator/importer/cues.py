"""Cue phrases in Dutch and English -> outcome, apology, channels, compensation.

Each reader scans the whole text and the last cue wins: a post ends with how it ended
("... en toen was het eindelijk opgelost"). Negated cues come first in each pattern, so
"niet opgelost" is read as such and never as "opgelost".
"""

from __future__ import annotations

import re

from generator.model import Apology, Channel, Language, Outcome

_OUTCOME = re.compile(
    r"(?P<gave_up>ik geef het op|ik heb het opgegeven|(?:heb|hebben) (?:het )?opgegeven|ik ben het zat en (?:ben )?"
    r"(?:weg|overgestapt)|ik gaf het op|i(?:'ve| have)? gave? up|i(?:'ve| have) given up|giving up"
    r"|(?:ben|zijn) (?:\w+ )?overgestapt|(?:contract|abonnement) (?:\w+ )?opgezegd|hoeft (?:het )?voor mij niet meer"
    r"|switched (?:to another|providers|suppliers)|went to another (?:supplier|provider)|cancelled my (?:contract|subscription)"
    r"|ik (?:stop|kap) ermee|ik ben (?:er )?klaar mee|ik laat het (?:er )?(?:maar )?bij|i'?m done with)"
    r"|(?P<unresolved>(?:nog steeds |nooit |niet |nog niet |never |not |still not |hasn'?t been |has not been |"
    r"wasn'?t |was not |isn'?t |is not )(?:echt |really )?(?:opgelost|verholpen|been resolved|resolved|fixed|solved)"
    r"|werkt (?:nog steeds |nog altijd )?niet|still (?:doesn'?t|does not) work|geen oplossing|no solution"
    r"|nog (?:steeds|altijd) geen (?:internet|stroom|gas|water|tv|verbinding|signaal|oplossing))"
    r"|(?P<resolved>opgelost|verholpen|werkt (?:het |alles |de \w+ |mijn \w+ )?(?:weer|eindelijk)"
    r"|eindelijk weer (?:internet|stroom|gas|tv)|alles is (?:weer |nu )?geregeld|tot (?:mijn|onze) (?:grote )?tevredenheid"
    r"|(?:is|was) (?:\w+ )?(?:weer )?in orde|goed gemaakt|rechtgezet|resolved|fixed|solved|sorted out|works again"
    r"|working again|paid (?:up|me back|it back)|put (?:it )?right)",
    re.IGNORECASE)
_APOLOGY = re.compile(
    r"(?P<no>geen (?:enkel(?:e)? )?(?:excuses|excuus|sorry|verontschuldiging)|zonder (?:excuses|excuus|sorry)"
    r"|nooit (?:excuses|sorry)|no (?:apology|apologies|sorry)|never (?:apologi[sz]ed|said sorry)"
    r"|(?:didn'?t|did not|don'?t|did not even|never once) (?:even )?(?:apologi[sz]e|say sorry)"
    r"|without (?:an |any )?apolog(?:y|ies)|not (?:even )?(?:an|one) apology|nor an apology|not even a sorry"
    r"|niet eens (?:een )?(?:excuus|excuses|sorry)|excuses kon(?:den)? er niet (?:eens )?af"
    r"|(?:niet|nooit) (?:\w+ )?verontschuldigd)"
    r"|(?P<partial>(?:een )?(?:half|halve|halfslachtig(?:e)?|soort van|soort) (?:excuus|excuses|sorry)"
    r"|standaard(?:excuses|-excuses| excuses)|half[- ]hearted apology|sort of apologi[sz]ed|non-apology"
    r"|excuses voor (?:het|eventueel) ongemak|sorry for (?:the|any) inconvenience)"
    r"|(?P<yes>excuses (?:aan)?geboden|(?:bood|boden) (?:\w+ )?(?:\w+ )?excuses aan|biedt (?:\w+ )?excuses aan"
    r"|excuses gemaakt|maakte(?:n)? (?:\w+ )?excuses|zei(?:den)? sorry|sorry gezegd|onze excuses"
    r"|excuses (?:ontvangen|gekregen)|kreeg(?:en)? (?:ik |we )?(?:wel )?(?:excuses|een excuus|sorry)"
    r"|verontschuldigd(?:e|en)?|verontschuldigingen (?:aan)?geboden"
    r"|excuses (?:van|voor)|sorry (?:te )?(?:zeggen|voor)|apologi[sz]ed|an apology|said sorry|apologies? (?:from|for)"
    r"|(?:was|were|are|is|am) (?:very |so |truly )?sorry|sorry for the)",
    re.IGNORECASE)
_CHANNELS = {
    Channel.TWITTER: r"twitter|tweet(?:s|ed|je)?|getweet|webcare|(?<!\w)@\w{2,}",
    Channel.FACEBOOK: r"facebook|messenger",
    Channel.PHONE: r"gebeld|belde|bellen|opgebeld|telefo(?:on|nisch)|klantenservice gebeld|called|phoned|phone|rang",
    Channel.WEBFORM: r"klachtenformulier|webformulier|contactformulier|online formulier|web ?form|contact form"
                     r"|complaint form|online form",
    Channel.EMAIL: r"e-?mail(?:s|de|en|tje)?|gemaild|mailde|mailtje",
    Channel.LETTER: r"aangetekend(?:e)? brief|brief (?:gestuurd|geschreven|verstuurd)|per brief|registered letter"
                    r"|wrote a letter|sent a letter|by letter",
    Channel.CHAT: r"chat(?:ten|te|gesprek|functie)?|gechat|whatsapp",
    Channel.VISIT: r"monteur|technicus|engineer|technician|in de winkel|naar de winkel|to the shop|to the store",
    Channel.OMBUDSMAN: r"klachtenkompas|ombudsman|geschillencommissie|kifid|consuwijzer|disputes committee",
}
_CHANNEL = {channel: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for channel, pattern in _CHANNELS.items()}
_AMOUNT = r"(?:€\s?\d{1,7}(?:[.,]\d{1,2})?(?:,-)?|\b\d{1,7}(?:[.,]\d{1,2})?\s?(?:euros?|eur|€)|EUR\s?\d{1,7}(?:[.,]\d{1,2})?)"
_GIVEN = r"korting|terug(?:gestort|betaald|gekregen)?|compensatie|vergoeding|tegoed|gecrediteerd|creditnota" \
         r"|discount|refund(?:ed)?|credit(?:ed)?|compensation|back|off"
_COMPENSATION = re.compile(
    rf"(?P<a>{_AMOUNT}\s+(?:\w+\s+){{0,2}}?(?:{_GIVEN})\b)|(?P<b>\b(?:{_GIVEN})\s+(?:van|of|ter waarde van|worth)\s+"
    rf"{_AMOUNT})", re.IGNORECASE)
_NL_WORDS = frozenset("de het een en van ik niet is dat op te zijn met voor maar ze mijn wel geen nog er".split())
_EN_WORDS = frozenset("the and of to is i not that on with for but they my was have no it a".split())


def _last(pattern: re.Pattern[str], text: str) -> str | None:
    last = None
    for match in pattern.finditer(text):
        last = match.lastgroup
    return last


def outcome_of(text: str) -> Outcome:
    """Post text -> how the case ended by its last cue; open when none."""
    found = _last(_OUTCOME, text)
    return {"gave_up": Outcome.GAVE_UP, "unresolved": Outcome.UNRESOLVED,
            "resolved": Outcome.RESOLVED}.get(found or "", Outcome.OPEN)


def apology_of(text: str) -> Apology:
    """Post text -> whether the company apologised by its last cue; no when none."""
    found = _last(_APOLOGY, text)
    return {"yes": Apology.YES, "partial": Apology.PARTIAL}.get(found or "", Apology.NO)


def channels_of(text: str) -> tuple[Channel, ...]:
    """Post text -> the channels it mentions, in the order of the Channel enum."""
    return tuple(channel for channel, pattern in _CHANNEL.items() if pattern.search(text))


def channel_in(text: str) -> Channel | None:
    """One sentence -> the first channel it mentions, or None."""
    found = [(m.start(), channel) for channel, pattern in _CHANNEL.items() if (m := pattern.search(text))]
    return min(found, key=lambda item: item[0])[1] if found else None


def compensation_of(text: str) -> str:
    """Post text -> the amount the company gave, as written ('6 euro korting'), or ''."""
    match = _COMPENSATION.search(text)
    return " ".join(match.group(0).split()) if match else ""


def language_of(text: str) -> Language:
    """Post text -> Dutch or English, by which common words it uses more."""
    words = re.findall(r"[a-z]+", text[:5000].lower())
    dutch = sum(word in _NL_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    return Language.EN if english > dutch else Language.NL
