"""Load cart rows scoped to their buyer; 404 for everybody else."""

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.checkout.models import CartItem
from marketplace.extensions import db


def get_cart_item_for_buyer(item_id: int, user: User) -> CartItem:
    """A line of `user`'s own cart; 404 for anybody else's."""
    return db.one_or_404(
        select(CartItem).where(CartItem.id == item_id, CartItem.buyer_id == user.id)
    )
