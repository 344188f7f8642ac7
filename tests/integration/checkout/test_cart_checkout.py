"""The cart spans cooperatives; checkout makes one order per cooperative with its own payment
method, total and VAT, reserves capacity and empties the cart; failures keep the cart."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from marketplace.audit.models import AuditEvent
from marketplace.catalogue.services import availability_for
from marketplace.checkout.models import CartItem
from marketplace.checkout.services.cart import add_to_cart, cart_groups
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from tests.factories import (
    client_for,
    db_state,
    delivery_form,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
)


def add(client, product, quantity):
    return client.post(
        f"/keranjang/tambah/{product.cooperative.slug}/{product.slug}",
        data={"quantity": str(quantity)},
    )


def checkout_data(*coops, **overrides):
    data = delivery_form(delivery_date=(local_today() + timedelta(days=40)).isoformat())
    for coop in coops:
        data[f"payment_{coop.id}"] = "bank_transfer"
    data.update(overrides)
    return data


def cart_of(buyer):
    db.session.expire_all()
    return {
        i.product_id: i.quantity for i in db.session.query(CartItem).filter_by(buyer_id=buyer.id)
    }


def test_cart_from_two_cooperatives_checks_out_into_two_orders(app, two_shops):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer = make_user("Dewi", locale="en")
    client = client_for(app, buyer)
    assert "Your cart is empty." in client.get("/keranjang/").get_data(as_text=True)
    assert add(client, bear, 100).status_code == 302
    assert add(client, cloth, 1).status_code == 302
    assert add(client, cloth, 1).status_code == 302  # adds up
    assert cart_of(buyer) == {bear.id: 100, cloth.id: 2}
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "Koperasi Boneka" in page and "Koperasi Batik" in page
    assert "Rp2.220.000" in page or "Rp2,220,000" in page  # 2 x 1.000.000 + 11% PPN

    form = client.get("/keranjang/checkout").get_data(as_text=True)
    assert f'name="payment_{dolls.id}"' in form and f'name="payment_{batik.id}"' in form
    response = client.post(
        "/keranjang/checkout", data=checkout_data(dolls, batik, po_number="PO-7")
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    orders = {o.cooperative_id: o for o in db.session.query(Order)}
    assert set(orders) == {dolls.id, batik.id}
    doll_order, batik_order = orders[dolls.id], orders[batik.id]
    assert (doll_order.subtotal, doll_order.vat, doll_order.total) == (4_500_000, 0, 4_500_000)
    assert (batik_order.subtotal, batik_order.vat, batik_order.total) == (
        2_000_000,
        220_000,
        2_220_000,
    )
    assert batik_order.tax_base == 1_833_333 and batik_order.vat_rate_bp == 1200
    for order in orders.values():
        assert order.status == OrderStatus.PLACED
        assert order.payment_method == "bank_transfer"
        assert order.po_number == "PO-7"
        assert (order.province, order.regency, order.district, order.village) == (
            "Daerah Khusus Ibukota Jakarta",
            "Kota Administrasi Jakarta Pusat",
            "Menteng",
            "Gondangdia",
        )
        assert (order.regency_code, order.village_code) == ("31.71", "31.71.06.1004")
        assert order.recipient_phone == "+6281311112222"
        assert order.expires_at is not None
    assert cart_of(buyer) == {}
    assert availability_for([bear.id, cloth.id]) == {bear.id: 100, cloth.id: 3}
    assert db.session.query(AuditEvent).filter_by(action="order.placed").count() == 2

    placed = client.get(response.headers["Location"]).get_data(as_text=True)
    for order in orders.values():
        assert order.number in placed
        assert order.cooperative.bank_account_number in placed
    assert "Pay by bank transfer" in placed


def test_double_submit_of_checkout_makes_one_set_of_orders(app, two_shops):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer = make_user()
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 1)
    first = client.post("/keranjang/checkout", data=checkout_data(dolls, batik))
    second = client.post("/keranjang/checkout", data=checkout_data(dolls, batik))
    assert first.status_code == 302 and second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.query(Order).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"postal_code": "1031"}, "postal_code", "5 digits"),
        ({"postal_code": "abcde"}, "postal_code", "5 digits"),
        ({"recipient_phone": "12"}, "recipient_phone", "valid phone number"),
        ({"province_code": ""}, "province_code", "Choose a province."),
        ({"district_code": "   "}, "district_code", "official list"),
        ({"village_code": ""}, "village_code", "Choose a village"),
        ({"regency_code": "35.13"}, "regency_code", "does not lie in the region chosen above"),
        ({"village_code": "31.71.05.1001"}, "village_code", "does not lie in the region"),
        ({"village_code": "31.71.06.9999"}, "village_code", "official list"),
        ({"province_code": "9" * 5000}, "province_code", "official list"),
        ({"delivery_address": ""}, "delivery_address", "This field is required."),
        ({"delivery_date": "not a date"}, "delivery_date", "Choose a date."),
        ({"delivery_date": ""}, "delivery_date", "Choose a date."),
        ({"po_number": "x" * 61}, "po_number", "longer than 60"),
        ({"recipient_name": "x" * 121}, "recipient_name", "longer than 120"),
    ],
)
def test_bad_checkout_input_is_shown_next_to_its_field_and_the_cart_stays(
    app, two_shops, overrides, field, message
):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 1)
    response = client.post("/keranjang/checkout", data=checkout_data(dolls, batik, **overrides))
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in body
    assert f'name="{field}"' in body and "is-invalid" in body
    assert db.session.query(Order).count() == 0
    assert cart_of(buyer) == {bear.id: 20, cloth.id: 1}


def test_delivery_date_too_early_for_one_product_refuses_the_whole_checkout(app, two_shops):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 1)
    # 20 days is enough for the dolls (14) but not for the batik (30).
    day = (local_today() + timedelta(days=20)).isoformat()
    response = client.post(
        "/keranjang/checkout", data=checkout_data(dolls, batik, delivery_date=day)
    )
    body = response.get_data(as_text=True)
    assert "The earliest delivery date for Batik Tulis is" in body
    assert db.session.query(Order).count() == 0
    assert cart_of(buyer) == {bear.id: 20, cloth.id: 1}


def test_missing_or_unknown_payment_method_is_refused(app, two_shops):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 1)
    data = checkout_data(dolls, batik)
    data[f"payment_{batik.id}"] = "bitcoin"
    assert client.post("/keranjang/checkout", data=data).status_code == 200
    del data[f"payment_{batik.id}"]
    assert client.post("/keranjang/checkout", data=data).status_code == 200
    assert db.session.query(Order).count() == 0
    assert len(cart_of(buyer)) == 2


def test_capacity_gone_since_adding_keeps_the_cart_and_places_nothing(app, two_shops):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer, rival = make_user(locale="en"), make_user()
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 5)
    rival_client = client_for(app, rival)
    add(rival_client, cloth, 3)
    assert rival_client.post("/keranjang/checkout", data=checkout_data(batik)).status_code == 302
    response = client.post("/keranjang/checkout", data=checkout_data(dolls, batik))
    assert "Only 2 pcs are available now." in response.get_data(as_text=True)
    assert db.session.query(Order).filter_by(buyer_id=buyer.id).count() == 0
    assert cart_of(buyer) == {bear.id: 20, cloth.id: 5}
    # The cart page says which line is the problem.
    assert "Only 2 pcs are available now." in client.get("/keranjang/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("10", "minimum order is 20"),
        ("25", "multiples of 10"),
        ("210", "Only 200"),
        ("-5", "between 1 and"),
        ("abc", "whole number"),
        ("99999999999999", "between 1 and"),
        ("", "Enter a quantity"),
    ],
)
def test_adding_a_bad_quantity_is_refused_with_a_message(app, two_shops, quantity, message):
    _, _, bear, _, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    response = add(client, bear, quantity)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page
    assert cart_of(buyer) == {}


def test_change_quantity_and_remove(app, two_shops):
    _, _, bear, cloth, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 1)
    item = db.session.query(CartItem).filter_by(product_id=bear.id).one()
    client.post(f"/keranjang/{item.id}", data={"quantity": "40"})
    assert cart_of(buyer)[bear.id] == 40
    response = client.post(f"/keranjang/{item.id}", data={"quantity": "45"})
    assert "multiples of 10" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert cart_of(buyer)[bear.id] == 40
    page = client.get("/keranjang/").get_data(as_text=True)
    assert "data-confirm=" in page  # removing asks first
    client.post(f"/keranjang/{item.id}/hapus")
    assert cart_of(buyer) == {cloth.id: 1}


def test_another_buyers_cart_lines_are_404_and_unchanged(app, two_shops):
    _, _, bear, _, _, _ = two_shops
    owner, other = make_user("Owner"), make_user("Other")
    add(client_for(app, owner), bear, 20)
    item = db.session.query(CartItem).one()
    before = db_state()
    other_client = client_for(app, other)
    assert other_client.post(f"/keranjang/{item.id}", data={"quantity": "40"}).status_code == 404
    assert other_client.post(f"/keranjang/{item.id}/hapus").status_code == 404
    assert "Boneka Beruang" not in other_client.get("/keranjang/").get_data(as_text=True)
    assert db_state() == before


def test_anonymous_cannot_use_a_cart(client, two_shops):
    _, _, bear, _, _, _ = two_shops
    for response in (
        add(client, bear, 20),
        client.get("/keranjang/"),
        client.get("/keranjang/checkout"),
        client.post("/keranjang/checkout", data=checkout_data()),
    ):
        assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    assert db.session.query(CartItem).count() == 0


def test_products_that_cannot_be_ordered_cannot_be_added(app):
    pending = make_cooperative(status="pending")
    verified = make_cooperative()
    client = client_for(app, make_user())
    for product in (make_product(pending), make_product(verified, status="draft")):
        assert add(client, product, 20).status_code == 404
    assert db.session.query(CartItem).count() == 0


def test_a_product_unpublished_after_adding_blocks_checkout_and_stays_in_the_cart(app, two_shops):
    dolls, _, bear, _, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    add(client, bear, 20)
    bear.status = "draft"
    db.session.commit()
    response = client.post("/keranjang/checkout", data=checkout_data(dolls))
    assert "cannot be ordered now" in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0
    assert len(cart_of(buyer)) == 1


def test_empty_cart_checkout_goes_back_to_the_cart(app):
    client = client_for(app, make_user(locale="en"))
    response = client.get("/keranjang/checkout")
    assert response.status_code == 302 and response.headers["Location"].endswith("/keranjang/")
    assert client.post("/keranjang/checkout", data=checkout_data()).status_code == 302
    assert db.session.query(Order).count() == 0


def test_placed_page_shows_only_own_orders(app, two_shops):
    dolls, _, bear, _, _, _ = two_shops
    owner = make_user()
    owner_client = client_for(app, owner)
    add(owner_client, bear, 20)
    owner_client.post("/keranjang/checkout", data=checkout_data(dolls))
    number = db.session.query(Order).one().number
    other = client_for(app, make_user())
    assert other.get(f"/pesanan/baru?numbers={number}").status_code == 404
    assert other.get("/pesanan/baru").status_code == 404


def count_queries(app, client, url: str) -> int:
    from sqlalchemy import event

    from marketplace.extensions import db as database

    statements = []

    def remember(conn, cursor, statement, *args):
        statements.append(statement)

    engine = database.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return len(statements)


def test_cart_and_order_lists_make_a_fixed_number_of_queries(app):
    admin = make_user()
    coop = make_cooperative(admin=admin)
    products = [make_product(coop, name=f"Boneka {i}") for i in range(6)]
    for product in products:
        make_offer(make_member(coop), product, 1000)
    buyer = make_user()
    client = client_for(app, buyer)
    admin_client = client_for(app, admin)
    add(client, products[0], 20)
    client.post("/keranjang/checkout", data=checkout_data(coop, idempotency_key="a" * 32))
    add(client, products[0], 20)
    few_cart = count_queries(app, client, "/keranjang/")
    few_mine = count_queries(app, client, "/pesanan/")
    few_admin = count_queries(app, admin_client, f"/kelola/{coop.slug}/pesanan")
    for product in products[1:]:
        add(client, product, 20)
    client.post("/keranjang/checkout", data=checkout_data(coop, idempotency_key="b" * 32))
    for product in products:
        add(client, product, 20)
    assert count_queries(app, client, "/keranjang/") == few_cart
    assert count_queries(app, client, "/pesanan/") == few_mine
    assert count_queries(app, admin_client, f"/kelola/{coop.slug}/pesanan") == few_admin


def test_trusted_buyer_checks_out_on_invoice_terms_and_is_confirmed_at_once(app, two_shops):
    from marketplace.payments.models import Invoice, TrustedBuyer

    dolls, batik, bear, cloth, dolls_admin, _ = two_shops
    buyer = make_user(locale="en")
    db.session.add(TrustedBuyer(cooperative_id=dolls.id, email=buyer.email, terms_days=30))
    db.session.commit()
    client = client_for(app, buyer)
    add(client, bear, 20)
    add(client, cloth, 1)
    page = client.get("/keranjang/checkout").get_data(as_text=True)
    assert page.count('value="invoice_terms"') == 1  # offered by the dolls cooperative only
    data = checkout_data(dolls, batik, **{f"payment_{dolls.id}": "invoice_terms"})
    assert client.post("/keranjang/checkout", data=data).status_code == 302
    orders = {o.cooperative_id: o for o in db.session.query(Order)}
    assert orders[dolls.id].status == OrderStatus.CONFIRMED
    assert orders[batik.id].status == OrderStatus.PLACED
    invoice = db.session.query(Invoice).one()
    assert invoice.order_id == orders[dolls.id].id
    issued_on = invoice.issued_at.astimezone(ZoneInfo(dolls.time_zone)).date()
    assert invoice.due_date - issued_on == timedelta(days=30)


def test_invoice_terms_are_refused_to_a_buyer_the_cooperative_does_not_trust(app, two_shops):
    dolls, batik, bear, _, _, _ = two_shops
    buyer = make_user(locale="en")
    client = client_for(app, buyer)
    add(client, bear, 20)
    before = db_state()
    data = checkout_data(dolls, **{f"payment_{dolls.id}": "invoice_terms"})
    assert client.post("/keranjang/checkout", data=data).status_code == 200
    assert db_state() == before


def test_cart_vat_follows_the_cooperatives_today_as_placing_does(app, two_shops):
    # 17:30 UTC on 31 December 2024 is already 1 January 2025 in Jakarta (WIB, UTC+7): the cart
    # must show the rate that placing (which dates the order by the cooperative's today) uses.
    _, batik, _, cloth, _, _ = two_shops
    buyer = make_user("Dewi")
    add_to_cart(buyer, cloth, 2)
    (group,) = cart_groups(buyer, now=datetime(2024, 12, 31, 17, 30, tzinfo=UTC))
    assert group.cooperative.id == batik.id
    assert group.totals.vat_rate_bp == 1200 and group.totals.tax_base == 1_833_333
    (group,) = cart_groups(buyer, now=datetime(2024, 12, 31, 16, 30, tzinfo=UTC))
    assert group.totals.vat_rate_bp == 1100 and group.totals.tax_base == 2_000_000
