"""Hostile input end to end (`python -m generator`): no text, name or file makes the
build crash, hang or merge different things; each gives a one-line `path:line:` message.
Classes (issue 16): Markdown the renderer cannot take, linear regular expressions,
internal errors turned into messages, different names on one URL, per-story caps, and
`check` finding what stops `build`."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from generator.fast.cache import Cache, code_version
from generator.read import files
from generator.read.config import parse_config
from generator.read.story import parse_story
from generator.site.lint import _LINK
from generator.site.privacy import find_personal_data
from tests.conftest import run_cli, write_tree

COMPANY = "content/companies/glasnet.yaml"
DEEP = "lists and quotes nested more than 100 levels deep"


def story(extra: str = "", *, title: str = "Storing", company: str = "Glasnet", body: str = "Tekst.\n") -> str:
    """Front-matter lines: 2 title, 3 company, 4 date, 5 outcome, 6 apology, 7+ extra."""
    return (f"---\ntitle: {title}\ncompany: {company}\ndate: 2015-01-01\noutcome: unresolved\n"
            f"apology: 'no'\n{extra}---\n{body}")


def _errors(done) -> list[str]:  # noqa: ANN001
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return [line for line in done.stderr.splitlines()[:-1] if ": warning: " not in line]


def test_hostile_markdown_in_every_text_field_is_one_message_each(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {
        COMPANY: "name: Glasnet\ndescription: |\n  Over ons.\n\n  " + "- " * 50_000 + "x\n",
        "content/stories/body.md": story(body="Eerst.\n\n" + "> " * 50_000 + "x\n"),
        "content/stories/timeline.md": story(
            'timeline:\n  - date: 2015-01-01\n    text: "' + "1. " * 50_000 + 'x"\n'),
        "content/stories/updates.md": story(
            'updates:\n  - date: 2015-01-02\n    text: ok\n  - date: 2015-01-03\n    text: "' + "* " * 300 + 'x"\n'),
        "content/stories/footnotes.md": story(body="[^" * 40 + "\n\n" + "^[a" * 1000 + "\n"),
    })
    started = time.perf_counter()
    done = run_cli("build", site, "--out", tmp_path / "out", timeout=60)
    assert time.perf_counter() - started < 30
    assert done.returncode == 1
    assert _errors(done) == [
        f"{COMPANY}:4: description: {DEEP}",
        f"content/stories/body.md:10: body: {DEEP}",
        f"content/stories/timeline.md:9: timeline[1].text: {DEEP}",
        f"content/stories/updates.md:11: updates[2].text: {DEEP}",
    ]
    assert not (tmp_path / "out").exists()


def test_a_hostile_story_among_many_under_two_jobs_is_a_message_not_a_dead_pool(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {COMPANY: "name: Glasnet\n"}
    for number in range(240):
        files[f"content/stories/s{number:03}.md"] = story(title=f"Storing {number}")
    files["content/stories/s100.md"] = story(body="- " * 50_000 + "x\n")
    files["content/stories/s200.md"] = story(body="[^" * 60 + "\n")
    site = write_tree(tmp_path / "site", files)
    done = run_cli("build", site, "--out", tmp_path / "out", "--jobs", "2", "--no-search", timeout=120)
    assert "BrokenProcessPool" not in done.stderr
    assert _errors(done) == [f"content/stories/s100.md:8: body: {DEEP}"]
    files["content/stories/s100.md"] = story()
    write_tree(site, files)
    done = run_cli("build", site, "--out", tmp_path / "out", "--jobs", "2", "--no-search", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "[^[^[^" in (tmp_path / "out/stories/s200/index.html").read_text(encoding="utf-8")


# Class 2: every regular expression over user text is linear. Each of these took
# minutes (quadratic) before; a linear pass takes well under a second.
HOSTILE_TEXTS = {
    "lines starting with [": "[\n" * 300_000,
    "labels without a close": "[a\n" * 300_000,
    "a definition's blanks": "[x]:" + " " * 300_000,
    "autolinks without a close": "<http://" * 100_000,
    "postcodes": "1234 AB, 5 " * 30_000,
    "e-mail addresses": "a@b.nl " * 60_000,
    "links to unknown stories": "[a](/stories/nope/)\n" * 50_000,
}


@pytest.mark.parametrize("text", HOSTILE_TEXTS.values(), ids=HOSTILE_TEXTS.keys())
def test_link_and_privacy_lint_are_linear(text: str) -> None:
    started = time.perf_counter()
    list(_LINK.finditer(text))
    find_personal_data(text)
    assert time.perf_counter() - started < 3


def test_lint_still_finds_each_link_and_its_line() -> None:
    text = "[a](/stories/een/)\n  [b]: /stories/twee/\n[c]:\n  /stories/drie/\n<https://x.nl/stories/vier/>\nhref='/stories/vijf/'"
    assert [next(g for g in m.groups() if g) for m in _LINK.finditer(text)] == [
        "/stories/een/", "/stories/twee/", "/stories/drie/", "https://x.nl/stories/vier/", "/stories/vijf/"]
    found = find_personal_data("mail a@b.nl\nof 1234 AB, 5\nof a@b.nl")
    assert [(f.line, f.kind) for f in found] == [(0, "email"), (1, "postcode"), (2, "email")]


def test_a_large_front_matter_list_is_read_in_linear_time() -> None:
    head = "---\ntitle: A\ncompany: X\ndate: 2015-01-01\noutcome: open\napology: 'no'\n"
    data = (head + "summary: \"\u2028\"\nchannels: [" + "phone, " * 20_000 + "]\n---\nB\n").encode()
    started = time.perf_counter()
    parse_story("content/stories/a.md", data, config=parse_config(None)[0])
    assert time.perf_counter() - started < 5


def test_check_with_300000_lines_starting_with_a_bracket_finishes(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n",
                                          "content/stories/a.md": story(body="[\n" * 300_000)})
    started = time.perf_counter()
    done = run_cli("check", site, timeout=60)
    assert (done.returncode, _errors(done)) == (0, [])
    assert time.perf_counter() - started < 30


# Class 3: internal errors become one-line messages naming the file (and line).

def _site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    return write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", **files})


@pytest.mark.parametrize(("name", "shown", "message"), [
    (b"caf\xe9.md", "caf\\xe9.md", "file name is not valid UTF-8; rename the file"),
    (b"a\nb.md", "a\\nb.md", "file name holds a line break or control character; rename the file"),
    (b"kleur\x1b[31m.md", "kleur\\x1b[31m.md", "file name holds a line break or control character; rename the file"),
    (b"2015/\xff/a.md", "2015/\\xff/a.md", "file name is not valid UTF-8; rename the file"),
])
def test_a_file_name_that_cannot_be_shown_is_an_error(tmp_path: Path, name: bytes, shown: str, message: str) -> None:
    site = _site(tmp_path, {"content/stories/ok.md": story()})
    target = os.path.join(os.fsencode(site / "content/stories"), name)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(story().encode())
    for command in ("check", "build"):
        done = run_cli(command, site, *(["--out", tmp_path / "out"] if command == "build" else []))
        assert (done.returncode, _errors(done)) == (1, [f"content/stories/{shown}: {message}"])
    assert not (tmp_path / "out").exists()


def test_an_unreadable_story_company_config_or_folder_is_an_error(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path, {"site.yaml": "title: T\n", "content/stories/2015/a.md": story(),
                            "content/stories/b.md": story(), "content/companies/stroomwerk.yaml": "name: S\n"})
    refused = {str(site / p) for p in ("site.yaml", "content/stories/b.md", "content/companies/stroomwerk.yaml")}
    real_read, real_scandir = files.read_user_file, os.scandir

    def fake_read(path, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if str(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, **kwargs)

    def fake_scandir(path):  # noqa: ANN001, ANN202
        if str(path).endswith("2015"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files, "read_user_file", fake_read)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    sources = files.read_sources(site)
    assert [s.path for s in sources.stories] == [] and sources.config is None
    assert [str(d) for d in sources.problems] == [
        "site.yaml: cannot read the file (Permission denied)",
        "content/stories/2015: cannot read the folder (Permission denied)",
        "content/stories/b.md: cannot read the file (Permission denied)",
        "content/companies/stroomwerk.yaml: cannot read the file (Permission denied)",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_an_unreadable_folder_fails_the_build_for_real(tmp_path: Path) -> None:
    site = _site(tmp_path, {"content/stories/2015/a.md": story(), "content/stories/b.md": story()})
    (site / "content/stories/2015").chmod(0)
    try:
        done = run_cli("build", site, "--out", tmp_path / "out")
    finally:
        (site / "content/stories/2015").chmod(0o755)
    assert (done.returncode, _errors(done)) == (1, ["content/stories/2015: cannot read the folder (Permission denied)"])


def test_a_broken_link_in_content_is_an_error(tmp_path: Path) -> None:
    site = _site(tmp_path, {"content/stories/b.md": story()})
    (site / "content/stories/gone.md").symlink_to(tmp_path / "nowhere.md")
    done = run_cli("check", site)
    assert (done.returncode, _errors(done)) == (1, ["content/stories/gone.md: cannot read the file (No such file or directory)"])


CONTROLS = "\x00\x07\x0b\x0c\x1b\ufffe\uffff"


def test_control_characters_are_dropped_alike_in_pages_feeds_and_data(tmp_path: Path) -> None:
    escaped = '\\0\\a\\v\\f\\e\\uFFFE\\uFFFF'  # YAML double-quoted escapes
    site = _site(tmp_path, {
        COMPANY: f'name: "Glas{escaped}net"\ndescription: "Over{escaped} ons"\n',
        "site.yaml": f'title: "Klachten{escaped}"\n',
        "content/stories/a.md": story(
            f'tags: ["glas{escaped}vezel"]\nsummary: "Kort{escaped}"\ncompensation: {{amount: 6, note: "bon{escaped}"}}\n'
            f'timeline:\n  - date: 2015-01-01\n    text: "Gebeld{escaped}"\n'
            f'updates:\n  - date: 2015-01-02\n    text: "Later{escaped}"\n',
            title=f'"Kapot{escaped} modem"', company=f'"Glas{escaped}net"',
            body="Tekst \x07\x0b\x0c\x1b[31m rood \ufffe\uffff.\n"),
    })
    assert run_cli("check", site).returncode == 0
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search")
    assert done.returncode == 0, done.stderr
    output = {p.relative_to(tmp_path / "out").as_posix(): p.read_text(encoding="utf-8")
              for p in (tmp_path / "out").rglob("*") if p.suffix in {".html", ".xml", ".json", ".csv"}}
    assert [name for name, text in output.items() if set(text) & set(CONTROLS)] == []
    for name in ("stories/a/index.html", "feed.xml", "atom.xml", "data/cases.json", "data/cases.csv"):
        assert "Kapot modem" in output[name], name
    assert "Tekst [31m rood ." in output["stories/a/index.html"]
    assert "companies/glasnet/index.html" in output and "tags/glasvezel/index.html" in output


@pytest.mark.parametrize(("amount", "message"), [
    ("9" * 30, "got 999999999999...999999 (30 digits before the point)"),
    ("1" + "0" * 399, "got 100000000000...000000 (400 digits before the point)"),
    ("1.0e+300", "got 1.0e+300 (301 digits before the point)"),
    ("1000000000000", "got 1000000000000 (13 digits before the point)"),
])
def test_a_huge_compensation_amount_is_an_error(tmp_path: Path, amount: str, message: str) -> None:
    site = _site(tmp_path, {"content/stories/a.md": story(f"compensation: {{amount: {amount}}}\n")})
    done = run_cli("build", site, "--out", tmp_path / "out")
    assert (done.returncode, _errors(done)) == (1, [
        f"content/stories/a.md:7: compensation.amount: expected a number of 0 or more below 1,000,000,000,000, {message}"])


def test_the_largest_allowed_amount_still_builds(tmp_path: Path) -> None:
    site = _site(tmp_path, {"content/stories/a.md": story("compensation: {amount: 999999999999.99}\n")})
    assert run_cli("build", site, "--out", tmp_path / "out", "--no-search").returncode == 0


@pytest.mark.parametrize(("value", "shown"), [
    ("gisteren", "'gisteren'"), ("-1", "'-1'"), ("1e9", "'1e9'"), ("253402300800", "'253402300800'"),
    ("9" * 5000, "'" + "9" * 30 + "... (5,000 characters)'"), ("١٢٣", "'١٢٣'"), ("12\x1b", "'12\\x1b'"),
])
def test_a_bad_source_date_epoch_is_a_message(tmp_path: Path, value: str, shown: str) -> None:
    site = _site(tmp_path, {"content/stories/a.md": story()})
    expected = ("SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC "
                f"(0 to 253402300799), got {shown}")
    for args in (["check", site], ["build", site, "--out", tmp_path / "out"],
                 ["new", "story", "Nieuw", "--company", "Glasnet", site]):
        done = run_cli(*args, env={"SOURCE_DATE_EPOCH": value})
        assert (done.returncode, _errors(done)) == (1, [expected]), args
    assert run_cli("check", site, env={"SOURCE_DATE_EPOCH": ""}).returncode == 0


def _pickled(stored: object) -> bytes:
    return pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)


class _Boom:
    def __reduce__(self):  # noqa: ANN204
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("data", [
    b"", b"\x80", b"garbage", b"\x80\x05\x95" + (2**62).to_bytes(8, "little") + b"}",  # a frame 2**62 long
    b"\x80\x05\x8e" + (2**60).to_bytes(8, "little") + b"ab",  # BINBYTES8 of 2**60 bytes
    b"\x80\x05h\xff.", b"\x80\x05j\xff\xff\xff\x7f.",  # memo indexes that do not exist
    b"(" * 100_000 + b".",
    _pickled({"version": "other", "entries": {}}), _pickled(["not", "a", "dict"]),
    _pickled({"version": code_version(), "entries": [_Boom()]}),
])
def test_a_damaged_or_foreign_cache_file_reads_as_empty(tmp_path: Path, data: bytes,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stories.pickle").write_bytes(data)
    assert Cache(tmp_path).load("stories") == {}
    assert not (tmp_path / "pwned").exists()


# Class 4: different names never share a URL in silence; a name with no letters or
# digits gets a slug of its own.

def _check(tmp_path: Path, files: dict[str, str | bytes]):  # noqa: ANN202
    return run_cli("check", write_tree(tmp_path / "site", files))


def test_tags_that_slugify_alike_but_differ_are_an_error(tmp_path: Path) -> None:
    done = _check(tmp_path, {COMPANY: "name: Glasnet\n",
                             "content/stories/a.md": story("tags: [C++, glasvezel]\n"),
                             "content/stories/b.md": story("tags: [C, Glas-Vezel, C#]\n")})
    assert (done.returncode, _errors(done)) == (1, [
        "content/stories/b.md: tag 'C#' has the same URL /tags/c/ as tag 'C++' (content/stories/a.md); rename one",
        "content/stories/b.md: tag 'C' has the same URL /tags/c/ as tag 'C++' (content/stories/a.md); rename one",
    ])


def test_companies_that_slugify_alike_but_differ_are_an_error(tmp_path: Path) -> None:
    done = _check(tmp_path, {"content/stories/a.md": story(company="C++"),
                             "content/stories/b.md": story(company="C"),
                             "content/stories/c.md": story(company="c")})
    assert (done.returncode, _errors(done)) == (1, [
        "content/stories/b.md:3: company: company 'C' has the same URL /companies/c/ as company 'C++' "
        "(content/stories/a.md); rename one",
        "content/stories/c.md:3: company: company 'c' has the same URL /companies/c/ as company 'C++' "
        "(content/stories/a.md); rename one",
    ])


def test_a_story_company_on_the_url_of_a_record_is_an_error_unless_an_alias(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/companies/c.yaml": "name: C\n",
                                     "content/stories/a.md": story(company="C++")}
    done = _check(tmp_path, files)
    assert (done.returncode, _errors(done)) == (1, [
        "content/stories/a.md:3: company: company 'C++' has the URL /companies/c/ of company 'C' "
        "(content/companies/c.yaml); use that name or add 'C++' to its aliases",
    ])
    files["content/companies/c.yaml"] = "name: C\naliases: [C++]\n"
    done = run_cli("build", write_tree(tmp_path / "site", files), "--out", tmp_path / "out", "--no-search")
    assert done.returncode == 0 and "no record" not in done.stderr, done.stderr
    assert "/stories/a/" in (tmp_path / "out/companies/c/index.html").read_text(encoding="utf-8")


def test_names_without_letters_get_pages_of_their_own(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "content/companies/unknown.yaml": "name: Unknown\n",
        "content/stories/a.md": story("tags: ['???', '🙂']\n", company="'???'", title="Vraagtekens"),
        "content/stories/b.md": story("tags: ['!!!']\n", company="🙂🙂", title="Lachje"),
        "content/stories/c.md": story(company="Unknown", title="Echt"),
    }
    site = write_tree(tmp_path / "site", files)
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    companies = sorted(p.name for p in (out / "companies").iterdir() if p.is_dir())
    tags = sorted(p.name for p in (out / "tags").iterdir() if p.is_dir())
    assert len(companies) == 3 and "unknown" in companies and len(tags) == 3
    assert all(name.startswith("n-") and len(name) == 12 for name in [*tags, *(c for c in companies if c != "unknown")])
    unknown = (out / "companies/unknown/index.html").read_text(encoding="utf-8")
    assert "Echt" in unknown and "Vraagtekens" not in unknown
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "/tags//" not in pages and "/companies//" not in pages
    again = run_cli("build", site, "--out", tmp_path / "out2", "--no-search")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (tmp_path / "out2/tags").iterdir() if p.is_dir()) == tags  # stable


def test_two_record_files_with_one_slug_are_an_error(tmp_path: Path) -> None:
    done = _check(tmp_path, {"content/companies/KPN.yaml": "name: KPN\n", "content/companies/kpn.yml": "name: KPN B.V.\n",
                             "content/stories/a.md": story(company="KPN")})
    assert (done.returncode, _errors(done)) == (1, [
        "content/companies/kpn.yml: duplicate slug 'kpn' (also content/companies/KPN.yaml)"])


def test_long_names_sharing_their_first_80_characters_keep_their_own_pages(tmp_path: Path) -> None:
    stem = "Stroomwerk energie " * 5
    files: dict[str, str | bytes] = {
        COMPANY: "name: Glasnet\n",
        "content/stories/a.md": story(f"tags: ['{stem}noord']\n", company=f"'{stem}noord'", title="Noord"),
        "content/stories/b.md": story(f"tags: ['{stem}zuid']\n", company=f"'{stem}zuid'", title="Zuid"),
    }
    done = run_cli("build", write_tree(tmp_path / "site", files), "--out", tmp_path / "out", "--no-search")
    assert done.returncode == 0, done.stderr
    for folder in ("tags", "companies"):
        names = sorted(p.name for p in (tmp_path / "out" / folder).iterdir() if p.is_dir() and p.name != "glasnet")
        assert len(names) == 2 and all(len(n) <= 80 for n in names) and names[0][:69] == names[1][:69], names


def test_a_sector_clash_is_an_error(tmp_path: Path) -> None:
    done = _check(tmp_path, {"content/companies/a.yaml": "name: A\nsector: C++\n",
                             "content/companies/b.yaml": "name: B\nsector: C\n",
                             "content/stories/a.md": story(company="A")})
    assert (done.returncode, _errors(done)) == (1, [
        "content/companies/b.yaml: sector 'C' has the same URL /sectors/c/ as sector 'C++' "
        "(content/companies/a.yaml); rename one"])


@pytest.mark.parametrize("parent", ["kpn", "kpn-nv", "koninklijke"])
def test_parent_given_by_name_or_alias_links_the_parent(tmp_path: Path, parent: str) -> None:
    files: dict[str, str | bytes] = {
        "content/companies/kpn.yaml": "name: KPN\naliases: [kpn-nv, koninklijke]\n",
        "content/companies/xs4all.yaml": f"name: XS4ALL\nparent: {parent}\n",
        "content/stories/a.md": story(company="XS4ALL"),
    }
    done = run_cli("build", write_tree(tmp_path / "site", files), "--out", tmp_path / "out", "--no-search")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out/companies/kpn/index.html").read_text(encoding="utf-8")
    assert 'href="/companies/xs4all/"' in page  # the parent's page lists its subsidiary
    assert 'href="/companies/kpn/"' in (tmp_path / "out/companies/xs4all/index.html").read_text(encoding="utf-8")


def test_parent_given_as_the_company_s_own_alias_is_refused(tmp_path: Path) -> None:
    done = _check(tmp_path, {"content/companies/xs4all.yaml": "name: XS4ALL\naliases: [xs]\nparent: xs\n",
                             "content/stories/a.md": story(company="XS4ALL")})
    assert (done.returncode, _errors(done)) == (1, ["content/companies/xs4all.yaml:1: parent: 'xs' is this company itself"])


# Class 5: what one story (or company) may declare is capped, so output cannot grow with
# the square of its input (every tag page lists the story with all its tags).

def _items(key: str, count: int, item: str) -> str:
    return f"{key}:\n" + "".join(item.format(n=n) for n in range(count))


@pytest.mark.parametrize(("extra", "message"), [  # a block list's line is its first item's
    ("tags: [" + ", ".join(f"t{n}" for n in range(1000)) + "]\n", "7: tags: at most 50 tags, got 1,000"),
    (_items("tags", 51, "  - t{n}\n"), "8: tags: at most 50 tags, got 51"),
    ("channels: [" + ", ".join(["phone"] * 21) + "]\n", "7: channels: at most 20 channels, got 21"),
    (_items("timeline", 501, "  - date: 2015-01-01\n    text: e{n}\n"), "8: timeline: at most 500 events, got 501"),
    (_items("updates", 201, "  - date: 2015-01-02\n    text: u{n}\n"), "8: updates: at most 200 updates, got 201"),
])
def test_a_story_declaring_too_much_is_an_error(tmp_path: Path, extra: str, message: str) -> None:
    done = _check(tmp_path, {COMPANY: "name: Glasnet\n", "content/stories/a.md": story(extra)})
    assert (done.returncode, _errors(done)) == (1, [f"content/stories/a.md:{message}"])


def test_a_story_at_every_cap_still_builds(tmp_path: Path) -> None:
    extra = ("tags: [" + ", ".join(f"t{n}" for n in range(50)) + "]\n"
             + _items("timeline", 500, "  - date: 2015-01-01\n    text: e{n}\n")
             + _items("updates", 200, "  - date: 2015-01-02\n    text: u{n}\n"))
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", "content/stories/a.md": story(extra)})
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search")
    assert done.returncode == 0, done.stderr
    size = sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert size < 20_000_000


def test_a_company_with_too_many_aliases_is_an_error(tmp_path: Path) -> None:
    aliases = ", ".join(f"glas{n}" for n in range(101))
    done = _check(tmp_path, {COMPANY: f"name: Glasnet\naliases: [{aliases}]\n", "content/stories/a.md": story()})
    assert (done.returncode, _errors(done)) == (1, [f"{COMPANY}:2: aliases: at most 100 aliases, got 101"])


# Class 6: `check` finds every problem that stops `build`.
STOPPERS = {
    "NUL in a title": {"content/stories/a.md": story(title='"Kapot\\0"')},
    "control characters in a tag": {"content/stories/a.md": story('tags: ["\\e[31m", "x\\a"]\n')},
    "deep Markdown": {"content/stories/a.md": story(body="- " * 20_000 + "x\n")},
    "a huge amount": {"content/stories/a.md": story("compensation: {amount: " + "9" * 50 + "}\n")},
    "a tag clash": {"content/stories/a.md": story("tags: [C++, C]\n")},
    "a slug clash": {"content/companies/KPN.yaml": "name: KPN\n", "content/companies/kpn.yml": "name: KPN2\n",
                     "content/stories/a.md": story()},
    "too many tags": {"content/stories/a.md": story("tags: [" + ", ".join(map(str, range(60))) + "]\n")},
    "a bad file name": {"content/stories/a\x1b.md": story()},
}


@pytest.mark.parametrize("files", STOPPERS.values(), ids=STOPPERS.keys())
def test_check_fails_exactly_when_build_fails(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", **files})
    checked = run_cli("check", site)
    built = run_cli("build", site, "--out", tmp_path / "out", "--no-search")
    assert "Traceback" not in checked.stderr + built.stderr and "internal error" not in built.stderr
    assert checked.returncode == built.returncode
    assert _errors(checked) == _errors(built)
    assert (tmp_path / "out").exists() == (built.returncode == 0)


@pytest.mark.parametrize("title", ['""', "'   '", '"\\e\\0\\a"'])
def test_an_empty_site_title_is_an_error_not_a_feed_crash(tmp_path: Path, title: str) -> None:
    site = _site(tmp_path, {"site.yaml": f"title: {title}\n", "content/stories/a.md": story()})
    for args in (["check", site], ["build", site, "--out", tmp_path / "out"]):
        done = run_cli(*args)
        assert (done.returncode, _errors(done)) == (1, [
            "site.yaml:1: title: is empty; give the site a title or leave the key out"])
