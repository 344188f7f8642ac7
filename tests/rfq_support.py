"""A request for quotation sent to two cooperatives, built through the real services, for the
RFQ tests (integration and browser)."""

from dataclasses import dataclass
from datetime import timedelta

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative
from marketplace.rfq import services
from marketplace.rfq.models import RFQ, Quote, RFQRecipient
from tests.factories import (
    english_user,
    local_today,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)


@dataclass
class Seller:
    coop: Cooperative
    admin: User
    product: Product  # MOQ 20, step 10, tiers 20 @ 50.000 / 100 @ 45.000, lead 14, 200 offered


def make_seller(name: str) -> Seller:
    admin = english_user(f"Admin {name}")
    coop = make_cooperative(admin=admin, name=name)
    product = make_product(coop, name=f"Boneka {name}")
    make_offer(make_member(coop), product, 200)
    return Seller(coop, admin, product)


@dataclass
class World:
    buyer: User
    first: Seller
    second: Seller
    rfq: RFQ

    def recipient(self, seller: Seller) -> RFQRecipient:
        return next(r for r in self.rfq.recipients if r.cooperative_id == seller.coop.id)


def rfq_input(product_id: int | None = None, **overrides) -> services.RFQInput:
    values = dict(
        title="Boneka seragam hotel",
        quantity=100,
        unit="pcs",
        needed_by=local_today() + timedelta(days=60),
        delivery_place="Jakarta Pusat, DKI Jakarta",
        specification="Boneka beruang 30 cm dengan logo hotel",
        grade="A",
        target_price=40_000,
        product_id=product_id,
    )
    values.update(overrides)
    return services.RFQInput(**values)


def build_world() -> World:
    buyer = english_user("Hotel buyer")
    first, second = make_seller("Koperasi Satu"), make_seller("Koperasi Dua")
    rfq = services.send_rfq(buyer, rfq_input(), [first.coop.id, second.coop.id], [])
    return World(buyer, first, second, rfq)


def quote_input(seller: Seller, **overrides) -> services.QuoteInput:
    values = dict(
        product_id=seller.product.id,
        quantity=100,
        unit_price=42_000,
        lead_time_days=21,
        valid_until=seller.coop.local_date() + timedelta(days=14),
        conditions="DP 30%",
    )
    values.update(overrides)
    return services.QuoteInput(**values)


def quote(world: World, seller: Seller, **overrides) -> Quote:
    return services.submit_quote(
        world.recipient(seller), seller.admin, quote_input(seller, **overrides)
    )
