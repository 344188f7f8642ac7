"""The locks ordering takes before it reads and then changes shared rows (never check-then-act).

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from collections.abc import Iterable

from marketplace.catalogue.models import Product
from marketplace.extensions import db
from marketplace.locking import lock_rows
from marketplace.orders.models import Order


def lock_products(product_ids: Iterable[int]) -> None:
    """Lock the product rows whose availability a checkout is about to read and consume, in id
    order, so that two checkouts with overlapping products queue instead of deadlocking."""
    lock_rows(Product, product_ids)


def lock_order(order: Order) -> None:
    """Lock `order` and reload it, so that its status is read after any concurrent change."""
    lock_rows(Order, [order.id])
    db.session.refresh(order)
