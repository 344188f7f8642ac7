"""Tracking links for known couriers, and photo checks by content."""

import io

import pytest
from PIL import Image

from marketplace.images import MAX_BYTES, ImageRejected, clean_image
from marketplace.orders.tracking import courier_name, is_valid_resi, tracking_url


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("jne", "https://www.jne.co.id/tracking-package?awb=CGK123"),
        ("jnt", "https://jet.co.id/track?awb=CGK123"),
        ("sicepat", "https://www.sicepat.com/checkAwb?awb=CGK123"),
        ("pos", "https://www.posindonesia.co.id/id/tracking/CGK123"),
    ],
)
def test_known_couriers_link_to_their_tracking_page(code, expected):
    assert tracking_url(code, "CGK123") == expected


def test_unknown_couriers_own_delivery_and_odd_numbers_get_no_link():
    assert tracking_url("Kurir Kampung", "CGK123") is None
    assert tracking_url("own", "CGK123") is None
    assert tracking_url("jne", "") is None
    assert tracking_url("jne", 'x"><script>') is None
    assert courier_name("jnt") == "J&T Express" and courier_name("Kurir Kampung") == "Kurir Kampung"
    assert is_valid_resi("JP-1234567890") and not is_valid_resi("a b")


def _image(fmt: str, mode="RGB", size=(40, 30), **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, fmt, **save)
    return out.getvalue()


def test_photos_are_re_encoded_without_metadata():
    exif = Image.Exif()
    exif[0x010F] = "Secret camera"
    cleaned = clean_image(_image("JPEG", exif=exif.tobytes()))
    assert cleaned.extension == "jpg" and b"Secret camera" not in cleaned.data
    assert clean_image(_image("PNG", mode="RGBA")).extension == "png"
    assert clean_image(_image("WEBP")).extension == "jpg"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "not_image"),
        (b"<html><body>hi</body></html>", "not_image"),
        (b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "not_image"),
        (b"x" * (MAX_BYTES + 1), "too_large"),
    ],
)
def test_anything_but_a_photo_is_refused(data, code):
    with pytest.raises(ImageRejected) as refused:
        clean_image(data)
    assert refused.value.code == code


def test_too_many_pixels_is_refused_before_decoding():
    with pytest.raises(ImageRejected) as refused:
        clean_image(_image("PNG", mode="1", size=(10_000, 5_000)))
    assert refused.value.code == "too_many_pixels"
