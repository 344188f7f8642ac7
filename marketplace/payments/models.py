from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import positive

if TYPE_CHECKING:
    from marketplace.accounts.models import User
    from marketplace.cooperatives.models import Cooperative
    from marketplace.orders.models import Order


class Payment(TimestampMixin, db.Model):
    """Money received for an order: a bank transfer recorded by the cooperative admin, or a card
    payment confirmed by Stripe's webhook (reference = the PaymentIntent id)."""

    __tablename__ = "payments"
    __table_args__ = (positive("amount"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(120), default="")
    received_at: Mapped[datetime]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    order: Mapped[Order] = relationship(back_populates="payments")
    # None: reported by a payment provider's webhook
    recorded_by: Mapped[User | None] = relationship()
    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")

    @property
    def amount_refunded(self) -> int:
        return sum(r.amount for r in self.refunds if r.counts)

    @property
    def refundable(self) -> int:
        return self.amount - self.amount_refunded


class PaymentEvent(db.Model):
    """A provider's webhook event, stored once: the unique event id makes a repeated or
    concurrent duplicate delivery change nothing."""

    __tablename__ = "payment_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    provider: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(255))
    event_type: Mapped[str] = mapped_column(String(80))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime]


class RefundStatus(enum.StrEnum):
    PENDING = "pending"  # asked of the provider, answer not yet stored
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Refund(TimestampMixin, db.Model):
    """Money given back for one payment: through Stripe for a card payment, or a transfer back
    that the cooperative admin records."""

    __tablename__ = "refunds"
    __table_args__ = (positive("amount"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=RefundStatus.PENDING)
    reason: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    provider_refund_id: Mapped[str | None] = mapped_column(String(120))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    payment: Mapped[Payment] = relationship(back_populates="refunds")

    @property
    def counts(self) -> bool:
        """Pending refunds count too, so that two refunds cannot both pass the limit."""
        return self.status != RefundStatus.FAILED


# Invoice terms a cooperative may give a trusted buyer: net 14 or net 30 days.
TERMS_DAYS = (14, 30)


class TrustedBuyer(TimestampMixin, db.Model):
    """A buyer the cooperative lets pay on invoice terms (net 14 or 30 days), named by email:
    it applies to the account with that address, whether it exists yet or is registered later,
    so that adding one never tells the cooperative whether someone has an account."""

    __tablename__ = "trusted_buyers"
    __table_args__ = (
        UniqueConstraint("cooperative_id", "email"),
        CheckConstraint(
            f"terms_days IN ({', '.join(map(str, TERMS_DAYS))})", name="terms_days_allowed"
        ),
    )

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))  # lower case, as users' are
    terms_days: Mapped[int]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    cooperative: Mapped[Cooperative] = relationship()


class Invoice(TimestampMixin, db.Model):
    """An invoice on terms: the order is confirmed on issue and paid by its due date."""

    __tablename__ = "invoices"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    terms_days: Mapped[int]
    issued_at: Mapped[datetime]
    due_date: Mapped[date] = mapped_column(index=True)
    paid_at: Mapped[datetime | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[Order] = relationship(back_populates="invoice")
