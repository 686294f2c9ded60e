"""The search index made from records: what a record holds, the shards, the same results
as Pagefind's own HTML indexing, every language found on one site, determinism, and an
edit that re-indexes one shard."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.build import BuildOptions, build_site, check_site
from generator.model import Apology, Company, Language, Outcome, Story, Taxonomy, Term
from generator.output.pagefind_service import executable
from generator.pages import search
from generator.pages.search import (
    plain_text,
    search_record,
    search_page,
    shard_count,
    shard_folders,
    shard_of,
)
from tests.conftest import REPO, run_cli, tree_bytes
from tests.test_search import RESULT_LINKS, _open

SITES = REPO / "tests" / "sites"


@pytest.mark.parametrize(("stories", "shards"), [
    (0, 1), (1, 1), (320, 1), (321, 2), (640, 2), (641, 4), (10_000, 32), (50_000, 64), (10**6, 64),
])
def test_shard_count_is_a_power_of_two_keeping_shards_small(stories: int, shards: int) -> None:
    assert shard_count(stories) == shards


def test_a_story_keeps_its_shard_from_run_to_run() -> None:
    assert [shard_of(slug, 32) for slug in ("de-meter", "acht-dagen-zonder-internet", "onbekend")] == [17, 30, 11]
    assert {shard_of("de-meter", 1), shard_of("onbekend", 1)} == {0}


def test_plain_text_keeps_the_words_and_unescapes() -> None:
    assert plain_text("<p>Tien <em>dagen</em></p><p>K&amp;P &lt;script&gt;</p>").split() == [
        "Tien", "dagen", "K&P", "<script>"]


def _story(**fields: object) -> Story:
    base = {"source": "content/stories/roaming.md", "slug": "roaming", "title": "Roaming in Belgium",
            "company": "Glasnet", "date": date(2016, 4, 3), "outcome": Outcome.RESOLVED, "apology": Apology.NO,
            "author": "Kees", "language": Language.EN, "summary": "",
            "body_html": "<p>The bill showed <strong>roaming</strong> charges.</p>", "company_slug": "glasnet"}
    return Story(**{**base, **fields})  # type: ignore[arg-type]


def test_a_record_holds_the_text_a_reader_sees_and_meta_for_the_result() -> None:
    record = search_record(_story(), Company(slug="glasnet", name="Glasnet"), [Term("roaming", "roaming", Taxonomy.TAGS)], Language.NL)
    assert record.url == "/stories/roaming/"
    assert record.language == "nl"  # the site's, not the story's: one index holds every story
    assert record.content.split() == ["Roaming", "in", "Belgium", "Glasnet", "Kees", "The", "bill", "showed",
                                      "roaming", "charges.", "#roaming"]
    assert record.meta == (("title", "Roaming in Belgium"), ("bedrijf", "Glasnet"), ("afloop", "Opgelost"),
                           ("gepubliceerd", "3 april 2016"))
    assert record.filters == (("bedrijf", ("Glasnet",)), ("afloop", ("Opgelost",)), ("excuses", ("Geen excuses",)),
                              ("jaar", ("2016",)), ("tag", ("roaming",)))
    assert record.sort == (("date", "2016-04-03"),)


def test_the_search_page_merges_every_other_shard_with_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_SIZE", 1)
    stories = [_story(slug=slug) for slug in ("a", "b", "c")]  # 4 shards; crc32: a, b, c -> 3, 1, 3
    assert shard_folders(["a", "b", "c"]) == {1: "", 3: "3/"}  # shard 0 has no story: shard 1 is the bundle
    assert shard_folders([]) == {0: ""}
    page = search_page(stories, Language.NL, "/pagefind/")
    assert page.merge_bundles == ("/pagefind/3/",)
    assert page.open_filters == ("afloop", "excuses", "jaar")


MIXED = {
    "site.yaml": 'title: "Klachten"\nbase_url: "https://klachten.example/"\nlanguage: nl\n',
    "content/companies/glasnet.yaml": "name: Glasnet\nsector: telecom\n",
    "content/stories/2016-04-03-roaming.md": """\
        ---
        title: "Roaming charges after a trip"
        company: Glasnet
        date: 2016-04-03
        outcome: resolved
        apology: "no"
        language: en
        ---
        Back from Belgium, the bill showed roaming charges for calls I never made.
        """,
    "content/stories/2016-05-01-storing.md": """\
        ---
        title: "Acht dagen storing"
        company: Glasnet
        date: 2016-05-01
        outcome: open
        apology: partial
        ---
        De verbinding viel weg en de helpdesk belde niet terug.
        """,
    "content/stories/2016-06-01-factuur.md": """\
        ---
        title: "Een dubbele factuur"
        company: Stroomwerk
        date: 2016-06-01
        outcome: unresolved
        apology: "yes"
        ---
        Twee keer afgeschreven voor dezelfde maand; de bank gaf het geld terug.
        """,
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_tree

    root = tmp_path_factory.mktemp("mixed")
    site = write_tree(root / "site", MIXED)
    result = run_cli("build", site, "--out", root / "out")
    assert result.returncode == 0, result.stderr
    assert ", 3 indexed for search in " in result.stdout
    return root / "out"


def test_english_and_dutch_stories_are_in_one_index(mixed: Path) -> None:
    entry = json.loads((mixed / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"] and entry["languages"]["nl"]["page_count"] == 3


def test_an_english_story_is_found_on_a_dutch_site_with_its_facts(mixed: Path, serve_dir, browser) -> None:
    page, errors = _open(browser, serve_dir(mixed) + "search/?q=roaming")
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    expect(page.locator(RESULT_LINKS)).to_have_attribute("href", "/stories/roaming/")
    tags = page.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert tags == ["Afloop: Opgelost", "Bedrijf: Glasnet", "Gepubliceerd: 3 april 2016"]  # Pagefind sorts meta
    assert page.locator(".pagefind-ui__result-nested").count() == 0  # no sub-result labelled with a heading
    page.fill(".pagefind-ui__search-input", "Belgium")
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    expect(page.locator(RESULT_LINKS)).to_have_attribute("href", "/stories/roaming/")
    page.fill(".pagefind-ui__search-input", "helpdesk")
    expect(page.locator(RESULT_LINKS)).to_have_attribute("href", "/stories/storing/")
    assert errors == []
    page.close()


SEARCH_JS = """async ([bundles, queries]) => {
  // an instance of its own: the search page's script has merged its shards into the module's
  const pagefind = (await import(bundles[0] + "pagefind.js")).createInstance({});
  for (const other of bundles.slice(1)) { await pagefind.mergeIndex(other); }
  const found = {};
  for (const query of queries) {
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.map((r) => r.data()));
    found[query] = data.map((d) => d.url).sort();
  }
  return found;
}"""

QUERIES = ["internet", "Nummerbehoud", "meter", "de", "excuses", "glasvezel", "monteur", "korting", "dubbel",
           "opgegeven", "storing", "Glasnet", "Waterlijn", "xyzzy"]


def _search(browser: object, base: str, bundles: list[str], queries: list[str]) -> dict[str, list[str]]:
    page, errors = _open(browser, base + "search/")
    found = page.evaluate(SEARCH_JS, [bundles, queries])
    assert errors == []
    page.close()
    return found


def test_the_same_queries_find_the_same_stories_as_pagefind_over_the_html(
        tmp_path: Path, serve_dir, browser) -> None:
    out = tmp_path / "out"
    assert run_cli("build", SITES / "nl", "--out", out).returncode == 0
    # Pagefind's own indexing of the story pages (what the build ran before), as one Dutch index
    subprocess.run([str(executable()), "--site", str(out), "--glob", "stories/**/*.html", "--force-language", "nl",
                    "--output-subdir", "reference", "--silent"], check=True, timeout=120)
    base = serve_dir(out)
    ours = _search(browser, base, ["/pagefind/"], QUERIES)
    theirs = _search(browser, base, ["/reference/"], QUERIES)
    # One difference, on purpose: a tag finds its stories ('#glasvezel' is a word of the
    # record); Pagefind's HTML reading of the tag links found nothing.
    assert ours.pop("glasvezel") == ["/stories/acht-dagen-zonder-internet/"] and theirs.pop("glasvezel") == []
    assert ours == theirs
    assert ours["Nummerbehoud"] == ["/stories/de-meter/"] and len(ours["de"]) == 2 and ours["xyzzy"] == []


def _sharded_site(tmp_path: Path) -> Path:
    from tests.conftest import write_tree

    stories = {f"content/stories/2016-0{i}-01-zaak-{i}.md": f"""\
        ---
        title: "Zaak {i}"
        company: {"Glasnet" if i % 2 else "Stroomwerk"}
        date: 2016-0{i}-01
        outcome: {"open" if i % 3 else "resolved"}
        apology: "no"
        ---
        Verhaal {i}: de monteur kwam niet{" en de factuur klopte niet" if i % 2 else ""}. woord{i}
        """ for i in range(1, 8)}
    return write_tree(tmp_path / "site", {"site.yaml": 'title: "K"\nlanguage: nl\n', **stories})


def _build(site: Path, out: Path) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    build_site(site, out, BuildOptions())


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_SIZE", 1)  # 7 stories -> 8 shards
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def test_a_sharded_index_is_deterministic_and_finds_every_story(
        tmp_path: Path, small_shards: None, serve_dir, browser) -> None:
    site = _sharded_site(tmp_path)
    _build(site, tmp_path / "one")
    _build(site, tmp_path / "two")
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    bundle = tmp_path / "one" / "pagefind"
    shards = sorted(p.parent.name for p in bundle.glob("*/pagefind-entry.json"))  # the merged ones
    assert len(shards) >= 3 and not (bundle / shards[0] / "pagefind.js").exists()  # a merged shard: its index only
    base = serve_dir(tmp_path / "one")
    assert (bundle / "pagefind.js").is_file()
    merged = ["/pagefind/", *(f"/pagefind/{shard}/" for shard in shards)]
    found = _search(browser, base, merged, ["monteur", "factuur", "woord5"])
    assert found == {"monteur": [f"/stories/zaak-{i}/" for i in range(1, 8)],
                     "factuur": [f"/stories/zaak-{i}/" for i in (1, 3, 5, 7)], "woord5": ["/stories/zaak-5/"]}
    page, errors = _open(browser, base + "search/?q=factuur")  # the search page merges the shards itself
    expect(page.locator(".pagefind-ui__message")).to_have_text("4 resultaten voor factuur")
    page.locator("label", has_text="Opgelost").first.click()  # filters count across shards
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    expect(page.locator(RESULT_LINKS)).to_have_attribute("href", "/stories/zaak-3/")
    assert errors == []
    page.close()


def test_an_edit_reindexes_one_shard_and_matches_a_cold_build(tmp_path: Path, small_shards: None) -> None:
    site = _sharded_site(tmp_path)
    out = tmp_path / "out"
    _build(site, out)
    before = {name: (out / "pagefind" / name).stat().st_ino for name in tree_bytes(out / "pagefind")}
    story = site / "content" / "stories" / "2016-05-01-zaak-5.md"
    story.write_text(story.read_text(encoding="utf-8") + "Later gaf Stroomwerk alsnog antwoord.\n", encoding="utf-8")
    _build(site, out)
    after = {name: (out / "pagefind" / name).stat().st_ino for name in tree_bytes(out / "pagefind")}
    changed = {name.split("/")[0] for name in after if before.get(name) != after[name]}
    assert changed == {str(shard_of("zaak-5", 8)), search_manifest()}
    cold = tmp_path / "cold"
    _build(site, cold)
    assert tree_bytes(out) == tree_bytes(cold)


def test_told_which_stories_changed_a_bundle_rehashes_only_their_shards(tmp_path: Path, small_shards: None) -> None:
    """A text edit says which stories it changed: the other shards keep their keys from
    the last manifest (their stories are not hashed again), so their files are reused."""
    from dataclasses import replace

    from generator.output.pagefind import Bundling

    site = _sharded_site(tmp_path)
    out = tmp_path / "out"
    _build(site, out)
    linked = check_site(site, BuildOptions()).site
    # zaak-2's text differs from what its shard was indexed from; only zaak-5 is said to have changed.
    stories = tuple(replace(s, body_html=s.body_html + "<p>ander</p>") if s.slug in {"zaak-2", "zaak-5"} else s
                    for s in linked.stories)
    edited = replace(linked, stories=stories)
    told = Bundling(edited, previous=out / "pagefind", changed={"zaak-5"}).result()
    made = {name.split("/")[0] for name, content in told.items() if not isinstance(content, Path)}
    assert made == {str(shard_of("zaak-5", 8)), search_manifest()}
    untold = Bundling(edited, previous=out / "pagefind").result()
    made = {name.split("/")[0] for name, content in untold.items() if not isinstance(content, Path)}
    assert made == {str(shard_of("zaak-5", 8)), str(shard_of("zaak-2", 8)), search_manifest()}


def test_a_shards_files_are_put_while_pagefind_makes_the_next(
        tmp_path: Path, small_shards: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle is written shard by shard as Pagefind makes them: every shard but the
    first is made only once the first one's files are in the output (waiting for all of
    them before writing any would leave these waits unanswered)."""
    import threading

    import generator.output.pagefind as pagefind
    from generator.output.write import Staging

    site = check_site(_sharded_site(tmp_path), BuildOptions()).site
    first_put = threading.Event()
    answered: list[bool] = []
    real_index_shard = pagefind._index_shard

    def index_shard(records, prefix, service, cancel):  # noqa: ANN001, ANN202 - as the real one
        if prefix:  # not the first shard (the bundle itself)
            answered.append(first_put.wait(timeout=20))
        return real_index_shard(records, prefix, service, cancel)

    class Watched(Staging):
        def put(self, name: str, data: bytes) -> bool:
            first_put.set()
            return super().put(name, data)

    monkeypatch.setattr(pagefind, "_index_shard", index_shard)
    (tmp_path / "new").mkdir()
    assert pagefind.index_site(Watched(tmp_path / "new", None), site) == 7
    assert answered == [True] * (len(shard_folders(s.slug for s in site.stories)) - 1)
    assert (tmp_path / "new" / "pagefind" / "pagefind-entry.json").is_file()


def search_manifest() -> str:
    from generator.output.pagefind import MANIFEST

    return MANIFEST


def test_the_records_of_a_site_go_to_their_shards_in_slug_order(small_shards: None) -> None:
    site = check_site(SITES / "nl", BuildOptions()).site
    shards = {shard: [search.search_record(e.story, e.company, e.tags, site.config.language) for e in entries]
              for shard, entries in search.entries_by_shard(site).items()}
    assert sorted(shards) == sorted({shard_of(s.slug, 4) for s in site.stories})
    placed = {record.url: shard for shard, records in shards.items() for record in records}
    assert placed == {f"/stories/{s.slug}/": shard_of(s.slug, 4) for s in site.stories}
    assert all([r.url for r in records] == sorted((r.url for r in records), key=lambda u: u.split("/")[2])
               for records in shards.values())


def test_pagefind_missing_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output.pagefind import index_site
    from generator.output.write import OutputError, Staging

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    site = check_site(SITES / "nl", BuildOptions()).site
    with pytest.raises(OutputError) as raised:
        index_site(Staging(tmp_path, None), site)
    assert str(raised.value) == (f"search index failed: cannot start Pagefind: [Errno 2] No such file or directory: "
                                 f"'{tmp_path / 'no-such-pagefind'}'")


def test_markup_in_a_story_text_stays_text_in_the_results(tmp_path: Path, serve_dir, browser) -> None:
    from tests.conftest import write_tree

    site = write_tree(tmp_path / "site", {
        "site.yaml": 'title: "K"\nlanguage: nl\n',
        "content/stories/2016-01-01-vreemd.md": """\
            ---
            title: "Vreemde tekens"
            company: Glasnet
            date: 2016-01-01
            outcome: open
            apology: "no"
            ---
            De factuur zei <img src=x onerror="window.pwned=1"> en &lt;b&gt;klonk&lt;/b&gt; raar.
            """,
    })
    assert run_cli("build", site, "--out", tmp_path / "out").returncode == 0
    page, errors = _open(browser, serve_dir(tmp_path / "out") + "search/?q=factuur")
    expect(page.locator(RESULT_LINKS)).to_have_count(1)
    excerpt = page.locator(".pagefind-ui__result-excerpt")
    expect(excerpt).to_contain_text('<img src=x onerror="window.pwned=1">')
    assert page.locator(".pagefind-ui__results img, .pagefind-ui__results b").count() == 0
    assert page.evaluate("window.pwned") is None
    assert errors == []
    page.close()
