"""The review desk's requests: pages under /__grievance__/review/, and the banner that
`serve` puts on a draft's page. The dev server (serve/http.py) hands over every request
under DESK and each HTML page it sends; nothing here is ever written to a built site.

GET  review/                  the list: drafts and stories under review, filter and sort
GET  review/story?file=F      the form for story file F beside its page
GET  review/publish?file=F    what publishing F does, to confirm
POST review/save              write the form back (action: save, confirm:<key>, confirm-all, company, publish)
POST review/publish           drop `draft` and rename the file
POST review/login             off loopback: the token printed in the terminal, once
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from generator.model import Language, Site, Story
from generator.serve.review import actions, catalog, pages
from generator.serve.review.files import Refused, version
from generator.serve.review.form import Form, one
from generator.serve.review.guard import COOKIE, Guard
from generator.serve.review.words import Message, words

DESK = pages.DESK
STATIC = {"desk.js": "text/javascript", "desk.css": "text/css", "banner.css": "text/css"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
       "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'")
MAX_FORM = 4 * 1024 * 1024
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_DONE = ("saved", "unchanged")


class Desk:
    """One serve session's desk. `guard` None: the desk is off (banners say so, nothing else answers)."""

    def __init__(self, site_dir: Path, *, guard: Guard | None, site: Callable[[], Site | None]) -> None:
        self.site_dir = site_dir
        self.guard = guard
        self.site = site
        self.warnings = catalog.Warnings(site_dir)
        self._banners: tuple[object, dict[str, Story]] = (None, {})

    # --- the banner on served pages

    def decorate(self, request_path: str, html: bytes) -> bytes:
        """A served HTML page -> with the review banner after <body> when it is a draft's or has keys to check."""
        story = self._story_at(request_path)
        if story is None or not (story.draft or story.review):
            return html
        match = _BODY.search(html)
        if match is None:
            return html
        site = self.site()
        language = site.config.language if site is not None else Language.EN
        strip = pages.banner(language, review=story.review, draft=story.draft,
                             link=pages.form_url(story.source) if self.guard is not None else "")
        return html[:match.end()] + strip + html[match.end():]

    def _story_at(self, request_path: str) -> Story | None:
        from generator.urls import Urls

        site = self.site()
        if site is None:
            return None
        if self._banners[0] is not site:
            urls = Urls(site.config.base_url)
            self._banners = (site, {urls.output_path(urls.story(s)): s for s in site.stories})
        path = urlsplit(request_path).path.lstrip("/")
        return self._banners[1].get(path + "index.html" if path == "" or path.endswith("/") else path)

    # --- requests

    def answers(self, path: str) -> bool:
        return path.startswith(DESK)

    def handle(self, handler: BaseHTTPRequestHandler, *, method: str) -> None:
        parts = urlsplit(handler.path)
        name = parts.path[len(DESK):]
        query = parse_qs(parts.query)
        try:
            if method in ("GET", "HEAD") and name in STATIC:
                data = Path(__file__).with_name(name).read_bytes()
                self._send(handler, HTTPStatus.OK, data, STATIC[name] + "; charset=utf-8")
                return
            if self.guard is None:
                raise Refused(Message.of("off"), 404)
            self.guard.check_host(handler.headers)
            if method == "POST":
                self._post(handler, name)
            elif not self.guard.logged_in(handler.headers):
                self._page(handler, pages.render("login.html", self._language(), heading=words(self._language())["login"]))
            else:
                self._get(handler, name, query)
        except Refused as refused:
            self._refused(handler, refused, wants_json="json" in (handler.headers.get("Accept") or ""))

    def _language(self) -> Language:
        site = self.site()
        return site.config.language if site is not None else catalog.site_language(self.site_dir)

    def _title(self) -> str:
        site = self.site()
        return site.config.title if site is not None else ""

    def _get(self, handler: BaseHTTPRequestHandler, name: str, query: dict[str, list[str]]) -> None:
        language = self._language()
        w = words(language)
        if name == "":
            items = catalog.entries(self.site_dir, self.warnings.by_file(language))
            done = one(query, "published")
            message = w["published"].format(path=done) if done else ""
            self._page(handler, pages.list_page(language, items, q=one(query, "q"), key=one(query, "key"),
                                                sort=one(query, "sort"), site_title=self._title(), message=message))
        elif name == "story":
            self._page(handler, self._story(language, one(query, "file"), query))
        elif name == "publish":
            relative = one(query, "file")
            _, data, edited = actions.load(self.site_dir, relative)
            plan = actions.plan_publish(self.site_dir, relative)
            self._page(handler, pages.render("publish.html", language, heading=str(edited.values().get("title") or ""),
                                             plan=plan, token=self._token(), version=version(data),
                                             back=pages.form_url(relative), site_title=self._title()))
        else:
            raise Refused(f"no such desk page: {name}", 404)

    def _token(self) -> str:
        assert self.guard is not None
        return self.guard.token

    def _story(self, language: Language, relative: str, query: dict[str, list[str]]) -> bytes:
        w = words(language)
        _, data, edited = actions.load(self.site_dir, relative)
        listed = [e.path for e in catalog.entries(self.site_dir, {})]
        at = listed.index(relative) if relative in listed else -1
        previous = pages.form_url(listed[at - 1]) if at > 0 else ""
        following = pages.form_url(listed[at + 1]) if 0 <= at < len(listed) - 1 else ""
        done = one(query, "done")
        message = w[done] if done in _DONE else ""
        if one(query, "company"):
            message += " " + w["company_written"].format(path=one(query, "company"))
        slug = actions.current_slug(relative, edited.values())
        return pages.story_page(language, relative=relative, version=version(data), edited=edited, token=self._token(),
                                neighbours=(previous, following), page_url=f"/stories/{quote(slug)}/",
                                warnings=self.warnings.by_file(language).get(relative, []),
                                choices=catalog.companies(self.site_dir), message=message.strip(),
                                site_title=self._title())

    def _post(self, handler: BaseHTTPRequestHandler, name: str) -> None:
        assert self.guard is not None
        form = self._form(handler)
        if name == "login":
            self.guard.check_write(handler.headers, self.guard.token if self.guard.logged_in(handler.headers)
                                   else one(form, "token"))
            self._send(handler, HTTPStatus.SEE_OTHER, b"", "text/plain", location=DESK,
                       cookie=f"{COOKIE}={self.guard.token}; HttpOnly; SameSite=Strict; Path=/__grievance__/")
            return
        self.guard.check_write(handler.headers, one(form, "token") or handler.headers.get("X-Grievance-Token", ""))
        if name == "save":
            saved = actions.save(self.site_dir, form)
            relative = one(form, "file")
            if one(form, "action") == "publish":
                target = f"{DESK}publish?file={quote(relative)}"
            else:
                target = pages.form_url(relative) + f"&done={saved.message}"
                target += f"&company={quote(saved.company_record)}" if saved.company_record else ""
        elif name == "publish":
            plan = actions.publish(self.site_dir, form)
            target = f"{DESK}?published={quote(plan.new_relative)}"
        else:
            raise Refused(f"no such desk action: {name}", 404)
        self._moved(handler, target)

    def _form(self, handler: BaseHTTPRequestHandler) -> Form:
        try:
            length = int(handler.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_FORM:
            raise Refused("the form is too large or its length is missing", 413)
        kind = (handler.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = handler.rfile.read(length)
        if kind != "application/x-www-form-urlencoded":
            raise Refused("expected a form (application/x-www-form-urlencoded)", 415)
        try:
            return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20000)
        except (UnicodeDecodeError, ValueError):
            raise Refused("the form is not UTF-8 or has too many fields", 400) from None

    def _moved(self, handler: BaseHTTPRequestHandler, target: str) -> None:
        if "json" in (handler.headers.get("Accept") or ""):
            body = json.dumps({"ok": True, "location": target}, sort_keys=True).encode()
            self._send(handler, HTTPStatus.OK, body, "application/json")
        else:
            self._send(handler, HTTPStatus.SEE_OTHER, b"", "text/plain", location=target)

    def _refused(self, handler: BaseHTTPRequestHandler, refused: Refused, *, wants_json: bool) -> None:
        status = HTTPStatus(refused.status)
        if wants_json:
            text = refused.message.text(self._language())
            body = json.dumps({"ok": False, "message": text}, sort_keys=True, ensure_ascii=False).encode()
            self._send(handler, status, body, "application/json")
            return
        language = self._language()
        body = pages.render("message.html", language, heading=words(language)["refused"], text=refused.message.text(language),
                            back=DESK if self.guard is not None else "", site_title="")
        self._send(handler, status, body, "text/html; charset=utf-8")

    def _page(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        self._send(handler, HTTPStatus.OK, body, "text/html; charset=utf-8")

    def _send(self, handler: BaseHTTPRequestHandler, status: HTTPStatus, data: bytes, kind: str, *,
              location: str = "", cookie: str = "") -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Cache-Control", "no-store")
        handler.send_header("Content-Security-Policy", CSP)
        handler.send_header("X-Frame-Options", "SAMEORIGIN")
        handler.send_header("X-Content-Type-Options", "nosniff")
        handler.send_header("Referrer-Policy", "same-origin")  # "no-referrer" makes Chromium send Origin: null
        if location:
            handler.send_header("Location", location)
        if cookie:
            handler.send_header("Set-Cookie", cookie)
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(data)
