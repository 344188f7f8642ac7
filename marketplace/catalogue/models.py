from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import at_least_one, nonnegative, positive
from marketplace.photo_columns import PhotoColumns, gallery

if TYPE_CHECKING:
    from marketplace.cooperatives.models import Cooperative


class ProductKind(enum.StrEnum):
    GOODS = "goods"
    SERVICE = "service"


class ProductUnit(enum.StrEnum):
    """The units a product is sold in (labels.UNIT_LABELS names them)."""

    PCS = "pcs"
    KODI = "kodi"  # 20 pieces
    LUSIN = "lusin"  # a dozen
    GROS = "gros"  # a gross, 144 pieces
    KG = "kg"
    TON = "ton"
    METER = "meter"
    SESI = "sesi"  # a session (services)
    JAM = "jam"  # an hour
    HARI = "hari"  # a day


class ProductStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Category(db.Model):
    __tablename__ = "categories"

    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_id: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    def name_for(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_id


class Product(TimestampMixin, db.Model):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("cooperative_id", "slug"),
        at_least_one("order_step"),
        at_least_one("min_order_quantity", name="moq_positive"),
        nonnegative("lead_time_days", name="lead_time_nonnegative"),
        # The catalogue's newest first, a cooperative's products by name (0023_speed).
        Index("ix_products_created_at_id", "created_at", "id"),
        Index("ix_products_cooperative_id_name_id", "cooperative_id", "name", "id"),
    )

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(160), index=True)
    kind: Mapped[str] = mapped_column(String(10), default=ProductKind.GOODS)
    unit: Mapped[str] = mapped_column(String(10))
    order_step: Mapped[int] = mapped_column(default=1)
    min_order_quantity: Mapped[int] = mapped_column(default=1)
    lead_time_days: Mapped[int] = mapped_column(default=7)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=ProductStatus.DRAFT, index=True)
    # Food permits a seller must display (DOMAIN.md: P-IRT, BPOM, halal); SNI for toys.
    pirt_number: Mapped[str | None] = mapped_column(String(20))
    bpom_number: Mapped[str | None] = mapped_column(String(20))
    halal_number: Mapped[str | None] = mapped_column(String(40))
    sni_number: Mapped[str | None] = mapped_column(String(40))
    # what a member earns per unit when set; otherwise the price less the cooperative's fee
    member_price: Mapped[int | None] = mapped_column(Money)

    cooperative: Mapped[Cooperative] = relationship(back_populates="products")
    category: Mapped[Category] = relationship()
    price_tiers: Mapped[list[PriceTier]] = relationship(
        back_populates="product", order_by="PriceTier.min_quantity", cascade="all, delete-orphan"
    )
    photos: Mapped[list[ProductPhoto]] = gallery("ProductPhoto")

    @hybrid_property
    def is_published(self) -> bool:
        """In the catalogue (also as SQL: `.where(Product.is_published)`)."""
        return self.status == ProductStatus.PUBLISHED

    @property
    def is_orderable(self) -> bool:
        """Whether a buyer may order it now: published, and its cooperative takes orders (as
        SQL: `.where(Product.is_published, Cooperative.takes_orders)` on a join)."""
        return self.is_published and self.cooperative.takes_orders

    @property
    def base_price(self) -> int | None:
        return self.price_tiers[0].unit_price if self.price_tiers else None


class PriceTier(db.Model):
    """Unit price from a quantity upwards; a product's tiers form a step function."""

    __tablename__ = "price_tiers"
    __table_args__ = (
        UniqueConstraint("product_id", "min_quantity"),
        at_least_one("min_quantity"),
        positive("unit_price"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    min_quantity: Mapped[int]
    unit_price: Mapped[int] = mapped_column(Money)

    product: Mapped[Product] = relationship(back_populates="price_tiers")


class ProductPhoto(PhotoColumns, TimestampMixin, db.Model):
    """One photo of a product (public storage keys of the photo and its thumbnail); the
    first by `position` is the product's cover in the catalogue."""

    __tablename__ = "product_photos"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
