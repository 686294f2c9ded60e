"""Plain-text and Markdown posts: title, byline, dates, and each kind of blog junk removed."""

from __future__ import annotations

from datetime import date

import pytest

from generator.importer.junk import clean, is_widget
from generator.importer.text import byline, hard_wrapped, parse_text
from tests.import_corpus import MARKDOWN_EN, MARKDOWN_NL, TEXT_EN, TEXT_NL


def _parse(text: str, source: str = "../oud/post.txt"):
    return parse_text(text, source=source, name="post.txt")


def test_dutch_text_post_title_twice_byline_and_every_kind_of_junk() -> None:
    post = _parse(TEXT_NL, source="https://anna.example/2019/03/acht-dagen/")
    assert (post.title, post.date, post.author) == (
        "Acht dagen zonder internet bij Glasnet", date(2019, 3, 3), "Anna de Vries")
    assert post.body == (
        "Op 20 februari 2019 viel mijn internet bij Glasnet uit. Eerst keek ik op "
        "[de storingspagina](https://anna.example/2019/storingen/).\n\n"
        "Daarna heb ik drie keer gebeld met de klantenservice.\n\n"
        "8 dagen later kwam er eindelijk een monteur.\n\n"
        "Wat hij deed:\n\n"
        "- het modem vervangen\n"
        "- de kabel in de meterkast gecontroleerd\n\n"
        "Na acht dagen was het eindelijk opgelost. Ik kreeg 6 euro korting, maar geen excuses.")


def test_english_text_post_drops_newsletter_widgets_and_the_author_bio() -> None:
    post = _parse(TEXT_EN)
    assert (post.title, post.date, post.author) == ("Three weeks of waiting for Stroomwerk", date(2014, 3, 3), "Jane Doe")
    assert post.body == (
        "On February 10, 2014 my meter reading was booked twice by Stroomwerk.\n\n"
        "I called their customer service and sent an email. A month later nothing had changed.\n\n"
        "In the end I gave up and switched to Glasnet. Not even an apology from Stroomwerk.")


def test_relative_raw_links_stay_relative_when_the_post_url_is_unknown() -> None:
    post = _parse('Titel\nZie <a href="../../path/" rel="nofollow">hier</a> en <a href="https://x.example/">daar</a>.\n')
    assert post.body == "Zie [hier](../../path/) en [daar](https://x.example/)."


def test_hard_wrapped_markdown_keeps_its_paragraphs_and_drops_the_byline() -> None:
    post = _parse(MARKDOWN_NL)
    assert (post.title, post.date, post.author) == ("Stroomwerk rekende twee keer af", date(2021, 1, 12), "Piet Jansen")
    assert post.body == (
        "Op 2 januari 2021 zag ik dat Stroomwerk mijn voorschot twee keer had afgeschreven. Ik\n"
        "vulde het klachtenformulier in en kreeg een standaardmail terug.\n\n"
        "Het probleem is nog steeds niet opgelost. Een soort excuses kregen we wel, in een\n"
        "brief van twee regels.")


def test_jekyll_front_matter_gives_title_date_and_tags() -> None:
    post = _parse(MARKDOWN_EN)
    assert (post.title, post.date, post.tags) == (
        "Glasnet moved my number to another provider", date(2020, 6, 1), ("porting", "mobile", "Telecom"))
    assert post.body.startswith("On 12 May 2020 my number was ported away")


def test_no_date_anywhere_leaves_the_date_unknown() -> None:
    post = _parse("Kapotte wasmachine\nDe wasmachine is kapot.\nNiemand belt terug.\n")
    assert post.date is None
    assert post.body == "De wasmachine is kapot.\n\nNiemand belt terug."


def test_a_first_line_that_is_a_sentence_is_not_a_title() -> None:
    post = _parse("Gisteren belde ik voor de vierde keer met de klantenservice, maar niemand wist ervan.\nEinde.\n")
    assert post.title == ""
    assert post.body.startswith("Gisteren belde ik")


@pytest.mark.parametrize(("line", "expected"), [
    ("• 3 maart 2019 • Voornaam Achternaam", (date(2019, 3, 3), "Voornaam Achternaam")),
    ("Posted on March 3, 2014 by Jane Doe", (date(2014, 3, 3), "Jane Doe")),
    ("Door Piet van der Berg | 12 januari 2021", (date(2021, 1, 12), "Piet van der Berg")),
    ("Geplaatst op maandag 4 mei 2020 om 10:12", (date(2020, 5, 4), "")),
    ("3 maart 2019", (date(2019, 3, 3), "")),
    ("Op 3 maart 2019 belde ik de klantenservice voor de tweede keer op", None),
    ("Gewoon een zin zonder datum", None),
])
def test_byline(line: str, expected: tuple[date, str] | None) -> None:
    assert byline(line) == expected


@pytest.mark.parametrize("line", ["Geef een reactie", "0 Comments", "Leave a Reply.", "comments powered by Disqus",
                                  "Please enable JavaScript to view the comments powered by Disqus.", "3 reacties",
                                  "Laat een reactie achter", "Share this:", "Vind ik leuk:", "Delen:", "Like this:",
                                  "[Leave a comment](https://post.example/p/geen-sorry/comments)",
                                  "[**Deel dit bericht**](https://post.example/p/geen-sorry?action=share)",
                                  "Report this ad", "Advertenties", "Deze advertentie melden"])
def test_comment_and_share_widget_lines(line: str) -> None:
    assert is_widget(line)


@pytest.mark.parametrize("line", ["Ik heb drie reacties gekregen van de klantenservice.", "Reacties van Glasnet: nul.",
                                  "Leave a reply to the company? I did, twice.", "[Glasnet](https://glasnet.example/)"])
def test_the_authors_sentences_are_not_widgets(line: str) -> None:
    assert not is_widget(line)


def test_scraped_script_text_in_the_middle_of_a_post_is_removed() -> None:
    text = ("Eerste alinea.\n\n<!--//<![CDATA[\n var m3_u = 'x';\n document.write ('<scr'+'ipt>');\n//]]>-->\n"
            "Tweede alinea.\n(adsbygoogle = window.adsbygoogle || []).push({});\n\n"
            "if (typeof(ad)=='undefined') { ad = {}; } document.write(''); // ]]>\nDerde alinea.")
    assert clean(text) == "Eerste alinea.\n\nTweede alinea.\n\nDerde alinea."


def test_paywall_and_newsletter_blocks_go_but_long_paragraphs_that_mention_them_stay() -> None:
    own = ("Ik heb mijn abonnement opgezegd en me ook afgemeld voor de nieuwsbrief, want na acht weken wachten op "
           "een monteur was ik het echt zat. De klantenservice beloofde steeds terug te bellen, maar deed dat nooit, "
           "en ook de chat gaf alleen standaardantwoorden zonder enige oplossing voor mijn probleem.")
    text = f"Begin.\n\nLees verder met een abonnement. Word nu abonnee!\n\n{own}\n\nSubscribe to our newsletter"
    assert clean(text) == f"Begin.\n\n{own}"


def test_a_closing_bron_line_goes_but_one_in_the_middle_stays() -> None:
    assert clean("Alinea.\n\nBron: het eigen archief\n\nMeer.\n\nBron: eigen ervaring") == \
        "Alinea.\n\nBron: het eigen archief\n\nMeer."


@pytest.mark.parametrize(("text", "expected"), [
    ("Een zin die doorloopt op\nde volgende regel, zoals in\neen e-mail.\n\nNieuwe alinea.", True),
    ("Eerste zin.\nTweede zin.\nDerde zin.", False),
])
def test_hard_wrapped(text: str, expected: bool) -> None:
    assert hard_wrapped(text.split("\n")) is expected


JEKYLL_HTML = """\
---
layout: post
title: "De meterkast van Stroomwerk"
date: 2015-12-16 10:12:00 +0100
categories: [energie]
tags: [meter]
---
<p>Op 1 december 2015 meldde ik bij <a href="/stroomwerk/">Stroomwerk</a> dat mijn meter stuk was.</p>
<ul>
<li>drie monteurs</li>
<li>nul oplossingen</li>
</ul>
<p>Ik geef het op.<br />
Geen sorry, niets.</p>
"""


def test_a_jekyll_post_written_in_html_is_converted_as_html() -> None:
    post = parse_text(JEKYLL_HTML, source="https://oud.example/2015/12/meterkast/", name="2015-12-16-meterkast.html")
    assert (post.title, post.date, post.tags) == ("De meterkast van Stroomwerk", date(2015, 12, 16), ("meter", "energie"))
    assert post.body == ("Op 1 december 2015 meldde ik bij [Stroomwerk](https://oud.example/stroomwerk/) dat mijn meter "
                         "stuk was.\n\n- drie monteurs\n- nul oplossingen\n\nIk geef het op.  \nGeen sorry, niets.")


def test_a_post_saved_as_an_html_fragment_is_converted_and_its_heading_is_the_title() -> None:
    fragment = ('<h1>Een brief aan Waterlijn</h1><div class="captioned-image-container"><figure>'
                '<img src="https://cdn.example/brief.png"/></figure></div>'
                "<p>Op 5 juni 2022 stuurde ik Waterlijn een brief.</p><p>Nooit antwoord gekregen.</p>")
    post = parse_text(fragment, source="posts/1234.een-brief.html", name="1234.een-brief.html")
    assert post.title == "Een brief aan Waterlijn"
    assert post.body == ("![](https://cdn.example/brief.png)\n\nOp 5 juni 2022 stuurde ik Waterlijn een brief.\n\n"
                         "Nooit antwoord gekregen.")


def test_markdown_with_a_little_html_in_it_stays_markdown() -> None:
    post = _parse("# Titel\n\nGewoon *markdown* met <span>een span</span>.\nEn een regel.\n\n- een\n- twee\n")
    assert post.title == "Titel"
    assert post.body == "Gewoon *markdown* met <span>een span</span>.\n\nEn een regel.\n\n- een\n- twee"


def test_a_hugo_post_with_toml_front_matter_in_a_page_bundle() -> None:
    hugo = ('+++\ntitle = "Drie weken wachten op Waterlijn"\ndate = 2021-07-03T10:00:00+02:00\ndraft = true\n'
            'tags = ["water", "storing"]\nauthors = ["Sanne Vos", "Piet"]\n+++\n\nOp 1 juli 2021 viel het water uit.\n')
    post = parse_text(hugo, source="../hugo/content/posts/2021-07-03-drie-weken/index.md", name="index.md")
    assert (post.title, post.date, post.draft, post.tags, post.author, post.slug, post.body) == (
        "Drie weken wachten op Waterlijn", date(2021, 7, 3), True, ("water", "storing"), "Sanne Vos", "drie-weken",
        "Op 1 juli 2021 viel het water uit.")


def test_a_jekyll_post_without_a_date_takes_date_and_slug_from_its_file_name() -> None:
    post = parse_text('---\nlayout: post\ntitle: "Geen sorry"\nauthor: [Marieke Bos]\n---\nHet bleef stil.\n',
                      source="../jekyll/_posts/2015-12-16-geen-sorry.markdown", name="2015-12-16-geen-sorry.markdown")
    assert (post.title, post.date, post.slug, post.author, post.body) == (
        "Geen sorry", date(2015, 12, 16), "geen-sorry", "Marieke Bos", "Het bleef stil.")
    written = parse_text("---\ntitle: x\ndate: 2016-01-02\nslug: eigen\n---\nTekst.\n", source="a", name="2015-12-16-y.md")
    assert (written.date, written.slug) == (date(2016, 1, 2), "eigen")
    bundle = parse_text("---\ntitle: x\n---\nTekst.\n", source="../hugo/content/posts/geen-sorry/index.md", name="index.md")
    assert (bundle.date, bundle.slug) == (None, "geen-sorry")


@pytest.mark.parametrize(("line", "expected"), [
    ("Op 1 juli 2021 viel het water uit.", None),
    ("Geplaatst op 3 maart 2019.", (date(2019, 3, 3), "")),
    ("3 maart 2019 door Anna de Vries.", (date(2019, 3, 3), "Anna de Vries")),
])
def test_a_sentence_with_a_date_is_no_byline(line: str, expected: object) -> None:
    assert byline(line) == expected


def test_front_matter_with_one_value_that_does_not_load_gives_the_rest_and_stays_out_of_the_body() -> None:
    """jekyll-import keeps a WordPress post's comments in its front-matter; one of a thousand
    may hold what YAML refuses (`content: =`)."""
    text = ("---\nauthor: marieke\ncomments:\n- author: Kees\n  author_email: kees@mail.example\n  content: =\n"
            "- author: Els\n  content: Herkenbaar.\ndate: 2015-12-16 09:30:00 +0100\ntags:\n- Glasvezel\n"
            "title: Geen sorry van Glasnet\n---\nTwee weken zonder internet.\n")
    post = _parse(text, source="../oud/2015-12-16-geen-sorry.markdown")
    assert (post.title, post.date, post.author, post.tags, post.body) == (
        "Geen sorry van Glasnet", date(2015, 12, 16), "marieke", ("Glasvezel",), "Twee weken zonder internet.")


def test_an_author_record_in_front_matter_gives_the_name_alone() -> None:
    text = ("---\ntitle: Geen sorry\nauthor:\n  display_name: Marieke Bos\n  login: marieke\n"
            "  email: marieke@mail.example\n---\nTwee weken zonder internet.\n")
    assert _parse(text).author == "Marieke Bos"


def test_jekyll_tags_as_a_string_categories_and_a_date_without_leading_zeros() -> None:
    text = "---\ntitle: Geen sorry\ntags: glasvezel storing\ncategory: Klachten\ncategories: Glasnet, Kabelnet\n---\nTekst.\n"
    post = parse_text(text, source="../oud/2015-9-6-geen-sorry.md", name="2015-9-6-geen-sorry.md")
    assert (post.tags, post.date, post.slug) == (("glasvezel", "storing", "Glasnet", "Kabelnet", "Klachten"),
                                                 date(2015, 9, 6), "geen-sorry")


def test_a_copied_blogger_page_gives_the_post_without_its_chrome_comments_and_sidebar() -> None:
    """A Blogger post copied from the browser (Dutch interface): share buttons around it,
    comments ('Kees' / 'zei…'), then 'Een reactie posten', popular posts and the archive."""
    chrome = "Link ophalen\nFacebook\nX\nPinterest\nE-mail\nAndere apps\n"
    text = ("Drie weken zonder Kabelnet\nDoorgaan naar hoofdcontent\nDrie weken zonder Kabelnet\n" + chrome +
            "-\nmaart 03, 2019\nOp 20 februari viel mijn internet bij Kabelnet uit.\nIk belde drie keer.\n" + chrome +
            "Reacties\nKees\nzei…\nHerkenbaar verhaal.\n4 maart 2019 om 11:37\nEen reactie posten\n"
            "Populaire posts van deze blog\nGeen sorry van Glasnet\nMeer lezen\nArchiveren\nfebruari\n1\nMeer tonen\n")
    post = _parse(text)
    assert (post.title, post.date, post.body) == (
        "Drie weken zonder Kabelnet", date(2019, 3, 3), "Op 20 februari viel mijn internet bij Kabelnet uit.\n\nIk belde drie keer.")


def test_a_line_saying_said_is_no_comment_without_a_comments_time() -> None:
    text = "Kabelnet beloofde een monteur.\n\nEnough said...\n\nDe monteur kwam om 9 uur, zei hij, maar kwam niet."
    assert clean(text) == text


def test_a_comment_count_above_the_post_cuts_nothing() -> None:
    text = "Geen sorry van Glasnet\nGeen reacties\nTwee weken wachtte ik op een monteur van Glasnet.\nHij kwam niet."
    assert clean(text) == "Geen sorry van Glasnet\nTwee weken wachtte ik op een monteur van Glasnet.\nHij kwam niet."


def test_a_closing_blogger_footer_goes() -> None:
    text = ("Ik belde Stroomwerk vier keer.\n\nPosted by Jane Doe at 3:08 PM Email ThisBlogThis!Share to Twitter\n"
            "Labels: stroom, meter\nNo comments:\n\nPost a Comment\n\nNewer Post Older Post Home\n")
    assert clean(text) == "Ik belde Stroomwerk vier keer."


def test_the_channels_an_author_lists_stay_though_share_buttons_carry_their_names() -> None:
    text = ("Ik heb Kabelnet op elke manier geprobeerd te bereiken, drie weken lang:\n\n"
            "- Twitter\n- Facebook\n- E-mail\n- Telefoon\n\nGeen reacties\n\nPas na een brief kwam er een monteur langs.")
    assert clean(text) == text.replace("Geen reacties\n\n", "")
    assert is_widget("Facebook") and not is_widget("- Facebook") and not is_widget("1. E-mail")


def test_a_string_of_tags_is_one_tag_outside_jekyll() -> None:
    text = "---\ntitle: Geen sorry\ntags: Klantenservice Glasnet\ncategories: Storingen\n---\nTekst.\n"
    assert parse_text(text, source="content/posts/geen-sorry.md", name="geen-sorry.md").tags == (
        "Klantenservice Glasnet", "Storingen")
    assert parse_text(text, source="site/_posts/geen-sorry.md", name="geen-sorry.md").tags == (
        "Klantenservice", "Glasnet", "Storingen")


def test_hugo_shortcodes_and_jekyll_tags_become_markdown_but_not_inside_code() -> None:
    text = ("---\ntitle: De router\ndate: 2020-05-01\n---\n"
            "Glasnet stuurde deze instellingen:\n\n{{< highlight ini >}}dns = 1.1.1.1\nmtu = 1492{{< /highlight >}}\n\n"
            "{% highlight sh linenos %}\nping glasnet.example\n{% endhighlight %}\n\n"
            '{{< figure src="/img/router.jpg" caption="De router" >}}\n\n{{< youtube abc123 >}}\n\n'
            'Zie [de vorige]({{< ref "vorige.md" >}}) en ![lamp]({{ site.baseurl }}/img/lamp.png).\n\n'
            "{% comment %}nog nakijken{% endcomment %}\n{{< notice warning >}}Geen excuses.{{< /notice >}}\n\n"
            "```\n{{< highlight go >}}\n```\n")
    assert parse_text(text, source="content/posts/router.md", name="router.md").body == (
        "Glasnet stuurde deze instellingen:\n\n```ini\ndns = 1.1.1.1\nmtu = 1492\n```\n\n```sh\nping glasnet.example\n```"
        "\n\n![De router](/img/router.jpg)\n\n[https://www.youtube.com/watch?v=abc123](https://www.youtube.com/watch?v=abc123)"
        "\n\nZie [de vorige](vorige.md) en ![lamp](/img/lamp.png).\n\nGeen excuses.\n\n```\n{{< highlight go >}}\n```")
    plain = "Ze gebruiken {% %} en {{ }} in hun sjablonen, schreef ik aan Glasnet."
    assert parse_text(plain, source="oud.txt", name="oud.txt").body == plain


@pytest.mark.parametrize("text", ["{% comment %}" * 80_000, ("{{< x " + "b" * 1990) * 500, "{{<" * 300_000])
def test_shortcodes_on_hostile_text_take_linear_time(text: str) -> None:
    import time

    from generator.importer.shortcodes import convert

    started = time.perf_counter()
    convert(text)
    assert time.perf_counter() - started < 5  # a quadratic scan takes minutes on these


def test_html_comments_and_page_variables_in_a_markdown_post_go() -> None:
    text = "---\ntitle: A\n---\nGlasnet zei {{ page.title }} niets.\n\n<!--more-->\n\nTweede alinea. <!-- nakijken -->\n"
    assert parse_text(text, source="a.md", name="a.md").body == "Glasnet zei  niets.\n\nTweede alinea."


@pytest.mark.parametrize("first", ["Subject: Formal complaint - account 4471", "Re: Fwd: Formal complaint - account 4471",
                                   "Onderwerp: Formal complaint - account 4471", "Betreft: Formal complaint - account 4471"])
def test_a_letter_s_subject_line_is_its_title_without_the_label(first: str) -> None:
    post = _parse(f"{first}\n\nDear Sir or Madam,\n\nI am writing to complain.\n")
    assert post.title == "Formal complaint - account 4471"


def test_a_reviewed_on_line_gives_the_date_and_no_author() -> None:
    post = _parse("Avoid Fastfone at all costs\n\nReviewed 14 March 2024\n\nSigned up in January. It went wrong.\n")
    assert (post.date, post.author) == (date(2024, 3, 14), "")


def test_a_letter_head_gives_the_title_and_date_and_stays_in_the_body() -> None:
    post = _parse("Aan: Klantenservice Snelnet B.V.\nDatum: 12 maart 2024\nBetreft: klacht storing klantnummer 88213\n\n"
                  "Geachte heer, mevrouw,\n\nMijn verbinding valt elke avond uit.\n")
    assert (post.title, post.date) == ("klacht storing klantnummer 88213", date(2024, 3, 12))
    assert post.body.startswith("Aan: Klantenservice Snelnet B.V.")


def test_a_title_ending_in_a_legal_form_is_a_title() -> None:
    post = _parse("Open brief aan de directie van Stroomveld B.V.\n\nGeachte directie,\n\nHet gaat mis.\n")
    assert post.title == "Open brief aan de directie van Stroomveld B.V."


def test_a_letter_head_under_the_title_gives_the_date() -> None:
    post = parse_text("Complaint to Skylark Air\n\nTo: Skylark Air Customer Relations\nDate: 8 August 2023\n"
                      "Reference: SK-118274\n\nDear Sir or Madam,\n\nMy flight was cancelled.\n", source="a.txt", name="a.txt")
    assert (post.title, post.date) == ("Complaint to Skylark Air", date(2023, 8, 8))
    assert post.body.startswith("To: Skylark Air Customer Relations")  # the letter head stays in the body


@pytest.mark.parametrize("rating", ["★☆☆☆☆", "Rated 1 out of 5 stars", "2/5", "Beoordeling: 1 van de 5"])
def test_a_review_sites_stars_under_the_title_do_not_hide_the_date_below_them(rating: str) -> None:
    post = parse_text(f"Terrible service, avoid\n{rating}\nReviewed 3 March 2025\n\nI ordered a sofa from Couchland.\n",
                      source="review.txt", name="review.txt")
    assert (post.title, post.date) == ("Terrible service, avoid", date(2025, 3, 3))
    assert rating not in post.body


def test_a_letters_date_line_between_the_address_and_the_greeting_is_its_date() -> None:
    post = parse_text("Complaint about my energy account\n\nCustomer Services\nVoltwise Energy Ltd\nPO Box 1234\n\n"
                      "14 March 2025\n\nDear Sir or Madam,\n\nOn 3 February 2025 I phoned.\n", source="a.txt", name="a.txt")
    assert post.date == date(2025, 3, 14)


def test_a_heading_with_a_date_and_words_is_the_title_one_with_a_date_alone_is_the_date() -> None:
    post = parse_text("# Ordered 12/03/2025, still nothing\n\nI ordered a desk from Deskdepot on 12/03/2025. It never came.",
                      source="x.md", name="x.md")
    assert (post.title, post.date) == ("Ordered 12/03/2025, still nothing", None)
    post = parse_text("## Thursday, October 18, 2007\n\n# My title\n\nThe modem broke again and nobody came.",
                      source="y.md", name="y.md")
    assert (post.title, post.date) == ("My title", date(2007, 10, 18))


@pytest.mark.parametrize(("text", "when"), [
    ("# Storing\n\nVandaag, 14 mei 2024, viel het internet weer uit.", date(2024, 5, 14)),
    ("# Outage\n\nToday (Monday 3 March 2025) the line went dead again.", date(2025, 3, 3)),
    ("# Storing\n\nVandaag viel het internet uit. Op 14 mei 2024 belde ik.", None),  # a date later on is no post date
])
def test_a_post_that_opens_with_today_and_a_date_is_dated_by_it(text: str, when: date | None) -> None:
    assert parse_text(text, source="x.md", name="x.md").date == when
