"""What the product page and the cooperative's public profile read beyond the product: photos
for cards, related products, and the figures the platform knows about a cooperative."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from marketplace.catalogue.models import Category, Product, ProductStatus
from marketplace.catalogue.queries import _public_products
from marketplace.cooperatives.models import Cooperative, Membership, MembershipStatus
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.shipment_models import Shipment

RELATED_PRODUCTS = 4
FULFILLED = (OrderStatus.DELIVERED, OrderStatus.COMPLETED)


@dataclass(frozen=True)
class TrackRecord:
    """A cooperative's figures on its profile: what buyers can check it by."""

    members: int
    orders_fulfilled: int
    on_time_percent: int | None  # of fulfilled orders, shipped by the delivery date asked
    verified_since: datetime | None
    categories: tuple[Category, ...]


def load_photos(products: Iterable[Product]) -> None:
    """Load the photos of these products in one query (product cards show the first)."""
    ids = [p.id for p in products]
    if ids:
        db.session.scalars(
            select(Product).where(Product.id.in_(ids)).options(selectinload(Product.photos))
        ).all()


def related_products(product: Product, limit: int = RELATED_PRODUCTS) -> Sequence[Product]:
    """Other products in the catalogue of the same category or the same cooperative: those
    of both first, then the same category, then the cooperative's others; newest first."""
    same_category = Product.category_id == product.category_id
    same_cooperative = Product.cooperative_id == product.cooperative_id
    stmt = (
        _public_products()
        .where(or_(same_category, same_cooperative), Product.id != product.id)
        .order_by(
            case((and_(same_category, same_cooperative), 0), (same_category, 1), else_=2),
            Product.created_at.desc(),
            Product.id.desc(),
        )
        .limit(limit)
    )
    found = list(db.session.scalars(stmt).unique())
    load_photos(found)
    return found


def on_time_percent(on_time: int, fulfilled: int) -> int | None:
    """Whole per cent, rounded down (99.6 per cent is not yet 100); None without orders."""
    return on_time * 100 // fulfilled if fulfilled else None


def track_record(coop: Cooperative) -> TrackRecord:
    """Active members, fulfilled orders and how many were on time, verified since, and the
    categories of its published products."""
    members = db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.cooperative_id == coop.id, Membership.status == MembershipStatus.ACTIVE
        )
    )
    # Only this cooperative's fulfilled orders' shipments (over every shipment of the platform
    # this grouping took most of a product page's time at 10x data).
    last_shipped = (
        select(Shipment.order_id, func.max(Shipment.shipped_on).label("shipped_on"))
        .join(Order, Shipment.order_id == Order.id)
        .where(
            Shipment.is_replacement.is_(False),
            Order.cooperative_id == coop.id,
            Order.status.in_(FULFILLED),
        )
        .group_by(Shipment.order_id)
        .subquery()
    )
    fulfilled, on_time = db.session.execute(
        select(
            func.count(Order.id),
            func.count(Order.id).filter(last_shipped.c.shipped_on <= Order.delivery_date),
        )
        .outerjoin(last_shipped, last_shipped.c.order_id == Order.id)
        .where(Order.cooperative_id == coop.id, Order.status.in_(FULFILLED))
    ).one()
    categories = db.session.scalars(
        select(Category)
        .where(
            Category.id.in_(
                select(Product.category_id).where(
                    Product.cooperative_id == coop.id,
                    Product.status == ProductStatus.PUBLISHED,
                )
            )
        )
        .order_by(Category.position, Category.id)
    )
    return TrackRecord(
        members=members or 0,
        orders_fulfilled=fulfilled,
        on_time_percent=on_time_percent(on_time, fulfilled),
        verified_since=coop.verified_at,
        categories=tuple(categories),
    )
