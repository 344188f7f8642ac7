"""What the platform admin's pages read: the cooperatives list and one cooperative's admins."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import case, func, select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.extensions import db
from marketplace.pagination import one_page

STATUS_FILTERS = tuple(CooperativeStatus)


def cooperatives_page(status: str | None, page: int = 1) -> Pagination:
    """All cooperatives, or those with `status`: pending ones first, oldest request first;
    then the others, the most recently registered first (hundreds of them per region)."""
    stmt = select(Cooperative)
    if status in STATUS_FILTERS:
        stmt = stmt.where(Cooperative.status == status)
    pending = Cooperative.status == CooperativeStatus.PENDING
    stmt = stmt.order_by(
        case((pending, 0), else_=1),
        case((pending, Cooperative.created_at)),
        Cooperative.created_at.desc(),
        Cooperative.id.desc(),
    )
    return one_page(stmt, page)


def cooperative_admins(coop: Cooperative) -> list[Membership]:
    """The cooperative's active admins, so the platform admin knows whom to contact."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(User, Membership.user_id == User.id)
            .where(
                Membership.cooperative_id == coop.id,
                Membership.role == MembershipRole.ADMIN,
                Membership.status == MembershipStatus.ACTIVE,
            )
            .order_by(Membership.member_number)
        )
    )


def has_published_products(coop: Cooperative) -> bool:
    """Whether the cooperative has anything to show in the catalogue."""
    return bool(
        db.session.scalar(
            select(func.count(Product.id)).where(
                Product.cooperative_id == coop.id, Product.status == ProductStatus.PUBLISHED
            )
        )
    )


# How many characters of a search the account finder reads.
MAX_SEARCH_LENGTH = 120


def users_page(search: str, page: int = 1) -> Pagination:
    """Accounts whose email or name contains `search` (all when empty), newest first."""
    stmt = select(User).order_by(User.id.desc())
    text = search.strip()[:MAX_SEARCH_LENGTH]
    if text:
        stmt = stmt.where(
            User.email.icontains(text, autoescape=True) | User.name.icontains(text, autoescape=True)
        )
    return one_page(stmt, page)


def memberships_of(user: User) -> list[Membership]:
    """Every membership of the user, with its cooperative, for the account's roles."""
    return list(
        db.session.scalars(
            select(Membership)
            .where(Membership.user_id == user.id)
            .order_by(Membership.status, Membership.cooperative_id)
        )
    )
