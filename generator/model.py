"""The site model: frozen values that flow from parsing to rendering.

Closed vocabularies are `StrEnum`s; derived figures are not stored here (see stats.py),
so they can never go stale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
import datetime as dt
from decimal import Decimal
from enum import StrEnum
from functools import cached_property


class Taxonomy(StrEnum):
    """How stories are grouped besides by company: a story's tags, a company's sector."""

    TAGS = "tags"
    SECTORS = "sectors"

    @property
    def singular(self) -> str:
        """'tag' or 'sector': its term's template and strings."""
        return self.value[:-1]


class Outcome(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    GAVE_UP = "gave-up"
    UNKNOWN = "unknown"  # only in drafts: `grievance import` found no cue (check and build refuse it elsewhere)


class Apology(StrEnum):
    YES = "yes"
    NO = "no"
    PARTIAL = "partial"
    UNKNOWN = "unknown"  # only in drafts, as Outcome.UNKNOWN


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    TWITTER = "twitter"
    FACEBOOK = "facebook"
    WEBFORM = "webform"
    LETTER = "letter"
    CHAT = "chat"
    VISIT = "visit"
    OMBUDSMAN = "ombudsman"
    OTHER = "other"


class Actor(StrEnum):
    ME = "me"
    COMPANY = "company"
    THIRD_PARTY = "third-party"


class Language(StrEnum):
    NL = "nl"
    EN = "en"


@dataclass(frozen=True)
class SiteConfig:
    """site.yaml, with defaults for every key."""

    title: str = "My complaints"
    base_url: str = "http://localhost:8000/"
    language: Language = Language.NL
    author: str = ""
    theme: str = "default"
    feeds_limit: int = 50
    per_page: int = 20
    allow_html: bool = False
    reply_contact: str = ""  # replies.contact: where a company can send its reply ('' = not shown)
    social_cards: bool = True  # a card.png per story, named in og:image when the story has no image of its own


@dataclass(frozen=True)
class Compensation:
    """What the company gave: free text, or an amount with currency and a note."""

    amount: Decimal | None = None
    currency: str = ""
    note: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    text: str  # Markdown as written
    html: str  # inline HTML rendered from text, safe to embed
    by: Actor | None = None
    via: Channel | None = None
    line: int = 0  # file line of `text:`, for warnings (0 = unknown)


@dataclass(frozen=True)
class Update:
    date: dt.date
    text: str
    html: str  # block HTML rendered from text, safe to embed
    line: int = 0  # file line of `text:`, for warnings (0 = unknown)


@dataclass(frozen=True)
class Reply:
    """The company's own words on a story, given after publication (right of reply)."""

    date: dt.date
    text: str
    html: str  # block HTML rendered from text, safe to embed
    by: str = ""  # who replied, as written
    source: str = ""  # URL where it was published or received
    line: int = 0  # file line of `text:`, for warnings (0 = unknown)


@dataclass(frozen=True)
class Story:
    """One complaint story, validated. `company_slug` is the slug of the company's name as
    parsed; link sets the slug of the company record the name (or an alias) belongs to."""

    source: str  # path relative to the site root, with forward slashes
    slug: str
    title: str
    company: str  # as written in the front-matter
    date: dt.date
    outcome: Outcome
    apology: Apology
    author: str
    language: Language
    summary: str  # plain text
    body_html: str
    incident: dt.date | None = None
    resolved: dt.date | None = None
    channels: tuple[Channel, ...] = ()
    compensation: Compensation | None = None
    tags: tuple[str, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    updates: tuple[Update, ...] = ()
    replies: tuple[Reply, ...] = ()
    draft: bool = False
    origin: str = ""  # front-matter `source:` (where an imported post came from); `source` is the file
    review: tuple[str, ...] = ()  # keys `grievance import` guessed, until the author confirms them
    review_line: int = 0  # line of the `review:` key, for check's warning (0 = no key)
    company_line: int = 1  # line of the `company:` key, for link diagnostics
    body_line: int = 1  # first line of the body in the source file
    outcome_line: int = 1  # line of the `outcome:` key, for lint warnings
    company_slug: str = ""
    images: tuple[tuple[str, str], ...] = ()  # (source file, output path) of each image the body shows
    # Minutes to read the body, fixed when the file is read (lists show it, so a body edit
    # that changes it changes the lists too).
    reading_minutes: int = 1

    @cached_property  # asked ~10 times per story; a Story never changes after it is made
    def modified(self) -> dt.date:
        """The date of the newest news on this story: an update or a reply."""
        if not self.updates and not self.replies:
            return self.date
        return max(self.date, *(u.date for u in self.updates), *(r.date for r in self.replies))


@dataclass(frozen=True)
class Company:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    sector: str = ""
    parent: str = ""  # slug of the parent company
    website: str = ""
    description_html: str = ""
    source: str = ""  # "" when the company has no record file
    line: int = 1


@dataclass(frozen=True)
class Author:
    """A story's author: from content/authors/<slug>.yaml, or only a name as stories write it."""

    slug: str
    name: str
    bio_html: str = ""
    links: tuple[str, ...] = ()  # http(s) URLs: their own site, a profile
    source: str = ""  # "" when the author has no record file
    line: int = 1


class RouteEvent(StrEnum):
    """What a route's waiting time or deadline counts from."""

    COMPLAINT = "complaint"  # the first written complaint: first `by: me` event via email, letter, webform or chat
    FINAL_ANSWER = "final_answer"  # the company's last timeline event after that complaint


@dataclass(frozen=True)
class Period:
    """A number of days after an event: `after: {event: complaint, days: 28}`."""

    event: RouteEvent
    days: int


@dataclass(frozen=True)
class Route:
    """An escalation route: where a stuck customer can go next, for which sectors, from
    when and until when. From the shipped escalation.yaml or a site's content/escalation.yaml."""

    id: str
    name: str
    url: str
    note: str  # what it does, plain text (Dutch)
    source: str  # the page its rules were checked against
    checked: dt.date
    sectors: tuple[str, ...] = ()  # sector slugs; empty: every sector
    after: Period | None = None  # open this long after the event (None: open at once)
    deadline: Period | None = None
    note_en: str = ""  # the note in English ('' = use note)
    origin: str = ""  # file it came from, for diagnostics


@dataclass(frozen=True)
class Term:
    """A tag or a sector: a display name, its slug and which of the two it is."""

    slug: str
    name: str
    taxonomy: Taxonomy


@dataclass(frozen=True)
class Site:
    """Everything the renderers need, linked and checked.

    `stories` are the published ones, newest first; groupings map a slug to stories
    in that same order. A company's stories include those of its subsidiaries (and
    theirs), so a parent's page, figures and feeds roll them up.
    """

    config: SiteConfig
    now: dt.date
    stories: tuple[Story, ...]
    companies: tuple[Company, ...]  # sorted by name
    tags: tuple[Term, ...]  # sorted by slug
    sectors: tuple[Term, ...]  # sorted by slug
    by_company: Mapping[str, tuple[Story, ...]] = field(default_factory=dict)
    by_tag: Mapping[str, tuple[Story, ...]] = field(default_factory=dict)
    by_sector: Mapping[str, tuple[Story, ...]] = field(default_factory=dict)
    company_by_slug: Mapping[str, Company] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()  # escalation routes, by id
    authors: tuple[Author, ...] = ()  # sorted by name; those with a record or a story
    by_author: Mapping[str, tuple[Story, ...]] = field(default_factory=dict)
    author_slugs: Mapping[str, str] = field(default_factory=dict)  # author as a story writes it -> slug

    def author_of(self, story: Story) -> Author | None:
        """A story -> its Author; None when it names none."""
        slug = self.author_slugs.get(story.author)
        return self.author_by_slug.get(slug) if slug else None

    @cached_property
    def author_by_slug(self) -> Mapping[str, Author]:
        return {author.slug: author for author in self.authors}

    def company(self, slug: str) -> Company:
        return self.company_by_slug[slug]

    def company_of(self, story: Story) -> Company:
        return self.company_by_slug[story.company_slug]
