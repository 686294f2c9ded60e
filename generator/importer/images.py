"""The images an imported post shows from other sites -> files beside its story, and the
post's Markdown pointing at them (`grievance import --images`).

The site's pages load images from the site only (their Content-Security-Policy), so a
post's `![..](https://old-blog/...)` would show nothing. Each image is fetched once
(http and https only, at most MAX_BYTES, TOTAL_SECONDS in all), kept only when Pillow reads it
as a JPEG, PNG, GIF or WebP, and written as `<story file name>-<n>.<ext>` beside the
story (never over a file). The build then publishes it next to the story's page, with
its metadata removed. A URL whose host is a private, loopback or link-local address is
not fetched: the posts are untrusted text, and must not make the importer call into the
local network. The address is checked where the connection is made, after DNS, for
every redirect too, on the parsed address and every IPv4 address an IPv6 form carries.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.importer.write import write_new

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20  # seconds of silence
TOTAL_SECONDS = 60  # for one image, headers and body
PUBLIC_ONLY = True  # tests serve their images on 127.0.0.1
_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
_IMAGE = re.compile(r"(!\[[^\]\n]{0,2000}\]\(\s*<?)(https?://[^)\s>]{1,2000})")


class ImageError(Exception):
    """An image that could not be fetched or read; the message says why."""


@dataclass(frozen=True)
class Fetched:
    """What became of the images of one post."""

    body: str  # the Markdown, saved images pointing at their files
    saved: tuple[str, ...]  # file names written beside the story
    missed: tuple[tuple[str, str], ...]  # (url, why) of the images left as they were


def _embedded(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """An IPv6 address -> the IPv4 addresses it carries: mapped (::ffff:a.b.c.d), compatible
    (::a.b.c.d), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo's
    server and client. A packet to any of these forms can end at that IPv4 address."""
    found = [v4 for v4 in (address.ipv4_mapped, address.sixtofour) if v4 is not None]
    if address.teredo is not None:
        found += list(address.teredo)
    value = int(address)
    low = ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if value >> 32 == 0 or value >> 32 == 0x64FF9B << 64 or value >> 80 == 0x0064FF9B0001:
        found.append(low)
    return found


def address_problem(text: str) -> str | None:
    """An address as getaddrinfo gives it -> why no connection may go there (loopback,
    private, link-local such as the cloud metadata address, reserved, multicast, or an
    IPv6 form carrying such an IPv4 address), None when it is a public address."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    every = [address, *(_embedded(address) if isinstance(address, ipaddress.IPv6Address) else [])]
    if all(one.is_global and not one.is_multicast for one in every):
        return None
    return "a private address"


def _connect(host: str, port: int, timeout: float | None) -> socket.socket:
    """Host and port -> a socket connected to one of the host's addresses, each checked
    after the name is resolved (so DNS cannot answer one address to a check and another
    to the connection); ImageError when the host is unknown or only private."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise ImageError(f"unknown host {host}") from error
    allowed = [info for info in infos if not PUBLIC_ONLY or address_problem(str(info[4][0])) is None]
    if not allowed:
        raise ImageError(f"{host} is a private address")
    failure: OSError = OSError(f"cannot connect to {host}")
    for family, kind, protocol, _name, address in allowed:
        connection = socket.socket(family, kind, protocol)
        try:
            connection.settimeout(timeout)
            connection.connect(address)
        except OSError as error:
            connection.close()
            failure = error
            continue
        _WATCHED.append(connection)
        return connection
    raise failure


_WATCHED: list[socket.socket] = []  # the sockets of the download under way, shut at its deadline


class _Checked(http.client.HTTPConnection):
    """An HTTP connection that goes only to a checked address (_connect)."""

    def connect(self) -> None:
        self.sock = _connect(self.host, self.port, self.timeout)


class _CheckedTLS(http.client.HTTPSConnection, _Checked):
    """HTTPS over _Checked.connect (HTTPSConnection.connect wraps what it makes)."""


class _Plain(urllib.request.HTTPHandler):
    def http_open(self, req):  # noqa: ANN001, ANN201 - urllib's signature
        return self.do_open(_Checked, req)


class _TLS(urllib.request.HTTPSHandler):
    def https_open(self, req):  # noqa: ANN001, ANN201 - urllib's signature
        return self.do_open(_CheckedTLS, req, context=ssl.create_default_context())


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed only to http(s) URLs (their address is checked on connecting)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        _check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ImageError(f"not an http(s) URL: {url}")


def _shut() -> None:
    for connection in list(_WATCHED):
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def download(url: str) -> bytes:
    """An image URL -> its bytes, read as they come, at most MAX_BYTES in at most
    TOTAL_SECONDS (a server that sends a byte a second is cut off there, in its headers
    or its body); ImageError when it cannot be had. No proxy: the address checked is the
    address connected to."""
    _check(url)
    request = urllib.request.Request(url, headers={"User-Agent": "grievance-import"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _Plain(), _TLS(), _Redirects())
    deadline = time.monotonic() + TOTAL_SECONDS
    timer = threading.Timer(TOTAL_SECONDS, _shut)
    timer.start()
    chunks: list[bytes] = []
    size = 0
    try:
        with opener.open(request, timeout=TIMEOUT) as answer:
            while size <= MAX_BYTES and (chunk := answer.read1(64 * 1024)):
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    break
    except urllib.error.HTTPError as error:
        raise ImageError(f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
        if time.monotonic() >= deadline:
            raise ImageError(f"took longer than {TOTAL_SECONDS} s") from None
        raise ImageError(str(getattr(error, "reason", error))) from None
    finally:
        timer.cancel()
        for connection in _WATCHED:
            connection.close()
        _WATCHED.clear()
    if time.monotonic() >= deadline:
        raise ImageError(f"took longer than {TOTAL_SECONDS} s")
    if size > MAX_BYTES:
        raise ImageError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return b"".join(chunks)


def _extension(data: bytes) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format or ""
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageError("not an image") from error
    if found not in _FORMATS:
        raise ImageError(f"a {found or 'unknown'} image, not JPEG, PNG, GIF or WebP")
    return _FORMATS[found]


def remote_images(body: str) -> list[str]:
    """A post's Markdown -> the URLs of the images it shows from other sites, each once, in order."""
    return list(dict.fromkeys(match.group(2) for match in _IMAGE.finditer(body)))


def fetch_images(body: str, *, folder: Path, stem: str, fetch: Callable[[str], bytes] = download) -> Fetched:
    """A post's Markdown, the story's folder and file name without '.md' -> the images it
    shows from other sites saved beside the story, and the Markdown pointing at them."""
    urls = remote_images(body)
    names: dict[str, str] = {}
    missed = []
    number = 0
    for url in urls:
        try:
            data = fetch(url)
            extension = _extension(data)
        except ImageError as error:
            missed.append((url, str(error)))
            continue
        while True:
            number += 1
            name = f"{stem}-{number}.{extension}"
            if write_new(folder / name, data):
                break
        names[url] = name
    text = _IMAGE.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)), body)
    return Fetched(text, tuple(names.values()), tuple(missed))
