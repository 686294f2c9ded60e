"""The desk's HTML: Jinja2 templates beside this module (never part of a site's theme),
autoescaped, strict, and in the site's language."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.i18n import label
from generator.model import Actor, Apology, Channel, Language, Outcome
from generator.serve.review import catalog
from generator.serve.review.form import KEYS, compensation_fields, shown
from generator.serve.review.frontmatter import FrontMatterFile, paragraphs
from generator.serve.review.words import words

DESK = "/__grievance__/review/"
SORTS = ("file", "title", "company", "date", "review", "warnings")


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, language: Language, **values: Any) -> bytes:
    base = {"lang": language.value, "w": words(language), "site_title": values.pop("site_title", "")}
    return _environment().get_template(template).render(**base, **values).encode("utf-8")


def form_url(path: str) -> str:
    return f"{DESK}story?file={quote(path)}"


def list_page(language: Language, items: list[catalog.Entry], *, q: str, key: str, sort: str, site_title: str,
              message: str = "") -> bytes:
    w = words(language)
    counts = w["counts"].format(drafts=sum(e.draft for e in items), review=sum(bool(e.review) for e in items),
                                keys=sum(len(e.review) for e in items), warnings=sum(len(e.warnings) for e in items))
    keys = sorted({k for e in items for k in e.review})
    needle = q.casefold()
    shown_items = [e for e in catalog.walk_sorted(items, sort)
                   if (not needle or needle in e.title.casefold() or needle in e.company.casefold())
                   and (not key or key in e.review)]
    rows = [{**e.__dict__, "href": form_url(e.path)} for e in shown_items]
    sorts = [(name, w.get(name, name)) for name in SORTS]
    return render("list.html", language, heading=w["stories"], counts=counts, rows=rows, q=q, key_filter=key,
                  review_keys=keys, sort=sort if sort in SORTS else "file", sorts=sorts, site_title=site_title,
                  message=message)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _values(edited: FrontMatterFile) -> dict[str, Any]:
    values = edited.values()
    amount, currency, note = compensation_fields(values.get("compensation"))
    comments = edited.item_comments("timeline")
    events, tags, channels = (_list(values.get(key)) for key in ("timeline", "tags", "channels"))
    return {**{key: shown(values.get(key)) for key in ("title", "date", "company", "outcome", "apology", "author",
                                                       "incident", "resolved")},
            "amount": amount, "currency": currency, "compensation": note, "tags": ", ".join(map(str, tags)),
            "channels": [str(c) for c in channels],
            "timeline": [{"date": shown(e.get("date")), "by": shown(e.get("by")), "via": shown(e.get("via")),
                          "text": shown(e.get("text")), "comment": comments[n] if n < len(comments) else ""}
                         for n, e in enumerate(events) if isinstance(e, dict)]}


def story_page(language: Language, *, relative: str, version: str, edited: FrontMatterFile, token: str,
               neighbours: tuple[str, str], page_url: str, warnings: list[str], choices: list[catalog.CompanyChoice],
               message: str = "", error: str = "", site_title: str = "") -> bytes:
    w = words(language)
    values = _values(edited)
    review = [str(k) for k in edited.values().get("review") or ()]
    company = catalog.find_company(choices, values["company"]) if values["company"] else None
    if company is None:
        status = w["no_record"]
    elif company.record:
        status = w["record"]
    else:
        status = w["shipped"].format(sector=company.sector or "?", website=company.website or "?")
    blocks = [(n, text.strip()) for n, text in enumerate(paragraphs(edited.body)) if text.strip()]
    return render("story.html", language, heading=values["title"] or relative, file=relative, version=version,
                  fields=" ".join(KEYS),
                  token=token, v=values, review=review, comments=edited.comments(), companies=choices,
                  company_status=status, can_add_company=bool(values["company"]) and (company is None or not company.record),
                  outcomes=[(o.value, label(o, language)) for o in Outcome],
                  apologies=[(a.value, label(a, language)) for a in Apology],
                  channels=[(c.value, label(c, language)) for c in Channel],
                  actors=[(a.value, label(a, language)) for a in Actor],
                  paragraphs=blocks, previous=neighbours[0], next=neighbours[1], page_url=page_url,
                  warnings=warnings, message=message, error=error, site_title=site_title)


def banner(language: Language, *, review: tuple[str, ...], draft: bool, link: str) -> bytes:
    """The strip `serve` puts on a draft's page or one with keys under review."""
    from html import escape

    w = words(language)
    parts = [f"<strong>{escape(w['banner_draft'])}</strong>"] if draft else []
    if review:
        parts.append(escape(w["banner_review"].format(keys=", ".join(review))))
    parts.append(f'<a href="{escape(link)}" target="_top">{escape(w["banner_link"])}</a>' if link
                 else escape(w["banner_off"]))
    return ('<link rel="stylesheet" href="/__grievance__/review/banner.css">'
            f'<aside class="grievance-review-banner" lang="{language.value}">{" · ".join(parts)}</aside>').encode()
