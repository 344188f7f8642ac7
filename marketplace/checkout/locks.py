"""The locks checkout takes before it reads and then consumes availability.

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from collections.abc import Iterable

from marketplace.catalogue.models import Product
from marketplace.locking import lock_rows


def lock_products(product_ids: Iterable[int]) -> None:
    """Lock the product rows whose availability a checkout is about to read and consume, in id
    order, so that two checkouts with overlapping products queue instead of deadlocking."""
    lock_rows(Product, product_ids)
