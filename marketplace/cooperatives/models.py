from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.cooperatives.delivery import DeliveryOffer, FeeRow, parse_couriers
from marketplace.db import Money, TimestampMixin, utcnow
from marketplace.extensions import db
from marketplace.model_columns import at_least_one, defaulted, nonnegative
from marketplace.photo_columns import PhotoColumns, gallery
from marketplace.places.regions import MAX_CODE_LENGTH

if TYPE_CHECKING:
    from marketplace.accounts.models import User
    from marketplace.catalogue.models import Product


class CooperativeKind(enum.StrEnum):
    PRODUCER = "producer"
    MARKETING = "marketing"
    CONSUMER = "consumer"
    SERVICE = "service"
    MULTI_BUSINESS = "multi_business"


class CooperativeStatus(enum.StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class MembershipRole(enum.StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class MembershipStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class TimeZone(enum.StrEnum):
    """Indonesia's three time zones, where a cooperative is (times are stored in UTC)."""

    WIB = "Asia/Jakarta"
    WITA = "Asia/Makassar"
    WIT = "Asia/Jayapura"


class Cooperative(TimestampMixin, db.Model):
    __tablename__ = "cooperatives"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(20))
    legal_entity_number: Mapped[str] = mapped_column(String(120))
    nib: Mapped[str] = mapped_column(String(13), unique=True)
    npwp: Mapped[str | None] = mapped_column(String(16))
    province: Mapped[str] = mapped_column(String(80))
    regency: Mapped[str] = mapped_column(String(80))  # kabupaten/kota
    # Official codes of the two (places/regions.py); "" for a region typed before the lists.
    province_code: Mapped[str] = defaulted("", String(MAX_CODE_LENGTH))
    regency_code: Mapped[str] = defaulted("", String(MAX_CODE_LENGTH))
    address: Mapped[str] = mapped_column(Text, default="")
    time_zone: Mapped[str] = mapped_column(String(32), default=TimeZone.WIB)
    description: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=CooperativeStatus.PENDING)
    bank_name: Mapped[str] = mapped_column(String(80))
    bank_account_number: Mapped[str] = mapped_column(String(30))
    bank_account_holder: Mapped[str] = mapped_column(String(160))
    fee_rate_bp: Mapped[int] = mapped_column(default=0)  # its fee, basis points
    default_allocation_policy: Mapped[str] = mapped_column(String(20), default="proportional")
    # how long members have to accept or decline assigned work
    answer_deadline_hours: Mapped[int] = defaulted(48)
    # Registered VAT business (PKP): its orders carry PPN (DOMAIN.md).
    is_pkp: Mapped[bool] = defaulted(False)
    # Placed orders not paid within this many hours expire and release their reservation.
    unpaid_expiry_hours: Mapped[int] = defaulted(72)
    # Shipments: taken as received this many days after shipping when the buyer has not
    # confirmed; the buyer may report a problem this many days after delivery.
    auto_receive_days: Mapped[int] = defaulted(7)
    complaint_window_days: Mapped[int] = defaulted(3)
    # Delivery options (cooperatives/delivery.py): pickup at the hub, own delivery at the fees
    # of delivery_fee_rates, couriers (comma-separated Courier codes) at a quoted fee.
    offers_pickup: Mapped[bool] = defaulted(True)
    hub_address: Mapped[str] = defaulted("", Text)
    offers_own_delivery: Mapped[bool] = defaulted(False)
    couriers: Mapped[str] = defaulted("", String(80))
    verified_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    suspended_at: Mapped[datetime | None]
    suspension_reason: Mapped[str | None] = mapped_column(Text)
    # The public profile page (/koperasi/<slug>): its story, founding year, logo and photos.
    story: Mapped[str] = defaulted("", Text)
    founded_year: Mapped[int | None]
    logo_key: Mapped[str | None] = mapped_column(String(80))  # a public storage key

    memberships: Mapped[list[Membership]] = relationship(back_populates="cooperative")
    products: Mapped[list[Product]] = relationship(back_populates="cooperative")
    delivery_fee_rates: Mapped[list[DeliveryFeeRate]] = relationship(
        order_by="(DeliveryFeeRate.province, DeliveryFeeRate.regency)",
        cascade="all, delete-orphan",
    )
    photos: Mapped[list[CooperativePhoto]] = gallery("CooperativePhoto")

    @property
    def pickup_address(self) -> str:
        """Where buyers collect their goods: the hub, or else the cooperative's address."""
        return self.hub_address.strip() or self.address.strip()

    def delivery_offer(self) -> DeliveryOffer:
        """The delivery options it offers, as plain data for cooperatives/delivery.py."""
        return DeliveryOffer(
            pickup=self.offers_pickup,
            own_delivery=self.offers_own_delivery,
            couriers=parse_couriers(self.couriers),
            fee_rows=tuple(FeeRow(r.province, r.regency, r.fee) for r in self.delivery_fee_rates),
        )

    @property
    def is_verified(self) -> bool:
        return self.status == CooperativeStatus.VERIFIED

    @hybrid_property
    def takes_orders(self) -> bool:
        """Whether buyers may place new orders with it (a suspended one finishes its open
        orders but takes no new ones); also as SQL: `.where(Cooperative.takes_orders)`."""
        return self.status == CooperativeStatus.VERIFIED

    @property
    def legal_identity_locked(self) -> bool:
        """The platform has checked the legal identity: the cooperative can no longer edit it."""
        return self.status in (CooperativeStatus.VERIFIED, CooperativeStatus.SUSPENDED)

    def local_date(self, moment: datetime | None = None) -> date:
        """The calendar date at `moment` (default: now) where the cooperative is (WIB, WITA,
        WIT): "today" for deadlines and date checks is the cooperative's today."""
        return (moment or utcnow()).astimezone(ZoneInfo(self.time_zone)).date()

    def __repr__(self) -> str:
        return f"<Cooperative {self.slug}>"


class Membership(TimestampMixin, db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "cooperative_id"),
        UniqueConstraint("cooperative_id", "member_number"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    role: Mapped[str] = mapped_column(String(10), default=MembershipRole.MEMBER)
    status: Mapped[str] = mapped_column(String(10), default=MembershipStatus.ACTIVE)
    member_number: Mapped[str] = mapped_column(String(30))
    business_name: Mapped[str] = mapped_column(String(160), default="")

    user: Mapped[User] = relationship(back_populates="memberships")
    cooperative: Mapped[Cooperative] = relationship(back_populates="memberships")

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN and self.status == MembershipStatus.ACTIVE

    @property
    def display_name(self) -> str:
        return self.business_name or self.user.name


class Invitation(TimestampMixin, db.Model):
    """A link an admin sends (by WhatsApp or email) so a person can join as a member."""

    __tablename__ = "invitations"

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    business_name: Mapped[str] = mapped_column(String(160), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(10), default=MembershipRole.MEMBER)
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    membership_id: Mapped[int | None] = mapped_column(ForeignKey("memberships.id"))

    cooperative: Mapped[Cooperative] = relationship()

    def admits(self, user: User) -> bool:
        """Whether `user` may accept it: an admin invitation only by the account with the email
        address it was sent to; a member invitation by whoever holds the link."""
        if self.role != MembershipRole.ADMIN:
            return True
        return bool(self.email) and (user.email or "").lower() == self.email.lower()


class SupplyOffer(TimestampMixin, db.Model):
    """What one member can deliver of one product: units ready now (within the lead time)
    and units made per further week (sessions for a service); see cooperatives/capacity.py."""

    __tablename__ = "supply_offers"
    __table_args__ = (
        UniqueConstraint("membership_id", "product_id"),
        nonnegative("units_available", name="units_nonnegative"),
        at_least_one("min_lot"),
        nonnegative("rate_per_week", name="rate_nonnegative"),
    )

    membership_id: Mapped[int] = mapped_column(ForeignKey("memberships.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    units_available: Mapped[int]
    # 0: the member makes no more than the ready units (the behaviour before rates existed).
    rate_per_week: Mapped[int] = defaulted(0)
    min_lot: Mapped[int] = mapped_column(default=1)
    quality_grade: Mapped[str] = mapped_column(String(20), default="")
    active: Mapped[bool] = mapped_column(default=True)

    membership: Mapped[Membership] = relationship()
    product: Mapped[Product] = relationship()


class DeliveryFeeRate(db.Model):
    """One row of a cooperative's own-delivery fee table: a province, or one of its regencies
    (regency ""), and the fee in rupiah. The most specific row wins."""

    __tablename__ = "delivery_fee_rates"
    __table_args__ = (UniqueConstraint("cooperative_id", "province", "regency"), nonnegative("fee"))

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    province: Mapped[str] = mapped_column(String(80))
    regency: Mapped[str] = mapped_column(String(80), default="")
    fee: Mapped[int] = mapped_column(Money)


class CooperativePhoto(PhotoColumns, TimestampMixin, db.Model):
    """A photo on the cooperative's public profile (its workshop, its members at work)."""

    __tablename__ = "cooperative_photos"

    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
