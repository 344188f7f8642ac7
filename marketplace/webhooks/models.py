from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import TimestampMixin
from marketplace.extensions import db

if TYPE_CHECKING:
    from marketplace.accounts.models import User


class EventType(enum.StrEnum):
    ORDER_CONFIRMED = "order.confirmed"
    ORDER_SHIPPED = "order.shipped"
    ORDER_DELIVERED = "order.delivered"
    QUOTE_RECEIVED = "quote.received"
    CALLOFF_CREATED = "calloff.created"
    PAYOUT_PAID = "payout.paid"


TEST_EVENT = "webhook.test"  # the "send a test event" button; not one to subscribe to


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # not delivered yet: tried again at next_attempt_at
    DELIVERED = "delivered"  # a 2xx answer: never sent again
    FAILED = "failed"  # given up after policy.MAX_ATTEMPTS


class WebhookEndpoint(TimestampMixin, db.Model):
    """A URL a user (buyer, offtaker or cooperative admin) receives events at, signed with its
    own secret. Disabled by its owner's choice never; by failing for a day (policy), after
    which its owner is told and can enable it again."""

    __tablename__ = "webhook_endpoints"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret: Mapped[str] = mapped_column(String(80))
    # the secret before the last rotation, signing beside `secret` until previous_secret_until
    previous_secret: Mapped[str | None] = mapped_column(String(80))
    previous_secret_until: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    failing_since: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    def previous_signs_until(self, now: datetime) -> datetime | None:
        """Until when the secret before the last rotation signs too; None: it signs nothing."""
        until = self.previous_secret_until
        return until if self.previous_secret and until is not None and until > now else None

    def signing_secrets(self, now: datetime) -> list[str]:
        """The secrets a delivery sent at `now` is signed with: the current one first."""
        previous = self.previous_secret if self.previous_signs_until(now) else None
        return [self.secret, previous] if previous else [self.secret]

    def wants(self, event_type: str) -> bool:
        return self.is_active and event_type in (self.events or [])


class WebhookDelivery(TimestampMixin, db.Model):
    """One event for one endpoint and what became of sending it. The event id is stable (the
    same event never makes two deliveries to one endpoint); the payload is the JSON body."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (UniqueConstraint("endpoint_id", "event_id"),)

    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default=DeliveryStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_status_code: Mapped[int | None]
    response_excerpt: Mapped[str] = mapped_column(String(300), default="")
    last_error: Mapped[str] = mapped_column(String(40), default="")
    last_attempt_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    delivered_at: Mapped[datetime | None]

    endpoint: Mapped[WebhookEndpoint] = relationship()
