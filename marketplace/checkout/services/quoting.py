"""The cooperative quotes the courier's fee of an order placed with a courier: the order's
totals are recomputed and its payment can start."""

from datetime import timedelta

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue import pricing
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.limits import MAX_PRICE
from marketplace.orders.locks import lock_order
from marketplace.orders.models import Order, PaymentMethod
from marketplace.payments.invoicing import issue_invoice, trusted_terms
from marketplace.signals import delivery_fee_quoted
from marketplace.transaction import transaction


def quote_delivery_fee(order: Order, actor: User, fee: int) -> Order:
    """Set the courier's fee of a placed order that awaits it, in one transaction.

    The fee becomes a line of the order: subtotal, tax base (for a PKP, at the VAT setting of
    the day the order was placed), VAT and total are recomputed. The time to pay starts now
    (the cooperative's unpaid-expiry hours). An order placed on invoice terms is confirmed
    with its invoice now, if the buyer is still trusted; otherwise it awaits a bank transfer.
    Audited; the buyer is notified (delivery_fee_quoted). Raises ValidationFailed for a fee
    out of range, InvalidTransition when the order does not await a quote (read under the
    order's lock, so a double submit quotes once). The caller checks the actor is the
    cooperative's admin.
    """
    if not 0 <= fee <= MAX_PRICE:
        raise ValidationFailed(_("Enter the delivery fee, in whole rupiah."), field="fee")
    with transaction():
        lock_order(order)
        if not order.awaits_delivery_quote:
            raise InvalidTransition(_("This order does not await a delivery fee."))
        coop = order.cooperative
        before = {"delivery_fee": None, "total": order.total, "vat": order.vat}
        totals = pricing.order_totals(
            [line.line_total for line in order.lines],
            is_pkp=order.vat_rate_bp > 0,
            day=coop.local_date(order.created_at),
            delivery_fee=fee,
        )
        now = utcnow()
        order.delivery_fee = fee
        order.delivery_fee_quoted_at = now
        order.tax_base, order.vat, order.total = totals.tax_base, totals.vat, totals.total
        order.expires_at = now + timedelta(hours=coop.unpaid_expiry_hours)
        record(
            "order.delivery_quoted",
            order,
            actor=actor,
            before=before,
            after={"delivery_fee": fee, "total": order.total, "vat": order.vat},
        )
        delivery_fee_quoted.send(order, actor=actor)
        if order.payment_method == PaymentMethod.INVOICE_TERMS:
            if trusted_terms(coop.id, order.buyer) is not None:
                issue_invoice(order, order.buyer)
            else:
                order.payment_method = PaymentMethod.BANK_TRANSFER
    return order
