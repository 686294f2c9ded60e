"""A post's text -> the same text without what the blog put around the author's words.

Removed: comment-widget and share lines ("Geef een reactie", "0 Comments", "comments
powered by Disqus"), the scraped text of ad and tracking scripts, newsletter and paywall
blocks, and an author bio or "Bron:" line at the very end. Whole lines only: a sentence of
the author's is never cut in half.
"""

from __future__ import annotations

import re

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
    r"|you must be logged in to post a comment",
    re.IGNORECASE)
_WIDGET_TAIL = " \t.:!…*-–()[]"
_SCRIPT_SPAN = re.compile(r"(?:<!--\s*)?(?://\s*)?<!\[CDATA\[.{0,5000}?\]\]>(?:\s*-->)?|if\s*\(\s*typeof\s*\(?.{0,5000}?//\s*\]\]>",
                          re.DOTALL)  # only run on a text holding ']]>', the end of every such span
_CODE_LINE = re.compile(
    r"document\.write\s*\(|typeof\s*\(|\]\]>|<!\[CDATA\[|^\s*(?:var|let|const)\s+[\w$]+\s*=|function\s*\([^)]{0,200}\)\s*\{"
    r"|adsbygoogle|googletag\.|_gaq\.push|\bga\s*\(\s*'|window\.[\w$.]+\s*=|^\s*[{}();,]+\s*$|fbq\s*\(|dataLayer",
    re.IGNORECASE)
_PROMO = re.compile(
    r"nieuwsbrief|newsletter|schrijf je (?:nu )?in|meld je (?:nu )?aan|subscribe|sign up|log ?in om verder"
    r"|lees verder met|alleen voor abonnees|word (?:nu )?abonnee|word lid|become a member|subscribers only"
    r"|to continue reading|premium[- ]artikel|paywall",
    re.IGNORECASE)
_PROMO_MAX = 250  # a longer paragraph is the author's, whatever words it uses
_END_BIO = re.compile(r"^(?:\*\*|#+\s*)?(?:over de auteur|over mij|about the author|about me)\b", re.IGNORECASE)
_END_SOURCE = re.compile(r"^(?:\*\*|_)?(?:bron|bronnen|source|sources)(?:\*\*|_)?\s*:", re.IGNORECASE)


def is_widget(line: str) -> bool:
    """One line -> whether it is a comment, share or navigation widget's text."""
    text = line.strip().strip(_WIDGET_TAIL)
    return bool(text) and len(text) < 90 and _WIDGET.fullmatch(text) is not None


def drop_scripts(text: str) -> str:
    """Text -> without the scraped text of inline scripts, spans and whole code lines."""
    if "]]>" in text:
        text = _SCRIPT_SPAN.sub("", text)
    return "\n".join(line for line in text.split("\n") if not _CODE_LINE.search(line))


def _paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def _is_promo(block: str) -> bool:
    return len(block) <= _PROMO_MAX and _PROMO.search(block) is not None


def _drop_tail(blocks: list[str]) -> list[str]:
    """Paragraphs -> without a closing author bio and closing 'Bron:' lines."""
    for number, block in enumerate(blocks):
        if number > 0 and number >= len(blocks) - 3 and _END_BIO.match(block.strip()):
            blocks = blocks[:number]
            break
    while blocks and _END_SOURCE.match(blocks[-1].strip()) and len(blocks[-1]) < 300:
        blocks = blocks[:-1]
    return blocks


def clean(text: str) -> str:
    """A post's text (Markdown or plain) -> the text without blog junk."""
    text = drop_scripts(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line for line in text.split("\n") if not is_widget(line)]
    blocks = [block for block in _paragraphs("\n".join(lines)) if not _is_promo(block)]
    return "\n\n".join(block.strip("\n") for block in _drop_tail(blocks))


# What YAML allows in a file (and feeds and pages can carry): the rest is dropped.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DEEP = re.compile(r"^([\s>*+-]{%d})[\s>*+-]+" % 64, re.MULTILINE)
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
