from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.cooperatives.delivery import DeliveryMethod
from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import defaulted, nonnegative, positive
from marketplace.places.regions import MAX_CODE_LENGTH

if TYPE_CHECKING:
    from marketplace.accounts.models import User
    from marketplace.catalogue.models import Product
    from marketplace.cooperatives.models import Cooperative
    from marketplace.orders.shipment_models import Shipment
    from marketplace.payments.models import Invoice, Payment, Refund


class OrderStatus(enum.StrEnum):
    """The way forward in the order an order takes it (statuses_from counts on it), then the
    ends off it."""

    PLACED = "placed"
    CONFIRMED = "confirmed"
    ALLOCATING = "allocating"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # placed, never paid within the cooperative's time; nothing reserved
    REFUNDED = "refunded"


def statuses_from(first: OrderStatus, last: OrderStatus) -> tuple[OrderStatus, ...]:
    """The statuses an order goes through from `first` to `last`, both included."""
    way = list(OrderStatus)
    return tuple(way[way.index(first) : way.index(last) + 1])


# Orders in these states hold (promise) pooled capacity of their products.
PROMISING_STATUSES = statuses_from(OrderStatus.PLACED, OrderStatus.IN_PRODUCTION)
# Orders still under way: neither finished (completed) nor ended (cancelled, expired, refunded).
OPEN_STATUSES = statuses_from(OrderStatus.PLACED, OrderStatus.DELIVERED)


class PaymentMethod(enum.StrEnum):
    """How the buyer pays one order, chosen per order at checkout.

    Which of them a buyer may choose is decided by payments.methods.methods_for(); the
    column is a plain string.
    """

    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    INVOICE_TERMS = "invoice_terms"


class Order(TimestampMixin, db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        # One checkout (one idempotency key) makes at most one order per cooperative.
        UniqueConstraint("buyer_id", "idempotency_key", "cooperative_id"),
        nonnegative("total"),
    )

    number: Mapped[str] = mapped_column(String(20), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=OrderStatus.PLACED, index=True)
    payment_method: Mapped[str] = mapped_column(String(20), default=PaymentMethod.BANK_TRANSFER)
    subtotal: Mapped[int] = mapped_column(Money)  # sum of line totals, before VAT
    # PPN (DOMAIN.md): 0 unless the cooperative is a PKP. tax_base is the DPP (subtotal x
    # base factor), vat_rate_bp the nominal rate in basis points (1200 = 12%).
    tax_base: Mapped[int] = defaulted(0, Money)
    vat_rate_bp: Mapped[int] = defaulted(0)
    vat: Mapped[int] = defaulted(0, Money)
    total: Mapped[int] = mapped_column(Money)  # subtotal + delivery fee + vat: the buyer pays
    # How the goods reach the buyer (cooperatives/delivery.py DeliveryMethod; courier a Courier
    # code for the courier method). The fee is a line of the order, in tax_base and total; it is
    # None while the cooperative has still to quote a courier's fee (the order cannot be paid).
    delivery_method: Mapped[str] = defaulted(DeliveryMethod.PICKUP, String(20))
    courier: Mapped[str | None] = mapped_column(String(20))
    delivery_fee: Mapped[int | None] = mapped_column(Money)
    delivery_fee_quoted_at: Mapped[datetime | None]
    delivery_date: Mapped[date]
    recipient_name: Mapped[str] = mapped_column(String(120))
    recipient_phone: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = defaulted("", String(80))
    regency: Mapped[str] = defaulted("", String(80))
    district: Mapped[str] = defaulted("", String(80))  # kecamatan
    village: Mapped[str] = defaulted("", String(80))
    # The official codes of the four regions above (places/regions.py), when chosen from the lists.
    province_code: Mapped[str] = defaulted("", String(MAX_CODE_LENGTH))
    regency_code: Mapped[str] = defaulted("", String(MAX_CODE_LENGTH))
    district_code: Mapped[str] = defaulted("", String(MAX_CODE_LENGTH))
    village_code: Mapped[str] = defaulted("", String(MAX_CODE_LENGTH))
    delivery_address: Mapped[str] = mapped_column(Text)  # street, number, RT/RW
    postal_code: Mapped[str] = mapped_column(String(5))
    po_number: Mapped[str | None] = mapped_column(String(60))
    # For the invoice (faktur) when the buyer buys for a company: its name and NPWP (16 digits).
    buyer_company: Mapped[str | None] = mapped_column(String(200))
    buyer_npwp: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None] = mapped_column(index=True)
    cancellation_reason: Mapped[str | None] = mapped_column(Text)

    buyer: Mapped[User] = relationship()
    cooperative: Mapped[Cooperative] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", order_by="OrderLine.id", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(back_populates="order", order_by="Payment.id")
    refunds: Mapped[list[Refund]] = relationship(order_by="Refund.id", viewonly=True)
    invoice: Mapped[Invoice | None] = relationship(back_populates="order")
    shipments: Mapped[list[Shipment]] = relationship(
        back_populates="order", order_by="Shipment.id", cascade="all, delete-orphan"
    )

    @property
    def amount_paid(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def amount_refunded(self) -> int:
        return sum(r.amount for r in self.refunds if r.counts)

    @property
    def amount_due(self) -> int:
        return max(self.total - self.amount_paid, 0)

    @property
    def awaits_delivery_quote(self) -> bool:
        """Placed with a courier whose fee the cooperative has not quoted yet: not payable."""
        return self.status == OrderStatus.PLACED and self.delivery_fee is None

    @property
    def awaits_transfer(self) -> bool:
        """Placed, to be paid by bank transfer, and not fully paid yet."""
        return (
            self.status == OrderStatus.PLACED
            and not self.awaits_delivery_quote
            and self.payment_method == PaymentMethod.BANK_TRANSFER
            and self.amount_due > 0
        )

    @property
    def amount_overpaid(self) -> int:
        return max(self.amount_paid - self.amount_refunded - self.total, 0)

    @property
    def address_lines(self) -> list[str]:
        """The delivery address as it is written on an Indonesian parcel, line by line."""
        return parcel_address_lines(self)


def parcel_address_lines(order) -> list[str]:
    """Order.address_lines of anything with an order's address attributes (an Order, or a
    row of its columns such as the CSV export reads)."""
    return [
        line
        for line in (
            order.delivery_address,
            ", ".join(p for p in (order.village, order.district) if p),
            ", ".join(p for p in (order.regency, order.province) if p),
            order.postal_code,
        )
        if line
    ]


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    __table_args__ = (positive("quantity"), nonnegative("unit_price"))

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int]
    unit_price: Mapped[int] = mapped_column(Money)
    line_total: Mapped[int] = mapped_column(Money)
    # None: the cooperative's default allocation policy
    allocation_policy: Mapped[str | None] = mapped_column(String(20))

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()
