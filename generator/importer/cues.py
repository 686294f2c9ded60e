"""Cue phrases in Dutch and English -> outcome, apology, channels, compensation, each with
the sentence it was read from.

The text is read sentence by sentence and the last cue wins: a post ends with how it
ended ("... en toen was het eindelijk opgelost"). A cue is read with what stands before
it in its clause: a negation turns "opgelost" into not solved ("er is niets opgelost"),
hedging ("it seemed to be fixed") counts only when the text goes on to say it broke
again, a condition ("als het niet opgelost wordt") or a sentence about someone else (the
neighbour's provider) says nothing about this case, and an apology counts only when the
company makes it: the writer's own "sorry" is none. No cue: the value is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.model import Apology, Channel, Language, Outcome

# A full stop after a short form ('Jan. 5th', 'Mr. Jansen', 'dhr. De Vries') ends no sentence.
NOT_AN_END = (r"(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec|Mrs"
              r"|dhr|Dhr|Nos)\.)(?<!\b(?:Sept|sept|Mevr|mevr|bijv)\.)(?<!\b(?:Mr|Ms|Dr|St|No|nr|Nr|mw|Mw|vs)\.)"
              r"(?<!\bd\.d\.)(?<!\bo\.a\.)(?<!\bt\.a\.v\.)(?<!\bi\.v\.m\.)(?<!\bm\.b\.t\.)(?<!\bz\.s\.m\.)(?<!\bca\.)"
              r"(?<!\bincl\.)(?<!\bexcl\.)(?<!\btel\.)")
_SENTENCE = re.compile(rf"(?<=[.!?]){NOT_AN_END}[\"'”’)]?\s+(?=[A-Z0-9À-Ý\"'“‘(]|[a-z]{{1,4}}[A-Z])|\n+")  # 'easyHost' too
_CLAUSE_END = re.compile(r"[,;:]|\b(?:maar|but|however|echter|toen|then|although|hoewel|terwijl|while)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:niet|niets|geen|nooit|niemand|not|nothing|never|no|none|nor|neither|nobody|no one|hardly|nauwelijks|"
                       r"\w+n['’]t|(?:do|did|does|was|were|is|are|has|have|had|wo|ca|could|would|should)nt|cannot)(?!\w)", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:leek|leken|lijkt|scheen|schijnt|zou|zouden|zogenaamd|blijkbaar|dacht(?:en)?|beweerde(?:n)?"
                    r"|seemed|seems|appeared|supposedly|apparently|thought|claimed|should|would|meant to|was told"
                    r"|zeiden (?:ze|zij|hij|dat)|told me|said (?:it|that)|zegt dat|zeggen dat|beweert|beweren|claims (?:that|it|to)"
                    r"|says (?:it|that)|say (?:it|that)|insist(?:s|ed)?|belo(?:ven|ofde|ofden|ooft|oofd)|promis(?:e|es|ed|ing)"
                    r"|volgens|according to)\b", re.IGNORECASE)
# After a cue in its sentence, who only says so: 'The problem has been fixed, they claim', 'aldus Glasnet'.
_CLAIMED_AFTER = re.compile(r"[^.!?]{0,40}?\b(?:(?:(?:they|he|she|it|the company|support) (?:claim|claims|claimed|say|says|said"
                            r"|insist|insists|insisted)|(?:zeggen|beweren|zeiden|beweerden) (?:ze|zij)|(?:zegt|beweert|zei|beweerde)"
                            r" (?:hij|zij|ze))(?=\s*(?:[,.;!?]|$))|aldus\b)", re.IGNORECASE)
# The sentence after one that says it was fixed and denies it: 'Niet dus.', 'It has not.'
_DENIED = re.compile(r"\W*(?:niet dus|nope|not true|klopt niet|niet waar|het is niet|it has not|it hasn'?t|it is not|it isn'?t"
                     r"|it was not|it wasn'?t|wrong)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:als|indien|mocht|tenzij|hopelijk|hoop|hopen|if|unless|hopefully|hope|wish|zodra|once"
                        r"|in case|wanneer|whether|of het|totdat|tot (?:het|de|alles|dat)|until)\b", re.IGNORECASE)
# A request or demand: 'I would like the bill corrected', 'ik wil mijn geld terug' say what the
# writer wants, not how the case ended.
_REQUEST = re.compile(r"\b(?:(?:i|we)(?:'d| would| want| wanted| expect| am asking| ask| request| demand)|would like"
                      r"|please|(?:ik|we|wij) (?:wil|willen|eis|eisen|verwacht|verwachten|vraag|vragen|verzoek)"
                      r"|(?:wil|willen|eis|eisen|verwacht|verwachten|vraag|vragen) (?:ik|we|wij)|graag|verzoek)\b",
                      re.IGNORECASE)
# The company (or anyone but the writer) as who cancelled: 'had Ziggo mijn abonnement al opgezegd'.
_THEIR_CANCEL = re.compile(r"\b(?:heeft|hebben|had|hadden|zegde|zegden)\s+(?!(?i:ik|we|wij)\b)(?:[A-Z][\w-]*|ze|zij|hij|die|de|het)\b"
                           r"|(?<![.!?]\s)(?<!^)\b(?!(?:Ik|We|Wij|I)\b)[A-Z][\w-]*\s+(?:heeft|had|hebben|hadden|zegde|zegden)\b"
                           r"|\b(?:they|he|she|it|(?!(?:I|We)\b)[A-Z][\w-]*)\s+(?:had\s+|has\s+|have\s+)?(?:\w+\s+)?"
                           r"(?:cancell?ed|closed|terminated)\b")
_OTHERS = re.compile(r"\b(?:buurman|buurvrouw|buren|neighbou?rs?|vriend(?:in)?|vrienden|friends?"
                     r"|zus|broer|sister|brother|zwager|schoonmoeder"
                     r"|a lot of people|many people|veel mensen|andere klanten|other customers)\b", re.IGNORECASE)
_NO_MORE = re.compile(r"(?:sindsdien geen|since then no|no more|no (?:outages|problems|issues))\b", re.IGNORECASE)
_TOLD_FIRST = re.compile(r",\s*(?:maar|but)\b[^,]*\?\s*$", re.IGNORECASE)  # 'Het werkt weer, maar voor hoe lang?'
_AGAIN = re.compile(r"\b(?:again|weer|opnieuw|once more|nog steeds|still|maar|but)\b", re.IGNORECASE)
_OUTCOME = re.compile(  # each cue starts a word: "resolved" in "unresolved", "opgelost" in "onopgelost" is none
    r"(?<!\w)(?:(?P<gave_up>(?:fixed|repaired|sorted|solved) it (?:\w+ )?myself|(?:heb|hebben) (?:ik |we )?het (?:\w+ )?zelf"
    r" (?:maar )?(?:opgelost|gerepareerd|gemaakt)|ik geef het op|ik heb het opgegeven|(?:heb|hebben) de hoop (?:\w+ )?opgegeven|(?:heb|hebben) (?:het )?opgegeven|ik gaf het op"
    r"|i(?:'ve| have)? gave? up|i(?:'ve| have) given up|giving up|(?:ben|zijn) (?:\w+ )?overgestapt"
    r"|(?:heb|hebben|had|hadden) (?:\w+ ){0,6}opgezegd|zegde(?:n)? (?:\w+ ){0,4}op\b|(?:contract|abonnement) (?:\w+ ){0,2}opgezegd"
    r"|(?:ben|zijn) (?:ik |we |wij )?(?:\w+ )?teruggegaan naar|(?:went|switched|moved|gone) back to"
    r"|hoeft (?:het )?voor mij niet meer|switched (?:to another|providers|suppliers|banks|to)"
    r"|went to another (?:supplier|provider|bank)|(?:moving|switching|going|moved|switched|gone) (?:over )?to (?:another|a different|a new|a rival)"
    r" (?:\w+ )?(?:host|hosting|provider|supplier|bank|company|network|insurer|carrier|isp|airline|shop|store|courier)\b"
    r"|(?:ik|we|wij) (?:\w+ )?stap(?:pen)? (?:\w+ )?over naar|(?:ik|we|wij) (?:ga|gaan) (?:\w+ ){0,2}overstappen|(?:i|we)(?:'ve| have)? (?:cancell?ed|closed|terminated)"
    r"|cancell?(?:ed|ing) my (?:contract|subscription|service|account|membership|plan|policy)|clos(?:ed|ing) my account"
    r"|took my business elsewhere|(?:i'?m|we'?re|i am|we are) leaving (?:them |(?:\w+ )?(?:broadband|provider|supplier|bank) )?(?:when|as soon as|at the end|once)\b|(?:i|we) (?:won'?t|will not|will never|shall never) (?:fly|shop|order|book|buy|travel|bank|stay)"
    r" (?:with|from|at|there) (?:\w+ )?(?:again|ever again)|ik (?:stop|kap) ermee|ik ben (?:er )?klaar mee|ik laat het (?:er )?(?:maar )?bij"
    r"|i'?m done with|nooit meer (?:klant|bij)|never again|(?:i|we) (?:finally |eventually |then )?left (?-i:[A-Z])"
    r"|(?:moved|switched|took|transferred) (?:everything|all my money|my money|my accounts?|our accounts?|my business) (?:\w+ )?(?:to|elsewhere)|(?:klacht|complaint) (?:\w+ )?(?:ingetrokken|withdrawn)"
    r"|trok (?:ik |we )?(?:mijn |de |onze )?klacht in|withdrew (?:my|our|the) complaint|never (?:coming|going) back|kom(?:en)? (?:er )?nooit meer terug"
    r"|porting (?:my|our) (?:number|numbers) (?:out|away)|(?:mijn|ons) nummer (?:\w+ )?(?:meegenomen|overgezet)"
    r"|(?:heb|hebben) (?:ik |we )?(?:het|het er) (?:\w+ ){0,2}(?:zo|bij) gelaten|streep (?:er )?onder (?:\w+ )?gezet"
    r"|(?:heb|hebben) (?:\w+ )?geen zin meer in|(?:verstuur|bestel|boek|koop) (?:ik|we) (?:\w+ ){0,3}(?:via|bij) een andere"
    r"|cut (?:my|our) losses|(?:i|we) (?:just |finally |eventually )?let it go\b|wrote it off\b|(?:heb|hebben) (?:het|het geld) (?:maar )?afgeschreven)"
    r"|(?P<waiting>(?:ik |we )?wacht(?:en)? (?:nog )?(?:steeds |altijd )?(?:op|af)\b(?! (?:een |hun |de )?(?:excuses|excuus|sorry)\b)"
    r"|(?:still waiting|(?:i'?m|we'?re|am|are) waiting)(?! (?:for|on) (?:an? |their |the |any )?(?:apology|apologies|sorry)\b)"
    r"|nog geen (?:antwoord|reactie|bericht)|nog (?:steeds |altijd )?geen (?:geld|terugbetaling|vergoeding|restitutie)(?: terug)?\b|geen (?:\w+ ){0,7}(?:reactie|antwoord) (?:gehad|gekregen|ontvangen)|nog (?:niks|niets) (?:meer )?(?:van (?:ze|hen|hun) )?gehoord|(?:nog steeds|nog altijd|still) (?:niet |geen |no |not )?(?:\w+ )?"
    r"(?:beantwoord|antwoord|reactie|gereageerd|answered|answer|reply|replied|response|heard back)|no (?:reply|answer|response) yet|wordt vervolgd|to be continued"
    r"|(?:so far|tot nu toe|tot op heden|until now),? (?:still )?(?:nothing|niets|niks|no (?:reply|answer|response|word))"
    r"|(?:(?:got|had|have had|received)\s+|(?<=, ))no (?:response|reply|answer)(?: (?:yet|so far|since))?(?=\s*[.!]?\s*$)"
    r"|(?:i'?m|we'?re|am|are) (?:now )?taking (?:it|this|the matter|the case|my complaint|our complaint) to"
    r"|(?:i'?m|we'?re|am|are) (?:now )?going to the (?:\w+ ){0,2}ombudsman"
    r"|(?:(?:i|we)(?:'ve| have)?|(?:i'?m|we'?re) now) (?:now |then |also )?(?:gone|turned|appealed|complained|escalated it|taken it|going) to the (?:\w+ ){0,3}"
    r"(?:ombudsman(?: service)?|tribunal|regulator|adjudicator|small claims court)"
    r"|(?:ik ben|we zijn|wij zijn|i'?m|we'?re) (?:nu |now )?(?:bij|with) (?:de |the )?(?:\w+ )?(?:geschillencommissie|ombudsman|huurcommissie|kifid)"
    r"|(?:ik ga|we gaan|wij gaan|ik stap|we stappen) (?:nu |dus |daarom )?naar de (?:\w+ )?(?:geschillencommissie|ombudsman|huurcommissie"
    r"|kantonrechter|rechter|skgz|kifid)"
    r"|(?:(?:i|we)(?:'ve| have| had)?|and (?:have|had)) (?:now |also )?taken (?:it|this|the matter|the case|them|my complaint|our complaint) to"
    r"|(?:ben|zijn) (?:ik |we |wij )?(?:nu )?naar de (?:kanton)?rechter (?:gestapt|gegaan)"
    r"|(?:i|we)(?:'ve| have| had)? (?:now |also |since |then )?(?:referred|escalated) (?:it|this|the matter|the case|my complaint|our complaint|the complaint) to"
    r"|(?:heb|hebben) (?:ik |we |wij )?(?:\w+ ){0,4}voorgelegd aan"
    r"|(?:going|went|gone) (?:\w+ )?(?:through|via|to) (?:my|our) (?:credit card company|card issuer"
    r"|(?:credit card|card|bank) (?:for|to (?:request|get|ask for)) a chargeback)"
    r"|(?:ingebrekestelling|letter before action|letter before claim|notice of default) (?:\w+ ){0,2}(?:gestuurd|verstuurd|sent|gegeven|issued)"
    r"|(?:mijn |onze |my |our )?(?:rechtsbijstand\w*|advocaat|jurist|lawyer|solicitor|legal (?:insurance|expenses insurance|cover))"
    r" (?:\w+ ){0,2}?(?:neemt|nam|namen|nemen|takes|took|is taking|has taken) (?:\w+ ){0,3}?over\b"
    r"|(?:requested|filed|opened|started|raised|asked for|applied for) a chargeback|(?:chargeback|terugboeking) (?:\w+ )?(?:aangevraagd|ingediend))"
    r"|(?P<unresolved>geen oplossing|zonder (?:enige |een )?oplossing|without (?:a |any )?(?:solution|resolution|resolving|fixing)|(?:geld|bedrag|borg|aanbetaling) (?:\w+ )?nooit (?:meer )?(?:teruggezien|terug gezien|teruggekregen|terug gekregen)"
    r"|never (?:saw|got|received) (?:my|our|the|that|a penny of (?:my|our|the)) (?:\w+ )?(?:money|deposit|refund|cash)(?: back| again)?|no solution|(?:het |the )?(?:probleem|problem|issue) (?:bleef|blijft|remains|remained|persists|persisted)\b(?! (?:niet|not)\b)|onopgelost|unresolved|unsolved|unfixed|nothing has changed|niets (?:is )?veranderd|werkt (?:nog steeds |nog altijd )?niet|still (?:doesn'?t|does not|isn'?t|is not"
    r"|hasn'?t|has not|haven'?t|have not|can'?t|cannot|won'?t|no|broken|down)\b"
    r"|nog (?:steeds|altijd) (?!klant|tevreden|blij|fan|dankbaar|wacht|op\b)\w+"
    r"|(?:wees|wezen) (?:\w+ ){0,5}?af\b"
    r"|(?:they|ze|zij) (?:still |nog steeds |keep |continue to |blijven )?(?:reject|refuse|deny|decline|weigeren)\b"
    r"|(?:ombudsman|adjudicator|geschillencommissie|huurcommissie|kifid|rechter|court|judge|tribunal) (?:\w+ ){0,2}?(?:agreed with"
    r"|sided with|ruled against (?:me|us)|found against (?:me|us)|ruled for (?:the|them|it)"
    r"|(?:stelde|gaf) (?!(?:mij|ons|me|mijn|onze)\b)(?:\w+ ){1,3}?(?:in het )?gelijk)(?! (?:me|us|mij|ons|my|our)\b)"
    r"|houden (?:\w+ )?voet bij stuk|hield(?:en)? (?:\w+ )?voet bij stuk|(?:won'?t|wouldn'?t|refuse to) budge|stood by (?:their|its) decision"
    r"|(?:weiger\w*|refus(?:ed|es|e to)|declined|declines|afgewezen|rejected|rejects|denied|denies|wouldn'?t|won'?t (?:fix|refund|help|pay)"
    r"|wilde(?:n)? niet|willen niet)"
    r"|(?:zit|zitten) (?:ik |we |wij )?(?:\w+ ){0,4}zonder (?:internet|stroom|gas|warm water|verwarming|tv|telefoon|wifi"
    r"|verbinding|water)|still (?:\w+ )?without (?:internet|broadband|power|electricity|heating|hot water|water|gas|a phone"
    r"|phone|service|wifi|a connection)|(?:i'?ve|we'?ve|i have|we have) been without (?:internet|broadband|power|electricity"
    r"|heating|hot water|water|gas|a phone|phone|service|wifi|a connection)"
    r"|(?:still|nog steeds|nog altijd) (?:\w+ )?(?:fighting|aan het vechten)"
    r"|(?:weer|opnieuw|again) (?:kapot|stuk|uit(?:gevallen)?|storing|down|broken|dead)"
    r"|(?:kapot|stuk|uitgevallen|down|broke(?:n)?|stopped working|not working|failed|dead) (?:\w+ )?(?:again|weer|opnieuw))"
    r"|(?P<pending>(?:de |the )?(?:zaak|procedure|rechtszaak|case|claim|dispute) (?:loopt|is) (?:nog|still)(?! niet| not)(?: (?:ongoing|pending|open|in behandeling))?\b"
    r"|(?:de )?zitting (?:is|wordt|staat) (?:\w+ ){0,3}(?:in|op|gepland)|(?:the )?hearing is (?:\w+ ){0,2}(?:in|on|set|scheduled)"
    r"|(?:the )?(?:case|claim|dispute|complaint) is (?:ongoing|pending)|nog in behandeling|still (?:ongoing|pending|under (?:review|investigation)))"
    r"|(?P<resolved>opgelost|verholpen|werkt (?:het |alles |de \w+ |mijn \w+ |ons \w+ |onze \w+ )?(?:\w+ ){0,2}?(?:weer|eindelijk)"
    r"|(?:storing|probleem|ellende|gedoe|nachtmerrie|outage|problem|nightmare|saga) (?:is )?(?:eindelijk |nu |finally )?(?:voorbij|over)\b"
    r"|(?:pas|eindelijk|sindsdien|daarna) (?:\w+ ){0,4}werkte(?:n)? (?:het|alles)(?! niet)\b|werkte(?:n)? (?:het|alles) (?:eindelijk|weer)"
    r"|(?:netjes|keurig|goed|prima|correct) (?:\w+ )?afgehandeld|(?:is|werd|was|were|been|got) (?:\w+ ){0,2}(?:gecorrigeerd|corrected)"
    r"|(?:removed|waived|reversed|dropped|cancell?ed|wrote off|credited) (?:the |all |those |these )?(?:\w+ )?(?:charges?|fees?|fines?)"
    r"|\w*(?:kosten|boete|rekening|factuur) (?:\w+ ){0,2}(?:kwijtgescholden|geschrapt|teruggedraaid|gecrediteerd)"
    r"|(?:kreeg|kregen|ontving|ontvingen) (?:ik |we )(?:\w+ ){0,3}(?:alsnog|eindelijk)\b"
    r"|(?:finally |eventually )?(?:got|received) (?:my|the|our) (?:parcel|package|bag|suitcase|luggage|order|item|goods)\b"
    r"|(?:bag|suitcase|luggage|parcel|package|order) (?:was |were )?(?:finally )?(?:delivered|returned|found)\b"
    r"|(?:kreeg|kregen|krijg|krijgen|heb|hebben|had|hadden) (?:ik |we )?(?:\w+ ){0,2}(?:mijn |ons |het |m'n )?geld (?:\w+ )?terug(?:gekregen|betaald|gestort)?\b"
    r"|(?:kreeg|kregen|krijg|krijgen|ontving|ontvingen) (?:ik |we )?(?:\w+ ){0,2}(?:€\s?\d[\d.,]*|\d[\d.,]* euro) (?:\w+ )?terug\b"
    r"|(?:is|werd|wordt|zijn|werden) (?:\w+ )?(?:alsnog |toch |eindelijk )*(?:verrekend|gecrediteerd|terugbetaald)"
    r"|(?:was|were|is|are|got|been) (?:\w+ )?(?:unfrozen|unblocked|restored|reconnected|reactivated)"
    r"|(?:account|card|line|number|connection|service|rekening|pas|lijn|aansluiting) (?:\w+ )?(?:unfrozen|unblocked"
    r"|reconnected|reactivated|vrijgegeven|gedeblokkeerd|heraangesloten)"
    r"|(?:finally|eindelijk) (?:\w+ )?(?:replaced|repaired|vervangen|gerepareerd)"
    r"|(?<!\bik )(?<!\bwe )(?<!\bwij )betaalde(?:n)? (?!(?:ik|we|wij)\b)(?:\w+ ){0,6}terug\b|(?:restored|reinstated|reconnected|reactivated) (?:it|the|my|our|service|access)\b"
    r"|(?:aansluiting|verbinding|glasvezel) (?:\w+ )?(?:gemaakt|aangelegd|opgeleverd|geactiveerd)"
    r"|(?:connection|line|broadband|fibre|fiber) (?:was |were |got |is )?(?:finally )?(?:installed|activated|connected|set up)"
    r"|(?:is|werd|was) (?:eindelijk |weer )*(?:vrijgegeven|gedeblokkeerd|hersteld|heraangesloten)"
    r"|(?:is|werd|was) (?:\w+ ){1,4}(?:vrijgegeven|gedeblokkeerd|heraangesloten)"
    r"|(?<!\bik )(?<!\bwe )(?<!\bwij )(?:hebben|heeft|hadden|had) (?!(?:ik|we|wij)\b)(?:\w+ ){1,5}(?:vrijgegeven|gedeblokkeerd|heraangesloten|teruggezet|teruggedraaid)"
    r"|(?:is|werd|was|zijn|werden) (?:\w+ ){0,3}(?:teruggezet|teruggedraaid) naar"
    r"|(?:is|werd|was) (?:het |alles )?(?:eindelijk |toch |nu |weer )*geregeld"
    r"|(?:got|received|gave me) (?:a |my |the )?(?:full |complete )?refund"
    r"|credited (?:my|our|the) (?:account|bill)|case closed|(?:ben|zijn) (?:ik |we )?(?:nu |weer |eindelijk )?(?:\w+ )?tevreden"
    r"|nu werkt (?:alles|het)(?: (?:prima|goed|perfect))?(?! niet)\b|werkt (?:het |alles )?nu (?:prima|goed|perfect)"
    r"|(?:everything|it|all) (?:works|is working) (?:fine |perfectly |properly )?now"
    r"|eindelijk weer (?:internet|stroom|gas|tv)|alles is (?:weer |nu )?geregeld|tot (?:mijn|onze) (?:grote )?tevredenheid"
    r"|(?:is|was) (?:\w+ )?(?:weer )?in orde|goed gemaakt|rechtgezet|terugbetaald|resolved(?! to\b)|fixed(?! (?:him|her|them|my|your)sel(?:f|ves)\b| (?:its|their|his|her) (?:prices?|rates?|tariffs?|fees?)\b)(?![- ](?:rate|price|term|tariff|fee|contract|deal|costs?|amount|income|period|date|address|line"
    r"|wireless|broadband|penalty|charge|monthly|tarief|prijs|contract)\w*)|solved|sorted out"
    r"|(?:bezwaar|klacht|beroep) (?:\w+ )?(?:is |werd )?gegrond|(?:boete|aanslag|beschikking) (?:\w+ )?(?:is |werd )?vernietigd"
    r"|(?:complaint|appeal|claim) (?:was |has been |is )?upheld|upheld (?:my|our|the) (?:complaint|appeal|claim)"
    r"|(?:it|everything|the \w+) (?:now |finally )*works(?: again| now| since| fine)|(?:finally|now) (?:works|working)\b"
    r"|schikking (?:\w+ )?(?:getroffen|bereikt)|(?:regeling|compromis) (?:\w+ )?(?:getroffen|bereikt)|reached a compromise|(?:reached|agreed) (?:a|the) settlement|(?:we|they) settled\b"
    r"|(?:hot water|heating|power|electricity|internet|broadband|wifi|signal|phone line|gas|water)(?: and (?:hot water|heating"
    r"|power|internet|gas|water))? (?:(?:is|are|was|were|came|finally) )*back\b"
    r"|(?:new|replacement) \w+ (?:was |were )?(?:fitted|installed)|(?:nieuwe?) \w+ (?:is |werd )?(?:geplaatst|geïnstalleerd)"
    r"|(?<!\bik )(?<!\bwe )(?<!\bwij )betaalde(?:n)? (?!(?:ik|we|wij)\b)(?:\w+ ){0,3}(?:de |het )?(?:schade|claim|reparatie)\b"
    r"|paid (?:\w+ )?(?:the|a|my|our) (?:full )?(?:refund|compensation)|(?:(?:was|werd|is|were|got) (?:hij|het|ze|zij|die|it|they) |(?:was|werd|were|got) )"
    r"(?:\w+ )?(?:gerepareerd|vervangen|repaired|replaced)\b(?! (?:niet|not|moeten|nodig))"
    r"|(?:paid|covered) (?:for )?the (?:damage|repairs?)|paid (?:the|my|our) claim|(?:reversed|overturned) (?:the|its|their|his|her) decision|honou?red (?:the|my|our) claim"
    r"|(?:besluit|beslissing) (?:\w+ )?(?:teruggedraaid|herzien)"
    r"|(?:(?:een|a) )?(?:nieuwe?|replacement|new) \w+ (?:laten )?(?:bezorgd|bezorgen|geleverd|leveren|opgestuurd|toegestuurd"
    r"|arrived|was delivered|came)(?! (?:\w+ )?(?:broken|damaged|dead|faulty|cracked|scratched|kapot|stuk|beschadigd|defect))"
    r"|sent (?:me|us) (?:a|an) (?:new|replacement)\b"
    r"|(?:line|internet|power|electricity|service|connection|broadband|signal|heating|hot water|website|site) (?:finally )?"
    r"(?:came|is|was|were|got) back\b|(?:internet|stroom|verbinding|aansluiting|website|site) (?:\w+ )?(?:kwam|is|was) (?:\w+ )?terug\b"
    r"|works again|working again|paid (?:up|me back|it back|out)|put (?:it )?right|refunded|reimbursed|money back(?![- ](?:guarantee|garantie|policy|offer))"
    r"|(?:did|finally) (?:refund|reimburse|fix|sort|resolve|solve|repair) (?:me|us|my|our|it|the|this|everything)"
    r"|uitbetaald|uitgekeerd|terugge?stort|terugge?boekt|stortte(?:n)? (?:\w+ ){0,3}terug|(?<!\bik )(?<!\bwe )storten (?:\w+ ){0,3}terug\b"
    r"|vergoed(?:de|den)?\b|(?:blokkade|blokkering|beslag|afsluiting|opschorting) (?:\w+ ){0,2}(?:opgeheven|ingetrokken)"
    r"|(?:block|freeze|restriction|suspension|hold) (?:on (?:my|our|the) (?:account|card) )?(?:was |has been |got )?(?:lifted|removed)"
    r"|(?:nu|eindelijk|inmiddels|toen|daarna) wel (?:correct|goed|juist|in orde|kloppend)\b|lifted the (?:block|freeze|restriction|suspension|hold)|(?:funds|money|payments?|deposit|balance) (?:were |was |have been |has been )?"
    r"(?:finally )?(?:released|unfrozen|returned|paid out)\b|sindsdien werkt (?:het|alles)(?! niet)\b"
    r"|(?:werd|is|zijn|werden) (?:\w+ ){0,2}(?:alsnog|eindelijk) (?:geplaatst|geleverd|geïnstalleerd|aangesloten|bezorgd|gerepareerd)"
    r"|sindsdien geen (?:\w+ )?(?:uitval|storing(?:en)?|problemen|onderbrekingen|klachten|lekkages?|schimmel|overlast"
    r"|fouten|haperingen) meer"
    r"|since then no (?:more )?(?:outages|problems|issues|drop-?outs)|no (?:more )?(?:outages|problems|issues|drop-?outs) since"
    r"|(?:is|zijn) (?:ondertussen |inmiddels |intussen )(?:vervangen|gerepareerd|hersteld)|(?:vervangen|gerepareerd|hersteld) is\b"
    r"|(?:kreeg|kregen|krijg) (?:ik |we )?(?:\w+ )?gelijk|in het gelijk gesteld|stelde(?:n)? (?:mij|ons|me) in het gelijk"
    r"|(?:ruled|found|decided) in (?:my|our) favou?r|(?:gaf|gaven|geeft) (?:mij|ons|me) (?:\w+ )?gelijk"
    r"|(?:ombudsman|adjudicator|court|judge|tribunal|regulator) (?:\w+ ){0,2}?(?:agreed|sided) with (?:me|us)\b|(?:agreed|akkoord) (?:to|met) (?:a |een )?(?:full )?(?:refund|terugbetaling"
    r"|compensat\w+|vergoeding)|agreed to (?:refund|reimburse|compensate|pay|cover|replace|fix|waive)"
    r"|(?:finally |eventually )?credited (?:me |us )?(?:the |my |our )?[€£$]\s?\d[\d.,]*"
    r"|(?:schuld|vordering|incasso|aanmaning|declaratie|factuur|rekening)(?:en)? (?:\w+ ){0,2}(?:kwijtgescholden|ingetrokken|geschrapt|vervallen)"
    r"|(?:schimmel|lekkage|lek|storing|probleem|overlast|mou?ld|leak|damp|fault|problem) (?:\w+ )?(?:is|zijn|was|were) (?:nu |eindelijk "
    r"|helemaal |finally |now |completely )?(?:weg|verdwenen|gone|verholpen)\b"
    r"|(?<!\bik )(?<!\bwe )(?<!\bwij )(?:heeft|hebben) (?!(?:ik|we|wij)\b)(?:\w+ ){1,5}?(?:vervangen|gerepareerd|hersteld)\b"
    r"|(?:heeft|hebben) de vordering (?:\w+ )?ingetrokken|wrote off (?:the|my|our) (?:debt|balance|arrears|charges?)"
    r"|(?:debt|balance|arrears|claim against (?:me|us)) (?:was |were |has been |have been )?(?:written off|dropped|withdrawn|wiped)"
    r"|(?:stond|staat|stonden) (?:het geld |het bedrag |alles )?(?:weer |eindelijk |alsnog )*op (?:mijn|onze|m'n) rekening"
    r"|(?:money|refund|amount) (?:was |is |finally )*(?:back )?in (?:my|our) (?:account|bank)"
    r"|(?:stuurde|stuurden|leverde|leverden|sent|delivered) (?:\w+ ){0,3}(?:alsnog|toch|eindelijk|finally|eventually) (?:een |a )?"
    r"(?:nieuwe?|vervangende?|new|replacement) \w+"
    r"|(?:aansluiting|verbinding|internet|wifi|glasvezel|telefoon|lijn|router|modem|connection|broadband|line) "
    r"(?:werkt|works)(?: (?:nu|weer|eindelijk|prima|goed|perfect|now|again|fine|perfectly))*(?=\s*(?:[.,;!]|$))"
    r"|(?:hebben|heb|hadden|had) (?:we |ik |wij )?(?:nu )?eindelijk (?:weer )?(?:internet|stroom|gas|warm water|verwarming|tv)\b"
    r"|(?:hebben|heb|heeft|hadden|had) (?:we |ik |het |hij |ze )?(?:nu |eindelijk )?weer (?:internet|stroom|gas|water|tv"
    r"|warm water|verwarming|signaal|verbinding|bereik|licht)"
    r"|(?:have|has|got|had) (?:the |my |our )?(?:internet|power|electricity|heat|heating|gas|water|tv|signal|service"
    r"|connection|phone|line|hot water|light) (?:back|again)"
    r"|(?:money|refund|deposit|payment|reimbursement|compensation) (?:finally |eventually |then )?(?:arrived|came through|cleared|landed)\b"
    r"|(?:was|is|kwam|stond|waren|zijn) (?:de |het |ons |onze |mijn )?(?:gas|stroom|water|internet|wifi|verwarming|elektriciteit"
    r"|tv|verbinding) (?:eindelijk |gelukkig )?weer (?:open|aan|terug|aangesloten|beschikbaar)\b"
    r"|(?:geld|bedrag|terugbetaling|vergoeding|borg) (?:\w+ ){0,2}(?:binnengekomen|kwam (?:\w+ ){0,2}binnen|is (?:\w+ ){0,2}binnen)\b"
    r"|agreed to send (?:me |us )?(?:a |an )?(?:new|replacement)\b"
    r"|(?:appeal|claim|complaint|bezwaar|beroep) (?:was |has been |is |werd )?(?:accepted|approved|granted|toegekend|goedgekeurd)\b"
    r"|(?:got|received|recovered|get|gotten) (?:my|our|the|all (?:of )?(?:my|our|the)) (?:\S+ ){0,2}?(?:deposit|money|refund|payment|cash|fees?)"
    r" (?:\w+ )?back\b|(?:kreeg|kregen|krijg|heb|hebben|had) (?:ik |we |wij )?(?:\w+ ){0,2}?(?:mijn |onze |de |m'n )?(?:borg|aanbetaling"
    r"|waarborgsom) (?:\w+ ){0,2}?terug(?:gekregen|betaald|gestort)?\b"
    r"|(?:offer(?:ed|s)?|bood|boden|aanbod|voorstel|proposed|suggested)\b[^.!?]{0,80}?,? (?:which|that|dat|die) (?:we|i|ik|wij)"
    r" (?:gladly |happily |graag )?(?:accepted|accepteerden|accepteerde|aanvaardden|aanvaardde)\b"
    r"|(?:accepted|accepteerde|accepteerden|aanvaardde|aanvaardden) (?:\w+ )?(?:het|hun|hen|the|their|this|dat|dit) (?:\w+ )?(?:offer|aanbod|voorstel)"
    r"|(?:nam|namen) (?:ik |we |wij )?(?:het|hun|dat) (?:\w+ )?(?:aanbod|voorstel) aan"
    r"|(?:kreeg|kregen|ontving|ontvingen) (?:ik |we |wij )?(?:\w+ ){0,4}?een nieuwe (?!(?:rekening|factuur|aanmaning|brief|afrekening|nota"
    r"|medewerker|afspraak|datum|monteur|contract|termijn|herinnering|klacht)\b)\w+"
    r"|(?:werd|is|was|zijn|werden) (?:\w+ ){0,5}?op (?:mijn|onze|m'n) (?:bank)?rekening (?:gestort|bijgeschreven|overgemaakt)"
    r"|(?:kreeg|kregen|ontving|ontvingen) (?:ik |we |wij )?(?:\w+ ){0,3}?(?:een )?(?:gecorrigeerde|juiste|correcte|aangepaste)"
    r" (?:jaar|eind)?(?:afrekening|factuur|nota|rekening)"
    r"|(?:got|received) (?:\w+ ){0,3}?(?:a |the )?(?:corrected|correct|revised|amended) (?:\w+ )?(?:bill|invoice|statement)"
    r"|(?:cancell?ed|wrote off|written off|cleared|wiped) (?:the |my |our |all |that |this )?(?:\w+ )?(?:debt|arrears|balance|bill|invoice)s?\b"
    r"|(?:betaalt|betalen|betaalde|betaalden|vergoedt|vergoeden|vergoedde|vergoedden|keert|keerde) (?:\w+ ){0,3}?alsnog\b(?! niet)"
    r"|(?:paid|pays|covered|covers) (?:\w+ ){0,3}?(?:after all|in the end)\b"
    r"|(?:monteur|technicus|engineer|technician|plumber|loodgieter|electrician|elektricien)s? (?:\w+ ){0,8}?(?:verving|vervingen|repareerde"
    r"|repareerden|herstelde|herstelden|replaced|repaired|fixed)\b"
    r"|(?:termijnbedrag|termijn|voorschot|maandbedrag|direct debit|monthly payment)s? (?:\w+ ){0,5}?(?:verlaagd|bijgesteld|gecorrigeerd"
    r"|reduced|lowered|corrected)\b"
    # the company's act, not the writer's: 'Polderwater heeft de afrekening op 12 maart gecorrigeerd'
    r"|(?<!\bik )(?<!\bwe )(?<!\bwij )(?:heeft|hebben) (?!(?:ik|we|wij)\b)(?:\w+ ){1,6}?(?:gecorrigeerd|gecrediteerd|kwijtgescholden)\b"
    r"|(?<!\bi )(?<!\bwe )corrected (?:the|my|our) (?:\w+ )?(?:bill|invoice|statement|charges?|account|reading|balance)"
    r"|(?:charges?|fees?|fines?|amount|surcharge|bill) (?:was |were |has been |have been |got )(?:\w+ )?(?:removed|waived|reversed"
    r"|dropped|cancell?ed|refunded|credited|written off)\b))",
    re.IGNORECASE)
# The stock phrase of an apology that is a partial one: 'sorry voor het ongemak', 'apologies for any inconvenience'.
_STOCK_NL = r"voor (?:(?:het|eventueel|eventuele|het eventuele) ongema|(?:eventuele|alle|de eventuele) (?:verwarring|overlast|ongemakken))"
_STOCK_EN = r"for (?:the inconvenience|any (?:inconvenience|confusion|trouble|frustration|distress|misunderstanding))"
_APOLOGY = re.compile(
    r"(?P<no>(?:sorry|excuses|excuus|an apology|apology)\s*\?|^\W*(?:een |an )?(?:excuses|excuus|sorry|apology|apologies)\b[^.!?]{0,60}\?"
    r"|(?:excuses|excuus|sorry|verontschuldigingen)\s+(?:(?:zeggen|maken|aanbieden)\s+)?(?:(?:kwam(?:en)?|komt|was|waren"
    r"|kon(?:den)?|zaten|werd(?:en)?|heb|hebben|had|hadden|heeft)\s+(?:\w+\s+){0,2}|(?:is|zijn)\s+er\s+(?:\w+\s+)?)(?:niet|nooit)\b(?!\s+(?:genoeg|voldoende|gemeend|oprecht|welgemeend))|(?:geen|niet eens|nooit|no|not (?:even )?(?:an?|one)|nor an?|not even an?|never an?) (?:enkele? |single )?"
    r"(?:\w+ )?(?:excuses|excuus|sorry|verontschuldiging\w*|apology|apologies)|excuses kon(?:den)? er niet (?:eens )?af|zonder (?:enige? |een |ook maar een )?(?:excuses|excuus|sorry)|without (?:an |any )?apolog(?:y|ies)"
    r"|(?:excuses|excuus|sorry|verontschuldiging\w*|apology|apologies)\b(?:\s+\w+){0,5}?\s+(?:nooit|niet|never|not)\s+(?:\w+\s+)?"
    r"(?:gehad|gekregen|ontvangen|gehoord|gezien|received|got|gotten|heard|had|seen|given|offered)\b"
    r"|(?:excuses|excuus|sorry|apology|apologies)\b(?:\s+\w+){0,4}?\s+(?:van geen|from neither|from none)\b"
    r"|(?:geen|niet één|not a|nor a|never a) (?:woord|word) (?:van|of) (?:excuus|excuses|apology|sorry|verontschuldiging)"
    r"|(?:van )?(?:excuses|excuus|sorry|verontschuldiging\w*) (?:was |is )?geen sprake"
    # wished for, so not made: 'An apology would have been nice', 'Een excuus was wel op zijn plaats geweest'
    r"|(?:excuses|excuus|sorry|apology|apologies)\s+(?:would(?:n'?t)? (?:have been|be|have gone)|zou(?:den)? (?:\w+ )?(?:zijn|hebben|geweest)"
    r"|(?:was|waren|had|hadden) (?:wel |toch |hier )?(?:op zijn plaats|gepast|netjes|fijn|mooi|gemogen))"
    r"|(?<!\bik )(?<!\bi )(?<!\bwe )(?<!\bwij )(?:refus\w*|declin\w*|weiger\w*|wouldn'?t|won'?t|would not|will not) (?:\w+ ){0,3}(?:to )?"
    r"(?:apologi[sz]e|say sorry|excuses|excuus|sorry)"
    r"|(?:wacht(?:en)?|waiting|wait|hoop|hope|eis|demand(?:ed)?|verwacht|expect(?:ed)?|vroeg|asked|vraag) (?:\w+ ){0,3}"
    r"(?:op |for |om )?(?:\w+ )?(?:excuses|excuus|apology|apologies|sorry)"
    # wanted, so not made: 'I would like the gutter repaired and an apology', 'Ik wil excuses'
    r"|(?<!\w)(?:would like|i'?d like|(?:i|we) want(?:ed)?|ik wil|we willen|wij willen|(?:ik|we|wij) zou(?:den)? graag) "
    r"(?!(?:to )?(?:thank|accept|appreciate|note)\b)(?:[\w,]+ ){0,8}?(?:een |an? |hun |their )?(?:excuses|excuus|apology|apologies"
    r"|apologi[sz]e|to say sorry|sorry (?:te )?zeggen)\b"
    r"|(?<!\w)(?:i|we) (?:want|expect|need) (?:them|him|her|the \w+|\w+) to (?:apologi[sz]e|say sorry)\b)"
    r"|(?P<partial>(?:een )?(?:half|halve|halfslachtig(?:e)?|soort van|soort) (?:excuus|excuses|sorry)"
    r"|(?:wij |we )(?:betreuren|regret) (?:het|dit|any|the|that)\b"
    r"|(?:excuses|excuus|apology|apologies|sorry) (?:was|waren|were|is|are|voelde|felt) (?:\w+ )?(?:een |a )?(?:lachertje|lachwekkend"
    r"|hol|loos|waardeloos|niks waard|niets waard|meaningless|hollow|worthless|empty|a joke|laughable|insincere|half-hearted)"
    r"|standaard(?:excuses|-excuses| excuses)|half[- ]hearted (?:apology|sorry)|sort of apologi[sz]ed|non-apology"
    r"|(?:standaard|generic|standard|stock|template|canned|automatic|automated|form) ?(?:excuus\w*|apology\w*|sorry)"
    rf"|(?:excuses|sorry) {_STOCK_NL}\w*|(?:sorry|apologi[sz]e|apologies) {_STOCK_EN})"
    r"|(?P<yes>excuusmail|excuusbrief(?:je)?|(?:an )?apology (?:email|e-mail|letter)|(?:excuses|excuus|verontschuldigingen) (?:\w+ ){0,2}(?:aan)?(?:geboden|bood|boden|biedt|bieden|gemaakt"
    r"|ontvangen|gekregen)|(?:bood|boden|biedt|bieden|aanbood|aanboden) (?:\w+ ){0,3}(?:excuses|excuus)"
    r"|maakte(?:n)? (?:\w+ ){0,2}excuses|(?:zei|zeiden|zegt|zeggen) (?:\w+ ){0,2}sorry|sorry gezegd|onze excuses(?! voor (?:het|eventueel|eventuele) ongema)"
    r"|excuses (?:van|voor)|(?:kreeg|kregen|ontving|ontvingen) (?:\w+ ){0,3}(?:excuses|een excuus|sorry)"
    r"|(?:excuses|excuus|sorry) (?:kreeg|kregen|ontving|ontvingen) (?:ik|we|wij)\b|(?<=[\w,] )met (?:hun |hún |de )?excuses\b"
    r"|verontschuldigd(?:e|en)?|verontschuldigingen|apologi[sz](?:ed|es|e)|apology|apologies|said sorry"
    r"|(?:was|were|are|is|am) (?:very |so |truly )?sorry|sorry)",
    re.IGNORECASE)
# The writer's own sorry: 'Sorry voor de lange post', "I'm sorry to say", 'mijn excuses' (not after 'me':
# 'a rep called me, apologized' is the company's).
_MINE = re.compile(r"\b(?:i|ik|my|mijn)\b[^.!?]{0,12}\W*$", re.IGNORECASE)
_NEVER_AFTER = re.compile(r"\s+(?:(?!maar\b|but\b)\w+\s+){0,2}(?:nooit|niet|never)\b", re.IGNORECASE)  # 'een sorry kwam er nooit'
_WAITING = re.compile(r"\b(?:wacht(?:en)?|waiting|wait|hoop|hope|eis(?:en)?|demand(?:ed)?|verwacht(?:en)?|expect(?:ed)?"
                      r"|vroeg om|asked for|vraag om|still no)\b", re.IGNORECASE)  # '... waiting for an answer, and for an apology'
_INCONVENIENCE = re.compile(rf"\s+(?:{_STOCK_NL}|{_STOCK_EN})", re.IGNORECASE)  # 'zei sorry voor het ongemak' too
_SORRY_STATE = re.compile(r"\s+(?:state|sight|affair|excuse|tale|story|lot|situation|staat)\b", re.IGNORECASE)
_PRO_FORMA = re.compile(r"\b(?:voor de vorm|pro forma|for form's sake|for the sake of it|form letter|standaard(?:brief|mail"
                        r"|antwoord|tekst|zin)|copy[- ]?paste\w*|automated|geautomatiseerd\w*)\b"
                        r"|['‘\"“](?:apology|excuses|excuus|sorry)['’\"”]", re.IGNORECASE)
_SO_FAR = re.compile(r"\b(?:tot nu toe|tot dusver|tot op heden|voorlopig|so far|for now|until now|as yet)\b", re.IGNORECASE)
# Their words, reported: 'Excuses voor de verwarring, schreven ze erbij', '"Sorry for the delay," they wrote'
_REPORTED = re.compile(r"[,\"”]\s*(?:schreven|schreef|zeiden|zei|mailden|mailde|antwoordden|antwoordde)\s+(?:ze|zij|hij|de \w+)\b"
                       r"|[,\"”]\s*(?:they|he|she|the \w+) (?:wrote|said|replied|added)\b", re.IGNORECASE)
_SORT_OF = re.compile(r",?\s+(?:sort of|kind of|zo'?n beetje|min of meer|een beetje)\s*[.,!]", re.IGNORECASE)
_HALF = re.compile(r"\b(?:soort|half|halve|halfslachtig\w*|standaard|sort of)\b", re.IGNORECASE)
_OWN = ("sorry", "apolog", "am ", "is ", "are ", "was ", "were ", "excuses voor", "excuus voor", "met excuses")
_QUOTE_OPEN = re.compile(r"[\"“„«]")
Value = TypeVar("Value", Outcome, Apology)


@dataclass(frozen=True)
class Reading(Generic[Value]):
    """A value read from a text, the cue words and the sentence it was read from
    ('' and '' when no cue: the value is unknown)."""

    value: Value
    cue: str = ""
    sentence: str = ""


def sentences(text: str) -> list[str]:
    """Plain text -> its sentences, lines apart."""
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def _before(sentence: str, start: int) -> str:
    """A sentence and a cue's start -> the words of the cue's own clause before it."""
    before = sentence[max(0, start - 80):start]
    ends = list(_CLAUSE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def _quoted(sentence: str, start: int) -> bool:
    """Whether a cue stands inside quotation marks (within the 300 characters before it)."""
    before = sentence[max(0, start - 300):start]
    return len(_QUOTE_OPEN.findall(before)) % 2 == 1 or before.count("”") < before.count("“")


def _mine(sentence: str, start: int) -> bool:
    """Whether the words before a 'sorry' are the writer's own: it opens the sentence, or
    follows I/ik/my within a few words."""
    return (start <= 40 and re.fullmatch(r"\W*(?:met|with)?\s*", sentence[:start], re.IGNORECASE) is not None) or \
        _MINE.search(sentence[max(0, start - 40):start]) is not None


def _outcome_cue(sentence: str, following: str) -> tuple[Outcome, str] | None:
    """One sentence and the text after it -> its last outcome cue, read in context (a cue after
    someone else is named is theirs: 'Mijn buurman kreeg zijn geld terug'; one before is the
    writer's: 'kreeg ik het pakket alsnog, van de buren drie huizen verder')."""
    others = _OTHERS.search(sentence)
    found: tuple[Outcome, str] | None = None
    request = _REQUEST.search(sentence)  # what follows it is wanted, not told
    theirs = _THEIR_CANCEL.search(sentence)
    asked = sentence.rstrip().endswith("?")
    for match in _OUTCOME.finditer(sentence):
        if others is not None and others.start() < match.end():
            break
        kind, before = match.lastgroup, _before(sentence, match.start())
        if _CONDITION.search(before) or (request is not None and request.start() < match.start()
                                          and not _TURN.search(sentence, request.end(), match.start())):
            continue
        if kind == "gave_up" and theirs is not None and theirs.start() < match.end():
            continue  # someone else cancelled: the writer gave nothing up
        if kind == "resolved":
            if _NO_MORE.match(match.group(0)):
                found = (Outcome.RESOLVED, match.group(0))  # 'Sindsdien geen uitval meer': its 'geen' is the good news
                continue
            if asked and not _TOLD_FIRST.search(sentence, match.end()):
                continue  # 'Is het nu opgelost?': asked, not said ('Het werkt weer, maar voor hoe lang?' is told)
            if _HEDGE.search(match.group(0)):
                continue  # 'was promised a corrected bill': promised, not done
            if _SO_FAR.search(before):
                found = (Outcome.OPEN, match.group(0))  # 'Tot nu toe is er voor drie ritten iets teruggestort': more to come
                continue
            if _NEGATION.search(before) or _NEGATION.search(match.group(0)) \
                    or re.match(r"\s*(?:not|niet)\b", sentence[match.end():match.end() + 10]):
                found = (Outcome.UNRESOLVED, match.group(0))
            elif _HEDGE.search(before) or _quoted(sentence, match.start()) or _CLAIMED_AFTER.match(sentence, match.end()):
                later = sentence[match.end():match.end() + 200] + " " + following[:200]
                found = (Outcome.UNRESOLVED, match.group(0)) if _AGAIN.search(later[:200]) or _DENIED.match(following) \
                    else found
            else:
                found = (Outcome.RESOLVED, match.group(0))
        elif kind in ("waiting", "pending"):
            found = (Outcome.OPEN, match.group(0))
        elif kind == "unresolved":
            if re.match(r"(?:weiger|refus|declin|afgewezen|reject|denied|wilde|willen)", match.group(0), re.IGNORECASE) \
                    and re.search(r"\b(?:ik|i)\s*$", before, re.IGNORECASE):
                continue  # the writer refused, not the company
            found = (Outcome.UNRESOLVED, match.group(0))
        else:
            found = (Outcome.GAVE_UP, match.group(0))
    return found


# The answer to 'Excuses?' that says there were: 'Die kwamen er ook', 'Yes, by email', 'Ja, per mail'.
_AFFIRMED = re.compile(r"\W*(?:ja|yes|jazeker|zeker|indeed|they did|die kwam(?:en)?|dat kwam|kreeg ik|got (?:one|them)"
                       r"|wel(?:\s|,|$))", re.IGNORECASE)


def _apology_cue(sentence: str, following: str = "") -> tuple[Apology, str] | None:
    """One sentence (and the one after it) -> its last apology cue made by the company, read in context."""
    if _OTHERS.search(sentence):
        return None
    found: tuple[Apology, str] | None = None
    asked, pro_forma = sentence.rstrip().endswith("?"), _PRO_FORMA.search(sentence) is not None  # once: a long sentence has many cues
    for match in _APOLOGY.finditer(sentence):
        kind, before = match.lastgroup, _before(sentence, match.start())
        if kind == "no" and match.group(0).endswith("?") and _AFFIRMED.match(following) and not _NEGATION.search(following):
            found = (Apology.YES, match.group(0))  # 'Excuses? Die kwamen er ook, per mail.'
        elif kind == "no":
            found = (Apology.NO, match.group(0))
        elif _NEGATION.search(before) or _NEGATION.search(match.group(0)) \
                or _NEVER_AFTER.match(sentence[match.end():match.end() + 80]) \
                or _WAITING.search(sentence[max(0, match.start() - 200):match.start()]):
            found = (Apology.NO, match.group(0))
        elif _CONDITION.search(before) or asked:
            continue  # 'Als ze excuses aanbieden', 'Zouden ze excuses aanbieden?': no apology made
        elif match.group(0).lower() == "sorry" and _SORRY_STATE.match(sentence, match.end()):
            continue  # 'in a sorry state': no apology
        elif kind == "partial" or _HALF.search(match.group(0)) or _INCONVENIENCE.match(sentence, match.end()) \
                or _SORT_OF.match(sentence, match.end()) \
                or pro_forma:
            found = (Apology.PARTIAL, match.group(0))
        elif match.group(0).lower().startswith(_OWN) and _mine(sentence, match.start()) and not re.search(r"\b(?:kreeg|kregen|ontving|got|received)\b", before,
                                                                      re.IGNORECASE) \
                and not _REPORTED.search(sentence, match.end()):
            continue  # 'Sorry voor de lange post', "I'm sorry to say": the writer's own
        else:
            found = (Apology.YES, match.group(0))
    return found


# Every cue holds one of these (lower case): a sentence without any is not searched, which
# saves most of the time the patterns take.
_OUTCOME_STEMS = tuple(dict.fromkeys("""weg verdwenen gone declaratie ingetrokken accepted approved granted toegekend goedgekeurd agreed sided ruled found
gelijk leaving reject refuse deny decline weigeren voet budge stood wees wezen rechtsbijstand advocaat jurist lawyer
solicitor legal deposit borg aanbetaling waarborgsom accepteerde accepteerden aanvaardde aanvaardden aanbod voorstel
nieuwe myself zelf ingebrekestelling letter notice alsnog covered covers gestort bijgeschreven overgemaakt
gecorrigeerde juiste correcte aangepaste corrected correct revised amended debt arrears balance bill invoice geld
terugbetaling vergoeding restitutie referred escalated voorgelegd chargeback terugboeking credit arrived came cleared
landed binnen replacement verving repareerde herstelde replaced repaired verlaagd bijgesteld reduced lowered opgel
verhol werk weer geregel tevreden orde gemaakt rechtgez terugbet resolv fix solv sort work paid put refund geef gaf
gave give opgegev overgest opgez zegde hoeft switch went cancel closed termin elsewhere stop kap klaar laat done nooit
never wacht wait nog still vervolgd continued oplossing solution weiger refus declin afgewez denied wouldn won't wilde
willen opnieuw again back betaald uitgekeerd stort vergoed reimburs terug unfrozen unblocked restored reconnected
reactivated vrijgegeven gedeblokkeerd hersteld heraangesloten unfix changed veranderd gehoord hoop credited case
afgehandeld gecorrigeerd removed waived reversed dropped charge fee fine kwijtgescholden geschrapt teruggedraaid
gecrediteerd verrekend krijg kreeg ontving coming going kom porting nummer vervangen gerepareerd reactie antwoord
aansluiting verbinding glasvezel connection line broadband fibre fiber did finally klacht complaint withdrew left
moved transferred took betaalde reinstated probleem problem issue moving overst stap far toe heden until taking zonder
without claim decision besluit beslissing nieuw new sent honou schikking settle fitted installed geplaatst
geïnstalleerd teruggegaan gegrond vernietigd upheld closing cancelling canceling fighting vechten ombudsman schade
damage repair been eindelijk taken rechter rekening account gelaten streep losses let wrote afgeschreven zaak
procedure rechtszaak dispute behandeling ongoing pending teruggezet geschillencommissie huurcommissie kifid zitting
hearing zin andere teruggeboekt terugboekt blokkade blokkering beslag afsluiting opschorting block freeze restriction
suspension hold lifted response reply answer regeling compromis compromise voorbij over funds money payment released
goed juist kloppend parcel package bag suitcase luggage order item goods sindsdien since ondertussen inmiddels
intussen favour favor akkoord schuld vordering incasso aanmaning saw teruggezien""".split()))  # each once
_APOLOGY_STEMS = ("excus", "excuus", "sorry", "apolog", "verontschuld", "betreuren", "regret")


def _may_hold(sentence: str, stems: tuple[str, ...]) -> bool:
    lower = sentence.lower()
    return any(stem in lower for stem in stems)


# A question about the apology alone ('Excuses?', 'An apology?'): the sentence after it answers it.
_APOLOGY_ASKED = re.compile(r"\W*(?:en |and |een |an )?(?:excuses|excuus|sorry|verontschuldiging(?:en)?|apology|apologies)"
                            r"\s*\?\W*$", re.IGNORECASE)


def read_outcome(text: str) -> Reading[Outcome]:
    """Post text -> how the case ended by its last cue, with the sentence; unknown when none."""
    parts = sentences(text)
    last: Reading[Outcome] = Reading(Outcome.UNKNOWN)
    for number, sentence in enumerate(parts):
        if not _may_hold(sentence, _OUTCOME_STEMS):
            continue
        if number and _APOLOGY_ASKED.match(parts[number - 1]):
            continue  # 'Excuses? Die heb ik nog steeds niet gehoord': the answer is about the apology
        cue = _outcome_cue(sentence, " ".join(parts[number + 1:number + 3]))
        if cue is not None:
            last = Reading(cue[0], cue[1], sentence)
    return last


def read_apology(text: str) -> Reading[Apology]:
    """Post text -> whether the company apologised by its last cue, with the sentence; unknown when none."""
    last: Reading[Apology] = Reading(Apology.UNKNOWN)
    parts = sentences(text)
    for number, sentence in enumerate(parts):
        if not _may_hold(sentence, _APOLOGY_STEMS):
            continue
        following = parts[number + 1] if number + 1 < len(parts) else ""
        cue = _apology_cue(sentence, following)
        if cue is not None:  # an answered question shows with its answer
            last = Reading(cue[0], cue[1], f"{sentence} {following}" if cue[1].endswith("?") and cue[0] is Apology.YES
                           else sentence)
    return last


_CHANNELS = {
    # 'een DM via X', 'op X getagd': X as it is written, a capital alone after via, op, on
    Channel.TWITTER: r"twitter|tweet(?:s|ed|je)?|getweet|webcare|(?<!\w)@\w{2,}|dm(?:'?je|'?s|'?d|'?ed)?(?! via (?:instagram|facebook|messenger))"
                     r"|direct message|(?:via|op|on) (?-i:X)(?![\w-])",
    Channel.FACEBOOK: r"facebook|messenger",
    # a call made or taken, not the phone itself ("my phone line went dead", "mijn telefoon")
    Channel.PHONE: r"(?:op|terug|weer)?gebeld|belde(?:n)?|(?<!niet te )(?<!nergens te )(?:op|terug)?bellen|telefonisch|telefoontje|(?:aan|per|via) de"
                   r" telefoon|per telefoon|(?<!so-)(?<!\bis )(?<!\bwas )(?<!\bbe )(?<!\bbeen )(?<!\bare )(?<!\bwere )"
                   r"(?<!\bcompany )(?<!\bfirm )(?<!\bprovider )(?<!\bsupplier )(?<!\bsomething )"
                   r"called(?!\s+(?:it|this|that)\s+(?:a|an|the)\b)|phoned|rang"
                   r"|(?:kept|keep|keeps|keeping|stopped|started|tried|spent \w+|spend \w+|hours of|after) calling"
                   r"|calling (?:them|him|her|us|the|their|back|again|around|round|up)|phone calls?|(?:on|by|over) the phone"
                   r"|by phone|on hold|in de wacht|voicemail|ingesproken",
    Channel.WEBFORM: r"klachtenformulier|webformulier|contactformulier|online formulier|web ?form|contact form"
                     r"|formulier (?:op|via|van) (?:de|hun|hun eigen) (?:website|site)|form on (?:the|their) (?:website|site)"
                     r"|complaint form|online form",
    Channel.EMAIL: r"e-?mail(?:s|de|den|en|ed|ing|tje)?|een mail(?:tje)?|mails|mailtjes|mail(?:tje)? (?:ge|ver)stuurd|gemaild|mailde|mailtje|(?:per|via|by|over) (?:de |the )?mail",
    Channel.LETTER: r"aangetekend(?:e)? brief|brief (?:gestuurd|geschreven|verstuurd)|per brief|registered letter"
                    r"|(?:my|our|mijn|onze) (?:\w+ )?(?:letter|brief) (?:of|van|dated|d\.d\.) \d"
                    r"|ingebrekestelling|letter before (?:action|claim)"
                    r"|(?:twee|drie|vier|vijf|zes|\d+|meerdere|een paar|several|two|three|four|five|six) (?:brieven|letters)"
                    r"|(?:complained|klaagde|reageerde|replied|responded|bezwaar gemaakt|objected) (?:\w+ )?(?:in writing|schriftelijk)"
                    r"|wrote a letter|sent (?:a|an) (?:\w+ )?letter|by letter|(?:recorded|signed-for|special delivery) letter",
    Channel.CHAT: r"chat(?:ten|te|gesprek|functie|ted|ting)?|gechat|whatsapp(?:je|t|te|ed)?",
    # someone came or went in person, not the word alone ("the technician on the phone said")
    Channel.VISIT: r"(?:kwam|kwamen|stuurde|stuurden)\s+(?:er\s+)?(?:\w+\s+){0,4}?(?:een|de)\s+(?:monteur|technicus|technieker|taxateur"
                   r"|expert|loodgieter)"
                   r"|visited (?:a|the|their|one of their|my local) (?:branch|shop|store|office)"
                   r"|bezocht (?:\w+ )?(?:filiaal|kantoor|winkel|vestiging)|(?:ging|gingen) (?:ik |we )?naar (?:het|een|de) (?:kantoor|filiaal|vestiging)"
                   r"|(?:monteur|technicus|technieker|taxateur|expert|loodgieter)\s+(?:van\s+\w+\s+)?(?:kwam"
                   r"|(?:is\s+)?(?:gekomen|langs|geweest)|langs|aan de deur"
                   r"|over de vloer)"
                   r"|(?:engineer|technician|tech|assessor|surveyor|plumber|electrician|adjuster)s?\s+(?:finally\s+)?"
                   r"(?:came|visited|arrived|turned up|showed up|was sent)"
                   r"|(?:sent|came)\s+(?:an?|the)\s+(?:engineer|technician|assessor|surveyor|plumber|electrician)|(?:in|naar) de winkel"
                   r"|(?:to|in|into) the (?:shop|store)|in store|kwam(?:en)? (?:\w+ ){0,5}?(?:kijken|langs)\b"
                   r"|(?:is|zijn) (?:\w+ ){0,3}langs (?:geweest|gekomen)|langsgekomen"
                   r"|langs (?:de|het|een) (?:winkel|kantoor|filiaal|balie|vestiging)",
    Channel.OMBUDSMAN: r"klachtenkompas|ombudsman|ombudsdienst|geschillencommissie|kifid|consuwijzer|disputes committee"
                       r"|huurcommissie|rent tribunal|adr scheme|alternative dispute resolution"
                       r"|(?:utilities|public service) commission|better business bureau|fcc|ofcom|ofgem|cfpb|skgz",
    # a company's app where a complaint was made in it, not where a bill was paid
    Channel.OTHER: r"instagram|linkedin|tiktok|mastodon|bluesky|(?:klacht|complaint|melding|bericht|message)\w* (?:\w+ ){0,4}(?:via|in|through)"
                   r" (?:de|hun|the|their) app|(?:via|in|through) (?:de|hun|the|their) app (?:\w+ ){0,4}(?:klacht|complaint|melding"
                   r"|gemeld|reported|bericht|message)",
}
_CHANNEL = {channel: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for channel, pattern in _CHANNELS.items()}
_AMOUNT = (r"(?:[€£$]\s?\d{1,7}(?:[.,]\d{1,2})?(?:,-)?|\b\d{1,7}(?:[.,]\d{1,2})?\s?(?:euros?|eur|€|pounds?|gbp|dollars?|usd)"
           r"|(?:EUR|GBP|USD)\s?\d{1,7}(?:[.,]\d{1,2})?)")
_GIVEN = r"korting|terug(?:gestort|betaald|gekregen)?|compensatie|vergoeding|tegoed|gecrediteerd|creditnota" \
         r"|waardebon|cadeaubon|tegoedbon|voucher|gift card|goodwill|gesture(?: of goodwill)?|ex[ -]gratia(?: payment)?|goedmakertje|doekje voor het bloeden|pleister" \
         r"|discount|refund(?:ed)?|credit(?:ed)?|compensation|back|off"
_COMPENSATION = re.compile(
    rf"(?P<a>{_AMOUNT}\s+(?:[\"“‘(]?\w+\s+){{0,2}}?[\"“‘(]?(?:{_GIVEN})\b(?:[\"”’)](?!\w))?)|(?P<b>\b(?:{_GIVEN})\s+(?:van|of|ter waarde van|worth)\s+"
    rf"{_AMOUNT})|(?P<c>\b(?:gave|paid|handed|offered|credited|refunded|gaf|gaven|betaalde|betaalden|bood|boden) (?:me|us|mij|ons) {_AMOUNT}"
    rf"(?:\s+(?:\w+\s+){{0,2}}?(?:{_GIVEN})\b)?)"
    r"|(?P<d>\b(?:een|one|a|\d{1,2}|twee|drie|two|three|(?:de|the) (?:eerste|first|laatste|last))\s+(?:maand(?:en)?|weken|week|months?|weeks?|jaar|years?)"
    r"\s+(?:(?:\w+\s+)?(?:kwijtgescholden|waived|refunded|terugbetaald)|(?:gratis|free)(?:\s+(?!(?:en|and|maar|but)\b)\w+)?))",
    re.IGNORECASE)
_NL_WORDS = frozenset("de het een en van ik niet is dat op te zijn met voor maar ze mijn wel geen nog er".split())
_EN_WORDS = frozenset("the and of to is i not that on with for but they my was have no it a".split())


# Before a channel in its sentence: it is not (yet) used ('If I hear nothing, I will go to
# the ombudsman', 'Als ik niets hoor, stap ik naar de Geschillencommissie').
_NOT_YET = re.compile(r"\b(?:if|unless|als|indien|tenzij|mocht|anders|otherwise"
                      r"|dreig\w*|threat\w*|consider\w*|overweeg\w*|plan to|van plan)\b", re.IGNORECASE)
# Before a channel in its clause: 'I will go to the ombudsman' ('They said it will be fixed, so I called' is a call).
_FUTURE = re.compile(r"\b(?:will|shall|i'll|we'll|going to|zal|zullen|ik ga|we gaan|wij gaan|ga ik|gaan we)\b",
                     re.IGNORECASE)  # 'Ik ga naar de SKGZ': not yet ('Toen ben ik ze gaan bellen' is a call)


def _used(sentence: str) -> list[tuple[int, Channel]]:
    """One sentence -> where each channel it says was used is first mentioned (not after
    'if' in its sentence or 'will' in its clause, nor followed by 'not')."""
    not_yet = _NOT_YET.search(sentence)
    until = not_yet.start() if not_yet is not None else len(sentence)
    crowd = _CROWD.search(sentence)
    if crowd is not None and _FIRST_PERSON.search(sentence, 0, crowd.start()):
        crowd = None  # 'I tweeted them, like hundreds of other customers
    found = []
    for channel, pattern in _CHANNEL.items():
        for match in pattern.finditer(sentence, 0, until):
            if crowd is not None:
                break  # 'Op X meldden honderden mensen hetzelfde': their channel, not the writer's
            if not _NOT_AFTER.match(sentence, match.end()) and not _FUTURE.search(_before(sentence, match.start())):
                found.append((match.start(), channel))
                break
    return found


_CROWD = re.compile(r"\b(?:honderden|duizenden|tientallen|veel|andere|hundreds of|thousands of|dozens of|many|other|lots of"
                    r"|loads of) (?:andere |other )?(?:mensen|klanten|gebruikers|people|customers|users)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:ik|i|we|wij|me|mij)\b", re.IGNORECASE)
_NOT_AFTER = re.compile(r"\s+(?:niet|nooit|not|never)\b", re.IGNORECASE)


def channels_of(text: str) -> tuple[Channel, ...]:
    """Post text -> the channels it says were used, in the order of the Channel enum."""
    used = {channel for sentence in sentences(text) for _, channel in _used(sentence)}
    return tuple(channel for channel in _CHANNEL if channel in used)


def channel_in(text: str) -> Channel | None:
    """One sentence -> the first channel it says was used, or None."""
    found = _used(text)
    return min(found, key=lambda item: item[0])[1] if found else None


# Before an amount in its sentence: it was asked for, not given ('I am entitled to compensation
# of £350', 'ik eis 50 euro vergoeding'); after it: it was turned down ('a £20 credit, which I declined').
_CLAIMED = re.compile(r"\b(?:entitled|recht op|claim(?:ed|ing|s)?|eis(?:te|ten|en)?|vraag|vroeg|vragen|asked|ask|asking"
                      r"|request(?:ed|ing)?|demand(?:ed|ing)?|want(?:ed)?|wil|willen|would like|owed|owe|verschuldigd"
                      r"|should|zou(?:den)?|moet(?:en)?|must|hope|hoop)\b", re.IGNORECASE)
_TURNED_DOWN = re.compile(r"\b(?:declined|refused|rejected|turned (?:it )?down|weigerde|geweigerd|afgewezen|afgeslagen"
                          r"|niet geaccepteerd|not accepted)\b", re.IGNORECASE)


# A gift from the writer's own people is no compensation: 'Mijn moeder gaf me een cadeaubon van 100 euro'.
_GIFT = re.compile(r"\b(?:mijn|my|our|onze) (?:moeder|vader|ouders|oma|opa|mother|father|mum|mom|dad|parents|grandma|grandpa"
                   r"|partner|vriend\w*|friends?|zus|broer|sister|brother|tante|oom|aunt|uncle|collega\w*|colleagues?)"
                   r" (?:\w+ ){0,2}(?:gaf|gaven|kocht|kochten|gave|bought|sent|stuurde|stuurden)\b", re.IGNORECASE)


def compensation_of(text: str) -> str:
    """Post text -> the amount the company gave, as written ('6 euro korting'), or '' (an
    amount asked for or turned down is none)."""
    for sentence in sentences(text):
        if not _MAY_GIVE.search(sentence):
            continue
        for match in _COMPENSATION.finditer(sentence):
            if _GIFT.search(sentence, 0, match.start()):
                continue
            asked = _CLAIMED.search(_TURN.split(sentence[max(0, match.start() - 150):match.start()])[-1])
            if not asked and not _TURNED_DOWN.search(sentence, match.end()):
                return " ".join(match.group(0).split())
    return ""


_MAY_GIVE = re.compile(r"\d|gratis|free|kwijtgescholden|waived|terugbetaald|refunded", re.IGNORECASE)  # what every amount or free period holds
# Where what was asked for ends and what was given begins: 'I asked for £100, but they gave me £20 credit'.
_TURN = re.compile(r"\b(?:but|maar|however|echter|toen|then|daarna|uiteindelijk|eventually|finally|eindelijk)\b|;"
                   r"|,\s*(?:who|die|wie)\b",  # 'I asked for a supervisor, who offered $20 off'

                   re.IGNORECASE)


def language_of(text: str) -> Language:
    """Post text -> Dutch or English, by which common words it uses more."""
    words = re.findall(r"[a-z]+", text[:5000].lower())
    dutch = sum(word in _NL_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    return Language.EN if english > dutch else Language.NL
