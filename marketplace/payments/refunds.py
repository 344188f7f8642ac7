"""Refunds: back through Stripe for a card payment, recorded by the admin for a transfer.

Partial refunds add up; what is refunded never exceeds what was paid. A refund that takes
everything paid moves a confirmed (or later) order to `refunded`.
"""

import logging
import secrets

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.errors import DomainError, InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.lifecycle import ALLOWED
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.orders.services import change_status
from marketplace.orders.services.audit import record_for_order
from marketplace.payments import stripe_gateway
from marketplace.payments.locks import lock_order
from marketplace.payments.models import Payment, Refund, RefundStatus
from marketplace.signals import refund_recorded
from marketplace.transaction import transaction

log = logging.getLogger(__name__)


class RefundFailed(DomainError):
    """The payment provider did not accept the refund."""


def refund_payment(
    order: Order, payment_id: int, actor: User, *, amount: int, reason: str = ""
) -> Refund:
    """Give back `amount` of one payment of `order`.

    A card refund is first stored as pending (so that it counts against the limit while Stripe
    is asked), then marked succeeded or failed; Stripe gets an idempotency key, so a retried
    request cannot refund twice.
    """
    with transaction():
        lock_order(order)
        payment = db.session.get(Payment, payment_id)
        if payment is None or payment.order_id != order.id:
            raise ValidationFailed(_("Choose a payment of this order."), field="payment_id")
        refund = add_refund(order, payment, actor, amount=amount, reason=reason)
    if refund.status == RefundStatus.PENDING:
        _refund_by_card(order, refund, actor)
    return refund


def add_refund(order: Order, payment: Payment, actor: User, *, amount: int, reason: str) -> Refund:
    """Add a refund of `payment` to the caller's transaction (the order is locked): settled at
    once for a transfer, pending for a card until `finish_card_refund` asks Stripe."""
    if order.status == OrderStatus.REFUNDED:
        raise InvalidTransition(_("This order is already refunded."))
    if not 0 < amount <= payment.refundable:
        raise ValidationFailed(
            _("Refund between Rp1 and what is left of this payment."), field="amount"
        )
    refund = Refund(
        order_id=order.id,
        payment=payment,
        amount=amount,
        reason=reason.strip(),
        idempotency_key=secrets.token_hex(16),
        created_by_id=actor.id,
        status=RefundStatus.PENDING
        if payment.method == PaymentMethod.CARD
        else RefundStatus.SUCCEEDED,
    )
    db.session.add(refund)
    db.session.flush()
    if refund.status == RefundStatus.SUCCEEDED:
        _settled(order, refund, actor)
    return refund


def finish_card_refund(order: Order, refund: Refund, actor: User) -> None:
    """Ask Stripe for a pending card refund (after its transaction committed)."""
    if refund.status == RefundStatus.PENDING:
        _refund_by_card(order, refund, actor)


def _refund_by_card(order: Order, refund: Refund, actor: User) -> None:
    """Ask Stripe for a pending card refund, then mark it succeeded or failed."""
    try:
        provider_id = stripe_gateway.refund(
            payment_intent=refund.payment.reference,
            amount=refund.amount,
            idempotency_key=refund.idempotency_key,
        )
    except Exception as exc:
        log.warning("stripe refund failed: %s", type(exc).__name__)
        with transaction():
            refund.status = RefundStatus.FAILED
            record_for_order(
                "refund.failed", refund, order, actor=actor, after={"amount": refund.amount}
            )
        raise RefundFailed(_("The card refund failed; nothing was refunded.")) from exc
    with transaction():
        lock_order(order)
        refund.status = RefundStatus.SUCCEEDED
        refund.provider_refund_id = provider_id
        _settled(order, refund, actor)


def _settled(order: Order, refund: Refund, actor: User) -> None:
    db.session.flush()
    db.session.expire(order, ["refunds"])
    facts = {
        "amount": refund.amount,
        "method": refund.payment.method,
        "refunded": order.amount_refunded,
    }
    record_for_order("refund.recorded", refund, order, actor=actor, after=facts)
    refund_recorded.send(refund)
    fully = order.amount_refunded >= order.amount_paid
    if fully and OrderStatus.REFUNDED in ALLOWED.get(order.status, frozenset()):
        change_status(order, OrderStatus.REFUNDED, actor, refunded=order.amount_refunded)
