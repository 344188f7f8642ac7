"""Checks an RFQ attachment by its content (no Flask, no database): a photo (through
images.clean_image, re-encoded without metadata) or a PDF that starts like one and parses."""

import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from marketplace.images import MAX_BYTES, CleanImage, FileRejected, ImageRejected, clean_image

MAX_ATTACHMENTS = 4  # per RFQ or per message
PDF_MAGIC = b"%PDF-"
MAX_PDF_PAGES = 200


class AttachmentRejected(FileRejected):
    """`code`: "empty", "too_large", "not_image", "too_many_pixels", "bad_pdf" (see the views'
    ATTACHMENT_REJECTIONS)."""


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    extension: str  # "jpg", "png" or "pdf"


def check_attachment(data: bytes) -> CheckedFile:
    """The file to store, or AttachmentRejected. A file named .pdf that is not a PDF, or a
    "photo" that is not an image, is refused whatever its name or declared type says."""
    if not data:
        raise AttachmentRejected("empty")
    if len(data) > MAX_BYTES:
        raise AttachmentRejected("too_large")
    if data.startswith(PDF_MAGIC):
        return CheckedFile(_checked_pdf(data), "pdf")
    try:
        image: CleanImage = clean_image(data)
    except ImageRejected as exc:
        raise AttachmentRejected(exc.code) from None
    return CheckedFile(image.data, image.extension)


def _checked_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, RecursionError):
        raise AttachmentRejected("bad_pdf") from None
    if not 1 <= pages <= MAX_PDF_PAGES:
        raise AttachmentRejected("bad_pdf")
    return data
