"""Edits a blogger makes to a site, one function per kind, for the incremental-build
benchmark (run.py) and the randomized incremental test (tests/test_incremental_random.py).

    edit(site, kind, rng) -> a one-line description of what was changed

Every edit keeps the site valid (a build of it succeeds): front-matter is read with
PyYAML, changed as a value and written back, so dates stay in order and an outcome
other than `resolved` drops the `resolved` date. All randomness comes from `rng`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml

STORY_KINDS = ("body", "timeline", "summary", "title", "outcome", "company", "tags", "new", "delete")
KINDS = (*STORY_KINDS, "rename", "date", "draft", "update", "company-file", "site-yaml", "template")
TEMPLATES = ("story.html", "company.html", "base.html", "tag.html", "timeline.html", "home.html")
WORDS = ("storing", "monteur", "factuur", "excuses", "wachttijd", "korting", "modem", "brief",
         "klantenservice", "glasvezel", "meterstand", "belofte", "antwoord", "overstap")


def stories_of(site: Path) -> list[Path]:
    return sorted((site / "content" / "stories").rglob("*.md"))


def _split(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _join(path: Path, front: dict[str, object], body: str) -> None:
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8", newline="\n")


def _published(site: Path) -> list[Path]:
    """Stories that are built (not drafts), the only ones an edit shows in."""
    return [p for p in stories_of(site) if not _split(p)[0].get("draft")]


def _companies(site: Path) -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((site / "content" / "companies").glob("*.yaml"))]


def _sentence(rng: random.Random, words: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _front(edit: Callable[[dict[str, object], random.Random], str]) -> Callable[[Path, random.Random, Path | None], str]:
    def run(site: Path, rng: random.Random, story: Path | None = None) -> str:
        path = story if story is not None else rng.choice(_published(site))
        front, body = _split(path)
        what = edit(front, rng)
        _join(path, front, body)
        return f"{what} in {path.name}"
    return run


def _last_date(front: dict[str, object]) -> date:
    dates = [front["date"], *(e["date"] for e in front.get("timeline", ()) or ())]  # type: ignore[union-attr]
    return max(d for d in dates if isinstance(d, date))


@_front
def _timeline(front: dict[str, object], rng: random.Random) -> str:
    events = list(front.get("timeline") or ())  # type: ignore[call-overload]
    when = max([e["date"] for e in events] or [front["date"]])
    events.append({"date": when, "by": rng.choice(["me", "company"]), "text": _sentence(rng)})
    front["timeline"] = events
    return "timeline event added"


@_front
def _summary(front: dict[str, object], rng: random.Random) -> str:
    front["summary"] = _sentence(rng, 12)
    return "summary changed"


@_front
def _title(front: dict[str, object], rng: random.Random) -> str:
    front["title"] = _sentence(rng, 5)[:-1]
    return "title changed"


@_front
def _outcome(front: dict[str, object], rng: random.Random) -> str:
    choices = [o for o in ("open", "resolved", "unresolved", "gave-up") if o != front.get("outcome")]
    front["outcome"] = rng.choice(choices)
    if front["outcome"] != "resolved":
        front.pop("resolved", None)
    return f"outcome {front['outcome']}"


@_front
def _tags(front: dict[str, object], rng: random.Random) -> str:
    tags = list(front.get("tags") or ())  # type: ignore[call-overload]
    if tags and rng.random() < 0.4:
        tags.remove(rng.choice(tags))
    else:
        tags.append(rng.choice([*WORDS, "nieuw-label"]))
    front["tags"] = list(dict.fromkeys(tags))
    return "tags changed"


@_front
def _date(front: dict[str, object], rng: random.Random) -> str:
    front["date"] = _last_date(front) + timedelta(days=rng.randint(0, 400))
    return "date changed"


@_front
def _draft(front: dict[str, object], _rng: random.Random) -> str:
    front["draft"] = True
    return "made a draft"


@_front
def _update(front: dict[str, object], rng: random.Random) -> str:
    updates = list(front.get("updates") or ())  # type: ignore[call-overload]
    when = max([u["date"] for u in updates] or [front["date"]]) + timedelta(days=rng.randint(1, 60))
    updates.append({"date": min(when, date(2025, 12, 31)), "text": _sentence(rng)})
    front["updates"] = updates
    return "update added"


def _company(site: Path, rng: random.Random, story: Path | None = None) -> str:
    names = [str(c["name"]) for c in _companies(site)]

    def change(front: dict[str, object], rng: random.Random) -> str:
        front["company"] = rng.choice([n for n in names if n != front.get("company")] or names)
        return f"company {front['company']}"
    return _front(change)(site, rng, story)


def _body(site: Path, rng: random.Random, story: Path | None = None) -> str:
    path = story if story is not None else rng.choice(_published(site))
    path.write_text(path.read_text(encoding="utf-8") + f"\n{_sentence(rng, 9)}\n", encoding="utf-8", newline="\n")
    return f"body sentence added in {path.name}"


def _new(site: Path, rng: random.Random, _story: Path | None = None) -> str:
    company = rng.choice(_companies(site))["name"]
    published = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
    slug = f"nieuw-{rng.randrange(10**9):09d}"
    front = {"title": _sentence(rng, 4)[:-1], "company": company, "date": published,
             "outcome": rng.choice(["open", "unresolved"]), "apology": "no", "tags": [rng.choice(WORDS)]}
    path = site / "content" / "stories" / str(published.year) / f"{published.isoformat()}-{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    _join(path, front, f"{_sentence(rng, 10)}\n\n{_sentence(rng, 7)}\n")
    return f"new story {path.name}"


def _delete(site: Path, rng: random.Random, story: Path | None = None) -> str:
    path = story if story is not None else rng.choice(stories_of(site))
    path.unlink()
    return f"deleted {path.name}"


def _rename(site: Path, rng: random.Random, story: Path | None = None) -> str:
    path = story if story is not None else rng.choice(stories_of(site))
    target = path.with_name(path.stem + f"-r{rng.randrange(1000)}.md")
    path.rename(target)
    return f"renamed {path.name} to {target.name}"


def _company_file(site: Path, rng: random.Random, _story: Path | None = None) -> str:
    path = rng.choice(sorted((site / "content" / "companies").glob("*.yaml")))
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    choice = rng.choice(["sector", "description", "name"])
    if choice == "sector":
        record["sector"] = rng.choice(["telecom", "energie", "water", "bank", "nieuwe-sector"])
    elif choice == "description":
        record["description"] = _sentence(rng, 8)
    else:  # stories name it by name, alias or slug: some of them now name an unknown company
        record["name"] = f"{record['name']} {rng.choice(['Groep', 'NL', 'Diensten'])}"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8", newline="\n")
    return f"{choice} of {path.name} changed"


def _site_yaml(site: Path, rng: random.Random, _story: Path | None = None) -> str:
    path = site / "site.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    choice = rng.choice(["title", "pagination", "feeds"])
    if choice == "title":
        config["title"] = f"Klachten {rng.randrange(100)}"
    elif choice == "pagination":
        config["pagination"] = {"per_page": rng.randint(3, 12)}
    else:
        config["feeds"] = {"limit": rng.randint(2, 8)}
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8", newline="\n")
    return f"site.yaml {choice} changed"


def _template(site: Path, rng: random.Random, _story: Path | None = None) -> str:
    from generator.output.render import default_theme_dir

    name = rng.choice(TEMPLATES)
    target = site / "themes" / "default" / name
    source = target if target.is_file() else default_theme_dir() / name
    text = source.read_text(encoding="utf-8")
    marker = f"<!-- edit {rng.randrange(10**6)} -->"
    # Before the last tag closing: a visible change in every page the template renders.
    at = text.rfind("{% endblock")
    text = text[:at] + marker + "\n" + text[at:] if at >= 0 else text + marker + "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    return f"template {name} changed"


EDITS: dict[str, Callable[..., str]] = {
    "body": _body, "timeline": _timeline, "summary": _summary, "title": _title, "outcome": _outcome,
    "company": _company, "tags": _tags, "new": _new, "delete": _delete, "rename": _rename, "date": _date,
    "draft": _draft, "update": _update, "company-file": _company_file, "site-yaml": _site_yaml,
    "template": _template,
}


def edit(site: Path, kind: str, rng: random.Random, story: Path | None = None) -> str:
    """Site folder, edit kind (KINDS), randomness (and the story to edit, for story
    edits) -> the edit made, described in one line."""
    return EDITS[kind](site, rng, story)

