"""Registering a cooperative, editing its profile and settings, and its dashboard counts."""

from dataclasses import asdict, dataclass, fields

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeKind,
    CooperativeStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
    TimeZone,
)
from marketplace.cooperatives.services.changes import changed_values, save_changes
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_EXPIRY_HOURS
from marketplace.places.messages import check_region_chain
from marketplace.slugs import first_free, slugify
from marketplace.transaction import transaction

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
    # Official codes of province and regency (places/regions.py); when given they must be
    # one chain, and the names above are theirs.
    province_code: str = ""
    regency_code: str = ""


@dataclass(frozen=True)
class LegalIdentity:
    """The legal identity the platform admin checks before verifying the cooperative."""

    legal_entity_number: str
    nib: str
    npwp: str | None = None


@dataclass(frozen=True)
class CooperativeSettings:
    """Everything the settings page saves; `legal` is None once the identity is locked and
    `unpaid_expiry_hours`, `auto_receive_days` or `complaint_window_days` None keeps the
    current value."""

    profile: CooperativeProfile
    default_allocation_policy: str
    answer_deadline_hours: int
    fee_rate_bp: int | None = None
    is_pkp: bool = False
    unpaid_expiry_hours: int | None = None
    auto_receive_days: int | None = None
    complaint_window_days: int | None = None
    legal: LegalIdentity | None = None

    def values(self) -> dict:
        values = {
            **asdict(self.profile),
            "default_allocation_policy": self.default_allocation_policy,
            "answer_deadline_hours": self.answer_deadline_hours,
            "is_pkp": self.is_pkp,
        }
        for name in (
            "unpaid_expiry_hours",
            "auto_receive_days",
            "complaint_window_days",
            "fee_rate_bp",
        ):
            if getattr(self, name) is not None:
                values[name] = getattr(self, name)
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


def _check_profile(profile: CooperativeProfile) -> None:
    if profile.kind not in set(CooperativeKind):
        raise ValidationFailed(_l("Choose a kind of cooperative."), field="kind")
    if profile.time_zone not in set(TimeZone):
        raise ValidationFailed(_l("Choose a time zone."), field="time_zone")
    if profile.province_code or profile.regency_code:
        check_region_chain([profile.province_code, profile.regency_code])


def _check_settings(settings: CooperativeSettings) -> None:
    _check_profile(settings.profile)
    for name in ("answer_deadline_hours", "unpaid_expiry_hours"):
        hours = getattr(settings, name)
        if hours is not None and not 1 <= hours <= MAX_EXPIRY_HOURS:
            raise ValidationFailed(_l("Enter 1 to 720 hours."), field=name)


def register_cooperative(
    user: User, profile: CooperativeProfile, legal: LegalIdentity
) -> Cooperative:
    """Register a cooperative as "pending" with `user` as its first admin (ADM-001).

    It stays out of the catalogue until the platform admin verifies it. Raises
    ValidationFailed (field "nib") for an NIB that is already registered.
    """
    _check_profile(profile)
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
            actor=user,
            cooperative_id=coop.id,
            after={"status": coop.status, "name": coop.name, "nib": coop.nib},
        )
        record(
            "membership.created",
            admin,
            actor=user,
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
    _check_settings(settings)
    values = settings.values()
    if values.get("is_pkp", coop.is_pkp) and not values.get("npwp", coop.npwp):
        # A PKP's invoices (faktur) must carry its NPWP.
        raise ValidationFailed(
            _l("A registered VAT business (PKP) needs its NPWP."), field="is_pkp"
        )
    with transaction():
        changed = changed_values(coop, values)
        if coop.legal_identity_locked and any(name in LEGAL_FIELDS for name in changed):
            raise NotAllowed(
                _l("A verified cooperative's legal identity can only be changed by the platform.")
            )
        if "nib" in changed:
            _refuse_duplicate_nib(changed["nib"], except_id=coop.id)
        save_changes(coop, actor, "cooperative.updated", changed)
        if coop.status == CooperativeStatus.REJECTED:
            coop.status = CooperativeStatus.PENDING
            record(
                "cooperative.resubmitted",
                coop,
                actor=actor,
                cooperative_id=coop.id,
                before={"status": CooperativeStatus.REJECTED},
                after={"status": CooperativeStatus.PENDING},
            )
    return coop
