"""The locks catalogue use cases take before they read and then change a product.

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from marketplace.catalogue.models import Product
from marketplace.extensions import db
from marketplace.locking import lock_rows


def lock_product(product: Product) -> None:
    """Lock `product` and reload it with its photos, as they are after any concurrent change."""
    lock_rows(Product, [product.id])
    db.session.refresh(product)
    db.session.expire(product, ["photos"])
