"""What the catalogue's pages read: a cooperative's products, the admin's product list and the
categories. (The public catalogue's search is search.py.)"""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace.catalogue.models import Category, Product
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.pagination import one_page


def list_categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def _public_products():
    """Published products of verified cooperatives, with what a product card shows loaded."""
    return (
        select(Product)
        .join(Product.cooperative)
        .where(Product.is_published, Cooperative.takes_orders)
        .options(
            contains_eager(Product.cooperative),
            joinedload(Product.category),
            selectinload(Product.price_tiers),
        )
    )


def published_products_of(coop: Cooperative, page: int = 1) -> Pagination:
    """One page of a cooperative's published products (for its public profile), by name."""
    stmt = (
        _public_products()
        .where(Product.cooperative_id == coop.id)
        .order_by(Product.name, Product.id)
    )
    return one_page(stmt, page)


def products_for_admin(coop: Cooperative, page: int = 1) -> Pagination:
    """One page of all of a cooperative's products, whatever their status, by name."""
    stmt = (
        select(Product)
        .where(Product.cooperative_id == coop.id)
        .options(joinedload(Product.category), selectinload(Product.price_tiers))
        .order_by(Product.name, Product.id)
    )
    return one_page(stmt, page)
