"""Red team (issue 29): XML entity refusal that no prolog can get round, escalation day
counts, odd folder names, leftovers of a killed build, the dev server after a hostile
request, Substack's posts.csv with a long field, an unreadable theme template. Each is
one line `path: what is wrong`, never a traceback or "internal error"."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.diagnostics import BuildError
from generator.importer.detect import ENTITIES_REFUSED, kind_of
from generator.importer.post import BadInput
from tests.conftest import REPO, free_port, run_cli, write_tree

COMPANY = "content/companies/glasnet.yaml"
STORY = "---\ntitle: Storing\ncompany: Glasnet\ndate: 2015-01-01\noutcome: unresolved\napology: 'no'\n---\nTekst.\n"
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>&b;</title><id>x</id></entry></feed>'
WXR = ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&a;</title>'
       '<wp:post_type>post</wp:post_type></item></channel></rss>')

XML_CASES = {
    "wxr-after-20kb-comment": f'<?xml version="1.0"?>\n<!-- {"x" * 25_000} -->\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n{WXR}',
    "wxr-after-many-pis": '<?xml version="1.0"?>' + "<?pi x?>" * 5_000 + f'<!DOCTYPE rss [<!ENTITY a "x">]>{WXR}',
    "wxr-after-blank-lines": '<?xml version="1.0"?>' + "\n" * 30_000 + f'<!DOCTYPE rss [<!ENTITY a "x">]>{WXR}',
    "atom-blown-up-40000": ('<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "' + "x" * 100 + '"><!ENTITY b "'
                            + "&a;" * 40_000 + '">]>\n' + ATOM),
    "atom-root-name-in-a-comment": f'<?xml version="1.0"?><!-- <feed --><!DOCTYPE feed [<!ENTITY b "x">]>{ATOM}',
    "atom-bracket-in-an-entity": f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "]>"><!ENTITY b "&a;&a;">]>{ATOM}',
    "parameter-entity": f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY % p "x"><!ENTITY b "y">]>{ATOM}',
    "no-root-at-all": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + "&b;" * 1000 + '">',
    "doctype-first-no-declaration": f'<!DOCTYPE feed [<!ENTITY b "x">]>{ATOM}',
    "lower-case-entity": f'<?xml version="1.0"?><!DOCTYPE feed [<!entity b "x">]>{ATOM}',
}


@pytest.mark.parametrize("name", sorted(XML_CASES))
def test_entity_declarations_are_refused_wherever_they_hide(name: str) -> None:
    started = time.perf_counter()
    with pytest.raises(BadInput) as raised:
        kind_of(XML_CASES[name])
    assert str(raised.value) == ENTITIES_REFUSED
    assert time.perf_counter() - started < 2


def test_a_long_prolog_without_entities_is_still_a_feed() -> None:
    assert kind_of(f'<?xml version="1.0"?>\n<!-- {"x" * 25_000} -->\n{ATOM.replace("&b;", "t")}').name == "ATOM"


def test_every_entity_case_is_one_refusal_line_and_nothing_imported(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    source = write_tree(tmp_path / "in", {f"{name}.xml": text for name, text in XML_CASES.items()})
    done = run_cli("import", source, "--site", site, timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert sorted(done.stderr.splitlines()) == sorted(f"{source / name}.xml: {ENTITIES_REFUSED}" for name in XML_CASES)
    assert not list((site / "content").rglob("*.md"))


# Escalation routes: a day count too large for a date.

ROUTE = ("routes:\n  - id: test\n    name: Test\n    url: https://example.org/\n    note: x\n"
         "    source: https://example.org/\n    checked: 2024-01-01\n")


@pytest.mark.parametrize(("key", "days", "shown"), [
    ("after", "1000000000", "1,000,000,000"),
    ("deadline", "1000000000", "1,000,000,000"),
    ("after", "99999999999999999999", "99,999,999,999,999,999,999"),
    ("deadline", "9" * 400, "a number of 400 digits"),
    ("after", "36501", "36,501"),
])
def test_a_day_count_too_large_is_an_error_with_its_line(tmp_path: Path, key: str, days: str, shown: str) -> None:
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", "content/stories/s.md": STORY,
                                          "content/escalation.yaml": ROUTE + f"    {key}: {{event: complaint, days: {days}}}\n"})
    done = run_cli("check", site, timeout=60)
    assert (done.returncode, done.stderr.splitlines()[0]) == (
        1, f"content/escalation.yaml:8: routes[1].{key}.days: expected a whole number from 0 to 36,500, got {shown}")


def test_the_largest_day_count_near_the_end_of_time_builds(tmp_path: Path) -> None:
    story = STORY.replace("---\nTekst", "timeline:\n  - date: 9999-12-01\n    by: me\n    via: email\n    text: Brief.\n"
                                        "---\nTekst").replace("2015-01-01", "2015-01-01")
    site = write_tree(tmp_path / "site", {COMPANY: "name: Glasnet\n", "content/stories/s.md": story,
                                          "content/escalation.yaml": ROUTE + "    deadline: {event: complaint, days: 36500}\n"})
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search", timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


# Folder names.

def _site(root: Path) -> Path:
    return write_tree(root, {COMPANY: "name: Glasnet\n", "content/stories/s.md": STORY})


@pytest.mark.parametrize("where", ["site", "out"])
def test_a_folder_name_that_is_not_utf8_works(tmp_path: Path, where: str) -> None:
    base = os.fsencode(tmp_path)
    site = _site(Path(os.fsdecode(base + b"/site\xff")) if where == "site" else tmp_path / "site")
    out = Path(os.fsdecode(base + b"/out\xfe")) if where == "out" else tmp_path / "out"
    done = run_cli("build", site, "--out", out, "--no-search", timeout=120)
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file()
    if where == "out":
        assert done.stdout.rstrip().endswith("out\\xfe")


def test_a_legal_240_byte_output_name_can_be_built_into_twice(tmp_path: Path) -> None:
    out = tmp_path / ("o" * 240)
    for _ in range(2):
        done = run_cli("build", _site(tmp_path / "site"), "--out", out, "--no-search", "--no-cache", timeout=120)
        assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file()
    assert sorted(os.listdir(tmp_path)) == ["o" * 240, "site"]


def test_the_leftover_of_a_killed_build_is_cleaned_by_the_next(tmp_path: Path) -> None:
    site, out = _site(tmp_path / "site"), tmp_path / "out"
    assert run_cli("build", site, "--out", out, "--no-search").returncode == 0
    leftover = tmp_path / ".out.grievance-new-99999"  # as a SIGKILL leaves it: marker and half the files
    leftover.mkdir()
    (leftover / ".grievance-output").write_bytes((out / ".grievance-output").read_bytes())
    (leftover / "index.html").write_text("half", encoding="utf-8")
    (tmp_path / ".out.grievance-new-99998").mkdir()  # killed before its marker: empty
    env = {"GRIEVANCE_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the second finds nothing changed and writes nothing
        (leftover).mkdir(exist_ok=True)
        (leftover / ".grievance-output").write_bytes((out / ".grievance-output").read_bytes())
        done = run_cli("build", site, "--out", out, "--no-search", env=env)
        assert done.returncode == 0, done.stderr
        assert sorted(os.listdir(tmp_path)) == ["cache", "out", "site"]


def test_the_leftover_of_a_killed_build_into_a_long_name_is_cleaned(tmp_path: Path) -> None:
    from generator.output.files import hidden_stem

    site, out = _site(tmp_path / "site"), tmp_path / ("p" * 240)
    assert run_cli("build", site, "--out", out, "--no-search").returncode == 0
    leftover = tmp_path / f"{hidden_stem(out)}.grievance-new-4194303"
    assert len(leftover.name) <= 255
    leftover.mkdir()
    (leftover / ".grievance-output").write_bytes((out / ".grievance-output").read_bytes())
    assert run_cli("build", site, "--out", out, "--no-search", "--no-cache").returncode == 0
    assert not leftover.exists()


# The dev server after hostile requests.

def test_the_dev_server_answers_after_requests_with_huge_headers(tmp_path: Path) -> None:
    site, port = _site(tmp_path / "site"), free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1767225600",
           "GRIEVANCE_CACHE_DIR": str(tmp_path / "cache")}
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(site), "--port", str(port),
                               "--out", str(tmp_path / "out")], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except OSError:
                time.sleep(0.3)
        hostile = [
            b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: %s\r\n" % (n, b"a" * 60_000) for n in range(200)) + b"\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 5_000_000 + b"\r\n\r\n",
            b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 500 + b"\r\n",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 600,
        ]
        for request in hostile:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
                try:
                    connection.sendall(request)
                    connection.recv(100)
                except OSError:
                    pass
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                assert answer.status == 200
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "Traceback" not in stderr


# Substack's posts.csv with a field longer than csv's own limit (128 KB).

def test_a_substack_index_with_a_long_field_is_read(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    long_title = "Glasnet " + "x" * 200_000
    export = write_tree(tmp_path / "export", {
        "posts.csv": f'post_id,post_date,is_published,title\n1.een,2020-01-01T00:00:00.000Z,true,"{long_title}"\n',
        "posts/1.een.html": "<p>Glasnet deed niets aan mijn storing.</p>"})
    done = run_cli("import", export, "--site", site, timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (site / "content/stories").glob("*.md")] == ["2020-01-01-een.md"]


def test_a_substack_index_with_a_huge_header_is_no_internal_error(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", {"site.yaml": "title: Test\n"})
    export = write_tree(tmp_path / "export", {"posts.csv": "post_id" + "x" * 200_000 + ",post_date,title\n1,2,3\n"})
    done = run_cli("import", export, "--site", site, timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr


# A theme template that cannot be read.

def test_an_unreadable_theme_template_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import render

    site = write_tree(tmp_path / "site", {"themes/eigen/base.html": "{% block content %}{% endblock %}\n"})
    real = render.read_user_file

    def refusing(path, **kwargs):  # noqa: ANN001, ANN003, ANN202 - as a file without read permission is, for a user
        if str(path).endswith("eigen/base.html"):
            raise PermissionError(13, "Permission denied")
        return real(path, **kwargs)
    monkeypatch.setattr(render, "read_user_file", refusing)
    with pytest.raises(BuildError) as raised:
        render.load_theme(render.theme_dirs(site, "eigen"))
    assert [str(d) for d in raised.value.diagnostics] == ["themes/eigen/base.html: cannot read the template (Permission denied)"]


def test_a_theme_template_that_is_a_link_to_a_device_is_left_for_the_default(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    write_tree(site, {"site.yaml": "theme: eigen\n"})
    (site / "themes/eigen").mkdir(parents=True)
    (site / "themes/eigen/story.html").symlink_to("/dev/zero")
    os.mkfifo(site / "themes/eigen/home.html")
    done = run_cli("build", site, "--out", tmp_path / "out", "--no-search", timeout=60)
    assert done.returncode == 0, done.stderr


# A theme that reaches for Python's internals: the sandbox stops it, with its line.
@pytest.mark.parametrize("payload", [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
])
def test_a_theme_cannot_run_a_command_or_reach_python_internals(tmp_path: Path, payload: str) -> None:
    default = REPO / "themes" / "default"
    home = (default / "home.html").read_text(encoding="utf-8")
    story = ("---\ntitle: Storing\ncompany: Glasnet\ndate: 2015-01-01\noutcome: unresolved\napology: 'no'\n---\n"
             "Het modem deed het niet.\n")
    site = write_tree(tmp_path / "site", {
        "site.yaml": "title: Test\ntheme: eigen\n", "content/companies/glasnet.yaml": "name: Glasnet\n",
        "content/stories/s.md": story,
        "themes/eigen/home.html": home.replace("{% block main %}", "{% block main %}" + payload, 1)})
    result = run_cli("build", site, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("themes/eigen/home.html:") and "unsafe" in line for line in lines), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "PWNED").exists() and not (site / "PWNED").exists() and not (tmp_path / "out").exists()


def _theme_site(root: Path, payload: str, template: str = "home.html") -> Path:
    """A one-story site whose theme `eigen` is the default with `payload` in template's main block."""
    source = (REPO / "themes" / "default" / template).read_text(encoding="utf-8")
    return write_tree(root, {
        "site.yaml": "title: Test\ntheme: eigen\n", COMPANY: "name: Glasnet\n", "content/stories/s.md": STORY,
        f"themes/eigen/{template}": source.replace("{% block main %}", "{% block main %}" + payload, 1)})


# A theme that asks for the machine's memory or CPU: the page stops at its limit, with its line.
@pytest.mark.parametrize(("payload", "said"), [
    ("{{ 'a' * 3000000000 }}", "needs more than 1 GB of memory to render"),  # folded when compiled, before
    ("{{ 'a'|center(3000000000) }}", "needs more than 1 GB of memory to render"),
    ("{{ range(10)|list * 300000000 }}", "needs more than 1 GB of memory to render"),
    ("{% set ns = namespace(x='ab') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}",
     "needs more than 1 GB of memory to render"),
    ("{{ '{:>3000000000}'.format(1) }}", "needs more than 1 GB of memory to render"),
    ("{{ 9 ** 999999999 }}", "9 ** 999999999 is too large a number for a page"),  # minutes of C, no signal stops it
])
def test_a_theme_cannot_take_the_machine_s_memory_or_cpu(tmp_path: Path, payload: str, said: str) -> None:
    site = _theme_site(tmp_path / "site", payload)
    result = run_cli("build", site, "--out", tmp_path / "out", "--no-search", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert any(line.startswith("themes/eigen/home.html:4: ") and said in line for line in result.stderr.splitlines()), \
        result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_page_stops_rendering_at_its_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import BuildOptions, check_site
    from generator.output import jinja_adapter
    from generator.output.renderer import Renderer

    monkeypatch.setattr(jinja_adapter, "RENDER_SECONDS", 0.5)
    site = _theme_site(tmp_path / "site", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                                         "{% endfor %}", template="story.html")
    renderer = Renderer.of(site, check_site(site, BuildOptions()).site, draw_card=None, compiled=None)
    plan = renderer.plan()
    started = time.monotonic()
    with pytest.raises(BuildError) as raised:
        for job in renderer.jobs(plan):
            list(renderer.files(plan, job))
    assert time.monotonic() - started < 5  # 10,000,000,000 turns of a loop: hours
    [problem] = raised.value.diagnostics
    assert (problem.path, problem.line) == ("themes/eigen/story.html", 2)
    assert problem.message.startswith("took more than 0.5 s to render (a loop too long?)")
