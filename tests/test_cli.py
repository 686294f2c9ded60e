"""The command line end to end, through `python -m generator` in a subprocess."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO, run_cli, tree_bytes, write_tree

SITES = REPO / "tests" / "sites"


def test_build_prints_a_summary_and_writes_the_site(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", SITES / "en", "--out", out)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"built 2 stories, 1 companies, \d+ pages, \d+ feeds, 2 indexed for search in \d+\.\d\d s -> .*\n", result.stdout)
    for page in ["index.html", "stories/roaming/index.html", "companies/index.html",
                 "companies/nuvola/index.html", "tags/roaming/index.html", "sectors/telecom/index.html",
                 "sitemap.xml", "robots.txt", "404.html"]:
        assert (out / page).is_file(), page


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_cli("build", SITES / "nl", "--out", first).returncode == 0
    assert run_cli("build", SITES / "nl", "--out", second).returncode == 0
    assert tree_bytes(first) == tree_bytes(second)


def test_warning_for_unknown_company_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    result = run_cli("build", SITES / "nl", "--out", tmp_path / "out")
    assert result.returncode == 0
    warning = ("content/stories/2016-06-01-onbekend.md:3: warning: company 'Waterlijn' "
               "has no record in content/companies/")
    assert result.stderr.splitlines() == [warning]
    strict = run_cli("build", SITES / "nl", "--out", tmp_path / "strict", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[0] == warning
    assert not (tmp_path / "strict").exists()


def test_errors_in_two_files_are_both_reported_and_output_is_untouched(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        "content/stories/a.md": "---\ntitle: A\ncompany: X\ndate: 2015-01-01\noutcome: open\napology: maybe\n---\nA\n",
        "content/stories/b.md": "---\ntitle: B\ncompany: X\ndate: 2015-01-01\noutcome: done\napology: 'no'\n---\nB\n",
    })
    out = tmp_path / "out"
    good = write_tree(tmp_path / "good", {
        "content/stories/a.md": "---\ntitle: A\ncompany: X\ndate: 2015-01-01\noutcome: open\napology: 'no'\n---\nA\n"})
    assert run_cli("build", good, "--out", out).returncode == 0
    before = tree_bytes(out)
    result = run_cli("build", site, "--out", out)
    assert result.returncode == 1
    assert "content/stories/a.md:6: apology: expected yes, no or partial, got 'maybe'" in result.stderr
    assert "content/stories/b.md:5: outcome: expected open, resolved, unresolved or gave-up, got 'done'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_bytes(out) == before


def test_refuses_a_folder_it_did_not_create(tmp_path: Path) -> None:
    out = write_tree(tmp_path / "mine", {"notes.txt": "keep me"})
    result = run_cli("build", SITES / "en", "--out", out)
    assert result.returncode == 1
    assert "not empty and was not created by grievance" in result.stderr
    assert tree_bytes(out) == {"notes.txt": b"keep me"}


def test_check_validates_and_writes_nothing(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        "content/stories/a.md": "---\ntitle: A\ncompany: X\ndate: 2015-01-01\noutcome: open\napology: 'no'\n---\nA\n"})
    result = run_cli("check", site)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["content"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("build", tmp_path / "missing").returncode == 2
    assert run_cli("build", SITES / "en", "--base-url", "not-a-url").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_init_then_build(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    assert run_cli("init", blog).returncode == 0
    result = run_cli("build", cwd=blog)
    assert result.returncode == 0, result.stderr
    assert (blog / "output" / "stories" / "mijn-eerste-klacht" / "index.html").is_file()
    assert run_cli("init", blog).returncode == 1


def test_init_writes_a_gitignore_for_output_and_cache(tmp_path: Path) -> None:
    from generator.fast.cache import CACHE_DIR

    blog = tmp_path / "blog"
    result = run_cli("init", blog)
    assert result.returncode == 0, result.stderr
    assert f"created {blog / '.gitignore'}" in result.stdout.splitlines()
    ignored = (blog / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/output/" in ignored and f"/{CACHE_DIR}/" in ignored


def test_build_in_a_folder_without_a_site_says_so_and_writes_nothing(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "notes", {"README.md": "# Mijn aantekeningen\n"})
    result = run_cli("build", folder)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {folder}: no site.yaml and no stories in content/stories/; nothing to build",
        "start a new site with: grievance init DIR",
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["README.md"]


def test_build_of_a_site_without_stories_says_so(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": 'title: "Leeg"\n'})
    result = run_cli("build", site, "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "site.yaml: warning: base_url: not set, so the default http://localhost:8000/ applies, a local address: "
        "published feeds, sitemap and canonical links would point at it; set the site's public URL or build with "
        "--base-url",
        'note: the site has no published stories yet; add one with: grievance new story "Title" --company NAME']
    assert (site / "output" / "index.html").is_file()


def test_script_in_a_story_appears_as_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", SITES / "nl", "--out", out).returncode == 0
    page = (out / "stories" / "acht-dagen-zonder-internet" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page or "&lt;script&gt;alert(\"xss\")&lt;/script&gt;" in page


def test_a_build_with_nothing_changed_loads_neither_the_templates_nor_pillow(tmp_path: Path) -> None:
    """The no-change build answers from the build's memory: it imports no stage it does not
    run (Jinja2, the renderer, Pillow for social cards), which was a third of its time; and
    a small site's builds, which fork no workers, never import multiprocessing."""
    import os
    import shutil
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(SITES / "nl", site)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(REPO),
           "GRIEVANCE_CACHE_DIR": str(tmp_path / "cache")}
    loaded = ("import runpy, sys\nsys.argv = ['grievance', 'build', sys.argv[1], '--quiet']\ntry:\n"
              "    runpy.run_module('generator', run_name='__main__')\nfinally:\n"
              "    print(sorted(m for m in ('jinja2', 'PIL', 'generator.output.renderer', 'multiprocessing')\n"
              "                  if m in sys.modules))")

    def build() -> list[str]:
        done = subprocess.run([sys.executable, "-c", loaded, str(site)], env=env, capture_output=True, text=True,
                              timeout=120)
        assert "Traceback" not in done.stderr, done.stderr
        return done.stdout.splitlines()

    assert build() == ["['PIL', 'generator.output.renderer', 'jinja2']"]  # the first build renders and draws
    assert build() == ["[]"]
    story = next((site / "content" / "stories").rglob("*.md"))
    story.write_text(story.read_text(encoding="utf-8") + "\nEen zin erbij.\n", encoding="utf-8")
    assert build() == ["['generator.output.renderer', 'jinja2']"]  # a text edit renders, and draws no card
