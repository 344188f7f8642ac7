"""What the cooperative's pages read: the dashboard counts, members, open invitations and a
member's supply offers."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.catalogue.services import availability_for
from marketplace.cooperatives.models import (
    Cooperative,
    Invitation,
    Membership,
    MembershipStatus,
    SupplyOffer,
)
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.orders.models import OPEN_STATUSES, Order
from marketplace.pagination import one_page


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
                Order.cooperative_id == coop.id, Order.status.in_(OPEN_STATUSES)
            )
        ),
        "open_invitations": len(open_invitations(coop)),
    }


def members_page(coop: Cooperative, page: int = 1) -> Pagination:
    """The cooperative's memberships, admins first, then by member number."""
    stmt = (
        select(Membership)
        .join(User, Membership.user_id == User.id)
        .options(contains_eager(Membership.user))  # the page shows each member's name
        .where(Membership.cooperative_id == coop.id)
        .order_by(
            Membership.status,  # "active" before "inactive"
            Membership.role,  # "admin" before "member"
            Membership.member_number,
        )
    )
    return one_page(stmt, page)


def open_invitations(coop) -> list[Invitation]:
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


def find_offer(membership: Membership, product: Product) -> SupplyOffer | None:
    return db.session.scalar(
        select(SupplyOffer).where(
            SupplyOffer.membership_id == membership.id, SupplyOffer.product_id == product.id
        )
    )


def offers_overview(
    membership: Membership, page: int = 1
) -> tuple[Pagination, list[tuple[Product, SupplyOffer | None, int]]]:
    """One page of the published products of the member's cooperative, by name, and for each
    the member's offer and the product's pooled availability."""
    products = one_page(
        select(Product)
        .where(
            Product.cooperative_id == membership.cooperative_id,
            Product.status == ProductStatus.PUBLISHED,
        )
        .order_by(Product.name, Product.id),
        page,
    )
    ids = [p.id for p in products.items]
    offers = {
        offer.product_id: offer
        for offer in db.session.scalars(
            select(SupplyOffer).where(
                SupplyOffer.membership_id == membership.id, SupplyOffer.product_id.in_(ids)
            )
        )
    }
    available = availability_for(ids)
    return products, [(p, offers.get(p.id), available.get(p.id, 0)) for p in products.items]
