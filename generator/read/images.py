"""Image bytes -> their size as shown, and the same image without its metadata; the
only module that imports Pillow.

Photos of a meter cupboard or a letter carry EXIF: the camera, the time, and often the
GPS position of the reader's home. Published images keep their pixels and colour
profile and lose everything else. JPEG and PNG are cleaned without re-encoding (their
metadata segments and chunks are dropped); a JPEG that is stored rotated, and WebP and
GIF, are re-encoded by Pillow, which writes no metadata unless asked.
"""

from __future__ import annotations

import struct
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

_ORIENTATION = 0x0112  # EXIF tag
_ROTATED = {5, 6, 7, 8}  # orientations that swap width and height
# JPEG markers kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform).
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}
# PNG chunks dropped: EXIF, text (comments, software, author, places), modification time.
_PNG_DROP = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class NotAnImage(ValueError):
    """Bytes that Pillow cannot read as an image."""


def _open(data: bytes) -> Image.Image:
    try:
        image = Image.open(BytesIO(data))
        image.size  # noqa: B018 - reading the header is what can fail
    except (UnidentifiedImageError, OSError, ValueError, struct.error) as error:
        raise NotAnImage(str(error)) from error
    return image


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_ORIENTATION, 1))
    except (OSError, ValueError, TypeError, struct.error):
        return 1


def image_size(data: bytes) -> tuple[int, int]:
    """Image bytes -> (width, height) as a browser shows it (EXIF rotation applied);
    raises NotAnImage."""
    image = _open(data)
    width, height = image.size
    return (height, width) if _orientation(image) in _ROTATED else (width, height)


def strip_metadata(data: bytes) -> bytes:
    """Image bytes -> the same picture without EXIF, XMP, IPTC, comments or text chunks;
    raises NotAnImage."""
    image = _open(data)
    kind = image.format
    if kind == "JPEG" and _orientation(image) == 1:
        return _strip_jpeg(data)
    if kind == "PNG":
        return _strip_png(data)
    return _reencode(image, kind or "PNG")


def _reencode(image: Image.Image, kind: str) -> bytes:
    """A Pillow image -> its pixels saved again, upright, with the colour profile only."""
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image) if kind == "JPEG" else image
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if kind == "JPEG":
        options["quality"] = 95
    if kind == "WEBP":
        options["lossless"] = image.info.get("lossless", False)
        options["quality"] = 95
    if kind == "GIF" and getattr(image, "n_frames", 1) > 1:
        options["save_all"] = True
    out = BytesIO()
    upright.save(out, format=kind, **options)
    return out.getvalue()


def _strip_jpeg(data: bytes) -> bytes:
    """JPEG bytes -> the same file without APPn segments other than JFIF, ICC and Adobe,
    and without comments; everything from the start of the scan is copied as it is."""
    out = bytearray(data[:2])
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the compressed picture follows
            break
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        segment = data[at:at + 2 + length]
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE) or marker in _JPEG_KEEP_APP:
            out += segment
        at += 2 + length
    return bytes(out + data[at:])


def _strip_png(data: bytes) -> bytes:
    """PNG bytes -> the same file without its EXIF, text and time chunks."""
    if not data.startswith(_PNG_SIGNATURE):
        raise NotAnImage("not a PNG signature")
    out = bytearray(_PNG_SIGNATURE)
    at = len(_PNG_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunk = data[at:at + 12 + length]
        if kind not in _PNG_DROP:
            out += chunk
        at += 12 + length
        if kind == b"IEND":
            break
    return bytes(out)

