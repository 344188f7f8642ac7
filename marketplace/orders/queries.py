"""Read-only order listings for buyers and cooperative admins."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine


def _listing(query, page: int, per_page: int):
    query = query.options(
        selectinload(Order.lines).selectinload(OrderLine.product),
        selectinload(Order.cooperative),
        selectinload(Order.buyer),
    ).order_by(Order.created_at.desc(), Order.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def orders_of_buyer(user: User, page: int, per_page: int):
    return _listing(select(Order).where(Order.buyer_id == user.id), page, per_page)


def orders_of_cooperative(coop: Cooperative, status: str | None, page: int, per_page: int):
    query = select(Order).where(Order.cooperative_id == coop.id)
    if status:
        query = query.where(Order.status == status)
    return _listing(query, page, per_page)
