"""Load cart rows scoped to their buyer; 404 for everybody else."""

from marketplace.access import get_scoped_or_404
from marketplace.accounts.models import User
from marketplace.checkout.models import CartItem


def get_cart_item_for_buyer(item_id: int, user: User) -> CartItem:
    """A line of `user`'s own cart; 404 for anybody else's."""
    return get_scoped_or_404(CartItem, item_id, buyer_id=user.id)
