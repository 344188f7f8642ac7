"""Buyers order a product by bank transfer; the order reserves pooled capacity."""

from datetime import timedelta

import pytest

from marketplace.audit.models import AuditEvent
from marketplace.catalogue.services import availability_for
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from tests.factories import (
    delivery_form,
    local_today,
    login,
    make_cooperative,
    make_product,
    make_user,
)
from tests.fixtures.scenarios import Shop, build_shop


@pytest.fixture
def shop() -> Shop:
    return build_shop()


def order_form(**overrides):
    return delivery_form(**{"quantity": "100", "payment_method": "bank_transfer", **overrides})


def order_url(product):
    return f"/pesan/{product.cooperative.slug}/{product.slug}"


def test_buyer_orders_and_sees_bank_transfer_details(client, shop):
    coop, product = shop.coop, shop.product
    buyer = make_user("Dewi")
    login(client, buyer)
    assert client.get(order_url(product)).status_code == 200
    response = client.post(order_url(product), data=order_form())
    assert response.status_code == 302
    order = db.session.query(Order).one()
    assert order.status == OrderStatus.PLACED
    assert order.total == 100 * 45_000  # the 100+ tier
    assert order.recipient_phone == "+6281311112222"
    assert availability_for([product.id])[product.id] == 200 - 100
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert order.number in page
    assert coop.bank_account_number in page
    assert "Rp4.500.000" in page
    assert db.session.query(AuditEvent).filter_by(action="order.placed").count() == 1


def test_double_submit_creates_one_order(client, shop):
    product = shop.product
    login(client, make_user())
    client.post(order_url(product), data=order_form())
    client.post(order_url(product), data=order_form())
    assert db.session.query(Order).count() == 1


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("-10", "between 1 and"),
        ("0", "between 1 and"),
        ("abc", "whole number"),
        ("12.5", "whole number"),
        ("10", "minimum order is 20"),
        ("25", "multiples of 10"),
        ("210", "Only 200"),
        ("99999999999", "between 1 and"),
        ("", "Enter a quantity"),
    ],
)
def test_bad_quantities_are_refused_with_a_message(client, shop, quantity, message):
    product = shop.product
    login(client, make_user(locale="en"))
    response = client.post(order_url(product), data=order_form(quantity=quantity))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0


def test_delivery_date_before_lead_time_is_refused(client, shop):
    product = shop.product
    login(client, make_user(locale="en"))
    too_soon = (local_today() + timedelta(days=2)).isoformat()
    response = client.post(order_url(product), data=order_form(delivery_date=too_soon))
    assert "earliest delivery date" in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0


def test_bad_phone_and_postal_code_are_refused(client, shop):
    product = shop.product
    login(client, make_user(locale="en"))
    response = client.post(
        order_url(product), data=order_form(recipient_phone="12", postal_code="1031")
    )
    body = response.get_data(as_text=True)
    assert "valid phone number" in body and "5 digits" in body
    assert db.session.query(Order).count() == 0


def test_anonymous_is_sent_to_login_and_nothing_is_ordered(client, shop):
    product = shop.product
    response = client.post(order_url(product), data=order_form())
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    assert db.session.query(Order).count() == 0


def test_products_of_pending_cooperatives_and_drafts_cannot_be_ordered(client):
    pending = make_cooperative(status="pending")
    verified = make_cooperative()
    login(client, make_user())
    for product in (make_product(pending), make_product(verified, status="draft")):
        assert client.post(order_url(product), data=order_form()).status_code == 404
    assert db.session.query(Order).count() == 0


def test_buyer_sees_only_own_orders(client, shop):
    product = shop.product
    owner, other = make_user("Owner"), make_user("Other")
    login(client, owner)
    client.post(order_url(product), data=order_form())
    number = db.session.query(Order).one().number
    client.post("/akun/keluar")
    login(client, other)
    assert client.get(f"/pesanan/{number}").status_code == 404
    assert number not in client.get("/pesanan/").get_data(as_text=True)
    assert client.post(f"/pesanan/{number}/batal").status_code == 404
    assert db.session.query(Order).one().status == OrderStatus.PLACED


def test_buyer_cancels_before_confirmation_and_capacity_returns(client, shop):
    product = shop.product
    login(client, make_user())
    client.post(order_url(product), data=order_form())
    order = db.session.query(Order).one()
    client.post(f"/pesanan/{order.number}/batal")
    db.session.refresh(order)
    assert order.status == OrderStatus.CANCELLED
    assert availability_for([product.id])[product.id] == 200
