"""A plain-text or Markdown post -> a Post: title line, byline, date, and a clean body.

The first short line is the title when it looks like one; the same title printed again
and a byline (`• 3 maart 2019 • Anna de Vries`, `Posted on March 3, 2014 by Jane Doe`)
below it are facts, not body. Raw `<a>` tags become Markdown links, `•` lines a list,
lines ending a sentence separate paragraphs (scraped text has no blank lines). A body
that is HTML (a Jekyll `.html` post, as jekyll-import writes them; a post saved as an
HTML fragment, as Substack exports them) is converted as HTML is; a Hugo or Jekyll post's
shortcodes and Liquid tags are made Markdown (shortcodes.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from generator.importer.dates import find_dates, first_date
from generator.importer.junk import clean, drop_scripts, is_widget
from generator.importer.markup import absolute, html_to_markdown
from generator.importer import shortcodes
from generator.importer.post import Post

_ANCHOR = re.compile(r"""<a\s[^>]{0,500}?href\s*=\s*(["'])([^"'<>]{0,2000})\1[^>]{0,500}>(.{0,2000}?)</a\s*>""",
                     re.IGNORECASE | re.DOTALL)
_INLINE = ((re.compile(r"</?(?:b|strong)\s*>", re.IGNORECASE), "**"), (re.compile(r"</?(?:i|em)\s*>", re.IGNORECASE), "*"),
           (re.compile(r"<br\s*/?>", re.IGNORECASE), "\n"), (re.compile(r"</?p\s*>", re.IGNORECASE), "\n\n"))
_HTML_COMMENT_OPEN, _HTML_COMMENT_CLOSE = re.compile("<!--"), re.compile("-->")
_BULLET = re.compile(r"^\s*[•·▪◦●‣]\s*")
_TITLE_PREFIX = re.compile(r"^(?:#{1,6}\s+|(?:(?:title|titel|subject|onderwerp|betreft|re|fwd?|aw|antw)\s*:\s*)+)", re.IGNORECASE)
_BYLINE_WORDS = re.compile(r"\b(?:door|by|posted|geplaatst|gepubliceerd|published|written|geschreven|reviewed|beoordeeld"
                           r"|updated|bijgewerkt|op|on|in|om|at"
                           r"|\d{1,2}[:.]\d{2}(?:\s*uur)?|\w+dag|\w+day|\w+tag|den)\b", re.IGNORECASE)
_NAME = re.compile(r"^(?:(?:[A-ZÀ-Ý][\w'’.-]*|de|van|der|den|ten|ter|te|het|'t|la|le|di|du)\s+){0,4}[A-ZÀ-Ý][\w'’.-]*$")
_SENTENCE_END = re.compile(r"""[.!?:;)"”’']\s*$""")
_MARKDOWN_BLOCK = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\||```|~~~|    )")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_HTML_BODY = re.compile(r"^\s*(?:<!--.{0,2000}?-->\s*)*<(?:p|div|h[1-6]|ul|ol|table|blockquote|figure|section|pre"
                        r"|header)\b[^>]{0,2000}>", re.IGNORECASE | re.DOTALL)
_PARAGRAPH_END = re.compile(r"</(?:p|div|li|h[1-6])\s*>", re.IGNORECASE)


def is_html(text: str) -> bool:
    """A post's body -> whether it is written in HTML rather than text or Markdown: it
    opens with a block element, or closes blocks as HTML does (twice at least)."""
    return _HTML_BODY.match(text) is not None or len(_PARAGRAPH_END.findall(text, 0, 200_000)) >= 2


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", _TITLE_PREFIX.sub("", line)).strip().casefold()


def _links(text: str, base: str) -> str:
    """Raw <a href> tags (and <b>, <i>, <br>, <p>) in plain text -> Markdown."""
    def link(match: re.Match[str]) -> str:
        label = re.sub(r"<[^>]+>", "", match.group(3)).strip().replace("[", r"\[").replace("]", r"\]")
        href = absolute(match.group(2), base).replace(" ", "%20").replace(")", "%29")
        return f"[{label or href}]({href})" if href else label
    text = _ANCHOR.sub(link, text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


_LEGAL_END = re.compile(r"\b(?:B\.V|N\.V|V\.O\.F|C\.V|Ltd|Inc|Co|Corp|Bros|plc|e\.V)\.$")  # 'Open brief aan Energiek B.V.'


def looks_like_title(line: str) -> bool:
    """One line -> whether it reads as a title (short, not a sentence going on)."""
    text = line.strip()
    return 0 < len(text) <= 120 and len(text.split()) <= 16 and (not re.search(r"[.,;:]$", text) or _LEGAL_END.search(text) is not None) \
        and not is_widget(text) and not text.startswith(("- ", "* ", "[", "!", "|", ">"))


def byline(line: str) -> tuple[date | None, str] | None:
    """A line under the title -> (date, author) when it is a byline, else None."""
    text = line.strip()
    if len(text) > 120:
        return None
    found = [f for f in find_dates(text) if f.has_year]
    keyword = re.match(r"^[•·|\s]*(?:door|by|posted|geplaatst|gepubliceerd|published|written|geschreven|reviewed"
                       r"|beoordeeld)\b", text,
                       re.IGNORECASE)
    if not found and not keyword:
        return None
    rest = text
    for f in reversed(found):
        rest = rest[:f.start] + " " + rest[f.end:]
    rest = _BYLINE_WORDS.sub(" ", rest)
    rest = re.sub(r"[•·|,/–—\-]+", " ", rest)
    rest = " ".join(rest.split()).strip(" .!?")
    author = rest if _NAME.match(rest) else ""
    if found and (len(rest.split()) > 5 or (rest and not author and re.search(r"\w[.!?]$", text))):
        return None  # a sentence with a date in it ('Op 1 juli 2021 viel het water uit.'): body, not byline
    return (found[0].value if found else None), author


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A Jekyll or Hugo post -> (its front-matter, the rest): YAML between '---' lines,
    or TOML between '+++' lines (Hugo); ({}, text) for other text. Front-matter that does
    not load as a whole (one bad value among a thousand comments that jekyll-import
    kept from WordPress) gives the keys that load on their own, and is no body text."""
    match = re.match(r"^(---|\+\+\+)[ \t]*\n(.*?\n)?\1[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        return {}, text
    written = match.group(2) or ""
    toml = match.group(1) == "+++"
    data = _mapping(written, toml=toml)
    if data is None:
        chunks = (_mapping(chunk, toml=toml) for chunk in _TOP_KEY[toml].split(written))
        data = {key: value for chunk in chunks if chunk for key, value in chunk.items()}
        if not data and not _KEY_LINE.search(written):
            return {}, text  # no keys: text between two rules, not front-matter
    return data, text[match.end():]


_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*[:=]", re.MULTILINE)  # 'title: [unclosed' is front-matter that does not load
_TOP_KEY = {False: re.compile(r"\n(?=[^\s#\-])"), True: re.compile(r"\n(?=[A-Za-z0-9_\"'-]+\s*=|\[)")}


def _mapping(written: str, *, toml: bool) -> dict[str, Any] | None:
    """Front-matter text, YAML or TOML -> the mapping it holds; None when it does not load as one."""
    import yaml

    try:
        if toml:
            import tomllib

            data: Any = tomllib.loads(written)
        else:
            from generator.read.yamlsource import load_outside

            data = load_outside(written)  # bounded: an alias bomb is refused, not expanded
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # tomllib's errors are ValueErrors
        return None
    return data if isinstance(data, dict) else None


_DATED_NAME = re.compile(r"^((?:19|20)\d\d)-(\d\d?)-(\d\d?)-(.+?)(?:\.[A-Za-z]{1,9})?$")  # Jekyll's: '2021-9-1-x.md' too
_BUNDLE_PAGE = re.compile(r"^_?index\.[A-Za-z]{1,9}$")


def _name_facts(source: str, name: str) -> tuple[date | None, str]:
    """A post's file name (a Hugo page bundle's: its folder's) -> (its date, its slug) as
    Jekyll names posts ('2015-12-16-geen-sorry.md'); a bundle's undated folder is its
    slug ('geen-sorry/index.md'); (None, '') for other names."""
    bundle = _BUNDLE_PAGE.match(name) is not None
    if bundle:
        parts = source.replace("\\", "/").split("#", 1)[0].rstrip("/").split("/")
        name = parts[-2] if len(parts) >= 2 and parts[-2] not in ("", ".", "..") else ""
    found = _DATED_NAME.match(name)
    if not found:
        return None, name if bundle else ""
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3))), found.group(4)
    except ValueError:
        return None, ""


def hard_wrapped(lines: list[str]) -> bool:
    """Lines -> whether the text was wrapped by hand: sentences go on over line breaks
    (a line not ending a sentence, the next starting in lower case) in a fifth of the joins."""
    joins = wraps = 0
    for line, after in zip(lines, lines[1:]):
        if line.strip() and after.strip() and not _MARKDOWN_BLOCK.match(after):
            joins += 1
            wraps += not _SENTENCE_END.search(line) and after.lstrip()[:1].islower()
    return joins > 0 and wraps * 5 >= joins


def _breaks(line: str, after: str) -> bool:
    """Two lines of scraped text -> whether a paragraph ends between them."""
    if _MARKDOWN_BLOCK.match(line) and _MARKDOWN_BLOCK.match(after):
        return False
    if _MARKDOWN_BLOCK.match(line) or _MARKDOWN_BLOCK.match(after) or _SENTENCE_END.search(line):
        return True
    return len(line) <= 70 and after.lstrip()[:1].isupper()  # a short heading-like line


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines -> lines with a blank line wherever a paragraph ends, unless the text is
    hard-wrapped (then its blank lines already separate the paragraphs)."""
    if hard_wrapped(lines):
        return lines
    out: list[str] = []
    fenced = False
    for number, line in enumerate(lines):
        out.append(line)
        fenced ^= line.lstrip().startswith(("```", "~~~"))
        after = lines[number + 1] if number + 1 < len(lines) else ""
        if not fenced and line.strip() and after.strip() and _breaks(line, after):
            out.append("")
    return out


def _head(lines: list[str], title: str) -> tuple[list[str], date | None, str]:
    """Lines after the title -> (lines without a repeated title, bylines and the page's
    chrome between them ('Link ophalen', 'Facebook', '-' of a copied Blogger page), date, author)."""
    when: date | None = None
    author = ""
    index = 0
    seen = 0
    while index < len(lines) and seen < 4 and index < _HEAD_LINES:
        line = lines[index]
        if not line.strip() or is_widget(line) or line.strip() in ("-", "–", "—", "|", "•") or _RATING.match(line):
            index += 1
            continue
        found = byline(line)
        if _key(line) == _key(title):
            pass
        elif found is not None:
            when = when or found[0]
            author = author or found[1]
        else:
            break
        seen += 1
        index += 1
    return lines[index:], when, author


_HEAD_LINES = 40
# A review site's stars under the title: '★☆☆☆☆', 'Rated 1 out of 5 stars', '2/5', 'Beoordeling: 1 van de 5'.
_RATING = re.compile(r"^\s*(?:[★☆✩✪⭐*]{1,10}\s*(?:\(?\d(?:[.,]\d)?\s*(?:/\s*5|out of 5|van de 5|uit 5)\)?)?"
                     r"|(?:rated|rating|beoordeling|score|cijfer)?\s*:?\s*\d(?:[.,]\d)?\s*(?:/\s*(?:5|10)|out of (?:5|10)|van de (?:5|10)|uit (?:5|10))"
                     r"(?:\s*(?:stars?|sterren))?)\s*$", re.IGNORECASE)
_LABELS = frozenset("""beantwoord opgelost gesloten answered solved resolved closed nieuw new featured uitgelicht sticky
pinned vastgezet update sponsored gesponsord advertorial premium exclusief exclusive opinie opinion column nieuws news
ingezonden lezersbrief achtergrond blog forum vraag question""".split())
_CREDIT = re.compile(r"^\W{0,3}(?:(?:foto|photo|beeld|image|afbeelding|illustratie|illustration|credit|bron)s?\s*[:©|/]"
                     r"|©|\(c\)|(?:photo|foto|beeld) (?:by|door|via)\b)|\b(?:getty images|shutterstock|unsplash|pexels"
                     r"|hollandse hoogte)\b", re.IGNORECASE)


def _lead(lines: list[str]) -> tuple[list[str], date | None, str]:
    """The first lines of a post without a title given -> (the lines from its title on, the
    date and author of a date line above the title, a forum's badge or a photo credit
    skipped: 'Thursday, October 18, 2007', 'Beantwoord', 'Foto: ANP')."""
    when: date | None = None
    author = ""
    index = 0
    while index < min(len(lines), 8):
        text = lines[index].strip()
        found = byline(text) if text and (not text.startswith("#") or _date_alone(text)) else None
        if not text or is_widget(text):
            pass
        elif found is not None and found[0] is not None:
            when, author = when or found[0], author or found[1]
        elif re.sub(r"[^\w ]", "", text).strip().casefold() in _LABELS or (len(text) <= 120 and _CREDIT.search(text)):
            pass
        else:
            break
        index += 1
    rest = lines[index:]
    return (rest, when, author) if rest else (lines, None, "")


# A post that opens with the day it was written: 'Vandaag, 14 mei 2024, kreeg ik ...', 'Today (3 March 2025) I ...'
_TODAY = re.compile(r"\W{0,3}(?:vandaag|today|vanochtend|vanmorgen|this morning)\b\s*[,(]?\s*(?:\w+(?:dag|day),?\s+)?", re.IGNORECASE)


def _today_said(body: str) -> date | None:
    """A post's text -> the date its first words say it was written ('Vandaag, 14 mei 2024, ...'), else None."""
    opening = _TODAY.match(body)
    if opening is None:
        return None
    found = [f for f in find_dates(body[opening.end():opening.end() + 40]) if f.has_year and f.start == 0]
    return found[0].value if found else None


def _date_alone(heading: str) -> bool:
    """A Markdown heading -> whether it holds a date and nothing else ('## Thursday, October
    18, 2007', Blogger's date header): 'Ordered 12/03/2025, still nothing' is the title."""
    found = [f for f in find_dates(heading) if f.has_year]
    rest = heading
    for f in reversed(found):
        rest = rest[:f.start] + " " + rest[f.end:]
    return bool(found) and not re.sub(r"[\W\d_]+", " ", _BYLINE_WORDS.sub(" ", rest)).strip()


def _meta_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return first_date(str(value)) if value else None


def _person(value: Any) -> str:
    """An author as front-matter gives one -> the name: a string, or a record of one
    (jekyll-import's `{display_name, login, email}` of a WordPress user; `{name, ...}`)."""
    if isinstance(value, dict):
        value = next((value[key] for key in ("display_name", "name", "login") if isinstance(value.get(key), str)), "")
    return value.strip() if isinstance(value, str) else ""


def _meta_author(meta: dict[str, Any]) -> str:
    """Front-matter -> its author: `author` (a name, a record of one, or a list of them)
    or `authors`, the first one."""
    for value in (meta.get("author"), meta.get("authors")):
        names = [_person(item) for item in value] if isinstance(value, list) else [_person(value)]
        if names and names[0]:
            return names[0]
    return ""


def _meta_list(value: Any, *, jekyll: bool) -> tuple[str, ...]:
    """A `tags` or `categories` value -> its names: a list; a string with commas or
    semicolons split at them; another string one name, or in a Jekyll post split at
    blanks, as Jekyll reads `tags: glasvezel storing` (Hugo reads a string as one name)."""
    if isinstance(value, str):
        items: list[Any] = (re.split(r"[,;]", value) if re.search(r"[,;]", value) else
                            value.split() if jekyll else [value])
    else:
        items = value if isinstance(value, list) else []
    return tuple(dict.fromkeys(str(item).strip() for item in items
                               if isinstance(item, (str, int, float)) and str(item).strip()))


def _meta_tags(meta: dict[str, Any], *, jekyll: bool) -> tuple[str, ...]:
    """Front-matter (of a Jekyll post or not) -> its tags, then its categories; Jekyll's
    one-name `tag` and `category` too."""
    def one(key: str) -> tuple[str, ...]:
        value = meta.get(key)
        return (str(value).strip(),) if isinstance(value, (str, int)) and str(value).strip() else ()
    return tuple(dict.fromkeys(_meta_list(meta.get("tags"), jekyll=jekyll) + one("tag")
                               + _meta_list(meta.get("categories"), jekyll=jekyll) + one("category")))


# The head of a letter: 'Aan: Klantenservice Snelnet B.V.', 'Betreft: klacht storing', 'Datum: 5 maart 2024'.
_LETTER_HEAD = re.compile(r"^\s*(aan|to|van|from|datum|date|betreft|onderwerp|subject|re|kenmerk|uw kenmerk|ons kenmerk"
                          r"|klantnummer|customer number|account number|referentie|reference|cc)\s*:\s*(\S.*?)\s*$",
                          re.IGNORECASE)


def _letter_fields(lines: list[str]) -> tuple[int, str, date | None]:
    """The first lines of a post -> the letter head they open with: (how many labelled lines,
    the subject it gives, the date it gives)."""
    labels, title, when = 0, "", None
    for line in lines[:10]:
        if not line.strip():
            continue
        found = _LETTER_HEAD.match(line)
        if found is None:
            break
        labels += 1
        label, value = found.group(1).lower(), found.group(2)
        if label in ("betreft", "onderwerp", "subject", "re") and not title:
            title = _TITLE_PREFIX.sub("", value).strip()
        elif label in ("datum", "date") and when is None:
            when = first_date(value)
    return labels, title, when


def _letter_head(lines: list[str]) -> tuple[str, date | None]:
    """The first lines of a post -> (the subject its letter head gives, the date it gives),
    ('', None) when it opens with no letter head naming a subject."""
    _labels, title, when = _letter_fields(lines)
    return title, (when if title else None)


def _letter_date(lines: list[str]) -> date | None:
    """The lines under a post's title -> the date of the letter head they open with, two
    labelled lines or more ('To: ... / Date: 8 August 2023 / Reference: ...'), or the line
    that is a date alone above the greeting ('Voltwise Energy Ltd / PO Box 1234 / 14 March
    2025 / Dear Sir or Madam,'), or None."""
    labels, _title, when = _letter_fields(lines)
    if labels >= 2:
        return when
    for line in lines[:15]:
        if _GREETING.match(line):
            break
        found = [f for f in find_dates(line) if f.has_year]
        if len(found) == 1 and not _BYLINE_WORDS.sub("", line[:found[0].start] + line[found[0].end:]).strip(" ,.|-"):
            return found[0].value
    return None


_GREETING = re.compile(r"\s*(?:dear|geachte|beste|hello|hi|hallo|to whom)\b", re.IGNORECASE)


def parse_text(text: str, *, source: str, name: str) -> Post:
    """A text or Markdown post, its source and file name -> a Post (date None if none is written)."""
    meta, text = _front_matter(_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    if meta:  # a Hugo or Jekyll post: its shortcodes and Liquid tags made Markdown
        text = shortcodes.convert(text)
    if "<!--" in text and not is_html(text):  # '<!--more-->', a note to self: the page would show them as text
        text = shortcodes.without_spans(text, _HTML_COMMENT_OPEN, _HTML_COMMENT_CLOSE)
    base = source if source.startswith(("http://", "https://")) else ""
    html = is_html(text)
    if html:  # its paragraphs and line breaks are marked: no guessing where they are
        lines = html_to_markdown(text, base=base).split("\n")
    else:
        lines = [line.rstrip() for line in _links(drop_scripts(text), base).split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    title = str(meta.get("title") or "").strip()
    lead_date, lead_author = None, ""
    if not title:  # a letter's head ('Aan: ...', 'Betreft: ...') stays in its body
        title, lead_date = _letter_head(lines)
    if not title:
        lines, lead_date, lead_author = _lead(lines)
    if not title and lines and (lines[0].lstrip().startswith("#") or looks_like_title(lines[0])):
        title = _TITLE_PREFIX.sub("", lines.pop(0)).strip().strip("#").strip()
    lines, when, author = _head(lines, title) if title else (lines, None, "")
    when = when or (_letter_date(lines) if title else None)
    when, author = when or lead_date, author or lead_author
    if html:
        body = clean("\n".join(lines))
    else:
        body = clean("\n".join(_paragraphs([_BULLET.sub("- ", line) for line in lines])))
    named, name_slug = _name_facts(source, name)
    when = when or _today_said(body)
    return Post(
        title=title, body=body, source=source,
        date=_meta_date(meta.get("date")) or when or named,
        author=_meta_author(meta) or author,
        tags=_meta_tags(meta, jekyll=_DATED_NAME.match(name) is not None or "_posts/" in source.replace("\\", "/")),
        slug=str(meta.get("slug") or "") or (name_slug if meta else ""),
        draft=meta.get("draft") is True or meta.get("published") is False,
    )
