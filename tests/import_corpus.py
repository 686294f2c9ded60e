"""Invented blog posts in every format `grievance import` reads, with the facts a careful
reader would take from them (tests and the accuracy count in the import notes).

Every post, company and person here is made up for these tests; the junk is written in
the style real blogs leave behind (comment widgets, scraped ad scripts, bylines, ...).
"""

from __future__ import annotations

SITE_YAML = 'title: "Klachten"\nbase_url: "https://klachten.example/"\nlanguage: nl\n'
COMPANIES = {
    "content/companies/glasnet.yaml": "name: Glasnet\naliases: [Glasnet Glasvezel]\nsector: telecom\n",
    "content/companies/stroomwerk.yaml": "name: Stroomwerk\nsector: energy\n",
}

TEXT_NL = """\
Acht dagen zonder internet bij Glasnet
Acht dagen zonder internet bij Glasnet
• 3 maart 2019 • Anna de Vries
Op 20 februari 2019 viel mijn internet bij Glasnet uit. Eerst keek ik op <a href="../../storingen/" rel="nofollow">de storingspagina</a>.
Daarna heb ik drie keer gebeld met de klantenservice.
if (typeof(adzone)=='undefined') { var adzone = 1; } document.write('<div id="ad"></div>'); // ]]>
8 dagen later kwam er eindelijk een monteur.
Wat hij deed:
• het modem vervangen
• de kabel in de meterkast gecontroleerd
Na acht dagen was het eindelijk opgelost. Ik kreeg 6 euro korting, maar geen excuses.
Geef een reactie
0 Comments
Bron: eigen ervaring
"""

TEXT_EN = """\
Three weeks of waiting for Stroomwerk
Posted on March 3, 2014 by Jane Doe
On February 10, 2014 my meter reading was booked twice by Stroomwerk.
I called their customer service and sent an email. A month later nothing had changed.
Subscribe to our newsletter for more stories like this!
In the end I gave up and switched to Glasnet. Not even an apology from Stroomwerk.
Leave a Reply.
comments powered by Disqus
About the author
Jane writes about everyday consumer trouble.
"""

TEXT_NO_DATE = """\
Mijn bestelling bij Coolblue kwam nooit aan

Ik bestelde een wasmachine bij Coolblue en wachtte.
Na een week heb ik gechat met de klantenservice.
8 dagen later stond er nog steeds niets voor de deur.
Uiteindelijk is het opgelost: ze boden hun excuses aan en ik kreeg € 25 terug.
"""

MARKDOWN_NL = """\
# Stroomwerk rekende twee keer af

Door Piet Jansen | 12 januari 2021

Op 2 januari 2021 zag ik dat Stroomwerk mijn voorschot twee keer had afgeschreven. Ik
vulde het klachtenformulier in en kreeg een standaardmail terug.

Schrijf je in voor onze nieuwsbrief en mis niets!

Het probleem is nog steeds niet opgelost. Een soort excuses kregen we wel, in een
brief van twee regels.
"""

MARKDOWN_EN = """\
---
title: "Glasnet moved my number to another provider"
date: 2020-06-01
tags: [porting, mobile]
categories: Telecom
---
On 12 May 2020 my number was ported away by Glasnet without asking me. I tweeted
@glasnet_help and phoned the shop.

They apologised and fixed it on 20 May 2020.
"""

HTML_NL = """\
<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Storing zonder einde | Het klachtenblog van Anna</title>
<meta property="og:title" content="Storing zonder einde">
<meta property="article:published_time" content="2019-04-02T10:00:00+02:00">
<meta name="author" content="Anna de Vries">
<link rel="canonical" href="https://anna-klaagt.example/2019/04/storing-zonder-einde/">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/archief/">Archief</a></li><li>Over mij</li></ul></nav>
<aside class="sidebar widget"><h3>Populaire berichten</h3><ul><li>Mijn fiets is gestolen</li><li>Recept: appeltaart</li></ul></aside>
<main><article>
<h1>Storing zonder einde</h1>
<p class="byline">Door Anna de Vries, <time datetime="2019-04-02">2 april 2019</time></p>
<p>Op 18 maart 2019 viel de tv van Glasnet uit. Ik heb <strong>vier keer</strong> gebeld en een e-mail gestuurd.</p>
<ul><li>Eerste keer: wachtmuziek</li><li>Tweede keer: <a href="../../ombudsman/">een tip</a> gekregen</li></ul>
<p>Op 28 maart 2019 was het opgelost. Excuses? Geen excuses, wel 10 euro korting.</p>
<table><tr><th>Dag</th><th>Status</th></tr><tr><td>1</td><td>kapot</td></tr><tr><td>10</td><td>hersteld</td></tr></table>
</article></main>
<div class="share-buttons">Deel dit: Twitter Facebook WhatsApp</div>
<section id="comments" class="comments"><h2>2 reacties</h2>
<div class="comment"><p>Kees zegt: Bij mij precies hetzelfde met mijn decoder!</p></div>
<form id="respond"><h3>Geef een reactie</h3><textarea></textarea></form></section>
<footer class="site-footer"><p>© 2019 Het klachtenblog van Anna · Privacybeleid · Cookies</p></footer>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
</body></html>
"""

HTML_EN = """\
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Billing blunder</title>
<meta name="author" content="Sam Carter"></head><body>
<header><nav><a href="/">Blog</a> | <a href="/about/">About</a></nav></header>
<article><h1>Billing blunder at Stroomwerk</h1><p><time datetime="2022-09-14">14 September 2022</time></p>
<p>On 1 September 2022 Stroomwerk charged me for a meter I do not have. I used their web form and waited.</p>
<p>The company apologised on the phone, but the bill is still not fixed and I keep getting reminders about it every week.</p>
</article>
<footer>Copyright 2022 Sam's notes</footer></body></html>
"""

WXR = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Klaagblog</title><link>https://klaagblog.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_login><![CDATA[marieke]]></wp:author_login><wp:author_display_name><![CDATA[Marieke Bos]]></wp:author_display_name></wp:author>
  <item>
    <title>Geen sorry van Glasnet</title>
    <link>https://klaagblog.example/2015/12/geen-sorry/</link>
    <dc:creator><![CDATA[marieke]]></dc:creator>
    <guid isPermaLink="false">https://klaagblog.example/?p=11</guid>
    <content:encoded><![CDATA[<!-- wp:paragraph -->Op 1 december 2015 meldde ik bij Glasnet dat mijn glasvezel niet werkte.
Ik heb gebeld en getweet.

Twee weken later heb ik een aangetekende brief gestuurd. Ik geef het op: geen sorry, niets.

<ul>
<li>drie monteurs</li>
<li>nul oplossingen</li>
</ul>]]></content:encoded>
    <wp:post_id>11</wp:post_id>
    <wp:post_date><![CDATA[2015-12-16 09:30:00]]></wp:post_date>
    <wp:post_name><![CDATA[geen-sorry-van-glasnet]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="glasvezel"><![CDATA[Glasvezel]]></category>
    <category domain="post_tag" nicename="storing"><![CDATA[storing]]></category>
    <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Kees]]></wp:comment_author>
      <wp:comment_content><![CDATA[Herkenbaar verhaal, bij mij ook zo gegaan.]]></wp:comment_content></wp:comment>
  </item>
  <item>
    <title>Stroomwerk finally sorted it</title>
    <link>https://klaagblog.example/?p=12</link>
    <dc:creator><![CDATA[marieke]]></dc:creator>
    <content:encoded><![CDATA[<p>My Stroomwerk bill doubled on 3 January 2016. I sent an email.</p><p>They called back, it was resolved and I got an apology and a refund of €40.</p>]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_date><![CDATA[2016-01-10 12:00:00]]></wp:post_date>
    <wp:post_name><![CDATA[]]></wp:post_name>
    <wp:status><![CDATA[draft]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
  <item>
    <title>Over mij</title><link>https://klaagblog.example/over-mij/</link>
    <content:encoded><![CDATA[Ik schrijf over klantenservice.]]></content:encoded>
    <wp:post_id>2</wp:post_id><wp:post_date><![CDATA[2015-01-01 00:00:00]]></wp:post_date>
    <wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[page]]></wp:post_type>
  </item>
  <item>
    <title>modem-foto</title><link>https://klaagblog.example/modem-foto/</link>
    <wp:post_id>13</wp:post_id><wp:post_date><![CDATA[2015-12-16 09:00:00]]></wp:post_date>
    <wp:status><![CDATA[inherit]]></wp:status><wp:post_type><![CDATA[attachment]]></wp:post_type>
    <wp:attachment_url><![CDATA[https://klaagblog.example/wp-content/uploads/modem.jpg]]></wp:attachment_url>
  </item>
  <item>
    <title>Home</title><link>https://klaagblog.example/home/</link>
    <wp:post_id>14</wp:post_id><wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[nav_menu_item]]></wp:post_type>
  </item>
  <item>
    <title>Weggegooid concept</title><link>https://klaagblog.example/?p=15</link>
    <content:encoded><![CDATA[Weg ermee.]]></content:encoded>
    <wp:post_id>15</wp:post_id><wp:post_date><![CDATA[2016-02-01 00:00:00]]></wp:post_date>
    <wp:status><![CDATA[trash]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
</channel>
</rss>
"""

RSS = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mopperen</title><link>https://mopperen.example/</link>
<item><title>Twee maanden wachten op Stroomwerk</title><link>https://mopperen.example/2018/wachten/</link>
<guid>https://mopperen.example/2018/wachten/</guid><pubDate>Tue, 05 Jun 2018 08:00:00 +0000</pubDate>
<author>kim@mopperen.example (Kim Smit)</author><category>energie</category>
<description><![CDATA[<p>Op 3 april 2018 vroeg ik Stroomwerk om een nieuwe meter. Ik heb gebeld en gemaild.</p>
<p>Het werkt nog steeds niet. Excuses aangeboden? Nee, geen excuses.</p>]]></description></item>
<item><title>A Glasnet router that finally works</title><link>https://mopperen.example/2018/router/</link>
<pubDate>Fri, 01 Jun 2018 08:00:00 +0000</pubDate>
<description><![CDATA[<p>The router from Glasnet died on May 20, 2018. I used their chat.</p><p>It works again, and they said sorry.</p>]]></description></item>
</channel></rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Klachtenhoek</title><id>urn:uuid:klachtenhoek</id>
<updated>2023-05-02T00:00:00Z</updated><link href="https://klachtenhoek.example/"/>
<entry><title>Glasnet en de verdwenen verhuizing</title><id>https://klachtenhoek.example/verhuizing</id>
<link href="https://klachtenhoek.example/verhuizing/"/><published>2023-05-01T09:00:00Z</published>
<updated>2023-05-02T09:00:00Z</updated><author><name>Ruben Visser</name></author>
<content type="html">&lt;p&gt;Op 10 april 2023 zou Glasnet mijn verhuizing regelen. Ik heb het webformulier ingevuld.&lt;/p&gt;&lt;p&gt;Opgelost, maar zonder excuses.&lt;/p&gt;</content></entry>
<entry><title>Stroomwerk: a half-hearted apology</title><id>tag:klachtenhoek.example,2023:stroomwerk</id>
<link href="https://klachtenhoek.example/stroomwerk/"/><published>2023-03-15T09:00:00Z</published>
<updated>2023-03-15T09:00:00Z</updated>
<content type="html">&lt;p&gt;Stroomwerk cut my power on 1 March 2023 by mistake. I phoned them and went to the ombudsman.&lt;/p&gt;&lt;p&gt;Still not resolved; all I got was a half-hearted apology.&lt;/p&gt;</content></entry>
</feed>
"""

# Blogger's own export (Settings > Back up content), in the schema it used until 2019: the
# template, a setting, a page and a comment beside the posts, each marked by its kind.
BLOGGER = """\
<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href="http://www.blogger.com/styles/atom.css" type="text/css"?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:gd='http://schemas.google.com/g/2005' xmlns:thr='http://purl.org/syndication/thread/1.0'>
<id>tag:blogger.com,1999:blog-7001</id><updated>2017-06-01T10:00:00.000+02:00</updated><title type='text'>Het klaagmuurtje</title>
<link rel='alternate' type='text/html' href='https://klaagmuurtje.blogspot.com/'/><author><name>Joost Bakker</name></author>
<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>
<entry><id>tag:blogger.com,1999:blog-7001.layout</id><published>2016-01-01T10:00:00.000+01:00</published>
<updated>2016-01-01T10:00:00.000+01:00</updated><category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#template'/>
<title type='text'>Template: Het klaagmuurtje</title><content type='text'>&lt;?xml version="1.0"?&gt;&lt;html&gt;&lt;b:skin&gt;body {}&lt;/b:skin&gt;&lt;/html&gt;</content></entry>
<entry><id>tag:blogger.com,1999:blog-7001.settings.BLOG_DESCRIPTION</id><published>2016-01-01T10:00:00.000+01:00</published>
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/>
<title type='text'></title><content type='text'>Over bedrijven die niet luisteren</content></entry>
<entry><id>tag:blogger.com,1999:blog-7001.post-31</id><published>2017-03-20T21:14:00.000+01:00</published>
<updated>2017-03-21T08:00:00.000+01:00</updated>
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
<category scheme='http://www.blogger.com/atom/ns#' term='energie'/><category scheme='http://www.blogger.com/atom/ns#' term='rekening'/>
<title type='text'>Drie verkeerde rekeningen van Stroomwerk</title>
<content type='html'>&lt;div dir="ltr" style="text-align: left;" trbidi="on"&gt;Op 2 februari 2017 kreeg ik van Stroomwerk een rekening van 900 euro.&lt;br /&gt;Ik heb gebeld en gemaild.&lt;br /&gt;&lt;br /&gt;&lt;div class="separator" style="clear: both; text-align: center;"&gt;&lt;a href="https://blogger.googleusercontent.com/img/b/R29v/s1600/rekening.jpg" imageanchor="1" style="margin-left: 1em; margin-right: 1em;"&gt;&lt;img border="0" src="https://blogger.googleusercontent.com/img/b/R29v/s320/rekening.jpg" width="320" /&gt;&lt;/a&gt;&lt;/div&gt;&lt;br /&gt;Na zes weken was het opgelost, maar geen excuses.&lt;/div&gt;</content>
<link rel='replies' type='application/atom+xml' href='https://klaagmuurtje.blogspot.com/feeds/31/comments/default' title='Reacties posten'/>
<link rel='alternate' type='text/html' href='https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html' title='Drie verkeerde rekeningen van Stroomwerk'/>
<author><name>Joost Bakker</name></author><thr:total>1</thr:total></entry>
<entry><id>tag:blogger.com,1999:blog-7001.post-32</id><published>2017-05-10T12:00:00.000+02:00</published>
<updated>2017-05-10T12:00:00.000+02:00</updated><app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>
<title type='text'>Glasnet komt weer niet</title>
<content type='html'>Op 4 mei 2017 zou de monteur van Glasnet komen. Hij kwam niet. Ik geef het op, en een sorry kwam er nooit.</content>
<author><name>Joost Bakker</name></author></entry>
<entry><id>tag:blogger.com,1999:blog-7001.page-40</id><published>2016-02-01T10:00:00.000+01:00</published>
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#page'/>
<title type='text'>Over mij</title><content type='html'>Ik schrijf over klantenservice.</content>
<link rel='alternate' type='text/html' href='https://klaagmuurtje.blogspot.com/p/over-mij.html'/></entry>
<entry><id>tag:blogger.com,1999:blog-7001.post-8890</id><published>2017-03-22T09:00:00.000+01:00</published>
<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/>
<title type='text'>Herkenbaar, bij mij ook</title><content type='html'>Herkenbaar, bij mij ook geen excuses.</content>
<author><name>Anoniem</name></author>
<thr:in-reply-to href='https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html' ref='tag:blogger.com,1999:blog-7001.post-31' type='text/html'/></entry>
</feed>
"""

# A Ghost export (Settings > Labs > Export your content): one JSON file, a page beside the post.
GHOST_JSON = """\
{"db": [{"meta": {"exported_on": 1700000000000, "version": "5.75.0"}, "data": {
 "posts": [
  {"id": "65a1", "title": "Stroomwerk en de slimme meter", "slug": "stroomwerk-en-de-slimme-meter", "type": "post",
   "status": "published", "published_at": "2021-03-05T10:00:00.000Z", "canonical_url": null,
   "html": "<p>Op 2 maart 2021 belde ik Stroomwerk over de slimme meter die niets doorgaf.</p><p>Ik heb ook gemaild. Het is nog steeds niet opgelost, en geen excuses.</p>"},
  {"id": "65a2", "title": "Over deze site", "slug": "over", "type": "page", "status": "published",
   "published_at": "2020-01-01T00:00:00.000Z", "html": "<p>Ik schrijf over klantenservice.</p>"}],
 "tags": [{"id": "t1", "name": "energie"}],
 "posts_tags": [{"post_id": "65a1", "tag_id": "t1", "sort_order": 0}],
 "users": [{"id": "u1", "name": "Lotte de Wit"}],
 "posts_authors": [{"post_id": "65a1", "author_id": "u1", "sort_order": 0}]}}]}
"""

# file name -> content
FILES = {
    "blog/acht-dagen.txt": TEXT_NL,
    "blog/three-weeks.txt": TEXT_EN,
    "blog/bestelling.txt": TEXT_NO_DATE,
    "blog/twee-keer.md": MARKDOWN_NL,
    "blog/ported.md": MARKDOWN_EN,
    "pages/storing.html": HTML_NL,
    "pages/billing.html": HTML_EN,
    "export/klaagblog.xml": WXR,
    "feeds/mopperen.rss": RSS,
    "feeds/klachtenhoek.atom": ATOM,
    "export/blog-03-20-2017.xml": BLOGGER,
    "export/lotte.ghost.2023-11-14.json": GHOST_JSON,
}

NO_DATE_MTIME = 1_600_000_000  # 2020-09-13, set on blog/bestelling.txt by the tests

# What a careful reader takes from each post: (source, company, outcome, apology, date).
EXPECTED = [
    ("../import/blog/acht-dagen.txt", "Glasnet", "resolved", "no", "2019-03-03"),
    ("../import/blog/three-weeks.txt", "Stroomwerk", "gave-up", "no", "2014-03-03"),
    ("../import/blog/bestelling.txt", "Coolblue", "resolved", "yes", "2020-09-13"),
    ("../import/blog/twee-keer.md", "Stroomwerk", "unresolved", "partial", "2021-01-12"),
    ("../import/blog/ported.md", "Glasnet", "resolved", "yes", "2020-06-01"),
    ("https://anna-klaagt.example/2019/04/storing-zonder-einde/", "Glasnet", "resolved", "no", "2019-04-02"),
    ("../import/pages/billing.html", "Stroomwerk", "unresolved", "yes", "2022-09-14"),
    ("https://klaagblog.example/2015/12/geen-sorry/", "Glasnet", "gave-up", "no", "2015-12-16"),
    ("https://klaagblog.example/?p=12", "Stroomwerk", "resolved", "yes", "2016-01-10"),
    ("https://mopperen.example/2018/wachten/", "Stroomwerk", "unresolved", "no", "2018-06-05"),
    ("https://mopperen.example/2018/router/", "Glasnet", "resolved", "yes", "2018-06-01"),
    ("https://klachtenhoek.example/verhuizing/", "Glasnet", "resolved", "no", "2023-05-01"),
    ("https://klachtenhoek.example/stroomwerk/", "Stroomwerk", "unresolved", "partial", "2023-03-15"),
    ("https://klaagmuurtje.blogspot.com/2017/03/drie-verkeerde-rekeningen.html", "Stroomwerk", "resolved", "no",
     "2017-03-20"),
    ("../import/export/blog-03-20-2017.xml#post-32", "Glasnet", "gave-up", "no", "2017-05-10"),
    ("../import/export/lotte.ghost.2023-11-14.json#post-65a1", "Stroomwerk", "unresolved", "no", "2021-03-05"),
]


# A second set, written after the rules above and imported once before any tuning (see
# the import notes for the count then); the cues were widened afterwards. Posts without a
# date get NO_DATE_MTIME.
HELD_OUT_COMPANIES = {
    "content/companies/glasnet.yaml": "name: Glasnet\nsector: telecom\n",
    "content/companies/waterlijn.yaml": "name: Waterlijn\nsector: utilities\n",
    "content/companies/stroomwerk.yaml": "name: Stroomwerk\naliases: [Stroomwerk Energie]\nsector: energy\n",
}
HELD_OUT = {
    "h01.txt": """\
Mijn ervaring met Waterlijn
Geplaatst op 14 juli 2017 door Henk
Sinds begin juni lekte de watermeter. Waterlijn stuurde na drie telefoontjes een loodgieter die niets kon doen.
Ik heb er geen woorden meer voor. Excuus? Ho maar.
Uiteindelijk is de meter op 10 juli vervangen en is alles weer in orde.
""",
    "h02.txt": """\
Internet weg, weer eens
Al voor de derde keer dit jaar zit ik zonder internet. Glasnet weet van niks. De storing is niet gemeld op hun site.
Ik heb gechat, gebeld en getweet. Niemand die iets doet.
Wordt vervolgd...
Deel dit:
Twitter
Facebook
""",
    "h03.txt": """\
Stroomwerk Energie: the never-ending refund
By Maria Lopez — 2 February 2020
I moved out in November and asked Stroomwerk Energie for my final bill. In January I was still waiting for the €212 they owed me.
After a complaint to the ombudsman they paid up and wrote a letter saying they were sorry for the trouble.
""",
    "h04.md": """\
# Waarom ik weg ben bij Glasnet

12 september 2022

Drie maanden lang viel de verbinding elke avond weg. De monteur kwam vier keer. Glasnet bleef volhouden dat het aan mijn router lag.

Ik heb mijn contract opgezegd en ben overgestapt naar Kabelnoord. Het hoeft voor mij niet meer.
""",
    "h05.txt": """\
Factuur van Stroomwerk klopt niet
Op 3 oktober kreeg ik een factuur van €890. Mijn verbruik is normaal.
Ik heb een klacht ingediend via het webformulier. Stroomwerk heeft mijn klacht in behandeling genomen.
Ik wacht nog op een reactie.
""",
    "h06.txt": """\
Glasnet: finally someone listened
March 20, 2021 | Tom Baker
My fibre connection was dead from March 1. I rang Glasnet every other day.
On March 15 a manager called, apologized for the whole mess and credited two months.
Problem solved!
Leave a comment
""",
    "h07.html": """\
<html><head><title>Waterlijn en de dubbele afschrijving - Mijn blog</title>
<meta property="og:title" content="Waterlijn en de dubbele afschrijving">
<meta property="article:published_time" content="2016-05-09T08:00:00Z"></head>
<body><nav><a href="/">Start</a> <a href="/contact/">Contact</a></nav>
<div class="post"><h1>Waterlijn en de dubbele afschrijving</h1>
<p>In april schreef Waterlijn mijn voorschot twee keer af. Ik belde en kreeg een medewerker die beloofde het terug te storten.</p>
<p>Niets gebeurde. Na twee weken nog een keer gebeld. Nog steeds staat het geld niet terug en er is geen enkel excuus gekomen.</p></div>
<div id="sidebar"><h4>Categorieën</h4><ul><li>Water</li><li>Energie</li></ul></div>
<footer>Alle rechten voorbehouden</footer></body></html>
""",
    "h08.txt": """\
Stroomwerk cancelled my contract by mistake
Published 8 August 2019
They ended my contract without telling me and moved me to the most expensive tariff.
I gave up after five phone calls and a dozen emails. Went to another supplier.
Sorry? Not a word.
""",
    "h09.txt": """\
Glasnet heeft het eindelijk goed gemaakt
• 30 november 2018 • Sanne
Na twee weken zonder tv kwam er eindelijk een monteur die het probleem vond: een kapotte kabel in de straat.
Glasnet belde de dag erna om sorry te zeggen en gaf me een maand gratis.
""",
    "h10.txt": """\
Waterlijn reageert niet
Mijn brief van 4 maart 2015 is nog steeds niet beantwoord. Ook mijn e-mails niet.
Ik overweeg naar de geschillencommissie te stappen.
""",
    "h11.txt": """\
Half werk bij Stroomwerk
Geschreven door Ahmed op 21 mei 2023
De nieuwe meter werd geplaatst, maar de oude bleef gewoon doorlopen op mijn factuur. Na drie keer bellen is de oude meter afgemeld.
De medewerker zei "vervelend voor u", meer niet. Het is nu wel opgelost.
""",
    "h12.txt": """\
Glasnet and the phantom upgrade
Posted on 5 January 2024 by Lisa
Glasnet upgraded my plan without asking. I spent an hour in their chat.
They reversed it and apologized, but I am still being charged the higher price. So not fixed at all.
""",
}
HELD_OUT_EXPECTED = {
    "h01.txt": ('Waterlijn', 'resolved', 'no', '2017-07-14'),
    "h02.txt": ('Glasnet', 'open', 'unknown', '2020-09-13'),
    "h03.txt": ('Stroomwerk', 'resolved', 'yes', '2020-02-02'),
    "h04.md": ('Glasnet', 'gave-up', 'unknown', '2022-09-12'),
    "h05.txt": ('Stroomwerk', 'open', 'unknown', '2020-09-13'),
    "h06.txt": ('Glasnet', 'resolved', 'yes', '2021-03-20'),
    "h07.html": ('Waterlijn', 'unresolved', 'no', '2016-05-09'),
    "h08.txt": ('Stroomwerk', 'gave-up', 'no', '2019-08-08'),
    "h09.txt": ('Glasnet', 'resolved', 'yes', '2018-11-30'),
    "h10.txt": ('Waterlijn', 'open', 'unknown', '2020-09-13'),
    "h11.txt": ('Stroomwerk', 'resolved', 'unknown', '2023-05-21'),
    "h12.txt": ('Glasnet', 'unresolved', 'yes', '2024-01-05'),
}
