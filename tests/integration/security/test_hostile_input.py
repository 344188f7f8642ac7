"""Hostile input answers 4xx, never 5xx: ids beyond what a database key holds in paths and
forms, huge pages, NUL characters, blank numbers on the product form, dates at the calendar's
ends on the order list and its CSV."""

import pytest
from sqlalchemy import select

from marketplace.catalogue.models import Product
from marketplace.checkout.models import CartItem
from marketplace.db import MAX_ID
from marketplace.extensions import db
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)

BEYOND_32_BITS = 2**31  # one more than PostgreSQL's INTEGER holds (our keys)
BEYOND_64_BITS = 2**63  # one more than any database integer
HUGE = 10**30


@pytest.fixture
def shop():
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    member = make_member(coop, user=english_user("Member"))
    make_offer(member, product, 400)
    buyer = english_user("Buyer")
    return coop, product, admin, member.user, buyer


@pytest.mark.parametrize("number", [BEYOND_32_BITS, BEYOND_64_BITS, HUGE])
def test_ids_beyond_what_a_key_holds_in_paths_are_not_found(app, shop, number):
    coop, product, admin, member, buyer = shop
    order = order_of(buyer, product, 20)
    db.session.add(CartItem(buyer_id=buyer.id, product_id=product.id, quantity=20))
    db.session.commit()
    platform_admin = english_user("Operator", is_platform_admin=True)
    requests = [
        (member, "get", f"/pekerjaan/{number}"),
        (member, "post", f"/pekerjaan/{number}/terima"),
        (admin, "get", f"/kelola/{coop.slug}/produk/{number}/ubah"),
        (admin, "post", f"/kelola/{coop.slug}/produk/{number}/status"),
        (admin, "get", f"/kelola/{coop.slug}/pesanan/{order.number}/penugasan/{number}/qc"),
        (admin, "post", f"/kelola/{coop.slug}/pembeli-terpercaya/{number}/hapus"),
        (buyer, "post", f"/keranjang/{number}"),
        (buyer, "post", f"/keranjang/{number}/hapus"),
        (platform_admin, "get", f"/admin/koperasi/{number}"),
    ]
    before = db_state()
    for someone, method, url in requests:
        response = getattr(client_for(app, someone), method)(url, data={"quantity": "20"})
        assert response.status_code == 404, url
    assert db_state() == before


def test_the_largest_id_is_an_ordinary_not_found(app, shop):
    _, _, _, member, _ = shop
    assert client_for(app, member).get(f"/pekerjaan/{MAX_ID}").status_code == 404


@pytest.mark.parametrize("page", [str(BEYOND_64_BITS), str(HUGE), "461168601842738792", "-5", "x"])
def test_any_page_parameter_shows_a_page(app, client, shop, page):
    coop, product, admin, member, buyer = shop
    assert client.get(f"/?page={page}").status_code == 200  # anonymous
    assert client.get(f"/koperasi/{coop.slug}?page={page}").status_code == 200
    lists = [
        (buyer, "/pesanan/"),
        (buyer, "/notifikasi/"),
        (member, "/pekerjaan/"),
        (admin, f"/kelola/{coop.slug}/pesanan"),
        (admin, f"/kelola/{coop.slug}/produk"),
        (admin, f"/kelola/{coop.slug}/anggota"),
        (english_user("Operator", is_platform_admin=True), "/admin/koperasi"),
    ]
    for someone, url in lists:
        response = client_for(app, someone).get(f"{url}?page={page}")
        assert response.status_code == 200, url


@pytest.mark.parametrize("field", ["order_step", "min_order_quantity", "lead_time_days"])
@pytest.mark.parametrize("value", [" ", "\t", "  \r\n"])
def test_a_blank_number_on_the_product_form_is_asked_for_again(app, shop, field, value):
    coop, product, admin, _, _ = shop
    browser = client_for(app, admin)
    form = {
        "name": "Boneka Kelinci",
        "category_id": str(product.category_id),
        "kind": "goods",
        "unit": "pcs",
        "order_step": "10",
        "min_order_quantity": "20",
        "lead_time_days": "14",
        "sni_number": "SNI ISO 8124-1:2010",
        "tiers-0-min_quantity": "20",
        "tiers-0-unit_price": "50.000",
        field: value,
    }
    before = db_state()
    for url in (
        f"/kelola/{coop.slug}/produk/baru",
        f"/kelola/{coop.slug}/produk/{product.id}/ubah",
    ):
        response = browser.post(url, data=form)
        assert response.status_code == 200, url
        assert "This field is required." in response.get_data(as_text=True)
    assert db_state() == before
    assert db.session.scalars(select(Product)).all() == [product]


@pytest.mark.parametrize(
    "value", [str(BEYOND_32_BITS), str(BEYOND_64_BITS), str(HUGE), "-" + str(HUGE), "1e400", "0"]
)
def test_a_refund_for_a_payment_id_no_key_holds_is_refused(app, shop, value):
    coop, product, admin, _, buyer = shop
    order = order_of(buyer, product, 20)
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    browser = client_for(app, admin)
    before = db_state()
    response = browser.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/refund",
        data={"refund-payment_id": value, "refund-amount": "1000", "refund-reason": "x"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert db_state() == before


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1900-01-01", "2200-01-01"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_order_list_dates_at_the_ends_of_the_calendar(app, shop, field, day):
    coop, product, admin, _, buyer = shop
    order = order_of(buyer, product, 20)
    browser = client_for(app, admin)
    listing = browser.get(f"/kelola/{coop.slug}/pesanan?{field}={day}")
    assert listing.status_code == 200
    text = listing.get_data(as_text=True)
    assert "Enter a date between 2000 and 2100." in text
    assert order.number in text  # the refused filter is not applied
    # The export is refused before anything is streamed, not a 200 that breaks half-way.
    export = browser.get(f"/kelola/{coop.slug}/pesanan.csv?{field}={day}")
    assert export.status_code == 302
    assert export.headers["Location"].endswith(f"/kelola/{coop.slug}/pesanan?{field}={day}")


def test_a_nul_character_anywhere_in_a_request_is_refused(app, client, shop):
    coop, product, admin, _, _ = shop
    assert client.get(f"/koperasi/{coop.slug}%00").status_code == 404
    assert client.get("/?q=a%00b").status_code == 400
    browser = client_for(app, admin)
    before = db_state()
    response = browser.post(f"/kelola/{coop.slug}/pengaturan", data={"name": "Kop\x00erasi"})
    assert response.status_code == 400
    assert browser.get(f"/kelola/{coop.slug}/pesanan?buyer=%00").status_code == 400
    assert db_state() == before
