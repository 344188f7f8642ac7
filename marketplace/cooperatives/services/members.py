"""The cooperative's members: the list, member numbers and deactivation."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    SupplyOffer,
)
from marketplace.errors import InvalidTransition, NotAllowed
from marketplace.extensions import db
from marketplace.transaction import transaction


def next_member_number(coop_id: int, role: str) -> str:
    """The next free number: ADM-002 for an admin, M-0007 for a member."""
    prefix, width = ("ADM-", 3) if role == MembershipRole.ADMIN else ("M-", 4)
    numbers = db.session.scalars(
        select(Membership.member_number).where(
            Membership.cooperative_id == coop_id, Membership.member_number.like(f"{prefix}%")
        )
    )
    used = [int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:0{width}d}"


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
            actor=actor,
            before={"status": MembershipStatus.ACTIVE},
            after={"status": MembershipStatus.INACTIVE, "offers_withdrawn": withdrawn},
        )
    return membership
