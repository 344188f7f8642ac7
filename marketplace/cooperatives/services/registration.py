"""Registering a cooperative, editing its profile and settings, and its dashboard counts."""

from dataclasses import asdict, dataclass, fields

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.cooperatives.services.invitations import open_invitations
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from marketplace.slugs import first_free, slugify
from marketplace.transaction import transaction

OPEN_ORDER_STATUSES = (
    OrderStatus.PLACED,
    OrderStatus.CONFIRMED,
    OrderStatus.ALLOCATING,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.READY,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)
# Paths under /koperasi/ that a slug must not shadow (/koperasi/daftar is registration).
RESERVED_SLUGS = frozenset({"daftar"})


@dataclass(frozen=True)
class CooperativeProfile:
    """What an admin says about the cooperative (shape-checked and normalised by the form)."""

    name: str
    kind: str
    province: str
    regency: str
    time_zone: str
    bank_name: str
    bank_account_number: str
    bank_account_holder: str
    address: str = ""
    phone: str | None = None
    description: str = ""


@dataclass(frozen=True)
class LegalIdentity:
    """The legal identity the platform admin checks before verifying the cooperative."""

    legal_entity_number: str
    nib: str
    npwp: str | None = None


@dataclass(frozen=True)
class CooperativeSettings:
    """Everything the settings page saves; `legal` is None once the identity is locked and
    `unpaid_expiry_hours` None keeps the current value."""

    profile: CooperativeProfile
    default_allocation_policy: str
    answer_deadline_hours: int
    fee_rate_bp: int | None = None
    is_pkp: bool = False
    unpaid_expiry_hours: int | None = None
    legal: LegalIdentity | None = None

    def values(self) -> dict:
        values = {
            **asdict(self.profile),
            "default_allocation_policy": self.default_allocation_policy,
            "answer_deadline_hours": self.answer_deadline_hours,
            "is_pkp": self.is_pkp,
        }
        if self.unpaid_expiry_hours is not None:
            values["unpaid_expiry_hours"] = self.unpaid_expiry_hours
        if self.fee_rate_bp is not None:
            values["fee_rate_bp"] = self.fee_rate_bp
        if self.legal is not None:
            values.update(asdict(self.legal))
        return values


LEGAL_FIELDS = tuple(f.name for f in fields(LegalIdentity))


def _unique_slug(name: str) -> str:
    base = slugify(name, max_length=70, fallback="koperasi")
    taken = set(
        db.session.scalars(
            select(Cooperative.slug).where(
                (Cooperative.slug == base) | Cooperative.slug.like(f"{base}-%")
            )
        )
    )
    return first_free(base, taken | RESERVED_SLUGS)


def _refuse_duplicate_nib(nib: str, except_id: int | None = None) -> None:
    stmt = select(Cooperative.id).where(Cooperative.nib == nib)
    if except_id is not None:
        stmt = stmt.where(Cooperative.id != except_id)
    if db.session.scalar(stmt.limit(1)) is not None:
        raise ValidationFailed(
            _l("A cooperative with this NIB is already registered. Ask its admins to invite you."),
            field="nib",
        )


def register_cooperative(
    user: User, profile: CooperativeProfile, legal: LegalIdentity
) -> Cooperative:
    """Register a cooperative as "pending" with `user` as its first admin (ADM-001).

    It stays out of the catalogue until the platform admin verifies it. Raises
    ValidationFailed (field "nib") for an NIB that is already registered.
    """
    with transaction():
        _refuse_duplicate_nib(legal.nib)
        coop = Cooperative(
            slug=_unique_slug(profile.name),
            status=CooperativeStatus.PENDING,
            **asdict(profile),
            **asdict(legal),
        )
        db.session.add(coop)
        db.session.flush()
        admin = Membership(
            user_id=user.id,
            cooperative_id=coop.id,
            role=MembershipRole.ADMIN,
            status=MembershipStatus.ACTIVE,
            member_number="ADM-001",
        )
        db.session.add(admin)
        record(
            "cooperative.registered",
            coop,
            actor_id=user.id,
            cooperative_id=coop.id,
            after={"status": coop.status, "name": coop.name, "nib": coop.nib},
        )
        record(
            "membership.created",
            admin,
            actor_id=user.id,
            cooperative_id=coop.id,
            after={"role": admin.role, "member_number": admin.member_number},
        )
    return coop


def update_cooperative(
    coop: Cooperative, actor: User, settings: CooperativeSettings
) -> Cooperative:
    """Save an admin's changes to the profile, bank account, order and allocation settings.

    The legal identity (legal entity number, NIB, NPWP) can change only until the platform has
    checked it (NotAllowed afterwards). Saving a rejected cooperative sends it back for
    verification.
    """
    values = settings.values()
    if values.get("is_pkp", coop.is_pkp) and not values.get("npwp", coop.npwp):
        # A PKP's invoices (faktur) must carry its NPWP.
        raise ValidationFailed(
            _l("A registered VAT business (PKP) needs its NPWP."), field="is_pkp"
        )
    with transaction():
        before = {name: getattr(coop, name) for name in values}
        changed = {name: value for name, value in values.items() if before[name] != value}
        if coop.legal_identity_locked and any(name in LEGAL_FIELDS for name in changed):
            raise NotAllowed(
                _l("A verified cooperative's legal identity can only be changed by the platform.")
            )
        if "nib" in changed:
            _refuse_duplicate_nib(changed["nib"], except_id=coop.id)
        for name, value in changed.items():
            setattr(coop, name, value)
        if changed:
            record(
                "cooperative.updated",
                coop,
                actor_id=actor.id,
                cooperative_id=coop.id,
                before={name: before[name] for name in changed},
                after=changed,
            )
        if coop.status == CooperativeStatus.REJECTED:
            coop.status = CooperativeStatus.PENDING
            record(
                "cooperative.resubmitted",
                coop,
                actor_id=actor.id,
                cooperative_id=coop.id,
                before={"status": CooperativeStatus.REJECTED},
                after={"status": CooperativeStatus.PENDING},
            )
    return coop


def _count(stmt) -> int:
    return db.session.scalar(stmt) or 0


def dashboard_counts(coop: Cooperative) -> dict[str, int]:
    """Active members, products (all and published), open orders and open invitations."""
    products = select(func.count(Product.id)).where(Product.cooperative_id == coop.id)
    return {
        "members": _count(
            select(func.count(Membership.id)).where(
                Membership.cooperative_id == coop.id,
                # Admins (pengurus) are members too: the members tab lists them alike.
                Membership.status == MembershipStatus.ACTIVE,
            )
        ),
        "products": _count(products.where(Product.status != ProductStatus.ARCHIVED)),
        "published_products": _count(products.where(Product.status == ProductStatus.PUBLISHED)),
        "open_orders": _count(
            select(func.count(Order.id)).where(
                Order.cooperative_id == coop.id, Order.status.in_(OPEN_ORDER_STATUSES)
            )
        ),
        "open_invitations": len(open_invitations(coop)),
    }
