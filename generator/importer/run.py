"""The import recipe: SOURCE paths and a site -> draft stories written, and a Report.

files (walked, sorted; a .zip archive's files read as a folder's) -> kind from content ->
Posts -> guesses -> story text -> written under content/stories/, never over an existing
file, skipping posts already imported.
Each file is read, parsed and written on its own: a bad file is one Problem and the
others are still imported.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.importer.archive import is_archive, members, read_source
from generator.importer.companies import Candidate, Matcher, from_site, matcher, shipped
from generator.importer.cues import language_of
from generator.importer.detect import PostFormat, decode, kind_of, looks_like_code, looks_like_table
from generator.importer.guess import PLACEHOLDER, guess, plain
from generator.importer.images import fetch_images, remote_images
from generator.importer.junk import bounded, closing_bio, printable, signed_by
from generator.importer.markup import refuse_crowded
from generator.importer.exports import index_row_of, in_export, not_posts, substack_indexes
from generator.importer.post import MAX_PAGE_BYTES, MAX_POST_CHARS, BadInput, LeftOut, Post, TableFile
from generator.importer.report import Duplicate, Problem, Report, Skipped, Written
from generator.importer.said import said
from generator.importer.substack import INDEX_NAME, IndexRow, read_index
from generator.importer.write import Draft, Existing, company_text, free_name, index_stories, story_text, write_new
from generator.model import Apology, Language, Outcome, SiteConfig
from generator.read.files import COMPANIES_DIR, STORIES_DIR, read_sources
from generator.read.safeopen import is_inside
from generator.read.schema import STORY_FIELDS
from generator.urls import name_key, slugify

Progress = Callable[[int, int], None]  # (files done, files in all)
MAX_TAGS = next(f.max_items for f in STORY_FIELDS if f.name == "tags") or 50


@dataclass
class _Site:
    """What importing needs to know of the site, kept up to date as stories are written."""

    root: Path
    config: SiteConfig
    existing: Existing
    match: Matcher
    records: set[str]  # slugs of companies with a record file


def walk(paths: list[Path]) -> Iterator[Path | Problem]:
    """SOURCE paths -> every file in them (folders walked, hidden files left out, links to
    folders not followed), sorted; a link in a folder to a file outside it is a Problem
    (an export from anywhere may hold one to ~/.ssh/id_rsa: never read, never imported)."""
    for given in paths:
        if given.is_file() or (given.exists() and not given.is_dir()):  # a FIFO or device: refused when read
            yield given
        elif given.is_dir():
            for current, folders, names in sorted(os.walk(given)):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    path = Path(current) / name
                    if path.is_symlink() and not is_inside(path, given):
                        yield Problem(str(path), f"a link to {os.path.realpath(path)}, outside {given}: not read")
                    else:
                        yield path
        else:
            yield Problem(str(given), "no such file or folder")


def _open_site(root: Path) -> _Site:
    from generator.read.company import parse_company
    from generator.read.config import parse_config

    sources = read_sources(root)
    config = parse_config(sources.config)[0]
    companies = [c for f in sources.companies if (c := parse_company(f.path, f.data, config=config)[0]) is not None]
    return _Site(root, config, index_stories(sources.stories), matcher([*from_site(companies), *shipped()]),
                 {c.slug for c in companies})


def _relative(path: Path, root: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), root.resolve()).replace(os.sep, "/")
    except ValueError:  # another drive
        return path.resolve().as_posix()


def read_posts(data: bytes, *, source: str) -> list[Post]:
    """File bytes and the file's site-relative path -> its posts; BadInput names what is wrong."""
    text = decode(data)
    kind = kind_of(text)
    refuse_crowded(text)  # before any parser: every one of them slows with the square of an element's attributes
    if kind is PostFormat.WXR:
        from generator.importer.wxr import parse_wxr
        posts = parse_wxr(data, path=source)
    elif kind is PostFormat.BLOGGER:
        from generator.importer.blogger import parse_blogger
        posts = parse_blogger(data, path=source)
    elif kind is PostFormat.MT:
        from generator.importer.mt import parse_mt
        posts = parse_mt(text, path=source)
    elif kind in (PostFormat.GHOST, PostFormat.JSON_FEED):
        from generator.importer.jsonfile import parse_json
        posts = parse_json(text, path=source)
    elif kind in (PostFormat.RSS, PostFormat.ATOM):
        from generator.importer.feed import parse_feed
        posts = parse_feed(data, path=source)
    elif kind is PostFormat.HTML:
        if len(data) > MAX_PAGE_BYTES:
            raise BadInput(f"an HTML page of {len(data) / 2**20:.1f} MB; at most {MAX_PAGE_BYTES // 2**20} MB: "
                           "not imported")
        from generator.importer.html import parse_html
        posts = [parse_html(text, source=source)]
    elif text.lstrip("\ufeff").startswith("///DOTCLEAR|"):  # its tables in CSV sections: one junk story else
        raise BadInput("a Dotclear backup, which grievance import does not read (the blog's Atom or RSS feed can be imported instead)")
    elif looks_like_code(text):
        raise BadInput("a stylesheet or script, not a post")
    elif looks_like_table(text):
        raise TableFile("a table (CSV), not a post")
    elif len(text) > MAX_POST_CHARS:  # checked before it is read: reading 10 M characters takes long
        raise BadInput(f"a text post of {len(text):,} characters; at most {MAX_POST_CHARS:,}: not imported")
    else:
        from generator.importer.text import parse_text
        posts = [parse_text(text, source=source, name=source.rsplit("/", 1)[-1])]
        if not any(ch.isalnum() for post in posts for ch in post.title + post.body):
            raise BadInput("no words in it: not a post")
    if not posts:
        raise BadInput(f"{kind.value} with no posts")
    return posts


def _line(text: str) -> str:
    """Imported text -> one line of printable text."""
    return " ".join(printable(text).split())


_GUESSED_TITLE = 90  # characters of a title made of a post's first words


def _title(post: Post, name: str) -> tuple[str, bool]:
    """-> (title, guessed?): the post's own, else its first words, else the file name."""
    if _line(post.title):
        return _line(post.title), False
    words = _line(plain(post.body)).split()[:8]
    if words:
        return " ".join(words)[:_GUESSED_TITLE].rstrip(".,;: ") + "…", True
    return _line(Path(name).stem.replace("-", " ").replace("_", " ")).capitalize() or "Zonder titel", True


def _tags(tags: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """A post's tags -> (each on one line, two spellings of one name ('Edge Case', 'edge
    case') once, at most MAX_TAGS of them; whether some were left out). A WordPress post
    can carry more categories and tags than a story may."""
    kept: dict[str, str] = {}
    for tag in tags:
        line = _line(tag)
        if line:
            kept.setdefault(name_key(line), line)
    return tuple(kept.values())[:MAX_TAGS], len(kept) > MAX_TAGS


def draft_of(post: Post, *, fallback: date, site: _Site, language: Language | None) -> Draft:
    """A Post, the date to use when it has none, the site -> the Draft to write."""
    title, title_guessed = _title(post, post.source)
    detected = language is None
    language = language or language_of(f"{title}\n{post.body}")
    body, bio_author = closing_bio(post.body)
    words = site.config.language  # the evidence is read in the review desk, in the site's language
    found = guess(title, body, post.date or fallback, match=site.match, language=language, dated=post.date is not None,
                  words=words, tags=post.tags, url=post.source if post.source.startswith(("http://", "https://")) else "")
    own = language if language is not site.config.language else None  # written only when not the site's
    tags, cut = _tags(post.tags)
    author = _line(post.author) or _line(bio_author) or _line(signed_by(body))
    review = ["title"] * title_guessed + ["date"] * (post.date is None) + ["company", "outcome", "apology"]
    review += [key for key, value in (("language", own is not None and detected), ("tags", cut),
                                      ("incident", found.incident), ("channels", found.channels),
                                      ("compensation", found.compensation), ("timeline", found.timeline)) if value]
    why = {"title": said(words, "no_title"), "date": said(words, "no_date"), "language": said(words, "words"),
           "tags": said(words, "first_tags", n=MAX_TAGS)}
    return Draft(title=title, date=post.date or fallback, guess=found, body=bounded(body), source=post.source,
                 review=tuple(review), author=author, tags=tags, language=own, evidence=why, excerpt=post.excerpt,
                 words=words)


def _company_record(candidate: Candidate | None, site: _Site, add: bool, report: Report) -> tuple[str, bool]:
    """A shipped-list company without a site record -> (its record path, written now?);
    ('', False) for a company the site knows. Written only when `add`, never over a file."""
    if candidate is None or candidate.record or candidate.slug in site.records:
        return "", False
    relative = f"{COMPANIES_DIR}/{candidate.slug}.yaml"
    if add and write_new(site.root / relative, company_text(candidate)):
        site.records.add(candidate.slug)
        report.companies.append(relative)
        return relative, True
    return relative, False


def _record_of_existing(relative: str, site: _Site, report: Report) -> str:
    """A story imported before (--add-companies again) -> its company's record written now, or why not."""
    import yaml

    from generator.read.story import split_source

    try:
        split = split_source(relative, (site.root / relative).read_text(encoding="utf-8").lstrip("\ufeff"))[0]
        values = yaml.safe_load(split.yaml) if split is not None else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        values = None
    company = values.get("company") if isinstance(values, dict) else None
    if not isinstance(company, str) or not company.strip():
        return "no company record: its front-matter names no company"
    found = site.match.by_term.get(company) or site.match.by_term.get(company.casefold())
    if found is None:
        return (f"no company record: '{company}' is not on the list of well-known companies; "
                f"add one with: grievance new company \"{company}\"")
    record, made = _company_record(found[0], site, True, report)
    return f"wrote {record}" if made else f"{found[0].name} has a record already"


def _store(post: Post, fallback: date, site: _Site, options: _Options, report: Report) -> None:
    existing = site.existing.sources.get(post.source)
    if existing is not None:
        note = _record_of_existing(existing, site, report) if options.add_companies else ""
        report.skipped.append(Skipped(post.source, existing, note))
        return
    draft = draft_of(post, fallback=fallback, site=site, language=options.language)
    text = plain(draft.body)
    same = site.existing.seen.find(draft.title, post.date, text)
    if same is not None:
        report.skipped.append(Duplicate(post.source, *same))
        return
    base = slugify(post.slug) or slugify(draft.title) or "post"
    name, slug = free_name(draft.date, base, site.existing.slugs)
    relative = f"{STORIES_DIR}/{name}"
    fetched = None
    if options.images:
        fetched = fetch_images(draft.body, folder=(site.root / relative).parent, stem=name.removesuffix(".md"))
        draft = replace(draft, body=fetched.body)
    while not write_new(site.root / relative, story_text(draft)):  # a file of that name appeared meanwhile
        site.existing.slugs.add(slug)
        name, slug = free_name(draft.date, base, site.existing.slugs)
        relative = f"{STORIES_DIR}/{name}"
    site.existing.slugs.add(slug)
    site.existing.sources[post.source] = relative
    site.existing.seen.add(draft.title, post.date, text, relative)
    record, made = _company_record(draft.guess.candidate, site, options.add_companies, report)
    report.written.append(Written(relative, draft.title, draft.guess.company, draft.guess.how, draft.review,
                                  record, made, fetched.saved if fetched else (), fetched.missed if fetched else (),
                                  0 if fetched else len(remote_images(draft.body)), _facts(draft),
                                  excerpt=draft.excerpt))


def _facts(draft: Draft) -> tuple[int, int, int]:
    """A Draft -> how many of its keys were (read from the post, guessed with evidence, not known)."""
    g = draft.guess
    unknown = {key for key, missing in (("outcome", g.outcome is Outcome.UNKNOWN), ("apology", g.apology is Apology.UNKNOWN),
                                        ("company", g.company in PLACEHOLDER.values())) if missing}
    written = {"title", "date", "source", "company", "outcome", "apology"}
    written |= {key for key, value in (("author", draft.author), ("tags", draft.tags), ("language", draft.language),
                                       ("incident", g.incident), ("channels", g.channels),
                                       ("compensation", g.compensation), ("timeline", g.timeline)) if value}
    guessed = set(draft.review) - unknown
    return len(written - guessed - unknown), len(guessed), len(unknown)


@dataclass(frozen=True)
class _Options:
    language: Language | None
    add_companies: bool
    indexes: dict[str, dict[str, IndexRow]] = field(default_factory=dict)  # Substack's posts.csv by its folder
    images: bool = False  # save the images a post shows from other sites beside its story


def _import_file(path: Path, site: _Site, options: _Options, report: Report) -> int:
    """One SOURCE file (a .zip archive: each of its files) -> its posts stored; -> how many files it held."""
    try:
        data = read_source(path)
        fallback = date.fromtimestamp(path.stat().st_mtime)
    except OSError as error:
        report.problems.append(Problem(str(path), f"cannot read: {error.strerror or error}"))
        return 1
    source = _relative(path, site.root)
    if not is_archive(data):
        _import_data(data, str(path), source, fallback, site, options, report, place=str(path), indexes=options.indexes)
        return 1
    try:
        archived = list(members(data, path.name))
    except BadInput as error:
        report.problems.append(Problem(str(path), str(error)))
        return 1
    indexes = substack_indexes([(m.name, m.data) for m in archived
                                if m.data is not None and posixpath.basename(m.name) == INDEX_NAME])
    left_out = not_posts(m.name for m in archived)
    report.left_out += len(left_out)
    archived = [m for m in archived if m.name not in left_out]
    for member in archived:
        shown, inside = f"{path}/{member.name}", f"{source}/{member.name}"
        if member.data is None:
            report.problems.append(Problem(shown, member.problem))
        else:
            _import_data(member.data, shown, inside, member.day or fallback, site, options, report,
                         place=member.name, indexes=indexes)
    return len(archived)


def _import_data(data: bytes, shown: str, source: str, fallback: date, site: _Site, options: _Options,
                 report: Report, *, place: str, indexes: dict[str, dict[str, IndexRow]]) -> None:
    """A file's bytes, its path as shown and as a source, its date, its path among the
    files read with it and the Substack indexes found there -> its posts stored, or one
    Problem. Substack's index is no post; a table in an export is left out, not a problem."""
    if posixpath.basename(source) == INDEX_NAME and read_index(data) is not None:
        return
    row = index_row_of(place, indexes)
    try:
        for post in read_posts(data, source=source):
            if len(post.body) > MAX_POST_CHARS:
                report.problems.append(Problem(shown, f"a post of {len(post.body):,} characters ({post.source}); "
                                                      f"at most {MAX_POST_CHARS:,}: not imported"))
                continue
            if row is not None:
                post = replace(post, title=row.title or post.title, date=row.day or post.date,
                               slug=post.slug or row.slug, draft=post.draft or not row.published)
            _store(post, fallback, site, options, report)
    except LeftOut:
        report.left_out += 1
    except TableFile as error:
        if in_export(place, indexes):
            report.left_out += 1
        else:
            report.problems.append(Problem(shown, str(error)))
    except BadInput as error:
        report.problems.append(Problem(shown, str(error)))
    except OSError as error:
        report.problems.append(Problem(shown, f"cannot write: {error.strerror or error}"))
    except Exception as error:  # noqa: BLE001 - untrusted input must never stop the others
        report.problems.append(Problem(shown, f"cannot import ({type(error).__name__}: {error})"))


LOCK_NAME = ".grievance-import.lock"


@contextmanager
def _one_at_a_time(site_dir: Path) -> Iterator[None]:
    """While held, no other `grievance import` writes into this site: a second one waits,
    then reads the site afresh and finds the first one's stories already there. Where
    the lock cannot be taken (no fcntl, a read-only site) the import goes on without it."""
    try:
        import fcntl

        handle = open(site_dir / LOCK_NAME, "a+b")  # noqa: SIM115 - held open for the whole import
    except (ImportError, OSError):
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            pass  # a file system without locks
        yield


def _own_content(path: Path, site_dir: Path) -> bool:
    """A SOURCE file -> whether it lies in the site's own content/ (its stories, not posts to import)."""
    try:
        return path.resolve().is_relative_to((site_dir / "content").resolve())
    except OSError:
        return False


def import_sources(paths: list[Path], site_dir: Path, *, language: Language | None = None,
                   add_companies: bool = False, images: bool = False, progress: Progress | None = None) -> Report:
    """SOURCE paths and a site folder -> draft stories written under content/stories/ -> the Report."""
    with _one_at_a_time(site_dir):
        return _import(paths, site_dir, language=language, add_companies=add_companies, images=images,
                       progress=progress)


def _import(paths: list[Path], site_dir: Path, *, language: Language | None, add_companies: bool, images: bool,
            progress: Progress | None) -> Report:
    site = _open_site(site_dir)
    report = Report()
    found = list(walk(paths))
    files = [item for item in found if isinstance(item, Path)]
    own = [path for path in files if _own_content(path, site_dir)]
    report.skipped += [Duplicate(_relative(path, site_dir), _relative(path, site_dir), "a file of the site itself")
                       for path in own]
    files = [path for path in files if path not in own]
    left_out = not_posts(path.as_posix() for path in files)
    report.left_out = len(left_out)
    files = [path for path in files if path.as_posix() not in left_out]
    report.problems += [item for item in found if isinstance(item, Problem)]
    indexes = []
    for path in files:
        if path.name == INDEX_NAME:
            try:
                indexes.append((str(path), read_source(path)))
            except OSError:
                pass  # reported when the file itself is imported
    options = _Options(language, add_companies, substack_indexes(indexes), images)
    for number, path in enumerate(files, 1):
        report.files += _import_file(path, site, options, report)
        if progress is not None:
            progress(number, len(files))
    return report
