"""Answering a complaint with a partial refund: the refund and the complaint's answer are one
transaction; never more than the complained units are worth, never more than was paid."""

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.errors import ValidationFailed
from marketplace.orders.services.complaints import lock_open, settle
from marketplace.orders.shipment_models import Complaint, ComplaintStatus
from marketplace.payments.models import Refund
from marketplace.payments.refunds import RefundFailed, add_refund, finish_card_refund
from marketplace.transaction import transaction


def complaint_value(complaint: Complaint) -> int:
    """What the complained units cost the buyer with their share of the PPN (rounded down);
    the delivery fee is not part of it."""
    line, order = complaint.order_line, complaint.order_line.order
    value = complaint.quantity * line.unit_price
    taxed = order.subtotal + (order.delivery_fee or 0)  # the PPN base's price: goods and fee
    return value * (taxed + order.vat) // taxed if taxed else value


def refund_complaint(complaint: Complaint, admin: User, amount: int, note: str = "") -> Refund:
    """Refund `amount` for the complaint from the order's payment with the most left to give
    back, and close the complaint as refunded."""
    order = complaint.shipment.order
    with transaction():
        lock_open(complaint)
        limit = complaint_value(complaint)
        if not 0 < amount <= limit:
            raise ValidationFailed(
                _("Refund between Rp1 and what the units complained about cost."), field="amount"
            )
        payments = sorted(order.payments, key=lambda p: (-p.refundable, p.id))
        if not payments or payments[0].refundable <= 0:
            raise ValidationFailed(_("Nothing was paid for this order yet."), field="amount")
        refund = add_refund(order, payments[0], admin, amount=amount, reason=note or _("Complaint"))
        complaint.refund_amount = amount
        settle(complaint, admin, ComplaintStatus.REFUNDED, note.strip(), amount=amount)
    try:
        finish_card_refund(order, refund, admin)
    except RefundFailed:
        with transaction():
            complaint.status = ComplaintStatus.OPEN  # nothing was refunded: answer it again
            complaint.refund_amount = None
            record(
                "complaint.reopened",
                complaint,
                actor=admin,
                cooperative_id=order.cooperative_id,
                after={"status": ComplaintStatus.OPEN.value, "refund": "failed"},
            )
        raise
    return refund
