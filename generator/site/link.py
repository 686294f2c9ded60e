"""Parsed stories and companies -> a linked, checked `Site`.

All cross-file rules live here: unique slugs, company matching by name, alias or slug,
parents that exist, drafts and future stories left out, tag and sector groupings. A
parent company's grouping holds its subsidiaries' cases too (its page, figures, feeds).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from datetime import date

from generator.diagnostics import Diagnostic, Severity
from generator.model import Company, Route, SiteConfig, Site, Story, Term
from generator.urls import slugify

# What dataclasses.replace(story, company_slug=...) copies, listed once: replace() works
# the list out again for every story, a third of link's time for 10,000 stories.
_STORY_ARGS = tuple(f.name for f in fields(Story) if f.init and f.name != "company_slug")


def _unique_stories(stories: list[Story]) -> tuple[list[Story], list[Diagnostic]]:
    """Stories sorted by path; a second story with a taken slug is an error naming both."""
    first: dict[str, Story] = {}
    problems: list[Diagnostic] = []
    for story in sorted(stories, key=lambda s: s.source):
        if story.slug in first:
            other = first[story.slug].source
            problems.append(Diagnostic(story.source, None, f"duplicate slug '{story.slug}' (also {other})"))
        else:
            first[story.slug] = story
    return list(first.values()), problems


def _company_index(companies: list[Company]) -> tuple[dict[str, Company], list[Diagnostic]]:
    """Lower-cased name, alias and slug -> company; clashes between companies are errors."""
    index: dict[str, Company] = {}
    problems: list[Diagnostic] = []
    for company in sorted(companies, key=lambda c: c.source):
        for key in dict.fromkeys([company.slug, company.name, *company.aliases]):
            taken = index.get(key.casefold())
            if taken is not None and taken.slug != company.slug:
                problems.append(Diagnostic(
                    company.source, company.line,
                    f"'{key}' already names company '{taken.name}' ({taken.source})"))
            else:
                index[key.casefold()] = company
    for company in companies:
        if company.parent and company.parent.casefold() not in index:
            problems.append(Diagnostic(company.source, company.line,
                                       f"no company with slug '{company.parent}'", key="parent"))
    return index, problems


def _is_published(story: Story, *, today: date, drafts: bool) -> bool:
    return drafts or (not story.draft and story.date <= today)


def _match_companies(stories: list[Story], index: dict[str, Company]) -> tuple[list[Story], dict[str, Company], list[Diagnostic]]:
    """Fill in each story's company slug; an unknown company gets a bare record and one
    warning at its first story, with how many stories name it."""
    linked: list[Story] = []
    extra: dict[str, Company] = {}
    unknown: dict[str, list[Story]] = {}  # slug of an unknown company -> its stories
    for story in stories:
        company = index.get(story.company.casefold()) or index.get(slugify(story.company))
        if company is None:
            slug = slugify(story.company) or "unknown"
            company = extra.setdefault(slug, Company(slug=slug, name=story.company))
            unknown.setdefault(slug, []).append(story)
        linked.append(Story(**{name: getattr(story, name) for name in _STORY_ARGS}, company_slug=company.slug))
    problems = [_no_record(named, index) for named in unknown.values()]
    return linked, extra, sorted(problems, key=lambda p: p.path)


def _no_record(stories: list[Story], index: dict[str, Company]) -> Diagnostic:
    """The stories naming one unknown company -> one warning at the first, with their
    count and the closest known name ('Zigo' -> did you mean 'Ziggo'?)."""
    first = min(stories, key=lambda s: s.source)
    message = f"company '{first.company}' has no record in content/companies/"
    if len(stories) > 1:
        message += f" ({len(stories)} stories)"
    close = difflib.get_close_matches(first.company.casefold(), list(index), n=1, cutoff=0.75)
    if close:
        message += f" (did you mean '{index[close[0]].name}'?)"
    return Diagnostic(first.source, first.company_line, message, severity=Severity.WARNING)


def _terms(names: list[str]) -> tuple[Term, ...]:
    """Display names -> unique terms by slug (the first spelling seen wins), sorted by slug."""
    terms: dict[str, Term] = {}
    for name in names:
        slug = slugify(name)
        if slug and slug not in terms:
            terms[slug] = Term(slug, name)
    return tuple(sorted(terms.values(), key=lambda t: t.slug))


def _group(stories: tuple[Story, ...], keys: list[str], keys_of: Callable[[Story], list[str]]) -> dict[str, tuple[Story, ...]]:
    """Every key (even one without stories) -> its stories, in site order."""
    groups: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        for key in dict.fromkeys(keys_of(story)):
            groups[key].append(story)
    return {key: tuple(groups.get(key, ())) for key in sorted(keys)}


def _lineage(companies: dict[str, Company], index: dict[str, Company]) -> dict[str, list[str]]:
    """Company slug -> itself and every company above it (parent, its parent...), so a
    parent's grouping holds its subsidiaries' cases; a cycle stops where it closes."""
    lineage: dict[str, list[str]] = {}
    for slug in companies:
        chain = [slug]
        parent = companies[slug].parent
        while parent and (above := index.get(parent.casefold())) is not None and above.slug not in chain:
            chain.append(above.slug)
            parent = above.parent
        lineage[slug] = chain
    return lineage


def link_site(
    config: SiteConfig, stories: list[Story], companies: list[Company], *,
    today: date, now: date, drafts: bool = False, routes: tuple[Route, ...] = (),
) -> tuple[Site, list[Diagnostic]]:
    """Validated stories and companies (and escalation routes, passed through) -> the
    `Site`, plus cross-file diagnostics."""
    unique, problems = _unique_stories(stories)
    index, company_problems = _company_index(companies)
    # `parent:` may name the parent by name or alias too; from here on it is its slug.
    companies = [replace(c, parent=index[c.parent.casefold()].slug) if c.parent.casefold() in index else c
                 for c in companies]
    published = [s for s in unique if _is_published(s, today=today, drafts=drafts)]
    linked, extra, match_problems = _match_companies(published, index)
    problems += company_problems + match_problems

    ordered = tuple(sorted(linked, key=lambda s: (-s.date.toordinal(), s.slug)))
    all_companies = {c.slug: c for c in companies} | extra
    company_list = tuple(sorted(all_companies.values(), key=lambda c: (c.name.casefold(), c.slug)))
    sector_of = {c.slug: slugify(c.sector) for c in company_list if c.sector}
    lineage = _lineage(all_companies, index)
    tags = _terms([t for s in ordered for t in s.tags])
    sectors = _terms([c.sector for c in company_list if c.sector])
    site = Site(
        config=config,
        now=now,
        stories=ordered,
        companies=company_list,
        tags=tags,
        sectors=sectors,
        by_company=_group(ordered, list(all_companies), lambda s: lineage[s.company_slug]),
        by_tag=_group(ordered, [t.slug for t in tags], lambda s: [slugify(t) for t in s.tags]),
        by_sector=_group(ordered, [t.slug for t in sectors],
                         lambda s: [sector_of[s.company_slug]] if s.company_slug in sector_of else []),
        company_by_slug={c.slug: c for c in company_list},
        routes=routes,
    )
    return site, problems


def subsidiaries_below(site: Site, companies: Sequence[Company]) -> dict[str, tuple[Company, ...]]:
    """Linked site, companies (by name) -> for each parent slug, every company below it
    (children, theirs...), in the order given; a parent cycle stops where it closes."""
    below: dict[str, list[Company]] = {}
    for company in companies:
        seen = {company.slug}
        parent = site.company_by_slug.get(company.parent) if company.parent else None
        while parent is not None and parent.slug not in seen:
            below.setdefault(parent.slug, []).append(company)
            seen.add(parent.slug)
            parent = site.company_by_slug.get(parent.parent) if parent.parent else None
    return {slug: tuple(found) for slug, found in below.items()}
