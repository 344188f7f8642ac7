"""Load cooperatives and memberships scoped to what the current user may see (404 otherwise)."""

from flask import abort
from sqlalchemy import select

from marketplace.access import get_of_cooperative, get_scoped_or_404
from marketplace.accounts.models import User
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativePhoto,
    DeliveryFeeRate,
    Invitation,
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


def _membership_by_slug(slug: str, user: User, role: str) -> Membership:
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
    if coop is None or not user.is_authenticated:
        abort(404)
    membership = active_membership(coop.id, user)
    if membership is None or membership.role != role:
        abort(404)
    return membership


def get_cooperative_for_admin(slug: str, user: User) -> Cooperative:
    """The cooperative with this slug if `user` is one of its active admins; else 404."""
    return _membership_by_slug(slug, user, MembershipRole.ADMIN).cooperative


def get_membership_for_member(slug: str, user: User) -> Membership:
    """The user's active membership (as a producing member) of this cooperative; else 404."""
    return _membership_by_slug(slug, user, MembershipRole.MEMBER)


def get_public_cooperative(slug: str) -> Cooperative:
    """A verified cooperative, as anyone may see it; pending or rejected ones are 404."""
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
    if coop is None or not coop.is_verified:
        abort(404)
    return coop


def get_membership_of(coop: Cooperative, membership_id: int) -> Membership:
    """A membership of this cooperative; another cooperative's membership is 404."""
    return get_of_cooperative(Membership, coop, membership_id)


def get_invitation_of(coop: Cooperative, invitation_id: int) -> Invitation:
    """An invitation of this cooperative; another cooperative's invitation is 404."""
    return get_of_cooperative(Invitation, coop, invitation_id)


def get_delivery_fee_of(coop: Cooperative, rate_id: int) -> DeliveryFeeRate:
    """A row of this cooperative's fee table; another cooperative's row is 404."""
    return get_of_cooperative(DeliveryFeeRate, coop, rate_id)


def get_invitation_by_token(token: str) -> Invitation:
    """The invitation a join link names; an unknown or malformed token is 404."""
    if not token or len(token) > 64:
        abort(404)
    return db.one_or_404(select(Invitation).where(Invitation.token == token))


def get_offer_product(membership: Membership, product_id: int) -> Product:
    """A published product of the member's own cooperative, which the member may offer; else
    404."""
    return get_scoped_or_404(
        Product,
        product_id,
        cooperative_id=membership.cooperative_id,
        status=ProductStatus.PUBLISHED,
    )


def get_photo_of_cooperative(coop: Cooperative, photo_id: int) -> CooperativePhoto:
    """A photo of `coop` (loaded through get_cooperative_for_admin); 404 for any other."""
    return get_of_cooperative(CooperativePhoto, coop, photo_id)
