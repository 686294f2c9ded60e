"""fast/keys.py and fast/memory.py: a build after edits redoes only the files whose keys changed (a body
edit: the story's page and the feeds carrying it; a front-matter edit: the pages showing the story too),
patched into the output in place, and its output is what a full build would write."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from generator.build import BuildOptions, BuildResult, build_site, check_site
from generator.fast.cache import Cache
import generator.fast as fast
from generator.fast import memory, speed
from generator.output.write import MARKER
from tests.conftest import tree_bytes


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    write_corpus(folder, stories=60, companies=5, seed=3)
    return folder


def _build(site: Path, out: Path, cache: Path | None, **options: object) -> BuildResult:
    return build_site(site, out, BuildOptions(search=False, **options),  # type: ignore[arg-type]
                      speed=speed(jobs=1, cache_dir=cache)).result


def _fresh(site: Path, tmp_path: Path) -> dict[str, bytes]:
    reference = tmp_path / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    _build(site, reference, None)
    return tree_bytes(reference)


def _stories(site: Path) -> list[Path]:
    return sorted((site / "content" / "stories").rglob("*.md"))


def test_a_body_edit_rewrites_only_its_page_and_feeds(site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = _build(site, out, cache)
    assert len(full_builds) == 1
    story = _stories(site)[7]
    story.write_bytes(story.read_bytes() + b"\nA closing sentence, added later.\n")
    untouched = out / "companies" / "index.html"
    inode = untouched.stat().st_ino

    second = _build(site, out, cache)
    assert len(full_builds) == 1  # no second full build

    assert tree_bytes(out) == _fresh(site, tmp_path)
    assert b"A closing sentence, added later." in b"".join(tree_bytes(out).values())
    # The story page and a handful of feeds; every other file kept as it was.
    assert 1 <= second.stats.written <= 20 < first.files
    assert second.stats.written + second.stats.unchanged == second.files == first.files
    assert (second.pages, second.feeds) == (first.pages, first.feeds)
    assert untouched.stat().st_ino == inode


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """-> what each build renders from now on: 'page:<template>' per listing, else the job's kind."""
    from generator.output.renderer import JobKind, Renderer

    seen: list[str] = []
    real = Renderer.files

    def files(self: Renderer, plan, job):  # type: ignore[no-untyped-def]
        seen.append(f"page:{plan.pages[job.index].template}" if job.kind is JobKind.PAGE else str(job.kind))
        return real(self, plan, job)

    monkeypatch.setattr(Renderer, "files", files)
    return seen


def _body_edited(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], Path]:
    """Built, a sentence added to a story's body, built again -> what the second build rendered, the output."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    rendered = _rendered(monkeypatch)
    story = _stories(site)[7]
    story.write_bytes(story.read_bytes() + b"\nA closing sentence, added later.\n")
    _build(site, out, cache)
    return rendered, out


def test_a_body_edit_renders_no_listing_and_no_open_data(site: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The listings, the timeline and the open data show a story's card and front-matter, never
    its body: a body edit leaves them alone (keyed by the story's listing token)."""
    rendered, out = _body_edited(site, tmp_path, monkeypatch)
    assert "story" in rendered and "feeds" in rendered
    assert not [job for job in rendered if job.startswith("page:") or job == "opendata"]
    assert tree_bytes(out) == _fresh(site, tmp_path)


def test_figures_shown_on_a_list_s_first_page_alone_render_that_page_alone_again(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An outcome changes the figures of its story's author, sector and year, which their
    lists show on the first page alone (the newest story is on that page too): the later
    pages of those lists are kept, and the output is a full build's."""
    import random

    from benchmarks.edits import edit

    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "pagination:\n  per_page: 5\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    assert len(list((out / "authors" / "benchmark" / "page").iterdir())) >= 5  # an author list of many pages
    rendered = _rendered(monkeypatch)
    edit(site, "outcome", random.Random(1), story=_stories(site)[-1])  # the newest story
    _build(site, out, cache)
    assert rendered.count("page:author.html") == 1
    assert rendered.count("page:sector.html") == 1
    assert rendered.count("page:company.html") >= 1  # a company's figures are on each of its pages
    assert tree_bytes(out) == _fresh(site, tmp_path)


def test_a_deleted_story_renders_again_the_pages_of_its_own_year_alone(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages of a year name the other years without counts: deleting a story renders
    its year's pages again (their stories shift), not those of every other year."""
    import random

    from benchmarks.edits import edit

    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "pagination:\n  per_page: 5\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    year_pages = {p.parent.relative_to(out).parts[0]: 0 for p in out.glob("[12][0-9][0-9][0-9]/**/index.html")}
    for page in out.glob("[12][0-9][0-9][0-9]/**/index.html"):
        year_pages[page.relative_to(out).parts[0]] += 1
    assert len(year_pages) >= 2 and sum(year_pages.values()) > max(year_pages.values())
    oldest = _stories(site)[0]
    year = oldest.name[:4]
    rendered = _rendered(monkeypatch)
    edit(site, "delete", random.Random(1), story=oldest)
    _build(site, out, cache)
    assert 1 <= rendered.count("page:year.html") <= year_pages[year]
    assert tree_bytes(out) == _fresh(site, tmp_path)


def test_a_listing_whose_theme_shows_the_body_is_rendered_again_after_a_body_edit(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme's timeline that shows each story's body (through a macro it imports): a body
    edit renders it again, and the output is a full build's."""
    theme = site / "themes" / "eigen"
    theme.mkdir(parents=True)
    default = Path(fast.__file__).parents[2] / "themes" / "default"
    (theme / "_bodies.html").write_text("{% macro body(story) %}<div>{{ story.body_html|safe }}</div>{% endmacro %}\n",
                                        encoding="utf-8")
    timeline = (default / "timeline.html").read_text(encoding="utf-8")
    shown = "<a href=\"{{ card.story | url }}\">{{ card.story.title }}</a>"
    assert shown in timeline
    (theme / "timeline.html").write_text(timeline.replace(shown, shown + "{{ bodies.body(card.story) }}", 1).replace(
        "{% block main %}", '{% block main %}{% import "_bodies.html" as bodies %}', 1), encoding="utf-8")
    config = site / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme: default", "theme: eigen"), encoding="utf-8")
    rendered, out = _body_edited(site, tmp_path, monkeypatch)
    assert rendered.count("page:timeline.html") >= 1
    assert "page:tag.html" not in rendered
    assert tree_bytes(out) == _fresh(site, tmp_path)


def test_a_front_matter_edit_rewrites_only_the_pages_showing_the_story(site: Path, tmp_path: Path,
                                                                       full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = _build(site, out, cache)
    story = _stories(site)[3]
    text = story.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    story.write_text(text.replace(title, 'title: "A new title"', 1), encoding="utf-8")
    untouched = out / "404.html"
    inode = untouched.stat().st_ino

    second = _build(site, out, cache)

    assert len(full_builds) == 1  # patched in place
    assert tree_bytes(out) == _fresh(site, tmp_path)
    assert b"A new title" in (out / "timeline" / "index.html").read_bytes()
    assert 1 <= second.stats.written < first.files // 2
    assert second.stats.written + second.stats.unchanged == second.files == first.files
    assert untouched.stat().st_ino == inode


def test_a_deleted_story_leaves_no_file_behind(site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    story = _stories(site)[8]
    story.unlink()

    _build(site, out, cache)

    assert len(full_builds) == 1
    assert tree_bytes(out) == _fresh(site, tmp_path)


@pytest.mark.slow
def test_successive_edits_each_match_a_full_build(site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    for index, story in enumerate(_stories(site)[10:13]):
        story.write_bytes(story.read_bytes() + f"\nEdit number {index}.\n".encode())
        _build(site, out, cache)
        assert tree_bytes(out) == _fresh(site, tmp_path)
    assert len(full_builds) == 1 + 3  # the first build and the three references


def test_a_file_gone_from_the_output_means_a_full_build(site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    (out / "companies" / "index.html").unlink()
    story = _stories(site)[5]
    story.write_bytes(story.read_bytes() + b"\nOne more line.\n")

    result = _build(site, out, cache)

    assert len(full_builds) == 2
    assert (out / "companies" / "index.html").is_file()
    assert tree_bytes(out) == _fresh(site, tmp_path)
    assert result.stats.written >= 1 and result.stats.written + result.stats.unchanged == result.files


def test_a_changed_option_takes_the_full_build(site: Path, tmp_path: Path, full_builds: list[int]) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    _build(site, out, cache)
    story = _stories(site)[2]
    story.write_bytes(story.read_bytes() + b"\nLater.\n")

    _build(site, out, cache, base_url="https://elsewhere.example/")
    assert len(full_builds) == 2

    reference = tmp_path / "reference"
    _build(site, reference, None, base_url="https://elsewhere.example/")
    assert tree_bytes(out) == tree_bytes(reference)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_build_records_a_key_for_every_file(site: Path, tmp_path: Path, jobs: int) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(site, out, BuildOptions(search=False), speed=speed(jobs=jobs, cache_dir=cache))
    last = Cache(cache).load("builds")[str(out.resolve())]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER)
    assert sorted(name for _, names in last.record.units.values() for name in names) == files
    assert all(key is not None for unit, (key, _) in last.record.units.items() if unit != "assets")
    assert last.record.slugs == {story.slug for story in check_site(site, BuildOptions()).site.stories}


def test_the_builds_table_forgets_output_folders_that_are_gone(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for name in ("one", "two"):
        _build(site, tmp_path / name, cache)
    assert set(Cache(cache).load("builds")) == {str((tmp_path / n).resolve()) for n in ("one", "two")}
    shutil.rmtree(tmp_path / "one")  # as serve's temporary folder goes after a session
    _build(site, tmp_path / "three", cache)
    assert set(Cache(cache).load("builds")) == {str((tmp_path / n).resolve()) for n in ("two", "three")}


def test_the_keys_are_made_while_the_workers_render(site: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # A full build's keys of every file cost seconds at 10,000 stories: made in this process
    # while the forked workers render, not after them.
    from generator.fast import workers

    moments: list[str] = []
    real_iter, real_keys = workers.parallel_iter, memory.shared_unit_keys

    def watched_iter(*args: object, **kwargs: object) -> Iterator[object]:
        moments.append("map")
        yield from real_iter(*args, **kwargs)  # type: ignore[arg-type]
        moments.append("end")

    def watched_keys(*args: object, **kwargs: object) -> object:
        moments.append("keys")
        return real_keys(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fast, "parallel_iter", watched_iter)
    monkeypatch.setattr(memory, "shared_unit_keys", watched_keys)
    _build(site, tmp_path / "out", tmp_path / "cache")
    assert moments[1:] == ["map", "keys", "end"]  # the parse, then the render with the keys made inside it


@pytest.mark.parametrize(("stories", "companies"), [(60, 5), (120, 40)])
def test_the_remembered_related_stories_are_the_pages_related_stories(tmp_path: Path, stories: int,
                                                                      companies: int) -> None:
    from generator.fast.keys import Related
    from generator.pages.plan import plan_story
    from generator.pages.planner import Planner
    from generator.pages.values import StoryValues
    from generator.urls import Urls

    write_corpus(tmp_path / "site", stories=stories, companies=companies, seed=11)
    linked = check_site(tmp_path / "site", BuildOptions()).site
    chosen = Related().update(linked).chosen
    planner = Planner.of(linked, Urls(linked.config.base_url))
    shown = {}
    for story in linked.stories:
        values = plan_story(planner, story).values
        assert isinstance(values, StoryValues)
        shown[story.slug] = tuple(card.story.slug for card in values.related)
    assert {slug: found for slug, (_, found) in chosen.items()} == shown
