"""Members' savings (simpanan) and the cooperative's savings settings (DOMAIN.md "Cooperatives").

Each kind is a ledger of entries: deposits positive, withdrawals negative; a member's balance
of a kind is the sum of its entries, never a stored number. Entries carry the date the money
changed hands (the treasurer may record last month's deposit today), which is what the year's
savings for the SHU are counted by.
"""

import enum
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Membership
from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import defaulted


class SavingsKind(enum.StrEnum):
    POKOK = "pokok"  # once, on joining, the same for every member
    WAJIB = "wajib"  # periodic
    SUKARELA = "sukarela"  # voluntary, the only kind a current member may withdraw


class SavingsEntry(TimestampMixin, db.Model):
    __tablename__ = "savings_entries"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_nonzero"),)

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(Money)  # + deposit, - withdrawal
    booked_on: Mapped[date] = mapped_column(index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    memo: Mapped[str] = defaulted("", Text)

    membership: Mapped[Membership] = relationship()
    created_by: Mapped[User | None] = relationship()


class SavingsSettings(TimestampMixin, db.Model):
    """What a cooperative's statutes say members pay: pokok once, wajib every period."""

    __tablename__ = "savings_settings"
    __table_args__ = (
        CheckConstraint("pokok_amount >= 0 AND wajib_amount >= 0", name="amounts_nonnegative"),
        CheckConstraint("wajib_period_months IN (1, 3, 6, 12)", name="period_known"),
    )

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), unique=True)
    pokok_amount: Mapped[int] = mapped_column(Money, default=0)
    wajib_amount: Mapped[int] = mapped_column(Money, default=0)
    wajib_period_months: Mapped[int] = mapped_column(default=1)
    wajib_since: Mapped[date]  # the first period members owe wajib for
