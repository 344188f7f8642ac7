"""The locks order status changes take before they read and then change an order.

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from marketplace.extensions import db
from marketplace.locking import lock_rows
from marketplace.orders.models import Order


def lock_order(order: Order) -> None:
    """Lock `order` and reload it, so that its status is read after any concurrent change."""
    lock_rows(Order, [order.id])
    db.session.refresh(order)
