"""The images an imported post shows from other sites -> files beside its story, and the
post's Markdown pointing at them (`grievance import --images`).

The site's pages load images from the site only (their Content-Security-Policy), so a
post's `![..](https://old-blog/...)` would show nothing. Each image is fetched once
(http and https only, at most MAX_BYTES, TIMEOUT seconds), kept only when Pillow reads it
as a JPEG, PNG, GIF or WebP, and written as `<story file name>-<n>.<ext>` beside the
story (never over a file). The build then publishes it next to the story's page, with
its metadata removed. A URL whose host is a private, loopback or link-local address is
not fetched: the posts are untrusted text, and must not make the importer call into the
local network.
"""

from __future__ import annotations

import io
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.importer.write import write_new

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20
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


def _public(host: str) -> None:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise ImageError(f"unknown host {host}") from error
    for address in addresses:
        if not ipaddress.ip_address(str(address).split("%", 1)[0]).is_global:
            raise ImageError(f"{host} is a private address")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed only to http(s) URLs that pass the same check as the first."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        _check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ImageError(f"not an http(s) URL: {url}")
    if PUBLIC_ONLY:
        _public(parts.hostname or "")


def download(url: str) -> bytes:
    """An image URL -> its bytes; ImageError when it cannot be had."""
    _check(url)
    request = urllib.request.Request(url, headers={"User-Agent": "grievance-import"})
    opener = urllib.request.build_opener(_Redirects())
    try:
        with opener.open(request, timeout=TIMEOUT) as answer:
            data = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ImageError(f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise ImageError(str(getattr(error, "reason", error))) from None
    if len(data) > MAX_BYTES:
        raise ImageError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


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
