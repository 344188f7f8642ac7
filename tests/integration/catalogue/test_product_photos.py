"""Product photos: the cooperative admin uploads, reorders and deletes them; a refused upload
changes nothing and leaves no file; anyone sees them, cached for a year, on the catalogue and
the product page."""

import html
import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.catalogue.models import ProductPhoto
from marketplace.catalogue.photos import add_product_photo
from marketplace.extensions import db
from marketplace.images import THUMB_SIDE
from marketplace.limits import MAX_PRODUCT_PHOTOS
from marketplace.storage import public_storage, storage
from tests.factories import client_for, db_state, make_cooperative, make_product, make_user
from tests.fixtures.scenarios import build_shop

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def jpeg(size=(1600, 1200), color="orange", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", **save)
    return out.getvalue()


def public_files(app) -> set[str]:
    with app.test_request_context():
        root = Path(public_storage().root)
    return {p.name for p in root.glob("*")} if root.exists() else set()


def upload(client, shop, data: bytes, filename: str = "foto.jpg", alt: str = "", **extra):
    url = f"/kelola/{shop.coop.slug}/produk/{shop.product.id}/foto"
    form = {"photo": (io.BytesIO(data), filename), "alt_text": alt, **extra}
    return client.post(url, data=form, content_type="multipart/form-data")


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def shop():
    return build_shop()


@pytest.fixture
def admin(app, shop):
    return client_for(app, shop.admin)


def test_an_upload_is_re_encoded_with_a_thumbnail_and_shown_to_everyone(app, shop, admin):
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (0.0, 53.0, 0.0)}  # a GPS position
    response = upload(admin, shop, jpeg(exif=exif.tobytes()), alt="Boneka beruang cokelat")
    assert response.status_code == 302
    photo = db.session.scalars(select(ProductPhoto)).one()
    assert (photo.product_id, photo.position) == (shop.product.id, 0)
    assert photo.alt_text == "Boneka beruang cokelat"
    visitor = app.test_client()
    full = visitor.get(f"/foto/{photo.key}")
    thumb = visitor.get(f"/foto/{photo.thumb_key}")
    for served in (full, thumb):
        assert served.status_code == 200
        assert served.mimetype == "image/jpeg"
        assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert served.headers["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(full.data)) as image:
        assert image.size == (1600, 1200)
        assert not image.getexif().get(0x8825)
    with Image.open(io.BytesIO(thumb.data)) as image:
        assert max(image.size) == THUMB_SIDE
    page = text(visitor.get(f"/produk/{shop.coop.slug}/{shop.product.slug}"))
    assert f'src="/foto/{photo.key}"' in page and 'alt="Boneka beruang cokelat"' in page
    card = text(visitor.get("/"))
    assert f'src="/foto/{photo.thumb_key}"' in card
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "product.photo_added"))
    assert event.one().after["key"] == photo.key


def test_without_an_alt_text_the_product_name_describes_the_photo(app, shop, admin):
    upload(admin, shop, jpeg(), alt="   ")
    assert db.session.scalars(select(ProductPhoto)).one().alt_text == shop.product.name


@pytest.mark.parametrize(
    ("_case", "data", "filename"),
    [
        ("svg", SVG, "logo.svg"),
        ("svg_named_jpg", SVG, "foto.jpg"),
        ("html_renamed", HTML, "foto.jpg"),
        ("text", b"just some text", "foto.png"),
        ("truncated_jpeg", jpeg()[:200], "foto.jpg"),
        ("empty", b"", "foto.jpg"),
    ],
)
def test_anything_but_a_photo_is_refused_and_changes_nothing(
    app, shop, admin, _case, data, filename
):
    before, files = db_state(), public_files(app)
    response = upload(admin, shop, data, filename)
    assert response.status_code == 400
    assert "Only photos (JPEG, PNG, WebP) can be uploaded" in text(response) or (
        _case == "empty" and "Choose a photo to upload." in text(response)
    )
    assert db_state() == before
    assert public_files(app) == files


def test_an_alt_text_too_long_is_refused_before_anything_is_stored(app, shop, admin):
    before, files = db_state(), public_files(app)
    response = upload(admin, shop, jpeg(), alt="x" * 161)
    assert response.status_code == 400
    assert db_state() == before and public_files(app) == files


def test_a_full_gallery_refuses_one_more_and_deletes_its_stored_files(app, shop, admin):
    with app.test_request_context():
        for _ in range(MAX_PRODUCT_PHOTOS):
            add_product_photo(shop.product, shop.admin, jpeg(size=(40, 30)), "")
    before, files = db_state(), public_files(app)
    response = upload(admin, shop, jpeg())
    assert response.status_code == 400
    assert f"There can be at most {MAX_PRODUCT_PHOTOS} photos." in text(response)
    assert db_state() == before and public_files(app) == files


def _photos(shop) -> list[int]:
    db.session.expire_all()
    return [
        p.id
        for p in db.session.scalars(
            select(ProductPhoto)
            .where(ProductPhoto.product_id == shop.product.id)
            .order_by(ProductPhoto.position)
        )
    ]


def _three_photos(app, shop) -> list[int]:
    with app.test_request_context():
        for color in ("red", "green", "blue"):
            add_product_photo(shop.product, shop.admin, jpeg((40, 30), color), color)
    return _photos(shop)


def test_the_admin_reorders_photos_and_the_first_is_the_cover(app, shop, admin):
    red, green, blue = _three_photos(app, shop)
    base = f"/kelola/{shop.coop.slug}/produk/{shop.product.id}/foto"
    assert admin.post(f"{base}/{blue}/geser", data={"direction": "up"}).status_code == 302
    assert _photos(shop) == [red, blue, green]
    admin.post(f"{base}/{blue}/geser", data={"direction": "up"})
    assert _photos(shop) == [blue, red, green]
    before = db_state()
    admin.post(f"{base}/{blue}/geser", data={"direction": "up"})  # already first
    admin.post(f"{base}/{red}/geser", data={"direction": "sideways"})
    assert db_state() == before
    cover = db.session.get(ProductPhoto, blue)
    assert f'src="/foto/{cover.thumb_key}"' in text(app.test_client().get("/"))


def test_deleting_a_photo_removes_its_row_and_files(app, shop, admin):
    red, green, _blue = _three_photos(app, shop)
    photo = db.session.get(ProductPhoto, red)
    keys = (photo.key, photo.thumb_key)
    base = f"/kelola/{shop.coop.slug}/produk/{shop.product.id}/foto"
    assert admin.post(f"{base}/{red}/hapus").status_code == 302
    assert _photos(shop)[0] == green
    assert db.session.get(ProductPhoto, green).position == 0
    assert not set(keys) & public_files(app)
    assert app.test_client().get(f"/foto/{keys[0]}").status_code == 404


def test_a_photo_of_another_product_is_not_found_through_this_one(app, shop, admin):
    other = make_product(shop.coop, name="Boneka Lain")
    with app.test_request_context():
        photo = add_product_photo(other, shop.admin, jpeg((40, 30)), "")
    before = db_state()
    base = f"/kelola/{shop.coop.slug}/produk/{shop.product.id}/foto/{photo.id}"
    assert admin.post(f"{base}/hapus").status_code == 404
    assert admin.post(f"{base}/geser", data={"direction": "down"}).status_code == 404
    assert db_state() == before


def test_another_cooperatives_admin_cannot_upload_to_this_product(app, shop):
    stranger = make_user("Stranger", locale="en")
    make_cooperative(admin=stranger)
    before, files = db_state(), public_files(app)
    response = upload(client_for(app, stranger), shop, jpeg())
    assert response.status_code == 404
    assert db_state() == before and public_files(app) == files


@pytest.mark.parametrize("key", ["nothing.jpg", "../secret_key", "a" * 32 + ".svg", "%2e%2e"])
def test_the_photo_route_serves_only_stored_public_photos(app, key):
    assert app.test_client().get(f"/foto/{key}").status_code == 404


def test_private_photos_are_not_served_by_the_public_route(app):
    with app.test_request_context():
        key = storage().save(jpeg((20, 20)), "jpg")
    assert app.test_client().get(f"/foto/{key}").status_code == 404


def test_the_product_list_counts_each_products_photos(app, shop, admin):
    _three_photos(app, shop)
    page = text(admin.get(f"/kelola/{shop.coop.slug}/produk"))
    assert "Photos (3)" in page
    count = db.session.scalar(select(func.count(ProductPhoto.id)))
    assert count == 3
