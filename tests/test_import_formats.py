"""WordPress, Blogger and Ghost exports, HTML pages (Medium's export too), RSS, Atom and JSON
feeds, and telling them apart by content."""

from __future__ import annotations

from datetime import date

import json

import pytest

from generator.importer.blogger import parse_blogger
from generator.importer.detect import PostFormat, decode, kind_of
from generator.importer.feed import parse_feed
from generator.importer.html import parse_html
from generator.importer.jsonfile import parse_json
from generator.importer.markup import html_to_markdown
from generator.importer.post import BadInput
from generator.importer.wxr import parse_wxr
from tests.import_corpus import ATOM, BLOGGER, HTML_EN, HTML_NL, RSS, TEXT_NL, WXR


@pytest.mark.parametrize(("text", "kind"), [
    (WXR, PostFormat.WXR), (RSS, PostFormat.RSS), (ATOM, PostFormat.ATOM), (HTML_NL, PostFormat.HTML), (TEXT_NL, PostFormat.TEXT),
    (BLOGGER, PostFormat.BLOGGER), ("<feed xmlns='http://www.w3.org/2005/Atom' "
                              "xmlns:blogger='http://schemas.google.com/blogger/2018'></feed>", PostFormat.BLOGGER),
    ("<html><body><p>x</p></body></html>", PostFormat.HTML),
    ('<?xml version="1.0"?>\n<!DOCTYPE rss>\n<rss version="2.0"></rss>', PostFormat.RSS),
    ("<!-- saved page -->\n<!DOCTYPE html><title>x</title>", PostFormat.HTML),
    ('Gewoon tekst met een <a href="x">link</a>.', PostFormat.TEXT),
])
def test_kind_comes_from_the_content(text: str, kind: PostFormat) -> None:
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


GHOST = {"db": [{"meta": {"exported_on": 1700000000000, "version": "5.75.0"}, "data": {
    "posts": [
        {"id": "p1", "title": "Stroomwerk en de slimme meter", "slug": "slimme-meter", "type": "post",
         "status": "published", "published_at": "2021-03-05T10:00:00.000Z", "canonical_url": None,
         "html": "<p>Op 2 maart 2021 belde ik Stroomwerk.</p><p>Geen excuses.</p>"},
        {"id": "p2", "title": "Concept over Glasnet", "slug": "concept-glasnet", "type": "post", "status": "draft",
         "published_at": None, "created_at": "2021-04-01T08:00:00.000Z", "html": None,
         "plaintext": "Glasnet belde niet terug."},
        {"id": "p3", "title": "Over mij", "slug": "over", "type": "page", "status": "published",
         "published_at": "2020-01-01T00:00:00.000Z", "html": "<p>Ik ben Lotte.</p>"},
        {"id": "p4", "title": "Oud", "slug": "oud", "page": False, "status": "published",
         "published_at": 1420070400000, "markdown": "Een post uit Ghost 0.x.", "author_id": "u1"},
    ],
    "tags": [{"id": "t1", "name": "energie"}, {"id": "t2", "name": "#intern", "visibility": "internal"},
             {"id": "t3", "name": "meter"}],
    "posts_tags": [{"post_id": "p1", "tag_id": "t3", "sort_order": 1}, {"post_id": "p1", "tag_id": "t1", "sort_order": 0},
                   {"post_id": "p1", "tag_id": "t2", "sort_order": 2}],
    "users": [{"id": "u1", "name": "Lotte de Wit"}],
    "posts_authors": [{"post_id": "p1", "author_id": "u1", "sort_order": 0}],
}}]}


def test_ghost_export_gives_posts_and_drafts_with_tags_and_authors_but_no_pages() -> None:
    text = json.dumps(GHOST)
    assert kind_of(text) is PostFormat.GHOST
    posts = parse_json(text, path="../ghost/site.ghost.json")
    assert [(p.title, p.date, p.author, p.slug, p.draft, p.source, p.tags, p.body) for p in posts] == [
        ("Stroomwerk en de slimme meter", date(2021, 3, 5), "Lotte de Wit", "slimme-meter", False,
         "../ghost/site.ghost.json#post-p1", ("energie", "meter"), "Op 2 maart 2021 belde ik Stroomwerk.\n\nGeen excuses."),
        ("Concept over Glasnet", date(2021, 4, 1), "", "concept-glasnet", True, "../ghost/site.ghost.json#post-p2", (),
         "Glasnet belde niet terug."),
        ("Oud", date(2015, 1, 1), "Lotte de Wit", "oud", False, "../ghost/site.ghost.json#post-p4", (),
         "Een post uit Ghost 0.x."),
    ]


LEXICAL = {"root": {"type": "root", "children": [
    {"type": "paragraph", "children": [
        {"type": "extended-text", "text": "Op 3 mei 2023 viel bij Stroomwerk de ", "format": 0},
        {"type": "extended-text", "text": "stroom", "format": 1},
        {"type": "extended-text", "text": " uit, zie ", "format": 0},
        {"type": "link", "url": "https://stroomwerk.example/storing", "children": [
            {"type": "extended-text", "text": "hun storingspagina", "format": 0}]},
        {"type": "extended-text", "text": ".", "format": 0}]},
    {"type": "extended-heading", "tag": "h2", "children": [{"type": "extended-text", "text": "Wat ik deed"}]},
    {"type": "list", "listType": "bullet", "children": [
        {"type": "listitem", "children": [{"type": "extended-text", "text": "gebeld"}]},
        {"type": "listitem", "children": [{"type": "extended-text", "text": "gemaild"}]}]},
    {"type": "markdown", "markdown": "Geen *excuses*."},
    {"type": "image", "src": "javascript:alert(1)", "altText": "x"}]}}
MOBILEDOC = {"version": "0.3.1", "atoms": [], "markups": [["a", ["href", "https://glasnet.example/"]], ["em"]],
             "cards": [["markdown", {"markdown": "Nooit een *sorry*."}]],
             "sections": [[1, "p", [[0, [], 0, "Glasnet "], [0, [0], 1, "beloofde"], [0, [1], 1, " een monteur"],
                                    [0, [], 0, "."]]],
                          [3, "ul", [[[0, [], 0, "dinsdag"]], [[0, [], 0, "vrijdag"]]]], [10, 0]]}


def test_a_ghost_post_with_only_its_editor_document_keeps_its_text() -> None:
    export = {"db": [{"data": {"posts": [
        {"id": "a", "title": "Lexical", "slug": "a", "status": "published", "published_at": "2023-05-04T10:00:00.000Z",
         "html": None, "lexical": json.dumps(LEXICAL)},
        {"id": "b", "title": "Mobiledoc", "slug": "b", "status": "published", "published_at": "2019-05-04T10:00:00.000Z",
         "mobiledoc": json.dumps(MOBILEDOC)},
        {"id": "c", "title": "Kapot", "slug": "c", "status": "published", "lexical": "{niet [json",
         "plaintext": "Alleen platte tekst."}]}}]}
    posts = parse_json(json.dumps(export), path="ghost.json")
    assert [p.body for p in posts] == [
        "Op 3 mei 2023 viel bij Stroomwerk de **stroom** uit, zie [hun storingspagina](https://stroomwerk.example/storing)."
        "\n\n## Wat ik deed\n\n- gebeld\n- gemaild\n\nGeen *excuses*.",
        "Glasnet [beloofde](https://glasnet.example/) *een monteur*.\n\n- dinsdag\n- vrijdag\n\nNooit een *sorry*.",
        "Alleen platte tekst.",
    ]


def test_a_saved_ghost_api_answer_gives_its_posts_with_tags_and_authors() -> None:
    answer = {"posts": [
        {"id": "x1", "slug": "lekkage", "title": "De lekkage", "html": "<p>Waterlijn kwam niet.</p>",
         "published_at": "2022-02-02T10:00:00.000+01:00", "url": "https://blog.example/lekkage/",
         "tags": [{"name": "water"}, {"name": "#hash", "visibility": "internal"}], "authors": [{"name": "Bo Kaan"}]},
        {"id": "x2", "slug": "concept", "title": "Concept", "status": "draft", "html": "<p>Nog niet af.</p>",
         "primary_author": {"name": "Bo Kaan"}},
        {"id": "x3", "slug": "over", "title": "Over", "type": "page", "html": "<p>Ik.</p>"}],
        "meta": {"pagination": {"page": 1, "pages": 1}}}
    text = json.dumps(answer)
    assert kind_of(text) is PostFormat.GHOST
    posts = parse_json(text, path="api.json")
    assert [(p.title, p.date, p.author, p.tags, p.source, p.draft, p.body) for p in posts] == [
        ("De lekkage", date(2022, 2, 2), "Bo Kaan", ("water",), "https://blog.example/lekkage/", False,
         "Waterlijn kwam niet."),
        ("Concept", None, "Bo Kaan", (), "api.json#post-x2", True, "Nog niet af."),
    ]
    with pytest.raises(BadInput):
        kind_of(json.dumps({"posts": [{"id": 1, "name": "geen Ghost"}]}))


def test_json_feed_items_become_posts_and_other_json_is_refused() -> None:
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Mopperen", "items": [
        {"id": "1", "url": "https://mopperen.example/2022/meter/", "title": "De meter",
         "content_html": "<p>Op 1 mei 2022 <a href='/stroomwerk/'>belde</a> ik.</p>",
         "date_published": "2022-05-02T09:00:00+02:00", "authors": [{"name": "Kim Smit"}], "tags": ["energie"]},
        {"id": "2", "content_text": "Een korte notitie zonder titel."},
    ]})
    assert kind_of(feed) is PostFormat.JSON_FEED
    posts = parse_json(feed, path="feeds/feed.json")
    assert [(p.title, p.date, p.author, p.source, p.tags, p.body) for p in posts] == [
        ("De meter", date(2022, 5, 2), "Kim Smit", "https://mopperen.example/2022/meter/", ("energie",),
         "Op 1 mei 2022 [belde](https://mopperen.example/stroomwerk/) ik."),
        ("", None, "", "feeds/feed.json#item-2", (), "Een korte notitie zonder titel."),
    ]
    with pytest.raises(BadInput) as raised:
        kind_of('{"name": "package", "version": "1.0.0"}')
    assert str(raised.value) == "JSON that is not a Ghost export or a JSON Feed"
    assert kind_of("{ geen JSON, gewoon een notitie die met een accolade begint") is PostFormat.TEXT


MEDIUM = """\
<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Vijf weken zonder internet bij Glasnet</title><style>* { font-family: Georgia, serif; }</style></head><body>
<article class="h-entry"><header><h1 class="p-name">Vijf weken zonder internet bij Glasnet</h1></header>
<section data-field="subtitle" class="p-summary">En nog steeds geen excuses</section>
<section data-field="body" class="e-content"><section name="a1" class="section section--body section--first">
<div class="section-content"><div class="section-inner sectionLayout--insetColumn">
<h3 name="c3" class="graf graf--h3 graf--leading graf--title">Vijf weken zonder internet bij Glasnet</h3>
<p name="e5" class="graf graf--p graf-after--h3">Op 3 januari 2020 viel mijn internet uit. Ik belde drie keer.</p>
<p name="g7" class="graf graf--p graf-after--p">Na vijf weken was het opgelost, maar excuses kwamen er niet.</p>
<p name="i9" class="graf graf--p graf-after--p graf--trailing">Wie heeft hetzelfde meegemaakt?</p>
</div></div></section></section>
<footer><p>By <a href="https://medium.com/@kees" class="p-author h-card">Kees Jansen</a> on
<a href="https://medium.com/p/abc123"><time class="dt-published" datetime="2020-02-10T19:22:01.123Z">February 10,
2020</time></a>.</p><p><a href="https://medium.com/@kees/vijf-weken-abc123" class="p-canonical">Canonical link</a></p>
<p>Exported from <a href="https://medium.com">Medium</a> on December 1, 2026.</p></footer></article></body></html>
"""


def test_a_short_post_from_medium_keeps_its_paragraphs_and_its_canonical_url() -> None:
    post = parse_html(MEDIUM, source="../medium/posts/2020-02-10_Vijf-weken-abc123.html")
    assert (post.title, post.date, post.author, post.source) == (
        "Vijf weken zonder internet bij Glasnet", date(2020, 2, 10), "Kees Jansen",
        "https://medium.com/@kees/vijf-weken-abc123")
    assert post.body == ("Op 3 januari 2020 viel mijn internet uit. Ik belde drie keer.\n\n"
                         "Na vijf weken was het opgelost, maar excuses kwamen er niet.\n\nWie heeft hetzelfde meegemaakt?")


def test_a_very_short_medium_post_keeps_its_paragraphs_image_and_tags() -> None:
    """Under 80 characters of text: before, trafilatura's fallback made the title, the
    subtitle and the text one line, and the image was lost."""
    page = (MEDIUM.replace('<h3 name="c3" class="graf graf--h3 graf--leading graf--title">Vijf weken zonder internet '
                           'bij Glasnet</h3>', '')
            .replace('<p name="e5" class="graf graf--p graf-after--h3">Op 3 januari 2020 viel mijn internet uit. '
                           'Ik belde drie keer.</p>', '<p name="e5" class="graf graf--p">Glasnet: geen internet.</p>')
            .replace('<p name="g7" class="graf graf--p graf-after--p">Na vijf weken was het opgelost, maar excuses '
                     'kwamen er niet.</p>', '<figure class="graf graf--figure"><img class="graf-image" alt="Het modem" '
                     'src="https://cdn-images-1.medium.com/max/800/modem.jpeg"><figcaption>Het modem</figcaption></figure>')
            .replace("<footer>", '<footer><p class="p-tags">Tagged in <a href="https://medium.com/tag/storing" '
                     'class="p-tag">Storing</a>, <a href="https://medium.com/tag/glasnet" class="p-tag">Glasnet</a></p>'))
    post = parse_html(page, source="../medium/posts/2020-02-10_Vijf-weken-abc123.html")
    assert (post.title, post.tags) == ("Vijf weken zonder internet bij Glasnet", ("Storing", "Glasnet"))
    assert post.body == ("Glasnet: geen internet.\n\n![Het modem](https://cdn-images-1.medium.com/max/800/modem.jpeg)"
                         "\n\nHet modem\n\nWie heeft hetzelfde meegemaakt?")


def test_an_h_entry_gives_its_p_category_labels() -> None:
    page = ('<html><body><article class="h-entry"><h1 class="p-name">Wachten op Waterlijn</h1>'
            '<div class="e-content"><p>Op 1 juli 2021 viel het water uit, en Waterlijn belde pas na een week terug.</p>'
            '</div><a class="p-category" href="/tag/water">water</a> <span class="p-category">storing</span>'
            '</article><aside class="sidebar"><a class="p-category" href="/tag/alles">alles</a></aside></body></html>')
    assert parse_html(page, source="oud/wachten.html").tags == ("water", "storing")


BLOGSPOT = """\
<!DOCTYPE html>
<html class='v2' dir='ltr' lang='nl'>
<head>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<title>Het klaagmuurtje: Drie verkeerde rekeningen van Stroomwerk</title>
<link href='https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html' rel='canonical'/>
<meta content='Drie verkeerde rekeningen van Stroomwerk' property='og:title'/>
<meta content='https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html' property='og:url'/>
</head>
<body class='loading'>
<div class='navbar section' id='navbar'><div class='widget Navbar' id='Navbar1'><iframe src="https://www.blogger.com/navbar.g"></iframe></div></div>
<div class='content'><div class='header-outer'><div class='header section' id='header'><div class='widget Header' id='Header1'><div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='https://klaagmuurtje.blogspot.com/'>Het klaagmuurtje</a></h1></div><div class='descriptionwrapper'><p class='description'><span>Over bedrijven die niet luisteren</span></p></div></div></div></div></div>
<div class='main-outer'><div class='columns fauxcolumns'><div class='column-center-outer'><div class='main section' id='main'><div class='widget Blog' id='Blog1'>
<div class='blog-posts hfeed'>
<div class="date-outer"><h2 class='date-header'><span>maandag 20 maart 2017</span></h2>
<div class="date-posts"><div class='post-outer'><div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='6012' itemprop='postId'/>
<a name='31'></a>
<h3 class='post-title entry-title' itemprop='name'>Drie verkeerde rekeningen van Stroomwerk</h3>
<div class='post-header'><div class='post-header-line-1'></div></div>
<div class='post-body entry-content' id='post-body-31' itemprop='description articleBody'>
<div dir="ltr" style="text-align: left;" trbidi="on">Op 2 februari 2017 kreeg ik van Stroomwerk een rekening van 900 euro. Ik woon in een flatje van 50 vierkante meter.<br /><br />Ik heb gebeld en gemaild. De eerste medewerker zei dat het een foutje was en dat ik een nieuwe rekening zou krijgen.<br /><br />De nieuwe rekening was 950 euro. De derde ook.<br /><br />Na zes weken was het opgelost, maar geen excuses.</div>
<div style='clear: both;'></div>
</div>
<div class='post-footer'>
<div class='post-footer-line post-footer-line-1'><span class='post-author vcard'>Gepost door <span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'><span itemprop='name'>Joost Bakker</span></span></span>
<span class='post-timestamp'>op <meta content='https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html' itemprop='url'/><a class='timestamp-link' href='https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='2017-03-20T21:14:00+01:00'>21:14</abbr></a></span>
<span class='post-comment-link'></span></div>
<div class='post-share-buttons goog-inline-block'><a class='goog-inline-block share-button sb-email' href='https://www.blogger.com/share-post.g?blogID=7001&postID=31&target=email' target='_blank' title='Dit e-mailen'><span class='share-button-link-text'>Dit e-mailen</span></a><a class='goog-inline-block share-button sb-blog' href='#' title='Dit bloggen!'><span class='share-button-link-text'>Dit bloggen!</span></a><a class='goog-inline-block share-button sb-twitter' href='#' title='Delen via Twitter'><span class='share-button-link-text'>Delen via Twitter</span></a><a class='goog-inline-block share-button sb-facebook' href='#' title='Delen op Facebook'><span class='share-button-link-text'>Delen op Facebook</span></a><a class='goog-inline-block share-button sb-pinterest' href='#' title='Delen op Pinterest'><span class='share-button-link-text'>Delen op Pinterest</span></a></div>
<div class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: <a href='https://klaagmuurtje.blogspot.com/search/label/energie' rel='tag'>energie</a>, <a href='https://klaagmuurtje.blogspot.com/search/label/rekening' rel='tag'>rekening</a></span></div>
</div></div>
<div class='comments' id='comments'><a name='comments'></a><h4>1 opmerking:</h4><div class='comments-content'><div class='comment-thread'><ol><li class='comment'><div class='comment-block'><div class='comment-header'><cite class='user'>Anoniem</cite><span class='datetime secondary-text'><a rel='nofollow' href='#'>21 maart 2017 om 09:00</a></span></div><p class='comment-content'>Herkenbaar! Bij mij precies hetzelfde met Stroomwerk, ook geen excuses.</p><span class='comment-actions secondary-text'><a class='comment-reply' target='_self'>Beantwoorden</a></span></div></li></ol></div></div>
<p class='comment-footer'><div class='comment-form'><a name='comment-form'></a><p></p><a href='https://www.blogger.com/comment/frame/7001?po=31' id='comment-editor-src'></a><iframe allowtransparency='true' class='blogger-iframe-colorize blogger-comment-from-post' frameborder='0' height='410px' id='comment-editor' name='comment-editor' src='' width='100%'></iframe></div></p></div>
</div></div></div>
<div class='blog-pager' id='blog-pager'><span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='#' title='Nieuwere post'>Nieuwere post</a></span><span id='blog-pager-older-link'><a class='blog-pager-older-link' href='#' title='Oudere post'>Oudere post</a></span><a class='home-link' href='https://klaagmuurtje.blogspot.com/'>Homepage</a></div>
<div class='post-feeds'><div class='feed-links'>Abonneren op: <a class='feed-link' href='https://klaagmuurtje.blogspot.com/feeds/31/comments/default' target='_blank' type='application/atom+xml'>Reacties posten (Atom)</a></div></div>
</div></div></div></div>
<div class='column-right-outer'><div class='sidebar section' id='sidebar-right-1'><div class='widget BlogArchive' id='BlogArchive1'><h2>Blogarchief</h2><ul><li><a href='#'>2017</a> (3)<ul><li><a href='#'>maart</a> (1)</li></ul></li></ul></div><div class='widget Label' id='Label1'><h2>Labels</h2><a href='#' rel='tag'>alles</a></div><div class='widget Profile' id='Profile1'><h2>Over mij</h2><dl class='profile-datablock'><dt class='profile-data'><a class='profile-name-link g-profile' href='#'>Joost Bakker</a></dt></dl><a class='profile-link' href='#' rel='author'>Mijn volledige profiel weergeven</a></div></div></div>
</div></div>
<div class='footer-outer'><div class='footer section' id='footer-3'><div class='widget Attribution' id='Attribution1'><div class='widget-content' style='text-align: center;'>Thema Eenvoudig. Mogelijk gemaakt door <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></div>
</div>
</body></html>
"""


def test_a_blogspot_page_gives_the_post_alone_with_its_author_and_labels() -> None:
    """The post's own element (Blogger's post-body, schema.org's articleBody) is read:
    not the blog's tagline, date header, feed link or theme credit around it; the author
    without 'Gepost door'; the labels its post links with rel="tag", not the sidebar's."""
    post = parse_html(BLOGSPOT, source="../oud/blogspot.html")
    assert (post.title, post.date, post.author, post.source, post.tags) == (
        "Drie verkeerde rekeningen van Stroomwerk", date(2017, 3, 20), "Joost Bakker",
        "https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html", ("energie", "rekening"))
    assert post.body == (
        "Op 2 februari 2017 kreeg ik van Stroomwerk een rekening van 900 euro. Ik woon in een flatje van 50 vierkante "
        "meter.\n\nIk heb gebeld en gemaild. De eerste medewerker zei dat het een foutje was en dat ik een nieuwe rekening "
        "zou krijgen.\n\nDe nieuwe rekening was 950 euro. De derde ook.\n\nNa zes weken was het opgelost, maar geen excuses.")


def test_a_page_listing_several_posts_is_read_as_a_whole() -> None:
    listing = BLOGSPOT.replace("</div></div></div>\n<div class='blog-pager'", "</div></div></div>" + (
        "<div class='post-outer'><h3 class='post-title'>Ander bericht</h3><div class='post-body entry-content' itemprop='articleBody'>"
        "<p>Een ander bericht over Glasnet, met genoeg woorden om gelezen te worden.</p></div></div>") +
        "\n<div class='blog-pager'", 1)
    assert listing != BLOGSPOT
    post = parse_html(listing, source="../oud/blogspot.html")
    assert "Een ander bericht over Glasnet" in post.body and "Op 2 februari 2017" in post.body


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


@pytest.mark.parametrize("export", [
    {"db": [1, "x", None, {"data": []}, {"data": {"posts": "none"}}]},
    {"db": [{"data": {"posts": [None, 3, {"id": ["p"], "title": 7, "status": "published", "html": ["x"]},
                                {"id": {"a": 1}, "title": "T", "status": "published", "published_at": True}],
                      "tags": [{"id": ["t"], "name": "x"}], "posts_tags": [{"post_id": ["p"], "tag_id": {}}],
                      "users": "none", "posts_authors": [None]}}]},
])
def test_a_ghost_export_of_the_wrong_shapes_gives_what_it_can_and_never_crashes(export: dict) -> None:
    posts = parse_json(json.dumps(export), path="x.json")
    assert [(p.title, p.source, p.date, p.tags) for p in posts] == (
        [("T", "x.json#post-?", None, ())] if len(export["db"]) == 1 else [])


@pytest.mark.parametrize("text", [
    "body { margin: 0; padding: 0; }\n.post-body { font-size: 14px; }\n@media (max-width: 600px) {\n"
    "  .sidebar { display: none; }\n}\na:hover { color: red; }\n",
    "(function(){var a=document.createElement('script');a.src='https://x.example/a.js';a.async=true;"
    "var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(a,s);})();"
    "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());",
    "body{margin:0;padding:0}.post-body{font-size:14px;line-height:1.4}.sidebar{display:none}a:hover{color:red}" * 2,
])
def test_a_stylesheet_or_script_saved_beside_a_page_is_no_post(text: str) -> None:
    from generator.importer.run import read_posts

    with pytest.raises(BadInput) as raised:
        read_posts(text.encode(), source="../oud/pagina_files/style.css")
    assert str(raised.value) == "a stylesheet or script, not a post"


@pytest.mark.parametrize("text", [TEXT_NL, "Ik belde (weer) met Glasnet; ze zeiden: 'morgen'. Dat was niet zo (natuurlijk). " * 5,
                                  "# Code in een post\n\nIk schreef dit script:\n\n```\nvar a = 1;\nfunction b() { return a; }\n```\n\n"
                                  "Daarna werkte het formulier van Glasnet nog steeds niet, en ik belde opnieuw met de klantenservice.\n"])
def test_prose_with_some_punctuation_or_a_code_block_is_a_post(text: str) -> None:
    from generator.importer.detect import looks_like_code

    assert not looks_like_code(text)


def test_a_table_beside_the_posts_is_no_post() -> None:
    """Substack's export holds posts.csv beside its posts; a spreadsheet is no story either."""
    from generator.importer.detect import looks_like_table
    from generator.importer.run import read_posts

    index = ("post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url\n"
             "1234.een-brief,2022-06-05T10:00:00.000Z,true,,,newsletter,everyone,Een brief aan Waterlijn,Nooit,\n"
             "1235.nog-een,2022-07-05T10:00:00.000Z,false,,,newsletter,everyone,Nog een,,\n")
    with pytest.raises(BadInput) as raised:
        read_posts(index.encode(), source="../substack/posts.csv")
    assert str(raised.value) == "a table (CSV), not a post"
    assert looks_like_table("datum\tbedrijf\tbedrag\n2020-01-01\tGlasnet\t5\n2020-02-01\tStroomwerk\t7\n")
    assert not looks_like_table(TEXT_NL)
    assert not looks_like_table("Titel\n\nEen, twee, drie.\nVier, vijf, zes.\nZeven, acht, negen.\n")


def test_a_marked_element_holding_next_to_no_text_is_not_taken_for_the_post() -> None:
    page = ("<html><head><title>Wachten op Waterlijn</title></head><body><div class='post-content'>Lees verder</div>"
            "<article><h1>Wachten op Waterlijn</h1><p>Op 1 juli 2021 viel het water uit in de hele straat, en Waterlijn "
            "wist van niets.</p><p>Ik belde drie keer en kreeg drie verschillende antwoorden van de klantenservice.</p>"
            "<p>Na een week was het opgelost, zonder excuses.</p></article></body></html>")
    post = parse_html(page, source="../oud/waterlijn.html")
    assert "Op 1 juli 2021 viel het water uit" in post.body and "zonder excuses" in post.body


MOVABLE_TYPE = """\
AUTHOR: Els Vermeer
TITLE: Zes weken zonder telefoon bij Belnet
BASENAME: zes-weken-zonder-telefoon
STATUS: Publish
ALLOW COMMENTS: 1
CONVERT BREAKS: 1
PRIMARY CATEGORY: Telecom
CATEGORY: Telecom
CATEGORY: Klachten
TAGS: "vaste lijn",storing
DATE: 03/14/2009 09:15:00 PM
-----
BODY:
Op 1 februari 2009 viel mijn vaste lijn uit. Ik belde Belnet vanaf mijn werk.

Na zes weken was het <b>eindelijk</b> opgelost, maar excuses kwamen er niet.
-----
EXTENDED BODY:
Wie heeft dit ook meegemaakt?
-----
EXCERPT:
Zes weken zonder telefoon.
-----
KEYWORDS:

-----
COMMENT:
AUTHOR: Piet
DATE: 03/15/2009 10:00:00 AM
Bij mij ook geen excuses!
-----
PING:
TITLE: Ander blog
URL: http://ander.example/
DATE: 03/16/2009 11:00:00 AM
Een ping.
-----
--------
AUTHOR: Els Vermeer
TITLE: Concept over Stroomwerk
STATUS: Draft
CONVERT BREAKS: markdown
DATE: 04/02/2009 13:00:00
-----
BODY:
Stroomwerk *belde* niet terug.

- een
- twee
-----
--------
"""


def test_a_movable_type_export_gives_its_entries_and_drafts_without_comments_pings_or_excerpts() -> None:
    """Movable Type's and Typepad's export: one text file of many entries."""
    assert kind_of(MOVABLE_TYPE) is PostFormat.MT
    from generator.importer.mt import parse_mt

    posts = parse_mt(MOVABLE_TYPE.replace("\n", "\r\n"), path="../typepad/export.txt")
    assert [(p.title, p.date, p.author, p.slug, p.draft, p.source, p.tags, p.body) for p in posts] == [
        ("Zes weken zonder telefoon bij Belnet", date(2009, 3, 14), "Els Vermeer", "zes-weken-zonder-telefoon", False,
         "../typepad/export.txt#zes-weken-zonder-telefoon", ("Telecom", "Klachten", "vaste lijn", "storing"),
         "Op 1 februari 2009 viel mijn vaste lijn uit. Ik belde Belnet vanaf mijn werk.\n\n"
         "Na zes weken was het **eindelijk** opgelost, maar excuses kwamen er niet.\n\nWie heeft dit ook meegemaakt?"),
        ("Concept over Stroomwerk", date(2009, 4, 2), "Els Vermeer", "", True, "../typepad/export.txt#entry-2", (),
         "Stroomwerk *belde* niet terug.\n\n- een\n- twee"),
    ]


def test_a_text_that_only_starts_like_a_movable_type_export_is_text() -> None:
    assert kind_of("TITLE: Mijn klacht\n\nDe monteur kwam niet.\n-----\nGroet.\n") is PostFormat.TEXT


def _wxr(items: str, channel: str = "<link>https://klaagblog.example</link>") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
            f"<channel>{channel}<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>\n").encode()


def test_a_wordpress_title_and_its_categories_are_html_made_text() -> None:
    posts = parse_wxr(_wxr("""<item><title><![CDATA[Geen <em>sorry</em> van Glasnet &amp; Kabelnet&#8217;s <b>team</b>]]></title>
      <content:encoded><![CDATA[<p>Twee weken zonder internet.</p>]]></content:encoded>
      <wp:post_date>2015-12-16 09:30:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
      <category domain="category" nicename="koffie-thee"><![CDATA[Koffie &amp; thee]]></category></item>"""), path="x.xml")
    assert [(p.title, p.tags) for p in posts] == [("Geen sorry van Glasnet & Kabelnet’s team", ("Koffie & thee",))]


def test_a_wxr_item_without_wp_post_date_takes_its_pubdate_and_a_root_link_is_joined_to_the_blog() -> None:
    """Squarespace's export writes no wp:post_date, links from the root and a path as post_name."""
    posts = parse_wxr(_wxr("""<item><title>Geen sorry</title><link>/blog/geen-sorry.html</link>
      <pubDate>Fri, 07 Jun 2013 03:00:44 +0000</pubDate><wp:post_name>blog/2013/06/geen-sorry.html</wp:post_name>
      <content:encoded><![CDATA[<p>Zie <a href="/blog/eerder.html">eerder</a>.</p>]]></content:encoded>
      <wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
      <item><title>Nog niet af</title><pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>
      <wp:post_date>0000-00-00 00:00:00</wp:post_date><content:encoded>Concept.</content:encoded>
      <wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>"""), path="x.xml")
    assert [(p.date, p.source, p.slug) for p in posts] == [
        (date(2013, 6, 7), "https://klaagblog.example/blog/geen-sorry.html", "geen-sorry"), (None, "x.xml#post-?", "")]
    assert posts[0].body == "Zie [eerder](https://klaagblog.example/blog/eerder.html)."


def test_xml_malformed_only_by_its_ampersands_is_read_with_them_escaped() -> None:
    """Squarespace writes titles and links with a bare '&' and HTML entities; CDATA stays as it is."""
    posts = parse_wxr(_wxr("""<item><title>Koffie & taart&mdash;nooit meer</title>
      <link>https://klaagblog.example/?p=3&preview=true</link>
      <content:encoded><![CDATA[<p>R&amp;D van Kabelnet &copy; zei: bel maar.</p>]]></content:encoded>
      <wp:post_date>2020-02-02 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"""),
                      path="x.xml")
    assert [(p.title, p.source, p.body) for p in posts] == [
        ("Koffie & taart—nooit meer", "https://klaagblog.example/?p=3&preview=true", "R&D van Kabelnet © zei: bel maar.")]
    with pytest.raises(BadInput) as raised:
        parse_wxr(_wxr("<item><title>Koffie & taart</titel></item>"), path="x.xml")
    assert str(raised.value) == "malformed XML at line 3: Opening and ending tag mismatch: title line 3 and titel"


def test_malformed_xml_with_many_unclosed_cdata_sections_is_refused_at_once() -> None:
    import time

    from generator.importer.run import read_posts

    hostile = ('<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
               "</wp:wxr_version><item>&" + "<![CDATA[" * 200_000).encode()
    started = time.perf_counter()
    with pytest.raises(BadInput):
        read_posts(hostile, source="x.xml")
    assert time.perf_counter() - started < 10  # the retry with '&' escaped scanned quadratically: minutes


def test_a_lazily_loaded_image_keeps_its_address() -> None:
    html = ('<p>Het modem:</p><img class="lazy" data-src="https://img.example/modem.jpg" alt="modem">'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-lazy-src="/brief.png" alt="brief">'
            '<img src="https://img.example/echt.jpg" data-src="https://img.example/ander.jpg" alt="echt">')
    assert html_to_markdown(html, base="https://klaagblog.example/2020/01/x/") == (
        "Het modem:\n\n![modem](https://img.example/modem.jpg)![brief](https://klaagblog.example/brief.png)"
        "![echt](https://img.example/echt.jpg)")


def test_an_image_caption_in_a_saved_page_keeps_all_its_words() -> None:
    words = "Ik belde vier keer met de klantenservice van Kabelnet en kreeg steeds een ander verhaal te horen. "
    page = (f"<html><head><title>Storing bij Kabelnet</title></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>Storing bij Kabelnet</h1><p>{words * 2}</p><figure><img src='https://img.example/modem.jpg' alt='modem'>"
            f"<figcaption>Het modem met de <em>knipperende</em> rode lamp</figcaption></figure><p>{words}</p>"
            f"</article></body></html>")
    assert "\n\nHet modem met de *knipperende* rode lamp\n\n" in parse_html(page, source="x.html").body


def test_a_hugo_post_showing_code_is_a_post_not_a_script() -> None:
    from generator.importer.run import read_posts

    code = "".join(f"    x{n} = f(x{n - 1});\n" for n in range(1, 12))
    text = f'+++\ndate = "2011-02-07T22:01:44"\ntitle = "Mijn script tegen Kabelnet"\n+++\nDit draaide ik:\n\n{code}'
    assert [p.title for p in read_posts(text.encode(), source="../blog/script.md")] == ["Mijn script tegen Kabelnet"]


def test_a_wordpress_export_without_posts_says_what_it_holds() -> None:
    from generator.importer.run import read_posts

    items = "".join(f"<item><title>{kind}</title><wp:post_type>{kind}</wp:post_type><wp:status>publish</wp:status></item>"
                    for kind in ("page", "page", "attachment", "sermon"))
    text = ('<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
            f"<wp:wxr_version>1.2</wp:wxr_version>{items}</channel></rss>")
    with pytest.raises(BadInput) as raised:
        read_posts(text.encode(), source="export.xml")
    assert str(raised.value) == ("WordPress export with no posts (its items: 2 page, 1 attachment, 1 sermon; "
                                 "only post_type 'post' is imported)")


@pytest.mark.parametrize(("text", "table"), [
    ("email,timestamp\nlezer@example.org,2022-06-05T10:00:00Z\n", True),  # Substack's per-post delivers.csv
    ("post_id\ttitle\n12.a\tEen brief\n", True),
    ("Hallo, dit is mijn klacht\nZe belden niet, nooit\n", False),
    ("Glasnet, KPN\nbeide, slecht\n", False),
])
def test_a_two_line_table_is_told_by_its_header(text: str, table: bool) -> None:
    from generator.importer.detect import looks_like_table

    assert looks_like_table(text) is table


WORDPRESS_COM = """\
<!DOCTYPE html><html lang="nl"><head><meta charset="UTF-8"><title>Drie weken zonder internet | Klaagmuur</title>
<link rel="canonical" href="https://klaagmuur.wordpress.com/2021/03/25/drie-weken/"></head>
<body class="post-template-default single single-post"><header id="masthead"><p class="site-title"><a href="/">Klaagmuur</a></p>
<nav><ul><li><a href="/">Home</a></li><li><a href="/over/">Over</a></li></ul></nav></header>
<main id="main"><article id="post-12" class="post-12 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">Drie weken zonder internet</h1>
<div class="entry-meta"><span class="posted-on">Geplaatst op <time class="entry-date published" datetime="2021-03-25T10:00:00+01:00">25 maart 2021</time></span> <span class="byline">door <a href="/author/anna/">Anna</a></span></div></header>
<div class="entry-content">
<p>Op 3 maart 2021 viel mijn internet bij Glasnet uit. Drie weken lang beloofden ze elke dag een monteur.</p>
<p>Ik heb ze gebeld, gemaild en getwitterd. Excuses heb ik nooit gekregen.</p>
<div id="jp-post-flair" class="sharedaddy sd-like-enabled sd-sharing-enabled"><div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Dit delen:</h3><div class="sd-content"><ul><li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button share-icon" href="https://klaagmuur.wordpress.com/2021/03/25/drie-weken/?share=twitter" target="_blank" title="Klik om te delen op X"><span>X</span></a></li><li class="share-facebook"><a rel="nofollow noopener noreferrer" class="share-facebook sd-button share-icon" href="https://klaagmuur.wordpress.com/2021/03/25/drie-weken/?share=facebook" target="_blank" title="Klik om te delen op Facebook"><span>Facebook</span></a></li><li class="share-end"></li></ul></div></div></div>
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded" id="like-post-wrapper-1-12-1" data-name="like-post-frame-1-12-1"><h3 class="sd-title">Vind ik leuk:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;"><span class="button"><span>Vind-ik-leuk</span></span> <span class="loading">Laden...</span></div><span class="sd-text-color"></span><a class="sd-link-color"></a></div>
<div id='jp-relatedposts' class='jp-relatedposts' ><h3 class="jp-relatedposts-headline"><em>Gerelateerd</em></h3></div></div></div>
<footer class="entry-footer"><span class="cat-links">Geplaatst in <a href="/category/telecom/" rel="category tag">Telecom</a></span><span class="tags-links">Getagd <a href="/tag/glasnet/" rel="tag">Glasnet</a></span></footer>
</article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Geef een reactie</h3></div></div>
</main><footer id="colophon"><div class="site-info"><a href="https://wordpress.com/?ref=footer_blog">Blog op WordPress.com.</a></div></footer></body></html>
"""


def test_a_wordpress_com_page_leaves_out_the_jetpack_widgets_inside_its_entry_content() -> None:
    """Jetpack puts its share buttons, likes and related posts inside entry-content: the
    fallback of trafilatura took them, and the post's paragraphs, for one paragraph."""
    post = parse_html(WORDPRESS_COM, source="../oud/drie-weken.html")
    assert (post.title, post.date, post.author, post.tags, post.source) == (
        "Drie weken zonder internet", date(2021, 3, 25), "Anna", ("Telecom", "Glasnet"),
        "https://klaagmuur.wordpress.com/2021/03/25/drie-weken/")
    assert post.body == ("Op 3 maart 2021 viel mijn internet bij Glasnet uit. Drie weken lang beloofden ze elke dag een "
                         "monteur.\n\nIk heb ze gebeld, gemaild en getwitterd. Excuses heb ik nooit gekregen.")
    ad = ('<div class="wpcnt"><div class="wpa wpmrec"><span class="wpa-about">Advertenties</span></div></div>'
          "<p>Report this ad</p>")
    with_ad = parse_html(WORDPRESS_COM.replace("<p>Ik heb ze gebeld", ad + "<p>Ik heb ze gebeld"), source="../oud/x.html")
    assert with_ad.body == post.body


def test_a_dotclear_backup_is_refused_not_imported_as_one_story() -> None:
    from generator.importer.run import read_posts

    backup = ('///DOTCLEAR|2.25.3|single\n\n[post post_id,blog_id,post_title]\n"1","default","Geen excuses van Glasnet"\n'
              '"2","default","Weer geen internet"\n')
    with pytest.raises(BadInput) as raised:
        read_posts(backup.encode(), source="dotclear-backup.txt")
    assert str(raised.value).startswith("a Dotclear backup, which grievance import does not read")


def test_ghost_editor_documents_of_the_wrong_shapes_give_what_they_can_and_never_crash() -> None:
    deep: dict = {"type": "paragraph", "children": [{"type": "text", "text": "diep"}]}
    for _ in range(300):
        deep = {"type": "quote", "children": [deep]}
    lexical = {"root": {"children": [
        None, 3, {"type": "paragraph", "children": "x"}, {"type": "link", "url": ["u"], "children": [{"type": "text"}]},
        {"type": "heading", "tag": "script", "children": [{"type": "text", "text": "Kop", "format": "b"}]},
        {"type": "image", "src": "javascript:x"}, {"type": "paragraph", "children": [{"type": "text", "text": "Tekst."}]},
        deep]}}
    mobiledoc = {"markups": [None, ["a"], ["a", ["href"]], ["script"]], "cards": [None, ["html"], ["markdown", "x"]],
                 "sections": [None, [1], [1, "p", [[0, [0, 1, 2, 3, 99, "x"], 9, "Glasnet"], [1, [], 0, {}], "x"]],
                              [3, "ul", [None, [[0, [], 0, "item"]]]], [10, 5], [10, 1], [10, 2], [2], [2, "data:x"]]}
    export = {"db": [{"data": {"posts": [
        {"id": "a", "title": "A", "status": "published", "lexical": json.dumps(lexical)},
        {"id": "b", "title": "B", "status": "published", "mobiledoc": json.dumps(mobiledoc)},
        {"id": "c", "title": "C", "status": "published", "lexical": "[1, 2]", "mobiledoc": "null"}]}}]}
    posts = parse_json(json.dumps(export), path="x.json")
    assert [p.body for p in posts] == ["## Kop\n\nTekst.", "Glasnet\n\n- item", ""]


_EXCERPT_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Blog</title>
<item><title>Drie weken zonder internet</title><link>https://blog.example/a/</link>
<description>Op 12 februari 2024 viel ons internet uit. Na een week was er nog steeds niets gebeurd en [&#8230;]</description>
</item>
<item><title>Een hele post</title><link>https://blog.example/b/</link>
<description>Het begin [&#8230;]</description><content:encoded><![CDATA[<p>Het begin en de rest van de post.</p>]]></content:encoded>
</item>
<item><title>Kort maar af</title><link>https://blog.example/c/</link><description>Alles was in een dag opgelost.</description>
</item></channel></rss>"""


def test_a_feed_entry_holding_only_the_post_s_opening_is_marked_and_said_so() -> None:
    """WordPress's excerpt feeds carry '... [\u2026]' and no content: the story is imported,
    with a note in its front-matter and on its report line that the rest is on its page."""
    from generator.importer.report import Written
    from generator.importer.run import draft_of
    from generator.importer.said import said
    from generator.importer.write import story_text
    from generator.model import Language
    from tests.test_import_robust import SITE

    posts = parse_feed(_EXCERPT_FEED.encode(), path="../in/feed.xml")
    assert [post.excerpt for post in posts] == [True, False, False]
    text = story_text(draft_of(posts[0], fallback=date(2024, 3, 1), site=SITE, language=None))
    assert f"# {said(Language.NL, 'excerpt')}\n" in text.split("---\n")[1]  # the site's language
    assert "the rest is on its page" in str(Written("s.md", "T", "C", "how", ("company",), excerpt=True))


def test_a_byline_s_separator_is_not_part_of_the_author() -> None:
    page = ("<html><head><title>The parcel that never was</title></head><body><main><article>"
            "<h1>The parcel that never was</h1><p class=\"byline\">By Priya N. · 12 June 2023</p>"
            "<p>I ordered a coffee machine from Parcelo on 2 June. Tracking said it was delivered. It was not.</p>"
            "<p>On 11 June Parcelo refunded the full amount, after I reported it three times.</p>"
            "</article></main></body></html>")
    post = parse_html(page, source="parcel.html")
    assert post.author.startswith("Priya N") and not post.author.rstrip(".").endswith((" ·", "·"))
