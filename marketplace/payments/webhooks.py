"""Stripe webhook events, applied exactly once.

The event row is inserted first, in the same transaction as its effect: the unique
(provider, event id) makes a repeated or concurrent duplicate fail on insert and change nothing.
"""

import json
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.orders.services import confirm_paid
from marketplace.payments import stripe_gateway
from marketplace.payments.locks import lock_order
from marketplace.payments.models import Payment, PaymentEvent
from marketplace.payments.services import add_payment
from marketplace.transaction import transaction

log = logging.getLogger(__name__)
PROVIDER = "stripe"
HANDLED = ("checkout.session.completed", "checkout.session.expired")


class WebhookRefused(Exception):
    """The event is not accepted (bad signature, unknown order, wrong amount or currency)."""


@dataclass(frozen=True)
class Outcome:
    status: str  # what happened, for the response and the event row


def handle_stripe_webhook(payload: bytes, signature: str) -> Outcome:
    """Verify, then apply one Stripe event. Raises WebhookRefused for what must change nothing."""
    try:
        stripe_gateway.verify_webhook(payload, signature)
        event = json.loads(payload)
        event_id, event_type = event["id"], event["type"]
        session = event["data"]["object"]
    except Exception as exc:  # any malformed or unsigned body is refused the same way
        log.warning("stripe webhook refused: %s", type(exc).__name__)
        raise WebhookRefused("signature") from exc
    if event_type not in HANDLED:
        return Outcome("ignored")
    order = _order_for(session)
    if order is None:
        log.warning("stripe webhook %s refused: unknown order", event_id)
        raise WebhookRefused("order")
    if event_type == "checkout.session.completed":
        _check_amount(event_id, session, order)
    try:
        with transaction():
            db.session.add(
                PaymentEvent(
                    provider=PROVIDER,
                    event_id=event_id,
                    event_type=event_type,
                    order_id=order.id,
                    outcome="pending",
                    received_at=utcnow(),
                )
            )
            db.session.flush()  # a duplicate fails here, before any effect
            stored = db.session.scalar(
                select(PaymentEvent).where(
                    PaymentEvent.provider == PROVIDER, PaymentEvent.event_id == event_id
                )
            )
            lock_order(order)
            if event_type == "checkout.session.completed":
                stored.outcome = _apply_completed(order, session)
            else:
                stored.outcome = _apply_expired(order, session)
    except IntegrityError:
        if _seen(event_id):
            return Outcome("duplicate")
        raise
    return Outcome(stored.outcome)


def _order_for(session: dict) -> Order | None:
    number = (session.get("metadata") or {}).get("order_number") or session.get(
        "client_reference_id"
    )
    if not isinstance(number, str):
        return None
    return db.session.scalar(select(Order).where(Order.number == number))


def _check_amount(event_id: str, session: dict, order: Order) -> None:
    if session.get("currency") != stripe_gateway.CURRENCY or session.get(
        "amount_total"
    ) != stripe_gateway.to_stripe_amount(order.total):
        log.warning("stripe webhook %s refused: amount or currency differs from order", event_id)
        raise WebhookRefused("amount")


def _seen(event_id: str) -> bool:
    db.session.rollback()
    return (
        db.session.scalar(
            select(PaymentEvent.id).where(
                PaymentEvent.provider == PROVIDER, PaymentEvent.event_id == event_id
            )
        )
        is not None
    )


def _apply_completed(order: Order, session: dict) -> str:
    if session.get("payment_status") != "paid":
        return "awaiting_payment"  # delayed methods complete later; not used for cards
    intent = session.get("payment_intent") or session["id"]
    already = db.session.scalar(
        select(Payment.id).where(
            Payment.order_id == order.id,
            Payment.method == PaymentMethod.CARD,
            Payment.reference == intent,
        )
    )
    if already is not None:
        return "already_recorded"
    add_payment(
        order, PaymentMethod.CARD, order.total, reference=intent, received_at=utcnow(), actor=None
    )
    if order.status != OrderStatus.PLACED:
        # Paid after it was cancelled, expired or paid otherwise: keep the money on record so
        # that the cooperative sees the overpayment and refunds it; the status does not move.
        log.warning("card payment for order in status %s; needs a refund", order.status)
        record(
            "payment.received_out_of_order",
            order,
            actor=None,
            before={"status": order.status},
            after={"status": order.status, "reference": intent, "paid": order.amount_paid},
        )
        return "paid_out_of_order"
    order.payment_method = PaymentMethod.CARD
    confirm_paid(order, None, paid=order.amount_paid, method=PaymentMethod.CARD)
    return "confirmed"


def _apply_expired(order: Order, session: dict) -> str:
    record(
        "payment.checkout_expired",
        order,
        actor=None,
        after={"session": session.get("id"), "status": order.status},
    )
    return "expired"
