"""Write locks that serialise the use cases which read and then change shared rows.

PostgreSQL: `SELECT ... FOR UPDATE` row locks, taken in a fixed order (by id) so that two
checkouts with overlapping products queue instead of deadlocking. SQLite has no row locks:
a no-op UPDATE starts the write transaction and takes the database write lock (only one
writer at a time), before anything is read. Either way: never check-then-act.
"""

from collections.abc import Iterable

from sqlalchemy import select, update

from marketplace.catalogue.models import Product
from marketplace.extensions import db
from marketplace.orders.models import Order


def _is_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def lock_products(product_ids: Iterable[int]) -> None:
    """Lock the product rows whose availability a checkout is about to read and consume."""
    ids = sorted(set(product_ids))
    if not ids:
        return
    if _is_postgresql():
        db.session.execute(
            select(Product.id).where(Product.id.in_(ids)).order_by(Product.id).with_for_update()
        )
    else:
        db.session.execute(
            update(Product).where(Product.id.in_(ids)).values(updated_at=Product.updated_at)
        )


def lock_order(order: Order) -> None:
    """Lock `order` and reload it, so that its status is read after any concurrent change."""
    if not _is_postgresql():
        db.session.execute(update(Order).where(Order.id == order.id).values(status=Order.status))
    db.session.refresh(order, with_for_update=True)
