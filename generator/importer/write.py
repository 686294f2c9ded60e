"""An imported post -> its story file text; and writing it: atomic, never overwriting.

The site's existing stories are indexed by their `source:` value, so importing the same
post again adds nothing, and a story its author has edited is never opened for writing.

Evidence format (read back by the review desk): every guessed key is listed under
`review:`, and its value's line carries a YAML comment saying why, on that one line:

    company: "Fiber"  # 4 mentions, in the title, well-known companies list: "De keuze viel daarom op Fiber"
    outcome: unknown  # no cue in the text: write open, resolved, unresolved or gave-up
    apology: "no"  # last cue "geen excuses": "Ik kreeg 6 euro korting, maar geen excuses."
    timeline:  # 3 sentences with a date in the text

That is `key: value  # evidence` (two spaces, '#', one space), the evidence one line of
text: why, then, when there is one, ': "the sentence"' cut to about 100 characters. A
list or mapping value (timeline) has its comment on its key's line only. A value that
was read, not guessed, has no comment. `outcome` and `apology` are `unknown` when the
text gives no cue: `check` and `build` refuse that outside drafts.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.importer.companies import Candidate
from generator.importer.guess import Event, Guess, plain
from generator.importer.said import said
from generator.importer.seen import Seen
from generator.importer.junk import printable
from generator.model import Language
from generator.read.files import SourceFile
from generator.urls import SLUG_MAX

EXCERPT_NOTE = said(Language.EN, "excerpt")  # in English; said(language, "excerpt") in the site's
_SOURCE_LINE = re.compile(r"^source:[ \t]*(\S.*)$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^title:[ \t]*(\S.*?)(?:[ \t]+#.*)?$", re.MULTILINE)
_DATE_LINE = re.compile(r"^date:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
_SLUG_LINE = re.compile(r"^slug:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Draft:
    """Everything a story file holds: facts read, guesses, and which keys are guesses."""

    title: str
    date: date
    guess: Guess
    body: str
    source: str
    review: tuple[str, ...]
    author: str = ""
    tags: tuple[str, ...] = ()
    language: Language | None = None  # None: the site's language
    evidence: Mapping[str, str] = field(default_factory=dict)  # key -> why, for keys guessed here (title, date, ...)
    excerpt: bool = False  # the source held the post's opening only
    words: Language = Language.EN  # the language of the notes in its front-matter (the site's)


def _q(text: str) -> str:
    return json.dumps(printable(text), ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _event_lines(event: Event) -> list[str]:
    lines = [f"  - date: {event.date.isoformat()}"]
    if event.by is not None:
        lines.append(f"    by: {event.by.value}")
    if event.via is not None:
        lines.append(f"    via: {event.via.value}")
    return [*lines, f"    text: {_q(event.text)}"]


def comment(text: str) -> str:
    """Evidence -> the comment to put after a value: '  # ' and the text on one line ('' for none)."""
    line = " ".join(printable(text).split())
    return f"  # {line}" if line else ""


def story_text(draft: Draft) -> str:
    """A Draft -> the story file: front-matter (always `draft: true`) and Markdown body,
    each guessed value with its evidence as a comment on its line."""
    g = draft.guess
    why = {**g.evidence, **draft.evidence}

    def line(key: str, value: str) -> str:
        return f"{key}:{' ' + value if value else ''}{comment(why.get(key, '')) if key in draft.review else ''}"
    lines = ["---", line("title", _q(draft.title)), line("company", _q(g.company)), line("date", draft.date.isoformat()),
             line("outcome", g.outcome.value), line("apology", _q(g.apology.value))]
    lines += [line("author", _q(draft.author))] if draft.author else []
    lines += [line("language", draft.language.value)] if draft.language is not None else []
    lines += [line("incident", g.incident.isoformat())] if g.incident is not None else []
    lines += [line("channels", f"[{', '.join(c.value for c in g.channels)}]")] if g.channels else []
    lines += [line("compensation", _q(g.compensation))] if g.compensation else []
    lines += [line("tags", f"[{', '.join(_q(t) for t in draft.tags)}]")] if draft.tags else []
    if g.timeline:
        lines += [line("timeline", ""), *(text for event in g.timeline for text in _event_lines(event))]
    lines += [f"# {said(draft.words, 'excerpt')}"] if draft.excerpt else []
    lines += ["draft: true", f"source: {_q(draft.source)}", f"# {said(draft.words, 'guessed')}",
              f"review: [{', '.join(draft.review)}]", "---", draft.body.strip(), ""]
    return "\n".join(lines)


def company_text(candidate: Candidate) -> str:
    """A company from the shipped list -> its content/companies/<slug>.yaml text."""
    lines = [f"name: {_q(candidate.name)}"]
    lines += [f"aliases: [{', '.join(_q(a) for a in candidate.aliases)}]"] if candidate.aliases else []
    lines += [f"sector: {candidate.sector}"] if candidate.sector else []
    lines += [f"website: {candidate.website}"] if candidate.website else []
    return "\n".join([*lines, ""])


def _value(text: str) -> str:
    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text.strip("'\"")
    return value if isinstance(value, str) else str(value)


@dataclass(frozen=True)
class Existing:
    """The site's stories as the importer sees them: source -> file, and slugs taken."""

    sources: dict[str, str]
    slugs: set[str]
    seen: Seen = field(default_factory=Seen)  # by title and date, and by text


def index_stories(files: tuple[SourceFile, ...]) -> Existing:
    """Story files -> their `source:` values and slugs (from `slug:` or the file name)."""
    from generator.read.story import slug_from_path, split_source

    sources: dict[str, str] = {}
    slugs: set[str] = set()
    seen = Seen()
    for file in files:
        text = file.data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
        split = split_source(file.path, text)[0]
        front = split.yaml if split is not None else ""
        if (found := _SOURCE_LINE.search(front)) is not None:
            sources.setdefault(_value(found.group(1).rstrip()), file.path)
        slug = _SLUG_LINE.search(front)
        slugs.add(slug.group(1) if slug else slug_from_path(file.path))
        title, day = _TITLE_LINE.search(front), _DATE_LINE.search(front)
        try:
            when = date.fromisoformat(day.group(1)) if day else None
        except ValueError:
            when = None
        seen.add(_value(title.group(1)) if title else "", when, plain(split.body if split else ""), file.path)
    return Existing(sources, slugs, seen)


def free_name(day: date, slug: str, taken: set[str]) -> tuple[str, str]:
    """A date and slug, the slugs taken -> (file name, slug) with '-2', '-3' added on a clash."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"  # within SLUG_MAX: a file name's slug is cut there, and two would be one
        candidate = f"{slug[:SLUG_MAX - len(suffix)].rstrip('-')}{suffix}"
    return f"{day.isoformat()}-{candidate}.md", candidate


def write_new(path: Path, text: str | bytes) -> bool:
    """Write text (or bytes) to a new file atomically -> False (nothing written) when path exists.

    The text goes to a temporary file beside it, then is hard-linked into place, which
    fails rather than replace a file: a crash leaves no half-written story, and no story
    is ever overwritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as raw:
                raw.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if path.exists():
                return False
            os.replace(temporary, path)
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
