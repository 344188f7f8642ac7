from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import TimestampMixin
from marketplace.extensions import db
from marketplace.model_columns import defaulted
from marketplace.places.regions import MAX_CODE_LENGTH

if TYPE_CHECKING:
    from marketplace.accounts.models import User


class SavedAddress(TimestampMixin, db.Model):
    """A delivery address a buyer keeps for checkout: recipient, the four regions with their
    official codes (places/regions.py) and names, street and postal code. At most one per
    buyer is the default (services keep it so: the first one saved, or the one chosen)."""

    __tablename__ = "saved_addresses"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    label: Mapped[str] = mapped_column(String(60))  # "Kantor", "Gudang Cikarang"
    recipient_name: Mapped[str] = mapped_column(String(120))
    recipient_phone: Mapped[str] = mapped_column(String(20))  # E.164
    province_code: Mapped[str] = mapped_column(String(MAX_CODE_LENGTH))
    province: Mapped[str] = mapped_column(String(80))
    regency_code: Mapped[str] = mapped_column(String(MAX_CODE_LENGTH))
    regency: Mapped[str] = mapped_column(String(80))
    district_code: Mapped[str] = mapped_column(String(MAX_CODE_LENGTH))
    district: Mapped[str] = mapped_column(String(80))
    village_code: Mapped[str] = mapped_column(String(MAX_CODE_LENGTH))
    village: Mapped[str] = mapped_column(String(80))
    street_address: Mapped[str] = mapped_column(Text)
    postal_code: Mapped[str] = mapped_column(String(5))
    is_default: Mapped[bool] = defaulted(False)

    user: Mapped[User] = relationship()

    @property
    def address_lines(self) -> list[str]:
        """As written on an Indonesian parcel, line by line (as Order.address_lines)."""
        return [
            self.street_address,
            f"{self.village}, {self.district}",
            f"{self.regency}, {self.province}",
            self.postal_code,
        ]
