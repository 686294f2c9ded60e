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


def test_the_tokens_kept_with_parsed_stories_are_the_tokens_of_the_stories_a_build_links(tmp_path) -> None:
    # parse.py makes each story's token where the story is parsed (a forked worker) and the
    # cache keeps it: it must be the token this process makes of the story the build
    # links, from the pool and from the cache alike, and the keys made with them the same.
    from generator.build import BuildOptions, check_site
    from generator.fast import Pool, keys
    from generator.fast.cache import Cache, wait_for_saves
    from generator.fast.parse import parse_stories
    from generator.output.renderer import Renderer
    from generator.read.files import read_sources
    from generator.read.config import parse_config
    from generator.read.story import StoryParser
    from tests.conftest import REPO

    site_dir = REPO / "tests" / "sites" / "nl"
    sources = read_sources(site_dir)
    config = parse_config(sources.config)[0]
    cache = Cache(tmp_path)
    forked = parse_stories(sources.stories, StoryParser(config), config, cache=cache, map=Pool(2))
    wait_for_saves()
    cached = parse_stories(sources.stories, StoryParser(config), config, cache=cache, map=Pool(2))
    assert len(forked) > 3 and all(token for _, _, token in forked)
    for (story, _, token), (again, _, kept) in zip(forked, cached, strict=True):
        assert story is not None and again is not None and story is not again
        assert token == kept == (Tokens().listing(story), Tokens().of(story)) == (Tokens().listing(again),
                                                                                  Tokens().of(again))

    renderer = Renderer.of(site_dir, check_site(site_dir, BuildOptions(search=False)).site)
    plan = renderer.plan()
    related = keys.Related().update(renderer.site, renderer.planner.related)
    listed = {id(story): (story, Tokens().listing(story)) for story in renderer.site.stories}
    known = {id(story): (story, Tokens().of(story)) for story in renderer.site.stories}
    assert keys.shared_unit_keys(renderer, plan, related, {}, 1, listed, None, known).keys == keys.unit_keys(
        renderer, plan, related, {}).keys


def test_a_build_after_an_edit_takes_the_tokens_of_the_stories_it_did_not_parse_again(tmp_path, monkeypatch) -> None:
    # The tokens kept in the parse cache are worth something only when the linked stories
    # are the very objects parsed: link keeps a story whose company is named as its record is.
    from benchmarks.corpus import write_corpus
    from generator.build import BuildOptions, build_site
    from generator.fast import memory, speed
    from generator.urls import name_slug

    site_dir = tmp_path / "site"
    write_corpus(site_dir, stories=40, companies=5, seed=3)
    seen: list[tuple[object, dict[int, tuple[object, bytes]], dict[int, tuple[object, bytes]]]] = []
    real = memory.shared_unit_keys

    def watched(renderer, plan, related, stamps, jobs, listed=None, templates=None, known=None):  # type: ignore[no-untyped-def]
        seen.append((renderer.site, dict(listed or {}), dict(known or {})))
        return real(renderer, plan, related, stamps, jobs, listed, templates, known)

    monkeypatch.setattr(memory, "shared_unit_keys", watched)
    build = lambda: build_site(site_dir, tmp_path / "out", BuildOptions(search=False),  # noqa: E731
                               speed=speed(jobs=1, cache_dir=tmp_path / "cache"))
    build()
    story = sorted((site_dir / "content" / "stories").rglob("*.md"))[0]
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    build()
    site, listed, known = seen[-1]
    tokens = Tokens(listed=listed)
    plain = [s for s in site.stories if s.company_slug == name_slug(s.company) and not s.images]
    assert len(plain) >= 20 and all(tokens.knows(s) for s in plain)
    assert all(known[id(s)] == (s, Tokens().of(s)) for s in plain)  # and their tokens, with the body



def test_the_names_in_template_sources_are_found_once_and_kept_by_the_build_memory(tmp_path, monkeypatch) -> None:
    # Parsing the theme's templates for the names they extend, include or import was ~40 ms
    # of every build after an edit: the build's memory keeps them, by source, and the keys
    # made with the names kept are the keys made without them.
    from benchmarks.corpus import write_corpus
    from generator.build import BuildOptions, build_site
    from generator.fast import keys, memory, speed
    from generator.output import render

    site_dir = tmp_path / "site"
    write_corpus(site_dir, stories=12, companies=3, seed=5)
    parsed: list[object] = []
    real_find = render.meta.find_referenced_templates
    monkeypatch.setattr(render.meta, "find_referenced_templates", lambda ast: parsed.append(ast) or real_find(ast))
    calls: list[tuple[tuple[object, ...], keys.UnitKeys]] = []
    real = memory.shared_unit_keys

    def watched(*args):  # type: ignore[no-untyped-def]
        calls.append((args, real(*args)))
        return calls[-1][1]

    monkeypatch.setattr(memory, "shared_unit_keys", watched)
    story = sorted((site_dir / "content" / "stories").rglob("*.md"))[0]
    for sentence in ("", "One more sentence.", "And another."):
        story.write_text(story.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        parsed.clear()
        build_site(site_dir, tmp_path / "out", BuildOptions(search=False),
                   speed=speed(jobs=1, cache_dir=tmp_path / "cache"))
    assert len(calls) == 3 and parsed == []  # the last build parsed no template
    (renderer, plan, related, stamps, *_), made = calls[-1]
    assert made.keys == keys.unit_keys(renderer, plan, related, stamps).keys  # names found anew: the same keys
    assert parsed  # (and finding them anew parses)


def test_a_story_s_listing_token_leaves_its_body_out_and_its_token_does_not() -> None:
    from dataclasses import replace

    from generator.pages.views import Card
    from tests.test_link import GLASNET

    story = _story()
    longer = replace(story, body_html=story.body_html + "<p>Een zin erbij.</p>")
    retitled = replace(story, title="Een andere titel")
    tokens = Tokens()
    assert tokens.listing(story) == tokens.listing(longer) != tokens.listing(retitled)
    assert tokens.of(story) != tokens.of(longer)
    card, longer_card = Card(story, GLASNET, ()), Card(longer, GLASNET, ())
    assert tokens.listing(card) == tokens.listing(longer_card) != tokens.listing(Card(retitled, GLASNET, ()))
    assert tokens.of(card) != tokens.of(longer_card)
    assert tokens.of(card) != tokens.of(Card(story, replace(GLASNET, name="Glasnet BV"), ()))  # and the rest of it


def _story():  # type: ignore[no-untyped-def]
    import datetime as dt

    from generator.model import Apology, Language, Outcome, Story

    return Story(source="content/stories/x.md", slug="x", title="Het modem", company="Glasnet", date=dt.date(2020, 1, 2),
                 outcome=Outcome.RESOLVED, apology=Apology.NO, author="A", language=Language.NL, summary="Kort.",
                 body_html="<p>Lang verhaal.</p>")
