from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.cooperatives.models import TimeZone
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.model_columns import defaulted


class Notification(db.Model):
    """A message for one user, stored as a kind and its values so it shows in their language."""

    __tablename__ = "notifications"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(300), default="")
    read_at: Mapped[datetime | None] = mapped_column(index=True)
    # The time zone of the cooperative the notification concerns: its time is shown in it.
    time_zone: Mapped[str] = defaulted(TimeZone.WIB, String(32))
