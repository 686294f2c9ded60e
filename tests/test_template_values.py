"""Every template of the default theme reads only what its typed value (pages/values.py)
and the Chrome declare: checked on Jinja's AST for every template, rendered or not, and
by rendering every template with planned values under StrictUndefined."""

from __future__ import annotations

import functools
import pickle
from pathlib import Path

import pytest
from jinja2 import Environment

from generator.build import BuildOptions, check_site
from generator.output.render import STATIC, Theme, default_theme_dir, load_theme, render_page
from generator.pages.page import PageValues
from generator.pages.plan import plan_site, plan_story
from generator.pages.values import TEMPLATES, StoryValues, TermsValues
from generator.urls import Urls
from tests.conftest import REPO
from tests.template_names import template_names, theme_problems, undeclared_reads

THEME = default_theme_dir()
ENV: Environment = load_theme([THEME], only=["base.html"]).templates["base.html"].environment  # the theme's filters
PAGE_TEMPLATES = sorted(name for name, values in TEMPLATES.items() if not name.startswith("_") and name != "base.html")


def _theme_files() -> list[str]:
    return sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*")
                  if p.is_file() and not p.relative_to(THEME).as_posix().startswith(f"{STATIC}/"))


def test_every_template_of_the_default_theme_names_its_value() -> None:
    assert _theme_files() == sorted(TEMPLATES)


def test_what_a_page_template_pulls_in_reads_the_chrome_alone() -> None:
    """base.html and the macro files are checked against the Chrome, so every page may use them."""
    pulled = {name for page in _theme_files()
              for name in template_names(ENV.parse((THEME / page).read_text(encoding="utf-8")))}
    assert pulled and all(TEMPLATES[name] is PageValues for name in pulled)


@functools.cache
def _theme_problems() -> list[str]:
    return theme_problems(ENV, {name: (THEME / name).read_text(encoding="utf-8") for name in TEMPLATES}, TEMPLATES)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_template_reads_only_what_its_value_declares(name: str) -> None:
    """Macros included: each macro's body is checked with what every page calls it with."""
    assert [problem for problem in _theme_problems() if problem.startswith(f"{name}:")] == []


def test_a_macro_body_is_checked_with_the_values_it_is_called_with() -> None:
    sources = {
        "_m.html": "{% macro card(card, n=1) %}{{ card.storyy }}{{ inner(card.story) }}{% endmacro %}\n"
                   "{% macro inner(story) %}{{ story.titel }}{% endmacro %}",
        "p.html": "{% from '_m.html' import card as c with context %}{% block main %}{{ c(card) }}{% endblock %}",
    }
    assert theme_problems(ENV, sources, {"_m.html": PageValues, "p.html": StoryValues}) == [
        "_m.html:1: card.storyy: Card has no attribute 'storyy'",
        "_m.html:2: story.titel: Story has no attribute 'titel'",
    ]


@pytest.mark.parametrize(("source", "values", "problem"), [
    ("{{ titel }}", PageValues, "x.html:1: titel: PageValues does not declare 'titel'"),
    ("{{ story.title }}", PageValues, "x.html:1: story: PageValues does not declare 'story'"),
    ("<p>\n{{ config.titel }}", PageValues, "x.html:2: config.titel: SiteConfig has no attribute 'titel'"),
    ("{{ t.skipp }}", PageValues, "x.html:1: t.skipp: no string 'skipp' in nl, en"),
    ('{{ t["short.casez"] }}', PageValues, "x.html:1: t['short.casez']: no string 'short.casez' in nl, en"),
    ("{{ story.titel }}", StoryValues, "x.html:1: story.titel: Story has no attribute 'titel'"),
    ("{{ facts.company.nmae }}", StoryValues, "x.html:1: facts.company.nmae: Company has no attribute 'nmae'"),
    ("{{ og_image.urll }}", StoryValues, "x.html:1: og_image.urll: SocialImage has no attribute 'urll'"),
    ("{{ feeds[0].ur }}", StoryValues, "x.html:1: feeds[0].ur: FeedLink has no attribute 'ur'"),
    ("{% for step in facts.steps %}{{ step.event.dat }}{% endfor %}", StoryValues,
     "x.html:1: step.event.dat: TimelineEvent has no attribute 'dat'"),
    ("{% for term, count in terms %}{{ term.nam }}{% endfor %}", TermsValues,
     "x.html:1: term.nam: Term has no attribute 'nam'"),
    ("{% set r = records['x'] %}{{ r.casez }}", TermsValues, "x.html:1: r.casez: Record has no attribute 'casez'"),
    ("{% set s, c = story, card %}{{ c.storyy }}", StoryValues, "x.html:1: c.storyy: Card has no attribute 'storyy'"),
    ("{% macro m(x) %}{{ t.nope }}{% endmacro %}", PageValues, "x.html:1: t.nope: no string 'nope' in nl, en"),
    ('{{ t["esc_statuz." ~ url] }}', PageValues, "x.html:1: t['esc_statuz.' ~ ...]: no string starting 'esc_statuz.' in nl, en"),
])
def test_the_check_names_a_typo(source: str, values: type[PageValues], problem: str) -> None:
    assert undeclared_reads(ENV, "x.html", source, values) == [problem]


def test_the_check_follows_jinja_scopes_without_false_alarms() -> None:
    source = (
        "{% from '_macros.html' import card as c %}{% macro m(story) %}{{ story.anything }}{% endmacro %}"
        "{% for story in related %}{{ story.story.title }}{{ loop.index }}{% endfor %}"
        "{{ story.title }}{{ story.date.isoformat() }}{{ t.page_of.format(number=1, total=2) }}"
        "{{ jsonld.anything }}{{ escalation.routes[0].route.after.days }}{{ range(3) | list }}{{ c(card) }}"
    )
    assert undeclared_reads(ENV, "x.html", source, StoryValues) == []


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme([THEME])


def test_every_template_renders_with_planned_values_under_strict_undefined(
    theme: Theme, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Dutch test site (authors, sectors, tags, years) with a sitemap split in parts:
    every page template is rendered at least once, with the value class it names."""
    monkeypatch.setattr("generator.pages.plan.SITEMAP_MAX", 3)
    site = check_site(REPO / "tests" / "sites" / "nl", BuildOptions()).site
    plan = plan_site(site, Urls(site.config.base_url))
    pages = [*plan.pages, *(plan_story(plan.planner, story) for story in plan.stories)]
    for page in pages:
        assert type(page.values) is TEMPLATES[page.template], page.path
        assert render_page(theme, page)
    assert sorted({page.template for page in pages}) == PAGE_TEMPLATES


def test_a_page_value_pickles_and_has_a_deterministic_repr() -> None:
    """fast/ may key or ship pages by their value: the same site plans the same values."""
    site = check_site(REPO / "tests" / "sites" / "nl", BuildOptions()).site

    def planned() -> list[PageValues]:
        plan = plan_site(site, Urls(site.config.base_url))
        return [*(p.values for p in plan.pages), *(plan_story(plan.planner, s).values for s in plan.stories)]

    first, second = planned(), planned()
    assert [repr(v) for v in first] == [repr(v) for v in second]
    assert not any(" at 0x" in repr(v) for v in first)
    assert pickle.loads(pickle.dumps(first)) == first


def test_a_theme_overriding_a_template_reads_the_names_it_read_before(tmp_path: Path, theme: Theme) -> None:
    """A site's own story.html reading the documented names (top level, not `page.x`) renders."""
    own = tmp_path / "themes" / "mine"
    own.mkdir(parents=True)
    (own / "story.html").write_text(
        "{{ title }}|{{ story.title }}|{{ facts.company.name }}|{{ t.facts }}|{{ config.title }}|{{ url }}"
        "|{{ language }}|{{ text_lang }}|{{ reading }}|{{ article.published }}|{{ og_type }}|{{ nav | length }}",
        encoding="utf-8",
    )
    site = check_site(REPO / "tests" / "sites" / "nl", BuildOptions()).site
    plan = plan_site(site, Urls(site.config.base_url))
    story = plan.stories[0]
    html = render_page(load_theme([own, THEME]), plan_story(plan.planner, story)).decode("utf-8")
    assert html.split("|")[:2] == [story.title, story.title]
    assert html.split("|")[9:11] == [story.date.isoformat(), "article"]
