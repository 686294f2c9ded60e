"""A Post -> what its text suggests but does not state: company, outcome, apology,
channels, compensation, incident and timeline, each listed under `review:`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from generator import clock
from generator.importer.companies import Candidate, Matcher
from generator.importer.cues import (NOT_AN_END, channel_in, channels_of, compensation_of, read_apology, read_outcome,
                                     sentences)
from generator.importer.dates import Found, day_first, find_dates, month_said, relative_steps
from generator.importer.said import said
from generator.importer.subject import AGENT, addressed_subject, signed_subject, subject_of, tagged_subject
from generator.model import Actor, Apology, Channel, Language, Outcome
from generator.read.schema import COMPANY_PLACEHOLDER

PLACEHOLDER = COMPANY_PLACEHOLDER
_EVENT_MAX = 200  # characters of a sentence kept as a timeline event's text
_QUOTE_MAX = 100  # characters of a sentence quoted as evidence
_EVENTS_MAX = 20
_SENTENCE = re.compile(rf"(?<=[.!?]){NOT_AN_END}\s+(?=[A-Z0-9À-Ý\"'“‘(]|[a-z]{{1,4}}[A-Z])|\n+")  # 'easyHost' too
# An image, then a link (which may hold an image: `[![alt](img)](href)`), each with an optional "title".
_IMAGE = re.compile(r"!\[([^\]]{0,500})\]\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)")
_LINK = re.compile(r"\[([^\]]{0,500})\]\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)")
_DIGIT = re.compile(r"\d")
# A sentence that opens an update added to the post later ('Update 14 maart 2023: ...',
# '**EDIT (2 June)**'): its date may come after the post's.
_UPDATE = re.compile(r"\W*(?:update|edit|aanvulling|naschrift|toevoeging|nieuw|addendum|ps)\b", re.IGNORECASE)
_QUOTED = re.compile(r"^[ \t]{0,3}>.*$", re.MULTILINE)  # a Markdown block quote's lines
_PEOPLE = (r"(?:buurman|buurvrouw|buren|neighbou?rs?|vriend(?:in)?|vrienden|friends?|zus|broer|sister|brother|zwager"
           r"|schoonmoeder|ouders|parents)")
_OTHERS = re.compile(rf"\b{_PEOPLE}\b", re.IGNORECASE)
_MARKS = re.compile(r"[*`#>|]+|(?<!\w)_+|_+(?!\w)")  # a handle's or address's inner "_" stays: @Beeldnet_NL
# A Markdown table's row ('| 6 Nov 2023 | Claim filed |') and the rule under its head.
_TABLE_ROW = re.compile(r"^[ \t]{0,3}\|(.*)\|[ \t]*$", re.MULTILINE)
_ITEM = re.compile(r"^\s*(?:[-+*]|\d{1,3}[.)])\s+")  # a list item's mark: not part of an event's text
# The post's own day and the days before it: 'Gisteren reed de bus weer niet' in a post of 20
# November is 19 November ('vandaag de dag', 'to this day' are no day).
_NEAR_DAY = re.compile(r"\b(?:vandaag(?! de dag)|today|vanochtend|vanmorgen|this morning|gisteren|gisteravond|gisterenavond"
                       r"|yesterday|last night|eergisteren|the day before yesterday)\b", re.IGNORECASE)
# 'last Tuesday', 'afgelopen dinsdag': the last such day before the post's date
_WEEKDAYS = {name: number for number, names in enumerate((
    ("monday", "maandag"), ("tuesday", "dinsdag"), ("wednesday", "woensdag"), ("thursday", "donderdag"),
    ("friday", "vrijdag"), ("saturday", "zaterdag"), ("sunday", "zondag"))) for name in names}
_LAST_WEEKDAY = re.compile(rf"\b(?:last|this past|vorige|afgelopen)\s+({'|'.join(_WEEKDAYS)})\b", re.IGNORECASE)
_DAYS_BACK = {"gisteren": 1, "gisteravond": 1, "gisterenavond": 1, "yesterday": 1, "last night": 1, "eergisteren": 2,
              "the day before yesterday": 2}
# A day of the month alone, as an ordinal: 'on the 10th', 'op de 12e'.
_DAY_ONLY = re.compile(r"\b(?:on|op) (?:the |de )?([0-3]?\d)(?:st|nd|rd|th|e|ste|de)\b", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"\W*(?:dag|day)\s+(\d{1,3})\b", re.IGNORECASE)  # a diary's entry: 'Dag 15:', 'Day 3 -'
_TABLE_RULE = re.compile(r"[\s|:-]*-[\s|:-]*")
# The people a sentence about someone else is about ('my neighbour's line'), and the
# writer in it ('... disconnected mine' is about the writer too).
_THEIR_OWNER = re.compile(rf"\b(?:my|mijn|m'n|our|onze|ons)\s+(?:\w+\s+)?{_PEOPLE}(?:['’]s?)?", re.IGNORECASE)
_WRITER = re.compile(r"\b(?:i|me|my|mine|myself|we|us|our|ours|ik|mij|mijn|m'n|wij|ons|onze)\b", re.IGNORECASE)
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n|[ \t]{0,16}(?:[-+]|\d{1,9}[.)]) )")
_ME = re.compile(r"\b(?:(?i:ik|wij|we)|I)\b")
_ME_ACTS = re.compile(r"\b(?:meldde|gemeld|belde|gebeld|mailde|gemaild|schreef|geschreven|stuurde|gestuurd|klaagde"
                      r"|diende|ingediend|ingevuld|opgestuurd|verstuurd|ingestuurd|getweet|vroeg|gevraagd|reported|called|phoned|rang|emailed|wrote|sent"
                      r"|complained|filed|tweeted|asked|contacted|bezwaar (?:gemaakt|ingediend)|objected|appealed|disputed)\b",
                      re.IGNORECASE)
_STAFF = (r"(?:medewerk(?:er|ster)|monteur|technicus|technieker|manager|agent|representative|rep|engineer|technician"
          r"|tech|assessor|surveyor|plumber|electrician|taxateur|expert|loodgieter|opzichter)")
_THEM_ACTS = re.compile(r"\b(?:kwam (?:de|er)|(?:belde|mailde|schreef|kwam|stuurde)(?:n)? (?:er )?(?:\w+ ){0,4}?(?:een |de )?(?:\w+ )?" + _STAFF
                        + r"|(?:the |a |their )?(?:letter|e-?mail|reply|answer|response) (?:finally )?(?:came|arrived)"
                        + r"|their (?:reply|answer|response)|hun (?:antwoord|reactie)"
                        + r"|" + _STAFF + r" (?:van \w+ |from \w+ )?(?:\w+ )?(?:belde|mailde|kwam|geweest|called|rang|phoned|emailed|came|arrived"
                        r"|visited|turned up|showed up)|(?:someone|somebody|iemand) (?:from|van) |belde(?:n)? (?:\w+ )?terug|reageerde|antwoordde|antwoord|reactie"
                        r"|stuurde(?:n)? (?:\w+ )?(?:een )?(?:mail|brief)|called back|replied|responded|answered|wrote back"
                        r"|sent (?:me|us) (?:a|an) |(?:they|he|she) sent (?:a|an) "
                        r"|sent (?:a|an|their|another) (?:\w+ )?(?:contractor|engineer|technician|plumber|electrician|surveyor)|(?:kreeg|kregen|ontving|ontvingen) (?:ik |we )?(?:\w+ ){0,3}?(?:een |de |het |deze |die )?(?:\w*mail"
                        r"|brief|bericht|sms|telefoontje|uitspraak|besluit|beslissing|bevestiging)|bevestigde(?:n)? (?:de |het )?ontvangst"
                        r"|confirmed (?:receipt|they had received)|(?:got|received) (?:their|the|a) (?:decision|ruling|verdict)|(?:got|received) (?:a|an) (?:\w+ )?(?:e-?mail|letter|reply|message"
                        r"|call)|apologi[sz]ed|refunded|reimbursed|credited|verontschuldigde(?:n)?"
                        r"|(?:bood|boden) (?:\w+ ){0,3}(?:excuses|excuus)|(?:excuses|excuus) (?:\w+ )?(?:aangeboden|gemaakt)|(?:betaalde|stortte)(?:n)? (?:\w+ ){0,3}terug"
                        r"|(?:e-?mail|mail|mailtje|brief|bericht|antwoord|reactie) (?:\w+ )?(?:ontvangen|gekregen))\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Event:
    date: date
    text: str
    by: Actor | None = None
    via: Channel | None = None


@dataclass(frozen=True)
class Guess:
    """What the text suggests; `how` says how the company was found, for the report;
    `evidence` holds, per key guessed, why and from which sentence (its comment in the file)."""

    company: str
    how: str
    candidate: Candidate | None  # from the shipped list or a site record; None = guessed or placeholder
    outcome: Outcome
    apology: Apology
    channels: tuple[Channel, ...] = ()
    compensation: str = ""
    incident: date | None = None
    timeline: tuple[Event, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=dict)


def plain(markdown: str) -> str:
    """Markdown -> plain text for reading cues: link texts kept, marks dropped."""
    text = _MARKS.sub("", _LINK.sub(r"\1", _IMAGE.sub(r"\1", _TABLE_ROW.sub(_row, markdown))))
    return _SOFT_BREAK.sub(" ", "\n".join(line.strip() for line in text.split("\n")))  # a wrapped line goes on the same sentence


def _row(row: re.Match[str]) -> str:
    """A table's row -> a list item of its cells ('- 6 Nov 2023: Claim filed'), a line of
    its own; the rule under the head -> nothing."""
    cells = [cell.strip() for cell in row.group(1).split("|")]
    return "" if _TABLE_RULE.fullmatch(row.group(1)) else "- " + ": ".join(cell for cell in cells if cell)


def _about_others(sentence: str) -> bool:
    """Whether a sentence is about the neighbours, friends or family only, not the writer
    ('Mijn buurman heeft ook storing', not 'an engineer on my neighbour's line cut mine')."""
    return _OTHERS.search(sentence) is not None and _WRITER.search(_THEIR_OWNER.sub(" ", sentence)) is None


def _company(match: Matcher, title: str, text: str, language: Language, quoted: str = "",
             words: Language = Language.EN, tags: tuple[str, ...] = (), url: str = "") -> tuple[str, str, Candidate | None, str]:
    """-> (company, how it was found (for the report, in English), its candidate, its
    evidence in `words`); the letters the post quotes name it by their sign-off when the
    writer's own words name none."""
    found = subject_of(match, title, text) or (signed_subject(match, quoted) if quoted else None) \
        or tagged_subject(match, tags, f"{title}\n{text}") or (addressed_subject(match, url) if url else None)
    if found is None:
        return PLACEHOLDER[language], "not found: placeholder to replace", None, said(words, "no_company")

    def times(lang: Language) -> str:
        if found.cue == "tag":
            return said(lang, "tagged", tag=found.name) + (said(lang, "and_written", n=found.mentions) if found.mentions else "")
        if found.cue == "url":
            return said(lang, "addressed")
        return said(lang, "mention" if found.mentions == 1 else "mentions", n=found.mentions) \
            + (said(lang, "in_title") if found.in_title else "") + (said(lang, "only") if found.only else "")
    acted = found.cue.startswith(AGENT)  # the name before the cue: 'Hookup Cable charged'
    cue = "" if found.cue in ("tag", "url") else said(words, "signed") if found.cue == "signed by" else \
        said(words, "before", cue=found.cue[len(AGENT):]) if acted else \
        said(words, "after", cue=found.cue) if found.cue and not found.cue.startswith(("@", "#")) and "." not in found.cue else \
        said(words, "as", cue=found.cue) if found.cue else ""
    if found.candidate is not None:
        record = found.candidate.record

        def where(lang: Language) -> str:
            return said(lang, "record", record=record) if record else said(lang, "listed")
        now = said(words, "listed_as", name=found.name, listed=found.candidate.name) \
            if found.name != found.candidate.name else ""
        how = f"{where(Language.EN)}, {times(Language.EN)}"
        return found.name, how, found.candidate, evidence(f"{times(words)}{cue}, {where(words)}{now}", found.sentence)
    how = f"best guess from '{found.name} {found.cue[len(AGENT):]}'" if acted else \
        f"best guess from '{found.cue} {found.name}'" if found.cue else f"best guess: named {found.mentions} times"
    return found.name, how, None, evidence(f"{times(words)}{cue}, {said(words, 'no_list')}", found.sentence)


def _clip(sentence: str, most: int = _EVENT_MAX) -> str:
    text = " ".join(sentence.split())
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def evidence(why: str, sentence: str = "") -> str:
    """Why a value was guessed and the sentence it was read from -> its comment text:
    'last cue "opgelost": "Na acht dagen was het eindelijk opgelost."' (one line, the
    sentence cut to about 100 characters)."""
    quote = _clip(sentence.replace('"', "'"), _QUOTE_MAX)
    return " ".join(f'{why}: "{quote}"'.split()) if quote else " ".join(why.split())


def _years_on(day: date, years: int) -> date:
    """A day -> the same day `years` later (earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _year_of(found_value: date, has_year: bool, published: date) -> date | None:
    """A date read without a year (in the post's year) -> that date; one after the post is
    the year before when that is at most half a year back ('20 december' in a January post),
    else None (a plan, not an event)."""
    if has_year or found_value <= published:
        return found_value
    before = _years_on(found_value, -1)
    return before if (published - before).days <= 183 else None


def _after(found_value: date, anchor: date) -> date:
    """A date read without a year, in the year of the dated sentence before it -> that
    date; the same day a year on when it would come before that sentence and is at most
    half a year after it ('28 december', then '5 januari')."""
    if found_value >= anchor:
        return found_value
    later = _years_on(found_value, 1)
    return later if (later - anchor).days <= 183 else found_value


# Before a cue of the company's act, what makes it none: 'geen antwoord', 'no reply', 'Ik stuurde een mail'.
_NOT_THEIRS = re.compile(r"\b(?:geen|no|nooit|never|zonder|without|not|niet)\s+(?:\w+\s+)?$", re.IGNORECASE)
_WRITER_DOES = re.compile(r"\b(?:(?i:ik|we|wij)|I)\s+$")  # 'Ik stuurde een mail' (not 'kreeg ik antwoord')
_VERB_FIRST = re.compile(r"(?:belde|mailde|schreef|kwam|stuurde|sent|called|rang|phoned|emailed|wrote)", re.IGNORECASE)
_WRITER_AFTER = re.compile(r"\w+\s+(?:(?i:ik|we|wij)|I)\b")  # 'Op 3 mei stuurde ik een mail'


def _theirs(sentence: str, act: re.Match[str]) -> bool:
    """A cue of the company's act in its sentence -> whether it is theirs: not denied ('geen
    antwoord') and not the writer's own sending or calling ('ik stuurde', 'stuurde ik')."""
    if _NOT_THEIRS.search(sentence, 0, act.start()):
        return False
    return not (_VERB_FIRST.match(act.group(0)) and (_WRITER_DOES.search(sentence, 0, act.start())
                                                     or _WRITER_AFTER.match(act.group(0))))


def _day_after(day: int, last: date) -> date | None:
    """A day of the month and the date before it -> that day in its month, or the next
    month's when it has passed ('on the 2nd' after 28 March is 2 April); None if no such day."""
    for month_on in (0, 1):
        year, month = last.year + (last.month + month_on - 1) // 12, (last.month + month_on - 1) % 12 + 1
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found >= last:
            return found
    return None


def _actor(sentence: str) -> Actor | None:
    """A sentence -> who acted: me when I reported or contacted, the company when it
    answered; when it says both ('Ik belde; ze boden excuses aan'), who acted first."""
    them = next((act for act in _THEM_ACTS.finditer(sentence) if _theirs(sentence, act)), None)
    me = _ME_ACTS.search(sentence) if _ME.search(sentence) else None
    if them is not None and (me is None or them.start() <= me.start()):
        return Actor.COMPANY
    return Actor.ME if me is not None else None


def _aside_of(match: Matcher, candidate: Candidate | None, company: str) -> Callable[[str], bool]:
    """The company a post is about -> a test of whether a sentence is about another one
    only (an anecdote of another company's, the neighbours' provider)."""
    def aside(sentence: str) -> bool:
        if company in sentence or (candidate is not None and any(c is candidate for _, c, _ in match.mentions(sentence))):
            return False
        return _about_others(sentence) or bool(match.mentions(sentence))
    return aside


def _outside_brackets(sentence: str, dates: list[Found]) -> list[Found]:
    """A sentence's dates, in order -> the same, the first one outside brackets first."""
    depth, position = 0, 0
    for index, found in enumerate(dates):
        depth += sentence.count("(", position, found.start) - sentence.count(")", position, found.start)
        position = found.start
        if depth <= 0:
            return [found, *dates[:index], *dates[index + 1:]]
    return dates


def timeline_of(text: str, published: date, *, skip: Callable[[str], bool] | None = None,
                language: Language = Language.NL, dated: bool = True) -> tuple[Event, ...]:
    """Plain post text and its date -> an event per sentence carrying an absolute
    date, or one resolvable from the date before ('8 dagen later'), a diary's first day
    ('Dag 1 (11 december)' dates 'Dag 15') or the post's own ('gisteren'); oldest first.
    Sentences `skip` says are about something else give none. In English, a date in
    figures is read as the text writes them (day_first), and left out when it cannot tell.
    No event comes after the post's date, but an update's (up to today). When the post
    gives no date (`dated` false: `published` is the file's), a date without a year is
    left out until a sentence gives one: the file's year would be a guess."""
    order = True if language is Language.NL else day_first(text)
    events: list[Event] = []
    last: date | None = None
    context: date | None = None  # the last date written: an event's, or a month's ('in October 2024')
    day_one: date | None = None  # a diary's 'Dag 1 (11 december)': 'Dag 15' is 14 days on
    for sentence in _SENTENCE.split(text):
        if not sentence.strip() or (skip is not None and skip(sentence)):
            continue
        when: date | None = None
        # a date without a year takes the year of the story so far ('On March 3, 2021 ...
        # On March 20 ...', 'It broke in October 2024. I called on 7 October'), not the year
        # the post was published
        year = context.year if context is not None else published.year
        dates = find_dates(sentence, year=year, order=order) if _DIGIT.search(sentence) else []
        if len(dates) > 1:  # 'De koelkast (gekocht op 12 juni 2024) ging op 2 augustus kapot': the aside's date is no event
            dates = _outside_brackets(sentence, dates)
        if not dates and _DIGIT.search(sentence) and (month := month_said(sentence)) is not None \
                and month <= (published if dated else clock.today()) \
                and (not dated or (published - month).days <= 548) and month.year >= 1990:
            context = month
        if dates and context is not None and not dates[0].has_year:
            when = _after(dates[0].value, context)
        elif dates and not dated and not dates[0].has_year:
            continue
        elif dates:
            when = _year_of(dates[0].value, dates[0].has_year, published)
            if when is None:
                continue
        numbered = _DAY_NUMBER.match(sentence)
        if numbered is not None and when is not None:
            day_one = when - timedelta(days=int(numbered.group(1)) - 1)
        elif numbered is not None and day_one is not None:
            when = day_one + timedelta(days=int(numbered.group(1)) - 1)
        if when is None and last is not None:
            step = next(relative_steps(sentence), None)
            when = last + step[2] if step else None
        if when is None and last is not None and (day := _DAY_ONLY.search(sentence)) is not None:
            when = _day_after(int(day.group(1)), last)  # 'on the 10th': of the month the story is in
        if when is None and dated and (near := _NEAR_DAY.search(sentence)) is not None:
            when = published - timedelta(days=_DAYS_BACK.get(near.group(0).lower(), 0))
        if when is None and dated and (weekday := _LAST_WEEKDAY.search(sentence)) is not None:
            when = published - timedelta(days=(published.weekday() - _WEEKDAYS[weekday.group(1).lower()] - 1) % 7 + 1)
        latest = clock.today() if _UPDATE.match(sentence) else published
        if when is None or when > latest or when.year < 1990:
            continue
        last = context = when
        events.append(Event(when, _clip(_ITEM.sub("", sentence)), _actor(sentence), channel_in(sentence)))
    unique = list({(e.date, e.text): e for e in events}.values())
    return tuple(sorted(unique, key=lambda e: e.date)[:_EVENTS_MAX])


def guess(title: str, body: str, published: date, *, match: Matcher, language: Language, dated: bool = True,
          words: Language = Language.EN, tags: tuple[str, ...] = (), url: str = "") -> Guess:
    """A post's title, Markdown body, date (`dated` false: the file's, the post gives
    none), tags and web address -> its Guess, the evidence in `words` (the site's language)."""
    text = plain(_QUOTED.sub("", body))  # the author's own words: no quoted news or letters
    quoted = plain("\n".join(line.group(0) for line in _QUOTED.finditer(body)))
    company, how, candidate, company_evidence = _company(match, title, text, language, quoted, words, tags, url)
    aside = _aside_of(match, candidate, company)
    timeline = timeline_of(text, published, skip=aside, language=language, dated=dated)
    told = f"{title}\n{text}"  # a title can say how it ended; a cue in the body still comes later and wins
    outcome = read_outcome(told)  # cues.py leaves out sentences about someone else
    apology = read_apology(f"{title}\n{plain(body)}")  # the company's own words count here: a quoted letter
    channels, compensation = channels_of(text), compensation_of(text)
    found = {"company": company_evidence,
             "outcome": evidence(said(words, "last_cue", cue=outcome.cue), outcome.sentence) if outcome.cue else
             said(words, "no_outcome"),
             "apology": evidence(said(words, "last_cue", cue=apology.cue), apology.sentence) if apology.cue else
             said(words, "no_apology")}
    if channels:
        first: dict[Channel, str] = {}
        for sentence in sentences(text):
            if len(first) == min(len(channels), 3):
                break
            for channel in channels_of(sentence):
                first.setdefault(channel, sentence)
        found["channels"] = "; ".join(evidence(c.value, first.get(c, "")) for c in channels[:3]) + (
            "; ..." if len(channels) > 3 else "")
    if compensation:
        found["compensation"] = evidence(said(words, "amount"),
                                         next((s for s in sentences(text) if compensation in " ".join(s.split())), ""))
    # the sentence that tells how it ended is no start of the trouble ('they refunded £2,340 on 28 March', dated alone)
    ended = bool(timeline) and outcome.value in (Outcome.RESOLVED, Outcome.GAVE_UP) \
        and " ".join(timeline[0].text.rstrip("…").split())[:60] in " ".join(outcome.sentence.split())
    if timeline and not ended:
        found["incident"] = evidence(said(words, "first_dated"), timeline[0].text)
    if timeline:
        found["timeline"] = said(words, "sentence" if len(timeline) == 1 else "sentences", n=len(timeline))
    return Guess(company=company, how=how, candidate=candidate, outcome=outcome.value, apology=apology.value,
                 channels=channels, compensation=compensation,
                 incident=timeline[0].date if timeline and not ended else None, timeline=timeline, evidence=found)
