from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db

if TYPE_CHECKING:
    from marketplace.cooperatives.models import Membership
    from marketplace.orders.models import OrderLine


class AssignmentStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PRODUCTION = "in_production"
    DELIVERED_TO_HUB = "delivered_to_hub"
    PASSED = "passed"
    PARTLY_REJECTED = "partly_rejected"
    REJECTED = "rejected"


class Assignment(TimestampMixin, db.Model):
    """One member's share of one order line; a line's assignments are its allocation."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("order_line_id", "membership_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    payout_per_unit: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=AssignmentStatus.PROPOSED)
    reason: Mapped[str] = mapped_column(Text, default="")

    order_line: Mapped[OrderLine] = relationship()
    membership: Mapped[Membership] = relationship()
