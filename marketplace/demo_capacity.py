"""Demo production rates: each demo offer makes a share of its ready units again every week,
so product pages show availability growing over 4 and 12 weeks.

Idempotent: only offers still at rate 0 get one, so a second `flask seed-demo` (or a rate a
member changed by hand) stays as it is.
"""

from sqlalchemy import select

from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, SupplyOffer
from marketplace.extensions import db
from marketplace.transaction import transaction

# Cooperative slug -> divisor: a week's production is ready units // divisor (in order steps).
# Hand-drawn batik is slow; food and fish come in every week; photographers book sessions.
WEEKLY_SHARE = {
    "kopbon-bekasi": 4,
    "batik-probolinggo": 10,
    "umkm-tangsel": 2,
    "ksu-palu": 3,
    "foto-bengkulu": 5,
}


def weekly_rate(units: int, divisor: int, step: int) -> int:
    """units // divisor, rounded down to the order step, at least one step."""
    step = max(step, 1)
    return max(units // divisor // step * step, step)


def seed_capacity() -> None:
    """Give the demo cooperatives' offers at rate 0 a weekly production rate."""
    with transaction():
        rows = db.session.execute(
            select(SupplyOffer, Product.order_step, Cooperative.slug)
            .join(Product, SupplyOffer.product_id == Product.id)
            .join(Cooperative, Product.cooperative_id == Cooperative.id)
            .where(Cooperative.slug.in_(WEEKLY_SHARE), SupplyOffer.rate_per_week == 0)
        ).all()
        for offer, step, slug in rows:
            offer.rate_per_week = weekly_rate(offer.units_available, WEEKLY_SHARE[slug], step)
