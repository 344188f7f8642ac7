"""Entry points of a checkout: where its lines come from.

A source names the products to lock before anything is read, collects its lines under that
lock and, once the orders are built, consumes itself in the same transaction (the cart is
emptied). An accepted quote or a contract call-off plugs in as another source.
"""

from dataclasses import dataclass, field
from typing import Protocol

from flask_babel import gettext as _
from sqlalchemy import delete, select

from marketplace.accounts.models import User
from marketplace.checkout.lines import CheckoutLine, Origin
from marketplace.checkout.models import CartItem
from marketplace.errors import ValidationFailed
from marketplace.extensions import db


class LineSource(Protocol):
    origin: Origin

    def product_ids(self) -> list[int]:
        """The products to lock (read before the lock is taken)."""

    def collect(self) -> list[CheckoutLine]:
        """The lines to place, read under the lock; raises a DomainError when there are none."""

    def consume(self) -> None:
        """Called in the placing transaction once the orders are built."""


@dataclass(frozen=True)
class FixedLines:
    """Lines known up front: the order-now form (and later an accepted quote or a call-off)."""

    lines: tuple[CheckoutLine, ...]
    origin: Origin = Origin.ORDER_NOW

    def product_ids(self) -> list[int]:
        return [line.product_id for line in self.lines]

    def collect(self) -> list[CheckoutLine]:
        return list(self.lines)

    def consume(self) -> None:
        return None


@dataclass
class CartSource:
    """The buyer's whole cart; emptied when its orders are placed."""

    buyer: User
    origin: Origin = Origin.CART
    _ids: list[int] = field(default_factory=list)

    def product_ids(self) -> list[int]:
        self._ids = list(
            db.session.scalars(
                select(CartItem.product_id)
                .where(CartItem.buyer_id == self.buyer.id)
                .order_by(CartItem.id)
            )
        )
        return self._ids

    def collect(self) -> list[CheckoutLine]:
        items = list(
            db.session.scalars(
                select(CartItem)
                .where(CartItem.buyer_id == self.buyer.id)
                .order_by(CartItem.id)
                .execution_options(populate_existing=True)
            )
        )
        if not items:
            raise ValidationFailed(_("Your cart is empty."))
        if {i.product_id for i in items} - set(self._ids):
            # A product was added after the locks were chosen: it is not locked.
            raise ValidationFailed(_("Your cart changed meanwhile. Check it and try again."))
        return [CheckoutLine(i.product_id, i.quantity) for i in items]

    def consume(self) -> None:
        db.session.execute(delete(CartItem).where(CartItem.buyer_id == self.buyer.id))
