"""Load products scoped to what the current visitor may see (404 otherwise)."""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace.access import get_of_cooperative, get_scoped_or_404
from marketplace.catalogue.models import Product, ProductPhoto
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db


def get_public_product(coop_slug: str, product_slug: str) -> Product:
    """A published product of a verified cooperative, as anyone may see it; else 404."""
    product = db.session.scalar(
        select(Product)
        .join(Product.cooperative)
        .where(
            Cooperative.slug == coop_slug,
            Product.slug == product_slug,
            Product.is_published,
            Cooperative.takes_orders,
        )
        .options(
            contains_eager(Product.cooperative),
            joinedload(Product.category),
            selectinload(Product.price_tiers),
        )
    )
    if product is None:
        abort(404)
    return product


def get_product_for_admin(coop: Cooperative, product_id: int) -> Product:
    """A product of `coop` (load `coop` with get_cooperative_for_admin first).

    404 for a product of any other cooperative, so that an admin cannot reach one by changing
    the id in the URL.
    """
    return get_of_cooperative(Product, coop, product_id)


def get_photo_of(product: Product, photo_id: int) -> ProductPhoto:
    """A photo of `product` (loaded through get_product_for_admin); 404 for any other."""
    return get_scoped_or_404(ProductPhoto, photo_id, product_id=product.id)
