"""Scoped loading for the API: tokens of their owner, products any buyer may order; 404
for everything else."""

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace.access import get_scoped_or_404
from marketplace.accounts.models import User
from marketplace.api.models import ApiToken
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db


def tokens_of(user: User) -> list[ApiToken]:
    """`user`'s tokens, newest first (revoked ones too, marked as such)."""
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def get_token_of(user: User, token_id: int) -> ApiToken:
    return get_scoped_or_404(ApiToken, token_id, user_id=user.id)


def get_orderable_product(product_id: int) -> Product:
    """A published product of a cooperative taking orders, as any buyer may see it; else 404."""
    return db.one_or_404(
        select(Product)
        .join(Product.cooperative)
        .where(Product.id == product_id, Product.is_published, Cooperative.takes_orders)
        .options(
            contains_eager(Product.cooperative),
            joinedload(Product.category),
            selectinload(Product.price_tiers),
        )
    )
