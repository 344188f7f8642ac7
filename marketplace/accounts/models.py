from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import TimestampMixin
from marketplace.extensions import db

if TYPE_CHECKING:
    from marketplace.cooperatives.models import Membership


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    locale: Mapped[str] = mapped_column(String(5), default="id")
    is_platform_admin: Mapped[bool] = mapped_column(default=False)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Set by the platform admin who deactivated the account, with the reason they gave.
    deactivated_at: Mapped[datetime | None]
    deactivation_reason: Mapped[str | None] = mapped_column(Text)
    # Set when the user opened the link mailed to their address (only asked for with MAIL_SERVER).
    email_verified_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(back_populates="user")

    @property
    def is_active(self) -> bool:  # Flask-Login: a disabled account cannot log in
        return self.is_active_account

    def may_place_orders(self, mail_configured: bool) -> bool:
        """Orders need a verified email, but only where the site can send the link."""
        return self.email_verified_at is not None or not mail_configured

    def active_roles(self) -> set[str]:
        """The roles ("admin", "member") this user holds in active memberships."""
        return {m.role for m in self.memberships if m.status == "active"}

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"
