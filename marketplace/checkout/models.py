from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import positive

if TYPE_CHECKING:
    from marketplace.catalogue.models import Product


class CartItem(TimestampMixin, db.Model):
    """One product in a buyer's cart (the cart is the buyer's rows; it may span cooperatives)."""

    __tablename__ = "cart_items"
    __table_args__ = (UniqueConstraint("buyer_id", "product_id"), positive("quantity"))

    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int]

    product: Mapped[Product] = relationship()
