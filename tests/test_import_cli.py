"""`grievance import` end to end: every format at once, bad files beside good ones, twice
is a no-op, edited stories untouched, and what check and build make of the result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli, tree_bytes, write_tree
from tests.import_corpus import COMPANIES, EXPECTED, FILES, NO_DATE_MTIME, SITE_YAML

REVIEW_WARNING = "warning: imported: confirm "


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """-> (site folder with two company records, folder of posts in every format)."""
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    posts = tmp_path / "import"
    for name, text in FILES.items():
        (posts / name).parent.mkdir(parents=True, exist_ok=True)
        (posts / name).write_text(text, encoding="utf-8")
    os.utime(posts / "blog/bestelling.txt", (NO_DATE_MTIME, NO_DATE_MTIME))
    return site, posts


def _stories(site: Path) -> dict[str, dict]:
    """Imported story files -> their front-matter, by `source:`."""
    return {_front(p)["source"]: _front(p) for p in sorted((site / "content/stories").glob("*.md"))}


def test_import_reads_every_format_and_gets_the_facts_right(corpus: tuple[Path, Path]) -> None:
    site, posts = corpus
    result = run_cli("import", posts, "--site", site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    stories = _stories(site)
    assert sorted(stories) == sorted(source for source, *_ in EXPECTED)
    for source, company, outcome, apology, day in EXPECTED:
        front = stories[source]
        assert (front["company"], front["outcome"], front["apology"], front["date"].isoformat()) == (
            company, outcome, apology, day), source
        assert front["draft"] is True
        assert {"company", "outcome", "apology"} <= set(front["review"])
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED) + 2
    assert lines[-2].startswith(f"imported {len(EXPECTED)} stories from {len(FILES)} files, 0 already imported, "
                                "0 files with problems in ")
    assert lines[-1] == f"next: grievance serve --drafts {site}, then check and publish each story at /__grievance__/review/"
    assert ("content/stories/2019-03-03-acht-dagen-zonder-internet-bij-glasnet.md: company Glasnet (site record "
            "content/companies/glasnet.yaml, 2 mentions, in the title); review company, outcome, apology, incident, "
            "channels, compensation, timeline") in lines
    assert ("content/stories/2020-09-13-mijn-bestelling-bij-coolblue-kwam-nooit-aan.md: company Coolblue "
            "(well-known companies list, 2 mentions, in the title); review date, company, outcome, apology, channels, "
            "compensation; --add-companies writes content/companies/coolblue.yaml") in lines


def test_check_passes_drafts_build_and_a_plain_build_publishes_none(corpus: tuple[Path, Path]) -> None:
    site, posts = corpus
    assert run_cli("import", posts, "--site", site).returncode == 0
    checked = run_cli("check", site)
    assert checked.returncode == 0, checked.stderr
    warnings = checked.stderr.splitlines()
    assert len(warnings) == len(EXPECTED) and all(REVIEW_WARNING in line for line in warnings)
    assert run_cli("check", "--drafts", site).returncode == 0
    drafts = run_cli("build", "--drafts", "--no-search", "--out", site.parent / "drafts", site)
    assert drafts.returncode == 0, drafts.stderr
    assert drafts.stdout.startswith(f"built {len(EXPECTED)} stories, ")
    for path in sorted((site / "content/stories").glob("*.md")):
        slug = path.stem[len("2019-03-03-"):]
        assert (site.parent / "drafts/stories" / slug / "index.html").is_file(), slug
    plain = run_cli("build", "--no-search", "--out", site.parent / "public", site)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith("built 0 stories, ")
    assert [p.name for p in (site.parent / "public/stories").iterdir()] == ["index.html"]  # the list, empty


def test_importing_twice_adds_nothing_and_never_touches_an_edited_story(corpus: tuple[Path, Path]) -> None:
    site, posts = corpus
    assert run_cli("import", posts, "--site", site).returncode == 0
    edited = site / "content/stories/2015-12-16-geen-sorry-van-glasnet.md"
    text = edited.read_text(encoding="utf-8").replace("outcome: gave-up", "outcome: unresolved")
    text = text.replace("review: [company, outcome, apology, incident, channels, timeline]\n", "")
    edited.write_text(text, encoding="utf-8")
    before = tree_bytes(site)
    again = run_cli("import", posts, "--site", site)
    assert again.returncode == 0, again.stderr
    assert tree_bytes(site) == before
    assert "already imported: https://klaagblog.example/2015/12/geen-sorry/ " \
           "(content/stories/2015-12-16-geen-sorry-van-glasnet.md)" in again.stdout.splitlines()
    assert again.stdout.splitlines()[-1].startswith(
        f"imported 0 stories from {len(FILES)} files, {len(EXPECTED)} already imported, 0 files with problems in ")


def test_bad_files_beside_good_ones_are_one_line_each_and_exit_1(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    posts = write_tree(tmp_path / "in", {
        "a-good.txt": FILES["blog/acht-dagen.txt"],
        "empty.txt": "",
        "blank.md": "\n  \n",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
        "noise.bin": bytes(range(256)) * 4,
        "broken.xml": '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">\n'
                      "<channel><item><title>Half</title>\n",
        "feed.rss": '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title>',
        "bomb.xml": '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
                    "<title>&b;</title><wp:post_type>post</wp:post_type></item></channel></rss>\n",
        "svg.xml": '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n',
        "z-good.html": FILES["pages/billing.html"],
    })
    result = run_cli("import", posts, tmp_path / "missing.txt", "--site", site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'missing.txt'}: no such file or folder",
        f"{posts / 'blank.md'}: empty file",
        f"{posts / 'bomb.xml'}: XML declares entities; refused (no entity expansion from imported files)",
        f"{posts / 'broken.xml'}: malformed XML at line 4: Premature end of data in tag item line 3",
        f"{posts / 'empty.txt'}: empty file",
        f"{posts / 'feed.rss'}: malformed feed: line 2: no element found",
        f"{posts / 'noise.bin'}: binary file, not a post",
        f"{posts / 'photo.jpg'}: binary file, not a post",
        f"{posts / 'svg.xml'}: XML with root <svg>: not a WordPress export, RSS or Atom feed",
    ]
    names = sorted(p.name for p in (site / "content/stories").iterdir())
    assert names == ["2019-03-03-acht-dagen-zonder-internet-bij-glasnet.md", "2022-09-14-billing-blunder-at-stroomwerk.md"]
    assert result.stdout.splitlines()[-2].startswith(
        "imported 2 stories from 10 files, 0 already imported, 9 files with problems in ")


def test_add_companies_writes_the_record_of_a_well_known_company_once(corpus: tuple[Path, Path]) -> None:
    site, posts = corpus
    result = run_cli("import", posts / "blog/bestelling.txt", "--site", site, "--add-companies")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("; wrote content/companies/coolblue.yaml")
    assert "1 company record written" in result.stdout
    record = site / "content/companies/coolblue.yaml"
    assert yaml.safe_load(record.read_text(encoding="utf-8")) == {
        "name": "Coolblue", "sector": "webshops", "website": "https://www.coolblue.nl/"}
    checked = run_cli("check", "--drafts", site)
    assert checked.returncode == 0 and "has no record" not in checked.stderr


def test_an_unknown_company_gets_a_placeholder_that_check_flags(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    post = write_tree(tmp_path / "in", {"post.txt": "Kapotte fiets\n• 1 mei 2024 • Iemand\nDe fiets was kapot.\n"})
    result = run_cli("import", post, "--site", site, "--language", "nl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "content/stories/2024-05-01-kapotte-fiets.md: company ONBEKEND BEDRIJF (not found: placeholder to replace); "
        "review company, outcome, apology")
    checked = run_cli("check", "--drafts", site)
    assert checked.returncode == 0
    assert "content/stories/2024-05-01-kapotte-fiets.md:3: warning: company 'ONBEKEND BEDRIJF' has no record in " \
           "content/companies/" in checked.stderr.splitlines()


def test_two_posts_with_one_title_get_two_slugs(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    posts = write_tree(tmp_path / "in", {
        "a.txt": "Weer storing bij Glasnet\n• 1 mei 2024 • Iemand\nWeer kapot.\n",
        "b.txt": "Weer storing bij Glasnet\n• 2 juni 2024 • Iemand\nAlweer kapot.\n",
    })
    assert run_cli("import", posts, "--site", site).returncode == 0
    names = sorted(p.name for p in (site / "content/stories").iterdir())
    assert names == ["2024-05-01-weer-storing-bij-glasnet.md", "2024-06-02-weer-storing-bij-glasnet-2.md"]
    assert run_cli("check", "--drafts", site).returncode == 0


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2018, 5, 6, 12, 0, 0)),
                             content.encode() if isinstance(content, str) else content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_a_zip_archive_is_imported_like_a_folder_and_never_unpacked_past_its_bounds(tmp_path: Path) -> None:
    """A blog's export as downloaded (a .zip): each file in it is read as a file of a
    folder would be, in memory; hidden members are left out, and an archive inside it or
    a member unpacking past 64 MB (a zip bomb) is one problem line, the rest imported."""
    import io

    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    inner = io.BytesIO()
    _zip(inner, {"x.txt": "x"})  # type: ignore[arg-type]
    archive = _zip(tmp_path / "export.zip", {
        "export/klaagblog.xml": FILES["export/klaagblog.xml"],
        "posts/no-date.txt": "Geen datum bij Glasnet\n\nDe monteur kwam niet. Geen excuses.\n",
        "__MACOSX/posts/._no-date.txt": b"\x00\x05\x16\x07",
        "posts/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "images/photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
        "nested.zip": inner.getvalue(),
        "bomb.txt": bytes(65 * 1024 * 1024),
    })
    assert archive.stat().st_size < 200_000
    result = run_cli("import", archive, "--site", site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{archive}/bomb.txt: larger than 64 MB unpacked: not read",
        f"{archive}/images/photo.jpg: binary file, not a post",
        f"{archive}/nested.zip: an archive inside the archive: unpack it first",
    ]
    stories = _stories(site)
    assert sorted(stories) == ["../export.zip/posts/no-date.txt", "https://klaagblog.example/2015/12/geen-sorry/",
                               "https://klaagblog.example/?p=12"]
    assert stories["../export.zip/posts/no-date.txt"]["date"].isoformat() == "2018-05-06"  # the member's own date
    assert result.stdout.splitlines()[-2].startswith(
        "imported 3 stories from 5 files, 0 already imported, 3 files with problems in ")
    again = run_cli("import", archive, "--site", site)
    assert again.stdout.count("already imported: ") == 3


def test_a_broken_zip_archive_is_one_problem(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    broken = tmp_path / "half.zip"
    broken.write_bytes(_zip(tmp_path / "whole.zip", {"a.txt": "Tekst " * 1000}).read_bytes()[:60])
    result = run_cli("import", broken, "--site", site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{broken}: broken zip archive: File is not a zip file"]


def test_an_archive_unpacking_past_its_total_bound_stops_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.importer import archive
    from generator.importer.run import import_sources

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 3000)
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    made = _zip(tmp_path / "many.zip", {f"{n}.txt": f"Post {n} over Glasnet\n\n" + "Geen excuses. " * 100
                                        for n in range(1, 4)})
    report = import_sources([made], site)
    assert [str(p) for p in report.problems] == [f"{made}/3.txt: the archive unpacks to more than 0 MB: not read"]
    assert len(report.written) == 2 and report.files == 3


SUBSTACK_INDEX = (
    "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url\n"
    "1234.een-brief-aan-waterlijn,2022-06-05T10:00:00.000Z,true,2022-06-05T10:00:00.000Z,,newsletter,everyone,"
    "Een brief aan Waterlijn,Nooit antwoord,\n"
    "1240.nog-een-brief,2022-07-01T10:00:00.000Z,false,,,newsletter,everyone,Nog een brief,,\n")
SUBSTACK_POSTS = {
    "posts/1234.een-brief-aan-waterlijn.html": "<p>Op 5 juni 2022 stuurde ik Waterlijn een aangetekende brief over de "
                                               "lekkage.</p><p>Nooit antwoord gekregen, en geen excuses.</p>",
    "posts/1240.nog-een-brief.html": "<p>Waterlijn reageerde weer niet op mijn tweede brief.</p>",
}


@pytest.mark.parametrize("zipped", [False, True])
def test_a_substack_export_takes_titles_dates_and_drafts_from_its_posts_csv(tmp_path: Path, zipped: bool) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    files = {"posts.csv": SUBSTACK_INDEX, **SUBSTACK_POSTS,  # and the tables of who got and opened each post
             "posts/1234.delivers.csv": "email,timestamp\nlezer@example.org,2022-06-05T10:00:00Z\n",
             "email_list.klaagbrief.csv": "email,active_subscription,created_at\nlezer@example.org,false,2021-01-01\n"}
    if zipped:
        source = _zip(tmp_path / "substack.zip", files)
    else:
        source = write_tree(tmp_path / "substack", files)
    result = run_cli("import", source, "--site", site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    stories = {path.name: _front(path) for path in sorted((site / "content/stories").glob("*.md"))}
    assert sorted(stories) == ["2022-06-05-een-brief-aan-waterlijn.md", "2022-07-01-nog-een-brief.md"]
    first, second = stories.values()
    assert (first["title"], first["date"].isoformat(), first["draft"]) == ("Een brief aan Waterlijn", "2022-06-05", True)
    assert "title" not in first["review"] and "date" not in first["review"]
    assert second["title"] == "Nog een brief"
    assert result.stdout.splitlines()[-2].startswith(
        "imported 2 stories from 5 files, 0 already imported, 0 files with problems, 2 files without posts left out ")


MEDIUM_POST = ("<html><head><title>Drie weken zonder Glasnet</title></head><body><article class=\"h-entry\">"
               "<header><h1 class=\"p-name\">Drie weken zonder Glasnet</h1></header>"
               "<section data-field=\"body\" class=\"e-content\"><p>Op 3 maart 2021 viel mijn internet bij Glasnet "
               "uit, en drie weken lang kwam er geen monteur.</p><p>Excuses heb ik nooit gekregen.</p></section>"
               "<footer><p>By <a class=\"p-author h-card\" href=\"https://medium.com/@iemand\">Iemand</a> on "
               "<time class=\"dt-published\" datetime=\"2021-03-25T10:00:00.000Z\">March 25, 2021</time>.</p>"
               "<p><a href=\"https://medium.com/@iemand/drie-weken-abc123\" class=\"p-canonical\">Canonical link</a>"
               "</p></footer></article></body></html>").replace("\\", "")
MEDIUM_ACCOUNT = {
    "README.html": "<html><body><h3>Your Medium archive</h3><p>Your posts, sessions and claps.</p></body></html>",
    "profile/profile.html": "<html><body><h3>Iemand</h3><ul><li>Display name: Iemand</li>"
                            "<li>Email address: iemand@example.org</li></ul></body></html>",
    "sessions/sessions-0001.html": "<html><body><h3>Iemand's sessions, page 1</h3><ul><li>Created at: 2021-02-24 "
                                   "8:41 pm<br>Last seen at: 2021-04-12 9:12 pm<br>User agent: Firefox</li></ul></body></html>",
    "ips/ips-0001.html": "<html><body><h3>IP addresses</h3><ul><li>192.0.2.7 on 2021-03-01</li></ul></body></html>",
}


@pytest.mark.parametrize("zipped", [False, True])
def test_a_medium_export_gives_its_posts_and_leaves_the_accounts_data_out(tmp_path: Path, zipped: bool) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    files = {"posts/2021-03-25_Drie-weken-zonder-Glasnet-abc123.html": MEDIUM_POST, **MEDIUM_ACCOUNT}
    files = {f"medium-export/{name}": text for name, text in files.items()}
    source = _zip(tmp_path / "medium.zip", files) if zipped else write_tree(tmp_path / "export", files)
    result = run_cli("import", source, "--site", site)
    assert result.returncode == 0, result.stderr
    [story] = [_front(path) for path in (site / "content/stories").glob("*.md")]
    assert (story["title"], story["company"], story["source"]) == (
        "Drie weken zonder Glasnet", "Glasnet", "https://medium.com/@iemand/drie-weken-abc123")
    assert result.stdout.splitlines()[-2].startswith(
        "imported 1 story from 1 file, 0 already imported, 0 files with problems, "
        "4 files without posts left out (an export's comments, account data, index) in ")


def test_a_folder_named_posts_beside_one_other_is_no_medium_export(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    source = write_tree(tmp_path / "blog", {"posts/a.txt": "Glasnet\n\nGeen excuses van Glasnet, al drie weken.\n",
                                            "profile/over-mij.txt": "Over Glasnet\n\nIk schrijf over Glasnet sinds 2019.\n"})
    result = run_cli("import", source, "--site", site)
    assert result.returncode == 0, result.stderr
    assert len(list((site / "content/stories").glob("*.md"))) == 2


def test_a_google_takeout_of_a_blog_gives_its_posts_and_leaves_its_comments_feed_and_index_out(tmp_path: Path) -> None:
    from tests.test_import_formats import BLOGGER_2018

    comments = ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
                "xmlns:blogger='http://schemas.google.com/blogger/2018'><id>tag:blogger.com,1999:blog-9</id>"
                "<entry><id>tag:blogger.com,1999:blog-9.post-1.comment-5</id><blogger:type>COMMENT</blogger:type>"
                "<blogger:status>LIVE</blogger:status><title>Herkenbaar</title><content type='html'>Herkenbaar!"
                "</content><published>2021-07-04T08:00:00.000Z</published></entry></feed>")
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    source = _zip(tmp_path / "takeout-20261201.zip", {
        "Takeout/archive_browser.html": "<html><head><title>Archive overview</title></head><body><h1>Your "
                                        "archive</h1><p>Blogger: 1 blog, 2 files.</p></body></html>",
        "Takeout/Blogger/Blogs/Mopperhoek/feed.atom": BLOGGER_2018,
        "Takeout/Blogger/Comments/Mopperhoek/feed.atom": comments})
    result = run_cli("import", source, "--site", site)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (site / "content/stories").glob("*.md")) == [
        "2021-07-03-wachten-op-waterlijn.md", "2021-08-09-nog-een-keer.md"]
    assert result.stdout.splitlines()[-2].startswith(
        "imported 2 stories from 2 files, 0 already imported, 0 files with problems, "
        "2 files without posts left out (an export's comments, account data, index) in ")


@pytest.fixture
def image_server():
    """Images on 127.0.0.1 as an old blog would serve them -> its base URL."""
    import functools
    import http.server
    import io
    import shutil
    import tempfile
    import threading

    from PIL import Image

    folder = Path(tempfile.mkdtemp())
    for name, size in (("meter.png", (40, 30)), ("brief.jpg", (64, 48))):
        buffer = io.BytesIO()
        Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG" if name.endswith("png") else "JPEG")
        (folder / name).write_bytes(buffer.getvalue())
    (folder / "nep.png").write_text("<html>not found</html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    shutil.rmtree(folder, ignore_errors=True)


def test_images_saves_the_images_a_post_shows_beside_its_story(
        tmp_path: Path, image_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """--images: each image the post shows from another site is fetched once, kept when
    it is an image, saved beside the story and the Markdown points at it; the build
    publishes it next to the story's page. The others stay as they were, said per story."""
    from generator.importer import images
    from generator.importer.run import import_sources

    monkeypatch.setattr(images, "PUBLIC_ONLY", False)  # the test's old blog is on 127.0.0.1
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    post = write_tree(tmp_path / "in", {"meter.md": (
        "---\ntitle: De meter van Stroomwerk\ndate: 2020-02-03\n---\n"
        f"Op 1 februari 2020 zag ik de meter: ![de meter]({image_server}/meter.png)\n\n"
        f"De brief: [![brief]({image_server}/brief.jpg)]({image_server}/brief.jpg) en nog eens "
        f"![brief]({image_server}/brief.jpg).\n\n![weg]({image_server}/weg.png) ![nep]({image_server}/nep.png)\n")})
    report = import_sources([post], site, images=True)
    assert report.problems == []
    [written] = report.written
    assert written.images == ("2020-02-03-de-meter-van-stroomwerk-1.png", "2020-02-03-de-meter-van-stroomwerk-2.jpg")
    assert written.missed == ((f"{image_server}/weg.png", "HTTP 404"), (f"{image_server}/nep.png", "not an image"))
    assert str(written).endswith(f"; saved 2 images beside it; image {image_server}/weg.png not saved (HTTP 404); "
                                 f"image {image_server}/nep.png not saved (not an image)")
    text = (site / written.path).read_text(encoding="utf-8")
    assert "![de meter](2020-02-03-de-meter-van-stroomwerk-1.png)" in text
    assert f"[![brief](2020-02-03-de-meter-van-stroomwerk-2.jpg)]({image_server}/brief.jpg)" in text
    assert text.count("2020-02-03-de-meter-van-stroomwerk-2.jpg") == 2
    from PIL import Image

    with Image.open(site / "content/stories/2020-02-03-de-meter-van-stroomwerk-1.png") as saved:
        assert (saved.format, saved.size) == ("PNG", (40, 30))
    built = run_cli("build", site, "--out", tmp_path / "out", "--drafts", "--no-search")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "out/stories/de-meter-van-stroomwerk/index.html").read_text(encoding="utf-8")
    assert ('<img src="/stories/de-meter-van-stroomwerk/2020-02-03-de-meter-van-stroomwerk-1.png" width="40" '
            'height="30" alt="de meter" />') in page
    assert (tmp_path / "out/stories/de-meter-van-stroomwerk/2020-02-03-de-meter-van-stroomwerk-1.png").is_file()


def test_images_never_fetches_from_the_local_network() -> None:
    from generator.importer.images import ImageError, download

    for url in ("http://127.0.0.1:9/x.png", "http://[::1]/x.png", "http://10.0.0.8/x.png", "http://169.254.169.254/x.png"):
        with pytest.raises(ImageError) as raised:
            download(url)
        assert str(raised.value).endswith("is a private address"), url



def test_images_follows_no_redirect_into_the_local_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A redirect goes only to http(s); its address is checked where the connection is
    made (tests/test_redteam_network.py follows a real redirect to a private address)."""
    import urllib.request

    from generator.importer import images

    handler = images._Redirects()
    request = urllib.request.Request("https://oud.example/a.png")
    with pytest.raises(images.ImageError):
        handler.redirect_request(request, None, 302, "Found", {}, "file:///etc/passwd")
    with pytest.raises(images.ImageError, match="is a private address"):
        images.download("http://10.0.0.8/a.png")


def test_without_images_the_report_says_how_many_images_a_story_shows_from_other_sites(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    post = write_tree(tmp_path / "in", {"meter.md": (
        "---\ntitle: De meter van Stroomwerk\ndate: 2020-02-03\n---\n"
        "Op 1 februari 2020 zag ik de meter: ![de meter](https://oud.example/meter.png) en "
        "![nog eens](https://oud.example/meter.png) en ![brief](https://oud.example/brief.jpg).\n")})
    result = run_cli("import", post, "--site", site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("; 2 images on other sites, not shown: --images saves them")


def test_an_import_whose_reader_goes_away_imports_everything_and_prints_no_error(corpus: tuple[Path, Path]) -> None:
    """`grievance import ... | head -1`: the pipe closes after the first line; the import
    goes on, every story is written, and no 'internal error' is printed."""
    import subprocess
    import sys

    from tests.conftest import REPO

    site, posts = corpus
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1767225600"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "import", "--site", str(site), str(posts)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader has gone before the first line
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, errors
    assert "internal error" not in errors and "Traceback" not in errors
    assert len(_stories(site)) == len(EXPECTED)


def _tar(path: Path, members: dict[str, bytes | str], links: dict[str, str] | None = None, *, gz: bool = True) -> Path:
    import io
    import tarfile

    with tarfile.open(path, "w:gz" if gz else "w") as archive:
        for name, content in members.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1525608000  # 2018-05-06
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_a_tar_archive_is_imported_like_a_folder_and_its_links_are_never_followed(tmp_path: Path, gz: bool) -> None:
    """Blogger's Takeout as .tgz (or a plain .tar): files read in memory as a folder's;
    a link in it (to /etc/passwd) is one problem, never read; a member unpacking past
    64 MB is one problem, the rest imported."""
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    archive = _tar(tmp_path / ("takeout.tgz" if gz else "takeout.tar"), {
        "Takeout/Blog/posts/no-date.txt": "Geen datum bij Glasnet\n\nDe monteur kwam niet. Geen excuses.\n",
        "Takeout/Blog/.hidden.txt": "Verborgen bij Glasnet\n\nNiet lezen.\n",
        "Takeout/bomb.txt": bytes(65 * 1024 * 1024),
    }, {"Takeout/Blog/posts/passwd.txt": "/etc/passwd"}, gz=gz)
    result = run_cli("import", archive, "--site", site)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{archive}/Takeout/Blog/posts/passwd.txt: a link or device in the archive, not a file: not read",
        f"{archive}/Takeout/bomb.txt: larger than 64 MB unpacked: not read",
    ]
    stories = _stories(site)
    assert list(stories) == [f"../{archive.name}/Takeout/Blog/posts/no-date.txt"]
    assert next(iter(stories.values()))["date"].isoformat() == "2018-05-06"  # the member's own date
    assert "root:" not in "".join(p.read_text(encoding="utf-8") for p in (site / "content").rglob("*.md"))


def test_a_gzipped_export_is_imported_and_a_gzip_bomb_stops_at_its_bound(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    export = tmp_path / "klaagblog.xml.gz"
    export.write_bytes(gzip.compress(FILES["export/klaagblog.xml"].encode()))
    result = run_cli("import", export, "--site", site)
    assert result.returncode == 0, result.stderr
    assert len(_stories(site)) == 2

    bomb = tmp_path / "bomb.xml.gz"
    with gzip.open(bomb, "wb") as packing:
        for _ in range(33):
            packing.write(bytes(16 * 1024 * 1024))  # 528 MB of zeros in about 0.5 MB
    assert bomb.stat().st_size < 1_000_000
    result = run_cli("import", bomb, "--site", site)
    assert result.stderr.splitlines() == [f"{bomb}: the archive unpacks to more than 512 MB: not read"]


def test_a_zip_member_that_climbs_out_of_the_archive_is_one_problem_and_never_read(tmp_path: Path) -> None:
    """'../../evil.md' was left out without a word, as a hidden file: now it is named, and still nothing of it is written."""
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **COMPANIES})
    archive = _zip(tmp_path / "export.zip", {
        "../../evil.md": "# Evil\n\nDe storing bij Glasnet duurde een week.\n",
        "posts/ok.txt": "Storing bij Glasnet\n\nDe monteur kwam niet. Geen excuses.\n",
    })
    result = run_cli("import", archive, "--site", site)
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert result.stderr.splitlines() == [f"{archive}/../../evil.md: a path out of the archive ('..'): not read"]
    assert sorted(_stories(site)) == ["../export.zip/posts/ok.txt"]
    assert not (tmp_path / "evil.md").exists() and not list(tmp_path.rglob("*evil*"))
