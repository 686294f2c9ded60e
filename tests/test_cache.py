"""cache: tables round-trip, in the foreground and from a forked child."""

from __future__ import annotations

from pathlib import Path

from generator.fast.cache import Cache, wait_for_saves


def test_a_table_saved_in_the_background_is_there_after_waiting(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    table = {"k": ("één", [1, 2]), "other": None}
    cache.save("t", table, background=True)
    wait_for_saves()
    assert Cache(tmp_path / "cache").load("t") == table
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["t.pickle"]  # no temporary file left


def test_a_foreground_save_overwrites_and_no_cache_never_hits(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.save("t", {"a": 1})
    cache.save("t", {"b": 2})
    assert cache.load("t") == {"b": 2}
    none = Cache(None)
    none.save("t", {"a": 1})
    assert none.load("t") == {}



def test_templates_kept_compiled_are_compiled_again_when_their_source_changes(tmp_path: Path) -> None:
    from generator.fast import templates_cache
    from generator.output.render import load_theme

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "page.html").write_text("before {{ 40 + 2 }}", encoding="utf-8")
    assert load_theme([theme], compiled=templates_cache(tmp_path / "cache")).templates["page.html"].render() == "before 42"
    assert list((tmp_path / "cache" / "templates").rglob("*.cache"))  # kept for the next build
    (theme / "page.html").write_text("after {{ 40 + 2 }}", encoding="utf-8")
    assert load_theme([theme], compiled=templates_cache(tmp_path / "cache")).templates["page.html"].render() == "after 42"


def test_a_templates_folder_that_cannot_be_made_or_read_only_costs_the_time(tmp_path: Path) -> None:
    from generator.fast import templates_cache
    from generator.output.render import load_theme

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "page.html").write_text("{{ 6 * 7 }}", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "templates").write_text("a file where the folder would go", encoding="utf-8")
    assert load_theme([theme], compiled=templates_cache(tmp_path / "cache")).templates["page.html"].render() == "42"
    other = tmp_path / "other"
    load_theme([theme], compiled=templates_cache(other))
    for kept in (other / "templates").rglob("*.cache"):
        kept.write_bytes(kept.read_bytes()[:20])  # damaged
    assert load_theme([theme], compiled=templates_cache(other)).templates["page.html"].render() == "42"
