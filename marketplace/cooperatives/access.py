"""Load cooperatives and memberships scoped to what the current user may see (404 otherwise)."""

from flask import abort
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.cooperatives.models import (
    Cooperative,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.extensions import db


def active_membership(cooperative_id: int, user: User) -> Membership | None:
    return db.session.scalar(
        select(Membership).where(
            Membership.cooperative_id == cooperative_id,
            Membership.user_id == user.id,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )


def get_cooperative_for_admin(slug: str, user: User) -> Cooperative:
    """The cooperative with this slug if `user` is one of its active admins; else 404."""
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
    if coop is None or not user.is_authenticated:
        abort(404)
    membership = active_membership(coop.id, user)
    if membership is None or membership.role != MembershipRole.ADMIN:
        abort(404)
    return coop


def get_membership_for_member(slug: str, user: User) -> Membership:
    """The user's active membership (as a producing member) of this cooperative; else 404."""
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
    if coop is None or not user.is_authenticated:
        abort(404)
    membership = active_membership(coop.id, user)
    if membership is None or membership.role != MembershipRole.MEMBER:
        abort(404)
    return membership


def get_public_cooperative(slug: str) -> Cooperative:
    """A verified cooperative, as anyone may see it; pending or rejected ones are 404."""
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
    if coop is None or not coop.is_verified:
        abort(404)
    return coop
