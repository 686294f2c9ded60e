"""Image bytes -> their size as shown, and the same image without its metadata; the
only module that imports Pillow.

Photos of a meter cupboard or a letter carry EXIF: the camera, the time, and often the
GPS position of the reader's home. Published images keep their pixels and colour
profile and lose everything else: every image is decoded and encoded again, so nothing
the decoder does not turn into pixels survives (deleting known chunks misses a second
JPEG appended to the first, a GIF comment, a chunk no list names).
"""

from __future__ import annotations

import re
import struct
import warnings
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

_ORIENTATION = 0x0112  # EXIF tag
_ROTATED = {5, 6, 7, 8}  # orientations that swap width and height


class NotAnImage(ValueError):
    """Bytes that Pillow cannot read as an image, or one too large to decode; the message
    says which, in one line."""


class TooLarge(NotAnImage):
    """An image of more pixels or frames than are decoded."""


class Undecodable(NotAnImage):
    """An image whose header reads but whose pixels do not decode (a file cut off)."""


MAX_PIXELS = 100_000_000  # a 50-megapixel camera is well within; 65000 x 65000 is not
MAX_FRAMES = 1_000
MAX_ALL_FRAMES = 200_000_000  # pixels in all of an animation's frames: each is decoded (~1 s per 100 million)
_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
# What a re-encoded image keeps of Pillow's `info`: how to show it, never who, where or when.
_KEEP_INFO = ("transparency", "duration", "loop", "background", "disposal", "blend")


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
            width, height = image.size  # reading the header is what can fail
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        claimed = re.search(r"\((\d+) pixels\)", str(error))
        pixels = f"{int(claimed.group(1)):,} pixels" if claimed else "too many pixels"
        raise TooLarge(f"{pixels}; at most {MAX_PIXELS:,} are decoded") from None
    except (UnidentifiedImageError, OSError, ValueError, struct.error, SyntaxError) as error:
        raise NotAnImage(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
    if width * height > MAX_PIXELS:
        raise TooLarge(f"{width * height:,} pixels ({width} x {height}); at most {MAX_PIXELS:,} are decoded")
    return image


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(_ORIENTATION, 1))
    except (OSError, ValueError, TypeError, struct.error, SyntaxError):
        return 1


def image_size(data: bytes) -> tuple[int, int]:
    """Image bytes -> (width, height) as a browser shows it (EXIF rotation applied);
    raises NotAnImage, also for an image of more than MAX_PIXELS."""
    return _shown_size(_open(data))


def _shown_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    return (height, width) if _orientation(image) in _ROTATED else (width, height)


def publishable_size(data: bytes) -> tuple[int, int]:
    """Image bytes -> image_size, once it is certain that strip_metadata can publish it;
    raises NotAnImage (TooLarge, Undecodable). A JPEG (a photo: the largest, slowest to
    decode) by its end marker after its last scan, which one cut off lacks; any other by
    decoding each frame (a PNG or GIF decodes though its last bytes are gone, and fails
    with more of them gone)."""
    image = _open(data)
    size = _shown_size(image)
    kind = image.format or ""
    frames = _frames(image, kind)
    if kind == "JPEG":
        if not data.rfind(b"\xff\xd9") > data.rfind(b"\xff\xda") >= 0:
            raise Undecodable("cannot decode: the file ends before the image does (cut off)")
        return size
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            for number in range(frames):
                image.seek(number)
                image.load()
    except (OSError, ValueError, struct.error, SyntaxError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:
        raise Undecodable(f"cannot decode: {str(error).splitlines()[0] if str(error) else type(error).__name__}") from None
    return size


def _frames(image: Image.Image, kind: str) -> int:
    """An opened image -> how many frames it has; NotAnImage for more than MAX_FRAMES, or
    for frames of more than MAX_ALL_FRAMES pixels in all."""
    frames = getattr(image, "n_frames", 1) if kind != "JPEG" else 1
    if frames > MAX_FRAMES:
        raise TooLarge(f"{frames:,} frames; at most {MAX_FRAMES:,}")
    width, height = image.size
    if frames > 1 and frames * width * height > MAX_ALL_FRAMES:
        raise TooLarge(f"{frames:,} frames of {width * height:,} pixels; at most {MAX_ALL_FRAMES:,} pixels in all frames")
    return frames


def strip_metadata(data: bytes) -> bytes:
    """Image bytes -> the same picture, decoded and encoded again with its pixels, colour
    profile and animation only: no EXIF, XMP, IPTC, comment or text survives, wherever
    in the file it was (a second JPEG appended after the first, a GIF comment block, a
    chunk no list knows); raises NotAnImage."""
    image = _open(data)
    kind = image.format or ""
    if kind not in _FORMATS:
        raise NotAnImage(f"a {kind or 'unknown'} image, not JPEG, PNG, GIF or WebP")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(image, kind)
    except (OSError, ValueError, struct.error, SyntaxError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:
        raise NotAnImage(f"cannot decode: {str(error).splitlines()[0] if str(error) else type(error).__name__}") from None


def _bare(frame: Image.Image) -> Image.Image:
    """A frame -> a copy that carries only what shows it (_KEEP_INFO), so that no Pillow
    writer finds a comment, EXIF or XMP to write back."""
    copy = frame.copy()
    copy.info = {key: value for key, value in frame.info.items() if key in _KEEP_INFO}
    return copy


def _reencode(image: Image.Image, kind: str) -> bytes:
    """A Pillow image -> its pixels saved again, upright, with the colour profile only."""
    icc = image.info.get("icc_profile")
    frames = _frames(image, kind)
    if kind == "JPEG":
        first = ImageOps.exif_transpose(image)
        upright = _bare(first)
    else:
        upright = _bare(image)
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if kind == "JPEG":
        options["quality"] = 95
    if kind == "WEBP":
        options["lossless"] = image.info.get("lossless", False)
        options["quality"] = 95
    if frames > 1:
        rest = []
        for number in range(1, frames):
            image.seek(number)
            rest.append(_bare(image))
        options.update(save_all=True, append_images=rest)
    out = BytesIO()
    upright.save(out, format=kind, **options)
    return out.getvalue()
