"""Who may use the desk: requests to the right Host, writes from the desk's own pages.

- Every desk request must name this server in `Host` (one of the names it answers
  to): a page elsewhere whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends
  its own name and is refused, so it never reads a desk page or its token.
- Every write must carry the session's token (random, made at start, in the desk's
  pages) and an `Origin` equal to `http://<Host>`: another site's form or script
  (CSRF) has neither.
- Off loopback (`serve --host 0.0.0.0 --review`), pages also need the token once: the
  desk asks for the one printed in the terminal and keeps it in a same-site cookie.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from typing import Any, Protocol

from generator.serve.review.files import Refused
from generator.serve.review.words import Message

COOKIE = "grievance-review"


class Headers(Protocol):
    """A request's headers: http.server's Message, or a dict in tests."""

    def get(self, name: str, default: Any = None, /) -> Any: ...


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_names(host: str, port: int, *, reachable: str) -> frozenset[str]:
    """The bound address, its port, the address printed -> every `Host` value the desk accepts."""
    wildcard = host in ("", "0.0.0.0", "::")  # every interface, loopback included
    names = {"127.0.0.1", "localhost", host, reachable} if is_loopback(host) or wildcard else {host, reachable}
    if wildcard:
        names.discard(host)
    shown = {f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names}
    return frozenset(f"{n.lower()}:{port}" for n in shown)


@dataclass(frozen=True)
class Guard:
    """The session's token, the Host values accepted, and whether pages need the token too."""

    hosts: frozenset[str]
    login: bool  # off loopback: pages ask for the token
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def check_host(self, headers: Headers) -> None:
        host = (headers.get("Host") or "").strip().lower()
        if host not in self.hosts:
            raise Refused(Message.of("host", hosts=", ".join(sorted(self.hosts)), host=host), 403)

    def logged_in(self, headers: Headers) -> bool:
        if not self.login:
            return True
        try:
            cookie = SimpleCookie(headers.get("Cookie") or "")
        except CookieError:
            return False
        morsel = cookie.get(COOKIE)
        return morsel is not None and hmac.compare_digest(morsel.value.encode(), self.token.encode())

    def check_write(self, headers: Headers, token: str) -> None:
        """A write request's headers and the token it carries -> nothing, or Refused."""
        self.check_host(headers)
        origin = headers.get("Origin")
        if origin is None:
            raise Refused("refused: the request has no Origin header (send it from the desk's page)", 403)
        if origin.lower() != "http://" + (headers.get("Host") or "").strip().lower():
            raise Refused(Message.of("foreign", origin=origin), 403)
        if headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            raise Refused(Message.of("foreign", origin=headers.get("Sec-Fetch-Site")), 403)
        if not token or not hmac.compare_digest(token.encode(), self.token.encode()):
            raise Refused(Message.of("no_token"), 403)
