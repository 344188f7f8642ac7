"""The SHU policy (versioned per year) and the year's distribution, frozen once approved.

A distribution is a draft (the treasurer's SHU amount, expenses and chosen policy) until it is
approved; approval writes its funds and member shares, credits each share to the member's
ledger, and from then on nothing of it changes (finance.shu_services refuses).
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Membership
from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.finance.models import LedgerEntry
from marketplace.finance.shu import Fund


class ShuStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class ShuPolicy(TimestampMixin, db.Model):
    """Fund percentages and whether sukarela counts for JMA; a change is a new version."""

    __tablename__ = "shu_policies"
    __table_args__ = (UniqueConstraint("cooperative_id", "year", "version"),)

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    year: Mapped[int]
    version: Mapped[int]
    funds: Mapped[list] = mapped_column(JSON)  # [[key, basis points], ...] in statute order
    sukarela_counts: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship()

    @property
    def fund_list(self) -> list[Fund]:
        return [Fund(str(key), int(points)) for key, points in self.funds]


class ShuYear(TimestampMixin, db.Model):
    __tablename__ = "shu_years"
    __table_args__ = (
        UniqueConstraint("cooperative_id", "year"),
        CheckConstraint("amount >= 0 AND expenses >= 0", name="amounts_nonnegative"),
    )

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    year: Mapped[int]
    policy_id: Mapped[int] = mapped_column(ForeignKey("shu_policies.id"))
    amount: Mapped[int] = mapped_column(Money, default=0)  # the SHU to share
    expenses: Mapped[int] = mapped_column(Money, default=0)  # entered costs, a guide
    status: Mapped[str] = mapped_column(String(10), default=ShuStatus.DRAFT)
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    policy: Mapped[ShuPolicy] = relationship()
    approved_by: Mapped[User | None] = relationship()
    funds: Mapped[list["ShuFundShare"]] = relationship(order_by="ShuFundShare.position")
    shares: Mapped[list["ShuMemberShare"]] = relationship(order_by="ShuMemberShare.membership_id")

    @property
    def is_approved(self) -> bool:
        return self.status == ShuStatus.APPROVED


class ShuFundShare(db.Model):
    __tablename__ = "shu_fund_shares"
    __table_args__ = (UniqueConstraint("shu_year_id", "key"),)

    shu_year_id: Mapped[int] = mapped_column(ForeignKey("shu_years.id"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))
    basis_points: Mapped[int]
    amount: Mapped[int] = mapped_column(Money)


class ShuMemberShare(db.Model):
    """One member's frozen share: the figures it was computed from and what it came to."""

    __tablename__ = "shu_member_shares"
    __table_args__ = (UniqueConstraint("shu_year_id", "membership_id"),)

    shu_year_id: Mapped[int] = mapped_column(ForeignKey("shu_years.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    transactions: Mapped[int] = mapped_column(Money)
    savings: Mapped[int] = mapped_column(Money)
    jua: Mapped[int] = mapped_column(Money)
    jma: Mapped[int] = mapped_column(Money)
    total: Mapped[int] = mapped_column(Money)
    ledger_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"))

    membership: Mapped[Membership] = relationship()
    ledger_entry: Mapped[LedgerEntry | None] = relationship()
