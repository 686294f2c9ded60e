"""A build after text-only edits: the last build's output, with only what shows the
edited text made again.

When the last build into the same output folder had the same code, options, dates,
site.yaml, companies and theme, and every published story is still there with the same
front-matter (title, dates, outcome, tags, timeline, updates, summary: every field but
its rendered body), the only files an edit can change are the edited stories' own pages
and the feeds that carry them: the argument serve's quick path makes too (live.py).
Those are rendered again; every other file of the last build is hard-linked into the
new output unchanged. Anything else, and any doubt, is a full build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from generator.fast.cache import key_of
from generator.model import Site, Story

# Every field a page other than the story's own could show: all but the body.
_SHAPE_FIELDS = tuple(f.name for f in fields(Story) if f.name != "body_html")


@dataclass(frozen=True)
class Record:
    """What a build leaves for the next build into the same folder to compare against."""

    context: str  # key of every input but the stories (code, options, dates, config, companies, theme)
    shapes: dict[str, str]  # story source path -> key of its fields but the body
    bodies: dict[str, str]  # story source path -> key of its body HTML
    files: tuple[str, ...]  # every file the build put (the search index, rebuilt each time, aside)

    def after(self, edited: Sequence[Story]) -> Record:
        """This Record, once text_edits found only these stories' bodies changed: the
        same context, shapes and files, without working out every story's keys again."""
        return replace(self, bodies={**self.bodies, **{story.source: key_of(story.body_html) for story in edited}})


def _shape(story: Story) -> str:
    return key_of(repr(tuple(getattr(story, name) for name in _SHAPE_FIELDS)))


def record_of(context: str, site: Site, files: Sequence[str]) -> Record:
    """A finished build's context key, Site and output file names -> its Record."""
    return Record(
        context,
        {story.source: _shape(story) for story in site.stories},
        {story.source: key_of(story.body_html) for story in site.stories},
        tuple(files),
    )


def text_edits(previous: Record, context: str, site: Site) -> list[Story] | None:
    """The last build's Record, this build's context key and Site -> the stories whose
    body alone changed (maybe none); None when anything else changed."""
    if context != previous.context or len(site.stories) != len(previous.shapes):
        return None
    edited = []
    for story in site.stories:
        if previous.shapes.get(story.source) != _shape(story):
            return None
        if previous.bodies[story.source] != key_of(story.body_html):
            edited.append(story)
    return edited


def redo_files(site_dir: Path, site: Site, edited: Sequence[Story]) -> dict[str, bytes]:
    """Site folder, Site, text-edited stories -> their pages and the feeds carrying them,
    rendered as a full build renders them."""
    from generator.output.feeds import chosen_items, render_feeds_with
    from generator.pages.plan import plan_story, planner_for
    from generator.output.render import load_theme, render_page, theme_dirs
    from generator.urls import Urls

    urls = Urls(site.config.base_url)
    theme = load_theme(theme_dirs(site_dir, site.config.theme))
    planner = planner_for(site, urls)
    files = {}
    for story in edited:
        page = plan_story(planner, story)
        files[page.path] = render_page(theme, page)
    files |= render_feeds_with(site, urls, {story.slug for story in edited}, chosen_items(site, urls))
    return files
