"""The desk's writes: save a story's form (with confirm, junk removal, a new company
record), and publish (drop `draft`, rename to the real date and a short slug)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.serve.review import catalog
from generator.serve.review.files import (
    COMPANIES,
    Refused,
    create,
    inside,
    read_story,
    replace_story,
    version,
)
from generator.serve.review.form import KEYS, Form, changes, one
from generator.serve.review.words import Message
from generator.serve.review.frontmatter import (
    EditError,
    FrontMatterFile,
    remove_paragraphs,
)
from generator.urls import slugify

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
SHORT_WORDS, SHORT_CHARS = 5, 40


def load(site_dir: Path, relative: str) -> tuple[Path, bytes, FrontMatterFile]:
    path, data = read_story(site_dir, relative)
    try:
        return path, data, FrontMatterFile(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Refused(f"{relative}: is not UTF-8 text; fix it in an editor", 422) from None
    except EditError as error:
        raise Refused(f"{relative}: {error}", 422) from None


def _review_without(edited: FrontMatterFile, keys: set[str]) -> None:
    review = edited.values().get("review")
    if isinstance(review, str):
        review = [review]
    if not isinstance(review, list):
        return
    left = [key for key in review if key not in keys]
    edited.set("review", left or None)


@dataclass(frozen=True)
class Saved:
    message: str
    company_record: str = ""  # site-relative path of a record written now


def save(site_dir: Path, form: Form) -> Saved:
    """A submitted story form -> the file written back (or Refused). `action` may be
    'confirm:<key>', 'confirm-all' or 'company' besides a plain save."""
    relative = one(form, "file")
    path, data, edited = load(site_dir, relative)
    wanted, problems = changes(form)
    if problems:
        raise Refused("; ".join(problems), 422)
    for key in KEYS:
        if key in wanted:
            edited.set(key, wanted[key])
    action = one(form, "action")
    if action == "confirm-all":
        review = edited.values().get("review") or ()
        _review_without(edited, {review} if isinstance(review, str) else set(map(str, review)))
    elif action.startswith("confirm:"):
        _review_without(edited, {action.removeprefix("confirm:")})
    junk = {int(n) for n in form.get("junk", []) if n.isdigit()}
    if junk:
        edited.body = remove_paragraphs(edited.body, junk)
    record = add_company(site_dir, str(edited.values().get("company") or "")) if action == "company" else ""
    text = edited.text().encode("utf-8")
    if text != data:
        replace_story(path, relative, text, expected=one(form, "version"))
    elif version(data) != one(form, "version"):
        raise Refused(Message.of("stale", file=relative), 409)
    return Saved("saved" if text != data else "unchanged", record)


def add_company(site_dir: Path, name: str) -> str:
    """A company name -> content/companies/<slug>.yaml written (sector and website from the
    shipped list when it knows the company) -> its site-relative path; Refused when it exists."""
    from generator.importer.companies import Candidate, shipped
    from generator.importer.write import company_text

    slug = slugify(name)
    if not slug:
        raise Refused("company: give the company's name first", 422)
    known = catalog.find_company([c for c in catalog.companies(site_dir) if c.record], name)
    if known is not None:
        raise Refused(f"company: the site already has a record for {known.name} ({COMPANIES}/{known.slug}.yaml)", 409)
    listed = catalog.find_company([catalog.CompanyChoice(c.name, c.slug, c.sector, c.website, c.aliases, False)
                                   for c in shipped()], name)
    candidate = (Candidate(listed.name, listed.slug, listed.aliases, listed.sector, listed.website)
                 if listed is not None else Candidate(name, slug))
    relative = f"{COMPANIES}/{candidate.slug}.yaml"
    if not create(inside(site_dir, relative, folder=COMPANIES, suffix=(".yaml",)), company_text(candidate)):
        raise Refused(f"company: {relative} exists already", 409)
    return relative


def short_slug(title: str) -> str:
    """A title -> its slug cut to at most 5 words and 40 characters, at a word boundary."""
    words = slugify(title).split("-")
    kept: list[str] = []
    for word in words[:SHORT_WORDS]:
        if kept and len("-".join([*kept, word])) > SHORT_CHARS:
            break
        kept.append(word[:SHORT_CHARS])
    return "-".join(kept) or "story"


def current_slug(relative: str, values: dict[str, Any]) -> str:
    from generator.read.story import slug_from_path

    given = values.get("slug")
    return str(given) if isinstance(given, str) and given else slug_from_path(relative)


@dataclass(frozen=True)
class Plan:
    """What publishing a draft does: the new file name and the URL name it keeps."""

    relative: str
    new_relative: str
    old_slug: str
    file_slug: str
    problems: tuple[Message, ...]


def plan_publish(site_dir: Path, relative: str, file_slug: str = "") -> Plan:
    _, _, edited = load(site_dir, relative)
    values = edited.values()
    day = values.get("date")
    stem = f"{day.isoformat()}-" if isinstance(day, date) else ""
    file_slug = slugify(file_slug) or short_slug(str(values.get("title") or ""))
    folder = relative.rsplit("/", 1)[0]
    new_relative = f"{folder}/{stem}{file_slug}.md"
    problems = []
    review = values.get("review")
    if review:
        keys = ", ".join(map(str, review)) if isinstance(review, list) else str(review)
        problems.append(Message.of("under_review", keys=keys))
    if new_relative != relative and (site_dir / new_relative).exists():
        problems.append(Message.of("file_exists", file=new_relative))
    problems += [Message.of("text", text=text) for text in _errors_when_published(relative, edited)]
    return Plan(relative, new_relative, current_slug(relative, values), file_slug, tuple(problems))


def _errors_when_published(relative: str, edited: FrontMatterFile) -> list[str]:
    """The story as it would be published -> what `build` would refuse in it."""
    from generator.model import SiteConfig
    from generator.read.story import parse_story

    copy = FrontMatterFile(edited.text())
    copy.set("draft", None)
    _, problems = parse_story(relative, copy.text().encode("utf-8"), config=SiteConfig())
    return [str(p).removeprefix(relative).lstrip(":0123456789 ") for p in problems if p.severity.value == "error"]


def _taken_slugs(site_dir: Path, relative: str) -> set[str]:
    """The URL names of every other story file."""
    taken = set()
    for other in catalog.story_files(site_dir):
        if other == relative:
            continue
        try:
            values = FrontMatterFile((site_dir / other).read_bytes().decode("utf-8")).values()
        except (OSError, UnicodeDecodeError, EditError):
            values = {}
        taken.add(current_slug(other, values))
    return taken


def publish(site_dir: Path, form: Form) -> Plan:
    """Drop `draft`, keep the URL (`slug:` when the new file name would change it), rename."""
    relative = one(form, "file")
    plan = plan_publish(site_dir, relative, one(form, "file_slug"))
    if plan.problems:
        raise Refused(plan.problems[0] if len(plan.problems) == 1 else
                      "; ".join(problem.text() for problem in plan.problems), 422)
    path, _, edited = load(site_dir, relative)
    edited.set("draft", None)
    url_slug = slugify(one(form, "url_slug")) or plan.old_slug
    if url_slug in _taken_slugs(site_dir, relative):
        raise Refused(Message.of("slug_taken", slug=url_slug), 409)
    edited.set("slug", None if url_slug == plan.file_slug else url_slug)
    target = None if plan.new_relative == relative else inside(site_dir, plan.new_relative, folder="content/stories",
                                                                suffix=(".md",))
    replace_story(path, relative, edited.text().encode("utf-8"), expected=one(form, "version"), rename_to=target)
    return plan
