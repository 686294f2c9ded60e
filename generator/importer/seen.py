"""The posts a site already holds, by content: the same post from two sources (a WordPress
export and the blog's HTML page, a feed and its archive) is one story.

A post is the same as one seen before when it has the same title and date, or when its
text is nearly the same (rapidfuzz's ratio of the first words, 92 or more) under the same
title (one holding the other: 'X | Klaagblog' is 'X'; or a title guessed from the first
words). Two posts of one template text under their own titles stay two. Only those
few candidates are compared, so a thousand posts cost a thousand lookups, not a million
comparisons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_WORDS = re.compile(r"\w+")
_TEXT_MAX = 3000  # characters of a post's words compared
_OPENING = 12  # words that key a post's opening
_SAME = 92.0  # rapidfuzz ratio from which two texts are one post
_SHORT = 200  # characters: a shorter text is the same post only with the same title too


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))[:_TEXT_MAX]


def _same_title(key: str, other: str, written: str) -> bool:
    """Two titles' words, the new one as written -> whether they can name one post."""
    return not key or not other or key in other or other in key or written.endswith("…")


@dataclass
class Seen:
    """Posts by title and date, by day and by opening words -> the story file of each."""

    by_title: dict[tuple[str, date | None], str] = field(default_factory=dict)
    titles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # title -> [(words, file)]
    days: dict[date, list[tuple[str, str, str]]] = field(default_factory=dict)  # day -> [(title, words, file)]
    openings: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def add(self, title: str, day: date | None, text: str, file: str) -> None:
        """A post's title, date (None when it gave none), plain text and story file -> remembered."""
        key, words = _words(title), _words(text)
        if day is not None:
            self.by_title.setdefault((key, day), file)
            self.days.setdefault(day, []).append((key, words, file))
        self.titles.setdefault(key, []).append((words, file))
        opening = " ".join(words.split()[:_OPENING])
        if opening:
            self.openings.setdefault(opening, []).append((key, words, file))

    def find(self, title: str, day: date | None, text: str) -> tuple[str, str] | None:
        """A post -> (the story file it is already imported as, why), or None."""
        key, words = _words(title), _words(text)
        if key and day is not None and (key, day) in self.by_title:
            return self.by_title[(key, day)], "same title and date"
        near: list[tuple[str, str, str]] = [(key, w, f) for w, f in self.titles.get(key, ())] if key else []
        if day is not None:
            for offset in (-1, 0, 1):
                near += self.days.get(day + timedelta(days=offset), ())
        near += self.openings.get(" ".join(words.split()[:_OPENING]), ())
        if not words or not near:
            return None
        from rapidfuzz import fuzz

        for other_title, other, file in near:
            if not _same_title(key, other_title, title) or (len(words) < _SHORT and other_title != key):
                continue
            if fuzz.ratio(words, other, score_cutoff=_SAME):
                return file, "near-identical text"
        return None
