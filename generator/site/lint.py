"""A linked Site -> warnings that never fail a build unless `--strict` (pure).

- personal data of other people in a story's body, timeline, updates and replies (privacy.py);
- links in story Markdown to `/stories/<slug>/` or `/companies/<slug>/` pages that
  the site does not have;
- images in story Markdown on another site (`![](https://...)`, `<img src="https://...">`,
  as imported posts have them): the pages' Content-Security-Policy loads images from the
  site itself only, so a reader would see none of them;
- open cases with no news (timeline event, update or reply) for `STALE_DAYS` before site.now;
- open cases whose escalation deadline passes within `NEAR_DAYS` or has passed
  ("Kifid: indienen uiterlijk 3 maart 2025 (nog 12 dagen)", in the site language).
- imported stories whose guessed keys (`review:`) the author has not confirmed yet
  (every story, drafts too: imported stories are drafts until reviewed).

Every warning carries the real file line: body_line plus the line within the body, or
the line of the `text:` key of a timeline event or update.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import urlsplit

from generator.diagnostics import Diagnostic, Severity
from generator.i18n import format_date, format_days, strings
from generator.model import Outcome, Reply, Site, Story, TimelineEvent, Update
from generator.site.escalation import NEAR_DAYS, Status, escalation_of
from generator.site.privacy import find_personal_data, message
from generator.urls import Urls

STALE_DAYS = 180

# [text](url), [text]: url (reference definitions), <url> autolinks and href="url".
# Linear in the text: no run may cross a line where a failed match could restart on the
# next line (a label ran over line ends, so 300,000 lines starting with '[' took minutes).
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?:\n[ \t]*)?<?([^\s>]+)"
                   r"|<(https?://[^<>\s]+|/[^<>\s]*)>|href=[\"']([^\"'\n]+)[\"']", re.MULTILINE)
_INTERNAL = re.compile(r"^(stories|companies)/([^/?#]+)")
# ![alt](https://...) and <img src="https://...">, within one line each (linear, as _LINK).
_REMOTE_IMAGE = re.compile(r"!\[[^\]\n]{0,2000}\]\(\s*<?(https?://[^)\s>]+)|<img\b[^>\n]{0,2000}?\bsrc\s*=\s*[\"']"
                           r"(https?://[^\"'\s]+)", re.IGNORECASE)


def _texts(story: Story, body: str) -> Iterator[tuple[int, str]]:
    """A story and its Markdown body -> (first file line, Markdown text) of its body,
    timeline, updates and replies."""
    yield story.body_line, body
    items: tuple[TimelineEvent | Update | Reply, ...] = (*story.timeline, *story.updates, *story.replies)
    for item in items:
        yield item.line or story.body_line, item.text


def _warning(story: Story, line: int, text: str, phrase: str = "", **values: object) -> Diagnostic:
    """A warning at a story's line; `phrase` and `values` let the review desk say it in the site's language."""
    return Diagnostic(story.source, line, text, severity=Severity.WARNING, phrase=phrase,
                      values=tuple((name, str(value)) for name, value in values.items()))


def _privacy(story: Story, body: str) -> list[Diagnostic]:
    return [_warning(story, first + f.line, message(f))
            for first, text in _texts(story, body) for f in find_personal_data(text)]


def _target(url: str, urls: Urls) -> tuple[str, str] | None:
    """A link -> ('stories' | 'companies', slug) when it points into this site, else None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        base = urlsplit(urls.base_url)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
    path = parts.path
    if not path.startswith("/"):
        return None
    path = path[len(urls.root):] if path.startswith(urls.root) else path.lstrip("/")
    match = _INTERNAL.match(path)
    return (match.group(1), match.group(2)) if match else None


def _links(story: Story, body: str, site: Site, urls: Urls) -> list[Diagnostic]:
    slugs = {"stories": {s.slug for s in site.stories}, "companies": set(site.company_by_slug)}
    problems = []
    for first, text in _texts(story, body):
        line, counted = first, 0  # lines counted from one link to the next, not from the top each time
        for match in _LINK.finditer(text):
            url = next(group for group in match.groups() if group)
            target = _target(url, urls)
            if target is not None and target[1] not in slugs[target[0]]:
                what = "story" if target[0] == "stories" else "company"
                line += text.count("\n", counted, match.start())
                counted = match.start()
                problems.append(_warning(story, line, f"link to unknown {what} '{url}'", f"unknown_{what}", url=url))
    return problems


def _remote_images(story: Story, body: str, urls: Urls) -> list[Diagnostic]:
    base = urlsplit(urls.base_url)
    problems = []
    for first, text in _texts(story, body):
        line, counted = first, 0
        for match in _REMOTE_IMAGE.finditer(text):
            url = match.group(1) or match.group(2)
            if urlsplit(url).netloc == base.netloc and base.netloc:
                continue  # this site's own address
            line += text.count("\n", counted, match.start())
            counted = match.start()
            problems.append(_warning(story, line, f"image '{url}' on another site is not shown (pages load images "
                                                  "from this site only): save it beside the story and use its file name",
                                     "remote_image", url=url))
    return problems


def _stale(story: Story, site: Site) -> list[Diagnostic]:
    if story.outcome is not Outcome.OPEN:
        return []
    news = [(story.date, story.outcome_line)]
    items: tuple[TimelineEvent | Update | Reply, ...] = (*story.timeline, *story.updates, *story.replies)
    news += [(item.date, item.line or story.outcome_line) for item in items]
    last, line = max(news)
    days = (site.now - last).days
    if days < STALE_DAYS:
        return []
    return [_warning(story, line, f"open case with no news for {days} days (last on {last.isoformat()}); "
                                  "add an update or change the outcome", "stale", days=days, last=last.isoformat())]


def _deadlines(story: Story, site: Site) -> list[Diagnostic]:
    """An open case -> a warning per fitting route whose deadline is near or past."""
    if story.outcome is not Outcome.OPEN:
        return []
    found = escalation_of(story, site.company_of(story), site.routes, site.now)
    if found is None:
        return []
    language = site.config.language
    text = strings(language)
    line = (found.complaint.line if found.complaint else 0) or story.outcome_line
    problems = []
    for state in found.routes:
        if state.closes is None:
            continue
        left = (state.closes - site.now).days
        if state.status is Status.CLOSED:
            key, days = "esc_warn_passed", -left
        elif left <= NEAR_DAYS:
            key, days = "esc_warn_near", left
        else:
            continue
        problems.append(_warning(story, line, text[key].format(
            name=state.route.name, date=format_date(state.closes, language), days=format_days(days, language))))
    return problems


def lint_site(site: Site, bodies: Mapping[str, str]) -> list[Diagnostic]:
    """Linked Site, each story's Markdown body by source path (frontmatter.story_body) ->
    warnings about personal data, broken internal links, images on other sites, stale
    open cases and near escalation deadlines."""
    urls = Urls(site.config.base_url)
    problems: list[Diagnostic] = []
    for story in sorted(site.stories, key=lambda s: s.source):
        body = bodies.get(story.source, "")
        problems += _privacy(story, body) + _links(story, body, site, urls) + _remote_images(story, body, urls)
        problems += _stale(story, site)
        problems += _deadlines(story, site)
    return problems


def review_warnings(stories: Iterable[Story]) -> list[Diagnostic]:
    """Stories (drafts included) -> a warning at each non-empty `review:` line, naming its keys."""
    return [_warning(story, story.review_line,
                     f"imported: confirm {', '.join(story.review)}, then delete 'review'", "review",
                     keys=", ".join(story.review))
            for story in sorted(stories, key=lambda s: s.source) if story.review]
