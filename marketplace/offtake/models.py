"""Offtake contracts (DOMAIN.md "Offtake"): a cooperative's commitment to deliver and an
offtaker's (a buyer account's) to buy, on terms kept as versions, and the call-offs that
become orders on the contract's schedule."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative
from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import defaulted, nonnegative, positive
from marketplace.offtake.schedule import Frequency, Terms
from marketplace.orders.models import Order


class ContractStatus(enum.StrEnum):
    PROPOSED = "proposed"  # no version accepted yet
    ACTIVE = "active"
    ENDED = "ended"


class VersionStatus(enum.StrEnum):
    PROPOSED = "proposed"  # awaits the offtaker
    CHANGES_REQUESTED = "changes_requested"  # the offtaker asked for changes
    ACCEPTED = "accepted"  # the terms in force
    SUPERSEDED = "superseded"  # accepted once, replaced by a later version


class BelowGrade(enum.StrEnum):
    REJECT = "reject"
    DISCOUNT = "discount"  # accepted at a lower price


class CallOffStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    SKIPPED = "skipped"
    ORDERED = "ordered"
    FAILED = "failed"  # could not be placed (the admin is told why)


class Contract(TimestampMixin, db.Model):
    __tablename__ = "offtake_contracts"

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    offtaker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=ContractStatus.PROPOSED, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    cooperative: Mapped[Cooperative] = relationship()
    offtaker: Mapped[User] = relationship(foreign_keys=[offtaker_id])
    product: Mapped[Product] = relationship()
    versions: Mapped[list[ContractVersion]] = relationship(
        back_populates="contract", order_by="ContractVersion.number"
    )
    call_offs: Mapped[list[CallOff]] = relationship(
        back_populates="contract", order_by="CallOff.due_date"
    )

    @property
    def number(self) -> str:
        return f"KTR-{self.id:05d}"

    @property
    def terms(self) -> ContractVersion | None:
        """The version in force (None before the first is accepted)."""
        accepted = [v for v in self.versions if v.status == VersionStatus.ACCEPTED]
        return accepted[-1] if accepted else None

    @property
    def latest(self) -> ContractVersion:
        return self.versions[-1]

    @property
    def pending(self) -> ContractVersion | None:
        """The version that awaits the offtaker's answer, if any."""
        latest = self.latest
        return latest if latest.status == VersionStatus.PROPOSED else None

    @property
    def shown_terms(self) -> ContractVersion:
        return self.terms or self.latest


class ContractVersion(TimestampMixin, db.Model):
    """One set of terms; a change to an active contract is a new version (history kept)."""

    __tablename__ = "offtake_contract_versions"
    __table_args__ = (
        UniqueConstraint("contract_id", "number"),
        positive("unit_price"),
        positive("total_volume"),
        positive("call_off_quantity"),
        CheckConstraint("tolerance_pct BETWEEN 0 AND 100", name="tolerance_range"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
    )

    contract_id: Mapped[int] = mapped_column(ForeignKey("offtake_contracts.id"), index=True)
    number: Mapped[int]  # 1, 2, ... within the contract
    status: Mapped[str] = mapped_column(String(20), default=VersionStatus.PROPOSED)
    grade: Mapped[str] = defaulted("", String(80))
    unit_price: Mapped[int] = mapped_column(Money)
    total_volume: Mapped[int]
    call_off_quantity: Mapped[int]
    frequency: Mapped[str] = mapped_column(String(10))
    dates: Mapped[str] = defaulted("", Text)  # ISO, comma-separated
    start_date: Mapped[date]
    end_date: Mapped[date]
    tolerance_pct: Mapped[int] = mapped_column(default=10)
    cutoff_days: Mapped[int] = mapped_column(default=3)
    allow_skip: Mapped[bool] = defaulted(False)
    below_grade: Mapped[str] = mapped_column(String(10), default=BelowGrade.REJECT)
    below_grade_price: Mapped[int | None] = mapped_column(Money)
    terms_days: Mapped[int] = mapped_column(default=30)
    recipient_name: Mapped[str] = mapped_column(String(120))
    recipient_phone: Mapped[str] = mapped_column(String(20))
    province: Mapped[str] = mapped_column(String(80))
    regency: Mapped[str] = mapped_column(String(80))
    district: Mapped[str] = mapped_column(String(80))
    village: Mapped[str] = mapped_column(String(80))
    delivery_address: Mapped[str] = mapped_column(Text)
    postal_code: Mapped[str] = mapped_column(String(5))
    message: Mapped[str] = defaulted("", Text)  # asked changes
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None]

    contract: Mapped[Contract] = relationship(back_populates="versions")

    @property
    def date_list(self) -> tuple[date, ...]:
        return tuple(date.fromisoformat(d) for d in self.dates.split(",") if d)

    @property
    def schedule_terms(self) -> Terms:
        return schedule_terms(self, self.date_list)


def schedule_terms(t, dates: tuple[date, ...]) -> Terms:
    """What the schedule rules need of a version, or of terms as entered (same attributes)."""
    return Terms(
        frequency=t.frequency,
        start=t.start_date,
        end=t.end_date,
        quantity=t.call_off_quantity,
        total_volume=t.total_volume,
        tolerance_pct=t.tolerance_pct,
        cutoff_days=t.cutoff_days,
        dates=dates if t.frequency == Frequency.DATES else (),
        unit_price=t.unit_price,
        below_grade_price=t.below_grade_price if t.below_grade == BelowGrade.DISCOUNT else None,
    )


class CallOff(TimestampMixin, db.Model):
    """One delivery on the contract's schedule; ordered once its cut-off is reached."""

    __tablename__ = "offtake_call_offs"
    __table_args__ = (
        # One call-off per contract and date, however often run-due runs at once.
        UniqueConstraint("contract_id", "due_date"),
        positive("quantity"),
        nonnegative("shortfall"),
    )

    contract_id: Mapped[int] = mapped_column(ForeignKey("offtake_contracts.id"), index=True)
    due_date: Mapped[date] = mapped_column(index=True)
    quantity: Mapped[int]
    changed: Mapped[bool] = defaulted(False)
    status: Mapped[str] = mapped_column(String(12), default=CallOffStatus.SCHEDULED, index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), unique=True)
    shortfall: Mapped[int] = defaulted(0)
    problem: Mapped[str] = defaulted("", Text)

    contract: Mapped[Contract] = relationship(back_populates="call_offs")
    order: Mapped[Order | None] = relationship()
