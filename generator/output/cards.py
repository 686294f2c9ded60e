"""A story's social card: CardText (pages/social.py) -> PNG bytes (1200x630), drawn with Pillow and the
DejaVu Sans fonts shipped in generator/fonts/ (Bitstream Vera licence, beside them).

Deterministic: the same text gives the same bytes (no time, no metadata in the PNG).
Fast enough for 10,000 stories: a 16-colour palette image (4 bits a pixel), text drawn
once per line with FreeType, word widths measured once, and the PNG written here with
zlib's run-length strategy (Pillow's encoder takes twice as long on such an image). The palette is the only colour: the
drawing holds palette indices (0 background, 1..INK ink with its anti-aliasing, ACCENT
the outcome's colour), so one drawing serves every outcome and both colour schemes.
"""

from __future__ import annotations

import functools
import struct
import zlib
from pathlib import Path

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


@functools.lru_cache(maxsize=65536)  # words repeat across titles
def _word(font: ImageFont.FreeTypeFont, word: str) -> float:
    return font.getlength(word)


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
    return [_ellipsis(item, font, width) if font.getlength(item) > width else item for item in out]


def _line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """Text -> one line of it that fits `width` ('' for blank text)."""
    return (_fit(text, font, width, 1) or [""])[0]


def _ellipsis(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """Text -> the longest start of it with '…' that fits `width`."""
    if font.getlength(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits, by bisection (getlength is ~µs)
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle].rstrip() + "…") <= width:
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    if low < len(text) and not text[low].isspace() and " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]  # end at a word, not inside one
    return cut.rstrip() + "…"


def render_card(card: CardText) -> bytes:
    """CardText -> the PNG bytes of its 1200x630 card."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indices, drawn as grey levels
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, HEIGHT), fill=ACCENT)
    width = WIDTH - 2 * MARGIN
    company = _font(True, 40)
    draw.text((MARGIN, 64), _line(card.company, company, width), font=company, fill=INK)
    title = _font(True, 64)
    for number, line in enumerate(_fit(card.title, title, width, TITLE_LINES)):
        draw.text((MARGIN, 150 + number * 84), line, font=title, fill=INK)
    small = _font(False, 34)
    draw.rectangle((MARGIN, 503, MARGIN + 28, 531), fill=ACCENT)
    facts = card.figure or card.outcome_label
    draw.text((MARGIN + 46, 496), _line(facts, small, width - 46), font=small, fill=INK)
    footer = _font(False, 26)
    draw.text((MARGIN, 566), _line(card.site, footer, width), font=footer, fill=INK - 3)
    packed = Image.frombuffer("P", image.size, image.tobytes(), "raw", "P", 0, 1).tobytes("raw", "P;4")
    return _png(packed, _palette(card.outcome))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(packed: bytes, palette: list[int]) -> bytes:
    """4-bit palette pixels, row by row, and 16 RGB entries -> PNG bytes (no metadata)."""
    stride = WIDTH // 2
    rows = b"".join(b"\0" + packed[y * stride:(y + 1) * stride] for y in range(HEIGHT))  # filter 0 on each row
    deflate = zlib.compressobj(1, zlib.DEFLATED, 15, 9, zlib.Z_RLE)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 4, 3, 0, 0, 0)),
        _chunk(b"PLTE", bytes(palette)),
        _chunk(b"IDAT", deflate.compress(rows) + deflate.flush()),
        _chunk(b"IEND", b""),
    ))
