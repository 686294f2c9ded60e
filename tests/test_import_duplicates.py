"""Duplicates and lost work: the same post from two sources is one story, the site's own
content adds nothing, two imports at once write each post once, long titles keep distinct
slugs, and the report counts facts read, guessed and not known. Posts here are invented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.importer.run import import_sources
from generator.importer.seen import Seen
from generator.importer.write import free_name
from tests.conftest import REPO, run_cli, write_tree

SITE_YAML = 'title: "Klachten"\nbase_url: "https://klachten.example/"\nlanguage: nl\n'
STORY = ("Op 20 februari 2019 viel mijn internet bij Netwave uit. Ik heb drie keer gebeld met de klantenservice "
         "van Netwave en kreeg steeds iemand anders aan de lijn. Acht dagen later kwam er eindelijk een monteur, "
         "die het modem verving. Het is opgelost, maar excuses kwamen er niet.")
TEXT = f"Acht dagen zonder internet\n• 3 maart 2019 • Anna de Vries\n{STORY}\n"
HTML = f"""<!doctype html><html><head><title>Acht dagen zonder internet | Klaagblog</title>
<meta property="article:published_time" content="2019-03-03T10:00:00+01:00"></head><body>
<nav>Home | Over</nav><article><h1>Acht dagen zonder internet</h1><p>{STORY}</p></article>
<footer>© 2019 Klaagblog</footer></body></html>
"""


def test_the_same_post_from_two_sources_is_one_story(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "posts", {"a-text.txt": TEXT, "b-page.html": HTML})
    report = import_sources([posts], site)
    assert len(report.written) == 1, [str(w) for w in report.written]
    (skipped,) = report.skipped
    assert str(skipped) == (f"../posts/b-page.html: already imported as {report.written[0].path} "
                            "(same title and date)")


def test_near_identical_text_under_another_title_is_one_story() -> None:
    seen = Seen()
    seen.add("Acht dagen zonder internet", None, STORY, "content/stories/a.md")
    assert seen.find("Acht dagen zonder internet!", None, STORY.replace("drie keer", "3 keer")) == (
        "content/stories/a.md", "near-identical text")
    assert seen.find("Iets anders", None, "Een heel ander verhaal over een bank die niet terugbelde.") is None


def test_importing_the_sites_own_content_adds_nothing(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "posts", {"a.txt": TEXT})
    import_sources([posts], site)
    before = sorted(p.name for p in (site / "content/stories").iterdir())
    again = import_sources([site / "content"], site)
    assert again.written == [] and len(again.skipped) == 1
    assert sorted(p.name for p in (site / "content/stories").iterdir()) == before


def test_two_imports_at_once_write_each_post_once(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "posts", {f"p{n}.txt": f"Verhaal {n}\nNetwave deed {n} keer niets. " * 3
                                            for n in range(30)})
    code = ("import sys; from pathlib import Path; from generator.importer.run import import_sources; "
            "import_sources([Path(sys.argv[1])], Path(sys.argv[2]))")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(posts), str(site)], cwd=REPO) for _ in range(2)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    assert len(list((site / "content/stories").glob("*.md"))) == 30


def test_long_titles_sharing_their_first_80_characters_get_distinct_slugs(tmp_path: Path) -> None:
    long = "wachten-" * 10
    base = long[:80].rstrip("-")
    name, slug = free_name(__import__("datetime").date(2020, 1, 1), base, {base})
    assert len(slug) <= 80 and slug.endswith("-2") and slug != base
    title = "Wachten " * 12
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "posts", {"a.md": f"# {title}een\n\nNetwave kwam op 3 maart 2020 niet.\n",
                                            "b.md": f"# {title}twee\n\nStroomhuis belde op 9 mei 2021 niet terug.\n"})
    assert len(import_sources([posts], site).written) == 2
    built = run_cli("build", site, "--drafts")
    assert built.returncode == 0, built.stderr


def test_the_report_counts_facts_read_guessed_and_not_known(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML})
    posts = write_tree(tmp_path / "posts", {"a.txt": TEXT})
    report = import_sources([posts], site)
    assert report.written[0].facts == (4, 6, 0)  # title, date, author, source; company ... timeline
    assert report.summary(1.0).endswith("in 1.00 s; 4 facts read, 6 guessed with evidence, 0 not known")
