"""Publishing: `init` writes a GitHub Pages workflow, and a site built for each host's
base URL (a sub-path on GitHub Pages, a domain root on Netlify or Cloudflare Pages, a
folder on any web host) has every internal link, src and href resolving to a file of the
output under that base; the marker file is not published."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from generator.output.files import MARKER
from tests.conftest import REPO, run_cli, write_tree

HOSTS = {
    "github-pages-project": "https://user.github.io/repo/",
    "netlify": "https://klachten.netlify.app/",
    "cloudflare-pages": "https://klachten.pages.dev/",
    "web-host-folder": "https://www.example.nl/archief/klachten/",
}


class _Links(HTMLParser):
    """An HTML page -> every URL in href, src, srcset and the og:url / og:image content."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src", "action"):
            if values.get(name):
                self.urls.append(values[name] or "")
        if values.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in (values["srcset"] or "").split(",") if part.strip()]
        if tag == "meta" and values.get("property") in ("og:url", "og:image") and values.get("content"):
            self.urls.append(values["content"] or "")


def _file_for(url: str, base: str, out: Path) -> Path | None:
    """An absolute URL on the site's host -> the output file it is served from; None when
    it is not under the base URL at all."""
    parts, root = urlsplit(url), urlsplit(base)
    if not parts.path.startswith(root.path):
        return None
    relative = unquote(parts.path[len(root.path):])
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return out / relative


def _broken(out: Path, base: str) -> list[str]:
    host = urlsplit(base).netloc
    problems = []
    for page in sorted(out.rglob("*.html")):
        page_url = urljoin(base, page.relative_to(out).as_posix().removesuffix("index.html"))
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            target = urljoin(page_url, url)
            if urlsplit(target).scheme not in ("http", "https") or urlsplit(target).netloc != host:
                continue  # another site, mailto:, data:
            found = _file_for(target.split("#")[0].split("?")[0], base, out)
            if found is None or not found.is_file():
                problems.append(f"{page.relative_to(out)}: {url} -> {target}")
    return problems


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site, with an author record and a company story of another author."""
    root = tmp_path_factory.mktemp("deploy") / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    write_tree(root, {"content/authors/tom-verbeek.yaml": 'name: "Tom Verbeek"\nbio: "Schrijft soms."\n'})
    return root


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_every_internal_link_resolves_under_each_hosts_base_url(site: Path, tmp_path: Path, host: str) -> None:
    base = HOSTS[host]
    out = tmp_path / "out"
    result = run_cli("build", site, "--out", out, "--base-url", base, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "base_url" not in result.stderr  # --base-url given: no localhost warning
    assert _broken(out, base) == []
    path = urlsplit(base).path
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    locs = [line.strip()[5:-6] for line in sitemap.splitlines() if line.strip().startswith("<loc>")]
    assert locs and all(loc.startswith(base) for loc in locs)
    assert all(_file_for(loc, base, out) is not None and _file_for(loc, base, out).is_file()  # type: ignore[union-attr]
               for loc in locs)
    not_found = (out / "404.html").read_text(encoding="utf-8")
    assert f'href="{path}assets/' in not_found  # styles load from any missing URL's depth


def test_the_link_checker_finds_a_broken_link(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    base = HOSTS["github-pages-project"]
    assert run_cli("build", site, "--out", out, "--base-url", base, "--quiet").returncode == 0
    (out / "timeline" / "index.html").write_text('<a href="/repo/nowhere/">x</a><a href="/elsewhere/">y</a>',
                                                 encoding="utf-8")
    assert _broken(out, base) == ["timeline/index.html: /repo/nowhere/ -> https://user.github.io/repo/nowhere/",
                                  "timeline/index.html: /elsewhere/ -> https://user.github.io/elsewhere/"]


def test_init_writes_a_github_pages_workflow(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "blog")
    assert result.returncode == 0, result.stderr
    workflow_file = tmp_path / "blog" / ".github" / "workflows" / "deploy.yml"
    assert f"created {workflow_file}" in result.stdout.splitlines()
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert "actions/configure-pages@v6" in uses and "actions/upload-pages-artifact@v4" in uses
    build = next(step["run"] for step in steps if "grievance build" in step.get("run", ""))
    assert build == 'grievance build --no-cache --base-url "${{ steps.pages.outputs.base_url }}/"'
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"] == {"path": "output"}
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"] == "actions/deploy-pages@v5"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    install = next(step["run"] for step in steps if "pip install" in step.get("run", ""))
    assert "pip install -r requirements.txt" in install and "grep -q '^grievance' requirements.txt" in install
    assert (tmp_path / "blog" / "requirements.txt").is_file()


def test_requirements_name_the_source_grievance_was_installed_from() -> None:
    from generator.scaffold import install_line

    git = '{"url": "https://example.org/me/grievance.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}'
    assert install_line(git) == "grievance @ git+https://example.org/me/grievance.git@abc123\n"
    archive = '{"url": "https://example.org/grievance-0.1.0.tar.gz", "archive_info": {}}'
    assert install_line(archive) == "grievance @ https://example.org/grievance-0.1.0.tar.gz\n"
    for unknown in (None, "", "not json", '{"url": "file:///home/me/grievance", "dir_info": {"editable": true}}'):
        text = install_line(unknown)
        assert all(line.startswith("#") for line in text.splitlines()), text  # a comment, never a guessed name
        assert "grievance @ git+https://" in text


def test_the_marker_file_is_hidden_so_pages_artifacts_leave_it_out(tmp_path: Path) -> None:
    # upload-pages-artifact archives the folder without hidden files (tar --exclude=".[^/]*"),
    # and the README's rsync line excludes it by name.
    assert MARKER.startswith(".")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"--exclude={MARKER}" in readme
