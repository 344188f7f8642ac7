"""Domain signals -> webhook deliveries. Connected by marketplace.webhooks.init_app; they run
inside the sender's transaction and only add rows (the sending happens after it commits)."""

from marketplace import signals
from marketplace.webhooks import events
from marketplace.webhooks.delivery import emit
from marketplace.webhooks.models import EventType

ORDER_EVENTS = {
    signals.order_confirmed: EventType.ORDER_CONFIRMED,
    signals.order_shipped: EventType.ORDER_SHIPPED,
    signals.order_delivered: EventType.ORDER_DELIVERED,
}


def _order_receiver(event_type: str):
    def receiver(order, **_details) -> None:
        emit(events.order_event(event_type, order))

    return receiver


def on_quote_submitted(quote, **_details) -> None:
    emit(events.quote_event(quote))


def on_call_off_ordered(call_off, **_details) -> None:
    emit(events.call_off_event(call_off))


def on_payout_paid(line, **_details) -> None:
    emit(events.payout_event(line))


_RECEIVERS = [(signal, _order_receiver(kind)) for signal, kind in ORDER_EVENTS.items()] + [
    (signals.quote_submitted, on_quote_submitted),
    (signals.call_off_ordered, on_call_off_ordered),
    (signals.payout_paid, on_payout_paid),
]


def connect() -> None:
    """Connect every receiver (idempotent: blinker connects the same receiver once)."""
    signals.connect_all(_RECEIVERS)
