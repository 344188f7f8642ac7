"""Delivery options at checkout (pickup, own delivery at the table's fee, courier at a quoted
fee), the fee as a line of the order, and quoting a courier's fee."""

import io
from datetime import timedelta

import pytest
from flask_babel import force_locale
from pypdf import PdfReader
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.checkout.services import quote_delivery_fee
from marketplace.cooperatives.delivery import DeliveryChoice
from marketplace.cooperatives.models import DeliveryFeeRate
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.card import start_card_checkout
from marketplace.payments.invoicing import grant_invoice_terms
from marketplace.payments.models import TrustedBuyer
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
    delivery_form,
    english_user,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)


@pytest.fixture
def shop():
    """A PKP cooperative with every option: pickup, own delivery around Jakarta, JNE and cargo."""
    admin = english_user("Admin")
    coop = make_cooperative(
        admin=admin,
        is_pkp=True,
        npwp="0012345678901000",
        hub_address="Gudang, Jl. Industri 3, Bekasi",
        offers_own_delivery=True,
        couriers="jne,cargo",
    )
    coop.delivery_fee_rates = [
        DeliveryFeeRate(province="Daerah Khusus Ibukota Jakarta", regency="", fee=150_000),
        DeliveryFeeRate(
            province="Daerah Khusus Ibukota Jakarta",
            regency="Kota Administrasi Jakarta Pusat",
            fee=100_000,
        ),
    ]
    db.session.commit()
    product = make_product(coop, tiers=((20, 50_000),))  # 20 x 50.000 = 1.000.000
    member = make_member(coop)
    make_offer(member, product, 400)
    return coop, product, admin, english_user("Buyer"), member


def _order_now(app, buyer, product, choice: str, **delivery_overrides):
    client = client_for(app, buyer)
    data = delivery_form(**delivery_overrides) | {
        "quantity": "20",
        "payment_method": "bank_transfer",
        f"delivery_option_{product.cooperative_id}": choice,
    }
    return client.post(f"/pesan/{product.cooperative.slug}/{product.slug}", data=data)


def _only_order() -> Order:
    db.session.expire_all()
    return db.session.scalars(select(Order)).one()


@pytest.mark.parametrize(
    ("choice", "fee", "tax_base", "vat", "total"),
    [
        # 1.000.000 x 11/12 = 916.667; PPN 12% = 110.000
        ("pickup", 0, 916_667, 110_000, 1_110_000),
        # (1.000.000 + 100.000) x 11/12 = 1.008.333; PPN 121.000
        ("own_delivery", 100_000, 1_008_333, 121_000, 1_221_000),
    ],
)
def test_order_now_with_pickup_or_own_delivery_has_the_fee_in_total_and_ppn_base(
    app, shop, choice, fee, tax_base, vat, total
):
    _, product, _, buyer, _ = shop
    response = _order_now(app, buyer, product, choice)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    order = _only_order()
    assert (order.delivery_method, order.courier, order.delivery_fee) == (choice, None, fee)
    assert (order.subtotal, order.tax_base, order.vat, order.total) == (
        1_000_000,
        tax_base,
        vat,
        total,
    )
    page = client_for(app, buyer).get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "Transfer Rp" in page and "delivery-line" in page


def test_the_province_row_applies_where_no_regency_row_does(app, shop):
    _, product, _, buyer, _ = shop
    south = {"regency_code": "31.74", "district_code": "31.74.01", "village_code": "31.74.01.1001"}
    _order_now(app, buyer, product, "own_delivery", **south)
    assert _only_order().delivery_fee == 150_000


def test_own_delivery_to_a_destination_outside_the_table_is_refused(app, shop):
    _, product, _, buyer, _ = shop
    before = db_state()
    badung = {"district_code": "51.03.01", "village_code": "51.03.01.1002"}
    response = _order_now(
        app, buyer, product, "own_delivery", province_code="51", regency_code="51.03", **badung
    )
    assert response.status_code == 200
    assert "does not deliver to Kabupaten Badung, Bali itself" in response.get_data(as_text=True)
    assert db_state() == before


@pytest.mark.parametrize("choice", ["courier:pos", "courier", "teleport", "", "pickup:x"])
def test_a_choice_the_cooperative_does_not_offer_is_refused(app, shop, choice):
    _, product, _, buyer, _ = shop
    before = db_state()
    response = _order_now(app, buyer, product, choice)
    assert response.status_code == 200
    assert db_state() == before


def test_cart_checkout_offers_each_cooperatives_options_and_places_a_courier_order(app, shop):
    coop, product, admin, buyer, _ = shop
    other = make_cooperative(name="Koperasi Lain")  # offers pickup only (the default)
    cloth = make_product(other, tiers=((1, 200_000),), order_step=1, min_order_quantity=1)
    make_offer(make_member(other), cloth, 10)
    client = client_for(app, buyer)
    for item, quantity in ((product, 20), (cloth, 1)):
        client.post(
            f"/keranjang/tambah/{item.cooperative.slug}/{item.slug}", data={"quantity": quantity}
        )
    page = client.get("/keranjang/checkout").get_data(as_text=True)
    assert 'value="courier:jne"' in page and 'value="courier:cargo"' in page
    assert page.count('value="pickup"') == 2 and "Rp100,000" in page  # the fee table
    data = delivery_form() | {
        f"payment_{coop.id}": "bank_transfer",
        f"payment_{other.id}": "bank_transfer",
        f"delivery_option_{coop.id}": "courier:jne",
        f"delivery_option_{other.id}": "pickup",
    }
    response = client.post("/keranjang/checkout", data=data, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "quote the courier" in text
    db.session.expire_all()
    courier = db.session.scalars(select(Order).where(Order.cooperative_id == coop.id)).one()
    assert (courier.delivery_method, courier.courier, courier.delivery_fee) == (
        "courier",
        "jne",
        None,
    )
    assert courier.awaits_delivery_quote and not courier.awaits_transfer
    assert courier.total == 1_110_000  # goods and their PPN only, until the fee is quoted
    # The admins hear that a fee is to be quoted.
    note = db.session.scalars(select(Notification).where(Notification.user_id == admin.id)).one()
    assert note.kind == "admin.quote_delivery" and note.params["courier"] == "jne"
    # Only the order that can be paid is in the transfers to make.
    assert text.count('class="transfer"') == 1


@pytest.fixture
def courier_order(shop):
    coop, product, admin, buyer, _ = shop
    from marketplace.checkout.services import OrderRequest, place_order
    from tests.factories import delivery

    order = place_order(
        buyer,
        product,
        OrderRequest(
            quantity=20,
            delivery=delivery(),
            idempotency_key="c" * 20,
            delivery_choice=DeliveryChoice("courier", "cargo"),
        ),
    )
    return coop, order, admin, buyer


def test_admin_quotes_the_fee_totals_are_recomputed_and_the_buyer_is_notified(app, courier_order):
    coop, order, admin, buyer = courier_order
    placed_expiry = order.expires_at
    client = client_for(app, admin)
    page = client.get(f"/kelola/{coop.slug}/pesanan/{order.number}").get_data(as_text=True)
    assert "Quote the delivery fee" in page and "Record a bank transfer" not in page
    response = client.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/ongkir", data={"fee": "85000"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    # (1.000.000 + 85.000) x 11/12 = 994.583; PPN 12% = 119.350
    assert (order.delivery_fee, order.tax_base, order.vat, order.total) == (
        85_000,
        994_583,
        119_350,
        1_204_350,
    )
    assert order.expires_at > placed_expiry and order.delivery_fee_quoted_at is not None
    assert order.awaits_transfer
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "order.delivery_quoted")
    ).one()
    assert event.actor_id == admin.id and event.after["total"] == 1_204_350
    note = db.session.scalars(select(Notification).where(Notification.user_id == buyer.id)).one()
    assert note.kind == "order.delivery_quoted" and note.params["amount"] == 1_204_350
    # A second quote (a double submit) changes nothing.
    before = db_state()
    client.post(f"/kelola/{coop.slug}/pesanan/{order.number}/ongkir", data={"fee": "1"})
    assert db_state() == before


@pytest.mark.parametrize("fee", ["", "-1", "abc", "1.5", "99999999999999999999", "10000000001"])
def test_a_bad_fee_is_refused_and_changes_nothing(app, courier_order, fee):
    coop, order, admin, _ = courier_order
    before = db_state()
    response = client_for(app, admin).post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/ongkir", data={"fee": fee}
    )
    assert response.status_code == 302
    assert db_state() == before


def test_a_fee_of_zero_is_a_quote(app, courier_order):
    _, order, admin, _ = courier_order
    quote_delivery_fee(order, admin, 0)
    assert order.delivery_fee == 0 and order.total == 1_110_000


def test_the_service_refuses_a_fee_out_of_range(app, courier_order):
    _, order, admin, _ = courier_order
    with pytest.raises(ValidationFailed):
        quote_delivery_fee(order, admin, -5)


@pytest.mark.parametrize("who", ["other_admin", "buyer", "member", "anonymous"])
def test_only_the_cooperatives_admin_may_quote(app, shop, courier_order, who):
    coop, order, _, buyer = courier_order
    member = shop[4].user
    other_admin = english_user("Other admin")
    make_cooperative(admin=other_admin)
    client = {
        "other_admin": lambda: client_for(app, other_admin),
        "buyer": lambda: client_for(app, buyer),
        "member": lambda: client_for(app, member),
        "anonymous": app.test_client,
    }[who]()
    before = db_state()
    response = client.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/ongkir", data={"fee": "85000"}
    )
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/akun/masuk" in response.headers["Location"]
    assert db_state() == before


def test_paying_before_the_quote_is_refused_and_changes_nothing(app, courier_order):
    coop, order, admin, buyer = courier_order
    db.session.add(TrustedBuyer(cooperative_id=coop.id, email=buyer.email, terms_days=30))
    db.session.commit()
    before = db_state()
    with force_locale("en"):
        with pytest.raises(InvalidTransition, match="not quoted the delivery fee"):
            record_bank_transfer(order, admin, amount=order.total, received_on=coop.local_date())
        with pytest.raises(InvalidTransition, match="not quoted the delivery fee"):
            start_card_checkout(order, buyer, success_url="/", cancel_url="/", locale="en")
        with pytest.raises(InvalidTransition, match="not quoted the delivery fee"):
            grant_invoice_terms(order, buyer)
    web = client_for(app, admin).post(
        f"/kelola/{coop.slug}/pesanan/{order.number}",
        data={"amount": str(order.total), "received_on": coop.local_date().isoformat()},
    )
    assert web.status_code == 200 and "not quoted the delivery fee" in web.get_data(as_text=True)
    page = client_for(app, buyer).get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "will quote the courier" in page and "Pay on invoice terms" not in page
    assert db_state() == before


def test_a_courier_order_on_invoice_terms_is_confirmed_when_quoted(app, shop):
    from marketplace.checkout.services import OrderRequest, place_order
    from tests.factories import delivery

    coop, product, admin, buyer, _ = shop
    db.session.add(TrustedBuyer(cooperative_id=coop.id, email=buyer.email, terms_days=14))
    db.session.commit()
    order = place_order(
        buyer,
        product,
        OrderRequest(
            quantity=20,
            delivery=delivery(),
            idempotency_key="t" * 20,
            payment_method="invoice_terms",
            delivery_choice=DeliveryChoice("courier", "jne"),
        ),
    )
    assert order.status == OrderStatus.PLACED and order.invoice is None
    quote_delivery_fee(order, admin, 50_000)
    assert order.status == OrderStatus.CONFIRMED and order.invoice is not None
    assert order.invoice.due_date == coop.local_date() + timedelta(days=14)


def test_invoice_shows_the_delivery_line_and_ppn_on_it(app, courier_order):
    coop, order, admin, buyer = courier_order
    quote_delivery_fee(order, admin, 85_000)
    response = client_for(app, buyer).get(f"/pesanan/{order.number}/faktur.pdf")
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    for expected in ("Courier: Cargo", "Rp85,000", "Rp1,085,000", "Rp994,583", "Rp119,350"):
        assert expected in text, expected
    assert "Rp1,204,350" in text


def test_the_export_has_the_delivery_and_its_fee(app, courier_order):
    coop, order, admin, _ = courier_order
    csv = client_for(app, admin).get(f"/kelola/{coop.slug}/pesanan.csv").get_data(as_text=True)
    header, row = csv.splitlines()[:2]
    assert "Delivery fee" in header and "Courier: Cargo" in row
    assert local_today().isoformat()[:4] in row


def test_no_payment_reminder_while_the_fee_is_to_be_quoted(app, courier_order):
    from marketplace.orders.services.status import remind_unpaid

    coop, order, admin, _ = courier_order
    soon = order.expires_at - timedelta(hours=1)
    assert remind_unpaid(24, now=soon) == []
    quote_delivery_fee(order, admin, 10_000)
    assert remind_unpaid(24, now=order.expires_at - timedelta(hours=1)) == [order.number]
