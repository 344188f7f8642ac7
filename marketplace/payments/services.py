"""Payments: bank transfers recorded by the cooperative admin."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_PRICE
from marketplace.orders.locks import lock_order
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.orders.services import confirm_paid
from marketplace.orders.services.audit import record_for_order
from marketplace.payments.invoicing import not_quoted_message
from marketplace.payments.models import Payment
from marketplace.signals import payment_recorded
from marketplace.transaction import transaction


def accepts_transfer(order: Order) -> bool:
    """A transfer can be recorded while the order awaits payment (and its delivery fee is
    known) or its invoice is unpaid."""
    if order.status == OrderStatus.PLACED:
        return not order.awaits_delivery_quote
    invoice = order.invoice
    return (
        invoice is not None
        and invoice.paid_at is None
        and order.status not in (OrderStatus.CANCELLED, OrderStatus.REFUNDED)
    )


class ReceivedBeforeOrder(ValidationFailed):
    """The transfer is dated before the order was placed: recorded only when confirmed."""


def check_received_on(order: Order, received_on: date, *, before_order_confirmed: bool) -> None:
    """A transfer cannot have arrived after today (the cooperative's today); one dated before
    the order was placed is possible (a buyer paying ahead) but usually a typing slip, so it
    needs the admin's confirmation."""
    coop = order.cooperative
    today = coop.local_date()
    if received_on > today:
        raise ValidationFailed(
            _(
                "The date received cannot be in the future (today is %(today)s).",
                today=format_date(today, "long"),
            ),
            field="received_on",
        )
    placed_on = coop.local_date(order.created_at)
    if received_on < placed_on and not before_order_confirmed:
        raise ReceivedBeforeOrder(
            _(
                "The date received is before the order was placed (%(date)s). Check the date, "
                "or tick the box below to record it anyway.",
                date=format_date(placed_on, "long"),
            ),
            field="received_on",
        )


def record_bank_transfer(
    order: Order,
    actor: User,
    *,
    amount: int,
    received_on: date,
    reference: str = "",
    before_order_confirmed: bool = False,
) -> Payment:
    """Record money received by bank transfer; confirm the order once it is fully paid.

    Partial transfers add up. Recording is possible while the order awaits payment, and for an
    order on invoice terms until its invoice is settled (then the invoice is marked paid). The
    date follows check_received_on.
    """
    _check_transfer(order, amount, received_on, before_order_confirmed)
    with transaction():
        lock_order(order)
        return _add_transfer(order, actor, amount, received_on, reference.strip())


def record_bank_transfer_once(
    order: Order,
    actor: User,
    *,
    amount: int,
    received_on: date,
    reference: str,
    before_order_confirmed: bool = False,
) -> tuple[Payment, bool]:
    """As record_bank_transfer, for a caller that may send the same transfer again (an API
    client retrying): the bank's reference names the transfer, so a transfer already recorded
    on this order with that reference, amount and date is returned as it is (False: nothing
    added), and the same reference with another amount or date is refused."""
    reference = reference.strip()
    if not reference:
        raise ValidationFailed(_("Enter the bank's reference of the transfer."), field="reference")
    _check_transfer(order, amount, received_on, before_order_confirmed)
    with transaction():
        lock_order(order)
        earlier = db.session.scalar(
            select(Payment).where(
                Payment.order_id == order.id,
                Payment.method == PaymentMethod.BANK_TRANSFER,
                Payment.reference == reference,
            )
        )
        if earlier is None:
            return _add_transfer(order, actor, amount, received_on, reference), True
        tz = ZoneInfo(order.cooperative.time_zone)
        if earlier.amount == amount and earlier.received_at.astimezone(tz).date() == received_on:
            return earlier, False
        raise ValidationFailed(
            _(
                "A transfer with this reference is already recorded on this order, with another "
                "amount or date."
            ),
            field="reference",
        )


def _check_transfer(order: Order, amount: int, received_on: date, before_confirmed: bool) -> None:
    if not 0 < amount <= MAX_PRICE:
        raise ValidationFailed(_("Enter the amount received, in whole rupiah."), field="amount")
    check_received_on(order, received_on, before_order_confirmed=before_confirmed)


def _add_transfer(
    order: Order, actor: User, amount: int, received_on: date, reference: str
) -> Payment:
    """The transfer's payment, under the order's lock (see record_bank_transfer)."""
    if order.awaits_delivery_quote:
        raise InvalidTransition(not_quoted_message())
    if not accepts_transfer(order):
        raise InvalidTransition(_("This order is not awaiting payment."))
    tz = ZoneInfo(order.cooperative.time_zone)
    payment = add_payment(
        order,
        PaymentMethod.BANK_TRANSFER,
        amount,
        reference=reference,
        received_at=datetime.combine(received_on, time(12), tz),
        actor=actor,
    )
    if order.amount_paid >= order.total:
        if order.status == OrderStatus.PLACED:
            confirm_paid(order, actor, paid=order.amount_paid, method=PaymentMethod.BANK_TRANSFER)
        if order.invoice is not None and order.invoice.paid_at is None:
            order.invoice.paid_at = utcnow()
            paid = {"paid": order.amount_paid}
            record_for_order("invoice.paid", order.invoice, order, actor=actor, after=paid)
    return payment


def add_payment(
    order: Order,
    method: str,
    amount: int,
    *,
    reference: str,
    received_at: datetime,
    actor: User | None,
) -> Payment:
    """Record money received for `order` with its audit event, in the caller's transaction.

    `actor` is None when a payment provider's webhook reports it."""
    payment = Payment(
        order=order,
        method=method,
        amount=amount,
        reference=reference,
        received_at=received_at,
        recorded_by=actor,
    )
    db.session.add(payment)
    db.session.flush()
    facts = {"amount": amount, "method": method, "paid": order.amount_paid}
    record_for_order("payment.recorded", payment, order, actor=actor, after=facts)
    payment_recorded.send(payment)
    return payment
