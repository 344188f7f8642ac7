"""Cooperatives: registration, profile, members, invitations and members' supply offers."""

import re
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.catalogue.services import availability_for
from marketplace.cooperatives.models import (
    TIME_ZONES,
    Cooperative,
    CooperativeKind,
    CooperativeStatus,
    Invitation,
    Membership,
    MembershipRole,
    MembershipStatus,
    SupplyOffer,
)
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.forms import MAX_EXPIRY_HOURS, MAX_QUANTITY
from marketplace.identifiers import normalise_nib, normalise_npwp, normalise_phone
from marketplace.orders.models import Order, OrderStatus
from marketplace.slugs import first_free, slugify
from marketplace.transaction import transaction

# Profile fields a cooperative admin edits; the legal identity only until verification.
PROFILE_FIELDS = (
    "name",
    "kind",
    "province",
    "regency",
    "address",
    "time_zone",
    "phone",
    "description",
    "bank_name",
    "bank_account_number",
    "bank_account_holder",
)
LEGAL_FIELDS = ("legal_entity_number", "nib", "npwp")
ORDER_SETTINGS = ("is_pkp", "unpaid_expiry_hours")
ALLOCATION_POLICIES = ("proportional", "equal", "rotation")
OPEN_ORDER_STATUSES = (
    OrderStatus.PLACED,
    OrderStatus.CONFIRMED,
    OrderStatus.ALLOCATING,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.READY,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)
_BANK_ACCOUNT = re.compile(r"\d{5,20}")
# Paths under /koperasi/ that a slug must not shadow (/koperasi/daftar is registration).
RESERVED_SLUGS = frozenset({"daftar"})


# --- registration and profile -------------------------------------------------------------


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


def _clean_profile(data: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """Check and normalise the profile values the caller gives; raises ValidationFailed."""
    values: dict[str, Any] = {}
    for name in fields:
        value = data.get(name)
        values[name] = value.strip() if isinstance(value, str) else value
    required = [
        f
        for f in ("name", "province", "regency", "bank_name", "bank_account_holder")
        if f in values
    ]
    required += [f for f in ("legal_entity_number", "nib") if f in values]
    for name in required:
        if not values[name]:
            raise ValidationFailed(_l("This field is required."), field=name)
    if "kind" in values and values["kind"] not in set(CooperativeKind):
        raise ValidationFailed(_l("Choose a kind of cooperative."), field="kind")
    if "time_zone" in values and values["time_zone"] not in TIME_ZONES:
        raise ValidationFailed(_l("Choose a time zone."), field="time_zone")
    if "default_allocation_policy" in values and (
        values["default_allocation_policy"] not in ALLOCATION_POLICIES
    ):
        raise ValidationFailed(_l("Choose a policy."), field="default_allocation_policy")
    if "is_pkp" in values:
        values["is_pkp"] = bool(values["is_pkp"])
    for hours_field in ("answer_deadline_hours", "unpaid_expiry_hours"):
        if hours_field in values and values[hours_field] is None:
            del values[hours_field]  # left empty: keep the current setting
        if hours_field in values and not (
            isinstance(values[hours_field], int) and 1 <= values[hours_field] <= MAX_EXPIRY_HOURS
        ):
            raise ValidationFailed(_l("Enter 1 to 720 hours."), field=hours_field)
    if "bank_account_number" in values:
        digits = re.sub(r"[\s.\-]", "", values["bank_account_number"] or "")
        if not _BANK_ACCOUNT.fullmatch(digits):
            raise ValidationFailed(
                _l("A bank account number has 5 to 20 digits."), field="bank_account_number"
            )
        values["bank_account_number"] = digits
    try:
        if "nib" in values:
            values["nib"] = normalise_nib(values["nib"])
    except ValueError:
        raise ValidationFailed(_l("NIB must be 13 digits."), field="nib") from None
    try:
        if values.get("npwp"):
            values["npwp"] = normalise_npwp(values["npwp"])
    except ValueError:
        raise ValidationFailed(_l("NPWP must be 15 or 16 digits."), field="npwp") from None
    try:
        if values.get("phone"):
            values["phone"] = normalise_phone(values["phone"])
    except ValueError:
        raise ValidationFailed(_l("Enter a valid phone number."), field="phone") from None
    for name in ("npwp", "phone"):
        if name in values and not values[name]:
            values[name] = None
    for name in ("address", "description"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


def _refuse_duplicate_nib(nib: str, except_id: int | None = None) -> None:
    stmt = select(Cooperative.id).where(Cooperative.nib == nib)
    if except_id is not None:
        stmt = stmt.where(Cooperative.id != except_id)
    if db.session.scalar(stmt.limit(1)) is not None:
        raise ValidationFailed(
            _l("A cooperative with this NIB is already registered. Ask its admins to invite you."),
            field="nib",
        )


def register_cooperative(user: User, data: dict[str, Any]) -> Cooperative:
    """Register a cooperative as "pending" with `user` as its first admin (ADM-001).

    It stays out of the catalogue until the platform admin verifies it. Raises
    ValidationFailed (with the field) for a bad value or an NIB that is already registered.
    """
    values = _clean_profile(data, PROFILE_FIELDS + LEGAL_FIELDS)
    with transaction():
        _refuse_duplicate_nib(values["nib"])
        coop = Cooperative(
            slug=_unique_slug(values["name"]), status=CooperativeStatus.PENDING, **values
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


def update_cooperative(coop: Cooperative, actor: User, data: dict[str, Any]) -> Cooperative:
    """Save an admin's changes to the profile, bank account and default allocation policy.

    The legal identity (legal entity number, NIB, NPWP) can change only before verification
    (NotAllowed afterwards). Saving a rejected cooperative sends it back for verification.
    """
    fields = [
        *PROFILE_FIELDS,
        *LEGAL_FIELDS,
        *ORDER_SETTINGS,
        "default_allocation_policy",
        "answer_deadline_hours",
    ]
    values = _clean_profile(data, [f for f in fields if f in data])
    with transaction():
        before = {name: getattr(coop, name) for name in values}
        changed = {name: value for name, value in values.items() if before[name] != value}
        if coop.is_verified and any(name in LEGAL_FIELDS for name in changed):
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


def dashboard_counts(coop: Cooperative) -> dict[str, int]:
    """Active members, products (all and published), open orders and open invitations."""

    def count(stmt) -> int:
        return db.session.scalar(stmt) or 0

    return {
        "members": count(
            select(func.count(Membership.id)).where(
                Membership.cooperative_id == coop.id,
                # Admins (pengurus) are members too: the members tab lists them alike.
                Membership.status == MembershipStatus.ACTIVE,
            )
        ),
        "products": count(
            select(func.count(Product.id)).where(
                Product.cooperative_id == coop.id, Product.status != ProductStatus.ARCHIVED
            )
        ),
        "published_products": count(
            select(func.count(Product.id)).where(
                Product.cooperative_id == coop.id, Product.status == ProductStatus.PUBLISHED
            )
        ),
        "open_orders": count(
            select(func.count(Order.id)).where(
                Order.cooperative_id == coop.id, Order.status.in_(OPEN_ORDER_STATUSES)
            )
        ),
        "open_invitations": len(open_invitations(coop)),
    }


# --- members and invitations --------------------------------------------------------------


def members_page(coop: Cooperative, page: int = 1) -> Pagination:
    """The cooperative's memberships, admins first, then by member number."""
    stmt = (
        select(Membership)
        .join(User, Membership.user_id == User.id)
        .where(Membership.cooperative_id == coop.id)
        .order_by(
            Membership.status,  # "active" before "inactive"
            Membership.role,  # "admin" before "member"
            Membership.member_number,
        )
    )
    return db.paginate(
        stmt, page=page, per_page=current_app.config["PAGE_SIZE"], error_out=False, count=True
    )


def find_membership(coop: Cooperative, membership_id: int) -> Membership | None:
    """A membership of this cooperative (None for another cooperative's membership)."""
    return db.session.scalar(
        select(Membership).where(
            Membership.id == membership_id, Membership.cooperative_id == coop.id
        )
    )


def open_invitations(coop: Cooperative) -> list[Invitation]:
    """Invitations not yet accepted, revoked or expired, newest first."""
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                Invitation.cooperative_id == coop.id,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.id.desc())
        )
    )


def find_invitation(coop: Cooperative, invitation_id: int) -> Invitation | None:
    """An invitation of this cooperative (None for another cooperative's invitation)."""
    return db.session.scalar(
        select(Invitation).where(
            Invitation.id == invitation_id, Invitation.cooperative_id == coop.id
        )
    )


def find_invitation_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token == token))


def invitation_state(invitation: Invitation) -> str:
    """One of "open", "accepted", "revoked", "expired"."""
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= utcnow():
        return "expired"
    return "open"


def inviter_name(invitation: Invitation) -> str:
    inviter = db.session.get(User, invitation.invited_by_id)
    return inviter.name if inviter is not None else invitation.cooperative.name


def invitation_link(invitation: Invitation) -> str:
    """The absolute join link to send to the invited person."""
    return url_for("cooperatives.join", token=invitation.token, _external=True)


def invitation_message(invitation: Invitation, link: str) -> str:
    return _(
        "Hello %(name)s, %(cooperative)s invites you to join it on Pasar Koperasi: %(link)s",
        name=invitation.name,
        cooperative=invitation.cooperative.name,
        link=link,
    )


def whatsapp_share_url(phone: str | None, message: str) -> str:
    """A wa.me link that opens WhatsApp with `message`, to `phone` (E.164) when given."""
    digits = re.sub(r"\D", "", phone or "")
    return f"https://wa.me/{digits}?text={quote(message, safe='')}"


def invite_member(coop: Cooperative, actor: User, data: dict[str, Any]) -> Invitation:
    """Create an invitation with an unguessable token valid for INVITATION_DAYS.

    When an email address is given and MAIL_SERVER is configured the link is also emailed.
    """
    name = (data.get("name") or "").strip()
    if not name:
        raise ValidationFailed(_l("This field is required."), field="name")
    role = data.get("role") or MembershipRole.MEMBER
    if role not in set(MembershipRole):
        raise ValidationFailed(_l("Choose a role."), field="role")
    phone = data.get("phone") or None
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValueError:
            raise ValidationFailed(_l("Enter a valid phone number."), field="phone") from None
    email = (data.get("email") or "").strip().lower() or None
    days = int(current_app.config["INVITATION_DAYS"])
    with transaction():
        invitation = Invitation(
            cooperative_id=coop.id,
            token=secrets.token_urlsafe(32),
            name=name,
            business_name=(data.get("business_name") or "").strip(),
            phone=phone,
            email=email,
            role=role,
            invited_by_id=actor.id,
            expires_at=utcnow() + timedelta(days=days),
        )
        db.session.add(invitation)
        record(
            "invitation.created",
            invitation,
            actor_id=actor.id,
            cooperative_id=coop.id,
            after={"name": name, "role": role},
        )
    if email:
        _email_invitation(invitation)
    return invitation


def _email_invitation(invitation: Invitation) -> bool:
    from marketplace.mail import send_mail

    # The invited person has no account yet: write in the site's default language.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        link = invitation_link(invitation)
        subject = _("Invitation to join %(cooperative)s", cooperative=invitation.cooperative.name)
        body = "\n\n".join(
            [
                invitation_message(invitation, link),
                _("The link is valid until %(date)s.", date=invitation.expires_at.date()),
            ]
        )
    return send_mail(invitation.email, subject, body)


def revoke_invitation(invitation: Invitation, actor: User) -> Invitation:
    """Make an open invitation's link stop working. Raises InvalidTransition otherwise."""
    with transaction():
        if invitation_state(invitation) != "open":
            raise InvalidTransition(_l("This invitation is no longer open."))
        invitation.revoked_at = utcnow()
        record(
            "invitation.revoked",
            invitation,
            actor_id=actor.id,
            cooperative_id=invitation.cooperative_id,
            before={"state": "open"},
            after={"state": "revoked"},
        )
    return invitation


def _next_member_number(coop_id: int, role: str) -> str:
    prefix, width = ("ADM-", 3) if role == MembershipRole.ADMIN else ("M-", 4)
    numbers = db.session.scalars(
        select(Membership.member_number).where(
            Membership.cooperative_id == coop_id, Membership.member_number.like(f"{prefix}%")
        )
    )
    used = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:0{width}d}"


def accept_invitation(token: str, user: User) -> Membership:
    """Make `user` a member of the inviting cooperative, with the next member number.

    Accepting the same invitation twice returns the membership made the first time. Raises
    InvalidTransition for an unknown, expired, revoked or used link, NotAllowed when the user
    is already an active member of that cooperative. A deactivated member is reactivated.
    """
    invitation = find_invitation_by_token(token)
    if invitation is None:
        raise InvalidTransition(_l("This invitation link is not valid."))
    if invitation.membership_id is not None:
        existing = db.session.get(Membership, invitation.membership_id)
        if existing is not None and existing.user_id == user.id:
            return existing
    state = invitation_state(invitation)
    if state == "accepted":
        raise InvalidTransition(_l("This invitation has already been used."))
    if state == "revoked":
        raise InvalidTransition(_l("This invitation was withdrawn by the cooperative."))
    if state == "expired":
        raise InvalidTransition(
            _l("This invitation has expired. Ask the cooperative for a new link.")
        )
    try:
        with transaction():
            membership = db.session.scalar(
                select(Membership).where(
                    Membership.cooperative_id == invitation.cooperative_id,
                    Membership.user_id == user.id,
                )
            )
            if membership is not None and membership.status == MembershipStatus.ACTIVE:
                raise NotAllowed(_l("You are already a member of this cooperative."))
            now = utcnow()
            # Claim the invitation atomically: of two simultaneous accepts only one wins.
            claimed = db.session.execute(
                update(Invitation)
                .where(
                    Invitation.id == invitation.id,
                    Invitation.accepted_at.is_(None),
                    Invitation.revoked_at.is_(None),
                )
                .values(accepted_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount
            if claimed != 1:
                raise InvalidTransition(_l("This invitation has already been used."))
            if membership is None:
                membership = Membership(
                    user_id=user.id,
                    cooperative_id=invitation.cooperative_id,
                    role=invitation.role,
                    status=MembershipStatus.ACTIVE,
                    member_number=_next_member_number(invitation.cooperative_id, invitation.role),
                    business_name=invitation.business_name,
                )
                db.session.add(membership)
                action, before = "membership.created", None
            else:
                before = {"status": membership.status, "role": membership.role}
                membership.status = MembershipStatus.ACTIVE
                membership.role = invitation.role
                membership.business_name = invitation.business_name or membership.business_name
                action = "membership.reactivated"
            db.session.flush()
            invitation.accepted_at = now
            invitation.membership_id = membership.id
            record(
                action,
                membership,
                actor_id=user.id,
                cooperative_id=invitation.cooperative_id,
                before=before,
                after={
                    "role": membership.role,
                    "member_number": membership.member_number,
                    "invitation_id": invitation.id,
                },
            )
    except IntegrityError:
        # A simultaneous request made this user's membership or took the member number.
        db.session.expire_all()
        invitation = find_invitation_by_token(token)
        if invitation is not None and invitation.membership_id is not None:
            existing = db.session.get(Membership, invitation.membership_id)
            if existing is not None and existing.user_id == user.id:
                return existing
        raise InvalidTransition(_l("Joining did not work this time. Please try again.")) from None
    return membership


def deactivate_member(membership: Membership, actor: User) -> Membership:
    """Set a membership inactive and withdraw its supply offers from the pool.

    An admin cannot deactivate themselves, so a cooperative always keeps an active admin.
    """
    if membership.user_id == actor.id:
        raise NotAllowed(_l("You cannot deactivate yourself."))
    with transaction():
        if membership.status != MembershipStatus.ACTIVE:
            raise InvalidTransition(_l("This member is already inactive."))
        membership.status = MembershipStatus.INACTIVE
        offers = db.session.scalars(
            select(SupplyOffer).where(
                SupplyOffer.membership_id == membership.id, SupplyOffer.active.is_(True)
            )
        )
        withdrawn = []
        for offer in offers:
            offer.active = False
            withdrawn.append(offer.product_id)
        record(
            "membership.deactivated",
            membership,
            actor_id=actor.id,
            cooperative_id=membership.cooperative_id,
            before={"status": MembershipStatus.ACTIVE},
            after={"status": MembershipStatus.INACTIVE, "offers_withdrawn": withdrawn},
        )
    return membership


# --- supply offers ------------------------------------------------------------------------


def find_offer_product(membership: Membership, product_id: int) -> Product | None:
    """A published product of the member's own cooperative (None otherwise)."""
    return db.session.scalar(
        select(Product).where(
            Product.id == product_id,
            Product.cooperative_id == membership.cooperative_id,
            Product.status == ProductStatus.PUBLISHED,
        )
    )


def find_offer(membership: Membership, product: Product) -> SupplyOffer | None:
    return db.session.scalar(
        select(SupplyOffer).where(
            SupplyOffer.membership_id == membership.id, SupplyOffer.product_id == product.id
        )
    )


def offers_overview(membership: Membership) -> list[tuple[Product, SupplyOffer | None, int]]:
    """For each published product of the member's cooperative: the member's offer and the
    product's pooled availability."""
    products = list(
        db.session.scalars(
            select(Product)
            .where(
                Product.cooperative_id == membership.cooperative_id,
                Product.status == ProductStatus.PUBLISHED,
            )
            .order_by(Product.name, Product.id)
        )
    )
    offers = {
        offer.product_id: offer
        for offer in db.session.scalars(
            select(SupplyOffer).where(SupplyOffer.membership_id == membership.id)
        )
    }
    available = pooled_availability([p.id for p in products])
    return [(p, offers.get(p.id), available.get(p.id, 0)) for p in products]


def pooled_availability(product_ids: list[int]) -> dict[int, int]:
    """Units of each product the cooperative can still promise (the catalogue's definition)."""
    return availability_for(product_ids)


def _check_offer_values(data: dict[str, Any]) -> tuple[int, int, str, bool]:
    units, min_lot = data.get("units_available"), data.get("min_lot")
    if not isinstance(units, int) or isinstance(units, bool):
        raise ValidationFailed(_l("Enter a whole number."), field="units_available")
    if not isinstance(min_lot, int) or isinstance(min_lot, bool):
        raise ValidationFailed(_l("Enter a whole number."), field="min_lot")
    if units < 0:
        raise ValidationFailed(_l("Units cannot be negative."), field="units_available")
    if units > MAX_QUANTITY:
        raise ValidationFailed(_l("This number is too large."), field="units_available")
    if min_lot < 1:
        raise ValidationFailed(_l("The minimum lot is at least 1."), field="min_lot")
    if min_lot > MAX_QUANTITY:
        raise ValidationFailed(_l("This number is too large."), field="min_lot")
    if units > 0 and min_lot > units:
        raise ValidationFailed(
            _l("The minimum lot cannot be more than the units you can supply."), field="min_lot"
        )
    grade = (data.get("quality_grade") or "").strip()
    if len(grade) > 20:
        raise ValidationFailed(_l("At most 20 characters."), field="quality_grade")
    return units, min_lot, grade, bool(data.get("active", True))


def save_supply_offer(
    membership: Membership, product: Product, data: dict[str, Any]
) -> SupplyOffer:
    """Create or update the member's one offer for this product.

    Raises NotAllowed unless the membership is an active producing member of the product's
    cooperative and the product is published; ValidationFailed for impossible numbers.
    """
    if (
        membership.status != MembershipStatus.ACTIVE
        or membership.role != MembershipRole.MEMBER
        or product.cooperative_id != membership.cooperative_id
        or product.status != ProductStatus.PUBLISHED
    ):
        raise NotAllowed(_l("You cannot offer this product."))
    units, min_lot, grade, active = _check_offer_values(data)
    after = {"units_available": units, "min_lot": min_lot, "quality_grade": grade, "active": active}
    with transaction():
        offer = find_offer(membership, product)
        if offer is None:
            offer = SupplyOffer(membership_id=membership.id, product_id=product.id, **after)
            db.session.add(offer)
            action, before = "supply_offer.created", None
        else:
            before = {name: getattr(offer, name) for name in after}
            for name, value in after.items():
                setattr(offer, name, value)
            action = "supply_offer.updated"
        record(
            action,
            offer,
            actor_id=membership.user_id,
            cooperative_id=membership.cooperative_id,
            before=before,
            after=after,
        )
    return offer
