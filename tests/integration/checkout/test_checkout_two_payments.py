"""Issue 4's whole journey: one checkout with two cooperatives, one order paid by card through
the fake Stripe (confirmed by the signed webhook), the other by bank transfer; invoices download."""

from datetime import timedelta

from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from tests.factories import (
    client_for,
    delivery_form,
    english_user,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)
from tests.fakes.stripe_fake import event
from tests.payments_support import fake_stripe, localstripe_url, post_event

__all__ = ["fake_stripe", "localstripe_url"]  # fixtures used below


def test_one_checkout_two_cooperatives_card_and_transfer_then_invoices(app, client, fake_stripe):
    dolls_admin, batik_admin = english_user("Admin dolls"), english_user("Admin batik")
    dolls = make_cooperative(admin=dolls_admin, name="Koperasi Boneka")
    batik = make_cooperative(admin=batik_admin, name="Koperasi Batik")
    bear = make_product(dolls)  # 20 @ Rp50.000
    cloth = make_product(batik, name="Batik Cap", category_slug="batik", lead_time_days=21)
    make_offer(make_member(dolls), bear, 100)
    make_offer(make_member(batik), cloth, 100)
    buyer = english_user("Hotel buyer")
    browser = client_for(app, buyer)
    for product in (bear, cloth):
        browser.post(
            f"/keranjang/tambah/{product.cooperative.slug}/{product.slug}", data={"quantity": "20"}
        )
    page = browser.get("/keranjang/checkout").get_data(as_text=True)
    assert page.count('value="card"') == 2  # Stripe is configured: offered for each order
    data = delivery_form(delivery_date=(local_today() + timedelta(days=40)).isoformat())
    data[f"payment_{dolls.id}"] = PaymentMethod.CARD
    data[f"payment_{batik.id}"] = PaymentMethod.BANK_TRANSFER
    assert browser.post("/keranjang/checkout", data=data).status_code == 302
    orders = {o.cooperative_id: o for o in db.session.query(Order)}
    card_order, transfer_order = orders[dolls.id], orders[batik.id]
    assert card_order.payment_method == PaymentMethod.CARD
    assert transfer_order.payment_method == PaymentMethod.BANK_TRANSFER

    # Card: the hosted page, then only the signed webhook confirms.
    response = browser.post(f"/pesanan/{card_order.number}/bayar-kartu")
    assert response.status_code == 303
    session = fake_stripe.complete(response.headers["Location"].rsplit("/", 1)[1])
    assert post_event(client, event("checkout.session.completed", session)).status_code == 200

    # Transfer: the batik cooperative's admin records the money received.
    admin_browser = client_for(app, batik_admin)
    admin_browser.post(
        f"/kelola/{batik.slug}/pesanan/{transfer_order.number}",
        data={
            "amount": str(transfer_order.total),
            "received_on": batik.local_date().isoformat(),
        },
    )
    db.session.expire_all()
    assert db.session.get(Order, card_order.id).status == OrderStatus.CONFIRMED
    assert db.session.get(Order, transfer_order.id).status == OrderStatus.CONFIRMED

    for order in (card_order, transfer_order):
        pdf = browser.get(f"/pesanan/{order.number}/faktur.pdf")
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
        assert pdf.data.startswith(b"%PDF")
