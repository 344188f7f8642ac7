"""In a real browser: a cooperative admin uploads a product photo, which buyers then see in the
product's gallery; an SVG and an HTML file renamed to .jpg are refused with a message and change
nothing (no row, no file); a photo is deleted after the confirmation."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from marketplace.catalogue.models import Product, ProductPhoto
from marketplace.extensions import db
from tests.e2e.support import BEKASI, BEKASI_ADMIN, log_in

pytestmark = pytest.mark.e2e

PRODUCT = "Boneka Beruang 30 cm"
BEAR = "boneka-beruang-30-cm"  # its slug
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (30, 110, 200)).save(out, "JPEG")
    return out.getvalue()


def _state(live_server) -> tuple[int, int]:
    """Photos of the product in the database, and files in the public upload folder."""
    with live_server.app.app_context():
        product = db.session.scalar(select(Product).where(Product.name == PRODUCT))
        photos = db.session.scalar(
            select(func.count(ProductPhoto.id)).where(ProductPhoto.product_id == product.id)
        )
        db.session.remove()
    folder = Path(live_server.app.config["UPLOAD_FOLDER"]) / "public"
    return photos, len(list(folder.glob("*")))


def _open_photos_page(page: Page) -> None:
    log_in(page, BEKASI_ADMIN)
    page.goto(f"/kelola/{BEKASI}/produk")
    row = page.locator("main tr", has_text=PRODUCT)
    row.get_by_role("link", name="Photos").click()
    expect(page.locator("main h2")).to_have_text(f"Photos of {PRODUCT}")


def _upload(page: Page, name: str, mime: str, data: bytes, alt: str = "") -> None:
    page.set_input_files("input[name=photo]", {"name": name, "mimeType": mime, "buffer": data})
    page.fill("input[name=alt_text]", alt)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload the photo").click()


@pytest.mark.parametrize(
    ("name", "mime", "data"),
    [("logo.svg", "image/svg+xml", SVG), ("foto.jpg", "image/jpeg", HTML)],
    ids=["svg", "html_renamed_jpg"],
)
def test_an_svg_or_a_renamed_html_file_is_refused_and_changes_nothing(
    new_page, live_server, name, mime, data
):
    page = new_page()
    _open_photos_page(page)
    before = _state(live_server)
    listed = page.locator("main .photo-admin li").count()
    _upload(page, name, mime, data)
    expect(page.locator("main .invalid-feedback, main .text-danger").first).to_contain_text(
        "Only photos (JPEG, PNG, WebP) can be uploaded"
    )
    expect(page.locator("main .photo-admin li")).to_have_count(listed)
    assert _state(live_server) == before


def test_an_admin_uploads_a_photo_buyers_see_it_and_the_admin_deletes_it(new_page, live_server):
    page = new_page()
    _open_photos_page(page)
    photos, files = _state(live_server)
    _upload(page, "kebun.jpg", "image/jpeg", _jpeg(), alt="Beruang biru di etalase")
    expect(page.locator(".alert-success")).to_contain_text("The photo is added.")
    expect(page.locator("main .photo-admin li")).to_have_count(photos + 1)
    assert _state(live_server) == (photos + 1, files + 2)  # the photo and its thumbnail

    buyer = new_page()
    buyer.goto(f"/koperasi/{BEKASI}")
    buyer.get_by_role("link", name=PRODUCT).first.click()
    gallery = buyer.locator("main .gallery-strip img")
    expect(gallery).to_have_count(photos + 1)
    new_photo = buyer.locator("main .gallery-strip img[alt='Beruang biru di etalase']")
    expect(new_photo).to_have_count(1)
    thumb = buyer.locator("main .gallery-thumbs a").last
    thumb.click()
    expect(thumb).to_have_class("active")
    expect(new_photo).to_be_in_viewport()

    page.once("dialog", lambda dialog: dialog.accept())
    last = page.locator("main .photo-admin li").last
    with page.expect_navigation():
        last.get_by_role("button", name="Delete").click()
    expect(page.locator(".alert-success")).to_contain_text("The photo is deleted.")
    assert _state(live_server) == (photos, files)


def test_a_thumbnail_followed_before_the_script_ran_is_marked_once_it_runs(new_page):
    """A tap on a thumbnail while gallery.js is still loading follows the plain #anchor link;
    the script, when it runs, marks that thumbnail as the one shown."""
    admin = new_page()
    _open_photos_page(admin)
    _upload(admin, "kedua.jpg", "image/jpeg", _jpeg(), alt="Foto kedua")  # two photos: thumbnails
    expect(admin.locator(".alert-success")).to_contain_text("The photo is added.")

    page = new_page()
    held = []
    page.route("**/static/js/gallery.js", lambda route: held.append(route))
    page.goto(f"/produk/{BEKASI}/{BEAR}", wait_until="commit")  # the deferred script holds load
    thumb = page.locator("main .gallery-thumbs a").last
    thumb.click()
    expect(page).to_have_url(re.compile(r"#foto-\d+$"))
    expect(thumb).not_to_have_class("active")
    held[0].continue_()
    expect(thumb).to_have_class("active")
    expect(page.locator("main .gallery-thumbs a.active")).to_have_count(1)

    admin.once("dialog", lambda dialog: dialog.accept())
    with admin.expect_navigation():
        admin.locator("main .photo-admin li").last.get_by_role("button", name="Delete").click()
    expect(admin.locator(".alert-success")).to_contain_text("The photo is deleted.")
