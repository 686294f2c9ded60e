"""Story file bytes -> a validated Story, or diagnostics naming file and line.

A story is `---`, YAML front-matter, `---`, then a Markdown body. Lines in messages
are file lines: the opening `---` is line 1, so front-matter line n is file line n+1.
Every problem of a file is reported, not only the first; a file with any error gives
no Story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.diagnostics import Diagnostic
from generator.model import (
    Actor,
    Apology,
    Channel,
    Compensation,
    Language,
    Outcome,
    Reply,
    SiteConfig,
    Story,
    TimelineEvent,
    Update,
)
from generator.read.files import SourceFile
from generator.read.markdown import MarkdownRenderer, summary_of
from generator.read.schema import COMPANY_PLACEHOLDER, STORY_FIELDS, UNKNOWN
from generator.read.validate import Checker, by_line, or_list
from generator.read.values import Value, slug_of
from generator.read.yamlsource import Node, NodeKind, YamlReader, control_problem, decode_text, kind_name, load_yaml
from generator.urls import name_slug

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_FENCE = "---"
# Checked value -> enum member. Outcome(value) goes through EnumMeta.__call__, ~1 us each,
# and a 10,000-story site converts ~90,000 values; a dict gives the same members.
_UNKNOWN_FIELDS = tuple(spec for spec in STORY_FIELDS if spec.unknown)
_OUTCOMES = {member.value: member for member in Outcome}
_APOLOGIES = {member.value: member for member in Apology}
_LANGUAGES = {member.value: member for member in Language}
_CHANNELS = {member.value: member for member in Channel}
_ACTORS = {member.value: member for member in Actor}


@dataclass(frozen=True)
class Source:
    """A story file split in two: front-matter YAML and body, with their file lines."""

    yaml: str
    body: str
    body_line: int


def split_source(path: str, text: str) -> tuple[Source | None, list[Diagnostic]]:
    """Story text -> its front-matter and body, or a diagnostic on the fence lines."""
    if not text or text.isspace():  # as `not text.strip()`, without copying the file
        return None, [Diagnostic(path, 1, "empty file (expected front-matter between '---' lines)")]
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != _FENCE:
        return None, [Diagnostic(path, 1, "expected '---' on the first line to start the front-matter")]
    start = end
    while (start := text.find("\n" + _FENCE, start)) >= 0:  # only lines starting '---' can be fences
        end = text.find("\n", start + 1)
        if (text[start + 1:] if end < 0 else text[start + 1:end]).rstrip() == _FENCE:
            body = "" if end < 0 else text[end + 1:]
            first = text.find("\n") + 1
            return Source(text[first:start] if start >= first else "", body, text.count("\n", 0, start) + 3), []
        start += 1
    return None, [Diagnostic(path, 1, "no closing '---' line", "front-matter")]


def story_body(path: str, data: bytes) -> str:
    """Story file bytes -> its Markdown body as parsing sees it ('' when there is none).
    Stories do not keep their Markdown (at 10,000 stories it is ~50 MB no page needs);
    `check`'s lint reads it again from the file's bytes."""
    text, _ = decode_text(path, data)
    source = split_source(path, text)[0] if text is not None else None
    return source.body if source is not None else ""


def slug_from_path(path: str) -> str:
    """'content/stories/2015/2015-03-01-Één dag.md' -> 'een-dag'."""
    stem = path.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return slug_of(_DATE_PREFIX.sub("", stem))


def parse_story(path: str, data: bytes, *, config: SiteConfig,
                read_yaml: YamlReader = load_yaml) -> tuple[Story | None, list[Diagnostic]]:
    """Story file bytes (path site-relative, '/'-separated) -> (Story or None, diagnostics).
    `read_yaml` reads the front-matter (load_yaml, or a faster reader giving the same)."""
    text, problems = decode_text(path, data)
    if text is None:
        return None, problems
    if (control := control_problem(path, data, front_matter=True)) is not None:
        return None, [control]
    source, problems = split_source(path, text)
    if source is None:
        return None, problems
    root, problems = read_yaml(source.yaml, path=path, first_line=2, key="front-matter")
    if root is None and problems:
        return None, problems
    if root is not None and root.kind != NodeKind.MAP:
        message = f"expected keys (key: value), got {kind_name(root)}"
        return None, [*problems, Diagnostic(path, root.line, message, "front-matter")]
    checker = Checker(path, problems)
    values = checker.mapping(root or Node(NodeKind.MAP, None, 1), STORY_FIELDS, missing_line=1)
    _check_rules(checker, values)
    slug = _slug(checker, values)
    if checker.diagnostics:
        return None, by_line(checker.diagnostics)
    return _build(path, values, source, slug, config)


@dataclass(frozen=True)
class StoryParser:
    """A site's configuration -> a function from one story file to (Story or None,
    diagnostics): the parse stage's unit of work, whoever maps it over the files."""

    config: SiteConfig
    read_yaml: YamlReader = load_yaml

    def __call__(self, source: SourceFile) -> tuple[Story | None, list[Diagnostic]]:
        try:
            data = source.data  # read here when only its digest was known
        except OSError as error:
            return None, [Diagnostic(source.path, None, f"cannot read the file ({error.strerror or error})")]
        return parse_story(source.path, data, config=self.config, read_yaml=self.read_yaml)


def _check_rules(checker: Checker, values: dict[str, Value]) -> None:
    """Rules across fields: 'unknown' only in a draft; resolved needs outcome resolved and
    follows incident; dated lists in order; replies not before publication."""
    resolved, incident, outcome = values.get("resolved"), values.get("incident"), values.get("outcome")
    draft = values.get("draft")
    drafted = draft is not None and draft.value is True
    for spec in _UNKNOWN_FIELDS:
        given = values.get(spec.name)
        if given is not None and given.value == UNKNOWN and not drafted:
            checker.error(given.line, spec.name, f"not known yet; write {or_list(spec.choices)}")
    company = values.get("company")
    if company is not None and company.value in COMPANY_PLACEHOLDER.values() and not drafted:
        checker.error(company.line, "company", f"not named yet ('{company.value}' is the import's placeholder); "
                                               "write the company's name")
    if resolved is not None and outcome is not None and outcome.value != Outcome.RESOLVED:
        checker.error(resolved.line, "resolved",
                      f"only allowed with outcome resolved (outcome is '{outcome.value}')")
    if resolved is not None and incident is not None and resolved.value < incident.value:
        checker.error(resolved.line, "resolved", f"{resolved.value} is before incident ({incident.value})")
    for name in ("timeline", "updates", "replies"):
        if name in values:
            _check_order(checker, name, values[name].value)
    published = values.get("date")
    for number, reply in enumerate(values["replies"].value if "replies" in values else (), 1):
        when = reply.get("date")
        if published is not None and when is not None and when.value < published.value:
            checker.error(when.line, f"replies[{number}].date",
                          f"{when.value} is before the publication date ({published.value}); a reply comes after")


def _check_order(checker: Checker, name: str, items: tuple[dict[str, Value], ...]) -> None:
    """Dated items -> an error for each item dated before the one before it."""
    previous: tuple[int, date] | None = None
    for number, item in enumerate(items, 1):
        when = item.get("date")
        if when is None:
            continue
        if previous is not None and when.value < previous[1]:
            checker.error(when.line, f"{name}[{number}].date",
                          f"{when.value} is before {name}[{previous[0]}].date ({previous[1]})")
        previous = (number, when.value)


def _slug(checker: Checker, values: dict[str, Value]) -> str:
    """The slug from `slug:` or the file name; an error when the name gives none."""
    if "slug" in values:
        return str(values["slug"].value)
    slug = slug_from_path(checker.path)
    if not slug:
        checker.error(1, "", "cannot make a slug from the file name; add a 'slug:' key")
    return slug


def _build(path: str, values: dict[str, Value], source: Source, slug: str,
           config: SiteConfig) -> tuple[Story | None, list[Diagnostic]]:
    """Checked values -> a Story, with defaults from the site config and rendered HTML;
    or None and a diagnostic for each text the Markdown renderer refused."""
    get: dict[str, Any] = {name: value.value for name, value in values.items()}
    markdown = MarkdownRenderer(path, config.allow_html, last_line=source.body_line - 2)  # the line before the closing '---'
    body_html = markdown.block(source.body, line=source.body_line, key="body", exact=True)
    story = Story(
        source=path,
        slug=slug,
        title=get["title"],
        company=get["company"],
        company_slug=name_slug(get["company"]),  # link keeps it when the company is named by its slug's name
        date=get["date"],
        outcome=_OUTCOMES[get["outcome"]],
        apology=_APOLOGIES[get["apology"]],
        author=get.get("author", config.author),
        language=_LANGUAGES[get["language"]] if "language" in get else config.language,
        summary=get["summary"] if "summary" in get else summary_of(body_html),
        body_html=body_html,
        incident=get.get("incident"),
        resolved=get.get("resolved"),
        channels=tuple([_CHANNELS[c] for c in get.get("channels", ())]),
        compensation=_compensation(get.get("compensation")),
        tags=tuple(get.get("tags", ())),
        timeline=tuple([_event(item, n, markdown) for n, item in enumerate(get.get("timeline", ()), 1)]),
        updates=tuple([_update(item, n, markdown) for n, item in enumerate(get.get("updates", ()), 1)]),
        replies=tuple([_reply(item, n, markdown) for n, item in enumerate(get.get("replies", ()), 1)]),
        draft=get.get("draft", False),
        origin=get.get("source", ""),
        review=tuple(get.get("review", ())),
        review_line=values["review"].line if "review" in values else 0,
        company_line=values["company"].line,
        outcome_line=values["outcome"].line,
        body_line=source.body_line,
        reading_minutes=reading_minutes(source.body),
    )
    return (None, markdown.problems) if markdown.problems else (story, [])


WORDS_PER_MINUTE = 220


def reading_minutes(text: str) -> int:
    """Markdown text -> whole minutes to read it (at least 1), at WORDS_PER_MINUTE."""
    return max(1, round(len(text.split()) / WORDS_PER_MINUTE))


def _compensation(value: str | dict[str, Value] | None) -> Compensation | None:
    """'6 euro korting' or {amount, currency, note} -> Compensation."""
    if value is None:
        return None
    if isinstance(value, str):
        return Compensation(note=value)
    get = {name: item.value for name, item in value.items()}
    return Compensation(amount=get.get("amount"), currency=get.get("currency", "EUR"), note=get.get("note", ""))


def _event(item: dict[str, Value], number: int, markdown: MarkdownRenderer) -> TimelineEvent:
    text, line = item["text"].value, item["text"].line
    by, via = item.get("by"), item.get("via")
    return TimelineEvent(
        date=item["date"].value,
        text=text,
        html=markdown.inline(text, line=line, key=f"timeline[{number}].text"),
        by=_ACTORS[by.value] if by else None,
        via=_CHANNELS[via.value] if via else None,
        line=line,
    )


def _update(item: dict[str, Value], number: int, markdown: MarkdownRenderer) -> Update:
    text, line = item["text"].value, item["text"].line
    return Update(date=item["date"].value, text=text,
                  html=markdown.block(text, line=line, key=f"updates[{number}].text"), line=line)


def _reply(item: dict[str, Value], number: int, markdown: MarkdownRenderer) -> Reply:
    text, line = item["text"].value, item["text"].line
    by, source = item.get("by"), item.get("source")
    return Reply(date=item["date"].value, text=text, html=markdown.block(text, line=line, key=f"replies[{number}].text"),
                 by=by.value if by else "", source=source.value if source else "", line=line)
