"""Reads for the API's lists: one page of orders after a cursor, newest first."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine


def _page(stmt: Select, status: str | None, before_id: int | None, limit: int):
    if status:
        stmt = stmt.where(Order.status == status)
    if before_id is not None:
        stmt = stmt.where(Order.id < before_id)
    rows = list(
        db.session.scalars(
            stmt.options(
                selectinload(Order.lines).selectinload(OrderLine.product),
                selectinload(Order.shipments),
                selectinload(Order.cooperative),
                selectinload(Order.payments),
            )
            .order_by(Order.id.desc())
            .limit(limit + 1)
        )
    )
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def orders_of_buyer(user: User, status: str | None, before_id: int | None, limit: int):
    """(`limit` of `user`'s orders with ids below `before_id`, the id to continue below)."""
    return _page(select(Order).where(Order.buyer_id == user.id), status, before_id, limit)


def orders_of_cooperative(coop: Cooperative, status: str | None, before_id: int | None, limit: int):
    """The same for the orders `coop` received."""
    return _page(select(Order).where(Order.cooperative_id == coop.id), status, before_id, limit)
