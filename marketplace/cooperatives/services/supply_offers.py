"""Members' supply offers: what each member can deliver of each product."""

from dataclasses import asdict, dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.audit.services import record
from marketplace.catalogue.models import Product
from marketplace.catalogue.services import availability_for
from marketplace.cooperatives.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    SupplyOffer,
)
from marketplace.errors import NotAllowed
from marketplace.extensions import db
from marketplace.transaction import transaction


@dataclass(frozen=True)
class SupplyOfferData:
    """A member's offer for one product (numbers range-checked by the form)."""

    units_available: int
    min_lot: int = 1
    quality_grade: str = ""
    active: bool = True


def find_offer(membership: Membership, product: Product) -> SupplyOffer | None:
    return db.session.scalar(
        select(SupplyOffer).where(
            SupplyOffer.membership_id == membership.id, SupplyOffer.product_id == product.id
        )
    )


def offers_overview(membership: Membership) -> list[tuple[Product, SupplyOffer | None, int]]:
    """For each published product of the member's cooperative: the member's offer and the
    product's pooled availability."""
    products = list(
        db.session.scalars(
            select(Product)
            .where(
                Product.cooperative_id == membership.cooperative_id,
                Product.is_published,
            )
            .order_by(Product.name, Product.id)
        )
    )
    offers = {
        offer.product_id: offer
        for offer in db.session.scalars(
            select(SupplyOffer).where(SupplyOffer.membership_id == membership.id)
        )
    }
    available = pooled_availability([p.id for p in products])
    return [(p, offers.get(p.id), available.get(p.id, 0)) for p in products]


def pooled_availability(product_ids: list[int]) -> dict[int, int]:
    """Units of each product the cooperative can still promise (the catalogue's definition)."""
    return availability_for(product_ids)


def save_supply_offer(
    membership: Membership, product: Product, data: SupplyOfferData
) -> SupplyOffer:
    """Create or update the member's one offer for this product.

    Raises NotAllowed unless the membership is an active producing member of the product's
    cooperative and the product is published.
    """
    if (
        membership.status != MembershipStatus.ACTIVE
        or membership.role != MembershipRole.MEMBER
        or product.cooperative_id != membership.cooperative_id
        or not product.is_published
    ):
        raise NotAllowed(_l("You cannot offer this product."))
    after = asdict(data)
    with transaction():
        offer = find_offer(membership, product)
        if offer is None:
            offer = SupplyOffer(membership_id=membership.id, product_id=product.id, **after)
            db.session.add(offer)
            action, before = "supply_offer.created", None
        else:
            before = {name: getattr(offer, name) for name in after}
            for name, value in after.items():
                setattr(offer, name, value)
            action = "supply_offer.updated"
        record(
            action,
            offer,
            actor=membership.user,
            cooperative_id=membership.cooperative_id,
            before=before,
            after=after,
        )
    return offer
