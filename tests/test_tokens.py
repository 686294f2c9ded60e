"""fast/keys.py Tokens: a token per object, made once, carried from one serve edit to the next."""

from __future__ import annotations

from generator.fast.keys import Tokens
from generator.model import Company


def test_a_token_is_made_once_per_object_and_follows_its_fields() -> None:
    tokens = Tokens()
    one, same, other = Company("a", "A"), Company("a", "A"), Company("a", "B")
    assert tokens.of(one) == tokens.of(same) != tokens.of(other)
    assert tokens.of(one) is tokens.of(one)  # remembered, not made again


def test_carried_tokens_keep_what_the_next_build_meets_and_forget_the_rest() -> None:
    tokens = Tokens()
    kept, dropped = Company("a", "A"), Company("b", "B")
    known = tokens.of(kept)
    tokens.of(dropped)
    later = tokens.carried()
    assert later.of(kept) is known  # taken over, not made again
    again = later.carried()
    assert again._known.keys() == {id(kept)}  # the company not met in `later` is forgotten


def test_keys_made_in_shares_by_forked_workers_are_the_keys_one_process_makes(monkeypatch) -> None:
    from generator.build import BuildOptions, check_site
    from generator.fast import keys
    from generator.output.renderer import Renderer
    from tests.conftest import REPO

    monkeypatch.setattr(keys, "_SHARED_FROM", 0)  # a small site: forked all the same
    site_dir = REPO / "tests" / "sites" / "nl"
    renderer = Renderer.of(site_dir, check_site(site_dir, BuildOptions(search=False)).site)
    plan = renderer.plan()
    related = keys.Related().update(renderer.site, renderer.planner.related)
    one = keys.unit_keys(renderer, plan, related, {})
    for jobs in (2, 3):
        shared = keys.shared_unit_keys(renderer, plan, related, {}, jobs)
        assert shared.keys == one.keys and shared.feed_files == one.feed_files
    assert len(one.keys) > 20 and all(unit in one.keys for unit in ("opendata", "assets"))
