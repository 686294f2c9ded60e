"""Red team (issue 29, issue 26): a static/ file on a path the build writes is a `check`
and `build` error naming the static file and the generated file, never a silent
replacement or an internal error; and the table of output paths is what build writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import BuildOptions, check_site
from generator.diagnostics import BuildError
from generator.output.render import asset_files, theme_dirs
from generator.output.paths import output_table
from generator.urls import Urls
from tests.conftest import run_cli, write_tree

COMPANY = "content/companies/glasnet.yaml"
STORY = ("---\ntitle: Storing\ncompany: Glasnet\ndate: 2015-01-01\noutcome: unresolved\napology: 'no'\n"
         "tags: [glasvezel]\n---\nTekst.\n")
FIX = "rename or remove this file"

CLASHES = [
    ('index.html', 'the build writes index.html (the home page)'),
    ('feed.xml', "the build writes feed.xml (the site's RSS feed)"),
    ('atom.xml', "the build writes atom.xml (the site's Atom feed)"),
    ('feed.json', "the build writes feed.json (the site's JSON feed)"),
    ('sitemap.xml', 'the build writes sitemap.xml (the sitemap)'),
    ('robots.txt', 'the build writes robots.txt (the rules for search robots)'),
    ('404.html', "the build writes 404.html (the 'not found' page)"),
    ('data/cases.json', 'the build writes data/cases.json (the open data)'),
    ('data/cases.csv', 'the build writes data/cases.csv (the open data)'),
    ('data/cases.schema.json', 'the build writes data/cases.schema.json (the open data)'),
    ('stories/storing/index.html', 'the build writes stories/storing/index.html (the page of content/stories/storing.md)'),
    ('stories/index.html', 'the build writes stories/index.html (the stories page)'),
    ('companies/glasnet/index.html', 'the build writes companies/glasnet/index.html (the company page)'),
    ('companies/glasnet/atom.xml', 'the build writes companies/glasnet/atom.xml (the Atom feed of /companies/glasnet/)'),
    ('tags/glasvezel/feed.xml', 'the build writes tags/glasvezel/feed.xml (the RSS feed of /tags/glasvezel/)'),
    ('tags/index.html', 'the build writes tags/index.html (the tags page)'),
    ('sectors/index.html', 'the build writes sectors/index.html (the sectors page)'),
    ('timeline/index.html', 'the build writes timeline/index.html (the timeline page)'),
    ('search/index.html', 'the build writes search/index.html (the search page)'),
    ('assets/style.css', 'the build writes assets/style.css (the theme)'),
    ('pagefind/pagefind.js', 'the build writes the folder pagefind/ (the search index)'),
    ('pagefind', 'the build writes the folder pagefind/ (the search index)'),
    ('stories', 'the build writes the folder stories/ (the stories page)'),
    ('data', 'the build writes the folder data/ (the open data)'),
    ('feed.xml/x.txt', "the build writes the file feed.xml (the site's RSS feed)"),
    ('stories/storing/index.html/y', 'the build writes the file stories/storing/index.html (the page of content/stories/storing.md)'),
]
FINE = ["favicon.ico", "stories/other/index.html", "assets/logo.png", "data/extra.json", "tags/other/feed.xml",
        "keybase.txt", ".well-known/security.txt"]


def _site(tmp_path: Path, static: dict[str, str | bytes]) -> Path:
    return write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", "content/stories/storing.md": STORY,
                                          "site.yaml": "base_url: https://example.org/\n",
                                          **{f"static/{name}": text for name, text in static.items()}})


@pytest.mark.parametrize(("name", "what"), CLASHES)
def test_a_static_file_on_a_generated_path_is_a_check_error(tmp_path: Path, name: str, what: str) -> None:
    site = _site(tmp_path, {name: "hand-made\n"})
    with pytest.raises(BuildError) as raised:
        check_site(site, BuildOptions())
    assert [str(d) for d in raised.value.diagnostics] == [f"static/{name}: {what}; {FIX}"]


@pytest.mark.parametrize("name", FINE)
def test_a_static_file_beside_the_generated_ones_is_fine(tmp_path: Path, name: str) -> None:
    check_site(_site(tmp_path, {name: "hand-made\n"}), BuildOptions())


def test_check_and_build_name_every_clash_and_write_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path, {name: "hand-made\n" for name, _ in CLASHES[:12]})
    expected = sorted(f"static/{name}: {what}; {FIX}" for name, what in CLASHES[:12])
    for command, extra in (("check", []), ("build", ["--out", tmp_path / "out"])):
        done = run_cli(command, site, *extra, timeout=120)
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        assert done.returncode == 1
        assert done.stderr.splitlines()[:-1] == expected
    assert not (tmp_path / "out").exists()


def test_an_image_beside_a_story_on_a_static_path_is_an_error(tmp_path: Path) -> None:
    site = _site(tmp_path, {"stories/storing/foto.png": b"hand-made"})
    write_tree(site, {"content/stories/storing.md": STORY + "\n![foto](foto.png)\n",
                      "content/stories/foto.png": _png()})
    with pytest.raises(BuildError) as raised:
        check_site(site, BuildOptions())
    assert [str(d) for d in raised.value.diagnostics] == [
        (f"static/stories/storing/foto.png: the build writes stories/storing/foto.png "
        f"(an image of content/stories/storing.md (content/stories/foto.png)); {FIX}")]


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (2, 2)).save(out, "PNG")
    return out.getvalue()


def test_the_output_table_is_every_file_a_build_writes(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {COMPANY: "name: Glasnet\nsector: telecom\n",
                                     "site.yaml": "base_url: https://example.org/blog/\npagination: {per_page: 2}\n"}
    for number in range(5):
        files[f"content/stories/s{number}.md"] = STORY.replace("Storing", f"Storing {number}").replace(
            "company: Glasnet", "company: Glasnet" if number % 2 else "company: Andere")
    site = write_tree(tmp_path / "site", files)
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search", timeout=120)
    assert done.returncode == 0, done.stderr
    built = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    built.discard(".grievance-output")
    linked = check_site(site, BuildOptions()).site
    table = output_table(linked, Urls(linked.config.base_url),
                         assets=asset_files(theme_dirs(site, linked.config.theme)))
    assert set(table) == built
