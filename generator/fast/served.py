"""`serve` after an edit of story files: the last good build kept in memory, the changed
files parsed again, the site linked and planned again, and only the files whose keys
changed (keys.py, as a `build` after the edit compares them, memory.py) rendered and
written into the output in place. The output is byte for byte what a full build of the
same files writes. An edit of story text alone (every field but the body the same) is
quicker still: only those stories' pages and the feeds carrying them are rendered, since
no other page shows a body.

A keyed edit shows first what the blogger is looking at: the edited stories' own pages
(and cards) are rendered from the linked Site with a planner made for them alone, and
written (a deleted story's page removed) before the rest of the site is planned and
keyed; `shown` hears those files, so serve reloads the browser at once. The rest follows
and rewrites only what else changed (the pages written first are not rendered again).

Any other change (site.yaml, a company, an author, an image, the theme, a new day) and
any doubt (a story with a problem, a warning that comes or goes) is a full build, which
reports what it finds; so is a first edit before the build's record is known.

The search index is not touched here: serve makes it again in the background once
edits pause (serve/background.py `Reindexer`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator import clock
from generator.build import Built, Checked
from generator.fast.cache import Cache
from generator.fast.keys import Tokens, media_stamps, unit_keys
from generator.fast.workers import gc_paused
from generator.fast.memory import BuildRecord, KeyedPlan, keep_record, last_record
from generator.model import Site, Story
from generator.output.renderer import Job, JobKind
from generator.pages.plan import SitePlan
from generator.read.files import IMAGE_SUFFIXES, STORIES_DIR, STORY_SUFFIXES, story_file

if TYPE_CHECKING:
    from generator.output.feeds import ItemKey
    from generator.site.link import LinkInputs
    from generator.output.renderer import Renderer
    from generator.site.related import RelatedChooser
    from generator.pages.social import CardText
    from collections.abc import Callable


@dataclass(frozen=True)
class ServedSite:
    """The build now in serve's output: its checked Site, Renderer and record of keys."""

    site_dir: Path
    out_dir: Path
    checked: Checked
    renderer: Renderer
    record: BuildRecord
    cache: Cache
    tokens: Tokens  # of the stories, companies, authors and terms of the last keyed edit (most are met again)
    feed_items: Mapping[str, tuple[ItemKey, ...]] | None = None  # what each feed carries (made on the first text edit)
    settled: bool = True  # the builds table holds `record` (else: `settle` saves it)

    @property
    def site(self) -> Site:
        return self.checked.site

    @classmethod
    def of(cls, cache: Cache, site_dir: Path, out_dir: Path, built: Built,
           draw_card: Callable[[CardText], bytes] | None = None, compiled: Path | None = None,
           ) -> ServedSite | None:
        """A full build just made into out_dir (its record saved in `cache`) -> the
        build kept, or None when its record is not there (every edit is a full build)."""
        from generator.output.renderer import Renderer

        record = last_record(cache, out_dir)
        if built.checked is None or record is None:
            return None
        checked = built.checked
        renderer = Renderer.of(site_dir, checked.site, draw_card=draw_card, compiled=compiled)
        return cls(site_dir, out_dir, replace(checked, inputs=_linked_inputs(checked.inputs, checked.site)), renderer,
                   record, cache, Tokens())

    def update(self, changed: Iterable[Path], shown: Callable[[dict[str, bytes]], None] | None = None,
               ) -> tuple[ServedSite, dict[str, bytes]] | None:
        """Changed paths (and who hears the edited stories' own pages, written first) ->
        (the build with the edit, the files written or removed (b"") after those), or None
        when the edit needs a full build. Raises nothing it does not mean: the caller falls
        back to a full build on any exception too."""
        with gc_paused():  # the kept build is ~10^7 objects: a full collection walks them all
            return self._update(changed, shown)

    def _update(self, changed: Iterable[Path], shown: Callable[[dict[str, bytes]], None] | None,
                ) -> tuple[ServedSite, dict[str, bytes]] | None:
        edits = self._edits(changed)
        inputs = self.checked.inputs
        if edits is None or clock.today() != inputs.today:
            return None
        if not edits:
            return self, {}
        text = self._text_edit(edits)
        if text is not None:
            return text
        stories = [story for story in inputs.stories if story.source not in edits]
        stories += [story for story in edits.values() if story is not None]
        inputs = replace(inputs, stories=tuple(sorted(stories, key=lambda story: story.source)))
        site, linked = inputs.link()
        if tuple(linked) != self.checked.linked:  # a warning came or went: the full build tells
            return None
        inputs = _linked_inputs(inputs, site)
        first, chooser = self._first(site, edits)
        from generator.output.patch import write_in_place

        written = write_in_place(self.out_dir, {name: data for name, data in first.items() if data is not None},
                                 sorted(name for name, data in first.items() if data is None))
        if shown is not None:
            shown({name: first[name] or b"" for name in written})
        renderer = self._renderer(site, chooser)
        plan = renderer.plan()
        related = self.record.related.update(site, renderer.planner.related)
        tokens = self.tokens.carried()
        keys = unit_keys(renderer, plan, related, media_stamps(self.site_dir, (m.source for m in renderer.media)),
                         tokens)
        keyed = KeyedPlan(keys, related, renderer, plan)
        redo = keyed.redo(self.record, renderer.jobs(plan))
        files: dict[str, bytes] = {}
        ran: list[tuple[Job, Sequence[str]]] = []
        for job in redo.jobs:
            story = plan.stories[job.index] if job.kind is JobKind.STORY else None
            made = (list(renderer.files(plan, job)) if story is None or story.source not in edits
                    else [(name, data) for name, data in first.items() if data is not None and name in self._names(story)])
            ran.append((job, [name for name, _ in made]))
            files.update(made)
        written = write_in_place(self.out_dir, files, sorted(redo.replaced - files.keys()))
        record = keyed.record(self.record.base, self.record, ran, search=self.record.search)
        warnings = [w for w in self.checked.warnings if w.path not in edits]
        checked = replace(self.checked, site=site, inputs=inputs, warnings=warnings)
        return (replace(self, checked=checked, renderer=renderer, record=record, tokens=tokens, feed_items=None,
                        settled=False),
                {name: files.get(name, b"") for name in written})

    def _text_edit(self, edits: dict[str, Story | None]) -> tuple[ServedSite, dict[str, bytes]] | None:
        """Edits of stories' body text alone (every other field the same) -> their pages
        and the feeds carrying them, written in place; nothing else shows a body (lists
        show its reading time and summary, which are fields), so nothing else is planned
        or keyed. None: another kind of edit."""
        by_source = {story.source: story for story in self.site.stories}
        pairs = []
        for source, new in edits.items():
            old = by_source.get(source)
            if new is None or old is None or not _text_only(old, new):
                return None
            pairs.append((old, replace(new, company_slug=old.company_slug)))
        site = self.site
        for old, new in pairs:
            site = _swap_story(site, old, new)
        renderer = replace(self.renderer, site=site)
        feed_items = self.feed_items if self.feed_items is not None else self.renderer.feed_items()
        files = renderer.edited([new for _, new in pairs], feed_items)
        from generator.output.patch import write_in_place

        written = write_in_place(self.out_dir, files, ())
        # The units rewritten have no key now (the next keyed edit redoes them); the others
        # show what they showed, under the keys they had.
        record = replace(self.record, units={unit: known if files.keys().isdisjoint(known[1]) else (None, known[1])
                                             for unit, known in self.record.units.items()})
        inputs = _linked_inputs(self.checked.inputs, site)
        warnings = [w for w in self.checked.warnings if w.path not in edits]
        checked = replace(self.checked, site=site, inputs=inputs, warnings=warnings)
        return (replace(self, checked=checked, renderer=renderer, record=record, feed_items=feed_items, settled=False),
                {name: files[name] for name in written})

    def settle(self) -> ServedSite:
        """-> this build with its record in the builds table (before a full build into
        the output, and when serve stops: a `build` into it then redoes only what changed)."""
        if not self.settled:
            keep_record(self.cache, self.out_dir, self.record)
        return replace(self, settled=True)

    def _first(self, site: Site, edits: Mapping[str, Story | None]) -> tuple[dict[str, bytes | None], RelatedChooser]:
        """The linked Site with the edits -> the edited stories' own files, as a full build
        renders them (None: a deleted story's file to remove), and the Site's related-stories
        chooser (made for them, kept for the rest)."""
        from generator.pages.planner import Planner

        stories = [story for story in site.stories if story.source in edits]
        planner = Planner.of(site, self.renderer.urls, stories)
        renderer = replace(self.renderer, site=site, planner=planner)
        first: dict[str, bytes | None] = {}
        for story in self.site.stories:
            if story.source in edits:
                first.update((name, None) for name in self._names(story))
        for story in stories:
            first.update(renderer.files(SitePlan(planner, [], [story]), Job(JobKind.STORY)))
        return first, planner.related

    def _names(self, story: Story) -> tuple[str, ...]:
        """A story -> the output files of its own: its page (and its card)."""
        urls = self.renderer.urls
        page = urls.output_path(urls.story(story))
        return (page, urls.output_path(urls.card(story))) if self.site.config.social_cards else (page,)

    def _renderer(self, site: Site, related: RelatedChooser) -> Renderer:
        from generator.output.media import media_files
        from generator.pages.planner import Planner

        renderer = self.renderer
        return replace(renderer, site=site, planner=Planner.of(site, renderer.urls, related=related),
                       media=media_files(self.site_dir, site))

    def _edits(self, changed: Iterable[Path]) -> dict[str, Story | None] | None:
        """Changed paths -> each story file's new Story (None: deleted), or None when a
        change is not a story file's or its story has a problem."""
        from generator.read.files import Sources
        from generator.fast.frontmatter import read_front_matter
        from generator.read.story import StoryParser
        from generator.site.images import place_story_images

        root = self.site_dir.resolve()
        config = self.checked.inputs.config
        parse = StoryParser(config, read_front_matter)
        edits: dict[str, Story | None] = {}
        read = []
        for path in changed:
            try:
                relative = Path(os.path.abspath(path)).relative_to(root).as_posix()
            except ValueError:
                return None
            if not relative.startswith(f"{STORIES_DIR}/"):
                return None
            name = relative.rsplit("/", 1)[-1]
            if name.startswith(".") or name.endswith("~"):  # an editor's swap or backup file
                continue
            if name.endswith(IMAGE_SUFFIXES) or os.path.isdir(path):
                return None
            if not name.endswith(STORY_SUFFIXES):
                if os.path.lexists(path) or not self._holds(relative):
                    continue  # no input of a build (an editor's test file, say)
                return None  # a folder of stories or images gone
            if not os.path.lexists(path):
                edits[relative] = None
                continue
            source = story_file(root, relative)
            if source is None:
                return None
            story, problems = parse(source)
            if story is None or problems:
                return None
            read.append(source)
            edits[relative] = story
        placed, problems = place_story_images([s for s in edits.values() if s is not None],
                                              Sources(None, tuple(read), (), images=self.checked.images), config)
        if problems:
            return None
        edits.update((story.source, story) for story in placed)
        return edits

    def _holds(self, folder: str) -> bool:
        """-> whether a story or image of the last build is under this folder."""
        inside = f"{folder}/"
        return any(path.startswith(inside) for path in (*(s.source for s in self.checked.inputs.stories),
                                                         *(f.path for f in self.checked.images)))


# Every field another page could show: all but the body. company_slug is set by link
# (a freshly parsed story has none yet) and follows from `company` and the companies.
_SHAPE_FIELDS = tuple(f.name for f in fields(Story) if f.name not in {"body_html", "company_slug"})


def _text_only(old: Story, new: Story) -> bool:
    """Two versions of a story -> True when they differ in their body text alone."""
    return all(getattr(old, name) == getattr(new, name) for name in _SHAPE_FIELDS)


def _swap_story(site: Site, old: Story, new: Story) -> Site:
    """Site with one story object replaced by another in every grouping (by identity:
    comparing frozen dataclasses field by field is slow)."""
    def swap(stories: tuple[Story, ...]) -> tuple[Story, ...]:
        return tuple(new if story is old else story for story in stories)

    def groups(grouped: Mapping[str, tuple[Story, ...]]) -> dict[str, tuple[Story, ...]]:
        return {key: swap(stories) if any(s is old for s in stories) else stories for key, stories in grouped.items()}

    return replace(site, stories=swap(site.stories), by_company=groups(site.by_company), by_tag=groups(site.by_tag),
                   by_sector=groups(site.by_sector), by_author=groups(site.by_author))


def _linked_inputs(inputs: LinkInputs, site: Site) -> LinkInputs:
    """-> the inputs with each story as linked into the site: linking them again gives the
    same objects, whose tokens are known (keys.py)."""
    linked = {story.source: story for story in site.stories}
    return replace(inputs, stories=tuple(linked.get(story.source, story) for story in inputs.stories))


def served(cache_dir: Path) -> Callable[[Path, Path, Built], ServedSite | None]:
    """The site's cache folder -> serve's `keep`: each full build kept for the edits after it."""
    from generator.fast import templates_cache
    from generator.fast.cards import CardStore

    cache = Cache(cache_dir)
    draw_card = CardStore(cache_dir / "cards").png
    compiled = templates_cache(cache_dir)

    def keep(site_dir: Path, out_dir: Path, built: Built) -> ServedSite | None:
        return ServedSite.of(cache, site_dir, out_dir, built, draw_card, compiled)

    return keep
