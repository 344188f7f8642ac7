from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Money, TimestampMixin
from marketplace.extensions import db
from marketplace.fulfilment.allocation import Reason
from marketplace.model_columns import defaulted, positive

if TYPE_CHECKING:
    from marketplace.cooperatives.models import Membership
    from marketplace.orders.models import OrderLine


class AssignmentStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"  # not answered before the deadline; handled like a decline
    IN_PRODUCTION = "in_production"
    DELIVERED_TO_HUB = "delivered_to_hub"
    PASSED = "passed"
    PARTLY_REJECTED = "partly_rejected"
    REJECTED = "rejected"


S = AssignmentStatus
# Still being made or waiting for quality control: the whole quantity counts.
LIVE_STATUSES = (S.PROPOSED, S.ACCEPTED, S.IN_PRODUCTION, S.DELIVERED_TO_HUB)
# The member has said yes: these units use up the member's supply offer.
PROMISED_STATUSES = (S.ACCEPTED, S.IN_PRODUCTION, S.DELIVERED_TO_HUB)
# Quality control is done: only the accepted quantity counts.
CHECKED_STATUSES = (S.PASSED, S.PARTLY_REJECTED, S.REJECTED)
# The member will not (or did not) make these units: they go back to the engine.
RELEASED_STATUSES = (S.DECLINED, S.EXPIRED)
# How a member's work list is grouped, first to last: waiting for the member's answer, to be
# made and delivered, and everything else (delivered, checked, declined, expired).
TO_ANSWER, TO_MAKE, DONE = 0, 1, 2
WORK_GROUPS = {S.PROPOSED: TO_ANSWER, S.ACCEPTED: TO_MAKE, S.IN_PRODUCTION: TO_MAKE}


class Assignment(TimestampMixin, db.Model):
    """One member's share of one order line; a line's assignments are its allocation.

    A member may hold several assignments on one line: re-allocation after a decline, an expiry
    or a rejection adds new rows and never rewrites old ones, so the history stays readable.
    """

    __tablename__ = "assignments"
    __table_args__ = (
        positive("quantity"),
        CheckConstraint(
            "accepted_quantity >= 0 AND rejected_quantity >= 0"
            " AND accepted_quantity + rejected_quantity <= quantity",
            name="qc_within_quantity",
        ),
    )

    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    quantity: Mapped[int]
    payout_per_unit: Mapped[int] = mapped_column(Money)
    status: Mapped[str] = mapped_column(String(20), default=AssignmentStatus.PROPOSED, index=True)
    # why the member got this share: a code with its numbers, put in words when shown
    # (fulfilment.reasons); `reoffered` marks units given again after a decline, expiry or rejection
    reason_code: Mapped[str] = defaulted("", String(40))
    reason_params: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict, server_default=text("'{}'")
    )
    reoffered: Mapped[bool] = defaulted(False)
    respond_by: Mapped[datetime | None] = mapped_column(index=True)
    responded_at: Mapped[datetime | None]
    decline_reason: Mapped[str] = defaulted("", Text)
    delivered_at: Mapped[datetime | None]
    accepted_quantity: Mapped[int] = defaulted(0)
    rejected_quantity: Mapped[int] = defaulted(0)
    qc_reason: Mapped[str] = defaulted("", Text)
    checked_at: Mapped[datetime | None]

    order_line: Mapped[OrderLine] = relationship()
    membership: Mapped[Membership] = relationship()

    @property
    def reason(self) -> Reason:
        return Reason(self.reason_code, dict(self.reason_params or {}))

    @property
    def counted_quantity(self) -> int:
        """Units this assignment still covers of its line (0 once released)."""
        if self.status in LIVE_STATUSES:
            return self.quantity
        if self.status in CHECKED_STATUSES:
            return self.accepted_quantity
        return 0

    @property
    def work_group(self) -> int:
        """TO_ANSWER, TO_MAKE or DONE: where the member's work list shows it."""
        return WORK_GROUPS.get(self.status, DONE)

    @property
    def earnings(self) -> int:
        """What the member earns (or will, while the work is live): only units that count, so
        after quality control only the accepted ones, and nothing for declined or expired work."""
        return self.counted_quantity * self.payout_per_unit
