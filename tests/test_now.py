"""A build's "now" is the build day (or SOURCE_DATE_EPOCH's day), and a base_url on
localhost is a warning for a site that will be published."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator import clock
from generator.build import BuildOptions, build_site, check_site
from generator.fast import speed
from generator.read.config import parse_config
from generator.urls import is_local_url
from tests.conftest import run_cli, tree_bytes, write_tree

DAY = 86_400
EPOCH_2026 = 1_767_225_600  # 2026-01-01 00:00 UTC

OLD_OPEN = {
    "site.yaml": 'title: "Archief"\nbase_url: "https://archief.example/"\nlanguage: en\n',
    "content/stories/2017-06-01-modem.md": """\
        ---
        title: "Modem never arrived"
        company: Kabelnet
        date: 2017-06-01
        incident: 2017-05-20
        outcome: open
        apology: "no"
        ---
        The modem never arrived.
        """,
    "content/stories/2017-06-09-bill.md": """\
        ---
        title: "A bill twice"
        company: Kabelnet
        date: 2017-06-09
        outcome: resolved
        apology: "yes"
        ---
        Paid twice, refunded.
        """,
}


def test_now_is_the_build_day_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = write_tree(tmp_path / "site", OLD_OPEN)
    checked = check_site(site, BuildOptions())
    today = datetime.now(tz=UTC).date()
    assert checked.site.now in (today, clock.today())  # not 2017-06-09, the newest story
    assert checked.site.now >= date(2026, 1, 1)


def test_source_date_epoch_fixes_now_to_its_day(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026 + 23 * 3600 + 59 * 60))  # 23:59 that day
    site = write_tree(tmp_path / "site", OLD_OPEN)
    assert check_site(site, BuildOptions()).site.now == date(2026, 1, 1)


def test_days_open_count_to_the_build_day(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026))
    site = write_tree(tmp_path / "site", OLD_OPEN)
    build_site(site, tmp_path / "out", BuildOptions(search=False))
    page = (tmp_path / "out" / "stories" / "modem" / "index.html").read_text(encoding="utf-8")
    days = (date(2026, 1, 1) - date(2017, 5, 20)).days
    assert f"{days:,} days" in page or f"{days} days" in page


def test_the_no_change_shortcut_rebuilds_on_a_new_day_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", OLD_OPEN)
    out, cache = tmp_path / "out", tmp_path / "cache"
    options, fast = BuildOptions(search=False), speed(jobs=1, cache_dir=cache)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026 + 3600))
    assert not build_site(site, out, options, speed=fast).result.unchanged
    first = tree_bytes(out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026 + 20 * 3600))  # later the same day
    assert build_site(site, out, options, speed=fast).result.unchanged
    assert tree_bytes(out) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026 + DAY + 3600))  # the next day
    assert not build_site(site, out, options, speed=fast).result.unchanged
    page = "stories/modem/index.html"
    assert tree_bytes(out)[page] != first[page]  # one more day open
    fresh = tmp_path / "fresh"
    build_site(site, fresh, BuildOptions(search=False))
    assert {k: v for k, v in tree_bytes(out).items() if k != ".grievance-output"} == {
        k: v for k, v in tree_bytes(fresh).items() if k != ".grievance-output"}


def test_check_warns_about_an_old_open_case_counted_to_the_build_day(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", OLD_OPEN)
    result = run_cli("check", site)  # SOURCE_DATE_EPOCH: 2026-01-01
    days = (date(2026, 1, 1) - date(2017, 6, 1)).days
    assert (f"content/stories/2017-06-01-modem.md:6: warning: open case with no news for {days} days "
            "(last on 2017-06-01); add an update or change the outcome") in result.stderr.splitlines()


LOCAL = ("site.yaml:2: warning: base_url: http://localhost:8000/ is a local address: published feeds, sitemap "
         "and canonical links would point at it; set the site's public URL or build with --base-url")


DEFAULT = ("site.yaml: warning: base_url: not set, so the default http://localhost:8000/ applies, a local address: "
           "published feeds, sitemap and canonical links would point at it; set the site's public URL or build "
           "with --base-url")


def test_build_without_a_base_url_warns_and_check_strict_fails(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**OLD_OPEN, "site.yaml": 'title: "X"\n'})
    built = run_cli("build", site, "--out", tmp_path / "out", "--quiet", "--no-search")
    assert built.returncode == 0
    assert DEFAULT in built.stderr.splitlines()
    strict = run_cli("check", site, "--strict")
    assert strict.returncode == 1
    assert DEFAULT in strict.stderr.splitlines()
    given = run_cli("build", site, "--out", tmp_path / "out2", "--quiet", "--no-search",
                    "--base-url", "https://x.example/")
    assert given.returncode == 0
    assert "base_url" not in given.stderr
    # serve builds with its own address as base_url (serve/loop.py), like --base-url
    checked = check_site(site, BuildOptions(base_url="http://127.0.0.1:8000/"))
    assert not [w for w in checked.warnings if w.key == "base_url"]


@pytest.mark.parametrize(("url", "local"), [
    ("http://localhost:8000/", True), ("http://LOCALHOST/", True), ("http://blog.localhost/", True),
    ("http://127.0.0.1:8000/", True), ("http://127.1.2.3/", True), ("http://[::1]:8000/", True),
    ("http://0.0.0.0:8000/", True), ("https://klachten.example/", False), ("https://localhost.example/", False),
    ("https://user.github.io/repo/", False), ("http://192.168.1.10/", False),
])
def test_local_addresses(url: str, local: bool) -> None:
    assert is_local_url(url) is local


def test_a_localhost_base_url_is_a_warning_with_its_line_only_for_a_published_build() -> None:
    data = b'title: "X"\nbase_url: "http://localhost:8000/"\n'
    assert parse_config(data)[1] == []
    [warning] = parse_config(data, published=True)[1]
    assert str(warning) == LOCAL
    [default] = parse_config(b'title: "X"\n', published=True)[1]  # no key: the default applies
    assert str(default) == DEFAULT
    [default] = parse_config(None, published=True)[1]  # no site.yaml at all
    assert str(default) == DEFAULT
    assert parse_config(b'title: "X"\n')[1] == []
    assert [d.key for d in parse_config(b'base_url: 3\n', published=True)[1]] == ["base_url"]  # the error alone
    assert parse_config(b'base_url: "https://x.example/"\n', published=True)[1] == []


def test_build_warns_check_strict_fails_and_base_url_silences(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**OLD_OPEN, "site.yaml": 'title: "X"\nbase_url: "http://localhost:8000/"\n'})
    built = run_cli("build", site, "--out", tmp_path / "out", "--quiet", "--no-search")
    assert built.returncode == 0
    assert LOCAL in built.stderr.splitlines()
    strict = run_cli("check", site, "--strict")
    assert strict.returncode == 1
    assert LOCAL in strict.stderr.splitlines()
    given = run_cli("build", site, "--out", tmp_path / "out2", "--quiet", "--no-search",
                    "--base-url", "https://x.example/")
    assert given.returncode == 0
    assert "base_url" not in given.stderr


def test_serve_is_not_warned(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {**OLD_OPEN, "site.yaml": 'title: "X"\nbase_url: "http://localhost:8000/"\n'})
    # serve builds with its own address as base_url (serve/loop.py), like --base-url
    checked = check_site(site, BuildOptions(base_url="http://127.0.0.1:8000/"))
    assert not [w for w in checked.warnings if w.key == "base_url"]
