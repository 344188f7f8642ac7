"""The locks fulfilment takes before it reads and then changes shared rows.

Every fulfilment use case takes its locks in one order: the order, then the supply offers of
its products (all at once, in id order), then assignments (in id order), so that two requests
never wait on each other in a circle. See marketplace.locking for PostgreSQL and SQLite.
"""

from collections.abc import Iterable

from sqlalchemy import select

from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import SupplyOffer
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.locking import lock_rows
from marketplace.orders.locks import lock_order
from marketplace.orders.models import Order


def lock_offers(products: Iterable[Product], membership_ids: Iterable[int] | None = None) -> None:
    """Lock the products' supply offers (all, or these members') before reading capacity."""
    query = select(SupplyOffer.id).where(SupplyOffer.product_id.in_([p.id for p in products]))
    if membership_ids is not None:
        query = query.where(SupplyOffer.membership_id.in_(list(membership_ids)))
    lock_rows(SupplyOffer, db.session.scalars(query))


def lock_assignments(assignments: list[Assignment]) -> None:
    """Lock the assignments and reload them, so their status is read after any change."""
    lock_rows(Assignment, [a.id for a in assignments])
    for assignment in assignments:
        db.session.refresh(assignment)


def lock_order_work(
    order: Order,
    *,
    membership_ids: Iterable[int] | None = None,
    assignments: list[Assignment] | None = None,
) -> None:
    """Order, offers of all its products, then assignments: the one lock order (see above)."""
    lock_order(order)
    lock_offers({line.product_id: line.product for line in order.lines}.values(), membership_ids)
    if assignments:
        lock_assignments(assignments)
