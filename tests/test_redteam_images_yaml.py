"""Red team (issue 29): story images and front-matter.

- An image claiming more pixels than can be decoded is one `check` error with the
  story's file and line, never a DecompressionBombError.
- Published images are decoded and encoded again: no EXIF, XMP, comment or text survives,
  wherever it hides (a second JPEG appended after the first, a GIF comment block).
- One bounded YAML loader: an alias bomb in an imported post's front-matter is refused
  in a moment; a raw control character in front-matter or a YAML file is an error with
  its line.
"""

from __future__ import annotations

import struct
import time
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from generator.read.images import NotAnImage, image_size, strip_metadata
from generator.read.yamlsource import load_outside
from tests.conftest import run_cli, write_tree

COMPANY = "content/companies/glasnet.yaml"
SECRET = b"52.0912N-GPS-Glasnet-Secret"


def _story(body: str = "Tekst.\n", extra: str = "") -> str:
    return (f"---\ntitle: Storing\ncompany: Glasnet\ndate: 2015-01-01\noutcome: unresolved\napology: 'no'\n{extra}"
            f"---\n{body}")


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = SECRET.decode()
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 28.0)}
    return exif.tobytes()


def _save(image: Image.Image, kind: str, **options: object) -> bytes:
    out = BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _frames() -> list[Image.Image]:
    return [Image.new("RGB", (8, 8), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]


def _png_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET.decode())
    info.add_itxt("XML:com.adobe.xmp", f"<x>{SECRET.decode()}</x>")
    return _save(Image.new("RGBA", (8, 8), (1, 2, 3, 4)), "PNG", pnginfo=info, exif=_exif())


def _png_unknown_chunk() -> bytes:
    data = _save(Image.new("RGB", (8, 8)), "PNG")
    chunk = struct.pack(">I", len(SECRET)) + b"priV" + SECRET + struct.pack(">I", zlib.crc32(b"priV" + SECRET))
    return data[:33] + chunk + data[33:]  # after IHDR: a private chunk no list of known chunks names


LEAKY = {
    "jpeg-exif": lambda: _save(Image.new("RGB", (8, 8)), "JPEG", exif=_exif()),
    "jpeg-comment": lambda: _save(Image.new("RGB", (8, 8)), "JPEG", comment=SECRET),
    "jpeg-second-appended": lambda: (_save(Image.new("RGB", (8, 8)), "JPEG")
                                     + _save(Image.new("RGB", (8, 8)), "JPEG", exif=_exif())),
    "jpeg-rotated-exif": lambda: _save(Image.new("RGB", (8, 4)), "JPEG", exif=_rotated()),
    "jpeg-after-end": lambda: _save(Image.new("RGB", (8, 8)), "JPEG") + SECRET,
    "gif-comment": lambda: _save(Image.new("P", (8, 8)), "GIF", comment=SECRET),
    "gif-animated-comment": lambda: _save(_frames()[0], "GIF", save_all=True, append_images=_frames()[1:],
                                          comment=SECRET, duration=100, loop=0),
    "png-text-exif-xmp": _png_text,
    "png-private-chunk": _png_unknown_chunk,
    "png-after-end": lambda: _save(Image.new("RGB", (8, 8)), "PNG") + SECRET,
    "webp-exif-xmp": lambda: _save(Image.new("RGB", (8, 8)), "WEBP", exif=_exif(), xmp=b"<x>" + SECRET + b"</x>"),
}


def _rotated() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = SECRET.decode()
    return exif.tobytes()


@pytest.mark.parametrize("name", sorted(LEAKY))
def test_no_metadata_survives_publishing(name: str) -> None:
    original = LEAKY[name]()
    assert SECRET in original
    clean = strip_metadata(original)
    assert SECRET not in clean
    with Image.open(BytesIO(clean)) as image:
        assert image.format == Image.open(BytesIO(original)).format
        assert dict(image.getexif()) == {} and "comment" not in image.info


def test_an_animated_gif_keeps_its_frames_and_timing() -> None:
    clean = strip_metadata(LEAKY["gif-animated-comment"]())
    with Image.open(BytesIO(clean)) as image:
        assert (image.n_frames, image.info.get("duration"), image.info.get("loop")) == (3, 100, 0)


def test_a_published_photo_loses_an_appended_jpeg_s_gps_end_to_end(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n",
                                          "content/stories/storing.md": _story("![meter](meter.jpg)\n"),
                                          "content/stories/meter.jpg": LEAKY["jpeg-second-appended"](),
                                          "content/images/logo.gif": LEAKY["gif-comment"]()})
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search", timeout=120)
    assert done.returncode == 0, done.stderr
    published = (tmp_path / "out/stories/storing/meter.jpg").read_bytes()
    assert SECRET not in published and b"GPS" not in published


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def _jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(_save(Image.new("RGB", (8, 8)), "JPEG"))
    at = data.index(b"\xff\xc0")
    data[at + 5:at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _gif_claiming(width: int, height: int) -> bytes:
    data = bytearray(_save(Image.new("P", (8, 8)), "GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    at = data.index(b"\x2c")  # the image descriptor claims the same
    data[at + 5:at + 9] = struct.pack("<HH", width, height)
    return bytes(data)


def _webp_claiming(width: int, height: int) -> bytes:
    data = bytearray(_save(Image.new("RGB", (8, 8)), "WEBP", lossless=True))
    at = data.index(b"VP8L") + 9  # signature byte, then 14 bits of width - 1 and of height - 1
    bits = (width - 1) | ((height - 1) << 14) | (int.from_bytes(data[at:at + 4], "little") & 0xF0000000)
    data[at:at + 4] = bits.to_bytes(4, "little")
    return bytes(data)


BOMBS = {
    "png-50000x50000": (lambda: _png_header(50_000, 50_000), "2,500,000,000 pixels"),
    "png-20000x20000": (lambda: _png_header(20_000, 20_000), "400,000,000 pixels"),
    "png-100000x1500": (lambda: _png_header(100_000, 1_500), "150,000,000 pixels"),
    "jpeg-65000x65000": (lambda: _jpeg_claiming(65_000, 65_000), "4,225,000,000 pixels"),
    "jpeg-65000x2000": (lambda: _jpeg_claiming(65_000, 2_000), "130,000,000 pixels"),
    "gif-65000x65000": (lambda: _gif_claiming(65_000, 65_000), "4,225,000,000 pixels"),
    "webp-16384x16384": (lambda: _webp_claiming(16_384, 16_384), "268,435,456 pixels"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_an_image_claiming_too_many_pixels_is_refused_before_decoding(name: str) -> None:
    make, pixels = BOMBS[name]
    with pytest.raises(NotAnImage, match=f"^{pixels}.*at most 100,000,000 are decoded$"):
        image_size(make())


def test_check_names_each_bomb_with_the_story_s_file_and_line(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {COMPANY: "name: Glasnet\n"}
    body = ""
    for name in sorted(BOMBS):
        suffix = name.split("-")[0].replace("jpeg", "jpg")
        files[f"content/stories/{name}.{suffix}"] = BOMBS[name][0]()
        body += f"![{name}]({name}.{suffix})\n\n"
    files["content/stories/storing.md"] = _story(body)
    site = write_tree(tmp_path / "site", files)
    started = time.perf_counter()
    done = run_cli("check", site, timeout=60)
    assert time.perf_counter() - started < 30
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if "warning" not in line][:-1]
    expected = [f"content/stories/storing.md:{8 + 2 * n}: image '{name}.{name.split('-')[0].replace('jpeg', 'jpg')}' "
                f"is too large to publish: {BOMBS[name][1]}" for n, name in enumerate(sorted(BOMBS))]
    assert [line.split(" (")[0].split("; at most")[0] for line in lines] == expected


# One bounded YAML loader.

def _bomb(levels: int, width: int = 9) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


BOMB_YAML = {
    "nine-levels": _bomb(9),
    "twelve-levels-wide": _bomb(12, 12),
    "mapping-bomb": "a: &a {x: 1, y: 2}\n" + "".join(
        f"b{n}: &b{n} {{p: *{'a' if n == 0 else f'b{n - 1}'}, q: *{'a' if n == 0 else f'b{n - 1}'}, "
        f"r: *{'a' if n == 0 else f'b{n - 1}'}}}\n" for n in range(25)),
    "in-a-title": _bomb(10) + "title: *a9\n",
}


@pytest.mark.parametrize("name", sorted(BOMB_YAML))
def test_the_bounded_loader_refuses_an_alias_bomb_at_once(name: str) -> None:
    import yaml

    started = time.perf_counter()
    with pytest.raises(yaml.YAMLError, match="alias bomb"):
        load_outside(BOMB_YAML[name])
    assert time.perf_counter() - started < 2


def test_the_bounded_loader_reads_plain_front_matter_as_safe_load_does() -> None:
    text = "title: Storing\ndate: 2015-01-01\ntags: &t [a, b]\nmore: *t\n"
    import yaml

    assert load_outside(text) == yaml.safe_load(text)


@pytest.mark.parametrize("name", sorted(BOMB_YAML))
def test_an_imported_post_with_an_alias_bomb_is_imported_in_a_moment(tmp_path: Path, name: str) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    post = write_tree(tmp_path / "in", {"2020-01-01-bom.md": f"---\ntitle: Bom\n{BOMB_YAML[name]}---\nGlasnet deed niets.\n"})
    started = time.perf_counter()
    done = run_cli("import", post, "--site", site, timeout=60)
    assert time.perf_counter() - started < 30
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


CONTROLS = ["\x1b", "\x07", "\x0b", "\x0c", "\x08", "\x7f", "\x1b]0;titel\x07", "\x01"]


@pytest.mark.parametrize("char", CONTROLS, ids=[repr(c) for c in CONTROLS])
def test_a_control_character_in_front_matter_is_an_error_with_its_line(tmp_path: Path, char: str) -> None:
    site = write_tree(tmp_path / "site", {
        COMPANY: "name: Glasnet\n",
        "content/stories/storing.md": _story(extra=f"summary: \"kort{char}verhaal\"\n"),
    })
    done = run_cli("check", site, timeout=60)
    code = f"U+{ord(char[0]):04X}"
    assert (done.returncode, done.stderr.splitlines()[0]) == (
        1, f"content/stories/storing.md:7: front-matter: control character {code} is not allowed in YAML; remove it")


@pytest.mark.parametrize(("name", "text", "line"), [
    (COMPANY, "name: Glasnet\nsector: tele\x1bcom\n", 2),
    ("site.yaml", "title: Mijn\x07 klachten\n", 1),
])
def test_a_control_character_in_a_yaml_file_is_an_error_with_its_line(tmp_path: Path, name: str, text: str,
                                                                       line: int) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", "content/stories/storing.md": _story(),
                                          name: text.encode()})
    done = run_cli("check", site, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith(f"{name}:{line}: control character U+00")


def test_a_control_character_in_the_body_is_dropped_not_an_error(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n",
                                          "content/stories/storing.md": _story("Tekst\x0b met een regeltab.\n")})
    done = run_cli("check", site, timeout=60)
    assert done.returncode == 0, done.stderr
