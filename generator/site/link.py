"""Parsed stories and companies -> a linked, checked `Site`.

All cross-file rules live here: unique slugs, company matching by name, alias or slug,
parents that exist, drafts and future stories left out, tag and sector groupings. A
parent company's grouping holds its subsidiaries' cases too (its page, figures, feeds).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from generator.diagnostics import Diagnostic, Severity
from generator.model import Author, Company, Route, SiteConfig, Site, Story, Taxonomy, Term
from generator.urls import Urls, name_key, name_slug


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


def _company_index(companies: list[Company]) -> tuple[dict[str, Company], list[Company], list[Diagnostic]]:
    """Lower-cased name, alias and slug -> company, and the companies with `parent` given
    as the parent's slug; clashes between companies (also two files with one slug) are errors."""
    index: dict[str, Company] = {}
    by_slug: dict[str, Company] = {}
    problems: list[Diagnostic] = []
    unique = []
    for company in sorted(companies, key=lambda c: c.source):
        if company.slug in by_slug:
            problems.append(Diagnostic(company.source, None,
                                       f"duplicate slug '{company.slug}' (also {by_slug[company.slug].source})"))
            continue
        by_slug[company.slug] = company
        unique.append(company)
        for key in dict.fromkeys([company.slug, company.name, *company.aliases]):
            taken = index.get(key.casefold())
            if taken is not None and taken.slug != company.slug:
                problems.append(Diagnostic(
                    company.source, company.line,
                    f"'{key}' already names company '{taken.name}' ({taken.source})"))
            else:
                index[key.casefold()] = company
    linked = []
    for company in unique:
        parent = index.get(company.parent.casefold()) if company.parent else None
        if company.parent and parent is None:
            problems.append(Diagnostic(company.source, company.line,
                                       f"no company with slug '{company.parent}'", key="parent"))
        elif parent is not None and parent.slug == company.slug:
            problems.append(Diagnostic(company.source, company.line,
                                       f"'{company.parent}' is this company itself", key="parent"))
        elif parent is not None and parent.slug != company.parent:
            company = replace(company, parent=parent.slug)  # given by name or alias
        linked.append(company)
    return index, linked, problems


def _is_published(story: Story, *, today: date, drafts: bool) -> bool:
    return drafts or (not story.draft and story.date <= today)


def _record_for(name: str, index: dict[str, Company]) -> Company | None:
    """A story's company -> its record by name, alias or slug (case aside), or by a
    slug made from the name when it is a spelling of the record's name, alias or slug."""
    company = index.get(name.casefold())
    if company is not None:
        return company
    company = index.get(name_slug(name))
    key = name_key(name)
    if company is not None and any(name_key(n) == key for n in (company.slug, company.name, *company.aliases)):
        return company
    return None


def _match_companies(stories: list[Story], index: dict[str, Company],
                     urls: Urls) -> tuple[list[Story], dict[str, Company], list[Diagnostic]]:
    """Fill in each story's company slug; an unknown company gets a bare record and one
    warning at its first story, with how many stories name it; an unknown name whose
    page would be another company's is an error."""
    linked: list[Story] = []
    extra: dict[str, tuple[Company, Story]] = {}
    problems: list[Diagnostic] = []
    unknown: dict[str, list[Story]] = {}  # slug of an unknown company -> its stories
    records = {c.slug: c for c in index.values()}
    for story in sorted(stories, key=lambda s: s.source):
        company = _record_for(story.company, index)
        if company is None:
            slug = name_slug(story.company)
            company, first = extra.setdefault(slug, (Company(slug=slug, name=story.company), story))
            if slug in records:
                other = records[slug]
                problems.append(Diagnostic(
                    story.source, story.company_line,
                    f"company '{story.company}' has the URL {urls.company(slug)} of company '{other.name}' "
                    f"({other.source}); use that name or add '{story.company}' to its aliases", key="company"))
            elif name_key(company.name) != name_key(story.company):
                problems.append(_clash(story, "company", story.company, company.name, first.source, urls.company(slug)))
            unknown.setdefault(slug, []).append(story)
        linked.append(story if story.company_slug == company.slug else replace(story, company_slug=company.slug))
    problems += [_no_record(named, index) for named in unknown.values()]
    return linked, {slug: company for slug, (company, _) in extra.items()}, problems


def _clash(story: Story, what: str, name: str, other: str, source: str, url: str) -> Diagnostic:
    return Diagnostic(story.source, story.company_line if what == "company" else None,
                      f"{what} '{name}' has the same URL {url} as {what} '{other}' ({source}); rename one",
                      key="company" if what == "company" else "")


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
    values = (("company", first.company), ("stories", str(len(stories))), ("close", index[close[0]].name if close else ""))
    return Diagnostic(first.source, first.company_line, message, severity=Severity.WARNING, phrase="no_record",
                      values=values)


def _terms(names: list[str], taxonomy: Taxonomy) -> tuple[Term, ...]:
    """Display names -> unique terms by slug (the first spelling seen wins), sorted by slug."""
    terms: dict[str, Term] = {}
    for name in names:
        slug = name_slug(name)
        if slug not in terms:
            terms[slug] = Term(slug, name, taxonomy)
    return tuple(sorted(terms.values(), key=lambda t: t.slug))


def _term_clashes(named: list[tuple[str, str]], what: str, url: Callable[[str], str]) -> list[Diagnostic]:
    """(name, file) pairs in file order -> an error for each name whose slug another name
    (not a spelling of it) took first."""
    first: dict[str, tuple[str, str]] = {}
    problems = []
    for name, source in named:
        slug = name_slug(name)
        other, where = first.setdefault(slug, (name, source))
        if name_key(other) != name_key(name):
            problems.append(Diagnostic(source, None, f"{what} '{name}' has the same URL {url(slug)} as "
                                                     f"{what} '{other}' ({where}); rename one"))
            first[slug] = (other, where)
    return list(dict.fromkeys(problems))


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


def _link_authors(stories: Sequence[Story], records: list[Author]) -> tuple[tuple[Author, ...], dict[str, str],
                                                                            list[Diagnostic]]:
    """Stories, author records -> (every author by name, author as written -> slug, problems).
    A story's `author:` matches a record by its name or its slug, in any spelling
    ('anna de vries' is 'Anna de Vries'); any other name is an author without a record."""
    by_slug: dict[str, Author] = {}
    by_key: dict[str, Author] = {}
    problems = []
    for record in sorted(records, key=lambda a: a.source):
        if record.slug in by_slug:
            problems.append(Diagnostic(record.source, None, f"duplicate author slug '{record.slug}' "
                                                            f"(also {by_slug[record.slug].source})"))
            continue
        by_slug[record.slug] = record
        by_key.setdefault(name_key(record.name), record)
    slugs: dict[str, str] = {}
    for name in sorted({s.author for s in stories if s.author.strip()}):
        found = by_key.get(name_key(name)) or by_slug.get(name_slug(name))
        if found is None:
            found = by_slug.setdefault(name_slug(name), Author(slug=name_slug(name), name=name.strip()))
        slugs[name] = found.slug
    ordered = tuple(sorted(by_slug.values(), key=lambda a: (a.name.casefold(), a.slug)))
    return ordered, slugs, problems


def link_site(
    config: SiteConfig, stories: list[Story], companies: list[Company], *,
    today: date, now: date, drafts: bool = False, routes: tuple[Route, ...] = (),
    authors: Sequence[Author] = (),
) -> tuple[Site, list[Diagnostic]]:
    """Validated stories and companies (and escalation routes, passed through) -> the
    `Site`, plus cross-file diagnostics."""
    unique, problems = _unique_stories(stories)
    index, companies, company_problems = _company_index(companies)
    urls = Urls(config.base_url)
    published = [s for s in unique if _is_published(s, today=today, drafts=drafts)]
    linked, extra, match_problems = _match_companies(published, index, urls)
    problems += company_problems + match_problems

    ordered = tuple(sorted(linked, key=lambda s: (-s.date.toordinal(), s.slug)))
    all_companies = {c.slug: c for c in companies} | extra
    company_list = tuple(sorted(all_companies.values(), key=lambda c: (c.name.casefold(), c.slug)))
    sector_of = {c.slug: name_slug(c.sector) for c in company_list if c.sector}
    lineage = _lineage(all_companies, index)
    tags = _terms([t for s in ordered for t in s.tags], Taxonomy.TAGS)
    sectors = _terms([c.sector for c in company_list if c.sector], Taxonomy.SECTORS)
    by_source = sorted(linked, key=lambda s: s.source)
    problems += _term_clashes([(t, s.source) for s in by_source for t in s.tags], "tag", urls.tag)
    problems += _term_clashes([(c.sector, c.source) for c in sorted(companies, key=lambda c: c.source) if c.sector],
                              "sector", urls.sector)
    author_list, author_slugs, author_problems = _link_authors(ordered, list(authors))
    problems += author_problems
    site = Site(
        config=config,
        now=now,
        stories=ordered,
        companies=company_list,
        tags=tags,
        sectors=sectors,
        by_company=_group(ordered, list(all_companies), lambda s: lineage[s.company_slug]),
        by_tag=_group(ordered, [t.slug for t in tags], lambda s: [name_slug(t) for t in s.tags]),
        by_sector=_group(ordered, [t.slug for t in sectors],
                         lambda s: [sector_of[s.company_slug]] if s.company_slug in sector_of else []),
        company_by_slug={c.slug: c for c in company_list},
        routes=routes,
        authors=author_list,
        by_author=_group(ordered, [a.slug for a in author_list],
                         lambda s: [author_slugs[s.author]] if s.author in author_slugs else []),
        author_slugs=author_slugs,
    )
    return site, problems


@dataclass(frozen=True)
class LinkInputs:
    """What `link_site` links: a site's parsed files (stories with their images placed,
    drafts and future ones included) and the day it counts to. `serve` keeps them to link
    again after an edit of a few stories."""

    config: SiteConfig
    stories: tuple[Story, ...]
    companies: tuple[Company, ...]
    routes: tuple[Route, ...]
    authors: tuple[Author, ...]
    today: date
    drafts: bool

    def link(self) -> tuple[Site, list[Diagnostic]]:
        return link_site(self.config, list(self.stories), list(self.companies), today=self.today, now=self.today,
                         drafts=self.drafts, routes=self.routes, authors=self.authors)


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
