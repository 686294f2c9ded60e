"""A post's title and plain text -> the company the story is about, and why.

Every name a post gives a company is weighed: the title (3), each mention in the text (1),
a phrase that names the subject ("Dear X", "Beste X", "klant bij X", "ervaring met X",
"de keuze viel op X", "called X", "@x", "x.nl": 2.5 more). A mention in a sentence about
someone else (the neighbours' provider, a friend's bank) or where the writer went
("overgestapt naar X", "switched to X") weighs 0.3: the story is about the company the
writer complains of. Names come from the site's records and the shipped list first
(rapidfuzz forgives a misspelling), then from the text itself: a name after a subject
phrase, or a capitalised name repeated at least three times; people (after "meneer",
"Mr", before "zei", "said"), places, weekdays and months are no companies.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.importer.companies import Candidate, Matcher
from generator.importer.cues import sentences

_TITLE, _CUE, _ASIDE = 3.0, 2.5, 0.3
_MIN_UNLISTED, _MIN_LISTED = 2.5, 1.0
_WORD = r"[A-Z0-9ÀÁÂÄÈÉÊËÍÏÓÖÚÜ][\w&'’+.-]*[\w&+]|[A-Z]|(?-i:[a-z]{1,4}[A-Z][A-Za-z0-9]+)"  # 'easyHost', 'eBay' too
_FIRM = r"[ ]&[ ](?:Zonen|Zn|Zoon|Co|Sons?|Partners|Dochters|Daughters|Company)\b"  # 'Smit & Zonen'
_NAME = rf"(?-i:(?:{_WORD})(?:{_FIRM}|[ ](?:{_WORD})){{0,2}})"  # capitalised words, also where the phrase before is any case
# A letter's addressee, its department first: 'Customer Services / Voltwise Energy Ltd'.
_DEPARTMENTS = (r"(?:customer services?|customer relations|customer care|complaints (?:department|team)|klachtenafdeling"
                r"|afdeling klantenservice)")
_CUES = re.compile(
    r"(?:^|[.!?]\s+|\n)(?P<greet>dear|beste|geachte|aan|hello|hi|hallo|to)\s+(?:team\s+|mensen van\s+|heer/mevrouw van\s+)?"
    rf"(?P<g>{_NAME})\s*[,:!\n]"
    rf"|(?:^|\n)(?P<whom>to whom it may concern|dear sir or madam) (?:at|of)\s+(?:the\s+)?(?P<w>{_NAME})"
    r"|(?:^|\n)(?P<to>aan|to|t\.a\.v\.?|attn\.?)\s*:\s*(?:de\s+|the\s+)?(?:(?:klantenservice|klachtenservice|customer (?:service|services|relations|care|support)"
    rf"|afdeling \w+|complaints (?:department|team)|klachtenafdeling)\s*,?\s+)?(?:van\s+|of\s+)?(?P<t>{_NAME})"
    rf"|(?P<cue>^{_DEPARTMENTS}(?=\s+[A-Z])|(?:monteur|technicus|bezorger|koerier|medewerker|engineer|technician|courier|driver) van"
    r"|(?:boete|parkeerboete|factuur|aanmaning|naheffing|fine|invoice|penalty charge"
    r"|parking ticket|bill) (?:van|from)|klant (?:bij|van)|klant geweest bij|customer (?:of|at|with)|ervaring(?:en)? met|experiences? with"
    r"|de keuze viel (?:\w+ )?op|keuze (?:\w+ )?op|koos(?: ik| we)?(?: voor)?|kozen(?: we)?(?: voor)?|chose|signed up (?:with|for)"
    r"|overgestapt van|switched from|left|belde(?: ik| we)?(?: (?:voor het eerst|opnieuw|nogmaals|weer|meteen|direct|toen|gisteren|vandaag))?(?: (?:\w+ ){0,2}?met)?|(?:heb|had) (?:ik |we )?(?:\w+ )?(?:met )?gebeld(?: met)?"
    r"|called|phoned|rang|contacted|klantenservice van|customer (?:service|support|care) (?:of|at|from)"
    r"|abonnement (?:bij|op)|contract (?:bij|with)|(?:sinds \w+|sinds kort|al \w+ jaar|al jaren|nu|inmiddels|tegenwoordig) (?:zit|zitten) (?:ik |we |wij )bij"
    r"|(?:zit|zitten) (?:ik |we |wij )?(?:al jaren |sinds \w+ |sinds kort |inmiddels |tegenwoordig )bij|(?:been|i'?m|we'?re) with"
    r"|(?:mijn|onze|my|our) (?:\w+)?(?:provider|leverancier|supplier|bank|verzekeraar|insurer|isp|netwerk|network|carrier"
    r"|landlord|verhuurder|host|netbeheerder) (?:is|was|heet|is called)|aansluiting bij|leverancier|provider|supplier|bestelde (?:\w+ ){0,3}bij|besteld bij"
    r"|(?:ben|zijn|ga|gaan|was|waren) (?:\w+ )?weg bij|weg (?:ben|ga|ging|gaan|zijn)(?: ik| we)? bij|vertrokken bij|vertrek bij"
    r"|(?:supplier|provider|leverancier|bank|insurer|verzekeraar|landlord|verhuurder|network|carrier|isp|airline|webshop"
    r"|energiebedrijf),|woningcorporatie|woningbouwvereniging|housing association|letting agent|zorgverzekeraar"
    r"|netbeheerder|(?:meldde|gemeld|melding) (?:\w+ ){0,3}bij"
    r"|returned (?:the|a|an|my|our|both|two) (?:\w+ ){0,3}to|sent (?:the|a|an|my|our|it|them) (?:\w+ ){0,3}back to"
    r"|(?:stuurde|stuurden|bracht|brachten) (?:ik |we )?(?:de|het|een|mijn|onze) (?:\w+ ){0,3}terug naar|retour(?:neerde|gestuurd)? naar"
    r"|ordered (?:\w+ ){0,3}from|bought (?:\w+ ){0,3}from|gekocht bij|verzekerd bij|insured (?:with|by)|flew with"
    r"|(?:booked|ordered|bought|reserved) (?:\w+ ){0,4}(?:through|via)"
    r"|(?:mijn|onze|my|our) (?:\w+)?(?:praktijk|tandarts|huisarts|garage|makelaar|sportschool|kliniek|ziekenhuis|apotheek|dentist"
    r"|practice|surgery|clinic|hospital|pharmacy|estate agent|gym|vet|dierenarts|opticien|optician),"
    r"|(?:final |no |a |any )?(?:response|reply|answer|word) (?:from|back from)|(?:geen |een )?(?:antwoord|reactie|eindreactie) van"
    r"|(?:bracht|brachten|took|brought) (?:ik |we |wij )?(?:mijn|onze|de|het|my|our|the) (?:\w+ ){0,2}?(?:naar|to|bij|in at|in to)"
    r"|(?:tekende|tekenden|sloot|sloten|signed) (?:ik |we |wij )?(?:\w+ ){0,2}?(?:bij|met|with|up with)"
    r"|(?:internet|stroom|gas|tv|televisie|telefonie|wifi|signaal|glasvezel|bereik|broadband|power|electricity|signal"
    r"|phone line|mobile signal) (?:van|from|by)"
    r"|vloog (?:ik |we )?met|booked (?:\w+ ){0,3}with|geboekt bij|rekening bij|account (?:with|at)|bankier bij"
    r"|complaint (?:\w+ ){0,2}(?:to|with|against|about)|klacht (?:\w+ ){0,2}(?:over|tegen|bij)"
    r"|(?:mijn|onze|my|our) (?!(?:flight|vlucht|trip|journey|reis|trein|train|bus|route|holiday|vakantie|way|weg)\b)\w+ (?:van|bij|from|with)|wrote (?:a letter |an email )?to|emailed|e-mailed"
    r"|schreef (?:een brief |een mail )?(?:naar|aan)|mailde(?: naar)?|complained to|klaagde bij"
    r"|contact (?:opgenomen )?met|got in touch with|sent (?:a letter|an email|a complaint) to"
    r"|(?:your|uw|jullie) (?:company|firm|organi[sz]ation|bedrijf|organisatie),?"
    r"|(?:plan|policy|subscription|membership|deal|agreement|cover|tariff|broadband|mortgage|loan|insurance) (?:with|from)"
    r"|(?:storing(?:en)?|problemen|probleem|gedoe|ellende|drama|gedonder|trouble|problems?|issues?|nightmare|outage|fiasco)"
    r" (?:bij|met|with|at)|(?:storingslijn|storingsdienst|helpdesk|servicedesk|klantenlijn|supportlijn|webcare|support) van"
    r"|(?:polis|verzekering|pakket|hypotheek|lening|lidmaatschap|energiecontract|servicecontract) (?:bij|van)"
    r"|joined|became a (?:member|customer) of|(?:werd|ben) (?:ik )?(?:lid|klant) (?:van|bij)|lid geworden van|fight(?:ing)?(?: with| against)?|battl(?:e|ing) (?:with|against)|(?:strijd|gevecht|oorlog) (?:met|tegen)"
    r"|avoid|beware of|stay away from|steer clear of|never use|vermijd|pas op voor|blijf weg bij|don'?t use|do not use"
    r"|don'?t (?:buy|order|book|fly) (?:from|with|at)|never (?:buying|ordering|shopping|flying|booking|using)(?: (?:from|with|at))?"
    r"|shout ?-?out to|(?:^|\n)(?:klacht|complaint|review|ervaring|experience|warning|waarschuwing)\s*:"
    r"|(?:done|finished|fed up) with|had enough of|klaar met|genoeg van|nooit meer (?:klant )?bij|never again (?:with|at)|(?:ik )?stop(?:pen)? met|waarom (?:reageert|antwoordt|betaalt"
    r"|levert|belt|luistert|doet) ?(?:toch )?(?:nog )?"
    r"|(?:mijn |onze |my |our )?(?:correspondentie|briefwisseling|mailwisseling|correspondence|emails|e-mails|letters|brieven|mails) met"
    r"|(?:my |our )?(?:correspondence|emails|e-mails|letters|exchanges?) with"
    r"|(?:open brief|open letter|brief) (?:aan|to)(?: de directie van| the (?:ceo|board|management) of)?"
    r"|(?:directie|bestuur|raad van bestuur|directeur|ceo|board|management|chief executive) (?:van|of))\s+(?:\(\s*)?(?:de |het |the )?(?P<c>" + _NAME + ")",
    re.IGNORECASE)
# The company as the one who did the harm, its name first: 'Hookup Cable charged my card twice', 'TELVIA heeft
# op 2 augustus mijn nummer geblokkeerd'.
_AGENT = re.compile(
    rf"(?<![\w@.])(?P<c>{_NAME})\s+(?:(?:has|had|have)\s+)?(?:(?:wrongly|suddenly|just|then|also)\s+)?(?P<act>charged|billed|overcharged"
    r"|double-charged|debited|disconnected|cut off|blocked|cancell?ed|lost|damaged|froze|closed|won'?t let|wouldn'?t let"
    r"|scammed|ripped off|defrauded|misled|mis-sold"
    r"|will not let|would not let|refuses to let|refused to let)\s+(?:me|my|us|our)\b"
    rf"|via\s+(?P<e>{_NAME})\s+(?:\w+\s+){{0,3}}?(?P<eact>besteld|gekocht|geboekt)\b"
    rf"|(?<![\w@.])(?P<f>{_NAME})\s+\((?:mijn|onze|my|our|de|the) (?P<fact>\w*(?:provider|leverancier|supplier|bank|verzekeraar"
    r"|insurer|netbeheerder|verhuurder|landlord|webshop|winkel|host))\)"
    rf"|(?<![\w@.])(?P<d>{_NAME})\s+(?:heeft|had)\s+(?:\w+\s+){{0,6}}?(?:mijn|ons|onze|me|mij)\s+(?:\w+\s+){{0,2}}?"
    r"(?P<dact>afgesloten|geblokkeerd|afgeschreven|opgezegd|gefactureerd|kwijtgeraakt|beschadigd|bevroren|dubbel afgeschreven"
    r"|opgelicht|bedrogen)\b"
    # the verb first, the Dutch way after a time or place: 'Vorige maand blokkeerde de Spaarkas Noord mijn rekening'
    r"|(?<!\w)(?P<vact>blokkeerde|blokkeerden|annuleerde|annuleerden|verhoogde|verhoogden|incasseerde|incasseerden"
    r"|factureerde|factureerden|bevroor|bevroren)\s+(?:de\s+|het\s+)?(?P<v>" + _NAME + r")\s+(?:\w+\s+){0,4}?"
    r"(?:mijn|ons|onze|me|mij)\b")
# A title naming a complaint and then, after a dash, whom it is to: 'Re: complaint ref 55123 – Northwind Water'.
_TITLE_DASH = re.compile(r"^\W*(?:re:\s*|fwd?:\s*)?(?:klacht|complaint|formal complaint)(?: (?:ref(?:erence)?|nr|no|number|nummer"
                         rf"|kenmerk|dossier)\.?:? ?[\w/-]+)?\s+[–—-]\s+(?!(?:the|de|het|een|a|an|my|mijn)\b)(?P<c>{_NAME})\s*$",
                         re.IGNORECASE)
# In a title, a name before the harm it does ('Snelpost verliest weer een pakket', 'Parcelo loses my parcel').
_TITLE_AGENT = re.compile(
    rf"(?<![\w@.])(?P<c>{_NAME})\s+(?:(?:weer|opnieuw|nog steeds|alweer|again|still)\s+)?(?P<act>verliest|verloor|blokkeert|rekent"
    r"|schrapt|annuleert|loses|lost|blocks|cancels|overcharges|(?:weigert|weigerde|refuses|refused|won'?t) (?:\w+ ){0,2}?(?:terugbetaling"
    r"|terug te betalen|vergoeding|restitutie|garantie|schadevergoeding|refund|compensation|claim|repairs?|reparatie|te repareren))\b",
    re.IGNORECASE)
_DEPARTMENT = re.compile(_DEPARTMENTS, re.IGNORECASE)
# A company the writer was with before, or went to, or one a postscript names: 'mijn vorige leverancier, X'.
_FORMER = re.compile(r"\b(?:vorige|oude|voormalige|eerdere|nieuwe|previous|former|old|new)\b", re.IGNORECASE)
_POSTSCRIPT = re.compile(r"\W*(?:p\.?\s?s\.?|n\.?b\.?)[\s:]", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w#&])#([A-Z][A-Za-z0-9]{2,30})\b")
AGENT = "> "  # before a cue that follows the name it gives (Subject.cue)
_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{2,30})")
_DOMAIN = re.compile(r"(?<![\w@./-])([a-z0-9][a-z0-9-]{1,30})\.(?:nl|be|com|co\.uk|uk|net|org|de|eu|us)\b", re.IGNORECASE)
_CAPITALISED = re.compile(rf"(?<![\w@.])({_NAME})")
_SWITCHED = re.compile(r"(?:overgestapt|overstappen|over naar|switched|switching|moved|went|gone|naar|to)\s+(?:\w+\s+)?$",
                       re.IGNORECASE)
# How the writer paid or where a payment was disputed, not whom the story is about: 'paid €240 with PayPal'.
_PAID_WITH = re.compile(r"\b(?:paid|pay|betaald|betaalde|betaal|payment|betaling)\s+(?:\S+\s+){0,3}?(?:with|via|by|using|through|met|per)"
                        r"\s+(?:my\s+|mijn\s+)?$|\bdispute\s+(?:\w+\s+)?(?:with|via|through)\s+$", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:buurman|buurvrouw|buren|neighbou?rs?|vriend(?:in)?|vrienden|friends?"
                     r"|zus|broer|sister|brother|zwager|schoonmoeder|ouders|parents"
                     r"|in het nieuws|in the news|artikel|article|krant|newspaper)\b", re.IGNORECASE)
_PERSON_BEFORE = re.compile(r"(?:meneer|mevrouw|mevr\.?|dhr\.?|mw\.?|mr\.?|mrs\.?|ms\.?|dr\.?|heer|collega|medewerker(?:ster)?"
                            r"|named|genaamd|heette|man|vrouw|zoon|dochter|husband|wife|son|daughter|agent|rep)\s+$",
                            re.IGNORECASE)
_TITLE_AT = re.compile(r"\b(?:bij|met|tegen|with|at|against|vs\.?|versus)\s+$", re.IGNORECASE)
# After a name, what a company does (not what a friend does): 'Glasweb stuurde', 'Brightwatt installed'.
_ACTS_AFTER = re.compile(
    r"\s+(?:(?:heeft|had|has|have)\s+)?(?:(?:also|then|finally|eindelijk|toen|ook|pas)\s+)?(?:(?:stuurde|stuurt|sent|sends)\s+"
    r"(?:\w+\s+){0,4}?(?:een|a|an|the|de|mij|me|us)\s+(?:\w+\s+)?(?:monteur|technicus|rekening|factuur|aanmaning|incasso"
    r"|engineer|technician|bill|invoice|reminder|final notice|debt collector|standaardmail|standaardbrief|form letter"
    r"|afrekening|jaarafrekening|eindafrekening|nota)"
    r"|rekende (?:een|de|het|te veel|me|mij|ons|\d)"
    r"|installeerde|plaatste (?:een|de) (?:nieuwe )?(?:meter|router|modem|ketel)|factureerde|rekende (?:\w+ ){0,3}af|installed"
    r"|billed|overcharged|charged (?:me|us|my|our)|refunded|disconnected|cut off|afgesloten|gefactureerd"
    r"|reageerde (?:\w+ ){0,3}(?:met een standaard|automatisch|niet)|responded with a (?:template|form|standard)"
    r"|marked (?:\w+ ){0,2}as delivered|meldde (?:\w+ ){0,2}als bezorgd|zette (?:\w+ ){0,2}op bezorgd)\b",
    re.IGNORECASE)
# A word no person's name holds: 'Waterbedrijf Oost zegt' is a company speaking.
_COMPANY_WORD = re.compile(r"(?:bedrijf|maatschappij|corporatie|groep|energie|telecom|verzeker|glasvezel"
                           r"|company|group|energy|insurance|homes|mobile|airlines?|services?|lettings|realty)\b",
                           re.IGNORECASE)
_COMPANION = re.compile(r"\b(?:met|with|en|and|samen met|together with)\s+$", re.IGNORECASE)
_CAMEL = re.compile(r"[a-z]{1,4}[A-Z]")  # 'easyHost', 'eBay'
_INNER_CAPITAL = re.compile(r"\w[A-Z0-9]")  # 'EnergieDirect', 'Tele2': a brand, not a first name
_TITLED = re.compile(r"(?:meneer|mevrouw|mevr|dhr|mw|mr|mrs|ms|miss|dr|prof|sir|madam|heer|juffrouw)\b\.?", re.IGNORECASE)
_PERSON_AFTER = re.compile(r"\s+(?:zei|zegt|vertelde|vroeg|antwoordde|said|says|told|asked|replied|en ik|and I)\b")
_NOT_COMPANIES = frozenset("""
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday
januari februari maart april mei juni juli augustus september oktober november december january february march may
june july august october
ik i je jij u wij we ze zij hij het de een the a an my mijn our onze their hun his her this that dit dat deze die er
your uw jouw jullie its
en and of or but maar toen then dus so als if na after voor before op on in at bij met with van from to naar
nederland holland belgië belgie netherlands belgium england engeland uk usa us america amerika europe europa
amsterdam rotterdam utrecht eindhoven groningen haag brussel brussels antwerpen gent london manchester york
california texas florida internet wifi wi-fi tv email e-mail mail sms whatsapp google facebook twitter youtube instagram
iphone android covid corona kerst christmas pasen easter god ok oké hallo hello hi dear beste geachte aan sir madam
lezer lezers reader readers iedereen everyone all allemaal team klantenservice customer service helpdesk support
update edit ps p.s nb n.b tip vraag question antwoord answer dag day week maand month jaar year euro eur
hoe waarom wanneer waar wat wie welke why how what when where who which nog ook weer nu hier here
since sinds vanaf today vandaag yesterday gisteren tomorrow morgen last vorige every elke still now
bedankt dankjewel dankuwel dank thanks thank cheers helaas sorry nou tja wow gefeliciteerd proficiat congratulations
schande shame bravo nogmaals again
part deel vervolg follow-up followup episode aflevering chapter hoofdstuk saga
""".split())


# Where a complaint is taken, not whom it is about: regulators, ombudsmen, dispute boards,
# consumer bodies and programmes ('I filed a complaint with the FCC' names no company).
_BODIES = frozenset(name.casefold() for name in """
FCC FTC CFPB BBB Ofcom Ofgem Ofwat ORR FCA FOS CISAS ACM AFM DNB Kifid AP ILT NVWA CBR
Geschillencommissie Ombudsman Ombudsdienst Consumentenbond Consuwijzer Radar Kassa Trustpilot Klachtenkompas Huurcommissie
Resolver Which? Watchdog
""".split()) | frozenset("""
better business bureau|trading standards|citizens advice|energy ombudsman|financial ombudsman|financial ombudsman service
ombudsman services|communications ombudsman|rail ombudsman|de geschillencommissie|nationale ombudsman|ombudsman telecom
autoriteit consument en markt|autoriteit financiële markten|autoriteit persoonsgegevens|stichting geschillencommissies
klachteninstituut financiële dienstverlening|ombudsfin|ombudsman energie|ombudsman voor telecommunicatie|test-aankoop
federal communications commission|federal trade commission|consumer financial protection bureau|attorney general
public utilities commission|public service commission|small claims court|kantonrechter|rechter|the court|skgz
""".strip().replace("\n", "|").split("|"))


def _capitalised(sentence: str) -> Iterator[re.Match[str]]:
    """A sentence -> its runs of capitalised words, each from its first word that may name
    a company: 'Since June Brightline Wireless' and '2023 Brightline Wireless' give
    'Brightline Wireless', not a three-word run that cuts it off."""
    position = 0
    while (found := _CAPITALISED.search(sentence, position)) is not None:
        first = found.group(1).split(" ", 1)[0]
        if " " in found.group(1) and (_not_a_company(_clean(first) or first) or _NUMBER.fullmatch(first)):
            position = found.start(1) + len(first)
            continue
        yield found
        position = found.end()


_NUMBER = re.compile(r"[\d.,'’/-]+")


def _not_a_company(name: str) -> bool:
    """A cleaned name -> whether it is a word no company is called, or a body complaints are taken to."""
    folded = name.casefold()
    return folded in _NOT_COMPANIES or folded in _BODIES


@dataclass(frozen=True)
class Subject:
    """The company a post is about: its name as the post writes it, its record or list
    entry (None: a name from the text alone), and the evidence."""

    name: str
    candidate: Candidate | None
    mentions: int
    in_title: bool
    cue: str  # the phrase that named it ('klant bij', 'Dear', '@handle'), or ''
    sentence: str  # where it is named best: the cue's sentence, the title, or its first mention
    score: float
    only: bool = False  # found as the one company-like name the post repeats, with no other weight


@dataclass
class _Tally:
    name: str
    candidate: Candidate | None
    score: float = 0.0
    mentions: int = 0
    in_title: bool = False
    cue: str = ""
    sentence: str = ""
    first: int = 1 << 30
    asides: list[str] = field(default_factory=list)


def _aside(sentence: str, position: int, others: bool) -> bool:
    """A mention in a sentence about someone else (`others`: the sentence names someone
    else, searched once per sentence), or of where the writer went."""
    return others or _SWITCHED.search(sentence[max(0, position - 30):position]) is not None \
        or _PAID_WITH.search(sentence[max(0, position - 40):position]) is not None


def _person(sentence: str, start: int, end: int) -> bool:
    return _PERSON_BEFORE.search(sentence[max(0, start - 20):start]) is not None or \
        _PERSON_AFTER.match(sentence[end:end + 20]) is not None


_LEGAL = frozenset("b.v bv n.v nv v.o.f vof c.v ltd limited inc llc plc gmbh ag sa nv/sa bvba srl corp co".split())


def _clean(name: str) -> str:
    """A name as matched -> without a trailing possessive, full stop or legal form
    ("Comcast's" -> "Comcast", "Snelnet B.V." -> "Snelnet")."""
    name = re.sub(r"(?:['’]s|['’])$", "", name.strip().rstrip(".,"))
    words = name.split()
    while words and (words[-1].casefold() in _NOT_COMPANIES
                     or (len(words) > 1 and words[-1].casefold().rstrip(".") in _LEGAL)):
        words.pop()  # 'Parcelo Ltd Dear' (a line joined to the next): 'Parcelo'
    while words and words[0].casefold() in _NOT_COMPANIES:
        words.pop(0)
    name = " ".join(words)
    return "" if re.fullmatch(r"[\d\s.,'’-]*", name) else name


class _Count:
    """The tallies of one post, keyed by list entry slug or by the name's case-folded text."""

    def __init__(self, match: Matcher, fuzzy: dict[str, Candidate]) -> None:
        self.match, self.fuzzy = match, fuzzy
        self.tallies: dict[str, _Tally] = {}
        self.names: list[str] | None = None  # the post's capitalised names, once a handle needs them
        self.looked_up: dict[str, tuple[Candidate, str] | None] = {}
        self.prefixed: dict[str, tuple[Candidate | None, str] | None] = {}

    def known(self, name: str) -> tuple[Candidate, str] | None:
        """A name from a subject phrase -> its list entry: by its own name, or a close spelling."""
        if name not in self.looked_up:
            self.looked_up[name] = self._known(name)
        return self.looked_up[name]

    def _known(self, name: str) -> tuple[Candidate, str] | None:
        found = self.match.mentions(name)
        if found and found[0][0] == 0:
            return found[0][1], found[0][2]
        if len(name) >= 5 and self.fuzzy:
            from rapidfuzz import fuzz, process

            best = process.extractOne(name.casefold(), list(self.fuzzy), scorer=fuzz.ratio, score_cutoff=88)
            if best is not None:
                return self.fuzzy[best[0]], self.fuzzy[best[0]].name
        return None

    def tally(self, name: str, candidate: Candidate | None) -> _Tally:
        key = candidate.slug if candidate is not None else name.casefold()
        if key not in self.tallies:
            self.tallies[key] = _Tally(name, candidate)
        return self.tallies[key]

    def add(self, tally: _Tally, weight: float, sentence: str, order: int, *, title: bool = False, cue: str = "") -> None:
        tally.score += weight
        tally.first = min(tally.first, order)
        if cue and not tally.cue and weight > _ASIDE * _CUE:
            tally.cue, tally.sentence = cue, sentence
        elif not tally.sentence and weight >= 1:
            tally.sentence = sentence
        tally.in_title |= title



def _in_passing(tally: _Tally) -> bool:
    """Whether a name is mentioned once, plainly: not in the title, after no subject phrase."""
    return tally.mentions <= 1 and not tally.cue and not tally.in_title


def subject_of(match: Matcher, title: str, text: str) -> Subject | None:
    """A post's title and plain text -> the company it is about, or None when it names none."""
    count = _Count(match, match.fuzzy)
    parts = [(title, True), *((sentence, False) for sentence in sentences(text))]
    named = _by_sentence(match, parts)
    for order, (sentence, in_title) in enumerate(parts):
        others = _OTHERS.search(sentence) is not None
        for position, candidate, term in named[order]:
            tally = count.tally(term, candidate)
            tally.mentions += 1
            aside = _aside(sentence, position, others)
            count.add(tally, (_TITLE if in_title else 1.0) * (_ASIDE if aside else 1.0), sentence, order, title=in_title)
        if _may_name(sentence):
            _named(count, sentence, order, in_title, f"{title}\n{text}")
        elif order > 1 and len(sentence) <= 60 and _DEPARTMENT.fullmatch(parts[order - 1][0].strip()):
            # a letter's address, a line each: 'Customer Services / Voltwise Energy Ltd / PO Box 1234'
            _named(count, f"{parts[order - 1][0].strip()} {sentence}", order, in_title, f"{title}\n{text}")
    twice = _repeated(count, parts)
    # a company-like name in the title that the post repeats weighs as any name found ('six
    # months with Skyhop Air ... Skyhop Air replied'), more than a cue's one mention
    ranked = sorted([*count.tallies.values(), *(t for t in twice if t.in_title)],
                    key=lambda t: (-t.score * (1.5 if t.candidate and t.candidate.record else 1.0), t.first))
    for best in ranked:
        if best.score >= (_MIN_LISTED if best.candidate is not None else _MIN_UNLISTED):
            if _in_passing(best) and any(t.mentions >= 2 for t in twice if t is not best):
                continue  # 'de bank (Rabobank) regelde de hypotheek', beside a name the post repeats
            name = best.name if best.candidate is not None else _written_longer(_cased(best.name, f"{title}\n{text}"), text)
            return Subject(name, best.candidate, max(best.mentions, 1), best.in_title, best.cue,
                           best.sentence or title, round(best.score, 1))
    # No name has the weight, but the post repeats one company-like name and names no other
    # but in passing ('Sinds de overstap naar Windkracht Energie ... Windkracht Energie reageerde
    # pas ...'; 'de bank (Rabobank) regelde de hypotheek zonder problemen' is in passing).
    every = list({id(t): t for t in (*ranked, *twice)}.values())
    repeated = [t for t in every if t.mentions >= 2]
    if len(repeated) == 1 and not any(t.score >= 1.0 and not _in_passing(t) for t in every if t is not repeated[0]):
        only = repeated[0]
        return Subject(only.name, only.candidate, only.mentions, only.in_title, "", only.sentence or title,
                       round(only.score, 1), only=True)
    return None


def _written(name: str, text: str, flags: int = 0) -> list[str]:
    """A name and a text -> each place the text writes it as a whole word, as written there."""
    return re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, flags)


def _cased(name: str, text: str) -> str:
    """A name in capitals ('HOMEGUARD ALARMS') -> as the text also writes it in mixed case
    ('HomeGuard Alarms'), when it does; a short one (KPN, ING) is an abbreviation, kept."""
    if not name.isupper() or len(name.replace(" ", "")) <= 5:
        return name
    written = set(_written(name, text, re.IGNORECASE))
    mixed = sorted(w for w in written if not w.isupper() and not w.islower())
    return mixed[0] if mixed else name


def _written_longer(name: str, text: str) -> str:
    """A one-word name a phrase gave ('United lost my wheelchair') -> the longer name the
    text writes it in, when it writes one ('United Airlines'), else the name."""
    if " " in name:
        return name
    longer = {found.group(1) for found in re.finditer(rf"(?<![\w@.])({re.escape(name)}[ ](?:{_TRADE}))\b", text)}
    return longer.pop() if len(longer) == 1 else name


# The word a trading name ends in ('United Airlines', 'Keystone Lettings'): a place ('United States') is none.
_TRADE = ("Airlines|Airways|Air|Energy|Energie|Bank|Telecom|Mobile|Broadband|Fibre|Fiber|Glasvezel|Insurance|Verzekeringen"
          "|Group|Groep|Express|Post|Parcels?|Rail|Water|Gas|Power|Homes|Lettings|Realty|Property|Motors|Stores|Online"
          "|Direct|Services|Solutions|Retail|Logistics|Couriers?|Delivery|Thuis|Wonen|Woningen")


# A letter's sign-off that names the company: 'Met vriendelijke groet, Team Kabelweb',
# 'Kind regards, Customer Service at Parcelo', 'Groeten, Kabelweb Klantenservice'.
_TEAM = r"(?:het |de |the )?(?:team|klantenservice|klantenteam|customer (?:service|care|support|relations)|webcare|servicedesk)"
_SIGNED = re.compile(
    r"(?:groet(?:en)?|regards|sincerely|faithfully|wishes)[,.!]?\s+"
    rf"(?:{_TEAM}(?: (?:van|of|at))?\s+(?P<c>{_NAME})|(?P<d>{_NAME})\s+(?-i:Klantenservice|Customer Service|Customer Care|Webcare))",
    re.IGNORECASE)


def signed_subject(match: Matcher, quoted: str) -> Subject | None:
    """The letters a post quotes -> the company one of them is signed by, when its sign-off names a team of it."""
    for found in _SIGNED.finditer(quoted):
        raw = found.group("c") or found.group("d")
        name = _clean(raw)
        if not name or _not_a_company(name) or _TITLED.match(name):
            continue
        count = _Count(match, match.fuzzy)
        known = count.known(name)
        sentence = " ".join(quoted[max(0, found.start() - 60):found.end()].split()).lstrip("> ")
        return Subject(known[1] if known else name, known[0] if known else None, 1, False, "signed by", sentence, _CUE)
    return None


def tagged_subject(match: Matcher, tags: tuple[str, ...], text: str) -> Subject | None:
    """A post's tags and its title and text (which name no company by themselves) -> the
    company a tag names: a listed one ('Vattenfall'), or a company-like name the text writes
    too. A tag no list has and the text never writes ('Energie', 'Stroomhuis') names none."""
    folded = text.casefold()
    for tag in tags:
        name = _clean(tag)
        if not name or _not_a_company(name) or not (name[0].isupper() or name[0].isdigit()):
            continue
        written = len(_written(name.casefold(), folded))
        known = _Count(match, {}).known(name)
        if known is not None or written:
            return Subject(known[1] if known else name, known[0] if known else None, written, False, "tag", "", _CUE)
    return None


def addressed_subject(match: Matcher, url: str) -> Subject | None:
    """A post's web address, when its title, text and tags name no company -> the listed
    company its path names ('.../2019/03/ziggo-weer-storing/'), never one from no list: a
    word in an address is too little to make a name of. Its domain, the blog's own, is left out."""
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.IGNORECASE).split("?")[0].split("#")[0]
    words = " ".join(re.split(r"[/_\-.]+", path)).strip()
    found = match.mentions(words) if words else []
    if not found:
        return None
    _, candidate, spelling = found[0]
    return Subject(spelling, candidate, 0, False, "url", url, _CUE)


def _by_sentence(match: Matcher, parts: list[tuple[str, bool]]) -> list[list[tuple[int, Candidate, str]]]:
    """Sentences -> the list's names in each (position in its sentence), read in one pass over them all."""
    joined = "\n".join(sentence for sentence, _ in parts)
    starts, offset = [], 0
    for sentence, _ in parts:
        starts.append(offset)
        offset += len(sentence) + 1
    found: list[list[tuple[int, Candidate, str]]] = [[] for _ in parts]
    for position, candidate, term in match.mentions(joined):
        number = bisect.bisect_right(starts, position) - 1
        found[number].append((position - starts[number], candidate, term))
    return found


_GREETINGS = ("dear ", "beste ", "geachte ", "aan ", "hello ", "hi ", "hallo ", "to ", "pas op", "aan:", "to:", "t.a.v",
              "attn")  # 'to whom it may concern' too
_CUE_STEMS = tuple(dict.fromkeys(stem.replace("_", " ") for stem in """klant customer ervaring experience keuze koos kozen chose signed overgestapt switched left belde gebeld called phoned
rang contacted klantenservice abonnement contract aansluiting leverancier provider supplier plan policy subscription
membership deal agreement cover tariff broadband mortgage loan insurance polis verzekering pakket hypotheek lening
lidmaatschap storing problem probleem gedoe ellende drama gedonder trouble issue nightmare outage fiasco helpdesk
servicedesk klantenlijn supportlijn webcare support bestelde ordered bought gekocht verzekerd insured flew vloog
booked geboekt rekening account bankier mijn onze my our complaint klacht wrote emailed e-mailed schreef mailde
complained klaagde contact touch sent company firm organi bedrijf organisatie fight battl strijd gevecht oorlog avoid
beware stay steer never reserved praktijk, tandarts, huisarts, garage, makelaar, sportschool, kliniek, ziekenhuis,
apotheek, dentist, practice, surgery, clinic, hospital, pharmacy, gym, vet, dierenarts, opticien, optician,
response_from reply_from answer_from word_from back_from antwoord_van reactie_van bracht brachten took_my took_our
took_the brought_my brought_our brought_the tekende tekenden sloot sloten internet_van stroom_van gas_van tv_van
televisie_van telefonie_van wifi_van signaal_van glasvezel_van bereik_van broadband_from power_from electricity_from
signal_from phone_line_from internet_from vermijd blijf whom joined member lid brief letter directie bestuur directeur
ceo board management executive @ # .nl .be .com .uk .net .org .de .eu .us woningcorporatie woningbouw housing letting
zorgverzekeraar netbeheerder meldde gemeld melding bank insurer verzekeraar landlord verhuurder network carrier isp
airline webshop energiebedrijf done finished fed enough klaar genoeg returned terug retour charged billed debited
disconnected cut blocked cancel lost damaged froze closed afgesloten geblokkeerd blokkeerde blokkeert annuleert
verliest verloor rekent schrapt loses blocks cancels overcharges weigert weigerde refuses refused won annuleerde
verhoogde incasseerde factureerde bevroor afgeschreven opgezegd gefactureerd kwijtgeraakt beschadigd bevroren
correspond briefwisseling mailwisseling mails brieven letters exchange stop waarom relations besteld weg vertrek nooit
let services care complaints boete factuur aanmaning naheffing fine invoice penalty ticket bill opgelicht bedrogen
scammed ripped defrauded misled mis-sold don't dont do not buying ordering shopping flying booking using shout klacht:
complaint: review: ervaring: experience: warning: waarschuwing: zit zitten been i'm we're netwerk host via (mijn (onze
(my (our monteur technicus bezorger koerier medewerker engineer technician courier driver
""".split()))  # each once ('_' a space): every sentence is searched for each


def _may_name(sentence: str) -> bool:
    """A sentence -> whether it holds a word a subject phrase, handle or domain needs (most hold none)."""
    lower = sentence.lower()
    return lower.lstrip().startswith(_GREETINGS) or "\n" in lower or any(stem in lower for stem in _CUE_STEMS)


def _named(count: _Count, sentence: str, order: int, in_title: bool, text: str) -> None:
    """Subject phrases, @handles and domains in one sentence -> cue weight for the names they give."""
    aside = _OTHERS.search(sentence) is not None
    found: list[tuple[str, str]] = []
    for cue in _CUES.finditer(sentence):
        if cue.group("g") and _TITLED.match(cue.group("g")):
            continue  # 'Dear Ms Hartley': a person greeted, not a company
        name, phrase = ((cue.group("g"), cue.group("greet")) if cue.group("g") else
                        (cue.group("w"), cue.group("whom")) if cue.group("w") else
                        (cue.group("t"), cue.group("to") + ":") if cue.group("t") else (cue.group("c"), cue.group("cue")))
        found.append((name, " ".join(phrase.split()).lower()))
    found += [(agent.group("v"), agent.group("vact").lower()) if agent.group("v") else  # named after its act
              (agent.group("c") or agent.group("d") or agent.group("e") or agent.group("f"),
               AGENT + (agent.group("act") or agent.group("dact") or agent.group("eact") or agent.group("fact")))
              for agent in _AGENT.finditer(sentence)]
    found += [(handle.group(1), "@" + handle.group(1)) for handle in _HANDLE.finditer(sentence)]
    if in_title:  # '#Telvia faalt weer': a capitalised hashtag in the title names what the post is about
        found += [(tag.group(1), "#" + tag.group(1)) for tag in _HASHTAG.finditer(sentence)]
        found += [(dash.group("c"), "complaint –") for dash in _TITLE_DASH.finditer(sentence)]
        # 'Snelpost verliest weer een pakket': a name the title has doing harm, and the text writes again
        found += [(act.group("c"), AGENT + act.group("act").lower()) for act in _TITLE_AGENT.finditer(sentence)
                  if len(_written(act.group("c"), text)) >= 2]
    found += [(domain.group(1), domain.group(0).lower()) for domain in _DOMAIN.finditer(sentence)]
    for raw, phrase in found:
        name = _clean(raw)
        if not name or _not_a_company(name) or _TITLED.match(name) or not (name[0].isupper() or name[0].isdigit() or phrase[0] == "@"
                                                                  or "." in phrase or _CAMEL.match(name)):
            continue
        known = _listed_as_written(count, raw, name) or count.known(name)
        named: tuple[Candidate | None, str] | None = known
        mentions = 0  # of a domain named as written, in the whole post
        if known is None and (phrase.startswith("@") or "." in phrase):
            if name not in count.prefixed:
                count.prefixed[name] = _prefix(count, name, text)
            named = count.prefixed[name]
            folded = text.lower() if named is None and "." in phrase else ""
            if folded and (times := folded.count(phrase)) >= 2:
                written = text[folded.index(phrase):][:len(phrase)]
                listed = count.known(written)  # 'bol.com' is on the list as it is written
                # else a web shop known by its domain: 'bestelling bij tuinshop24.nl', twice
                named = listed if listed is not None else (None, written)
                mentions = times if named[1].lower() == phrase else 0
            if named is None:
                continue  # a handle or domain names a company only when the post names it too
        tally = count.tally(named[1] if named else name, named[0] if named else None)
        if mentions:
            tally.mentions = mentions
        former = _FORMER.search(phrase) is not None or _POSTSCRIPT.match(sentence) is not None
        count.add(tally, _CUE * (_ASIDE if aside or former else 1.0), sentence, order, title=in_title, cue=phrase)


def _listed_as_written(count: _Count, raw: str, name: str) -> tuple[Candidate, str] | None:
    """A name as matched and as cleaned -> the list entry the whole of it is, when cleaning
    dropped a place from its end ('T-Mobile Nederland' is Odido, 'T-Mobile' on no list)."""
    whole = raw.strip().rstrip(".,")
    if whole == name or not whole.startswith(name):
        return None
    found = count.match.mentions(whole)
    return (found[0][1], found[0][2]) if found and found[0][0] == 0 and len(found[0][2]) > len(name) else None


def _prefix(count: _Count, handle: str, text: str) -> tuple[Candidate | None, str] | None:
    """'@KPNwebcare', 'ziggo' -> the list entry, or the capitalised name in the post, that it starts with."""
    folded = handle.casefold()
    for term, (candidate, spelling) in count.match.by_term.items():
        if len(term) >= 3 and _starts_with_name(folded, term.casefold()):
            return candidate, spelling
    if count.names is None:  # the post's capitalised names, read once
        count.names = list(dict.fromkeys(name for found in _CAPITALISED.finditer(text)
                                         if len(name := _clean(found.group(1))) >= 3 and " " not in name
                                         and not _not_a_company(name)))
    return next(((None, name) for name in count.names if _starts_with_name(folded, name.casefold())), None)


# What may follow a company's name in its handle or domain: '@KPNwebcare', '@Ziggo_NL', 'glasnet24'.
_HANDLE_SUFFIXES = frozenset("""webcare care help helpt helps support service services klantenservice klantendienst
nl be uk us ie eu news nieuws info cs team official online zakelijk business hq""".split())


def _starts_with_name(handle: str, name: str) -> bool:
    """A handle or domain and a name, both case-folded -> whether the handle is that name,
    alone or with a suffix such as 'webcare', 'nl' or digits ('tuinshop24' is not 'tui')."""
    if not handle.startswith(name):
        return False
    rest = handle[len(name):].strip("_-.")
    return not rest or rest in _HANDLE_SUFFIXES or rest.isdigit()


def _repeated(count: _Count, parts: list[tuple[str, bool]]) -> list[_Tally]:
    """Capitalised names no list has -> their mentions: for names a subject phrase gave,
    and for any written three times or more (twice not as a sentence's first word). ->
    the company-like names (of two words or more, or with a capital or digit inside) written
    twice, once not as a sentence's first word, which that leaves out."""
    seen: Counter[str] = Counter()
    inside: Counter[str] = Counter()  # not as a sentence's first word
    where: dict[str, tuple[str, int, bool, float]] = {}
    at: set[str] = set()  # names the title gives after 'bij', 'met', 'with', 'at'
    placed: Counter[str] = Counter()  # mentions in the text inside a sentence, not after 'met', 'and'
    # names the text has doing what a company does ('Glasweb stuurde een monteur'): no person's,
    # where another sentence has them say something ('Warmtenet Centrum zegt dat ...')
    capitalised = [list(_capitalised(sentence)) for sentence, _ in parts]
    acted = {_clean(found.group(1)) for (sentence, in_title), runs in zip(parts, capitalised) if not in_title
             for found in runs if _ACTS_AFTER.match(sentence, found.end())}
    for order, (sentence, in_title) in enumerate(parts):
        others = _OTHERS.search(sentence) is not None
        for found in capitalised[order]:
            name = _clean(found.group(1))
            if not name or _not_a_company(name) or count.match.term_of(name) is not None \
                    or (_person(sentence, found.start(), found.end()) and not _INNER_CAPITAL.search(name)
                        and not _COMPANY_WORD.search(name)
                        and name not in acted):  # 'FitForge said'
                continue
            start = found.start() + found.group(1).find(name.split()[0])  # 'Bij Spoorlijn' -> 'Spoorlijn' at 4
            weight = (_TITLE if in_title else 1.0) * (_ASIDE if _aside(sentence, found.start(), others) else 1.0)
            seen[name] += 1
            inside[name] += start > 0 or in_title
            if in_title and _TITLE_AT.search(sentence, max(0, start - 30), start):
                at.add(name)  # 'Mijn fiets is kwijt bij Fietsbezorgd'
            elif not in_title and start > 0 and not _COMPANION.search(sentence, max(0, start - 30), start):
                placed[name] += 1  # '... ophalen door Fietsbezorgd', not 'Petra kookte', 'ik ging met Sanne'
            sentence_, first, titled, total = where.get(name, (sentence, order, False, 0.0))
            where[name] = (sentence_, first, titled or in_title, total + weight)
    for short in [name for name in seen if " " not in name and name.casefold() not in count.tallies]:
        longer = [name for name in seen if name.startswith(short + " ")]
        if len(longer) == 1:  # 'Warmtebron' after 'Warmtebron Verhuur': the same company, written short
            whole = longer[0]
            seen[whole] += seen.pop(short)
            inside[whole] += inside.pop(short)
            sentence_, first, titled, total = where[whole]
            short_where = where.pop(short)
            where[whole] = (sentence_, min(first, short_where[1]), titled or short_where[2], total + short_where[3])
    twice = []
    for name, times in seen.items():
        tally = count.tallies.get(name.casefold())
        if tally is None and (times < 3 or inside[name] < 2):
            if times >= 2 and (inside[name] or name in acted) and (" " in name or _INNER_CAPITAL.search(name)
                                                      or (name in at and placed[name]) or name in acted):
                sentence, first, titled, total = where[name]
                twice.append(_Tally(name, None, total, times, titled, "", sentence, first))
            continue
        tally = tally or count.tally(name, None)
        sentence, first, titled, total = where[name]
        tally.mentions = times
        count.add(tally, total, sentence, first, title=titled)
    return twice
