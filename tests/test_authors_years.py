"""Author pages and feeds, year archives, related cases and reading time."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import BuildOptions, check_site
from generator.site.related import RelatedChooser
from tests.conftest import run_cli, write_tree


def _story(slug: str, *, company: str, day: str, author: str = "", tags: str = "[]", language: str = "",
           words: int = 20, outcome: str = "resolved") -> dict[str, str]:
    extra = f"author: \"{author}\"\n" if author else ""
    extra += f"language: {language}\n" if language else ""
    body = " ".join(["woord"] * words)
    return {f"content/stories/{slug}.md": (
        f"---\ntitle: \"Verhaal {slug}\"\ncompany: {company}\ndate: {day}\noutcome: {outcome}\n"
        f"apology: \"no\"\ntags: {tags}\n{extra}---\n{body}\n")}


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    base = {
        "site.yaml": 'title: "Dossiers"\nbase_url: "https://user.example/klachten/"\nlanguage: nl\n',
        "content/companies/glasnet.yaml": "name: Glasnet\nsector: telecom\n",
        "content/companies/stroomco.yaml": "name: Stroomco\nsector: energie\n",
        "content/companies/kabelco.yaml": "name: Kabelco\nsector: telecom\n",
    }
    return write_tree(tmp_path / "site", {**base, **files})


def _build(site: Path, out: Path) -> None:
    result = run_cli("build", site, "--out", out, "--quiet", "--no-search")
    assert result.returncode == 0, result.stderr


AUTHORED = {
    **_story("a1", company="Glasnet", day="2017-03-01", author="Anna de Vries"),
    **_story("a2", company="Stroomco", day="2018-05-02", author="anna de vries"),
    **_story("b1", company="Glasnet", day="2018-07-03", author="Bram Smit"),
    **_story("c1", company="Kabelco", day="2016-01-04"),
    "content/authors/anna-de-vries.yaml": ('name: "Anna de Vries"\nbio: "Schrijft over *glasvezel*."\n'
                                            "links: [https://anna.example/]\n"),
}


def test_author_pages_list_each_authors_stories_with_bio_links_and_feeds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(_site(tmp_path, AUTHORED), out)
    index = (out / "authors" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/klachten/authors/anna-de-vries/">Anna de Vries</a> <span class="count">2 verhalen</span>' in index
    assert '<a href="/klachten/authors/bram-smit/">Bram Smit</a> <span class="count">1 verhaal</span>' in index
    anna = (out / "authors" / "anna-de-vries" / "index.html").read_text(encoding="utf-8")
    assert "Schrijft over <em>glasvezel</em>." in anna
    assert 'href="https://anna.example/"' in anna
    assert "/klachten/stories/a1/" in anna and "/klachten/stories/a2/" in anna and "/stories/b1/" not in anna
    assert ('<link rel="alternate" type="application/atom+xml" title="Feed van Anna de Vries (Atom)" '
            'href="/klachten/authors/anna-de-vries/atom.xml">') in anna
    feed = (out / "authors" / "anna-de-vries" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 2 and "https://user.example/klachten/stories/a2/" in feed
    assert (out / "authors" / "anna-de-vries" / "atom.xml").is_file()
    story = (out / "stories" / "a2" / "index.html").read_text(encoding="utf-8")
    assert 'Door <a href="/klachten/authors/anna-de-vries/" rel="author">Anna de Vries</a>' in story
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("authors/", "authors/anna-de-vries/", "authors/bram-smit/", "2016/", "2017/", "2018/"):
        assert f"<loc>https://user.example/klachten/{url}</loc>" in sitemap


def test_an_author_record_is_checked_like_a_company_record(tmp_path: Path) -> None:
    site = _site(tmp_path, {**AUTHORED, "content/authors/anna-de-vries.yaml": (
        'name: "Anna de Vries"\nbioo: "x"\nlinks: [niet-een-url]\n')})
    result = run_cli("check", site)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/authors/anna-de-vries.yaml:2: unknown key 'bioo' (did you mean 'bio'?)" in lines
    assert any(line.startswith("content/authors/anna-de-vries.yaml:3: links[1]: ") for line in lines), lines
    missing = _site(tmp_path / "2", {**AUTHORED, "content/authors/anna-de-vries.yaml": "bio: x\n"})
    assert any(line.startswith("content/authors/anna-de-vries.yaml:1: ") and "name" in line
               for line in run_cli("check", missing).stderr.splitlines())


def test_year_archives_are_linked_from_the_timeline_and_home(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(_site(tmp_path, AUTHORED), out)
    year = (out / "2018" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Zaken uit 2018</h1>" in year
    assert "/klachten/stories/a2/" in year and "/klachten/stories/b1/" in year and "/stories/a1/" not in year
    for page in ("timeline/index.html", "index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert '<a href="/klachten/2017/">2017</a> <span class="count">1</span>' in html, page
        assert '<a href="/klachten/2018/">2018</a> <span class="count">2</span>' in html, page


def test_related_cases_same_company_then_shared_tags_then_sector_at_most_five(tmp_path: Path) -> None:
    files = {
        **_story("me", company="Glasnet", day="2020-01-01", tags="[storing, modem]"),
        **_story("same-company-old", company="Glasnet", day="2010-01-01"),
        **_story("same-company-tag", company="Glasnet", day="2009-01-01", tags="[modem]"),
        **_story("two-tags", company="Stroomco", day="2011-01-01", tags="[storing, modem]"),
        **_story("one-tag", company="Stroomco", day="2019-01-01", tags="[storing]"),
        **_story("sector-only", company="Kabelco", day="2019-06-01"),
        **_story("sector-and-tag", company="Kabelco", day="2005-01-01", tags="[storing]"),
        **_story("unrelated", company="Stroomco", day="2019-09-01"),
    }
    site = check_site(_site(tmp_path, files), BuildOptions()).site
    me = next(s for s in site.stories if s.slug == "me")
    chooser = RelatedChooser.of(site)
    assert [s.slug for s in chooser.related(me)] == [
        "same-company-tag", "same-company-old", "two-tags", "sector-and-tag", "one-tag"]
    assert len(chooser.related(me, 10)) == 6  # 'unrelated' shares nothing
    out = tmp_path / "out"
    _build(_site(tmp_path, files), out)
    page = (out / "stories" / "me" / "index.html").read_text(encoding="utf-8")
    related = page.split('<section class="related"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'href="/klachten/stories/([^/]+)/"', related) == [
        "same-company-tag", "same-company-old", "two-tags", "sector-and-tag", "one-tag"]


def test_reading_time_in_the_storys_own_language_on_its_page_and_in_lists(tmp_path: Path) -> None:
    files = {
        **_story("long-en", company="Glasnet", day="2020-01-01", language="en", words=660),
        **_story("kort", company="Glasnet", day="2020-01-02", words=30),
    }
    out = tmp_path / "out"
    _build(_site(tmp_path, files), out)
    page = (out / "stories" / "long-en" / "index.html").read_text(encoding="utf-8")
    assert '<span class="reading-time" lang="en">3 min read</span>' in page
    assert '<span class="reading-time">1 min. lezen</span>' in (out / "stories" / "kort" / "index.html").read_text(
        encoding="utf-8")
    listing = (out / "companies" / "glasnet" / "index.html").read_text(encoding="utf-8")
    assert '<span class="reading-time">3 min read</span>' in listing  # inside the card marked lang="en"
    assert '<span class="reading-time">1 min. lezen</span>' in listing
