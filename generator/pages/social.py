"""A story -> what link previews show (pure): its social card's text, and the image
`og:image` names: the story's own first image when it has one, else its card."""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import format_days, label, strings
from generator.model import Company, Outcome, Site, Story
from generator.site.stats import days_open, days_to_resolve
from generator.urls import Urls


WIDTH, HEIGHT = 1200, 630  # a social card, as Open Graph and Twitter/X show it large


@dataclass(frozen=True)
class CardText:
    """Everything a card shows, as text (output/cards.py draws it): its value is its cache key."""

    company: str
    title: str
    outcome: str  # Outcome value: picks the accent colour
    outcome_label: str  # 'Opgelost'
    figure: str  # the outcome with its days: 'Opgelost na 8 dagen', '4.018 dagen open'; '' when none
    site: str  # the site's title, at the bottom


@dataclass(frozen=True)
class SocialImage:
    url: str  # absolute
    width: int = 0  # 0: not known (a story's own image)
    height: int = 0
    alt: str = ""


def card_text(site: Site, story: Story, company: Company) -> CardText:
    """Story -> its card's text, in the story's own language: company, title, outcome
    and the days it has been open or took to resolve."""
    language = story.language
    text = strings(language)
    figure = ""
    if story.outcome is Outcome.OPEN and (open_days := days_open(story, site.now)) is not None:
        figure = text["card_open"].format(days=format_days(open_days, language))
    elif (took := days_to_resolve(story)) is not None:
        figure = text["card_resolved"].format(days=format_days(took, language))
    return CardText(company=company.name, title=story.title, outcome=str(story.outcome),
                    outcome_label=label(story.outcome, language), figure=figure, site=site.config.title)


def social_image(urls: Urls, story: Story, card: CardText | None) -> SocialImage | None:
    """Story, its card (None: the site draws none) -> the image link previews show, if any."""
    if story.images:
        return SocialImage(urls.absolute(urls.file(story.images[0][1])))
    if card is None:
        return None
    alt = " · ".join(part for part in (card.company, card.title, card.figure or card.outcome_label) if part)
    return SocialImage(urls.absolute(urls.card(story)), WIDTH, HEIGHT, alt)
