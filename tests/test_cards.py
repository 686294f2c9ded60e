"""Social cards: a PNG per story (1200x630) with company, outcome, days and title, in
og:image and twitter:card; a story's own first image wins; same text, same bytes; drawn
once and then taken from the cache."""

from __future__ import annotations

import io
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from generator.build import BuildOptions, build_site, check_site
from generator.fast import speed
from generator.output import cards
from generator.output.cards import render_card
from generator.pages.social import CardText, card_text
from tests.conftest import tree_bytes, write_tree

PNG = (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8)[:8]
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a3d9d6"
    "1e0000000049454e44ae426082")

SITE = {
    "site.yaml": 'title: "Dossiers"\nbase_url: "https://user.github.io/repo/"\nlanguage: nl\n',
    "content/companies/glasnet.yaml": "name: Glasnet\n",
    "content/stories/2017-05-01-modem.md": """\
        ---
        title: "Het modem dat nooit kwam"
        company: Glasnet
        date: 2017-05-01
        incident: 2017-04-01
        outcome: open
        apology: "no"
        language: en
        ---
        Still waiting.
        """,
    "content/stories/2018-01-01-foto.md": """\
        ---
        title: "Met foto"
        company: Glasnet
        date: 2018-01-01
        outcome: resolved
        incident: 2017-12-01
        resolved: 2017-12-09
        apology: "yes"
        ---
        ![De kast](kast.png)
        """,
    "content/stories/kast.png": TINY_PNG,
}


def _card(**changes: str) -> CardText:
    base = {"company": "Glasnet", "title": "Acht dagen zonder internet", "outcome": "open",
            "outcome_label": "Open", "figure": "4.018 dagen open", "site": "Dossiers"}
    return CardText(**{**base, **changes})


def test_a_card_is_a_1200_by_630_png_with_the_same_bytes_for_the_same_text() -> None:
    data = render_card(_card())
    assert data.startswith(PNG) and data == render_card(_card())
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (1200, 630) and image.format == "PNG"
    assert render_card(_card(outcome="resolved")) != data  # the outcome's colour
    assert render_card(_card(title="Een andere titel")) != data


def _rows(data: bytes) -> bytes:
    """PNG bytes -> its decompressed image data (zlib checks the stream and its Adler-32)."""
    chunks, at = {}, 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        chunks[kind] = chunks.get(kind, b"") + data[at + 8:at + 8 + length]
        at += 12 + length
    assert list(chunks) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    assert chunks[b"IHDR"][8:10] == bytes([4, 3])  # 4 bits a pixel, a palette
    return zlib.decompress(chunks[b"IDAT"])


@pytest.mark.parametrize("title", ["", "x" * 500, "woord " * 200, "日本語のタイトル", "emoji 🙂 en \u200b",
                                   "Z̷̢̛̛a̶̡̛l̸̨̛g̵̢̛o̴̧̕" * 3, "tab\there"])
def test_any_title_fits_the_card(title: str) -> None:
    data = render_card(_card(title=title, company=title))
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (1200, 630) and image.mode == "P"
    rows = _rows(data)
    assert len(rows) == 630 * 601 and all(rows[y * 601] == 0 for y in range(630))  # 630 rows, filter 0


def test_the_card_is_what_pillow_draws() -> None:
    """The glyphs placed one by one and the bands deflated apart give the pixels of drawing
    every line with ImageDraw.text on one image (text without combining marks)."""
    card = _card(company="Énergie Überall AVTo", title="Résumé: façade — “quotes” & Ωmega ÀÉÍ gjpqy LTWa "
                 "Yo fi ffl " * 3, figure="Opgelost na 8 dagen", site="Mijn klachten")
    expected = Image.new("L", (1200, 630), 0)
    draw = ImageDraw.Draw(expected)
    draw.rectangle((0, 0, 23, 630), fill=cards.ACCENT)
    width = 1200 - 2 * cards.MARGIN
    draw.text((80, 64), card.company, font=cards._font(True, 40), fill=cards.INK)
    for number, line in enumerate(cards._fit(card.title, cards._font(True, 64), width, 3)):
        draw.text((80, 150 + number * 84), line, font=cards._font(True, 64), fill=cards.INK)
    draw.rectangle((80, 503, 108, 531), fill=cards.ACCENT)
    draw.text((126, 496), card.figure, font=cards._font(False, 34), fill=cards.INK)
    draw.text((80, 566), card.site, font=cards._font(False, 26), fill=cards.INK - 3)
    drawn = Image.open(io.BytesIO(render_card(card)))
    assert drawn.tobytes() == expected.tobytes()


def test_the_same_bytes_in_a_fresh_process_and_with_warm_caches() -> None:
    card = _card(title="Dezelfde kaart, twee keer getekend")
    first = render_card(card)
    for cached in (cards._glyph, cards._kern, cards._remembered, cards._bare):
        cached.cache_clear()
    assert render_card(card) == first == render_card(card)
    code = ("import sys; from generator.output.cards import render_card; from generator.pages.social import CardText; "
            f"sys.stdout.buffer.write(render_card(CardText(*{tuple(vars(card).values())!r})))")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           cwd=Path(__file__).resolve().parent.parent).stdout
    assert fresh == first


def test_long_titles_are_cut_at_a_word_with_an_ellipsis() -> None:
    font = cards._font(True, 64)
    lines = cards._fit("een " * 60 + "einde", font, 1040, 3)
    assert len(lines) == 3 and lines[-1].endswith("…") and all(font.getlength(line) <= 1040 for line in lines)


def test_card_text_in_the_storys_language_with_days_open_or_to_resolve(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    site = check_site(write_tree(tmp_path / "site", SITE), BuildOptions()).site
    by_slug = {s.slug: s for s in site.stories}
    modem = card_text(site, by_slug["modem"], site.company_of(by_slug["modem"]))
    assert modem == CardText("Glasnet", "Het modem dat nooit kwam", "open", "Open", "Open for 3,197 days", "Dossiers")
    photo = card_text(site, by_slug["foto"], site.company_of(by_slug["foto"]))
    assert (photo.outcome_label, photo.figure) == ("Opgelost", "Opgelost na 8 dagen")


def test_og_image_is_the_card_or_the_storys_own_first_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = write_tree(tmp_path / "site", SITE)
    out = tmp_path / "out"
    build_site(site, out, BuildOptions(search=False))
    modem = (out / "stories" / "modem" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://user.github.io/repo/stories/modem/card.png">' in modem
    assert '<meta property="og:image:width" content="1200">' in modem
    assert '<meta name="twitter:card" content="summary_large_image">' in modem
    assert Image.open(out / "stories" / "modem" / "card.png").size == (1200, 630)
    photo = (out / "stories" / "foto" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://user.github.io/repo/stories/foto/kast.png">' in photo \
        or '<meta property="og:image" content="https://user.github.io/repo/images/' in photo
    assert "card.png" not in photo and '<meta name="twitter:card" content="summary_large_image">' in photo
    again = tmp_path / "again"
    build_site(site, again, BuildOptions(search=False))
    assert (again / "stories/modem/card.png").read_bytes() == (out / "stories/modem/card.png").read_bytes()


def test_cards_are_drawn_once_then_taken_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    import generator.fast.cards as store

    drawn: list[CardText] = []
    real = store._draw

    def counting(card: CardText) -> bytes:
        drawn.append(card)
        return real(card)

    monkeypatch.setattr(store, "_draw", counting)
    site = write_tree(tmp_path / "site", SITE)
    options = BuildOptions(search=False)
    fast = speed(jobs=1, cache_dir=tmp_path / "cache")
    build_site(site, tmp_path / "one", options, speed=fast)
    assert len(drawn) == 2
    first = tree_bytes(tmp_path / "one")
    build_site(site, tmp_path / "two", options, speed=fast)  # another output, the same cache
    assert len(drawn) == 2
    assert tree_bytes(tmp_path / "two")["stories/modem/card.png"] == first["stories/modem/card.png"]
    story = site / "content/stories/2017-05-01-modem.md"
    story.write_text(story.read_text(encoding="utf-8").replace("nooit kwam", "nooit, nooit kwam"), encoding="utf-8")
    build_site(site, tmp_path / "three", options, speed=fast)
    assert [card.title for card in drawn[2:]] == ["Het modem dat nooit, nooit kwam"]


def test_social_cards_false_draws_none_and_og_image_only_names_a_storys_own_image(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = write_tree(tmp_path / "site", {**SITE, "site.yaml": SITE["site.yaml"] + "social_cards: false\n"})
    out = tmp_path / "out"
    build_site(site, out, BuildOptions(search=False))
    assert not [path for path in tree_bytes(out) if path.endswith("card.png")]
    modem = (out / "stories" / "modem" / "index.html").read_text(encoding="utf-8")
    assert "og:image" not in modem and "twitter:card" not in modem and "card.png" not in modem
    photo = (out / "stories" / "foto" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://user.github.io/repo/' in photo and "card.png" not in photo
    assert '<meta name="twitter:card" content="summary_large_image">' in photo
    assert "card.png" not in (out / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("line", "expected"), [("social_cards: false", False), ("social_cards: true", True),
                                                ("", True)])
def test_social_cards_key_in_site_yaml(line: str, expected: bool) -> None:
    from generator.read.config import parse_config

    config, problems = parse_config(f"title: x\n{line}\n".encode())
    assert problems == [] and config.social_cards is expected


def test_social_cards_wrong_value_is_an_error_with_its_line() -> None:
    from generator.read.config import parse_config

    config, problems = parse_config(b"title: x\nsocial_cards: sometimes\n")
    assert config.social_cards is True
    assert [str(problem) for problem in problems] == [
        "site.yaml:2: social_cards: expected true or false, got 'sometimes'"]


def test_a_body_edit_or_no_change_draws_no_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    import generator.fast.cards as store

    drawn: list[CardText] = []
    real = store._draw
    monkeypatch.setattr(store, "_draw", lambda card: drawn.append(card) or real(card))
    site = write_tree(tmp_path / "site", SITE)
    out, options = tmp_path / "out", BuildOptions(search=False)
    fast = speed(jobs=1, cache_dir=tmp_path / "cache")
    build_site(site, out, options, speed=fast)
    card = (out / "stories/modem/card.png").read_bytes()
    assert len(drawn) == 2
    build_site(site, out, options, speed=fast)  # nothing changed
    story = site / "content/stories/2017-05-01-modem.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Still waiting.", "Still waiting, still."),
                     encoding="utf-8")
    build_site(site, out, options, speed=fast)  # the body alone: the page is patched, the card kept
    assert "Still waiting, still." in (out / "stories/modem/index.html").read_text(encoding="utf-8")
    assert len(drawn) == 2 and (out / "stories/modem/card.png").read_bytes() == card
