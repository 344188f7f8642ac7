"""Members' supply offers: what each member can deliver of each product."""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from marketplace.audit.services import record
from marketplace.catalogue.models import Product
from marketplace.catalogue.services import availability_for
from marketplace.cooperatives import availability
from marketplace.cooperatives.models import (
    Membership,
    MembershipRole,
    MembershipStatus,
    SupplyOffer,
)
from marketplace.cooperatives.queries import find_offer
from marketplace.errors import NotAllowed
from marketplace.extensions import db
from marketplace.transaction import transaction


@dataclass(frozen=True)
class SupplyOfferData:
    """A member's offer for one product (numbers range-checked by the form)."""

    units_available: int
    min_lot: int = 1
    rate_per_week: int = 0  # units (sessions) made per further week; see capacity.py
    quality_grade: str = ""
    active: bool = True


def pooled_availability(product_ids: list[int]) -> dict[int, int]:
    """Units of each product the cooperative can still promise now (the catalogue's definition)."""
    return availability_for(product_ids)


def available_by_date(product_ids: Iterable[int], day: date | None = None) -> dict[int, int]:
    """Units of each product a new order due on `day` (default: today) may take: the active
    offers' ready units plus their production in whole weeks up to `day`, minus what open
    orders hold, keeping every later order's promise (cooperatives/capacity.py). Two
    aggregate queries however many products."""
    return availability.available_by_date(product_ids, day)


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
