"""An imported post -> its story file text; and writing it: atomic, never overwriting.

The site's existing stories are indexed by their `source:` value, so importing the same
post again adds nothing, and a story its author has edited is never opened for writing.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.importer.companies import Candidate
from generator.importer.guess import Event, Guess
from generator.importer.junk import printable
from generator.model import Language
from generator.read.files import SourceFile

_SOURCE_LINE = re.compile(r"^source:[ \t]*(\S.*)$", re.MULTILINE)
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


def _q(text: str) -> str:
    return json.dumps(printable(text), ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _event_lines(event: Event) -> list[str]:
    lines = [f"  - date: {event.date.isoformat()}"]
    if event.by is not None:
        lines.append(f"    by: {event.by.value}")
    if event.via is not None:
        lines.append(f"    via: {event.via.value}")
    return [*lines, f"    text: {_q(event.text)}"]


def story_text(draft: Draft) -> str:
    """A Draft -> the story file: front-matter (always `draft: true`) and Markdown body."""
    g = draft.guess
    lines = ["---", f"title: {_q(draft.title)}", f"company: {_q(g.company)}", f"date: {draft.date.isoformat()}",
             f"outcome: {g.outcome.value}", f"apology: {_q(g.apology.value)}"]
    lines += [f"author: {_q(draft.author)}"] if draft.author else []
    lines += [f"language: {draft.language.value}"] if draft.language is not None else []
    lines += [f"incident: {g.incident.isoformat()}"] if g.incident is not None else []
    lines += [f"channels: [{', '.join(c.value for c in g.channels)}]"] if g.channels else []
    lines += [f"compensation: {_q(g.compensation)}"] if g.compensation else []
    lines += [f"tags: [{', '.join(_q(t) for t in draft.tags)}]"] if draft.tags else []
    if g.timeline:
        lines += ["timeline:", *(line for event in g.timeline for line in _event_lines(event))]
    lines += ["draft: true", f"source: {_q(draft.source)}",
              "# guessed by `grievance import`: check these keys, then delete 'review' (and 'draft' to publish)",
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


def index_stories(files: tuple[SourceFile, ...]) -> Existing:
    """Story files -> their `source:` values and slugs (from `slug:` or the file name)."""
    from generator.read.story import slug_from_path, split_source

    sources: dict[str, str] = {}
    slugs: set[str] = set()
    for file in files:
        text = file.data.decode("utf-8", errors="replace").lstrip("\ufeff").replace("\r\n", "\n")
        split = split_source(file.path, text)[0]
        front = split.yaml if split is not None else ""
        if (found := _SOURCE_LINE.search(front)) is not None:
            sources.setdefault(_value(found.group(1).rstrip()), file.path)
        slug = _SLUG_LINE.search(front)
        slugs.add(slug.group(1) if slug else slug_from_path(file.path))
    return Existing(sources, slugs)


def free_name(day: date, slug: str, taken: set[str]) -> tuple[str, str]:
    """A date and slug, the slugs taken -> (file name, slug) with '-2', '-3' added on a clash."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
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
