"""Shipments of an order (some or all of its lines) and the buyer's complaints about them."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import defaulted, positive

if TYPE_CHECKING:
    from marketplace.orders.models import Order, OrderLine


class ReceivedHow(enum.StrEnum):
    BUYER = "buyer"  # the buyer confirmed receipt
    PROOF = "proof"  # the admin recorded proof of delivery
    ASSUMED = "assumed"  # not confirmed in time: taken as received by the scheduled command


class ComplaintProblem(enum.StrEnum):
    SHORT = "short"
    DAMAGED = "damaged"
    WRONG_GRADE = "wrong_grade"


class ComplaintStatus(enum.StrEnum):
    OPEN = "open"
    REFUNDED = "refunded"
    REPLACED = "replaced"
    REJECTED = "rejected"


class Shipment(TimestampMixin, db.Model):
    __tablename__ = "shipments"
    __table_args__ = (UniqueConstraint("order_id", "position"), positive("packages"))

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    position: Mapped[int]  # 1, 2, ... within the order
    courier: Mapped[str] = mapped_column(String(60))  # a code of orders.tracking or a name
    tracking_number: Mapped[str] = defaulted("", String(60))
    shipped_on: Mapped[date]
    vehicle: Mapped[str] = defaulted("", String(60))
    driver: Mapped[str] = defaulted("", String(120))
    packages: Mapped[int] = mapped_column(default=1)
    shipped_at: Mapped[datetime]
    shipped_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    delivered_at: Mapped[datetime | None] = mapped_column(index=True)
    received_how: Mapped[str | None] = mapped_column(String(20))
    received_by: Mapped[str | None] = mapped_column(String(120))  # who signed for it
    proof_photo: Mapped[str | None] = mapped_column(String(80))  # a storage key
    # A replacement for a complaint: it does not count towards the ordered quantity.
    is_replacement: Mapped[bool] = defaulted(False)

    order: Mapped[Order] = relationship(back_populates="shipments")
    lines: Mapped[list[ShipmentLine]] = relationship(
        back_populates="shipment", order_by="ShipmentLine.id", cascade="all, delete-orphan"
    )

    @property
    def number(self) -> str:
        """The delivery note's number: SJ-<order number>-<position>."""
        return f"SJ-{self.order.number}-{self.position}"

    @property
    def is_delivered(self) -> bool:
        return self.delivered_at is not None


class ShipmentLine(db.Model):
    __tablename__ = "shipment_lines"
    __table_args__ = (UniqueConstraint("shipment_id", "order_line_id"), positive("quantity"))

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    quantity: Mapped[int]

    shipment: Mapped[Shipment] = relationship(back_populates="lines")
    order_line: Mapped[OrderLine] = relationship()


class Complaint(TimestampMixin, db.Model):
    """The buyer's report of a problem with one line of a delivered shipment."""

    __tablename__ = "complaints"
    __table_args__ = (positive("quantity"),)

    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    problem: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int]  # units affected
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=ComplaintStatus.OPEN, index=True)
    resolution_note: Mapped[str] = defaulted("", Text)
    refund_amount: Mapped[int | None] = mapped_column(Money)
    replacement_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    shipment: Mapped[Shipment] = relationship(foreign_keys=[shipment_id])
    replacement: Mapped[Shipment | None] = relationship(foreign_keys=[replacement_id])
    order_line: Mapped[OrderLine] = relationship()
    photos: Mapped[list[ComplaintPhoto]] = relationship(
        back_populates="complaint", order_by="ComplaintPhoto.id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status == ComplaintStatus.OPEN


class ComplaintPhoto(db.Model):
    __tablename__ = "complaint_photos"

    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)  # a storage key

    complaint: Mapped[Complaint] = relationship(back_populates="photos")
