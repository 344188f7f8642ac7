"""The member ledger and payout batches (DESIGN.md §8).

A member's balance is the sum of its ledger entries, never a stored number. Earnings are
positive, deductions and payouts negative; each entry says where it came from (the assignment
whose accepted units earned it, or the payout line that paid it).
"""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Membership
from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.model_columns import defaulted, positive


class EntryKind(enum.StrEnum):
    EARNING = "earning"
    DEDUCTION = "deduction"
    PAYOUT = "payout"
    SHU = "shu"


class PayoutStatus(enum.StrEnum):
    PENDING = "pending"
    PAID = "paid"


class LedgerEntry(TimestampMixin, db.Model):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        CheckConstraint(
            "(kind IN ('earning', 'shu') AND amount >= 0)"
            " OR (kind IN ('deduction', 'payout') AND amount < 0)",
            name="amount_sign",
        ),
    )

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    amount: Mapped[int] = mapped_column(Money)  # signed rupiah: + to the member, - from it
    # one earning per checked assignment, one payout entry per paid line
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignments.id"), unique=True)
    payout_line_id: Mapped[int | None] = mapped_column(ForeignKey("payout_lines.id"), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    memo: Mapped[str] = defaulted("", Text)

    membership: Mapped[Membership] = relationship()
    assignment: Mapped[Assignment | None] = relationship()
    created_by: Mapped[User | None] = relationship()


class PayoutBatch(TimestampMixin, db.Model):
    """Transfers the treasurer makes together; paid when every line is."""

    __tablename__ = "payout_batches"

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=PayoutStatus.PENDING)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_at: Mapped[datetime | None]

    created_by: Mapped[User | None] = relationship()
    lines: Mapped[list["PayoutLine"]] = relationship(
        back_populates="batch", order_by="PayoutLine.id"
    )

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


class PayoutLine(TimestampMixin, db.Model):
    """One member's transfer in a batch: the amount, then the bank's reference once paid."""

    __tablename__ = "payout_lines"
    __table_args__ = (UniqueConstraint("batch_id", "membership_id"), positive("amount"))

    batch_id: Mapped[int] = mapped_column(ForeignKey("payout_batches.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    amount: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(10), default=PayoutStatus.PENDING)
    reference: Mapped[str] = defaulted("", String(80))
    paid_at: Mapped[datetime | None]
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    batch: Mapped[PayoutBatch] = relationship(back_populates="lines")
    membership: Mapped[Membership] = relationship()
