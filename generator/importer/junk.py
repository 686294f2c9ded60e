"""A post's text -> the same text without what the blog put around the author's words.

Removed: comment-widget and share lines ("Geef een reactie", "0 Comments", "comments
powered by Disqus"), the scraped text of ad and tracking scripts, newsletter and paywall
blocks, and an author bio or "Bron:" line at the very end. Whole lines only: a sentence of
the author's is never cut in half.
"""

from __future__ import annotations

import re

from generator.importer.dates import first_date

_WIDGET = re.compile(
    r"(?:\d+\s+)?(?:reacties?|comments?|responses?|replies|likes?|shares?)"
    r"|(?:geef|plaats|schrijf) een reactie|laat een reactie achter|reageer(?: hier)?|reageren"
    r"|leave a (?:reply|comment|response)|post a comment|add a comment|cancel reply|reactie annuleren"
    r"|(?:please enable javascript to view the )?comments powered by disqus|blog comments powered by disqus"
    r"|share this(?: post)?|deel dit(?: bericht)?|delen|share on \w+|like this|vind ik leuk|laden|loading"
    r"|tweet|share|reply|beantwoorden|post navigation|berichtnavigatie|previous post|next post"
    r"|vorig(?:e)? bericht|volgend(?:e)? bericht|gerelateerd|related(?: posts)?"
    r"|your email address will not be published|je e-?mailadres wordt niet gepubliceerd"
    r"|het e-?mailadres wordt niet gepubliceerd|required fields are marked|vereiste velden zijn gemarkeerd met"
    r"|you must be logged in to post a comment"
    # Blogger's page chrome, as a copy of the page in a browser brings it along (Dutch and English)
    r"|doorgaan naar (?:de )?hoofdcontent|skip to (?:main )?content|link ophalen|get link|andere apps|other apps"
    r"|email this|blogthis!|meer lezen|read more|lees meer"
    r"|profiel bezoeken|visit profile|view my complete profile|mijn volledige profiel bekijken"
    r"|blog ?archive|blogarchief|meer tonen|show more|minder tonen|show less|misbruik rapporteren|report abuse"
    r"|newer post|older post|nieuwere post|oudere post|search this blog|zoeken in deze blog"
    # WordPress.com's ads (WordAds) inside a post
    r"|report this ad|deze advertentie melden|advertenties?|advertisements?|privacy settings|privacy-instellingen"
    r"|(?:geen|no) (?:reacties|opmerkingen|comments)",
    re.IGNORECASE)
# A share button's or menu's one word, a widget only on a line of its own that is no list
# item: '- Twitter' under 'Ik heb het geprobeerd via:' is how the author reached the company.
_SHARE_NAME = re.compile(r"e-?mail|facebook|x|twitter|pinterest|whatsapp|linkedin|home|startpagina|archiveren|archive",
                         re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:[-*+•]|\d{1,9}[.)])\s")
# Where a copied blog page's comments begin, and after them its sidebar: nothing below is
# the post. Only the platform's own words: 'Geen reacties' can be a line of the author's.
_COMMENTS_START = re.compile(
    r"een reactie posten|post a comment|reacties posten \(atom\)|post comments \(atom\)|populaire posts van deze blog"
    r"|popular posts from this blog|\d+ (?:reacties?|comments?|responses?|thoughts?|gedachten(?:n)?) (?:op|on|to|over) .{1,200}"
    r"|(?:lezers)?reacties(?: van lezers)?(?: \(\d+\))?|(?:reader )?comments(?: \(\d+\))?|reacties \(\d+\)"
    r"|(?:\d+ )?(?:lezers)?reacties(?: op dit (?:artikel|bericht|stuk))?|what readers say|wat lezers zeggen",
    re.IGNORECASE)
_SAID = re.compile(r"(?:[^\s.,;:!?]{1,40}(?:\s[^\s.,;:!?]{1,40}){0,3}\s)?(?:zei|said|zegt|says|schreef|wrote)\s*"
                   r"(?:…|\.\.\.|:)\s*", re.IGNORECASE)  # 'Kees zei…', 'Jane Doe said...', 'Piet zegt:'
_STAMP = re.compile(r"\s(?:om|at)\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*$", re.IGNORECASE)  # '4 maart 2019 om 11:37'
_PROSE = 40  # characters: a line this long is the post's own text
_COMMENTS_HEADING = re.compile(r"reacties|comments|opmerkingen|\d+ (?:reacties?|opmerkingen?|comments?):?", re.IGNORECASE)
_WIDGET_TAIL = " \t.:!…*-–()[]|"
_BUTTON = re.compile(r"^\s*\[([^\]\n]{1,90})\]\([^)\s]{1,2000}\)\s*$")
_SCRIPT_SPAN = re.compile(r"(?:<!--\s*)?(?://\s*)?<!\[CDATA\[.{0,5000}?\]\]>(?:\s*-->)?|if\s*\(\s*typeof\s*\(?.{0,5000}?//\s*\]\]>",
                          re.DOTALL)  # only run on a text holding ']]>', the end of every such span
_CODE_LINE = re.compile(
    r"document\.write\s*\(|typeof\s*\(|\]\]>|<!\[CDATA\[|^\s*(?:var|let|const)\s+[\w$]+\s*=|function\s*\([^)]{0,200}\)\s*\{"
    r"|adsbygoogle|googletag\.|_gaq\.push|\bga\s*\(\s*'|window\.[\w$.]+\s*=|^\s*[{}();,]+\s*$|fbq\s*\(|dataLayer",
    re.IGNORECASE)
_PROMO = re.compile(
    r"nieuwsbrief|newsletter|schrijf je (?:nu )?in|meld je (?:nu )?aan|subscribe|sign up|log ?in om verder"
    r"|lees verder met|alleen voor abonnees|word (?:nu )?abonnee|word lid|become a member|subscribers only"
    r"|to continue reading|premium[- ]artikel|paywall|word (?:nu )?(?:een )?(?:pro|premium|plus)\b"
    r"|probeer (?:het |ons )?[\w-]{0,20}abonnement|[\w-]{0,20}abonnement (?:\w+ ){0,3}proberen|upgrade (?:to|naar) (?:pro|premium|plus)"
    r"|try (?:pro|premium|plus) |unlock (?:this|the full|the rest)|(?:luister|listen|beluister)\b.{0,80}\bpodcast"
    r"|podcast\b.{0,80}\b(?:luister|listen|beluister|abonneer|spotify|apple podcasts)",
    re.IGNORECASE)
_PROMO_MAX = 250  # a longer paragraph is the author's, whatever words it uses
_END_BIO = re.compile(r"^(?:\*\*|#+\s*)?(?:over de auteur|over mij|about the author|about me)\b", re.IGNORECASE)
_END_FOOTER = re.compile(r"^(?:posted by|geplaatst door|gepost door|labels|labels:|tags:)\s", re.IGNORECASE)  # Blogger's post footer
_END_SOURCE = re.compile(r"^(?:\*\*|_)?(?:bron|bronnen|source|sources)(?:\*\*|_)?\s*:", re.IGNORECASE)


# Lines of a page's furniture by their shape: a view counter ('3296 Bekeken', '1.204 views'),
# a copyright line ('© 2015 Klaagblog'), a bare line of tags or categories, a teaser link
# to another post ('[Read more…] about Glasnet belt terug').
_FURNITURE = re.compile(
    r"\W{0,3}(?:\d[\d.,]*\s*(?:x\s*)?(?:bekeken|keer bekeken|weergaven|views|keer gelezen|reads|hits|likes?)"
    r"|(?:bekeken|weergaven|views|gelezen|hits)\s*:?\s*\d[\d.,]*(?:\s*(?:keer|times))?"
    r"|(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?=\d{4}))\s*(?:\d{4})?(?:\s*[-–]\s*\d{4})?[^.!?]{0,80}"
    r"|(?:tags?|labels?|categorie(?:ën|s)?|categories|category|filed under|posted in|geplaatst in|tagged(?: with)?"
    r"|trefwoorden|onderwerpen|topics)\s*:?\s+[^.!?]{1,200}"
    r"|(?:#[\w-]+[\s,]*){2,}"
    r"|\[?(?:read more|lees meer|lees verder|verder lezen|continue reading)\W{0,4}\]?(?:\([^)\s]{0,2000}\))?"
    r"\s*(?:about|over|:)\s.{0,200})\W{0,3}",
    re.IGNORECASE)
_TAG_LIST = re.compile(r"[:,]")


def is_furniture(line: str) -> bool:
    """One line -> whether it is a page's furniture by its shape (view counter, copyright,
    tag line, teaser): short, and nothing of the author's story."""
    text = line.strip()
    if not text or len(text) > 220 or _FURNITURE.fullmatch(text) is None:
        return False
    head = text.split(None, 1)[0].strip(":").casefold()
    if head in ("tags", "tag", "labels", "label", "categorieën", "categories", "category", "trefwoorden", "onderwerpen",
                "topics", "categorie", "categories:") or text.lower().startswith(("posted in", "geplaatst in", "filed under",
                                                                                    "tagged")):
        return _TAG_LIST.search(text) is not None or len(text.split()) <= 6  # 'Tags: a, b' - not 'Tags are ...'
    return True


def is_widget(line: str) -> bool:
    """One line -> whether it is a comment, share or navigation widget's text, or a
    button that is only a link with such a text (Substack's `[Leave a comment](...)`)."""
    button = _BUTTON.match(line)
    text = (button.group(1) if button else line).strip().strip(_WIDGET_TAIL)
    if not text or len(text) >= 90:
        return False
    return _WIDGET.fullmatch(text) is not None or (not _LIST_ITEM.match(line) and _SHARE_NAME.fullmatch(text) is not None)


def drop_scripts(text: str) -> str:
    """Text -> without the scraped text of inline scripts, spans and whole code lines."""
    if "]]>" in text:
        text = _SCRIPT_SPAN.sub("", text)
    return "\n".join(line for line in text.split("\n") if not _CODE_LINE.search(line))


def _paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def _is_promo(block: str) -> bool:
    return len(block) <= _PROMO_MAX and _PROMO.search(block) is not None


def _is_footer(block: str) -> bool:
    return all(_END_FOOTER.match(line.strip()) for line in block.strip().split("\n"))


def _drop_tail(blocks: list[str]) -> list[str]:
    """Paragraphs -> without a closing author bio, closing 'Bron:' lines, and a closing
    footer of the post ('Posted by Jane Doe at 3:08 PM', 'Labels: ...')."""
    for number, block in enumerate(blocks):
        if number > 0 and number >= len(blocks) - 3 and _END_BIO.match(block.strip()):
            blocks = blocks[:number]
            break
    while blocks and len(blocks[-1]) < 300 and (_END_SOURCE.match(blocks[-1].strip()) or _is_footer(blocks[-1])):
        blocks = blocks[:-1]
    return blocks


def _comments_start(lines: list[str]) -> int:
    """A post's lines -> where the comments under it begin (a copied Blogger page: 'Reacties',
    'Kees' / 'zei…' with the comment's time within 40 lines, 'Een reactie posten', 'Populaire
    posts van deze blog'), else len(lines). Only below a sentence of the post's own: a
    theme may show 'No comments:' or a comment link above the post too."""
    prose = False
    for number, line in enumerate(lines):
        if not prose:
            prose = len(line.strip()) >= _PROSE and not is_widget(line)
            continue
        if _COMMENTS_START.fullmatch(line.strip().strip(_WIDGET_TAIL)):
            return number
        if _SAID.fullmatch(line.strip()) and any(_STAMP.search(after) or (len(after) < 60 and first_date(after))
                                                 for after in lines[number + 1:number + 40]):
            start = number - 1 if line.strip().casefold().startswith(("zei", "said")) else number
            while start > 0 and (not lines[start - 1].strip() or _COMMENTS_HEADING.fullmatch(lines[start - 1].strip())):
                start -= 1
            return start
    return len(lines)


def clean(text: str) -> str:
    """A post's text (Markdown or plain) -> the text without blog junk."""
    text = drop_scripts(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    lines = [line for line in lines[:_comments_start(lines)] if not is_widget(line) and not is_furniture(line)]
    blocks = [block for block in _paragraphs("\n".join(lines)) if not _is_promo(block)]
    return "\n\n".join(block.strip("\n") for block in _drop_tail(blocks))


# What YAML allows in a file (and feeds and pages can carry): the rest is dropped.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DEEP = re.compile(r"^([\s>*+-]{64})[\s>*+-]+", re.MULTILINE)
_FOOTNOTES_MAX = 20


def printable(text: str) -> str:
    """Text -> without the characters a YAML file may not hold (C0 and C1 controls, U+FFFE ...)."""
    return _UNPRINTABLE.sub("", text)


def bounded(text: str) -> str:
    """Imported Markdown -> the same within what the renderer survives: no control
    characters, line prefixes of at most 64 quote/list/indent characters (deeper nesting
    overflows markdown-it.rs's stack), and '[^' escaped when it comes more than 20 times
    (runs of it make markdown-it.rs spin)."""
    text = _DEEP.sub(r"\1", printable(text))
    return text.replace("[^", "[\\^") if text.count("[^") > _FOOTNOTES_MAX else text


_PERSON = r"[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:van|de|der|den|ten|ter|te|het|'t|la|le|di|du|von|[A-ZÀ-Ý][\w'’.-]*)){1,4}"
_SIGN_OFF = re.compile(
    r"(?:met\s+)?(?:(?:vriendelijke|hartelijke|beste|warme|sportieve|lieve)\s+)?(?:groet(?:en|jes)?|gegroet)"
    r"|(?:kind|best|warm|warmest|kindest)\s+regards|regards|sincerely(?:\s+yours)?|yours\s+(?:sincerely|faithfully|truly)"
    r"|cheers|thanks|thank you|bedankt|hoogachtend|greetings|all the best|groet", re.IGNORECASE)
_SIGNED = re.compile(rf"^\W{{0,3}}(?:{_SIGN_OFF.pattern})[ \t]*[,.!]?[ \t]*(?:\n[ \t]*)?[-–—]?[ \t]*"
                     rf"(?-i:({_PERSON}|[A-ZÀ-Ý][\w'’-]+))\W{{0,3}}$", re.IGNORECASE)
_BIO = re.compile(rf"^[*_]{{0,2}}(?:(?:over de auteur|over mij|about the author|about me)\W{{0,3}}\s+)?({_PERSON})\s+"
                  r"(?:is|was|schrijft|writes|werkt|works|woont|lives|blogt|blogs|heeft|has)\b")
_BIO_WORDS = re.compile(r"\b(?:journalist|schrijver|schrijft|writer|writes|blog\w*|auteur|author|columnist|redacteur|editor"
                        r"|woont|lives|werkt als|works as|volg (?:hem|haar)|follow (?:him|her)|twitter|boek|book|podcast"
                        r"|freelance\w*|consumentenzaken|consumer)\b", re.IGNORECASE)
_BIO_MAX = 600


def closing_bio(body: str) -> tuple[str, str]:
    """A post's Markdown -> (the body without an author bio as its last paragraph, the
    name the bio gives): 'Jan Jansen is journalist en schrijft over consumentenzaken.'"""
    blocks = _paragraphs(body)
    for back in (1, 2):
        if len(blocks) <= back:
            break
        block = blocks[-back].strip()
        found = _BIO.match(block.lstrip("#> ").strip())
        if len(block) <= _BIO_MAX and found and _BIO_WORDS.search(block):
            return "\n\n".join(b.strip("\n") for b in blocks[:-back] + blocks[len(blocks) - back + 1:]), found.group(1)
    return body, ""


def signed_by(body: str) -> str:
    """A post's Markdown -> the name it is signed with ('Met hartelijke groeten,\\nPetra Smit'), or ''."""
    lines = [line.strip().strip("*_").strip() for line in body.strip().split("\n") if line.strip()][-3:]
    for start in range(len(lines)):
        found = _SIGNED.match("\n".join(lines[start:]))
        if found:
            return found.group(1).strip()
    return ""
