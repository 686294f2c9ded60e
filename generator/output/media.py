"""Linked Site -> the files published as they are or nearly: the site's static/ folder,
copied byte for byte to the output root, and the images its stories show, without
their metadata (read/images.py).

A list of (output path, source path) is made when the build is planned; the bytes are
read and cleaned by the job that writes them, so the images are never all in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import BuildError, Diagnostic
from generator.model import Site
from generator.read.files import STATIC_DIR, read_file, static_paths


@dataclass(frozen=True)
class MediaFile:
    output: str  # output path
    source: str  # path relative to the site root
    clean: bool  # an image a story shows: published without its metadata


def media_files(site_dir: Path | None, site: Site) -> tuple[MediaFile, ...]:
    """Site folder (None: no folder, nothing to copy), Site -> its static files and
    story images, sorted by output path, once each."""
    if site_dir is None:
        return ()
    files = {
        path[len(STATIC_DIR) + 1:]: MediaFile(path[len(STATIC_DIR) + 1:], path, clean=False)
        for path in static_paths(site_dir)
    }
    for story in site.stories:
        for source, output in story.images:
            files[output] = MediaFile(output, source, clean=True)
    return tuple(files[name] for name in sorted(files))


def media_bytes(site_dir: Path, item: MediaFile) -> bytes:
    """Site folder, a MediaFile -> the bytes to publish. An image that cannot be decoded
    (check reports those it can tell without decoding) stops the build with its path:
    it is not published as it is (its metadata could be anywhere), nor as an empty file."""
    data = read_file(site_dir, item.source)
    if not item.clean:
        return data
    from generator.read.images import NotAnImage, strip_metadata  # Pillow: only for a site with images

    try:
        return strip_metadata(data)
    except NotAnImage as error:
        raise BuildError([Diagnostic(item.source, None, f"image cannot be published: {error}")]) from None
