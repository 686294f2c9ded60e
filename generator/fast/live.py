"""serve's incremental rebuild: an edit to a story's text redoes only what shows it.

A blogger previewing a story mostly edits its body. When the changed files are known
stories whose front-matter (title, company, dates, outcome, tags, timeline, updates, ...)
and summary are unchanged, only two kinds of output depend on the edit: the story's own
page and the feeds that carry it. Those are rendered from the Site kept from the last
full build and written in place; anything else returns None and serve does a full
(cached) build. The search index catches up at the next full build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from generator.output.feeds import ItemKey, chosen_items, render_feeds_with
from generator.read.story import parse_story
from generator.read.files import STORIES_DIR
from generator.model import Site, Story
from generator.pages.plan import plan_story, planner_for
from generator.output.render import Theme, load_theme, render_page, theme_dirs
from generator.urls import Urls


@dataclass
class Live:
    """The last good full build of a site, kept in memory between edits."""

    site_dir: Path
    out_dir: Path
    site: Site
    urls: Urls = field(init=False)

    def __post_init__(self) -> None:
        self.urls = Urls(self.site.config.base_url)

    @cached_property
    def theme(self) -> Theme:
        return load_theme(theme_dirs(self.site_dir, self.site.config.theme))

    @cached_property
    def planner(self):  # noqa: ANN201 - plan's planner type is private to plan.py
        return planner_for(self.site, self.urls)

    @cached_property
    def by_source(self) -> dict[str, Story]:
        return {story.source: story for story in self.site.stories}

    @cached_property
    def feed_items(self) -> dict[str, tuple[ItemKey, ...]]:
        return chosen_items(self.site, self.urls)

    def warm(self) -> Live:
        """Compute everything a quick update needs now, so the first edit is quick too."""
        for name in KEPT:
            getattr(self, name)
        return self


# Kept from one quick update to the next: a text-only edit changes none of them.
KEPT = ("theme", "planner", "feed_items")


def _text_only(old: Story, new: Story) -> bool:
    """True when two versions of a story differ in their body text alone."""
    same_body = replace(new, body_html=old.body_html, company_slug=old.company_slug)
    return same_body == old


def _swap(stories: tuple[Story, ...], old: Story, new: Story) -> tuple[Story, ...]:
    return tuple(new if story is old else story for story in stories)


def _swap_groups(groups: Mapping[str, tuple[Story, ...]], old: Story, new: Story) -> dict[str, tuple[Story, ...]]:
    # Identity, not ==: comparing frozen dataclasses field by field is what made this slow.
    return {key: _swap(stories, old, new) if any(s is old for s in stories) else stories
            for key, stories in groups.items()}


def _replace_story(site: Site, old: Story, new: Story) -> Site:
    """Site with one story object replaced by another in every grouping."""
    return replace(
        site, stories=_swap(site.stories, old, new), by_company=_swap_groups(site.by_company, old, new),
        by_tag=_swap_groups(site.by_tag, old, new), by_sector=_swap_groups(site.by_sector, old, new),
    )


def _edited_stories(live: Live, changed: Iterable[Path]) -> list[tuple[Story, Story]] | None:
    """Changed paths -> [(old, new)] when every change is a text-only edit of a published story."""
    pairs = []
    stories_root = (live.site_dir / STORIES_DIR).resolve()
    for path in changed:
        resolved = path.resolve()
        if not resolved.is_relative_to(stories_root) or resolved.suffix != ".md" or not resolved.is_file():
            return None
        source = resolved.relative_to(live.site_dir.resolve()).as_posix()
        old = live.by_source.get(source)
        if old is None:
            return None
        new, problems = parse_story(source, resolved.read_bytes(), config=live.site.config)
        if new is None or problems or not _text_only(old, new):
            return None
        pairs.append((old, replace(new, company_slug=old.company_slug)))
    return pairs or None


def _write_in_place(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Each file replaced atomically on its own (serve's folder is its own, not a deploy)."""
    for name, data in files.items():
        target = out_dir / name
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)


def quick_update(live: Live, changed: Iterable[Path]) -> tuple[Live, dict[str, bytes]] | None:
    """Kept build, changed paths -> (updated build, files rewritten), or None when the
    change needs a full build."""
    pairs = _edited_stories(live, changed)
    if pairs is None:
        return None
    site = live.site
    for old, new in pairs:
        site = _replace_story(site, old, new)
    files = {}
    for _, new in pairs:
        page = plan_story(live.planner, new)
        files[page.path] = render_page(live.theme, page)
    files |= render_feeds_with(site, live.urls, {new.slug for _, new in pairs}, live.feed_items)
    _write_in_place(live.out_dir, files)
    updated = Live(live.site_dir, live.out_dir, site)
    for name in KEPT:
        if name in live.__dict__:
            updated.__dict__[name] = live.__dict__[name]
    return updated, files
