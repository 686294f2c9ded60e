"""A story's social card: CardText (pages/social.py) -> PNG bytes (1200x630), drawn with Pillow and the
DejaVu Sans fonts shipped in generator/fonts/ (Bitstream Vera licence, beside them).

Deterministic: the same text gives the same bytes (no time, no metadata in the PNG).
Fast enough for 10,000 stories (~1 ms a card): the card is a 16-colour palette image (4 bits
a pixel) whose palette is the only colour: the drawing holds palette indices (0 background,
1..INK ink with its anti-aliasing, ACCENT the outcome's colour), so one drawing serves every
outcome. The card is four bands of rows (company, title, facts, footer) between rows that
hold only the accent bar; each band is drawn, packed and deflated on its own and the PNG's
zlib stream is these pieces joined (each ends on a byte boundary with an empty stored block,
as zlib's sync flush does). A band whose text was drawn before in this process (the same
company, facts line or site title) and a run of bar-only rows are taken from a cache, so a
card mostly costs its title. Glyphs are rendered once per process and placed where Pillow's
basic layout puts them (same pixels as drawing the line), instead of FreeType rasterising
every line again.
"""

from __future__ import annotations

import functools
import struct
import zlib
from pathlib import Path
from typing import Any

from isal import isal_zlib
from PIL import Image, ImageDraw, ImageFont

from generator.pages.social import HEIGHT, WIDTH, CardText

FONTS = Path(__file__).resolve().parent.parent / "fonts"
INK = 10  # ink levels 1..INK: anti-aliased text
ACCENT = 11
MARGIN = 80
TITLE_LINES = 3

# Outcome -> its accent colour (the outcome badges' hues, dark enough on the light card).
ACCENTS = {"open": (178, 106, 0), "resolved": (31, 122, 68), "unresolved": (178, 40, 40),
           "gave-up": (96, 96, 96), "unknown": (96, 96, 96)}
_BACKGROUND = (250, 247, 241)
_TEXT = (28, 36, 48)


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def _palette(outcome: str) -> list[int]:
    """Outcome -> 16 RGB entries: background, the ink ramp, the accent, then unused."""
    ramp = [tuple(round(b + (t - b) * level / INK) for b, t in zip(_BACKGROUND, _TEXT)) for level in range(INK + 1)]
    colours = [*ramp, ACCENTS.get(outcome, ACCENTS["unknown"])]
    colours += [_BACKGROUND] * (16 - len(colours))
    return [channel for colour in colours for channel in colour]


def _word(font: ImageFont.FreeTypeFont, text: str) -> float:
    """Text -> its width in pixels, as `font.getlength` gives it (the same advances and kerning,
    in 1/64 pixels, so the same number), from glyphs and pairs measured once."""
    pen, previous = 0.0, ""
    for char in text:
        if previous:
            pen += _kern(font, previous + char)
        pen += _glyph(font, char)[3]
        previous = char
    return pen


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Text -> at most `lines` lines no wider than `width`, cut at words; the last line
    ends in '…' when text is left over (a word longer than a line is cut too)."""
    words, out, line = text.split(), [], ""
    space, used = _word(font, " "), 0.0
    for index, word in enumerate(words):
        wide = _word(font, word)
        if not line or used + space + wide <= width:
            line, used = (f"{line} {word}", used + space + wide) if line else (word, wide)
            if used <= width:
                continue
            line, used = "", 0.0
            out.append(_ellipsis(word, font, width))
            if len(out) == lines:
                break
            continue
        out.append(line)
        line, used = word, wide
        if len(out) == lines:
            line = ""
            out[-1] = _ellipsis(" ".join([out[-1], *words[index:]]), font, width)
            break
    if line:
        out.append(line)
    if len(out) > lines:
        out = [*out[:lines - 1], _ellipsis(" ".join(out[lines - 1:]), font, width)]
    return [_ellipsis(item, font, width) if _word(font, item) > width else item for item in out]


def _line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """Text -> one line of it that fits `width` ('' for blank text)."""
    return (_fit(text, font, width, 1) or [""])[0]


def _ellipsis(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """Text -> the longest start of it with '…' that fits `width`."""
    if _word(font, text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits, by bisection (getlength is ~µs)
        middle = (low + high + 1) // 2
        if _word(font, text[:middle].rstrip() + "…") <= width:
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    if low < len(text) and not text[low].isspace() and " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]  # end at a word, not inside one
    return cut.rstrip() + "…"


Segment = tuple[bytes, int, int]  # deflated rows (ending on a sync flush), their Adler-32, their length
_SHIFT = 2  # those two pixels: x on the card is x + 2 in a band's image
BAR = 24  # the accent bar's width
# Where each band's rows are (top, bottom): what is drawn outside its band is cut off.
COMPANY, TITLE, FACTS, FOOTER = (0, 140), (140, 490), (490, 560), (560, HEIGHT)


@functools.lru_cache(maxsize=4096)
def _glyph(font: ImageFont.FreeTypeFont, char: str) -> tuple[Any, int, int, float, int]:
    """A character -> (its anti-aliased mask, Pillow's core image, or None when blank; its x and
    y offset from the pen; its advance; its height)."""
    left, top, right, bottom = (int(edge) for edge in font.getbbox(char))
    width, height = right - left, bottom - top
    if width <= 0 or height <= 0:
        return None, 0, 0, font.getlength(char), 0
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=255)
    return mask.im, left, top, font.getlength(char), height


@functools.lru_cache(maxsize=65536)
def _kern(font: ImageFont.FreeTypeFont, pair: str) -> float:
    return font.getlength(pair) - _glyph(font, pair[0])[3] - _glyph(font, pair[1])[3]


def _text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont,
          ink: int) -> tuple[int, int]:
    """Draws one line of text at `xy` (its top left, as `draw.text`), glyph by glyph where
    Pillow's basic layout puts them -> the rows it inked, (top, bottom), or (0, 0) for none.
    Nothing is kept per word: a cache of each word's placed glyphs (~1 KB a word) held ~15 MB
    in each worker of a 10,000-story build (peak memory, issue #30) to save ~20 µs a card."""
    x, y = xy
    pen, top, bottom, previous = float(x), 1 << 30, -(1 << 30), ""
    bitmap = draw.draw.draw_bitmap  # what ImageDraw.bitmap calls, without its checks (~50 calls a card)
    for char in text:
        if previous:
            pen += _kern(font, previous + char)
        mask, left, down, advance, height = _glyph(font, char)
        if mask is not None:
            bitmap((int(pen + 0.5) + left, y + down), mask, ink)
            top, bottom = min(top, y + down), max(bottom, y + down + height)
        pen += advance
        previous = char
    return (top, bottom) if top < bottom else (0, 0)


def _deflate(rows: bytes) -> Segment:
    """Rows (each its filter byte and packed pixels) -> a Segment: raw deflate with no final block.
    zlib's, not ISA-L's: ISA-L's level 1 is faster (~0.6 ms a card) but once in a while gave
    other bytes for the same rows in another build (the same image, another PNG), and a
    card must be the same file in every build (tests compare whole output trees)."""
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    return deflate.compress(rows) + deflate.flush(zlib.Z_SYNC_FLUSH), isal_zlib.adler32(rows), len(rows)


def _pack(image: Image.Image) -> bytes:
    """An 'L' image of palette indices (its first two columns background) -> its rows as PNG data."""
    return Image.frombuffer("P", image.size, image.tobytes(), "raw", "P", 0, 1).tobytes("raw", "P;4")


@functools.cache
def _bare_row() -> bytes:
    image = Image.new("L", (WIDTH + _SHIFT, 1), 0)
    ImageDraw.Draw(image).rectangle((_SHIFT, 0, _SHIFT + BAR - 1, 0), fill=ACCENT)
    return _pack(image)


@functools.lru_cache(maxsize=64)
def _bare(rows: int) -> Segment:
    """Rows holding only the accent bar."""
    return _deflate(_bare_row() * rows)


Text = tuple[int, int, str, bool, int, int]  # x, y on the card, the line, bold, size, ink


def _band(rows: tuple[int, int], texts: tuple[Text, ...], square: tuple[int, int, int, int] | None = None,
          ) -> tuple[int, int, Segment]:
    """A band of the card's rows with its lines of text and maybe a square in the accent colour
    -> (first row, end row, its Segment): only the rows something was drawn on."""
    top, bottom = rows
    image = Image.new("L", (WIDTH + _SHIFT, bottom - top), 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((_SHIFT, 0, _SHIFT + BAR - 1, bottom - top), fill=ACCENT)
    inked = []
    if square is not None:
        x0, y0, x1, y1 = square
        draw.rectangle((x0 + _SHIFT, y0 - top, x1 + _SHIFT, y1 - top), fill=ACCENT)
        inked.append((y0 - top, y1 - top + 1))
    for x, y, line, bold, size, ink in texts:
        inked.append(_text(draw, (x + _SHIFT, y - top), line, _font(bold, size), ink))
    inked = [(a, b) for a, b in inked if a < b]
    first = max(0, min((a for a, _ in inked), default=0))
    end = min(bottom - top, max((b for _, b in inked), default=0))
    if first >= end:
        return top, top, (b"", 1, 0)
    return top + first, top + end, _deflate(_pack(image.crop((0, first, WIDTH + _SHIFT, end))))


@functools.lru_cache(maxsize=1024)  # a company, a facts line or a site title comes back on many cards
def _remembered(rows: tuple[int, int], texts: tuple[Text, ...], square: tuple[int, int, int, int] | None = None,
                ) -> tuple[int, int, Segment]:
    return _band(rows, texts, square)


def render_card(card: CardText) -> bytes:
    """CardText -> the PNG bytes of its 1200x630 card."""
    width = WIDTH - 2 * MARGIN
    title = _font(True, 64)
    lines = _fit(card.title, title, width, TITLE_LINES)
    facts = card.figure or card.outcome_label
    bands = [
        _remembered(COMPANY, ((MARGIN, 64, _line(card.company, _font(True, 40), width), True, 40, INK),)),
        _band(TITLE, tuple((MARGIN, 150 + number * 84, line, True, 64, INK) for number, line in enumerate(lines))),
        _remembered(FACTS, ((MARGIN + 46, 496, _line(facts, _font(False, 34), width - 46), False, 34, INK),),
                    (MARGIN, 503, MARGIN + 28, 531)),
        _remembered(FOOTER, ((MARGIN, 566, _line(card.site, _font(False, 26), width), False, 26, INK - 3),)),
    ]
    segments, row = [], 0
    for first, end, segment in bands:
        if end > first:  # a band with nothing drawn is left to the bare rows
            if first > row:
                segments.append(_bare(first - row))
            segments.append(segment)
            row = end
    if row < HEIGHT:
        segments.append(_bare(HEIGHT - row))
    return _png(segments, _palette(card.outcome))


def _adler_combine(first: int, second: int, length: int) -> int:
    """Adler-32 of A, of B and B's length -> Adler-32 of A + B (zlib's adler32_combine)."""
    base = 65521
    rem = length % base
    low = first & 0xFFFF
    high = (rem * low) % base
    low += (second & 0xFFFF) + base - 1
    high += (first >> 16) + (second >> 16) + base - rem
    return (low % base) | ((high % base) << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", isal_zlib.crc32(kind + data))


def _png(segments: list[Segment], palette: list[int]) -> bytes:
    """Deflated rows, top to bottom, and 16 RGB entries -> PNG bytes (no metadata)."""
    adler = 1
    for _data, checksum, length in segments:
        adler = _adler_combine(adler, checksum, length)
    # zlib header (deflate, 32 KiB window, fastest), the pieces, an empty final block, the checksum
    stream = b"".join((b"\x78\x01", *(data for data, _c, _l in segments), b"\x03\x00", struct.pack(">I", adler)))
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)),
        _chunk(b"PLTE", bytes(palette)),
        _chunk(b"IDAT", stream),
        _chunk(b"IEND", b""),
    ))
