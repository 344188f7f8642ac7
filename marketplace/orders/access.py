"""Load orders scoped to who may see them; 404 for everybody else."""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.orders.models import Order


def get_order_for_buyer(number: str, user: User) -> Order:
    return db.one_or_404(select(Order).where(Order.number == number, Order.buyer_id == user.id))


def get_order_for_admin(coop: Cooperative, number: str) -> Order:
    """An order of `coop` (already loaded through get_cooperative_for_admin)."""
    return db.one_or_404(
        select(Order).where(Order.number == number, Order.cooperative_id == coop.id)
    )


def get_orders_for_buyer(numbers: list[str], user: User) -> list[Order]:
    """`user`'s own orders with these numbers, in the order given; 404 when any is not theirs."""
    found = {
        o.number: o
        for o in db.session.scalars(
            select(Order)
            .where(Order.number.in_(numbers), Order.buyer_id == user.id)
            .options(selectinload(Order.cooperative), selectinload(Order.payments))
        )
    }
    if not numbers or set(numbers) - set(found):
        abort(404)
    return [found[number] for number in dict.fromkeys(numbers)]
