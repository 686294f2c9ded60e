"""What `grievance import` reports: a line per story written, per post already imported
and per file that could not be imported, and the summary line.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Written:
    path: str  # site-relative
    title: str
    company: str
    how: str  # how the company was found
    review: tuple[str, ...]
    company_record: str = ""  # a content/companies/ file the shipped list could write for it
    record_written: bool = False  # written now (--add-companies)
    images: tuple[str, ...] = ()  # image files saved beside it (--images)
    missed: tuple[tuple[str, str], ...] = ()  # (url, why) of images it shows that were not saved
    remote: int = 0  # images it shows from other sites, left as they are (no --images)
    facts: tuple[int, int, int] = (0, 0, 0)  # keys (read from the post, guessed with evidence, not known)
    excerpt: bool = False  # the source held the post's opening only

    def __str__(self) -> str:
        line = f"{self.path}: company {self.company} ({self.how}); review {', '.join(self.review)}"
        if self.record_written:
            line += f"; wrote {self.company_record}"
        elif self.company_record:
            line += f"; --add-companies writes {self.company_record}"
        if self.images:
            line += f"; saved {len(self.images)} image{'s' * (len(self.images) != 1)} beside it"
        if self.excerpt:
            line += "; only the post's opening was in the source: the rest is on its page"
        if self.remote:
            line += f"; {self.remote} image{'s' * (self.remote != 1)} on other sites, not shown: --images saves them"
        return line + "".join(f"; image {url} not saved ({why})" for url, why in self.missed)


@dataclass(frozen=True)
class Skipped:
    source: str
    existing: str  # the story already imported from it
    note: str = ""  # --add-companies: the record written for its company, or why none was

    def __str__(self) -> str:
        return f"already imported: {self.source} ({self.existing})" + (f"; {self.note}" if self.note else "")


@dataclass(frozen=True)
class Duplicate:
    source: str
    existing: str  # the story it is the same post as
    why: str  # 'same title and date', 'near-identical text'

    def __str__(self) -> str:
        return f"{self.source}: already imported as {self.existing} ({self.why})"


@dataclass(frozen=True)
class Problem:
    path: str  # as given on the command line
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Report:
    written: list[Written] = field(default_factory=list)
    skipped: list[Skipped | Duplicate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)  # company records written
    files: int = 0
    left_out: int = 0  # files of an export that hold no posts: Medium's account data, Takeout's comments and index

    def summary(self, seconds: float) -> str:
        """-> 'imported 12 stories from 5 files, 0 already imported, 1 file with problems in 0.84 s;
        60 facts read, 70 guessed with evidence, 9 not known'."""
        def count(number: int, one: str, many: str) -> str:
            return f"{number} {one if number == 1 else many}"
        bad = len({problem.path for problem in self.problems})
        text = (f"imported {count(len(self.written), 'story', 'stories')} from {count(self.files, 'file', 'files')}, "
                f"{len(self.skipped)} already imported, {count(bad, 'file', 'files')} with problems")
        if self.companies:
            text += f", {count(len(self.companies), 'company record', 'company records')} written"
        if self.left_out:
            text += f", {count(self.left_out, 'file', 'files')} without posts left out (an export's comments, account data, index)"
        read, guessed, unknown = (sum(w.facts[n] for w in self.written) for n in range(3))
        facts = f"; {read} facts read, {guessed} guessed with evidence, {unknown} not known" if self.written else ""
        return f"{text} in {seconds:.2f} s{facts}"
