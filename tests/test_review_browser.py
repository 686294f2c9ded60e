"""The review desk in Chromium: five imported posts reviewed and published through the desk
alone (no file edited by hand) build the same site as hand-written story files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli, tree_bytes, write_tree
from tests.review_support import serving

SITE_YAML = 'title: "Klachten"\nlanguage: nl\nbase_url: "https://klachten.example/"\n'

POSTS = {
    "glasnet.md": """\
        # Acht dagen zonder internet bij Glasnet en nog steeds geen excuses van de klantenservice

        Op 20 februari 2014 belde ik Glasnet: de aansluiting was niet opgeleverd. Glasnet beloofde een monteur.

        Lees ook: mijn vorige klacht over de wasmachine, en deel dit bericht met je vrienden.

        Op 28 februari 2014 was het eindelijk opgelost. Ik kreeg 6 euro korting maar geen excuses.
        """,
    "stroomland.md": """\
        # Stroomland stuurde drie keer een verkeerde jaarafrekening naar het verkeerde adres

        Op 3 maart 2019 kreeg ik van Stroomland een afrekening van 2400 euro. Ik mailde dezelfde dag.

        Stroomland antwoordde pas op 2 april 2019, met excuses, maar de afrekening klopt nog steeds niet.
        """,
    "belbaas.md": """\
        # Mijn nummer bij Belbaas werd zonder te vragen overgezet naar een andere aanbieder

        Op 5 juni 2020 was mijn nummer weg. Belbaas zei aan de telefoon dat het mijn eigen schuld was.

        Na drie weken heb ik het opgegeven en ben ik weggegaan.
        """,
    "pakketpost.md": """\
        # Pakketpost liet mijn pakket twee weken in een depot liggen zonder bericht

        Op 10 oktober 2021 werd het pakket verstuurd. Via de chat hoorde ik op 12 oktober dat het zoek was.

        Op 24 oktober kwam het toch. Pakketpost bood gedeeltelijk excuses aan en een tegoedbon van 5 euro.
        """,
    "waterwerk.md": """\
        # Waterwerk rekende een lekkage aan die er nooit was geweest in de kelder

        Op 1 februari 2022 kwam de rekening. Ik schreef een brief op 3 februari 2022.

        Waterwerk gaf op 1 maart 2022 gelijk en excuses. De rekening is teruggedraaid.
        """,
}

# What the reviewer makes of each post at the desk: form values, timeline, junk, file name, URL name.
REVIEWS: list[dict[str, Any]] = [
    {"post": "glasnet.md", "title": "Acht dagen zonder internet", "date": "2014-03-12", "company": "Glasnet",
     "outcome": "resolved", "apology": "no", "channels": ["phone"], "amount": "6", "currency": "EUR", "note": "",
     "incident": "2014-02-20", "resolved": "2014-02-28", "tags": "glasvezel, aansluiting", "author": "Els",
     "timeline": [("2014-02-28", "company", "", "Aansluiting opgeleverd."),
                  ("2014-02-20", "me", "phone", "Gebeld: de aansluiting was niet opgeleverd.")],
     "move_up": 1, "junk": "Lees ook", "file": "acht-dagen", "url": "acht-dagen"},
    {"post": "stroomland.md", "title": "Drie keer een verkeerde jaarafrekening", "date": "2019-05-01",
     "company": "Stroomland", "outcome": "open", "apology": "yes", "channels": ["email"], "amount": "",
     "currency": "EUR", "note": "", "incident": "2019-03-03", "resolved": "", "tags": "", "author": "",
     "timeline": [("2019-03-03", "me", "email", "Gemaild over de afrekening."),
                  ("2019-04-02", "company", "email", "Antwoord met excuses.")],
     "file": "verkeerde-jaarafrekening", "url": "verkeerde-jaarafrekening"},
    {"post": "belbaas.md", "title": "Nummer zonder vragen overgezet", "date": "2020-07-01", "company": "Belbaas",
     "outcome": "gave-up", "apology": "no", "channels": ["phone"], "amount": "", "currency": "EUR", "note": "",
     "incident": "2020-06-05", "resolved": "", "tags": "nummerbehoud", "author": "",
     "timeline": [], "file": "nummer-overgezet", "url": None},  # None: keep the URL the import gave it
    {"post": "pakketpost.md", "title": "Twee weken in een depot", "date": "2021-11-01", "company": "Pakketpost",
     "outcome": "resolved", "apology": "partial", "channels": ["chat"], "amount": "5", "currency": "EUR",
     "note": "tegoedbon", "incident": "2021-10-10", "resolved": "2021-10-24", "tags": "", "author": "",
     "timeline": [("2021-10-12", "me", "chat", "Gevraagd waar het pakket was.")],
     "file": "depot", "url": "depot"},
    {"post": "waterwerk.md", "title": "Een lekkage die er nooit was", "date": "2022-03-15", "company": "Waterwerk",
     "outcome": "resolved", "apology": "yes", "channels": ["letter"], "amount": "", "currency": "EUR",
     "note": "rekening teruggedraaid", "incident": "2022-02-01", "resolved": "2022-03-01", "tags": "", "author": "",
     "timeline": [("2022-02-03", "me", "letter", "Brief gestuurd."), ("2022-03-01", "company", "letter", "Gelijk gekregen.")],
     "file": "lekkage", "url": "lekkage"},
]


def _wait(condition: Callable[[], bool], seconds: float = 30, page: Any = None) -> None:
    """Polls from Python (the desk's CSP allows no string-evaluated waits)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            if page is not None:
                page.wait_for_load_state("load")
            return
        time.sleep(0.1)
    shown = page.inner_text("main") if page is not None else ""
    raise AssertionError(f"timed out at {page.url if page else ''}: {shown}")


def _fill_form(page: Any, review: dict[str, Any]) -> None:
    for name in ("title", "date", "company", "incident", "resolved", "tags", "author", "amount", "currency"):
        page.fill(f'#story-form [name="{name}"]', review[name])
    page.fill('#story-form input[name="compensation"]', review["note"])
    page.select_option("#f-outcome", review["outcome"])
    page.select_option("#f-apology", review["apology"])
    for box in page.query_selector_all('#story-form input[name="channels"]'):
        box.set_checked(box.get_attribute("value") in review["channels"])
    while page.query_selector("#events .event .remove"):
        page.click("#events .event .remove")
    for day, by, via, text in review["timeline"]:
        page.click("#add-event")
        row = page.query_selector_all("#events .event")[-1]
        row.query_selector('[name="tl_date"]').fill(day)
        row.query_selector('[name="tl_by"]').select_option(by)
        row.query_selector('[name="tl_via"]').select_option(via)
        row.query_selector('[name="tl_text"]').fill(text)
    if "move_up" in review:
        page.query_selector_all("#events .event")[review["move_up"]].query_selector(".up").click()
    if "junk" in review:
        for block in page.query_selector_all(".paragraph"):
            if review["junk"] in block.inner_text():
                block.query_selector('input[name="junk"]').check()


def _navigates(page: Any, act: Callable[[], None], expect: str) -> None:
    """Do something that makes the desk load a new page; -> once that page has loaded."""
    with page.expect_navigation(wait_until="load", timeout=30000):
        act()
    if expect not in page.url:
        raise AssertionError(f"expected {expect} in {page.url}: {page.inner_text('main')}")


def _review_and_publish(page: Any, review: dict[str, Any]) -> str:
    """One story through the desk: fill the form, save with Ctrl+S, create its company
    record, confirm all with Alt+Shift+C, publish -> the message the list then shows."""
    _fill_form(page, review)
    _navigates(page, lambda: page.keyboard.press("Control+s"), "done=saved")
    if page.query_selector("#new-company"):
        _navigates(page, lambda: page.click("#new-company"), "company=")
    page.focus("#f-title")
    _navigates(page, lambda: page.keyboard.press("Alt+Shift+C"), "done=")
    assert page.query_selector("#confirm-all") is None
    _navigates(page, lambda: page.click("#publish"), "/__grievance__/review/publish?")
    assert page.query_selector("#error") is None, page.inner_text("#error")
    page.fill("#f-file-slug", review["file"])
    if review["url"] is not None:
        page.fill("#f-url-slug", review["url"])
    _navigates(page, lambda: page.click("#publish-do"), "published=")
    return page.inner_text("#message")


def _hand_written(site: Path, reviews: list[dict[str, Any]], sources: dict[str, str]) -> None:
    files: dict[str, str | bytes] = {"site.yaml": SITE_YAML}
    for review in reviews:
        company = review["company"]
        files[f"content/companies/{company.lower()}.yaml"] = f"name: {company}\n"
        lines = ["---", f'title: "{review["title"]}"', f"company: {company}", f"date: {review['date']}",
                 f"outcome: {review['outcome']}", f'apology: "{review["apology"]}"']
        lines += [f"author: {review['author']}"] if review["author"] else []
        lines += [f"incident: {review['incident']}"] + ([f"resolved: {review['resolved']}"] if review["resolved"] else [])
        lines += [f"channels: [{', '.join(review['channels'])}]"]
        if review["amount"]:
            note = f', note: "{review["note"]}"' if review["note"] else ""
            lines += [f"compensation: {{amount: {review['amount']}, currency: {review['currency']}{note}}}"]
        elif review["note"]:
            lines += [f'compensation: "{review["note"]}"']
        lines += [f"tags: [{review['tags']}]"] if review["tags"] else []
        events = sorted(review["timeline"]) if "move_up" in review else review["timeline"]
        if events:
            lines.append("timeline:")
            for day, by, via, text in events:
                lines += [f"  - date: {day}", f"    by: {by}"] + ([f"    via: {via}"] if via else []) + [f'    text: "{text}"']
        slug = review["url"] or review["imported_slug"]
        lines += [f"slug: {slug}"] if slug != review["file"] else []
        lines += [f'source: "{sources[review["post"]]}"', "---"]
        body = review["body"]
        files[f"content/stories/{review['date']}-{review['file']}.md"] = "\n".join(lines) + "\n" + body
    write_tree(site, files)


@pytest.mark.slow
def test_five_imported_posts_reviewed_and_published_at_the_desk_build_the_hand_written_site(
        tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("GRIEVANCE_CACHE_DIR", str(tmp_path / "cache"))
    site = write_tree(tmp_path / "site", {"site.yaml": SITE_YAML, **{f"posts/{n}": t for n, t in POSTS.items()}})
    imported = run_cli("import", site / "posts", "--site", site, "--language", "nl")
    assert imported.returncode == 0, imported.stderr
    stories = sorted((site / "content/stories").glob("*.md"))
    assert len(stories) == 5
    by_post = {}
    for path in stories:
        text = path.read_text(encoding="utf-8")
        post = next(n for n in POSTS if f'source: "posts/{n}"' in text)
        by_post[post] = path
    console: list[str] = []
    with serving(site, tmp_path / "out") as desk:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
        page.goto(f"{desk.origin}/__grievance__/review/")
        assert "5 concepten" in page.inner_text("#counts")
        _navigates(page, lambda: page.click(".story-link"), "/__grievance__/review/story?")
        first = page.url
        _navigates(page, lambda: page.keyboard.press("Alt+Shift+J"), "/__grievance__/review/story?")
        assert page.url != first
        _navigates(page, lambda: page.keyboard.press("Alt+Shift+K"), "/__grievance__/review/story?")
        assert page.url == first
        for review in REVIEWS:
            path = by_post[review["post"]]
            review["imported_slug"] = path.stem[11:]
            body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
            review["body"] = "\n\n".join(p for p in body.split("\n\n") if review.get("junk", "\0") not in p)
            page.goto(f"{desk.origin}/__grievance__/review/story?file=content/stories/{path.name}")
            message = _review_and_publish(page, review)
            assert message == f"Gepubliceerd als content/stories/{review['date']}-{review['file']}.md."
        page.goto(f"{desk.origin}/__grievance__/review/")
        assert page.query_selector(".story-row") is None
        # The URL the import gave a story still works after its file was renamed.
        belbaas = next(r for r in REVIEWS if r["url"] is None)
        _wait(lambda: desk.get(f"/stories/{belbaas['imported_slug']}/")[0] == 200)
        context.close()
    assert not [text for text in console if "Content Security Policy" in text], console
    sources = {name: f"posts/{name}" for name in POSTS}
    reference = tmp_path / "reference"
    _hand_written(reference, REVIEWS, sources)
    for folder in (site, reference):
        done = run_cli("build", folder, "--out", folder.parent / f"{folder.name}-out", "--no-search")
        assert done.returncode == 0, done.stderr
    built, expected = tree_bytes(tmp_path / "site-out"), tree_bytes(tmp_path / "reference-out")
    assert sorted(built) == sorted(expected)
    assert [name for name in built if built[name] != expected[name]] == []
