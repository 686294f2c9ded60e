"""WordPress and Blogger exports, HTML pages, RSS and Atom feeds, and telling them apart by content."""

from __future__ import annotations

from datetime import date

import pytest

from generator.importer.blogger import parse_blogger
from generator.importer.detect import Kind, decode, kind_of
from generator.importer.feed import parse_feed
from generator.importer.html import parse_html
from generator.importer.markup import html_to_markdown
from generator.importer.post import BadInput
from generator.importer.wxr import parse_wxr
from tests.import_corpus import ATOM, BLOGGER, HTML_EN, HTML_NL, RSS, TEXT_NL, WXR


@pytest.mark.parametrize(("text", "kind"), [
    (WXR, Kind.WXR), (RSS, Kind.RSS), (ATOM, Kind.ATOM), (HTML_NL, Kind.HTML), (TEXT_NL, Kind.TEXT),
    (BLOGGER, Kind.BLOGGER), ("<feed xmlns='http://www.w3.org/2005/Atom' "
                              "xmlns:blogger='http://schemas.google.com/blogger/2018'></feed>", Kind.BLOGGER),
    ("<html><body><p>x</p></body></html>", Kind.HTML),
    ('<?xml version="1.0"?>\n<!DOCTYPE rss>\n<rss version="2.0"></rss>', Kind.RSS),
    ("<!-- saved page -->\n<!DOCTYPE html><title>x</title>", Kind.HTML),
    ('Gewoon tekst met een <a href="x">link</a>.', Kind.TEXT),
])
def test_kind_comes_from_the_content(text: str, kind: Kind) -> None:
    assert kind_of(text) is kind


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"), (b" \n\t\n", "empty file"), (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary file, not a post"),
    (b"text\x00with a NUL", "binary file, not a post"), (bytes(range(1, 32)) * 40, "binary file, not a post"),
])
def test_empty_and_binary_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadInput) as raised:
        decode(data)
    assert str(raised.value) == message


def test_windows_1252_text_is_read() -> None:
    assert decode("Één café, geen excuses".encode("cp1252")) == "Één café, geen excuses"


def test_wxr_gives_posts_and_drafts_but_no_pages_attachments_menus_trash_or_comments() -> None:
    posts = parse_wxr(WXR.encode(), path="../export/klaagblog.xml")
    assert [(p.title, p.date, p.author, p.slug, p.draft, p.source) for p in posts] == [
        ("Geen sorry van Glasnet", date(2015, 12, 16), "Marieke Bos", "geen-sorry-van-glasnet", False,
         "https://klaagblog.example/2015/12/geen-sorry/"),
        ("Stroomwerk finally sorted it", date(2016, 1, 10), "Marieke Bos", "", True, "https://klaagblog.example/?p=12"),
    ]
    assert posts[0].tags == ("Glasvezel", "storing")
    assert posts[0].body == (
        "Op 1 december 2015 meldde ik bij Glasnet dat mijn glasvezel niet werkte.  \nIk heb gebeld en getweet.\n\n"
        "Twee weken later heb ik een aangetekende brief gestuurd. Ik geef het op: geen sorry, niets.\n\n"
        "- drie monteurs\n- nul oplossingen")
    assert all("Herkenbaar" not in p.body for p in posts)


@pytest.mark.parametrize("text", [RSS, ATOM, WXR, BLOGGER])
def test_any_xml_declaring_entities_is_refused_before_it_is_parsed(text: str) -> None:
    head, rest = text.split("\n", 1)
    with pytest.raises(BadInput) as raised:
        kind_of(f'{head}\n<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n{rest}')
    assert str(raised.value) == "XML declares entities; refused (no entity expansion from imported files)"


def test_wxr_with_entity_declarations_is_refused() -> None:
    bomb = WXR.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                       '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n')
    with pytest.raises(BadInput) as raised:
        parse_wxr(bomb.encode(), path="x.xml")
    assert str(raised.value) == "XML declares entities; refused (no entity expansion from imported files)"


def test_blogger_export_gives_posts_and_drafts_but_no_template_settings_pages_or_comments() -> None:
    posts = parse_blogger(BLOGGER.encode(), path="../export/blog.xml")
    assert [(p.title, p.date, p.author, p.slug, p.draft, p.source, p.tags) for p in posts] == [
        ("Drie verkeerde rekeningen van Stroomwerk", date(2017, 3, 20), "Joost Bakker", "drie-verkeerde-rekeningen",
         False, "https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html", ("energie", "rekening")),
        ("Glasnet komt weer niet", date(2017, 5, 10), "Joost Bakker", "", True, "../export/blog.xml#post-32", ()),
    ]
    assert posts[0].body == (
        "Op 2 februari 2017 kreeg ik van Stroomwerk een rekening van 900 euro.  \nIk heb gebeld en gemaild.\n\n"
        "[![](https://blogger.googleusercontent.com/img/b/R29v/s320/rekening.jpg)]"
        "(https://blogger.googleusercontent.com/img/b/R29v/s1600/rekening.jpg)\n\n"
        "Na zes weken was het opgelost, maar geen excuses.")


BLOGGER_2018 = """\
<?xml version='1.0' encoding='utf-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
<id>tag:blogger.com,1999:blog-9</id><title>Mopperhoek</title>
<entry><id>tag:blogger.com,1999:blog-9.post-1</id><blogger:type>POST</blogger:type><blogger:status>LIVE</blogger:status>
<author><name>Sanne Vos</name><blogger:type>BLOGGER</blogger:type></author><title>Wachten op Waterlijn</title>
<content type='html'>&lt;p&gt;Op 1 juli 2021 viel het water uit.&lt;/p&gt;</content>
<blogger:created>2021-07-02T08:00:00.000Z</blogger:created><published>2021-07-03T08:00:00.000Z</published>
<category term='water'/><category term='storing'/><blogger:filename>/2021/07/wachten-op-waterlijn.html</blogger:filename>
<link rel='alternate' type='text/html' href='https://mopperhoek.blogspot.com/2021/07/wachten-op-waterlijn.html'/></entry>
<entry><id>tag:blogger.com,1999:blog-9.post-2</id><blogger:type>POST</blogger:type><blogger:status>DRAFT</blogger:status>
<title>Nog een keer Waterlijn</title><content type='html'>Half af.</content>
<blogger:created>2021-08-09T08:00:00.000Z</blogger:created><blogger:filename>/2021/08/nog-een-keer.html</blogger:filename></entry>
<entry><id>tag:blogger.com,1999:blog-9.post-3</id><blogger:type>POST</blogger:type><blogger:status>DELETED</blogger:status>
<title>Weg</title><content type='html'>Weggegooid.</content><published>2021-08-10T08:00:00.000Z</published></entry>
<entry><id>tag:blogger.com,1999:blog-9.page-4</id><blogger:type>PAGE</blogger:type><blogger:status>LIVE</blogger:status>
<title>Over mij</title><content type='html'>Ik ben Sanne.</content><blogger:filename>/p/over-mij.html</blogger:filename></entry>
<entry><id>tag:blogger.com,1999:blog-9.post-1.comment-5</id><blogger:type>COMMENT</blogger:type>
<blogger:status>LIVE</blogger:status><blogger:parent>tag:blogger.com,1999:blog-9.post-1</blogger:parent>
<title>Herkenbaar</title><content type='html'>Herkenbaar!</content><published>2021-07-04T08:00:00.000Z</published></entry>
</feed>
"""


def test_blogger_takeout_export_keeps_live_posts_and_drafts_by_type_and_status() -> None:
    posts = parse_blogger(BLOGGER_2018.encode(), path="takeout/feed.atom")
    assert [(p.title, p.date, p.author, p.slug, p.draft, p.source, p.tags, p.body) for p in posts] == [
        ("Wachten op Waterlijn", date(2021, 7, 3), "Sanne Vos", "wachten-op-waterlijn", False,
         "https://mopperhoek.blogspot.com/2021/07/wachten-op-waterlijn.html", ("water", "storing"),
         "Op 1 juli 2021 viel het water uit."),
        ("Nog een keer Waterlijn", date(2021, 8, 9), "", "nog-een-keer", True, "takeout/feed.atom#post-2", (),
         "Half af."),
    ]


def test_a_run_of_line_breaks_is_a_paragraph_break_and_a_last_break_none() -> None:
    assert html_to_markdown("<div>Een.<br>Twee.<br /><br />Drie.<br/></div>") == "Een.  \nTwee.\n\nDrie."


def test_html_page_keeps_the_article_and_drops_nav_sidebar_share_comments_footer_and_scripts() -> None:
    post = parse_html(HTML_NL, source="../pages/storing.html")
    assert (post.title, post.date, post.author, post.source) == (
        "Storing zonder einde", date(2019, 4, 2), "Anna de Vries",
        "https://anna-klaagt.example/2019/04/storing-zonder-einde/")
    assert post.body == (
        "Op 18 maart 2019 viel de tv van Glasnet uit. Ik heb **vier keer** gebeld en een e-mail gestuurd.\n\n"
        "- Eerste keer: wachtmuziek\n"
        "- Tweede keer: [een tip](https://anna-klaagt.example/2019/ombudsman/) gekregen\n\n"
        "Op 28 maart 2019 was het opgelost. Excuses? Geen excuses, wel 10 euro korting.\n\n"
        "| Dag | Status |\n| --- | --- |\n| 1 | kapot |\n| 10 | hersteld |")
    for junk in ("Archief", "Populaire berichten", "Deel dit", "Kees zegt", "Geef een reactie", "Privacybeleid",
                 "adsbygoogle", "dataLayer"):
        assert junk not in post.body, junk


def test_html_date_from_time_datetime_and_source_the_file_without_a_canonical_link() -> None:
    post = parse_html(HTML_EN, source="../pages/billing.html")
    assert (post.title, post.date, post.author, post.source) == (
        "Billing blunder at Stroomwerk", date(2022, 9, 14), "Sam Carter", "../pages/billing.html")
    assert post.body.startswith("On 1 September 2022 Stroomwerk charged me")
    assert "Copyright" not in post.body and "About" not in post.body


def test_html_without_an_article_is_refused() -> None:
    with pytest.raises(BadInput) as raised:
        parse_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", source="x.html")
    assert str(raised.value) == "HTML page with no article text"


def test_rss_items_become_posts() -> None:
    posts = parse_feed(RSS.encode(), path="../feeds/mopperen.rss")
    assert [(p.title, p.date, p.source, p.tags) for p in posts] == [
        ("Twee maanden wachten op Stroomwerk", date(2018, 6, 5), "https://mopperen.example/2018/wachten/", ("energie",)),
        ("A Glasnet router that finally works", date(2018, 6, 1), "https://mopperen.example/2018/router/", ()),
    ]
    assert posts[0].body == ("Op 3 april 2018 vroeg ik Stroomwerk om een nieuwe meter. Ik heb gebeld en gemaild.\n\n"
                             "Het werkt nog steeds niet. Excuses aangeboden? Nee, geen excuses.")


def test_atom_entries_become_posts() -> None:
    posts = parse_feed(ATOM.encode(), path="../feeds/klachtenhoek.atom")
    assert [(p.title, p.date, p.author, p.source) for p in posts] == [
        ("Glasnet en de verdwenen verhuizing", date(2023, 5, 1), "Ruben Visser", "https://klachtenhoek.example/verhuizing/"),
        ("Stroomwerk: a half-hearted apology", date(2023, 3, 15), "", "https://klachtenhoek.example/stroomwerk/"),
    ]


def test_feed_entry_without_a_link_is_known_by_file_and_number() -> None:
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            "<item><title>Zonder link</title><description>Tekst.</description></item></channel></rss>")
    assert parse_feed(feed.encode(), path="../f.rss")[0].source == "../f.rss#entry-1"


def test_html_to_markdown_emphasis_images_tables_and_scripts() -> None:
    html = ('<p>Dit is <em>echt</em> <strong>erg</strong>.</p><script>alert(1)</script>'
            '<p><img src="img/a.png" alt="foto"></p><form><button>Stuur</button></form>')
    assert html_to_markdown(html, base="https://b.example/2020/post/") == (
        "Dit is *echt* **erg**.\n\n![foto](https://b.example/2020/post/img/a.png)")
