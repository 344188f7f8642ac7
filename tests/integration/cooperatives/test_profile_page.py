"""The cooperative's profile: the admin edits its story, founding year, logo and photos; the
public page /koperasi/<slug> and the product page show them with the platform's figures and a
WhatsApp button."""

import html
import io
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from marketplace.catalogue.profiles import on_time_percent, related_products, track_record
from marketplace.cooperatives.models import CooperativePhoto
from marketplace.cooperatives.services.profile import add_cooperative_photo, set_logo
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import OrderStatus
from tests.factories import client_for, db_state, make_product
from tests.fixtures.scenarios import build_placed, build_shop
from tests.integration.catalogue.test_product_photos import HTML, SVG, jpeg, public_files


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def visitor(app):
    """An anonymous visitor who reads English."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client


@pytest.fixture
def shop():
    return build_shop(phone="+6281234567890")


@pytest.fixture
def admin(app, shop):
    return client_for(app, shop.admin)


def post_file(client, url: str, field: str, data: bytes, filename: str = "foto.jpg", **extra):
    form = {field: (io.BytesIO(data), filename), **extra}
    return client.post(url, data=form, content_type="multipart/form-data")


def test_the_admin_tells_the_story_and_the_public_page_shows_it(app, shop, admin):
    url = f"/kelola/{shop.coop.slug}/profil"
    assert admin.get(url).status_code == 200
    story = "Dua belas bengkel boneka di Bekasi.\nKami menjahit bersama."
    response = admin.post(url, data={"story": story, "founded_year": "2011"})
    assert response.status_code == 302
    db.session.refresh(shop.coop)
    assert (shop.coop.story, shop.coop.founded_year) == (story, 2011)
    page = text(app.test_client().get(f"/koperasi/{shop.coop.slug}"))
    assert "Dua belas bengkel boneka di Bekasi." in page and "2011" in page


@pytest.mark.parametrize("year", ["1899", str(utcnow().year + 1), "abc", "99999999999999999999"])
def test_a_founding_year_out_of_range_is_refused(shop, admin, year):
    before = db_state()
    response = admin.post(
        f"/kelola/{shop.coop.slug}/profil", data={"story": "", "founded_year": year}
    )
    assert response.status_code == 400
    assert db_state() == before


def test_a_logo_replaces_the_old_one_whose_file_is_deleted(app, shop, admin):
    url = f"/kelola/{shop.coop.slug}/profil/logo"
    assert post_file(admin, url, "logo", jpeg((900, 900), "red")).status_code == 302
    db.session.refresh(shop.coop)
    first = shop.coop.logo_key
    assert first in public_files(app)
    assert post_file(admin, url, "logo", jpeg((300, 300), "blue")).status_code == 302
    db.session.refresh(shop.coop)
    assert shop.coop.logo_key != first and first not in public_files(app)
    logo = app.test_client().get(f"/foto/{shop.coop.logo_key}")
    assert logo.status_code == 200
    page = text(app.test_client().get(f"/koperasi/{shop.coop.slug}"))
    assert f'src="/foto/{shop.coop.logo_key}"' in page
    assert admin.post(f"{url}/hapus").status_code == 302
    db.session.refresh(shop.coop)
    assert shop.coop.logo_key is None


@pytest.mark.parametrize(("data", "filename"), [(SVG, "logo.svg"), (HTML, "logo.png")])
def test_an_svg_or_html_logo_is_refused_and_changes_nothing(app, shop, admin, data, filename):
    before, files = db_state(), public_files(app)
    response = post_file(admin, f"/kelola/{shop.coop.slug}/profil/logo", "logo", data, filename)
    assert response.status_code == 400
    assert "SVG, HTML and other files are refused" in text(response)
    assert db_state() == before and public_files(app) == files


def test_cooperative_photos_are_added_reordered_and_deleted(app, shop, admin):
    base = f"/kelola/{shop.coop.slug}/profil/foto"
    for color in ("red", "green"):
        response = post_file(admin, base, "photo", jpeg((80, 60), color), alt_text=color)
        assert response.status_code == 302
    red, green = db.session.scalars(select(CooperativePhoto).order_by(CooperativePhoto.position))
    admin.post(f"{base}/{green.id}/geser", data={"direction": "up"})
    db.session.expire_all()
    assert [p.alt_text for p in shop.coop.photos] == ["green", "red"]
    page = text(app.test_client().get(f"/koperasi/{shop.coop.slug}"))
    assert page.index(green.thumb_key) < page.index(red.thumb_key)
    keys = {red.key, red.thumb_key}
    assert admin.post(f"{base}/{red.id}/hapus").status_code == 302
    db.session.expire_all()
    assert [p.alt_text for p in shop.coop.photos] == ["green"]
    assert not keys & public_files(app)


def test_a_refused_cooperative_photo_changes_nothing(app, shop, admin):
    before, files = db_state(), public_files(app)
    response = post_file(admin, f"/kelola/{shop.coop.slug}/profil/foto", "photo", HTML)
    assert response.status_code == 400
    assert db_state() == before and public_files(app) == files


def test_a_photo_of_another_cooperative_is_not_found(app, shop, admin):
    other = build_shop()
    with app.test_request_context():
        photo = add_cooperative_photo(other.coop, other.admin, jpeg((40, 30)), "")
    before = db_state()
    base = f"/kelola/{shop.coop.slug}/profil/foto/{photo.id}"
    assert admin.post(f"{base}/hapus").status_code == 404
    assert admin.post(f"{base}/geser", data={"direction": "up"}).status_code == 404
    assert db_state() == before


def test_the_product_page_shows_the_cooperative_card_related_products_and_whatsapp(app, shop):
    related = make_product(shop.coop, name="Boneka Kelinci")
    with app.test_request_context():
        set_logo(shop.coop, shop.admin, jpeg((200, 200)))
    page = text(visitor(app).get(f"/produk/{shop.coop.slug}/{shop.product.slug}"))
    assert "Related products" in page and "Boneka Kelinci" in page
    assert f"/produk/{shop.coop.slug}/{related.slug}" in page
    assert f'src="/foto/{shop.coop.logo_key}"' in page
    link = next(part.split('"')[0] for part in page.split('href="')[1:] if "wa.me" in part)
    parsed = urlparse(link)
    assert parsed.netloc == "wa.me" and parsed.path == "/6281234567890"
    message = parse_qs(parsed.query)["text"][0]
    assert shop.product.name in message and shop.coop.name in message
    assert f"/produk/{shop.coop.slug}/{shop.product.slug}" in message


def test_without_a_phone_there_is_no_whatsapp_button(app):
    quiet = build_shop()
    page = text(visitor(app).get(f"/koperasi/{quiet.coop.slug}"))
    assert "wa.me" not in page
    assert "Contact on WhatsApp" not in page


def test_the_track_record_counts_members_fulfilled_and_on_time_orders(app, shop):
    placed = build_placed(shop)
    record = track_record(shop.coop)
    assert (record.members, record.orders_fulfilled, record.on_time_percent) == (2, 0, None)
    assert [c.slug for c in record.categories] == ["boneka"]
    placed.order.status = OrderStatus.COMPLETED  # what the platform counts, however it got there
    db.session.commit()
    record = track_record(shop.coop)
    assert record.orders_fulfilled == 1
    assert record.on_time_percent == 0  # never shipped: not on time
    assert record.verified_since is not None
    page = text(visitor(app).get(f"/koperasi/{shop.coop.slug}"))
    assert "orders fulfilled" not in page and "order fulfilled" in page


@pytest.mark.parametrize(("on_time", "total", "percent"), [(0, 0, None), (2, 3, 66), (5, 5, 100)])
def test_on_time_percent_rounds_down(on_time, total, percent):
    assert on_time_percent(on_time, total) == percent


def test_the_profile_page_is_only_shown_for_verified_cooperatives(app):
    pending = build_shop(status="pending", verified_at=None)
    assert app.test_client().get(f"/koperasi/{pending.coop.slug}").status_code == 404


def test_related_products_are_of_the_same_category_or_cooperative_in_that_order(shop):
    other = build_shop()  # its product is a doll too (the default category)
    same_coop_food = make_product(shop.coop, name="Keripik", category_slug="kuliner")
    same_both = make_product(shop.coop, name="Boneka Kelinci")
    make_product(other.coop, name="Sambal", category_slug="kuliner")  # neither: not related
    draft = make_product(shop.coop, name="Boneka Draf", status="draft")
    related = related_products(shop.product)
    assert [p.id for p in related] == [same_both.id, other.product.id, same_coop_food.id]
    assert draft not in related
