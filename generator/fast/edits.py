"""Text-only edits in `serve`: which stories changed in their body alone, and the files
that show those bodies (a `build` after any edit redoes the files whose keys changed,
see keys.py and memory.py).

A story's body appears on its own page and in the feeds that carry it, nowhere else:
listings, figures, the timeline and search filters show front-matter and the summary
only. So when every other input of a build is unchanged (code, options, dates,
site.yaml, companies, theme: the build's `context` key) and every story keeps its
front-matter and summary (its *shape*: every field but the rendered body), only those
files are rendered again. Anything else, and any doubt, is a full build.

- `serve` keeps the last good Site in memory (`ServedSite`) and parses only the changed
  files (`quick_update`).
Both render through the build's `Renderer` (output/renderer.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from typing import TYPE_CHECKING

from generator.fast.cache import key_of
from generator.model import Site, Story
from generator.read.files import STORIES_DIR

if TYPE_CHECKING:  # the renderers are imported where they run: a no-change build needs none
    from generator.output.feeds import ItemKey
    from generator.output.renderer import Renderer

# Every field another page could show: all but the body. company_slug is set by link
# (a freshly parsed story has none yet) and follows from `company` and the companies.
_SHAPE_FIELDS = tuple(f.name for f in fields(Story) if f.name not in {"body_html", "company_slug"})


def shape_key(story: Story) -> str:
    """A story -> the key of every field but its body."""
    return key_of(repr(tuple(getattr(story, name) for name in _SHAPE_FIELDS)))


def text_only(old: Story, new: Story) -> bool:
    """Two versions of a story -> True when they differ in their body text alone."""
    return all(getattr(old, name) == getattr(new, name) for name in _SHAPE_FIELDS)


# ---- serve: the last good Site kept in memory, changed files parsed again ----

@dataclass(frozen=True)
class ServedSite:
    """The last good full build of a site, kept in memory between edits."""

    site_dir: Path
    out_dir: Path
    site: Site
    renderer: Renderer  # of `site` at its last full build: the layout an edit keeps
    feed_items: Mapping[str, tuple[ItemKey, ...]]

    @classmethod
    def of(cls, site_dir: Path, out_dir: Path, site: Site) -> ServedSite:
        """Everything a quick update needs is made now, so the first edit is quick too."""
        from generator.output.render import load_theme, theme_dirs
        from generator.output.renderer import Renderer
        from generator.pages.plan import STORY_TEMPLATE

        theme = load_theme(theme_dirs(site_dir, site.config.theme), only=[STORY_TEMPLATE])
        renderer = Renderer.of(site_dir, site, theme=theme)
        return cls(site_dir, out_dir, site, renderer, renderer.feed_items())

    def update(self, changed: Iterable[Path]) -> tuple[ServedSite, dict[str, bytes]] | None:
        """serve's `Served.update`: see quick_update."""
        return quick_update(self, changed)


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


def _edited_stories(kept: ServedSite, changed: Iterable[Path]) -> list[tuple[Story, Story]] | None:
    """Changed paths -> [(old, new)] when every change is a text-only edit of a published story."""
    from generator.read.story import parse_story

    by_source = {story.source: story for story in kept.site.stories}
    pairs = []
    stories_root = (kept.site_dir / STORIES_DIR).resolve()
    for path in changed:
        resolved = path.resolve()
        if not resolved.is_relative_to(stories_root) or resolved.suffix != ".md" or not resolved.is_file():
            return None
        source = resolved.relative_to(kept.site_dir.resolve()).as_posix()
        old = by_source.get(source)
        if old is None:
            return None
        new, problems = parse_story(source, resolved.read_bytes(), config=kept.site.config)
        if new is None or problems or not text_only(old, new):
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


def quick_update(kept: ServedSite, changed: Iterable[Path]) -> tuple[ServedSite, dict[str, bytes]] | None:
    """Kept build, changed paths -> (updated build, files rewritten), or None when the
    change needs a full build."""
    pairs = _edited_stories(kept, changed)
    if pairs is None:
        return None
    site = kept.site
    for old, new in pairs:
        site = _replace_story(site, old, new)
    files = replace(kept.renderer, site=site).edited([new for _, new in pairs], kept.feed_items)
    _write_in_place(kept.out_dir, files)
    return replace(kept, site=site), files
