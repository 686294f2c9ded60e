"""Red team (issue 29): one safe way to open a user's file. A FIFO, a device, a socket, a
folder where a file belongs, a file too large, or a link in static/ (or an image) to a
file outside the site is one line naming the file, in `check`, `build` and `import`
alike; nothing hangs, nothing outside the site is published."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.read.files import read_sources
from generator.read.safeopen import RefusedFile, read_user_file
from tests.conftest import run_cli, write_tree

COMPANY = "content/companies/glasnet.yaml"
STORY = "---\ntitle: Storing\ncompany: Glasnet\ndate: 2015-01-01\noutcome: unresolved\napology: 'no'\n---\nTekst.\n"
FIFO = "cannot read the file (a named pipe (FIFO), not a regular file)"
DEVICE = "cannot read the file (a device, not a regular file)"
FOLDER = "cannot read the file (a folder, not a regular file)"
SOCKET = "cannot read the file (a socket, not a regular file)"


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _null(path: Path) -> None:
    path.symlink_to("/dev/null")


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _folder(path: Path) -> None:
    path.mkdir()


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)
    return make


def _link_to(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)
    return make


def _outside(path: Path) -> None:
    secret = path.parents[len(path.relative_to(path.anchor).parts) - 2] / "secret.txt"
    secret.write_text("private\n", encoding="utf-8")
    path.symlink_to(os.path.relpath(secret, path.parent))


SITE_CASES = [
    ("content/stories/pipe.md", _fifo, FIFO),
    ("content/stories/zero.md", _zero, DEVICE),
    ("content/stories/null.md", _null, DEVICE),
    ("content/stories/sock.md", _socket, SOCKET),
    ("content/stories/huge.md", _sparse(40 * 1024 * 1024), "the file is 40.0 MB; at most 32.0 MB"),
    ("content/companies/pipe.yaml", _fifo, FIFO),
    ("content/companies/zero.yaml", _zero, DEVICE),
    ("content/companies/sock.yaml", _socket, SOCKET),
    ("content/stories/foto.png", _zero, DEVICE),
    ("content/images/pipe.png", _fifo, FIFO),
    ("content/images/huge.jpg", _sparse(70 * 1024 * 1024), "the file is 70.0 MB; at most 64.0 MB"),
    ("content/images/passwd.png", _link_to("/etc/passwd"), "a link to /etc/passwd, outside the site: not published"),
    ("static/passwd", _link_to("/etc/passwd"), "a link to /etc/passwd, outside the site: not published"),
    ("static/hosts.txt", _link_to("/etc/hosts"), "a link to /etc/hosts, outside the site: not published"),
    ("static/zero.bin", _zero, DEVICE),
    ("static/null.bin", _null, DEVICE),
    ("static/pipe", _fifo, FIFO),
    ("static/sock", _socket, SOCKET),
    ("static/sub/deep/pipe.txt", _fifo, FIFO),
    ("static/huge.iso", _sparse(300 * 1024 * 1024), "the file is 300.0 MB; at most 256.0 MB"),
    ("static/self", _link_to("self"), "cannot read the file (Too many levels of symbolic links)"),
    ("static/gone.txt", _link_to("nowhere.txt"), "cannot read the file (No such file or directory)"),
]


def _site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", "content/stories/ok.md": STORY,
                                          "site.yaml": 'base_url: "https://klachten.example/"\n'})


def _make(site: Path, name: str, make: Callable[[Path], None]) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)


@pytest.mark.parametrize(("name", "make", "message"), SITE_CASES, ids=[case[0] for case in SITE_CASES])
def test_a_file_that_is_not_safe_to_read_is_one_problem(tmp_path: Path, name: str, make: Callable[[Path], None],
                                                        message: str) -> None:
    site = _site(tmp_path)
    _make(site, name, make)
    started = time.perf_counter()
    problems = [str(problem) for problem in read_sources(site).problems]
    assert time.perf_counter() - started < 5
    assert problems == [f"{name}: {message}"]


def test_a_link_outside_the_site_is_refused_even_relative(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _make(site, "static/leak.txt", _outside)
    (problem,) = read_sources(site).problems
    assert str(problem).startswith("static/leak.txt: a link to ") and "secret.txt, outside the site" in str(problem)


def test_a_link_inside_the_site_is_published(tmp_path: Path) -> None:
    site = _site(tmp_path)
    write_tree(site, {"static/fine.txt": "fine\n"})
    (site / "static/also.txt").symlink_to("fine.txt")
    sources = read_sources(site)
    assert sources.problems == ()
    assert [(f.path, f.data) for f in sources.static] == [("static/also.txt", b"fine\n"), ("static/fine.txt", b"fine\n")]


def test_check_and_build_report_every_unsafe_file_and_publish_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    for name, make, _message in SITE_CASES[:4] + SITE_CASES[12:18]:
        _make(site, name, make)
    expected = sorted(f"{name}: {message}" for name, _make_it, message in SITE_CASES[:4] + SITE_CASES[12:18])
    for command, extra in (("check", []), ("build", ["--out", tmp_path / "out"])):
        done = run_cli(command, site, *extra, timeout=60)
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
        assert (done.returncode, done.stderr.splitlines()[:-1]) == (1, expected)
    assert not (tmp_path / "out").exists()


def test_a_site_yaml_that_is_a_fifo_or_folder_is_one_line(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "site.yaml").unlink()
    os.mkfifo(site / "site.yaml")
    (site / "content/escalation.yaml").mkdir()
    done = run_cli("check", site, timeout=30)
    assert done.returncode == 1
    assert done.stderr.splitlines()[:-1] == [f"content/escalation.yaml: {FOLDER}", f"site.yaml: {FIFO}"]


# import SOURCE...: the same reader, with the import's own bounds.

IMPORT_CASES = [
    ("pipe.txt", _fifo, "cannot read: a named pipe (FIFO), not a regular file"),
    # a link in the folder to a file outside it is never read: a device, or a private file
    ("zero.txt", _zero, "a link to /dev/zero, outside {source}: not read"),
    ("zero.xml", _zero, "a link to /dev/zero, outside {source}: not read"),
    ("null.html", _null, "a link to /dev/null, outside {source}: not read"),
    ("key.txt", _link_to(os.path.expanduser("~/.bashrc")), f"a link to {os.path.realpath(os.path.expanduser('~/.bashrc'))}"
                                                           ", outside {source}: not read"),
    ("secret.md", _outside, "a link to {outside}, outside {source}: not read"),
    ("sock.md", _socket, "cannot read: a socket, not a regular file"),
    ("huge.txt", _sparse(100 * 1024 * 1024), "cannot read: 100.0 MB; at most 64.0 MB"),
    ("huge.xml", _sparse(65 * 1024 * 1024), "cannot read: 65.0 MB; at most 64.0 MB"),
    ("gone.txt", _link_to("nowhere"), "cannot read: No such file or directory"),
    ("line.txt", lambda p: p.write_text("Glasnet " + "x" * 10 * 1024 * 1024, encoding="utf-8"),
     "a text post of 10,485,768 characters; at most 500,000: not imported"),
    ("words.md", lambda p: p.write_text("Glasnet deed niets. " * 30_000, encoding="utf-8"),
     "a text post of 600,000 characters; at most 500,000: not imported"),
    ("page.html", lambda p: p.write_text("<html><body>" + "<p>Glasnet.</p>\n" * 200_000 + "</body></html>",
                                         encoding="utf-8"),
     "an HTML page of 3.1 MB; at most 2 MB: not imported"),
]


@pytest.mark.parametrize(("name", "make", "message"), IMPORT_CASES, ids=[case[0] for case in IMPORT_CASES])
def test_an_import_source_folder_with_a_hostile_file_is_one_line(tmp_path: Path, name: str,
                                                                  make: Callable[[Path], None], message: str) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    source = tmp_path / "posts"
    source.mkdir()
    make(source / name)
    started = time.perf_counter()
    done = run_cli("import", source, "--site", site, timeout=60)
    assert time.perf_counter() - started < 45
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    said = message.format(source=source, outside=(source / name).resolve())
    assert (done.returncode, done.stderr.splitlines()) == (1, [f"{source / name}: {said}"])
    assert not list((site / "content").rglob("*.md"))


def test_a_fifo_given_as_the_source_itself_is_one_line(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    os.mkfifo(tmp_path / "pipe")
    done = run_cli("import", tmp_path / "pipe", "--site", site, timeout=30)
    assert done.stderr.splitlines() == [f"{tmp_path / 'pipe'}: cannot read: a named pipe (FIFO), not a regular file"]


def test_the_reader_refuses_a_file_that_grows_past_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, limit=100) == b"x" * 100
    with pytest.raises(RefusedFile, match="100 bytes|0 KB; at most 0 KB"):
        read_user_file(path, limit=99)
    assert read_user_file(path, limit=lambda head: 100 if head == b"x" * 100 else 0) == b"x" * 100  # its first 512 bytes



def test_the_reader_reads_what_a_file_grew_by_after_its_size_was_taken_up_to_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader reads the size it saw and one byte more: a file that grew meanwhile is
    read on to its end while within the limit, and refused past it."""
    path = tmp_path / "file"
    path.write_bytes(b"y" * 5000)
    real_fstat = os.fstat

    def smaller(descriptor: int) -> os.stat_result:  # as if the file grew after fstat
        status = real_fstat(descriptor)
        return os.stat_result((*status[:6], 10, *status[7:]))

    monkeypatch.setattr(os, "fstat", smaller)
    assert read_user_file(path, limit=5000) == b"y" * 5000
    with pytest.raises(RefusedFile, match="grew past"):
        read_user_file(path, limit=4999)

# The site's own theme: read the same way, and `check` finds what stops `build` there too.

THEME_CASES = [
    ("themes/eigen/static/pw.txt", _link_to("/etc/passwd"),
     "themes/eigen/static/pw.txt: cannot read the file (a link to /etc/passwd, outside the site)"),
    ("themes/eigen/story.html", _link_to("/etc/hostname"),
     "themes/eigen/story.html: cannot read the template (a link to /etc/hostname, outside the site)"),
    ("themes/eigen/home.html", lambda p: p.write_text("{% if %}\n", encoding="utf-8"),
     "themes/eigen/home.html:1: syntax error: Expected an expression, got 'end of statement block'"),
    ("themes/eigen/base.html", lambda p: p.write_bytes(b"\xff\xfe broken"),
     "themes/eigen/base.html:1: not UTF-8 text (byte 0xff)"),
]


@pytest.mark.parametrize(("name", "make", "message"), THEME_CASES, ids=[case[0] for case in THEME_CASES])
def test_a_theme_file_that_build_cannot_use_is_a_check_error_too(tmp_path: Path, name: str,
                                                                 make: Callable[[Path], None], message: str) -> None:
    site = _site(tmp_path)
    write_tree(site, {"site.yaml": 'theme: eigen\nbase_url: "https://klachten.example/"\n'})
    _make(site, name, make)
    for command, extra in (("check", []), ("build", ["--out", tmp_path / "out"])):
        done = run_cli(command, site, *extra, timeout=60)
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
        assert (done.returncode, done.stderr.splitlines()[0]) == (1, message)
    assert not (tmp_path / "out").exists()
