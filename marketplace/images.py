"""Checks a photo by its content and re-encodes it (no Flask, no database).

A file is an image when Pillow can read and verify it, not when its name or its declared type
says so: SVG, HTML and anything else are refused. The re-encoded copy (JPEG, or PNG for
images with transparency) drops metadata such as the GPS position of the camera.
"""

import io
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 x 5000
MAX_SIDE = 2400  # stored photos are scaled down to this many pixels on the longer side
THUMB_SIDE = 480  # thumbnails for cards and galleries: this many pixels on the longer side
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})


class FileRejected(ValueError):
    """An uploaded file we do not take; `code` says why (the views word it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class ImageRejected(FileRejected):
    """The file is not a photo we take (see REJECTIONS in the views)."""


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    extension: str  # "jpg" or "png"


def clean_image(data: bytes) -> CleanImage:
    """Check `data` is a photo within the limits and return it re-encoded without metadata.

    Raises ImageRejected with code "empty", "too_large", "not_image" or "too_many_pixels".
    """
    if not data:
        raise ImageRejected("empty")
    if len(data) > MAX_BYTES:
        raise ImageRejected("too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ImageRejected("not_image")
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected("too_many_pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return _reencode(image)
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected("not_image") from None


def thumbnail(image: CleanImage, side: int = THUMB_SIDE) -> CleanImage:
    """A smaller copy of an image `clean_image` returned, at most `side` pixels each way."""
    with Image.open(io.BytesIO(image.data)) as opened:
        opened.load()
        return _reencode(opened, side)


def _reencode(image: Image.Image, side: int = MAX_SIDE) -> CleanImage:
    image.thumbnail((side, side))
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA") or "transparency" in image.info:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        return CleanImage(out.getvalue(), "png")
    image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    return CleanImage(out.getvalue(), "jpg")
