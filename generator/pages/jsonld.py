"""schema.org JSON-LD for story and company pages, as plain dicts.

Serialising is the template's job (Jinja2's `tojson` escapes `<`, `>`, `&` and `'` as
`\\u003c`...), so story text can never close the `<script>` element.
"""

from __future__ import annotations

from typing import Any

from generator.model import Company, Story
from generator.urls import Urls


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

