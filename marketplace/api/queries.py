"""Reads for the API's lists: one page of rows after a cursor, newest (highest id) first."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.offtake.models import Contract
from marketplace.orders.models import Order, OrderLine
from marketplace.rfq.models import RFQ, RFQRecipient


def page_by_id(stmt: Select, model, before_id: int | None, limit: int):
    """(`limit` rows of `stmt` with ids below `before_id`, the id to continue below or None)."""
    if before_id is not None:
        stmt = stmt.where(model.id < before_id)
    rows = list(db.session.scalars(stmt.order_by(model.id.desc()).limit(limit + 1)))
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def _orders(stmt: Select, status: str | None) -> Select:
    if status:
        stmt = stmt.where(Order.status == status)
    return stmt.options(
        selectinload(Order.lines).selectinload(OrderLine.product),
        selectinload(Order.shipments),
        selectinload(Order.cooperative),
        selectinload(Order.payments),
    )


def orders_of_buyer(user: User, status: str | None, before_id: int | None, limit: int):
    """A page of `user`'s orders as a buyer (see page_by_id)."""
    stmt = _orders(select(Order).where(Order.buyer_id == user.id), status)
    return page_by_id(stmt, Order, before_id, limit)


def orders_of_cooperative(coop: Cooperative, status: str | None, before_id: int | None, limit: int):
    """A page of the orders `coop` received."""
    stmt = _orders(select(Order).where(Order.cooperative_id == coop.id), status)
    return page_by_id(stmt, Order, before_id, limit)


def _page_of(entity, party, loading, before_id: int | None, limit: int):
    """A page of the `entity` rows of one party (`party` is its condition), loaded with
    `loading` (loader options)."""
    return page_by_id(select(entity).where(party).options(*loading), entity, before_id, limit)


def products_of(coop: Cooperative, before_id: int | None, limit: int):
    """A page of `coop`'s products, whatever their status."""
    loading = (selectinload(Product.price_tiers), selectinload(Product.category))
    return _page_of(Product, Product.cooperative_id == coop.id, loading, before_id, limit)


def rfqs_of_buyer(user: User, before_id: int | None, limit: int):
    """A page of the RFQs `user` sent, with each cooperative's answer."""
    answers = (selectinload(RFQRecipient.cooperative), selectinload(RFQRecipient.quote))
    loading = (selectinload(RFQ.recipients).options(*answers),)
    return _page_of(RFQ, RFQ.buyer_id == user.id, loading, before_id, limit)


def rfqs_to(coop: Cooperative, before_id: int | None, limit: int):
    """A page of `coop`'s copies of the RFQs sent to it."""
    loading = (selectinload(RFQRecipient.rfq), selectinload(RFQRecipient.quote))
    return _page_of(RFQRecipient, RFQRecipient.cooperative_id == coop.id, loading, before_id, limit)


def contracts_of_offtaker(user: User, before_id: int | None, limit: int):
    """A page of the contracts proposed to `user`, with their call-offs."""
    related = (Contract.versions, Contract.call_offs, Contract.cooperative, Contract.product)
    loading = [selectinload(relationship) for relationship in related]
    return _page_of(Contract, Contract.offtaker_id == user.id, loading, before_id, limit)


def allocation_of(order: Order) -> list[Assignment]:
    """The members' shares of `order`'s lines (every assignment, whatever its status)."""
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Assignment.order_line)
            .where(OrderLine.order_id == order.id)
            .options(selectinload(Assignment.membership).selectinload(Membership.user))
            .order_by(Assignment.order_line_id, Assignment.id)
        )
    )
