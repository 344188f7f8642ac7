"""Domain events (blinker). A lower package announces what happened; a higher one reacts.

Senders call `signal.send(obj, **details)` inside their own transaction; receivers run
synchronously there, so what they write commits or rolls back with the sender's use case.
Receivers are connected explicitly by the receiving package's init function, called from
create_app (never as a side effect of importing a module). Keyword arguments per signal:

- order_*: sender is the Order; `actor` (a User, or None for the system or a webhook).
- payment_recorded: sender is the Payment.  refund_recorded: sender is the Refund.
- payment_due_soon: sender is the Order (placed, unpaid, deadline near; sent once per order).
- delivery_quote_requested, delivery_fee_quoted: sender is the Order; `actor`.
- work_*, qc_recorded: sender is the Assignment (qc_recorded also has accepted, rejected,
  actor).
- work_reallocated: sender is the OrderLine; `placed` and `shortfall` (units).
- shipment_sent, shipment_received: sender is the Shipment; `actor`.
- complaint_opened, complaint_resolved: sender is the Complaint; `actor`.
- rfq_received, rfq_declined, rfq_closed: sender is the RFQRecipient (one cooperative's copy
  of an RFQ); quote_submitted, quote_accepted: sender is the Quote; rfq_message_posted:
  sender is the RFQMessage. All have `actor` (None for rfq_closed).
"""

from collections.abc import Callable, Iterable

from blinker import Namespace, Signal

_signals = Namespace()

# orders: one per status an order enters (orders.services.status.change_status sends them)
order_confirmed = _signals.signal("order-confirmed")
order_allocated = _signals.signal("order-allocated")  # work offered to members (allocating)
order_in_production = _signals.signal("order-in-production")
order_ready = _signals.signal("order-ready")
order_shipped = _signals.signal("order-shipped")  # every line fully shipped
order_delivered = _signals.signal("order-delivered")  # every shipment received
order_completed = _signals.signal("order-completed")
order_cancelled = _signals.signal("order-cancelled")
order_expired = _signals.signal("order-expired")
order_refunded = _signals.signal("order-refunded")
payment_due_soon = _signals.signal("payment-due-soon")
# delivery: an order placed with a courier awaits the cooperative's fee; the fee is quoted
delivery_quote_requested = _signals.signal("delivery-quote-requested")
delivery_fee_quoted = _signals.signal("delivery-fee-quoted")

# shipments and complaints (orders)
shipment_sent = _signals.signal("shipment-sent")
shipment_received = _signals.signal("shipment-received")
complaint_opened = _signals.signal("complaint-opened")
complaint_resolved = _signals.signal("complaint-resolved")

# requests for quotation (rfq)
rfq_received = _signals.signal("rfq-received")  # a cooperative got an RFQ
rfq_declined = _signals.signal("rfq-declined")
rfq_closed = _signals.signal("rfq-closed")  # the buyer accepted another cooperative's quote
quote_submitted = _signals.signal("quote-submitted")
quote_accepted = _signals.signal("quote-accepted")
rfq_message_posted = _signals.signal("rfq-message-posted")

# payments
payment_recorded = _signals.signal("payment-recorded")
refund_recorded = _signals.signal("refund-recorded")

# fulfilment
work_offered = _signals.signal("work-offered")
work_accepted = _signals.signal("work-accepted")
work_declined = _signals.signal("work-declined")
work_expired = _signals.signal("work-expired")
work_reallocated = _signals.signal("work-reallocated")
qc_recorded = _signals.signal("qc-recorded")

ORDER_STATUS_SIGNALS = {
    "confirmed": order_confirmed,
    "allocating": order_allocated,
    "in_production": order_in_production,
    "ready": order_ready,
    "shipped": order_shipped,
    "delivered": order_delivered,
    "completed": order_completed,
    "cancelled": order_cancelled,
    "expired": order_expired,
    "refunded": order_refunded,
}

# offtake: sender is the Contract (contract_*; `actor`) or the CallOff (call_off_*; `actor`
# where a person acted, call_off_short also `short` in units)
contract_proposed = _signals.signal("contract-proposed")  # a first or a new version
contract_changes_requested = _signals.signal("contract-changes-requested")
contract_accepted = _signals.signal("contract-accepted")
call_off_changed = _signals.signal("call-off-changed")  # quantity changed or skipped
call_off_ordered = _signals.signal("call-off-ordered")
call_off_failed = _signals.signal("call-off-failed")
call_off_short = _signals.signal("call-off-short")  # capacity does not cover it

# finance: sender is the PayoutLine just marked paid; `actor`
payout_paid = _signals.signal("payout-paid")


def connect_all(receivers: Iterable[tuple[Signal, Callable]]) -> None:
    """Connect each (signal, receiver) pair strongly (idempotent: blinker connects the same
    receiver once, so connecting again for another app connects nothing twice)."""
    for signal, receiver in receivers:
        signal.connect(receiver, weak=False)
