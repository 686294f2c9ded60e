"""Keys of a build's outputs: a key per unit of output (a page, a story's page and card,
a feed, the open data, a static file) made of what that unit shows, so a build after an
edit renders only the units whose key changed (fast/memory.py) and writes the same bytes
a full build writes.

- A planned page (everything but the story pages) is keyed by its value: the page
  (template, path, context) pickled, each Story in it by its token (a hash of all its
  fields, made once per build), plus the key of its template and of every template it
  extends, includes or imports. A page whose templates never name `body_html` (every
  listing of the default theme) holds each Story by its listing token, which leaves the
  body out: a body edit does not render again the ~10 listings and the timeline that
  show the story's card, nor the open data (built from the front-matter alone).
- A story page is planned only where it is rendered (~0.15-0.35 ms each, 2-3 s for
  10,000 stories), so it is keyed by what planning it reads: the story, its card, its
  company's row (company, sector), the related stories (found again only for the stories
  whose groups changed, see `Related`), the chrome (config, base URL, today, escalation
  routes).
- A feed by its spec and the items it carries; the open data by every story's fields
  and company; a static file or image by its source file's size, time and inode.
- The theme's assets are always put (cheap: their bytes are compared).

Nothing here renders: keys are compared, and units whose key is new are rendered by the
recipe (build.py) as in a full build.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from generator.model import Author, Company, Site, Story, Term
from generator.pages.page import Chrome, FeedLink, NavItem
from generator.pages.timelines import CaseEvent
from generator.pages.views import Card, CompanyRow
from generator.site.related import Group, RelatedChooser
from generator.urls import Urls, name_slug

Unit = str  # 'story:<slug>', 'page:<path>', 'feed:<owner url>', 'opendata', 'media:<path>', 'assets'
_SIZE = 16


def _hash(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=_SIZE)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()


def _token_ref(token: bytes) -> None:  # pragma: no cover - pickled by reference, never called
    """What a Story, Company, Author, Term or Card stands for in a pickled page value: its token."""


def _urls_ref(base_url: str) -> None:  # pragma: no cover - pickled by reference, never called
    """What Urls stand for in a pickled page value (its cached properties left out)."""


def _chrome_ref(shared: bytes, *own: object) -> None:  # pragma: no cover - pickled by reference, never called
    """What a page's Chrome stands for in a pickled page value: the token of what every page
    shares (the site's config, the UI strings), then the page's own fields."""


def _event_ref(token: bytes, index: object, company: str) -> None:  # pragma: no cover - pickled by reference
    """What a CaseEvent stands for in a pickled page value: its story's token, which of
    the story's events it is, the company it is marked with."""


def _pickled(value: object, table: Any = None) -> bytes:
    """A value -> its pickle, the same for equal values however their parts are shared:
    without the memo (`fast`), a string met twice is written twice, not once and then
    referred to, so a name read from one file or from two gives the same bytes."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, 5)
    pickler.fast = True
    if table is not None:
        pickler.dispatch_table = table
    pickler.dump(value)
    return buffer.getvalue()


class Tokens:
    """A Story, Company, Author, Term or Card (and a menu item, feed link or company row,
    which many pages share) -> a hash of all its fields (made once per object: a story is
    on ~6 pages, a company on every card of its stories, a card on every listing of its
    story), the objects in those fields by their own token."""

    def __init__(self, known: dict[int, tuple[object, bytes]] | None = None,
                 templates: dict[str, frozenset[str | None]] | None = None,
                 listed: dict[int, tuple[object, bytes]] | None = None) -> None:
        self._made: dict[int, tuple[object, bytes]] = {}
        self._known = known or {}  # an earlier build's, taken over when met again
        self._listed = dict(listed or {})  # each story's listing token (see `listing`), by id
        self._made_listed: dict[int, tuple[object, bytes]] = {}  # a Card's, as a listing shows it
        # The templates each template's source names (parsing the theme's 21 templates
        # for them is ~40 ms of a build): kept by serve and in the build's memory.
        self.templates = templates if templates is not None else {}
        self._shared: dict[tuple[int, ...], tuple[tuple[object, ...], bytes]] = {}
        by_token = lambda value: (_token_ref, (self.of(value),))  # noqa: E731
        self.table: dict[type, Any] = {  # how pickling a value for its key writes these
            Story: by_token, Company: by_token, Author: by_token, Term: by_token, Card: by_token,
            NavItem: by_token, FeedLink: by_token, CompanyRow: by_token,  # shared by many pages
            Urls: lambda urls: (_urls_ref, (urls.base_url,)),
            Chrome: lambda chrome: (_chrome_ref, (self.shared(chrome.config, chrome.t),
                                                  *(getattr(chrome, name) for name in _CHROME_OWN))),
            CaseEvent: _by_event(self.of),
        }
        by_listing = lambda value: (_token_ref, (self.listing(value),))  # noqa: E731
        self.listing_table: dict[type, Any] = {  # the same, for a page that never shows a story's body
            **self.table, Story: by_listing, Card: by_listing, CaseEvent: _by_event(self.listing),
        }

    def shared(self, *values: object) -> bytes:
        """Objects every page holds (the config, the strings of a language) -> their token,
        made once per build, not pickled again for each of ~14,000 pages."""
        made = self._shared.get(tuple(map(id, values)))
        if made is None or any(a is not b for a, b in zip(made[0], values)):
            made = self._shared[tuple(map(id, values))] = (values, _hash(_pickled(values, self.table)))
        return made[1]

    def seed(self, stories: Sequence[Story], tokens: Sequence[bytes]) -> None:
        """Stories and their listing tokens made elsewhere (in a forked worker, from the same fields)."""
        for story, token in zip(stories, tokens, strict=True):
            self._listed[id(story)] = (story, token)

    def knows(self, story: Story) -> bool:
        """-> whether the story's listing token is made or known already (the very object, not an equal one)."""
        made = self._listed.get(id(story))
        return made is not None and made[0] is story

    def carried(self) -> Tokens:
        """-> new Tokens that know this build's (serve keeps them from edit to edit, and
        forgets those of objects the next build does not meet again)."""
        return Tokens(self._made, self.templates, self._listed)

    def listing(self, value: Story | Card) -> bytes:
        """A Story -> its listing token: a hash of every field but its body (`body_html`),
        which only the story's own page and the feeds show (a Story's token is this and
        its body). A Card -> its token with its story's listing token."""
        if isinstance(value, Story):
            made = self._listed.get(id(value))
            if made is None or made[0] is not value:
                parts = tuple(getattr(value, name) for name in _LISTED)
                made = self._listed[id(value)] = (value, _hash(b"Story listed", _pickled(parts, self.table)))
            return made[1]
        made = self._made_listed.get(id(value))
        if made is None or made[0] is not value:
            parts = tuple(getattr(value, name) for name in _fields_of(value))
            made = self._made_listed[id(value)] = (value, _hash(b"Card listed", _pickled(parts, self.listing_table)))
        return made[1]

    def of(self, value: Any) -> bytes:
        made = self._made.get(id(value))
        if made is None and (known := self._known.get(id(value))) is not None and known[0] is value:
            made = self._made[id(value)] = known
        if made is None or made[0] is not value:
            if isinstance(value, Story):  # its listing token (mostly known from parsing) and its body
                token = _hash(b"Story", self.listing(value), value.body_html.encode("utf-8", "surrogatepass"))
            elif isinstance(value, Card):  # what its listing token leaves out is its story's body
                token = _hash(b"Card", self.listing(value), self.of(value.story))
            else:
                parts = tuple(getattr(value, name) for name in _fields_of(value))
                token = _hash(type(value).__name__.encode(), _pickled(parts, self.table))
            made = self._made[id(value)] = (value, token)
        return made[1]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields_of(value: Any) -> tuple[str, ...]:
    names = _FIELDS.get(type(value))
    if names is None:
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    return names


_LISTED = tuple(f.name for f in fields(Story) if f.name != "body_html")  # what a listing may show of a story
_CHROME_OWN = tuple(f.name for f in fields(Chrome) if f.name not in {"config", "t"})


class ValueKeys:
    """Values (pages, tuples of view values) -> a hash of their pickle (see Tokens.table)."""

    def __init__(self, tokens: Tokens) -> None:
        self.tokens = tokens

    def of(self, value: object, *, listing: bool = False) -> bytes:
        """`listing`: each story in value by its listing token (a page that never shows a body)."""
        return _hash(_pickled(value, self.tokens.listing_table if listing else self.tokens.table))


def _by_event(token_of: Callable[[Story], bytes]) -> Callable[[CaseEvent], tuple[object, ...]]:
    """How a CaseEvent is pickled for a key, its story by `token_of` (its token, or its listing token)."""
    return lambda case: (_event_ref, (token_of(case.story), _index(case.story.timeline, case.event), case.company))


def _index(events: Sequence[object], event: object) -> object:
    """-> where event is among its story's events (itself when it is none of them)."""
    return next((index for index, known in enumerate(events) if known is event), event)


@dataclass(frozen=True)
class ThemeKeys:
    keys: dict[str, bytes]  # each template's key
    body: frozenset[str]  # the templates that name a story's body, `body_html` (themselves or in what they use)


def template_keys(theme: Any, known: dict[str, frozenset[str | None]] | None = None) -> ThemeKeys:
    """A compiled Theme (and the names found in template sources before) -> the key of
    each template: its source and those of every template it extends, includes or imports
    (all of the theme's when one is named by a variable); and which of them name a story's body."""
    from generator.output.render import template_sources

    sources, refs = template_sources(theme, known)
    everything = _hash(*(part.encode() for name in sorted(sources) for part in (name, sources[name])))
    keys = {}
    body = set()
    for name in theme.templates:
        seen: set[str] = set()
        todo = [name]
        dynamic = False
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found = refs.get(current)
            if found is None:
                dynamic = True
                break
            todo.extend(found)
        keys[name] = everything if dynamic else _hash(*(p.encode() for n in sorted(seen) for p in (n, sources[n])))
        if any("body_html" in sources[n] for n in (sources if dynamic else seen)):
            body.add(name)
    return ThemeKeys(keys, frozenset(body))


@dataclass
class Related:
    """Each story's related stories (slugs), remembered with the key of what chooses them:
    its circle (slug, company, sector, tags) and who is in the windows of its groups (slug,
    company, date of each). Found again, by site/related.py's chooser, only where that key
    changed."""

    chosen: dict[str, tuple[bytes, tuple[str, ...]]] = field(default_factory=dict)

    def update(self, site: Site, chooser: RelatedChooser | None = None) -> Related:
        """This build's Site (and its chooser, when made) -> each story's related stories."""
        chooser = chooser if chooser is not None else RelatedChooser.of(site)
        window_keys: dict[tuple[Group, str], bytes] = {}

        def window_key(group: Group, slug: str) -> bytes:
            key = window_keys.get((group, slug))
            if key is None:
                stories = chooser.stories
                window = [(s, stories[s].company_slug, stories[s].date.toordinal()) for s in chooser.window(group, slug)]
                key = window_keys[(group, slug)] = _hash(repr(window).encode())
            return key

        chosen = {}
        for story in site.stories:
            circle = chooser.circle(story)
            parts = [repr((circle.slug, circle.company, circle.sector, list(circle.tags))).encode(),
                     window_key(Group.COMPANY, circle.company), window_key(Group.SECTOR, circle.sector),
                     *(window_key(Group.TAG, tag) for tag in circle.tags)]
            key = _hash(*parts)
            known = self.chosen.get(story.slug)
            if known is not None and known[0] == key:
                chosen[story.slug] = known
            else:
                chosen[story.slug] = (key, chooser.choose(circle))
        return Related(chosen)


@dataclass(frozen=True)
class UnitKeys:
    """This build's key of every unit, and the files each unit's job makes (when known
    before rendering)."""

    keys: dict[Unit, bytes | None]  # None: always rendered
    feed_files: dict[Unit, tuple[str, ...]]


def unit_keys(renderer: Any, plan: Any, related: Related, media_stamps: Mapping[str, tuple[int, int, int]],
              tokens: Tokens | None = None, *, share: tuple[int, int] = (0, 1)) -> UnitKeys:
    """A Renderer and its SitePlan, the related stories of this site (and the tokens of
    objects met before, which serve keeps between edits; which share of the units, when
    not all: the i-th of n) -> the key of every unit (of that share)."""
    from generator.output.feeditems import FeedItems, feed_specs

    site: Site = renderer.site
    urls: Urls = renderer.urls
    tokens = tokens if tokens is not None else Tokens()
    values = ValueKeys(tokens)
    theme = template_keys(renderer.theme, tokens.templates)
    templates = theme.keys
    keys: dict[Unit, bytes | None] = {}
    index, count = share
    for page in plan.pages[index::count]:
        keys[f"page:{page.path}"] = _hash(templates.get(page.template, b""),
                                          values.of(page, listing=page.template not in theme.body))
    chrome = values.of((site.config, urls, site.now, site.routes, renderer.planner.site_feeds,
                        dict(renderer.planner.section_urls)))
    story_template = templates.get("story.html", b"")
    views = renderer.planner.views
    by_slug = {s.slug: s for s in site.stories}
    for story in plan.stories[index::count]:
        row = views.company_rows[story.company_slug]
        near = [by_slug[slug] for slug in related.chosen[story.slug][1]]
        related_parts = [(tokens.of(s), site.company(s.company_slug), site.author_of(s)) for s in near]
        keys[f"story:{story.slug}"] = _hash(story_template, chrome, values.of(
            (views.cards[story.slug], row.company, row.sector, related_parts)))
    feed_files: dict[Unit, tuple[str, ...]] = {}
    if index != 0:  # the feeds go to the first share, the rest to the last
        specs = []
    else:
        specs = list(feed_specs(site, urls))
    chosen = FeedItems(site, urls).newest(specs, max(0, site.config.feeds_limit))
    tag_names = {term.slug: term.name for term in site.tags}
    feed_chrome = values.of((site.config, urls, site.now))
    for spec, items in zip(specs, chosen):
        unit = f"feed:{spec.owner}"
        kinds = ("atom", "rss", "json") if spec.json else ("atom", "rss")
        feed_files[unit] = tuple(urls.output_path(urls.feed(kind, spec.owner)) for kind in kinds)
        carried = [(item.id, item.title, item.published, item.updated, item.update, item.reply, tokens.of(item.story),
                    site.company_of(item.story).name, [tag_names.get(name_slug(t), t) for t in item.story.tags])
                   for item in items]
        keys[unit] = _hash(feed_chrome, values.of((spec.owner, spec.title, spec.description, spec.json, carried)))
    if index != count - 1:
        return UnitKeys(keys, feed_files)
    keys["opendata"] = _hash(values.of((site.config, urls, site.now)),
                             *(tokens.listing(s) + site.company_of(s).name.encode() for s in site.stories))
    for item in renderer.media:
        stamp = media_stamps.get(item.source)
        keys[f"media:{item.output}"] = None if stamp is None else values.of((item, stamp))
    keys["assets"] = None
    return UnitKeys(keys, feed_files)


def shared_unit_keys(renderer: Any, plan: Any, related: Related, media_stamps: Mapping[str, tuple[int, int, int]],
                     jobs: int, listed: dict[int, tuple[object, bytes]] | None = None,
                     templates: dict[str, frozenset[str | None]] | None = None,
                     known: dict[int, tuple[object, bytes]] | None = None) -> UnitKeys:
    """unit_keys in `jobs` forked processes (the stories' listing tokens `listed` and
    tokens `known` already, by id, see parse.py; the names in template sources, filled
    in): each story's listing token not known made in one of them (a tenth of a
    millisecond each), then each keys a share of the units with all of them. The same
    keys as unit_keys makes."""
    from generator.fast.workers import parallel_iter

    stories = renderer.site.stories
    tokens = Tokens(known, templates=templates, listed=listed)
    if jobs < 2 or len(stories) < _SHARED_FROM:
        return unit_keys(renderer, plan, related, media_stamps, tokens)
    template_keys(renderer.theme, tokens.templates)  # here, so the shares find the names known (and kept)
    unknown = [story for story in stories if not tokens.knows(story)]
    if len(unknown) >= _SHARED_FROM:
        shares = range(jobs)
        made = parallel_iter(lambda i: [Tokens().listing(story) for story in unknown[i::jobs]], shares, jobs=jobs,
                             min_items=1)
        for index, digests in zip(shares, made):
            tokens.seed(unknown[index::jobs], digests)
    else:
        for story in unknown:
            tokens.listing(story)
    keys: dict[Unit, bytes | None] = {}
    feed_files: dict[Unit, tuple[str, ...]] = {}
    for part in parallel_iter(lambda i: unit_keys(renderer, plan, related, media_stamps, tokens, share=(i, jobs)),
                              range(jobs), jobs=jobs, min_items=1):
        keys.update(part.keys)
        feed_files.update(part.feed_files)
    return UnitKeys(keys, feed_files)


_SHARED_FROM = 2000  # stories: below, forking costs more than it saves


def media_stamps(site_dir: Path | None, sources: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """Site folder, media source paths -> (size, mtime_ns, inode) of each that can be read."""
    stamps = {}
    for source in sources:
        try:
            stat = os.stat(Path(site_dir or ".") / source)
        except OSError:
            continue
        stamps[source] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return stamps

