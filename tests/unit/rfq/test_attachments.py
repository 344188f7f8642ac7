"""An attachment is what its content is, not what its name says: photos are re-encoded, a PDF
must start like one and parse, anything else is refused with a code."""

import io

import pytest
from PIL import Image
from pypdf import PdfWriter

from marketplace.images import MAX_BYTES
from marketplace.rfq.attachments import AttachmentRejected, check_attachment


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(out, "PNG")
    return out.getvalue()


def _pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=100, height=100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_photo_is_re_encoded():
    checked = check_attachment(_png())
    assert checked.extension == "jpg" and checked.data.startswith(b"\xff\xd8")


def test_a_real_pdf_is_kept_as_it_is():
    data = _pdf(2)
    checked = check_attachment(data)
    assert (checked.extension, checked.data) == ("pdf", data)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n<script>alert(1)</script>", "bad_pdf"),
        (b"%PDF-", "bad_pdf"),
        (b"<html><body>hello</body></html>", "not_image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not_image"),
        (b"MZ\x90\x00" + b"\x00" * 100, "not_image"),
        (b"%PDF-" + b"x" * MAX_BYTES, "too_large"),
    ],
)
def test_what_is_not_a_photo_or_a_pdf_is_refused(data, code):
    with pytest.raises(AttachmentRejected) as refused:
        check_attachment(data)
    assert refused.value.code == code


def test_a_pdf_with_no_pages_is_refused():
    writer = PdfWriter()
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(AttachmentRejected):
        check_attachment(out.getvalue())
