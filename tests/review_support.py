"""A `serve --drafts` session in this process, for the review desk's tests."""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from generator.build import BuildOptions
from generator.serve.loop import DevSession


@dataclass
class Session:
    session: DevSession
    site: Path

    @property
    def port(self) -> int:
        return int(self.session.server.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None,
                ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in sent.items():
                connection.putheader(name, value)
            if method == "POST":
                connection.putheader("Content-Type", "application/x-www-form-urlencoded")
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body if method == "POST" else None)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> tuple[int, bytes]:
        status, _, body = self.request("GET", path, headers=headers)
        return status, body

    def post(self, path: str, fields: dict[str, str | list[str]], *, headers: dict[str, str] | None = None,
             ) -> tuple[int, dict[str, str], bytes]:
        sent = {"Origin": self.origin, **(headers or {})}
        return self.request("POST", path, body=urlencode(fields, doseq=True).encode(), headers=sent)

    def form(self, relative: str) -> dict[str, str | list[str]]:
        """The desk's form for a story -> its fields as the browser would send them unchanged."""
        status, page = self.get(f"/__grievance__/review/story?file={relative}")
        assert status == 200, page
        html = page.decode()
        fields: dict[str, str | list[str]] = {}
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html):
            fields[name] = value
        return fields

    def wait_built(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.session.state.current.built and self.session.state.current.ok:
                return
            time.sleep(0.05)
        raise AssertionError("the site was not built")


@contextmanager
def serving(site: Path, out: Path, *, host: str = "127.0.0.1", review: bool = False) -> Iterator[Session]:
    session = DevSession(site, out, host=host, port=0, options=BuildOptions(drafts=True, search=False),
                         report=lambda _line: None, desk=True, review=review)
    thread = threading.Thread(target=session.run, daemon=True)
    thread.start()
    try:
        served = Session(session, site)
        served.wait_built()
        yield served
    finally:
        session.close()
        thread.join(timeout=10)
