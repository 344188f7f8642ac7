"""Deliveries to a real local HTTP server: signed webhooks when an order ships, who hears
which events, retries after a failure, each event delivered once however often it is
signalled or sent, and an endpoint disabled (owner told) after a day of failures."""

from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
import stripe
from sqlalchemy import select
from werkzeug import Response

from marketplace import outbox, signals
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment.services import ship_ready_units
from marketplace.notifications.models import Notification
from marketplace.orders.services import confirm_receipt
from marketplace.payments.services import record_bank_transfer
from marketplace.transaction import transaction
from marketplace.webhooks import delivery as webhook_delivery
from marketplace.webhooks.models import DeliveryStatus, EventType
from marketplace.webhooks.signing import HEADER
from tests.factories import PASSWORD, english_user, order_of
from tests.integration.shared.test_locks import at_once
from tests.integration.shared.test_query_counts import counting
from tests.integration.webhooks.conftest import (
    Nowhere,
    deliveries,
    endpoint_for,
    make_due,
    received,
)
from tests.shipping_support import details, make_shop, paid_order, pass_qc


def ship(shop, order):
    pass_qc(shop, order)
    ship_ready_units(order, shop.admin, details(), {line.id: line.quantity for line in order.lines})
    db.session.refresh(order)
    return order


def test_the_buyer_receives_a_signed_webhook_when_the_order_ships(receiver):
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, receiver, events=[EventType.ORDER_SHIPPED])
    order = ship(shop, paid_order(shop))

    (body,) = received(receiver, secret=endpoint.secret)
    assert body["type"] == "order.shipped" and body["id"].startswith("evt_")
    data = body["data"]
    assert data["number"] == order.number and data["status"] == "shipped"
    assert data["total"] == order.total and isinstance(data["total"], int)
    assert data["shipments"][0]["tracking_number"] == "JNE123456789"
    assert "recipient_phone" not in str(body) and shop.buyer.email not in str(body)
    request = receiver.log[0][0]
    header = request.headers[HEADER]
    assert stripe.WebhookSignature.verify_header(
        request.get_data(as_text=True), header, endpoint.secret, tolerance=300
    )
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Webhook-Id"] == body["id"]
    (logged,) = deliveries(endpoint)
    assert logged.status == DeliveryStatus.DELIVERED and logged.last_status_code == 200
    assert logged.response_excerpt == "thanks" and logged.attempts == 1


def test_the_cooperatives_admin_hears_its_orders_and_strangers_hear_nothing(receiver):
    shop = make_shop()
    admin_endpoint = endpoint_for(shop.admin, receiver)
    stranger = endpoint_for(english_user("Stranger"), receiver)
    order = ship(shop, paid_order(shop))
    confirm_receipt(order.shipments[0], shop.buyer)

    kinds = [d.event_type for d in deliveries(admin_endpoint)]
    assert kinds == ["order.confirmed", "order.shipped", "order.delivered"]
    assert deliveries(stranger) == []
    assert [b["type"] for b in received(receiver, admin_endpoint.secret)] == kinds


def test_an_endpoint_only_gets_the_events_it_chose(receiver):
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, receiver, events=[EventType.ORDER_CONFIRMED])
    ship(shop, paid_order(shop))
    assert [d.event_type for d in deliveries(endpoint)] == ["order.confirmed"]


def test_a_failed_delivery_is_tried_again_after_its_backoff_then_delivered(httpserver):
    httpserver.expect_ordered_request("/hook").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/hook").respond_with_data("ok", status=204)
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)

    (first,) = deliveries(endpoint)
    assert first.status == DeliveryStatus.PENDING and first.attempts == 1
    assert first.last_status_code == 500 and first.response_excerpt == "oops"
    wait = first.next_attempt_at - first.last_attempt_at
    assert timedelta(seconds=59) < wait <= timedelta(seconds=60)
    assert webhook_delivery.retry_due() == 0 and len(httpserver.log) == 1  # not due yet

    make_due()
    assert webhook_delivery.retry_due() == 1
    (again,) = deliveries(endpoint)
    assert again.status == DeliveryStatus.DELIVERED and again.last_status_code == 204
    assert again.attempts == 2 and again.next_attempt_at is None
    make_due()
    assert webhook_delivery.retry_due() == 0 and len(httpserver.log) == 2
    bodies = received(httpserver, endpoint.secret)
    assert bodies[0] == bodies[1]  # the same event, the same id, the same body
    db.session.refresh(endpoint)
    assert endpoint.failing_since is None and endpoint.last_success_at is not None


def test_an_event_signalled_twice_and_a_job_run_twice_deliver_once(receiver):
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, receiver, events=[EventType.ORDER_CONFIRMED])
    order = paid_order(shop)
    with transaction():
        signals.order_confirmed.send(order)
        signals.order_confirmed.send(order)
    (only,) = deliveries(endpoint)
    message_ids = db.session.scalars(
        select(outbox.OutboxMessage.id).where(outbox.OutboxMessage.topic == "webhook")
    ).all()
    for message_id in message_ids:  # the worker runs the job again (killed before its ack)
        outbox.deliver(message_id)
    with transaction():
        assert webhook_delivery.attempt(only.id) is None
    make_due()
    webhook_delivery.retry_due()
    assert len(received(receiver)) == 1 and deliveries(endpoint)[0].attempts == 1


def test_a_redirect_is_not_followed_and_counts_as_a_failure(httpserver):
    httpserver.expect_request("/hook").respond_with_response(
        Response("", status=302, headers={"Location": httpserver.url_for("/elsewhere")})
    )
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)
    (logged,) = deliveries(endpoint)
    assert logged.status == DeliveryStatus.PENDING and logged.last_status_code == 302
    assert [request.path for request, _ in httpserver.log] == ["/hook"]


def test_an_unreachable_endpoint_is_logged_without_an_answer(app, httpserver):
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    httpserver.stop()
    try:
        paid_order(shop)
    finally:
        httpserver.start()
    (logged,) = deliveries(endpoint)
    assert logged.last_status_code is None and logged.last_error == "connection"
    assert logged.status == DeliveryStatus.PENDING


def test_a_private_address_is_refused_at_sending_time_in_production(app, receiver, monkeypatch):
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, receiver, events=[EventType.ORDER_CONFIRMED])
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_PRIVATE", False)
    paid_order(shop)
    (logged,) = deliveries(endpoint)
    assert logged.last_error == "refused_address" and receiver.log == []


def test_an_endpoint_failing_for_a_day_is_disabled_and_its_owner_told(app, httpserver, smtp_server):
    httpserver.expect_request("/hook").respond_with_data("down", status=503)
    shop = make_shop()
    shop.buyer.locale, shop.buyer.email_verified_at = "id", utcnow()
    db.session.commit()
    endpoint = endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)
    db.session.refresh(endpoint)
    assert endpoint.is_active and endpoint.failing_since is not None

    endpoint.failing_since = utcnow() - timedelta(hours=24, minutes=1)
    db.session.commit()
    make_due()
    webhook_delivery.retry_due()
    db.session.refresh(endpoint)
    assert not endpoint.is_active and endpoint.disabled_at is not None
    (note,) = db.session.scalars(
        select(Notification).where(
            Notification.user_id == shop.buyer.id, Notification.kind == "webhook.disabled"
        )
    ).all()
    assert note.params["url"] == endpoint.url and note.link == f"/akun/webhook/{endpoint.id}"
    owner = app.test_client()
    owner.post("/akun/masuk", data={"email": shop.buyer.email, "password": PASSWORD})
    assert endpoint.url in owner.get("/notifikasi/").get_data(as_text=True)
    mails = [message_from_bytes(raw, policy=default).get_content() for raw in smtp_server.messages]
    assert any(endpoint.url in text and "dinonaktifkan" in text for text in mails)  # Indonesian

    tries = len(httpserver.log)
    make_due()
    assert webhook_delivery.retry_due() == 0 and len(httpserver.log) == tries
    paid_order(shop)  # a new event: a disabled endpoint gets no delivery
    assert len(deliveries(endpoint)) == 1


def test_a_delivery_is_given_up_after_the_last_attempt(httpserver):
    httpserver.expect_request("/hook").respond_with_data("no", status=500)
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)
    (logged,) = deliveries(endpoint)
    logged.attempts = webhook_delivery.policy.MAX_ATTEMPTS - 1
    db.session.commit()
    make_due()
    webhook_delivery.retry_due()
    (logged,) = deliveries(endpoint)
    assert logged.status == DeliveryStatus.FAILED and logged.next_attempt_at is None
    db.session.refresh(endpoint)
    assert endpoint.is_active  # failing for minutes, not a day


def test_the_cron_command_sends_what_is_due(app, httpserver):
    httpserver.expect_ordered_request("/hook").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/hook").respond_with_data("ok")
    shop = make_shop()
    endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)
    make_due()
    result = app.test_cli_runner().invoke(args=["webhooks", "retry"])
    assert result.exit_code == 0 and "1 of 1 due webhook deliveries delivered" in result.output
    assert len(httpserver.log) == 2


def test_two_workers_sending_one_delivery_at_once_send_it_once(app, httpserver):
    if db.engine.dialect.name == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        pytest.skip("needs a database file shared by threads")
    httpserver.expect_ordered_request("/hook").respond_with_data("oops", status=500)
    httpserver.expect_request("/hook").respond_with_data("ok")
    shop = make_shop()
    endpoint = endpoint_for(shop.buyer, httpserver, events=[EventType.ORDER_CONFIRMED])
    paid_order(shop)
    (pending,) = deliveries(endpoint)
    pending_id = pending.id  # read here: the threads have sessions of their own
    make_due()

    def work() -> None:
        with transaction():
            webhook_delivery.attempt(pending_id)

    assert at_once(app, work, work) == ["ok", "ok"]
    assert len(httpserver.log) == 2  # the failed first try and one retry
    (sent,) = deliveries(endpoint)
    assert sent.status == DeliveryStatus.DELIVERED and sent.attempts == 2


def test_an_event_nobody_listens_to_costs_one_query():
    shop = make_shop()
    endpoint_for(english_user("Someone else"), Nowhere())
    order = order_of(shop.buyer, shop.product, 40)
    with counting() as statements:
        record_bank_transfer(
            order, shop.admin, amount=order.total, received_on=shop.coop.local_date()
        )
    ours = [s for s in statements if "webhook_" in s]
    assert len(ours) == 1 and "webhook_endpoints" in ours[0]
    assert deliveries() == []
