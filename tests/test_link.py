"""link: company matching, unique slugs, drafts and future stories, groupings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.site.link import link_site
from generator.model import Apology, Company, Language, Outcome, SiteConfig, Story

CONFIG = SiteConfig()
TODAY = date(2026, 1, 1)


def story(slug: str, *, company: str = "Glasnet", when: date = date(2015, 1, 1), **fields: object) -> Story:
    base = Story(
        source=f"content/stories/{slug}.md", slug=slug, title=slug.title(), company=company, date=when,
        outcome=Outcome.OPEN, apology=Apology.NO, author="", language=Language.NL, summary="",
        body_html="", company_line=3,
    )
    return replace(base, **fields)


GLASNET = Company(slug="glasnet", name="Glasnet", aliases=("Glas Net",), sector="Telecom",
                  source="content/companies/glasnet.yaml")
STROOM = Company(slug="stroomtij", name="Stroomtij Energie", sector="energie", parent="glasnet",
                 source="content/companies/stroomtij.yaml")


def link(stories: list[Story], companies: list[Company] = [GLASNET, STROOM], **kw: object):
    return link_site(CONFIG, stories, companies, today=TODAY, now=TODAY, **kw)


def test_company_matched_by_name_alias_or_slug_case_insensitively() -> None:
    site, problems = link([story("a", company="GLASNET"), story("b", company="glas net"),
                           story("c", company="stroomtij")])
    assert problems == []
    assert [s.company_slug for s in site.stories] == ["glasnet", "glasnet", "stroomtij"]
    assert [s.slug for s in site.by_company["glasnet"]] == ["a", "b", "c"]  # c: its subsidiary Stroomtij


def test_unknown_company_gets_a_page_and_a_warning() -> None:
    site, problems = link([story("a", company="Enecoo Stroom")])
    assert [str(p) for p in problems] == [
        "content/stories/a.md:3: warning: company 'Enecoo Stroom' has no record in content/companies/"]
    assert site.company("enecoo-stroom").name == "Enecoo Stroom"
    assert site.company("enecoo-stroom").source == ""


def test_duplicate_slug_names_both_files() -> None:
    first = story("kpn", source="content/stories/2015-kpn.md")
    second = story("kpn", source="content/stories/2016/kpn.md")
    _, problems = link([second, first])
    assert [str(p) for p in problems] == [
        "content/stories/2016/kpn.md: duplicate slug 'kpn' (also content/stories/2015-kpn.md)"]


def test_drafts_and_future_stories_left_out_unless_drafts() -> None:
    stories = [story("a"), story("b", draft=True), story("c", when=date(2026, 1, 2))]
    site, _ = link(stories)
    assert [s.slug for s in site.stories] == ["a"]
    site, _ = link(stories, drafts=True)
    assert [s.slug for s in site.stories] == ["c", "a", "b"]


def test_stories_newest_first_then_by_slug() -> None:
    site, _ = link([story("b", when=date(2015, 1, 1)), story("a", when=date(2015, 1, 1)),
                    story("z", when=date(2016, 1, 1))])
    assert [s.slug for s in site.stories] == ["z", "a", "b"]


def test_tags_and_sectors_grouped_by_slug() -> None:
    site, _ = link([story("a", tags=("Glasvezel", "storing")), story("b", tags=("glasvezel",), company="Stroomtij Energie")])
    assert [(t.slug, t.name) for t in site.tags] == [("glasvezel", "Glasvezel"), ("storing", "storing")]
    assert [s.slug for s in site.by_tag["glasvezel"]] == ["a", "b"]
    assert [t.slug for t in site.sectors] == ["energie", "telecom"]
    assert [s.slug for s in site.by_sector["telecom"]] == ["a"]


def test_companies_without_stories_still_have_a_group() -> None:
    site, _ = link([story("a")])
    assert site.by_company["stroomtij"] == ()


def test_missing_parent_and_clashing_alias_are_errors() -> None:
    orphan = replace(STROOM, parent="nobody", line=1)
    clash = Company(slug="other", name="Other", aliases=("glasnet",), source="content/companies/other.yaml")
    _, problems = link([], [GLASNET, orphan, clash])
    assert sorted(str(p) for p in problems) == [
        "content/companies/other.yaml:1: 'glasnet' already names company 'Glasnet' (content/companies/glasnet.yaml)",
        "content/companies/stroomtij.yaml:1: parent: no company with slug 'nobody'",
    ]


def test_one_no_record_warning_per_company_with_the_story_count() -> None:
    stories = [story("c", company="Waterlijn"), story("a", company="waterlijn"), story("b", company="Waterlijn"),
               story("d", company="Enecoo Stroom")]
    site, problems = link(stories)
    assert [str(p) for p in problems] == [
        "content/stories/a.md:3: warning: company 'waterlijn' has no record in content/companies/ (3 stories)",
        "content/stories/d.md:3: warning: company 'Enecoo Stroom' has no record in content/companies/",
    ]
    assert len(site.by_company["waterlijn"]) == 3


def test_an_unknown_company_close_to_a_known_one_gets_a_hint() -> None:
    ziggo = Company(slug="ziggo", name="Ziggo", source="content/companies/ziggo.yaml")
    _, problems = link([story("a", company="Zigo"), story("b", company="Glasnett")], [GLASNET, ziggo])
    assert [str(p) for p in problems] == [
        "content/stories/a.md:3: warning: company 'Zigo' has no record in content/companies/ (did you mean 'Ziggo'?)",
        "content/stories/b.md:3: warning: company 'Glasnett' has no record in content/companies/ "
        "(did you mean 'Glasnet'?)",
    ]


def test_a_parent_company_holds_its_subsidiaries_cases() -> None:
    kabel = Company(slug="kabelwerk", name="Kabelwerk", parent="stroomtij", source="content/companies/kabelwerk.yaml")
    stories = [story("a"), story("b", company="Stroomtij Energie", when=date(2015, 2, 1)),
               story("c", company="Kabelwerk", when=date(2015, 3, 1))]
    site, problems = link(stories, [GLASNET, STROOM, kabel])
    assert problems == []
    assert [s.slug for s in site.by_company["glasnet"]] == ["c", "b", "a"]  # grandchild too, site order
    assert [s.slug for s in site.by_company["stroomtij"]] == ["c", "b"]
    assert [s.slug for s in site.by_company["kabelwerk"]] == ["c"]


def test_a_parent_cycle_does_not_loop() -> None:
    one = Company(slug="een", name="Een", parent="twee", source="content/companies/een.yaml")
    two = Company(slug="twee", name="Twee", parent="een", source="content/companies/twee.yaml")
    site, _ = link([story("a", company="Een")], [one, two])
    assert [s.slug for s in site.by_company["een"]] == ["a"] and [s.slug for s in site.by_company["twee"]] == ["a"]


def test_a_parent_named_by_its_alias_is_linked_by_slug() -> None:
    from generator.site.link import subsidiaries_below

    child = Company(slug="kabelwerk", name="Kabelwerk", parent="Glas Net", source="content/companies/kabelwerk.yaml")
    site, problems = link([story("a", company="Kabelwerk")], [GLASNET, child])
    assert problems == []
    assert site.company("kabelwerk").parent == "glasnet"
    assert [s.slug for s in site.by_company["glasnet"]] == ["a"]
    assert subsidiaries_below(site, site.companies) == {"glasnet": (site.company("kabelwerk"),)}


def test_a_linked_story_is_the_parsed_one_with_its_company_slug_and_nothing_else() -> None:
    """link fills in company_slug and changes nothing else: the linked story is what
    dataclasses.replace gives, a new value, the parsed one left as it was."""
    parsed = story("a", company="Glasnet")
    site, _ = link([parsed])
    [linked] = site.stories
    assert linked == replace(parsed, company_slug="glasnet") and linked is not parsed
    assert parsed.company_slug != "glasnet" and linked.modified == parsed.modified
