"""Buyers hear of every change to their orders, through the domain signals: in the app (each
notification links to the order) and by email when a mail server is configured; receivers run
in the sender's transaction; the payment-deadline reminder is sent once per order."""

import email
from datetime import timedelta
from email import policy

import pytest
from sqlalchemy import select

from marketplace import create_app
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment import services as fulfilment
from marketplace.fulfilment.models import Assignment
from marketplace.notifications.models import Notification
from marketplace.orders.models import OrderStatus
from marketplace.orders.services import cancel_by_admin, cancel_by_buyer, confirm_paid
from marketplace.payments.refunds import refund_payment
from marketplace.payments.services import record_bank_transfer
from marketplace.transaction import transaction
from tests.factories import (
    client_for,
    db_state,
    english_user,
    order_of,
)
from tests.fixtures.scenarios import Shop, build_shop


@pytest.fixture
def shop() -> Shop:
    return build_shop(name="Koperasi Boneka", unpaid_expiry_hours=72)


def kinds(user) -> list[str]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id)
        )
    )


def buyer_notes(buyer) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(Notification.user_id == buyer.id).order_by(Notification.id)
        )
    )


def test_buyer_hears_of_payment_confirmation_allocation_production_ready_and_refund(app, shop):
    product, admin, member = shop.product, shop.admin, shop.member
    buyer, other = english_user("Buyer"), english_user("Other buyer")
    order = order_of(buyer, product, 40)
    assert kinds(buyer) == []  # placing is the buyer's own act

    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    assert kinds(buyer) == ["order.paid", "order.confirmed"]
    fulfilment.publish_allocation(order, admin)
    assignment = db.session.scalars(select(Assignment)).one()
    assert "work.offered" in kinds(member.user)
    fulfilment.accept_assignment(assignment, member.user)
    assert "admin.accepted" in kinds(admin) and "admin.in_production" in kinds(admin)
    fulfilment.report_progress(assignment, member.user, "delivered_to_hub")
    fulfilment.record_quality_control(assignment, admin, accepted=40, rejected=0)
    assert kinds(member.user)[-1] == "work.checked" and kinds(admin)[-1] == "admin.ready"
    db.session.refresh(order)
    assert order.status == OrderStatus.READY
    refund_payment(order, order.payments[0].id, admin, amount=10_000, reason="Late")
    assert kinds(buyer) == [
        "order.paid",
        "order.confirmed",
        "order.allocated",
        "order.in_production",
        "order.ready",
        "order.refunded",
    ]
    assert {n.link for n in buyer_notes(buyer)} == {f"/pesanan/{order.number}"}
    assert kinds(other) == []

    client = client_for(app, buyer)
    page = client.get("/notifikasi/").get_data(as_text=True)
    assert f"We received Rp{order.total:,} for order {order.number}." in page
    assert f"Order {order.number} is ready: everything passed quality control." in page
    assert f"Rp10,000 of order {order.number} was refunded to you." in page
    assert page.count('class="list-group-item list-group-item-action notification unread"') == 6
    assert f'href="/pesanan/{order.number}"' in page
    assert client.get(f"/pesanan/{order.number}").status_code == 200  # the link works
    assert "notification unread" not in client_for(app, other).get("/notifikasi/").get_data(
        as_text=True
    )


def test_cancellation_by_the_cooperative_tells_the_buyer_why_and_a_buyers_own_does_not(app, shop):
    product, admin = shop.product, shop.admin
    buyer = english_user("Buyer")
    first, second = order_of(buyer, product, 20), order_of(buyer, product, 20)
    cancel_by_admin(first, admin, "Bahan baku habis")
    cancel_by_buyer(second, buyer)
    notes = buyer_notes(buyer)
    assert [(n.kind, n.link) for n in notes] == [
        ("order.cancelled_by_coop", f"/pesanan/{first.number}")
    ]
    page = client_for(app, buyer).get("/notifikasi/").get_data(as_text=True)
    assert f"Koperasi Boneka cancelled order {first.number}: Bahan baku habis" in page


def test_expiry_from_the_command_notifies_the_buyer(app, shop):
    product = shop.product
    buyer = english_user("Buyer")
    order = order_of(buyer, product, 20)
    order.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["orders", "expire-unpaid"])
    assert result.exit_code == 0, result.output
    assert [(n.kind, n.link) for n in buyer_notes(buyer)] == [
        ("order.expired", f"/pesanan/{order.number}")
    ]


def test_payment_reminder_is_sent_once_per_order_near_its_deadline(app, shop):
    product, admin = shop.product, shop.admin
    buyer = english_user("Buyer")
    soon, later, paid = (order_of(buyer, product, 20) for _ in range(3))
    soon.expires_at = utcnow() + timedelta(hours=5)
    paid.expires_at = utcnow() + timedelta(hours=5)
    db.session.commit()
    record_bank_transfer(paid, admin, amount=paid.total, received_on=paid.cooperative.local_date())
    before = len(buyer_notes(buyer))

    runner = app.test_cli_runner()
    first = runner.invoke(args=["orders", "remind-unpaid", "--hours", "24"])
    assert first.exit_code == 0, first.output
    assert f"reminded {soon.number}" in first.output and "1 buyer(s) reminded" in first.output
    again = runner.invoke(args=["orders", "remind-unpaid", "--hours", "24"])
    assert again.exit_code == 0 and "0 buyer(s) reminded" in again.output

    reminders = [n for n in buyer_notes(buyer)[before:] if n.kind == "order.payment_due"]
    assert [(n.link, n.params["amount"]) for n in reminders] == [
        (f"/pesanan/{soon.number}", soon.total)
    ]
    page = client_for(app, buyer).get("/notifikasi/").get_data(as_text=True)
    assert f"Order {soon.number} is not paid yet: please pay Rp{soon.total:,} before " in page
    assert "WIB" in page  # the deadline, in the cooperative's time zone
    assert later.number not in page  # 72 hours away: no reminder yet


@pytest.mark.parametrize("hours", ["0", "-3", "abc", "99999999999999999999"])
def test_reminder_command_refuses_a_bad_window_without_changing_anything(app, shop, hours):
    product = shop.product
    order_of(english_user("Buyer"), product, 20)
    before = db_state()
    result = app.test_cli_runner().invoke(args=["orders", "remind-unpaid", "--hours", hours])
    assert result.exit_code == 2 and "Invalid value" in result.output
    assert db_state() == before


def test_receivers_run_in_the_senders_transaction_and_roll_back_with_it(app, shop):
    product, admin = shop.product, shop.admin
    buyer = english_user("Buyer")
    order = order_of(buyer, product, 20)
    before = db_state()
    with pytest.raises(RuntimeError), transaction():
        confirm_paid(order, admin)
        assert db.session.scalars(select(Notification.kind)).all() == ["order.confirmed"]
        raise RuntimeError("the use case fails after confirming")
    assert db_state() == before


def test_connecting_again_for_another_app_notifies_once(app, shop):
    product, admin = shop.product, shop.admin
    create_app("testing", {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    buyer = english_user("Buyer")
    order = order_of(buyer, product, 20)
    record_bank_transfer(
        order, admin, amount=order.total, received_on=order.cooperative.local_date()
    )
    assert kinds(buyer) == ["order.paid", "order.confirmed"]


def test_buyer_gets_an_email_copy_in_their_language_when_mail_is_configured(app, shop, smtp_server):
    product, admin = shop.product, shop.admin
    buyer = english_user("Buyer", email="buyer@example.com")
    buyer.email_verified_at = utcnow()  # with mail configured, only a verified email may order
    db.session.commit()
    order = order_of(buyer, product, 20)
    record_bank_transfer(order, admin, amount=order.total, received_on=shop.coop.local_date())
    messages = [email.message_from_bytes(m, policy=policy.default) for m in smtp_server.messages]
    to_buyer = [m for m in messages if m["To"] == "buyer@example.com"]
    bodies = [m.get_content() for m in to_buyer]
    assert len(to_buyer) == 2, bodies
    assert any(f"Order {order.number} is confirmed" in body for body in bodies)
