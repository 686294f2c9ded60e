"""Company names -> who a post is about: the site's records first, then the shipped list
of well-known companies in the Netherlands, Belgium, the UK and the US (companies.yaml),
by name, alias or slug in the text. subject.py weighs these mentions against the other
names a post gives its subject."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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


_TOKEN = re.compile(r"[\w@&][\w&.'’+@/-]*")
_TAIL = ".'’-/"
_SLASHED = re.compile(r"[^/]+")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Text -> its words (start, end, word); one joined by a slash is two: 'Belastingdienst/Toeslagen'."""
    tokens: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if "/" in word[1:-1]:
            tokens.extend((m.start() + part.start(), m.start() + part.end(), part.group(0)) for part in _SLASHED.finditer(word))
        else:
            tokens.append((m.start(), m.end(), word))
    return tokens


@dataclass(frozen=True)
class Matcher:
    """Candidates by term: a term (casefolded unless it matches only as written) -> the
    candidate and its spelling. A text is read as words, and runs of up to `longest` words
    are looked up: a thousand terms cost no more than ten."""

    by_term: dict[str, tuple[Candidate, str]]  # term (casefolded unless exact) -> candidate, spelling
    exact: frozenset[str]  # the terms matched only as written
    longest: int  # words in the longest term
    starts: frozenset[str] = frozenset()  # the first words of all terms, casefolded
    fuzzy: dict[str, Candidate] = field(default_factory=dict)  # terms of 5 characters or more, casefolded

    def term_of(self, phrase: str) -> tuple[Candidate, str] | None:
        """A phrase -> the candidate it names as a whole, and its spelling; None when it names none."""
        for form in (phrase, phrase.rstrip(_TAIL), phrase.removesuffix("'s").removesuffix("’s")):
            if form in self.exact:
                return self.by_term[form]
            folded = form.casefold()
            if folded not in self.exact and (hit := self.by_term.get(folded)) is not None:
                return hit
        return None

    def mentions(self, text: str) -> list[tuple[int, Candidate, str]]:
        """Text -> (position, candidate, its spelling of the term) for every name, alias or slug in it."""
        tokens = _tokens(text)
        found: list[tuple[int, Candidate, str]] = []
        index = 0
        while index < len(tokens):
            step = 1
            first = tokens[index][2].casefold()
            if first not in self.starts and first.rstrip(_TAIL) not in self.starts \
                    and first.removesuffix("'s").removesuffix("’s") not in self.starts:
                index += 1
                continue
            for size in range(min(self.longest, len(tokens) - index), 0, -1):
                run = tokens[index:index + size]
                if any(not text[a[1]:b[0]].isspace() or b[0] - a[1] > 3 for a, b in zip(run, run[1:])):
                    continue
                hit = self.term_of(" ".join(token for _, _, token in run))
                if hit is not None:
                    found.append((run[0][0], *hit))
                    step = size
                    break
            index += step
        return found


def matcher(candidates: Iterable[Candidate]) -> Matcher:
    """Candidates (site records first) -> a Matcher; a term names the first candidate that has it."""
    by_term: dict[str, tuple[Candidate, str]] = {}
    exact: set[str] = set()
    longest = 1
    for candidate in candidates:
        terms = [candidate.name, *candidate.aliases] + ([candidate.slug] if candidate.record else [])
        for term in terms:
            term = " ".join(term.split())
            as_written = _exact_case(term) or candidate.exact
            key = term if as_written else term.casefold()
            if term and key not in by_term:
                by_term[key] = (candidate, candidate.name if candidate.record or term == candidate.slug else term)
                exact.update([key] if as_written else [])
                longest = max(longest, len(term.split()))
    starts = frozenset(term.split()[0].casefold() for term in by_term)
    fuzzy = {term.casefold(): candidate for term, (candidate, _) in by_term.items() if len(term) >= 5}
    return Matcher(by_term, frozenset(exact), longest, starts, fuzzy)


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
