"""Card payment through Stripe Checkout, confirmed only by the signed webhook. The official
`stripe` library talks to a fake Stripe on loopback (localstripe behind a Checkout stub)."""

import json
import logging
import threading

from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.orders.services import cancel_by_buyer
from marketplace.payments.models import Payment, PaymentEvent
from tests.factories import client_for, db_state, english_user
from tests.fakes.stripe_fake import event, sign
from tests.payments_support import fake_stripe, localstripe_url, place, post_event, shop

__all__ = ["fake_stripe", "localstripe_url", "shop"]  # fixtures used below


def _checkout(app, fake, buyer, order):
    browser = client_for(app, buyer)
    response = browser.post(f"/pesanan/{order.number}/bayar-kartu")
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    session_id = response.headers["Location"].rsplit("/", 1)[1]
    assert session_id in fake.sessions
    return browser, session_id


def _refresh(order) -> Order:
    db.session.expire_all()
    return db.session.get(Order, order.id)


def test_without_keys_card_payment_is_not_offered(app, client, shop):
    coop, product, _, buyer = shop
    order = place(buyer, product)
    browser = client_for(app, buyer)
    assert "by card" not in browser.get(f"/pesanan/{order.number}").get_data(as_text=True)
    before = db_state()
    browser.post(f"/pesanan/{order.number}/bayar-kartu")
    assert db_state() == before


def test_pay_sends_the_buyer_to_checkout_in_idr_minor_units(app, fake_stripe, shop):
    _, product, _, buyer = shop
    order = place(buyer, product)
    assert order.total == 1_000_000
    page = client_for(app, buyer).get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "Pay Rp1,000,000 by card" in page
    browser, session_id = _checkout(app, fake_stripe, buyer, order)
    sent = fake_stripe.requests[-1]
    price = sent["line_items"]["0"]["price_data"]
    assert price["currency"] == "idr" and price["unit_amount"] == "100000000"
    assert sent["metadata"]["order_number"] == order.number
    assert sent["client_reference_id"] == order.number
    assert sent["success_url"].endswith(f"/pesanan/{order.number}?kartu=selesai")
    assert sent["cancel_url"].endswith(f"/pesanan/{order.number}")
    # Coming back from the hosted page confirms nothing: only the webhook does.
    page = browser.get(f"/pesanan/{order.number}?kartu=selesai").get_data(as_text=True)
    assert "being confirmed" in page
    order = _refresh(order)
    assert order.status == OrderStatus.PLACED and order.payment_method == PaymentMethod.CARD
    assert order.payments == []


def test_signed_completed_event_confirms_the_order(app, client, fake_stripe, shop):
    _, product, _, buyer = shop
    order = place(buyer, product)
    _, session_id = _checkout(app, fake_stripe, buyer, order)
    session = fake_stripe.complete(session_id)
    response = post_event(client, event("checkout.session.completed", session))
    assert response.status_code == 200 and response.json["outcome"] == "confirmed"
    order = _refresh(order)
    assert order.status == OrderStatus.CONFIRMED
    [payment] = order.payments
    assert payment.method == "card" and payment.amount == 1_000_000
    assert payment.reference == session["payment_intent"].rsplit("/", 1)[-1]
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "payment.recorded" in actions and "order.confirmed" in actions


def test_a_repeated_event_changes_nothing(app, client, fake_stripe, shop):
    _, product, _, buyer = shop
    order = place(buyer, product)
    _, session_id = _checkout(app, fake_stripe, buyer, order)
    payload = event("checkout.session.completed", fake_stripe.complete(session_id))
    assert post_event(client, payload).json["outcome"] == "confirmed"
    before = db_state()
    response = post_event(client, payload)
    assert response.status_code == 200 and response.json["outcome"] == "duplicate"
    assert db_state() == before


def test_concurrent_duplicate_events_apply_once(app, fake_stripe, shop):
    _, product, _, buyer = shop
    order = place(buyer, product)
    _, session_id = _checkout(app, fake_stripe, buyer, order)
    payload = event("checkout.session.completed", fake_stripe.complete(session_id))
    signature = sign(payload)
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def deliver():
        client = app.test_client()
        start.wait()
        response = post_event(client, payload, signature)
        outcomes.append(response.json["outcome"] if response.status_code == 200 else "error")

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed"] + ["duplicate"] * 7
    assert db.session.scalar(select(func.count(Payment.id))) == 1
    assert db.session.scalar(select(func.count(PaymentEvent.id))) == 1
    assert _refresh(order).status == OrderStatus.CONFIRMED


def _refused(client, payload, caplog, signature=None):
    before = db_state()
    with caplog.at_level(logging.WARNING, logger="marketplace.payments.webhooks"):
        response = post_event(client, payload, signature)
    assert response.status_code == 400
    assert db_state() == before
    assert caplog.records and "@" not in caplog.text  # logged, with no personal data


def test_bad_signature_is_refused_and_changes_nothing(app, client, fake_stripe, shop, caplog):
    _, product, _, buyer = shop
    order = place(buyer, product)
    _, session_id = _checkout(app, fake_stripe, buyer, order)
    payload = event("checkout.session.completed", fake_stripe.complete(session_id))
    _refused(client, payload, caplog, sign(payload, secret="whsec_someone_else"))
    _refused(client, payload, caplog, "t=1,v1=deadbeef")
    _refused(client, payload.replace("paid", "paid "), caplog, sign(payload))  # body changed
    assert _refresh(order).status == OrderStatus.PLACED


def test_unknown_order_wrong_amount_or_currency_is_refused(app, client, fake_stripe, shop, caplog):
    _, product, _, buyer = shop
    order = place(buyer, product)
    _, session_id = _checkout(app, fake_stripe, buyer, order)
    session = fake_stripe.complete(session_id)
    for change in (
        {"metadata": {"order_number": "PK-000000-XXXXX"}, "client_reference_id": None},
        {"amount_total": 100_000},  # Rp1.000, not Rp1.000.000 × 100
        {"amount_total": 1_000_000},  # whole rupiah sent without the two decimals
        {"currency": "usd"},
    ):
        _refused(client, event("checkout.session.completed", {**session, **change}), caplog)
    assert _refresh(order).status == OrderStatus.PLACED


def test_events_out_of_order_are_tolerated(app, client, fake_stripe, shop):
    _, product, _, buyer = shop
    order = place(buyer, product)
    _, session_id = _checkout(app, fake_stripe, buyer, order)
    session = fake_stripe.complete(session_id)
    assert post_event(client, event("checkout.session.completed", session)).status_code == 200
    # An "expired" for a session that completed arrives late: the order stays confirmed.
    late = post_event(client, event("checkout.session.expired", {**session, "status": "expired"}))
    assert late.status_code == 200
    assert _refresh(order).status == OrderStatus.CONFIRMED
    # Completion for an order cancelled meanwhile: the money is on record, the status stays.
    other = place(buyer, product, quantity=30)
    _, other_session_id = _checkout(app, fake_stripe, buyer, other)
    paid = fake_stripe.complete(other_session_id)
    cancel_by_buyer(_refresh(other), buyer)
    response = post_event(client, event("checkout.session.completed", paid))
    assert response.json["outcome"] == "paid_out_of_order"
    other = _refresh(other)
    assert other.status == OrderStatus.CANCELLED and other.amount_paid == other.total


def test_unhandled_event_types_are_acknowledged(client, fake_stripe):
    payload = json.dumps({"id": "evt_1", "type": "customer.created", "data": {"object": {}}})
    before = db_state()
    assert post_event(client, payload).json["outcome"] == "ignored"
    assert db_state() == before


def test_who_may_not_pay_for_an_order(app, client, fake_stripe, shop):
    coop, product, admin, buyer = shop
    order = place(buyer, product)
    browsers = [client_for(app, english_user("Other buyer")), client_for(app, admin)]
    before = db_state()
    assert client.post(f"/pesanan/{order.number}/bayar-kartu").status_code == 302  # to login
    for browser in browsers:
        assert browser.post(f"/pesanan/{order.number}/bayar-kartu").status_code == 404
    assert db_state() == before and fake_stripe.requests == []
