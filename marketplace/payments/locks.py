"""Locks for the payment use cases (see marketplace.locking).

Every payment use case (card checkout, webhook, invoice terms, refunds) serialises on the order
it pays for, through the orders package's lock, so that a refund and a webhook for the same
order never both act on a stale read of what was paid.
"""

from marketplace.orders.locks import lock_order

__all__ = ["lock_order"]
