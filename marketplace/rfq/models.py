"""An RFQ, the cooperatives it went to, their quotes, the messages of each thread and the
files attached to them."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, TimestampMixin, utcnow
from marketplace.extensions import db
from marketplace.model_columns import nonnegative, positive

if TYPE_CHECKING:
    from marketplace.accounts.models import User
    from marketplace.catalogue.models import Product
    from marketplace.cooperatives.models import Cooperative
    from marketplace.orders.models import Order


class RFQStatus(enum.StrEnum):
    OPEN = "open"  # waiting for quotes or for the buyer's choice
    ACCEPTED = "accepted"  # one quote became an order


class RecipientStatus(enum.StrEnum):
    """Where one cooperative's quote request stands."""

    AWAITING = "awaiting"  # not answered yet
    QUOTED = "quoted"
    DECLINED = "declined"
    ACCEPTED = "accepted"  # its quote became the order
    CLOSED = "closed"  # the buyer accepted another cooperative's quote


class RFQ(TimestampMixin, db.Model):
    __tablename__ = "rfqs"
    __table_args__ = (
        positive("quantity"),
        CheckConstraint("target_price IS NULL OR target_price > 0", name="target_positive"),
    )

    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The catalogue product it was asked from, if any (a free-text RFQ has none).
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    title: Mapped[str] = mapped_column(String(160))
    specification: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int]
    unit: Mapped[str] = mapped_column(String(10))
    grade: Mapped[str] = mapped_column(String(60), default="")
    needed_by: Mapped[date]
    delivery_place: Mapped[str] = mapped_column(String(200))
    target_price: Mapped[int | None] = mapped_column(Money)  # per unit, whole rupiah
    status: Mapped[str] = mapped_column(String(12), default=RFQStatus.OPEN, index=True)

    buyer: Mapped[User] = relationship()
    product: Mapped[Product | None] = relationship()
    recipients: Mapped[list[RFQRecipient]] = relationship(
        back_populates="rfq", order_by="RFQRecipient.id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status == RFQStatus.OPEN


class RFQRecipient(TimestampMixin, db.Model):
    """One cooperative's copy of an RFQ: its own thread, its own quote or decline."""

    __tablename__ = "rfq_recipients"
    __table_args__ = (UniqueConstraint("rfq_id", "cooperative_id"),)

    rfq_id: Mapped[int] = mapped_column(ForeignKey("rfqs.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=RecipientStatus.AWAITING, index=True)
    decline_reason: Mapped[str] = mapped_column(Text, default="")

    rfq: Mapped[RFQ] = relationship(back_populates="recipients")
    cooperative: Mapped[Cooperative] = relationship()
    quote: Mapped[Quote | None] = relationship(back_populates="recipient", uselist=False)


class Quote(TimestampMixin, db.Model):
    """A cooperative's price for an RFQ. It names one of the cooperative's own products, so
    that accepting it can place an ordinary order (a free-text RFQ included)."""

    __tablename__ = "quotes"
    __table_args__ = (
        positive("quantity"),
        positive("unit_price", name="price_positive"),
        nonnegative("lead_time_days", name="lead_nonnegative"),
    )

    recipient_id: Mapped[int] = mapped_column(ForeignKey("rfq_recipients.id"), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    unit_price: Mapped[int] = mapped_column(Money)
    lead_time_days: Mapped[int]
    valid_until: Mapped[date]  # in the cooperative's local calendar
    conditions: Mapped[str] = mapped_column(Text, default="")
    quoted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))

    recipient: Mapped[RFQRecipient] = relationship(back_populates="quote")
    product: Mapped[Product] = relationship()
    order: Mapped[Order | None] = relationship()

    @property
    def total(self) -> int:
        return self.quantity * self.unit_price


class RFQMessage(db.Model):
    """A message on one cooperative's thread, by the buyer or one of its admins."""

    __tablename__ = "rfq_messages"

    recipient_id: Mapped[int] = mapped_column(ForeignKey("rfq_recipients.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    from_buyer: Mapped[bool]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    recipient: Mapped[RFQRecipient] = relationship()
    author: Mapped[User] = relationship()
    attachments: Mapped[list[RFQAttachment]] = relationship(
        back_populates="message", order_by="RFQAttachment.id"
    )


class RFQAttachment(db.Model):
    """A checked image or PDF: on the RFQ itself (every recipient sees it) or on a message
    (only that thread's two parties see it)."""

    __tablename__ = "rfq_attachments"

    rfq_id: Mapped[int] = mapped_column(ForeignKey("rfqs.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("rfq_messages.id"), index=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)  # a storage key
    filename: Mapped[str] = mapped_column(String(120))  # as the sender named it, for display
    size: Mapped[int]

    message: Mapped[RFQMessage | None] = relationship(back_populates="attachments")

    @property
    def is_pdf(self) -> bool:
        return self.key.endswith(".pdf")
