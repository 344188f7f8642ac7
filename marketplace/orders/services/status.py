"""Order status changes after placing: payment confirmation (the seam the payments package
calls), cancellation by the buyer or the cooperative admin, expiry of unpaid orders."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed
from marketplace.extensions import db
from marketplace.orders.lifecycle import check_transition
from marketplace.orders.locks import lock_order
from marketplace.orders.models import Order, OrderStatus
from marketplace.reason_input import checked_reason
from marketplace.signals import ORDER_STATUS_SIGNALS, payment_due_soon
from marketplace.transaction import transaction

ADMIN_CANCELLABLE = (OrderStatus.PLACED, OrderStatus.CONFIRMED)


def change_status(order: Order, new_status: str, actor: User | None, **details) -> None:
    """Move an order to `new_status` within the caller's transaction (does not commit), and
    send the status's signal (marketplace.signals) so that other packages react in it.

    `actor` is None for the system (expiry, a payment provider's webhook).
    """
    check_transition(order.status, new_status)
    before = order.status
    order.status = new_status
    if new_status == OrderStatus.CONFIRMED:
        order.confirmed_at = utcnow()
    record(
        f"order.{new_status}",
        order,
        actor=actor,
        before={"status": str(before)},
        after={"status": str(new_status), **details},
    )
    signal = ORDER_STATUS_SIGNALS.get(str(new_status))
    if signal is not None:
        signal.send(order, actor=actor)


def confirm_paid(order: Order, actor: User | None, **details) -> None:
    """Confirm a placed order because it is paid (or accepted on invoice terms).

    THE SEAM for the payments package: call it inside your own `with transaction():` (it
    does not commit), e.g. from the bank-transfer recording, the Stripe webhook or invoice
    terms; pass `actor=None` for a webhook and details such as paid=..., method=... for the
    audit event. It locks the order first, so that expiry or cancellation running at the same
    moment cannot interleave. Raises InvalidTransition unless the order is still `placed`
    (an expired or cancelled order no longer holds capacity: refund instead).
    """
    lock_order(order)
    if order.status != OrderStatus.PLACED:
        raise InvalidTransition(_("This order is not awaiting payment."))
    change_status(order, OrderStatus.CONFIRMED, actor, **details)


def cancel_by_buyer(order: Order, buyer: User) -> None:
    """A buyer cancels their own order before it is confirmed; the reservation is released."""
    if order.buyer_id != buyer.id:
        raise NotAllowed(_("Only the buyer can cancel this order."))
    with transaction():
        lock_order(order)
        if order.status != OrderStatus.PLACED:
            raise InvalidTransition(_("Only an order that is not yet confirmed can be cancelled."))
        change_status(order, OrderStatus.CANCELLED, buyer)


def cancel_by_admin(order: Order, actor: User, reason: str) -> None:
    """The cooperative admin cancels an order that is placed or confirmed (not yet allocated),
    with a reason; the reservation is released.

    The audit event notes the amount paid so far: a refund is recorded by the payments side.
    """
    reason = checked_reason(
        reason,
        missing=_("Give a reason for the buyer."),
        too_long=_("Keep the reason under 1.000 characters."),
    )
    with transaction():
        lock_order(order)
        if order.status not in ADMIN_CANCELLABLE:
            raise InvalidTransition(
                _("Only an order that is placed or confirmed, not yet allocated, can be cancelled.")
            )
        order.cancellation_reason = reason
        change_status(
            order, OrderStatus.CANCELLED, actor, reason=reason, amount_paid=order.amount_paid
        )


def expire_unpaid(now: datetime | None = None) -> list[str]:
    """Expire every placed order whose payment time has run out; returns their numbers.

    Each order is locked and re-checked before it changes, so a payment recorded at the same
    moment wins or loses cleanly; running it twice expires nothing more (idempotent).
    """
    now = now or utcnow()
    due = list(
        db.session.scalars(
            select(Order)
            .where(Order.status == OrderStatus.PLACED, Order.expires_at <= now)
            .order_by(Order.id)
        )
    )
    expired = []
    for order in due:
        with transaction():
            lock_order(order)
            if order.status != OrderStatus.PLACED or order.expires_at > now:
                continue
            change_status(order, OrderStatus.EXPIRED, None, expires_at=order.expires_at.isoformat())
            expired.append(order.number)
    return expired


REMINDED = "order.payment_reminded"


def remind_unpaid(within_hours: int, now: datetime | None = None) -> list[str]:
    """Send `payment_due_soon` for every placed order whose payment deadline is within
    `within_hours` (and not passed) and that can be paid (no delivery fee still to be
    quoted); returns their numbers.

    Once per order: the reminder is an audit event, checked under the order's lock, so running
    it again (or twice at once) reminds nobody twice.
    """
    now = now or utcnow()
    due = list(
        db.session.scalars(
            select(Order)
            .where(
                Order.status == OrderStatus.PLACED,
                # A courier's fee still to be quoted: the buyer cannot pay yet.
                Order.delivery_fee.is_not(None),
                Order.expires_at > now,
                Order.expires_at <= now + timedelta(hours=within_hours),
            )
            .order_by(Order.id)
        )
    )
    reminded = []
    for order in due:
        with transaction():
            lock_order(order)
            if order.status != OrderStatus.PLACED or _was_reminded(order):
                continue
            record(REMINDED, order, actor=None, after={"expires_at": order.expires_at.isoformat()})
            payment_due_soon.send(order)
            reminded.append(order.number)
    return reminded


def _was_reminded(order: Order) -> bool:
    return (
        db.session.scalar(
            select(AuditEvent.id).where(
                AuditEvent.entity_type == Order.__name__,
                AuditEvent.entity_id == order.id,
                AuditEvent.action == REMINDED,
            )
        )
        is not None
    )
