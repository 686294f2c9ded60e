"""Stories and the image files of a site -> stories whose <img> point where the images
are published, with their width and height, and an error for each image not found.

`![foto](meterkast.jpg)` in content/stories/2014/acht-dagen.md is looked up beside the
story (content/stories/2014/meterkast.jpg), then in content/images/. One beside the story
is published in the story's folder (/stories/acht-dagen/meterkast.jpg), one from
content/images/ under /images/. Only images a story shows are published: a photo left
in the folder stays private. URLs with a scheme (https:, data:), site-absolute paths
(/static-file.png) and anchors are left as written.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from html import escape, unescape
from urllib.parse import quote, unquote, urlsplit

from generator.diagnostics import Diagnostic, Severity
from generator.model import SiteConfig, Story
from generator.read.files import IMAGES_DIR, SourceFile, Sources
from generator.urls import Urls

_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\s(src|width|height)="([^"]*)"')
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


@dataclass(frozen=True)
class Placed:
    """An image file as published: where it is read from, where it goes, its size."""

    source: str  # path relative to the site root
    output: str  # output path, e.g. 'stories/acht-dagen/meterkast.jpg'
    url: str
    width: int
    height: int


def _local(src: str) -> str | None:
    """An <img src> as written -> the relative file path it names, None for a URL
    with a scheme or host, a site-absolute path, or an anchor."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return unquote(parts.path)


def _find(story: Story, path: str, images: Mapping[str, bytes], urls: Urls) -> tuple[str, str, str] | None:
    """A story, a relative image path -> (source path, output path, URL) when the file
    exists beside the story or in content/images/; None otherwise."""
    name = posixpath.normpath(path)
    if name.startswith("../") or name == "..":
        return None
    beside = posixpath.join(posixpath.dirname(story.source), name)
    if beside in images:
        folder = urls.story(story)
        return beside, urls.output_path(folder).rsplit("/", 1)[0] + "/" + name, folder + quote(name)
    shared_name = name.removeprefix("images/")
    shared = f"{IMAGES_DIR}/{shared_name}"
    if shared in images:
        return shared, f"images/{shared_name}", urls.file("images/" + quote(shared_name))
    return None


def _line(story: Story, body: str, path: str) -> int:
    """The file line of the first Markdown image naming `path` (the body's first line
    when it is written some other way, as raw HTML)."""
    for number, text in enumerate(body.splitlines()):
        for match in _MARKDOWN_IMAGE.finditer(text):
            if _local(match.group(1)) == path:
                return story.body_line + number
    return story.body_line


def _rewrite(tag: str, placed: Placed) -> str:
    """An <img> tag, where its image went -> the tag with that src, width and height."""
    kept = _ATTR.sub("", tag)
    attributes = f' src="{escape(placed.url)}" width="{placed.width}" height="{placed.height}"'
    return "<img" + attributes + kept[len("<img"):]


def place_images(
    stories: Sequence[Story], images: Mapping[str, bytes], urls: Urls, body_of: Callable[[Story], str],
    known: MutableMapping[str, tuple[int, int] | str] | None = None,
) -> tuple[list[Story], list[Diagnostic], list[Placed]]:
    """Stories, image files {path: bytes}, Urls, a way to get a story's Markdown (for
    lines) (and images measured before, by a hash of their bytes: a PNG or GIF is decoded
    to be sure it can be published, a JPEG is not) -> the stories with their images
    placed, a warning per image not found (an error with --strict, like a company without
    a record) and an error per file that is no readable image, and every image to publish
    (sorted by output path, once each)."""
    sizes: dict[str, tuple[int, int] | str] = {}
    placed_all: dict[str, Placed] = {}
    problems: list[Diagnostic] = []
    result = []
    for story in stories:
        if "<img" not in story.body_html:
            result.append(story)
            continue
        shown: list[Placed] = []

        def place(match: re.Match[str], story: Story = story, shown: list[Placed] = shown) -> str:
            tag = match.group(0)
            src = dict(_ATTR.findall(tag)).get("src", "")
            path = _local(unescape(src))
            if path is None:
                return tag
            found = _find(story, path, images, urls)
            if found is None:
                problems.append(_problem(story, body_of, path, f"image '{path}' not found beside the story or in {IMAGES_DIR}/",
                                         Severity.WARNING))
                return tag
            source, output, url = found
            if source not in sizes:
                sizes[source] = _size(images[source], known)
            size = sizes[source]
            if isinstance(size, str):
                problems.append(_problem(story, body_of, path, f"image '{path}' {size}"))
                return tag
            item = Placed(source, output, url, *size)
            shown.append(item)
            placed_all[output] = item
            return _rewrite(tag, item)

        html = _IMG.sub(place, story.body_html)
        result.append(replace(story, body_html=html, images=tuple((p.source, p.output) for p in shown)))
    return result, problems, [placed_all[key] for key in sorted(placed_all)]


def _size(data: bytes, known: MutableMapping[str, tuple[int, int] | str] | None) -> tuple[int, int] | str:
    """Image bytes (and those measured before) -> its size as shown, or why it cannot be
    published. Only what is decoded to be sure is looked up: a JPEG is measured by its
    header and end (hashing its bytes would cost more)."""
    if known is None or data.startswith(b"\xff\xd8"):
        return _measured(data)
    key = hashlib.blake2b(data, digest_size=16).hexdigest()
    found = known.get(key)
    if found is None:
        found = known[key] = _measured(data)
    return found


def _measured(data: bytes) -> tuple[int, int] | str:
    from generator.read.images import NotAnImage, TooLarge, Undecodable, publishable_size  # Pillow: only for a site with images

    try:
        return publishable_size(data)
    except TooLarge as error:
        return f"is too large to publish: {error}"
    except Undecodable as error:
        return f"cannot be published: {error}"
    except NotAnImage:
        return "is not a JPEG, PNG, GIF or WebP image that can be read"


def _problem(story: Story, body_of: Callable[[Story], str], path: str, text: str,
             severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(story.source, _line(story, body_of(story), path), text, severity=severity)


def place_story_images(
    stories: list[Story], sources: Sources, config: SiteConfig,
    known: MutableMapping[str, tuple[int, int] | str] | None = None,
) -> tuple[list[Story], list[Diagnostic]]:
    """Parsed stories and the files they were read from (and the images measured before,
    see `place_images`) -> the stories with their images placed, and the problems found
    (check_site's step between parsing and linking)."""
    if not any("<img" in story.body_html for story in stories):
        return stories, []
    from generator.read.story import story_body

    files = {f.path: f for f in sources.stories}
    placed, problems, _ = place_images(
        stories, _Bytes(sources.images), Urls(config.base_url),
        lambda story: story_body(story.source, files[story.source].data), known,
    )
    return placed, problems


class _Bytes(Mapping[str, bytes]):
    """Files by path -> their bytes, each read when first asked for (a shown image only)."""

    def __init__(self, files: Sequence[SourceFile]) -> None:
        self._files = {f.path: f for f in files}

    def __getitem__(self, path: str) -> bytes:
        return self._files[path].data

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)
