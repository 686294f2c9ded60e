"""Images and files: read/images.py (size, metadata stripped), site/images.py (where a
story's images go, errors with their line), and the CLI end to end (static/ copied as it
is, images published beside their story without EXIF, `check` naming a missing image)."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from generator.diagnostics import Severity
from generator.model import Apology, Language, Outcome, Story
from generator.read.images import NotAnImage, image_size, strip_metadata
from generator.site.images import place_images
from generator.urls import Urls
from tests.conftest import run_cli, tree_bytes, write_tree

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def jpeg(width: int = 40, height: int = 30, *, orientation: int = 1) -> bytes:
    """A JPEG with a camera make, a GPS position (a home address, in a real photo) and
    an orientation in its EXIF."""
    exif = Image.Exif()
    exif[MAKE] = "Glasnet Cam"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 2.0)}
    out = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="JPEG", exif=exif.tobytes(), comment=b"Stroomwerk")
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Marieke van Dalen")
    info.add_itxt("Location", "Dorpsstraat 1")
    out = BytesIO()
    Image.new("RGBA", (16, 8), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_jpeg_loses_its_exif_and_comment_but_not_its_pixels() -> None:
    original = jpeg()
    assert b"Glasnet Cam" in original and b"Stroomwerk" in original
    clean = strip_metadata(original)
    assert b"Glasnet Cam" not in clean and b"Stroomwerk" not in clean and b"Exif" not in clean
    image = Image.open(BytesIO(clean))
    assert dict(image.getexif()) == {}
    assert image.size == (40, 30)
    before = Image.open(BytesIO(original)).convert("RGB").tobytes()
    after = image.convert("RGB").tobytes()
    assert max(abs(a - b) for a, b in zip(before, after)) <= 8  # re-encoded at quality 95: the same picture


def test_a_rotated_jpeg_is_stored_upright_and_measured_as_shown() -> None:
    original = jpeg(40, 30, orientation=6)  # the camera was held upright: shown 30 wide, 40 high
    assert image_size(original) == (30, 40)
    clean = strip_metadata(original)
    image = Image.open(BytesIO(clean))
    assert image.size == (30, 40) and dict(image.getexif()) == {}
    assert b"Glasnet Cam" not in clean


def test_png_loses_its_text_chunks() -> None:
    original = png_with_text()
    clean = strip_metadata(original)
    assert b"Marieke" not in clean and b"Dorpsstraat" not in clean
    image = Image.open(BytesIO(clean))
    assert image.size == (16, 8) and image.mode == "RGBA"
    assert image.tobytes() == Image.open(BytesIO(original)).tobytes()


@pytest.mark.parametrize("data", [b"", b"not an image", b"\x89PNG\r\n\x1a\n\x00"])
def test_bytes_that_are_no_image_raise(data: bytes) -> None:
    with pytest.raises(NotAnImage):
        image_size(data)


def story(source: str, body_html: str, *, slug: str = "acht-dagen", body_line: int = 8) -> Story:
    return Story(
        source=source, slug=slug, title="Acht dagen", company="Glasnet", date=date(2014, 3, 12),
        outcome=Outcome.OPEN, apology=Apology.NO, author="", language=Language.NL, summary="",
        body_html=body_html, body_line=body_line,
    )


def test_images_beside_the_story_and_in_content_images_are_placed() -> None:
    html = ('<p><img src="meterkast.jpg" alt="de kast" title="Kast" /> '
            '<img src="images/logo.png" alt="logo" /> <img src="https://glasnet.example/a.png" alt="x" /></p>')
    images = {"content/stories/2014/meterkast.jpg": jpeg(), "content/images/logo.png": png_with_text()}
    stories, problems, placed = place_images(
        [story("content/stories/2014/acht-dagen.md", html)], images, Urls("https://x.nl/blog/"), lambda s: "")
    assert problems == []
    assert stories[0].body_html == (
        '<p><img src="/blog/stories/acht-dagen/meterkast.jpg" width="40" height="30" alt="de kast" title="Kast" /> '
        '<img src="/blog/images/logo.png" width="16" height="8" alt="logo" /> '
        '<img src="https://glasnet.example/a.png" alt="x" /></p>')
    assert stories[0].images == (("content/stories/2014/meterkast.jpg", "stories/acht-dagen/meterkast.jpg"),
                                 ("content/images/logo.png", "images/logo.png"))
    assert [p.output for p in placed] == ["images/logo.png", "stories/acht-dagen/meterkast.jpg"]


def test_a_story_without_images_is_the_same_object() -> None:
    plain = story("content/stories/a.md", "<p>Geen foto.</p>")
    stories, problems, placed = place_images([plain], {}, Urls("http://localhost:8000/"), lambda s: "")
    assert stories[0] is plain and problems == [] and placed == []


def test_a_missing_image_is_a_warning_on_its_line() -> None:
    body = "De meterkast:\n\n![foto](meterkast.jpg)\n\n![andere](../geheim.jpg)\n"
    html = '<p><img src="meterkast.jpg" alt="foto" /></p><p><img src="../geheim.jpg" alt="andere" /></p>'
    images = {"content/stories/geheim.jpg": jpeg()}  # outside the story's folder: not looked up
    stories, problems, _ = place_images(
        [story("content/stories/2014/acht-dagen.md", html, body_line=8)], images,
        Urls("http://localhost:8000/"), lambda s: body)
    assert [str(p) for p in problems] == [
        "content/stories/2014/acht-dagen.md:10: warning: image 'meterkast.jpg' not found beside the story "
        "or in content/images/",
        "content/stories/2014/acht-dagen.md:12: warning: image '../geheim.jpg' not found beside the story "
        "or in content/images/",
    ]
    assert {p.severity for p in problems} == {Severity.WARNING}
    assert stories[0].body_html == html and stories[0].images == ()


def test_a_file_that_is_no_image_is_an_error() -> None:
    html = '<p><img src="kast.jpg" alt="" /></p>'
    _, problems, _ = place_images(
        [story("content/stories/kast.md", html, body_line=7)], {"content/stories/kast.jpg": b"tekst"},
        Urls("http://localhost:8000/"), lambda s: "![](kast.jpg)\n")
    assert [str(p) for p in problems] == [
        "content/stories/kast.md:7: image 'kast.jpg' is not a JPEG, PNG, GIF or WebP image that can be read"]
    assert problems[0].severity is Severity.ERROR


STORY = """\
    ---
    title: "Acht dagen zonder internet"
    company: Glasnet
    date: 2014-03-12
    outcome: open
    apology: "no"
    ---
    De meterkast, met het lampje dat rood bleef:

    ![foto van de meterkast](meterkast.jpg)
    """
COMPANY = "name: Glasnet\n"


def test_build_publishes_static_files_as_they_are_and_images_without_exif(tmp_path: Path) -> None:
    photo = jpeg()
    site = write_tree(tmp_path / "site", {
        "content/stories/2014/acht-dagen.md": STORY, "content/companies/glasnet.yaml": COMPANY,
        "content/stories/2014/meterkast.jpg": photo,
        "content/stories/2014/prive.jpg": photo,  # beside the story, but it does not show it
        "static/favicon.ico": b"\x00\x01icon", "static/docs/brief.pdf": b"%PDF-1.4 Stroomwerk",
        "static/.hidden": b"x",
    })
    out = tmp_path / "out"
    result = run_cli("build", site, "--out", out)
    assert result.returncode == 0, result.stderr
    files = tree_bytes(out)
    assert files["favicon.ico"] == b"\x00\x01icon"
    assert files["docs/brief.pdf"] == b"%PDF-1.4 Stroomwerk"
    assert ".hidden" not in files
    published = files["stories/acht-dagen/meterkast.jpg"]
    assert b"Glasnet Cam" not in published and Image.open(BytesIO(published)).size == (40, 30)
    assert not [name for name in files if name.endswith("prive.jpg")]
    page = files["stories/acht-dagen/index.html"].decode("utf-8")
    assert '<img src="/stories/acht-dagen/meterkast.jpg" width="40" height="30" alt="foto van de meterkast" />' in page
    again = tmp_path / "again"
    assert run_cli("build", site, "--out", again).returncode == 0
    assert tree_bytes(again) == files


def test_check_names_a_missing_image_with_its_line_and_strict_fails(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        "content/stories/2014/acht-dagen.md": STORY, "content/companies/glasnet.yaml": COMPANY})
    warning = ("content/stories/2014/acht-dagen.md:10: warning: image 'meterkast.jpg' not found beside the story "
               "or in content/images/")
    result = run_cli("check", site)
    assert result.returncode == 0
    assert warning in result.stderr.splitlines()
    strict = run_cli("check", site, "--strict")
    assert strict.returncode == 1
    assert warning in strict.stderr.splitlines()


def test_a_static_file_where_a_page_goes_is_an_error_naming_both(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        "content/stories/a.md": STORY.replace("![foto van de meterkast](meterkast.jpg)", ""),
        "content/companies/glasnet.yaml": COMPANY, "static/index.html": "<p>mijn eigen</p>"})
    result = run_cli("build", site, "--out", tmp_path / "out")
    assert result.returncode != 0
    assert "static/index.html: the build writes index.html (the home page); rename or remove this file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_cached_rebuild_sees_a_new_photo_and_keeps_images_after_a_text_edit(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        "content/stories/2014/acht-dagen.md": STORY, "content/companies/glasnet.yaml": COMPANY,
        "content/stories/2014/meterkast.jpg": jpeg(40, 30), "static/favicon.ico": b"icon"})
    out, env = tmp_path / "out", {"GRIEVANCE_CACHE_DIR": str(tmp_path / "cache")}
    assert run_cli("build", site, "--out", out, env=env).returncode == 0
    (site / "content/stories/2014/meterkast.jpg").write_bytes(jpeg(50, 20))
    assert run_cli("build", site, "--out", out, env=env).returncode == 0
    assert Image.open(out / "stories/acht-dagen/meterkast.jpg").size == (50, 20)
    assert 'width="50" height="20"' in (out / "stories/acht-dagen/index.html").read_text(encoding="utf-8")
    story_file = site / "content/stories/2014/acht-dagen.md"
    story_file.write_text(story_file.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    assert run_cli("build", site, "--out", out, env=env).returncode == 0
    assert "Een zin erbij." in (out / "stories/acht-dagen/index.html").read_text(encoding="utf-8")
    assert (out / "stories/acht-dagen/meterkast.jpg").is_file() and (out / "favicon.ico").read_bytes() == b"icon"


def _saved(kind: str, frames: int = 1) -> bytes:
    import os

    out = BytesIO()
    images = [Image.frombytes("RGB", (24, 24), os.urandom(24 * 24 * 3)) for _ in range(frames)]
    options = dict(save_all=True, append_images=images[1:]) if frames > 1 else {}
    images[0].convert("P" if kind == "GIF" else "RGB").save(out, format=kind, **options)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "GIF", "WEBP"])
def test_an_image_cut_off_before_its_end_is_a_check_and_build_error_not_an_empty_file(tmp_path: Path, kind: str) -> None:
    whole = _saved(kind)
    assert image_size(whole) == (24, 24)
    site = write_tree(tmp_path / "site", {
        "content/stories/2014/acht-dagen.md": STORY, "content/companies/glasnet.yaml": COMPANY,
        "content/stories/2014/meterkast.jpg": whole[:len(whole) * 2 // 3]})
    why = {"WEBP": "is not a JPEG, PNG, GIF or WebP image that can be read",  # Pillow's WebP reader refuses it
           "JPEG": "cannot be published: cannot decode: the file ends before the image does (cut off)"}.get(
        kind, "cannot be published: cannot decode: image file is truncated")
    error = f"content/stories/2014/acht-dagen.md:10: image 'meterkast.jpg' {why}"
    for command in ("check", "build"):
        result = run_cli(command, site, *(["--out", tmp_path / "out"] if command == "build" else []))
        assert result.returncode == 1 and any(line.startswith(error) for line in result.stderr.splitlines()), result.stderr
    assert not (tmp_path / "out").exists()


def test_an_animation_of_too_many_frames_is_a_check_error(tmp_path: Path) -> None:
    from generator.read.images import MAX_FRAMES

    site = write_tree(tmp_path / "site", {
        "content/stories/2014/acht-dagen.md": STORY, "content/companies/glasnet.yaml": COMPANY,
        "content/stories/2014/meterkast.jpg": _saved("GIF", MAX_FRAMES + 1)})
    result = run_cli("check", site)
    assert result.returncode == 1
    assert (f"content/stories/2014/acht-dagen.md:10: image 'meterkast.jpg' is too large to publish: {MAX_FRAMES + 1:,} "
            f"frames; at most {MAX_FRAMES:,}") in result.stderr.splitlines()


def test_an_image_that_cannot_be_decoded_when_published_stops_the_build_with_its_path(tmp_path: Path) -> None:
    """What check cannot tell without decoding stops the build there, never an empty file."""
    from generator.diagnostics import BuildError
    from generator.output.media import MediaFile, media_bytes

    write_tree(tmp_path, {"content/stories/kapot.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40})
    with pytest.raises(BuildError) as raised:
        media_bytes(tmp_path, MediaFile("stories/a/kapot.png", "content/stories/kapot.png", clean=True))
    assert [d.path for d in raised.value.diagnostics] == ["content/stories/kapot.png"]
    assert raised.value.diagnostics[0].message.startswith("image cannot be published: ")


def test_a_png_is_decoded_once_to_be_checked_then_looked_up_by_its_bytes(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Check decodes a PNG to be sure it can be published (~30 ms for a phone screenshot):
    a build with the cache decodes it once, the next ones look it up; a changed PNG is
    decoded again."""
    import generator.read.images as images
    from generator.build import BuildOptions, build_site
    from generator.fast import speed

    measured: list[int] = []
    real = images.publishable_size
    monkeypatch.setattr(images, "publishable_size", lambda data: measured.append(len(data)) or real(data))
    photo = tmp_path / "site/content/stories/2014/meterkast.jpg"
    site = write_tree(tmp_path / "site", {
        "content/stories/2014/acht-dagen.md": STORY, "content/companies/glasnet.yaml": COMPANY,
        "content/stories/2014/meterkast.jpg": _saved("PNG")})
    fast = speed(jobs=1, cache_dir=tmp_path / "cache")
    for number in range(3):
        if number == 2:
            photo.write_bytes(_saved("PNG"))
        build_site(site, tmp_path / "out", BuildOptions(search=False), speed=fast)
        story = site / "content/stories/2014/acht-dagen.md"
        story.write_text(story.read_text(encoding="utf-8") + f"\nZin {number}.\n", encoding="utf-8")
    assert len(measured) == 2


def test_an_animation_of_too_many_pixels_in_all_its_frames_is_refused_at_once() -> None:
    """Few large frames compress to little (4 of 64 million pixels: ~0.2 MB) but take ~1 s
    each to decode: refused from the header, before any frame is decoded."""
    import time

    from generator.read.images import MAX_ALL_FRAMES, publishable_size, strip_metadata

    frames = [Image.new("P", (8000, 8000), number) for number in range(4)]
    out = BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    started = time.perf_counter()
    for measure in (publishable_size, strip_metadata):
        with pytest.raises(NotAnImage, match=f"at most {MAX_ALL_FRAMES:,} pixels in all frames"):
            measure(out.getvalue())
    assert time.perf_counter() - started < 1
