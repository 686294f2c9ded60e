"""schema.org JSON-LD for story and company pages, as plain dicts.

Serialising is the template's job (Jinja2's `tojson` escapes `<`, `>`, `&` and `'` as
`\\u003c`...), so story text can never close the `<script>` element; `dumps_jsonld` does
the same for callers outside a template.
"""

from __future__ import annotations

import json
from typing import Any

from generator.model import Company, Story
from generator.urls import Urls

_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"}


def organization(company: Company, urls: Urls) -> dict[str, Any]:
    """Company -> a schema.org Organization: its page as url, its website as sameAs."""
    data: dict[str, Any] = {
        "@type": "Organization", "name": company.name, "url": urls.absolute(urls.company(company)),
    }
    if company.website:
        data["sameAs"] = [company.website]
    return data


def story_jsonld(story: Story, company: Company, urls: Urls) -> dict[str, Any]:
    """Story, its company -> a schema.org Review of the company."""
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Review", "headline": story.title,
        "name": story.title, "url": urls.absolute(urls.story(story)),
        "datePublished": story.date.isoformat(), "dateModified": story.modified.isoformat(),
        "inLanguage": str(story.language), "itemReviewed": organization(company, urls),
    }
    if story.summary:
        data["description"] = story.summary
    if story.author:
        data["author"] = {"@type": "Person", "name": story.author}
    if story.tags:
        data["keywords"] = ", ".join(story.tags)
    return data


def company_jsonld(company: Company, urls: Urls) -> dict[str, Any]:
    """Company -> a schema.org Organization document."""
    return {"@context": "https://schema.org", **organization(company, urls)}


def dumps_jsonld(data: dict[str, Any]) -> str:
    """JSON-LD dict -> text safe inside `<script type="application/ld+json">`."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text
