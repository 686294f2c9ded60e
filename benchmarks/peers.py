"""Export a grievance site (e.g. the synthetic corpus) for the peer generators, Hugo and Pelican.

    export_hugo(site_dir, out_dir)     -> a Hugo site: hugo.yaml, content/stories/*.md, layouts/
    export_pelican(site_dir, out_dir)  -> a Pelican site: pelicanconf.py, content/*.md

Both keep every story's Markdown body byte for byte and carry over its title, date, slug,
summary, tags, draft flag and company (resolved to the company record's canonical name, the
way grievance resolves names, aliases and slugs case-insensitively). Hugo gets the remaining
facts (outcome, apology, dates, compensation, timeline, updates) as page params and renders
them; Pelican's default theme has nowhere to show them, so they become plain metadata.

The job asked of each is the same as grievance's without search: a page per story, a paginated
list page and an RSS feed per company and per tag, a home page and a site feed. Only PyYAML
(already a grievance dependency) is needed here; nothing is installed or run.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Story", "read_site", "read_story", "export_hugo", "export_pelican", "story_slug", "hugo_text"]

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
FEED_LIMIT = 50
PER_PAGE = 20


class _Loader(yaml.SafeLoader):
    """SafeLoader (YAML 1.1: unquoted yes/no are booleans, mapped back below)."""


class Story:
    __slots__ = ("path", "meta", "body", "slug", "company")

    def __init__(self, path: Path, meta: dict[str, Any], body: str, slug: str, company: str) -> None:
        self.path, self.meta, self.body, self.slug, self.company = path, meta, body, slug, company


def story_slug(path: Path, meta: dict[str, Any]) -> str:
    """The slug grievance gives a corpus story: `slug:` if set, else the file name without a
    leading date (corpus file names are already lowercase ASCII)."""
    if meta.get("slug"):
        return str(meta["slug"])
    return _DATE_PREFIX.sub("", path.stem)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        raise ValueError("no front-matter")
    end = text.index("\n---\n", 3)
    meta = yaml.load(text[4:end], Loader=_Loader) or {}  # noqa: S506 - SafeLoader subclass
    return meta, text[end + 5 :]


def _company_names(site_dir: Path) -> dict[str, str]:
    """lowercased name, alias or slug -> canonical name."""
    names: dict[str, str] = {}
    for path in sorted((site_dir / "content" / "companies").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        name = str(record["name"])
        for key in (name, path.stem, *[str(a) for a in record.get("aliases") or []]):
            names.setdefault(key.lower(), name)
    return names


def read_site(site_dir: Path) -> list[Story]:
    """Every story of a grievance site, sorted by path."""
    site_dir = Path(site_dir)
    companies = _company_names(site_dir)
    return [read_story(site_dir, path, companies) for path in sorted((site_dir / "content" / "stories").rglob("*.md"))]


def read_story(site_dir: Path, path: Path, companies: dict[str, str] | None = None) -> Story:
    """One story file of a grievance site (its company resolved against the site's companies)."""
    if companies is None:
        companies = _company_names(Path(site_dir))
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    ref = str(meta["company"])
    return Story(path, meta, body, story_slug(path, meta), companies.get(ref.lower(), ref))


def _apology(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _plain(value: Any) -> Any:
    """Dates -> ISO strings, recursively (what a template prints)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------------------------- Hugo

HUGO_CONFIG = """\
baseURL: "http://localhost:8000/"
locale: "{language}"
defaultContentLanguage: "{language}"
title: {title}
taxonomies:
  company: company
  tag: tags
disableKinds: []
outputs:
  home: [html, rss]
  section: [html, rss]
  taxonomy: [html, rss]
  term: [html, rss]
pagination:
  pagerSize: {per_page}
services:
  rss:
    limit: {feed_limit}
markup:
  goldmark:
    renderer:
      unsafe: false
"""

HUGO_LAYOUTS: dict[str, str] = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="__LANG__">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
{{ with .Summary }}<meta name="description" content="{{ . | plainify }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{ end }}
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.author }} by {{ . }}{{ end }}</p>
<dl class="facts">
{{ range .GetTerms "company" }}<dt>Company</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}
<dt>Outcome</dt><dd>{{ .Params.outcome }}</dd>
<dt>Apology</dt><dd>{{ .Params.apology }}</dd>
{{ with .Params.incident }}<dt>Incident</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.resolved }}<dt>Resolved</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.channels }}<dt>Channels</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
{{ with .Params.compensation }}<dt>Compensation</dt><dd>{{ if reflect.IsMap . }}{{ .amount }} {{ .currency }} {{ .note }}{{ else }}{{ . }}{{ end }}</dd>{{ end }}
</dl>
{{ with .Params.timeline }}<h2>Timeline</h2><ol class="timeline">
{{ range . }}<li><time>{{ .date }}</time> {{ with .by }}<b>{{ . }}</b>{{ end }} {{ with .via }}({{ . }}){{ end }} {{ .text }}</li>
{{ end }}</ol>{{ end }}
<div class="body">{{ .Content }}</div>
{{ with .Params.updates }}<h2>Updates</h2><ul>
{{ range . }}<li><time>{{ .date }}</time> {{ .text }}</li>
{{ end }}</ul>{{ end }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate (where site.RegularPages "Section" "stories") }}
<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time> {{ .Params.outcome }} {{ .Params.apology }}<p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ with $pager.Next }}<a href="{{ .URL }}">next</a>{{ end }}
{{ end }}
""",
    "_default/taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<table>
{{ range .Data.Terms.Alphabetical }}<tr><td><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a></td><td>{{ .Count }}</td></tr>
{{ end }}
</table>
{{ end }}
""",
    "_default/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Pages }} stories</p>
{{ $pager := .Paginate .Pages }}
<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time> {{ .Params.outcome }} {{ .Params.apology }}<p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ with $pager.Next }}<a href="{{ .URL }}">next</a>{{ end }}
{{ end }}
""",
    # Full HTML content in every feed item, like grievance's feeds (Hugo's built-in RSS
    # template only carries the summary).
    "_default/rss.xml": """\
{{- $pages := .RegularPages -}}
{{- if .IsHome -}}{{- $pages = site.RegularPages -}}{{- end -}}
{{- $pages = first site.Config.Services.RSS.Limit $pages.ByDate.Reverse -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ .Title }} | {{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ .Title }}</description>
{{ with $pages }}<lastBuildDate>{{ (index . 0).Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</lastBuildDate>{{ end }}
{{ with .OutputFormats.Get "RSS" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>{{ end }}
{{ range $pages }}<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
<guid>{{ .Permalink }}</guid>
<description>{{ .Content | transform.XMLEscape | safeHTML }}</description>
</item>
{{ end }}
</channel>
</rss>
""",
}

# The minimal Hugo site of issue #19: a page per story with its facts and timeline, the
# home list and each company's list paginated, a companies index, an RSS feed of
# summaries for the site and for each company, nothing else (no tags, no section pages,
# no sitemap).
HUGO_MINIMAL_CONFIG = """\
baseURL: "http://localhost:8000/"
locale: "{language}"
defaultContentLanguage: "{language}"
title: {title}
taxonomies:
  company: company
disableKinds: [section, sitemap, robotstxt, "404"]
outputs:
  home: [html, rss]
  taxonomy: [html]
  term: [html, rss]
pagination:
  pagerSize: {per_page}
services:
  rss:
    limit: {feed_limit}
markup:
  goldmark:
    renderer:
      unsafe: false
"""

_DESCRIPTION = '{{ with .Summary }}<meta name="description" content="{{ . | plainify }}">{{ end }}\n'

HUGO_MINIMAL_LAYOUTS: dict[str, str] = {
    **{name: text for name, text in HUGO_LAYOUTS.items() if name != "_default/rss.xml"},
    # No meta description (the summary, as grievance's pages have it): the minimal job as issue #19 set it.
    "_default/baseof.html": HUGO_LAYOUTS["_default/baseof.html"].replace(_DESCRIPTION, ""),
    "_default/rss.xml": HUGO_LAYOUTS["_default/rss.xml"].replace(
        "<description>{{ .Content | transform.XMLEscape | safeHTML }}</description>",
        "<description>{{ .Summary | transform.XMLEscape | safeHTML }}</description>"),
}

# Front-matter keys Hugo itself understands; everything else goes under `params:`.
_HUGO_TOP = ("title", "date", "slug", "summary", "draft")


def hugo_front_matter(story: Story) -> dict[str, Any]:
    meta = story.meta
    out: dict[str, Any] = {key: meta[key] for key in _HUGO_TOP if key in meta}
    out["slug"] = story.slug
    out["company"] = [story.company]
    if meta.get("tags"):
        out["tags"] = list(meta["tags"])
    params = {k: _plain(v) for k, v in meta.items() if k not in (*_HUGO_TOP, "company", "tags")}
    params["apology"] = _apology(meta.get("apology"))
    out["params"] = params
    return out


def hugo_text(story: Story) -> str:
    """A story's file in the Hugo site: content/stories/SLUG.md."""
    fm = yaml.safe_dump(hugo_front_matter(story), allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{fm}---\n{story.body}"


def export_hugo(site_dir: Path, out_dir: Path, *, title: str = "Benchmark corpus", language: str = "nl",
                minimal: bool = False) -> int:
    """Write a Hugo site for the grievance site at `site_dir` (the full job, or with
    `minimal` the minimal site of issue #19); returns the number of stories."""
    out_dir = Path(out_dir)
    stories = read_site(site_dir)
    content = out_dir / "content" / "stories"
    content.mkdir(parents=True, exist_ok=True)
    config, layouts = (HUGO_MINIMAL_CONFIG, HUGO_MINIMAL_LAYOUTS) if minimal else (HUGO_CONFIG, HUGO_LAYOUTS)
    (out_dir / "hugo.yaml").write_text(
        config.format(title=json.dumps(title), language=language, per_page=PER_PAGE, feed_limit=FEED_LIMIT),
        encoding="utf-8")
    (out_dir / "content" / "_index.md").write_text(f"---\ntitle: {json.dumps(title)}\n---\n", encoding="utf-8")
    (content / "_index.md").write_text("---\ntitle: \"Stories\"\n---\n", encoding="utf-8")
    for rel, text in layouts.items():
        target = out_dir / "layouts" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("__LANG__", language), encoding="utf-8")
    for story in stories:
        (content / f"{story.slug}.md").write_text(hugo_text(story), encoding="utf-8")
    return len(stories)


# ----------------------------------------------------------------------------- Pelican

PELICAN_CONF = """\
# Written by benchmarks/peers.py: the same job as grievance without search.
AUTHOR = {author!r}
SITENAME = {title!r}
SITEURL = "http://localhost:8000"
RELATIVE_URLS = False
PATH = "content"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = {language!r}
DEFAULT_DATE_FORMAT = "%d %B %Y"
THEME = "notmyidea"  # the default theme
WITH_FUTURE_DATES = False
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
DELETE_OUTPUT_DIRECTORY = False
DEFAULT_PAGINATION = {per_page}
SUMMARY_MAX_LENGTH = 50

FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = {feed_limit}
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/company/{{slug}}.atom.xml"
CATEGORY_FEED_RSS = "feeds/company/{{slug}}.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{{slug}}.atom.xml"
TAG_FEED_RSS = "feeds/tag/{{slug}}.rss.xml"
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

ARTICLE_URL = "stories/{{slug}}/"
ARTICLE_SAVE_AS = "stories/{{slug}}/index.html"
CATEGORY_URL = "companies/{{slug}}/"
CATEGORY_SAVE_AS = "companies/{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
PAGE_URL = "pages/{{slug}}/"
PAGE_SAVE_AS = "pages/{{slug}}/index.html"
"""


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def pelican_text(story: Story) -> str:
    meta = story.meta
    lines = [
        f"Title: {_one_line(meta['title'])}",
        f"Date: {meta['date'].isoformat() if isinstance(meta['date'], date) else meta['date']}",
        f"Category: {_one_line(story.company)}",
        f"Slug: {story.slug}",
    ]
    if meta.get("tags"):
        lines.append("Tags: " + ", ".join(str(t) for t in meta["tags"]))
    if meta.get("summary"):
        lines.append(f"Summary: {_one_line(meta['summary'])}")
    if meta.get("author"):
        lines.append(f"Author: {_one_line(meta['author'])}")
    if meta.get("draft"):
        lines.append("Status: draft")
    lines.append(f"Outcome: {meta.get('outcome')}")
    lines.append(f"Apology: {_apology(meta.get('apology'))}")
    return "\n".join(lines) + "\n\n" + story.body


def export_pelican(site_dir: Path, out_dir: Path, *, title: str = "Benchmark corpus", language: str = "nl",
                   author: str = "Benchmark") -> int:
    """Write a Pelican site for the grievance site at `site_dir`; returns the number of stories."""
    out_dir = Path(out_dir)
    stories = read_site(site_dir)
    content = out_dir / "content"
    content.mkdir(parents=True, exist_ok=True)
    (out_dir / "pelicanconf.py").write_text(
        PELICAN_CONF.format(author=author, title=title, language=language, per_page=PER_PAGE,
                            feed_limit=FEED_LIMIT), encoding="utf-8")
    for story in stories:
        (content / f"{story.slug}.md").write_text(pelican_text(story), encoding="utf-8")
    return len(stories)
