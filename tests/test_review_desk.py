"""`serve --drafts`'s review desk over HTTP: saving, and every refusal (stale file, a path
outside content/, no token, a foreign Origin, a DNS-rebound Host, the desk off)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_tree
from tests.review_support import Session, serving

STORY = "content/stories/2026-12-06-acht-dagen-zonder-internet-bij-glasnet-en-geen-excuses.md"
TEXT = """\
---
title: "Acht dagen zonder internet bij Glasnet en geen excuses"
company: "Glasnet"  # 3 mentions, in the title: "bij Glasnet"
date: 2026-12-06  # the import day: the post had no date
outcome: open  # no word of a solution
apology: "no"
draft: true
source: "posts/glasnet.txt"
# guessed by `grievance import`: check these keys, then delete 'review' (and 'draft' to publish)
review: [date, company, outcome, apology]
---
Op 20 februari 2014 viel het internet uit. Glasnet beloofde een monteur.

Over de auteur: schrijft over techniek.
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "site", {"site.yaml": "title: Klachten\nlanguage: nl\n", STORY: TEXT,
                                          "outside.md": "not a story\n"})


@pytest.fixture
def desk(site: Path, tmp_path: Path):
    with serving(site, tmp_path / "out") as session:
        yield session


def _save(desk: Session, extra: dict[str, str | list[str]], *, relative: str = STORY,
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    fields = desk.form(STORY)
    fields.update({"file": relative, "fields": " ".join(k for k in extra if k not in ("action", "junk")), **extra})
    return desk.post("/__grievance__/review/save", fields, headers={"Accept": "application/json", **(headers or {})})


def test_a_save_writes_only_the_changed_keys_and_keeps_comments_and_body(desk: Session, site: Path) -> None:
    status, _, body = _save(desk, {"company": "Glasnet B.V.", "date": "2014-03-12", "action": "confirm:company",
                                   "junk": "1"})
    assert status == 200 and json.loads(body)["ok"], body
    text = (site / STORY).read_text(encoding="utf-8")
    assert text == (TEXT.replace('company: "Glasnet"  #', 'company: "Glasnet B.V."  #')
                    .replace("date: 2026-12-06  #", "date: 2014-03-12  #")
                    .replace("review: [date, company, outcome, apology]", "review: [date, outcome, apology]")
                    .replace("\n\nOver de auteur: schrijft over techniek.\n", "\n"))


def test_confirming_the_last_key_removes_review_and_its_comment(desk: Session, site: Path) -> None:
    status, _, body = _save(desk, {"action": "confirm-all"})
    assert status == 200, body
    text = (site / STORY).read_text(encoding="utf-8")
    assert "review" not in text and "guessed by" not in text and "draft: true" in text


def test_a_file_changed_on_disk_since_the_form_was_loaded_is_not_overwritten(desk: Session, site: Path) -> None:
    fields = desk.form(STORY)
    changed = TEXT.replace("Op 20 februari", "Op 21 februari")
    (site / STORY).write_text(changed, encoding="utf-8")
    fields.update({"company": "Iets anders", "fields": "company"})
    status, _, body = desk.post("/__grievance__/review/save", fields, headers={"Accept": "application/json"})
    assert status == 409
    assert json.loads(body)["message"] == (f"{STORY} is op schijf veranderd sinds dit formulier werd geopend; er is "
                                           "niets bewaard. Laad het formulier opnieuw om het bestand te zien zoals het nu is.")
    assert (site / STORY).read_text(encoding="utf-8") == changed


@pytest.mark.parametrize("relative", ["../outside.md", "content/../outside.md", "content/stories/../../outside.md",
                                      "/etc/passwd", "content/stories/link.md", "content/stories/inside/x.md",
                                      "site.yaml", "content/stories/%2e%2e/x.md"])
def test_no_write_outside_content_stories(desk: Session, site: Path, relative: str) -> None:
    (site / "content" / "stories" / "link.md").symlink_to(site / "outside.md")
    (site / "content" / "stories" / "inside").symlink_to(site, target_is_directory=True)
    (site / "x.md").write_text(TEXT, encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file() and not p.is_symlink()}
    status, _, body = _save(desk, {"company": "X"}, relative=relative)
    assert status in (403, 404), body
    assert {p: p.read_bytes() for p in before} == before


def test_a_write_without_the_session_token_is_refused(desk: Session, site: Path) -> None:
    for token in ("", "wrong"):
        fields = {**desk.form(STORY), "token": token, "company": "X", "fields": "company"}
        status, _, body = desk.post("/__grievance__/review/save", fields, headers={"Accept": "application/json"})
        assert status == 403 and json.loads(body)["message"] == (
            "geweigerd: de sessiecode ontbreekt of klopt niet; laad de pagina van de redactietafel opnieuw")
    assert (site / STORY).read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1", None])
def test_a_write_from_another_origin_is_refused(desk: Session, site: Path, origin: str | None) -> None:
    fields = {**desk.form(STORY), "company": "X", "fields": "company"}
    headers = {"Accept": "application/json"}
    if origin is not None:
        headers["Origin"] = origin
    body = "&".join(f"{k}={v}" for k, v in fields.items()).encode()
    sent = {**headers} if origin is not None else headers
    status, _, answer = desk.request("POST", "/__grievance__/review/save", body=body, headers=sent)
    assert status == 403, answer
    assert (site / STORY).read_text(encoding="utf-8") == TEXT


def test_a_dns_rebound_host_gets_no_page_and_no_write(desk: Session, site: Path) -> None:
    rebound = f"attacker.example:{desk.port}"
    status, page = desk.get(f"/__grievance__/review/story?file={STORY}", Host=rebound)
    assert status == 403 and b'name="token"' not in page
    assert desk.get("/__grievance__/review/", Host=rebound)[0] == 403
    fields = {**desk.form(STORY), "company": "X", "fields": "company"}
    status, _, _ = desk.post("/__grievance__/review/save", fields,
                             headers={"Host": rebound, "Origin": f"http://{rebound}"})
    assert status == 403
    assert (site / STORY).read_text(encoding="utf-8") == TEXT


def test_the_banner_marks_drafts_under_serve_and_build_never_writes_the_desk(desk: Session, site: Path,
                                                                                tmp_path: Path) -> None:
    status, page = desk.get("/stories/acht-dagen-zonder-internet-bij-glasnet-en-geen-excuses/")
    assert status == 200
    assert b'class="grievance-review-banner"' in page and b"Na te kijken: date, company, outcome, apology" in page
    assert b"/__grievance__/review/story?file=" + STORY.encode() in page
    done = run_cli("build", site, "--drafts", "--out", tmp_path / "built")
    assert done.returncode == 0, done.stderr
    for path in (tmp_path / "built").rglob("*"):
        if path.is_file():
            assert b"__grievance__" not in path.read_bytes(), path
            assert b"grievance-review" not in path.read_bytes(), path


def test_desk_pages_send_a_strict_csp_and_have_no_inline_script_or_style(desk: Session) -> None:
    for path in ("/__grievance__/review/", f"/__grievance__/review/story?file={STORY}",
                 f"/__grievance__/review/publish?file={STORY}"):
        status, headers, page = desk.request("GET", path)
        assert status == 200
        assert "script-src 'self';" in headers["content-security-policy"]
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
        assert b"<script>" not in page and b"<style" not in page and b" style=" not in page


def test_off_loopback_the_desk_is_off_without_review(site: Path, tmp_path: Path) -> None:
    with serving(site, tmp_path / "out", host="0.0.0.0") as desk:
        assert desk.session.server.desk is not None and desk.session.server.desk.guard is None
        names = {f"{h}:{desk.port}" for h in ("127.0.0.1",)}
        assert desk.get("/__grievance__/review/")[0] == 404
        assert all(desk.get("/__grievance__/review/", Host=n)[0] == 404 for n in names)
        _, page = desk.get("/stories/acht-dagen-zonder-internet-bij-glasnet-en-geen-excuses/")
        assert b"(redactietafel uit)" in page and b"/__grievance__/review/story" not in page


def test_off_loopback_with_review_the_desk_asks_for_the_printed_token(site: Path, tmp_path: Path) -> None:
    with serving(site, tmp_path / "out", host="0.0.0.0", review=True) as desk:
        token = desk.session.desk_token
        assert token
        host = min(desk.session.server.desk.guard.hosts)  # type: ignore[union-attr]
        status, page = desk.get("/__grievance__/review/", Host=host)
        assert status == 200 and b'action="/__grievance__/review/login"' in page and token.encode() not in page
        origin = {"Host": host, "Origin": f"http://{host}"}
        status, _, _ = desk.post("/__grievance__/review/login", {"token": "wrong"}, headers=origin)
        assert status == 403
        status, headers, _ = desk.post("/__grievance__/review/login", {"token": token}, headers=origin)
        assert status == 303
        cookie = headers["set-cookie"].split(";")[0]
        assert "HttpOnly" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
        status, page = desk.get(f"/__grievance__/review/story?file={STORY}", Host=host, Cookie=cookie)
        assert status == 200 and token.encode() in page


def test_a_story_the_desk_cannot_parse_is_listed_with_why(desk: Session, site: Path) -> None:
    broken = site / "content" / "stories" / "kapot.md"
    broken.write_text("---\ntitle: [\n---\nbody\n", encoding="utf-8")
    status, page = desk.get("/__grievance__/review/")
    assert status == 200 and b"kapot.md" in page and b"not valid YAML" in page
    status, page = desk.get("/__grievance__/review/story?file=content/stories/kapot.md")
    assert status == 422 and b"not valid YAML" in page
    assert os.path.exists(broken)


def test_the_form_shows_the_evidence_and_an_unknown_value_as_unknown(desk: Session, site: Path) -> None:
    (site / STORY).write_text(TEXT.replace("outcome: open  #", "outcome: weet-niet  #"), encoding="utf-8")
    status, page = desk.get(f"/__grievance__/review/story?file={STORY}")
    assert status == 200
    assert 'Bewijs: 3 mentions, in the title: &#34;bij Glasnet&#34;' in page.decode()
    assert '<option value="weet-niet" selected>onbekend, kies (weet-niet)</option>' in page.decode()
    status, _, body = _save(desk, {"outcome": "weet-niet", "title": "Acht dagen zonder internet bij Glasnet en geen excuses"})
    assert status == 200, body
    assert (site / STORY).read_text(encoding="utf-8") == TEXT.replace("outcome: open  #", "outcome: weet-niet  #")


def test_publish_is_refused_while_keys_are_under_review_or_values_are_invalid(desk: Session, site: Path) -> None:
    status, page = desk.get(f"/__grievance__/review/publish?file={STORY}")
    assert status == 200 and "nog na te kijken: date, company, outcome, apology; bevestig die eerst" in page.decode()
    fields = {**desk.form(STORY), "file_slug": "acht-dagen", "url_slug": ""}
    status, _, body = desk.post("/__grievance__/review/publish", fields, headers={"Accept": "application/json"})
    assert status == 422 and "nog na te kijken" in json.loads(body)["message"]
    assert (site / STORY).read_text(encoding="utf-8") == TEXT

    (site / STORY).write_text(TEXT.replace("outcome: open  #", "outcome: maybe  #").replace(
        "review: [date, company, outcome, apology]\n", ""), encoding="utf-8")
    fields = {**desk.form(STORY), "file_slug": "acht-dagen", "url_slug": ""}
    status, _, body = desk.post("/__grievance__/review/publish", fields, headers={"Accept": "application/json"})
    assert status == 422 and "outcome: expected" in json.loads(body)["message"]


def test_publish_renames_the_file_and_keeps_the_url(desk: Session, site: Path) -> None:
    confirmed = TEXT.split("# guessed by")[0] + "---\n" + TEXT.split("---\n", 2)[2]
    (site / STORY).write_text(confirmed, encoding="utf-8")
    old_url = "/stories/acht-dagen-zonder-internet-bij-glasnet-en-geen-excuses/"
    fields = {**desk.form(STORY), "file_slug": "", "url_slug": ""}  # the defaults: a short name, the same URL
    status, _, body = desk.post("/__grievance__/review/publish", fields, headers={"Accept": "application/json"})
    assert status == 200, body
    assert not (site / STORY).exists()
    new = site / "content/stories/2026-12-06-acht-dagen-zonder-internet-bij.md"
    text = new.read_text(encoding="utf-8")
    assert "draft" not in text and "slug: acht-dagen-zonder-internet-bij-glasnet-en-geen-excuses\nsource:" in text
    assert text.endswith(TEXT.split("---\n", 2)[2])
    deadline = time.monotonic() + 30
    while desk.get(old_url)[0] != 200 or b"grievance-review-banner" in desk.get(old_url)[1]:
        assert time.monotonic() < deadline, "the old URL did not come back"
        time.sleep(0.2)


def test_publish_refuses_a_url_name_another_story_has(desk: Session, site: Path) -> None:
    confirmed = TEXT.split("# guessed by")[0] + "---\n" + TEXT.split("---\n", 2)[2]
    (site / STORY).write_text(confirmed, encoding="utf-8")
    (site / "content/stories/2014-01-01-ander.md").write_text(
        confirmed.replace("draft: true\n", "").replace("source:", "slug: bezet\nsource:"), encoding="utf-8")
    fields = {**desk.form(STORY), "file_slug": "acht-dagen", "url_slug": "bezet"}
    status, _, body = desk.post("/__grievance__/review/publish", fields, headers={"Accept": "application/json"})
    assert status == 409 and "een ander verhaal heeft de URL-naam 'bezet' al" in json.loads(body)["message"]
    assert (site / STORY).read_text(encoding="utf-8") == confirmed


def test_the_host_names_the_desk_answers_to() -> None:
    from generator.serve.review.guard import host_names

    assert host_names("127.0.0.1", 8000, reachable="127.0.0.1") == {"127.0.0.1:8000", "localhost:8000"}
    assert host_names("0.0.0.0", 8000, reachable="192.168.1.5") == {
        "127.0.0.1:8000", "localhost:8000", "192.168.1.5:8000"}
    assert host_names("::1", 8000, reachable="::1") == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert host_names("192.168.1.5", 8000, reachable="192.168.1.5") == {"192.168.1.5:8000"}


def test_every_refusal_reads_in_english_and_dutch() -> None:
    import string

    from generator.serve.review.words import MESSAGES, Message

    for key, (english, dutch) in MESSAGES.items():
        names = {n for _, n, _, _ in string.Formatter().parse(english) if n}
        assert names == {n for _, n, _, _ in string.Formatter().parse(dutch) if n}, key
        message = Message.of(key, **{name: "X" for name in names})
        assert message.text("en") == english.format(**{n: "X" for n in names})
        assert message.text("nl") == dutch.format(**{n: "X" for n in names})


def test_check_s_warnings_read_in_the_site_s_language_at_the_desk(tmp_path: Path) -> None:
    from generator.serve.review.catalog import Warnings

    story = ("---\ntitle: Storing\ncompany: Glasnett\ndate: 2026-01-01\noutcome: open\napology: 'no'\ndraft: true\n"
             "review: [company, outcome]\n---\nZie [dit verhaal](/stories/bestaat-niet/).\n")
    records = {"content/companies/glasnet.yaml": "name: Glasnet\n"}
    dutch = write_tree(tmp_path / "nl", {"site.yaml": "title: Klachten\nlanguage: nl\n", **records,
                                          "content/stories/2026-01-01-storing.md": story})
    english = write_tree(tmp_path / "en", {"site.yaml": "title: Complaints\nlanguage: en\n", **records,
                                            "content/stories/2026-01-01-storing.md": story})
    said = Warnings(dutch).by_file("nl")["content/stories/2026-01-01-storing.md"]
    assert "waarschuwing: bedrijf 'Glasnett' heeft geen bestand in content/companies/ (bedoel je 'Glasnet'?)" in said
    assert "waarschuwing: geïmporteerd: controleer company, outcome en verwijder dan 'review'" in said
    assert "waarschuwing: link naar een onbekend verhaal '/stories/bestaat-niet/'" in said
    assert not [line for line in said if line.startswith("warning:")], said
    printed = Warnings(english).by_file("en")["content/stories/2026-01-01-storing.md"]
    assert "warning: company 'Glasnett' has no record in content/companies/ (did you mean 'Glasnet'?)" in printed
    assert "warning: imported: confirm company, outcome, then delete 'review'" in printed
    checked = run_cli("check", dutch, "--drafts")  # the terminal keeps check's words
    assert "warning: company 'Glasnett' has no record in content/companies/ (did you mean 'Glasnet'?)" in checked.stderr
