"""Company names -> who a post is about: the site's records first, then the shipped list
of well-known companies in the Netherlands, Belgium, the UK and the US (companies.yaml),
by name, alias or slug in the text. subject.py weighs these mentions against the other
names a post gives its subject."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from generator.model import Company
from generator.urls import slugify

_SWITCHED = re.compile(r"(?:overgestapt|overstappen|over naar|switched|switching|moved|naar|to)\s+(?:\w+\s+)?$",
                       re.IGNORECASE)
_TITLE_WEIGHT, _SITE_WEIGHT, _SWITCHED_WEIGHT = 3.0, 1.5, 0.3


@dataclass(frozen=True)
class Candidate:
    """A company a post may be about; `record` is the site's file ('' for the shipped list)."""

    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    sector: str = ""
    website: str = ""
    record: str = ""
    exact: bool = False  # its names match only as written (Target, Sky): they are everyday words too


@dataclass(frozen=True)
class Match:
    """The company chosen for a post: who, how often named, whether in the title."""

    company: Candidate
    mentions: int
    in_title: bool
    term: str  # the name or alias as the list spells it, for the story's `company:`


@cache
def shipped() -> tuple[Candidate, ...]:
    """companies.yaml -> the well-known companies, in file order."""
    import yaml

    text = resources.files("generator.importer").joinpath("companies.yaml").read_text(encoding="utf-8")
    return tuple(Candidate(name=item["name"], slug=slugify(item["name"]), aliases=tuple(item.get("aliases", ())),
                           sector=item.get("sector", ""), website=item.get("website", ""),
                           exact=item.get("exact", False) is True)
                 for item in yaml.safe_load(text))


def from_site(companies: Iterable[Company]) -> tuple[Candidate, ...]:
    """The site's Company records -> candidates (they win over the shipped list)."""
    return tuple(Candidate(name=c.name, slug=c.slug, aliases=c.aliases, sector=c.sector, website=c.website,
                           record=c.source) for c in companies)


def _exact_case(term: str) -> bool:
    return len(term) <= 4 or term.isupper()


@dataclass(frozen=True)
class Matcher:
    """Candidates compiled into two patterns: terms matched as written, and any case."""

    by_term: dict[str, tuple[Candidate, str]]  # term (casefolded unless exact) -> candidate, spelling
    exact: re.Pattern[str] | None
    loose: re.Pattern[str] | None

    def mentions(self, text: str) -> list[tuple[int, Candidate, str]]:
        """Text -> (position, candidate, its spelling of the term) for every name, alias or slug in it."""
        found = []
        for pattern in (self.exact, self.loose):
            for match in pattern.finditer(text) if pattern is not None else ():
                hit = self.by_term.get(match.group(1)) or self.by_term.get(match.group(1).casefold())
                if hit is not None:
                    found.append((match.start(1), *hit))
        return sorted(found, key=lambda item: item[0])


def matcher(candidates: Iterable[Candidate]) -> Matcher:
    """Candidates (site records first) -> a Matcher; a term names the first candidate that has it."""
    by_term: dict[str, tuple[Candidate, str]] = {}
    exact: list[str] = []
    loose: list[str] = []
    for candidate in candidates:
        terms = [candidate.name, *candidate.aliases] + ([candidate.slug] if candidate.record else [])
        for term in terms:
            as_written = _exact_case(term) or candidate.exact
            key = term if as_written else term.casefold()
            if term and key not in by_term:
                by_term[key] = (candidate, candidate.name if candidate.record or term == candidate.slug else term)
                (exact if as_written else loose).append(re.escape(term))

    def compile_(terms: list[str], flags: int) -> re.Pattern[str] | None:
        if not terms:
            return None
        return re.compile(r"(?<![\w@/-])(" + "|".join(sorted(terms, key=len, reverse=True)) + r")(?![\w-]|\.\w)", flags)
    return Matcher(by_term, compile_(exact, 0), compile_(loose, re.IGNORECASE))


def choose(match: Matcher, title: str, body: str) -> Match | None:
    """A post's title and body -> the company it is about (most weight), or None.

    A name in the title weighs 3, in the body 1, after "overgestapt naar" / "switched to"
    0.3 (where they went, not who they complain about); a site record counts 1.5 times."""
    weight: dict[str, float] = {}
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    titled: set[str] = set()
    by_slug: dict[str, Candidate] = {}
    terms: dict[str, str] = {}
    for offset, text, factor in ((0, title, _TITLE_WEIGHT), (len(title) + 1, body, 1.0)):
        for position, candidate, term in match.mentions(text):
            slug = candidate.slug
            terms.setdefault(slug, term)
            by_slug[slug] = candidate
            scale = _SWITCHED_WEIGHT if _SWITCHED.search(text[max(0, position - 30):position]) else 1.0
            weight[slug] = weight.get(slug, 0.0) + factor * scale * (_SITE_WEIGHT if candidate.record else 1.0)
            count[slug] = count.get(slug, 0) + 1
            first.setdefault(slug, offset + position)
            if factor == _TITLE_WEIGHT:
                titled.add(slug)
    if not weight:
        return None
    best = max(weight, key=lambda slug: (weight[slug], -first[slug]))
    return Match(by_slug[best], count[best], best in titled, terms[best])
