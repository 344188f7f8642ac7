"""Contracts for the offtake tests, made through the real services."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from marketplace.accounts.models import User
from marketplace.offtake.models import Contract
from marketplace.offtake.services import (
    ContractAddress,
    ContractTerms,
    accept_version,
    propose_contract,
)
from tests.factories import english_user
from tests.fixtures.scenarios import Shop, build_shop

ADDRESS = ContractAddress(
    recipient_name="Dapur Hotel Teluk",
    recipient_phone="+6281234567890",
    province="Jawa Barat",
    regency="Kota Bekasi",
    district="Bekasi Timur",
    village="Arenjaya",
    delivery_address="Jl. Pantai 1",
    postal_code="17111",
)


def terms(start: date, **changes) -> ContractTerms:
    """Weekly, 20 a call-off (the product's MOQ), eight weeks from `start`, ±10%, cut-off 14
    days (the test product's lead time), skipping allowed, net 30."""
    base = ContractTerms(
        grade="A",
        unit_price=40_000,
        total_volume=180,
        call_off_quantity=20,
        frequency="weekly",
        start_date=start,
        end_date=start + timedelta(weeks=8),
        tolerance_pct=10,
        cutoff_days=14,
        allow_skip=True,
        below_grade="reject",
        below_grade_price=None,
        terms_days=30,
        address=ADDRESS,
    )
    return replace(base, **changes)


@dataclass
class Deal:
    shop: Shop
    offtaker: User
    contract: Contract


def first_due(shop: Shop) -> date:
    """A start date whose first call-off is due to be ordered today."""
    return shop.coop.local_date() + timedelta(days=14)


def proposed_deal(shop: Shop | None = None, **changes) -> Deal:
    shop = shop or build_shop(units=1000)
    offtaker = english_user("Hotel buyer")
    contract = propose_contract(
        shop.coop, shop.admin, offtaker.email, shop.product.id, terms(first_due(shop), **changes)
    )
    return Deal(shop, offtaker, contract)


def active_deal(shop: Shop | None = None, **changes) -> Deal:
    deal = proposed_deal(shop, **changes)
    accept_version(deal.contract, deal.offtaker)
    return deal


def proposal_data(shop: Shop, email: str, **changes) -> dict:
    """The new-contract form as an admin fills it in: the terms of `terms()`."""
    start = first_due(shop)
    data = {
        "offtaker_email": email,
        "product_id": str(shop.product.id),
        "grade": "A",
        "unit_price": "40.000",
        "total_volume": "180",
        "call_off_quantity": "20",
        "frequency": "weekly",
        "dates": "",
        "start_date": start.isoformat(),
        "end_date": (start + timedelta(weeks=8)).isoformat(),
        "tolerance_pct": "10",
        "cutoff_days": "14",
        "allow_skip": "y",
        "below_grade": "reject",
        "below_grade_price": "",
        "terms_days": "30",
        "recipient_name": "Dapur Hotel",
        "recipient_phone": "0812-3456-7890",
        "province_code": "32",
        "regency_code": "32.75",
        "district_code": "32.75.01",
        "village_code": "32.75.01.1004",
        "delivery_address": "Jl. Pantai 1",
        "postal_code": "17111",
    }
    data.update(changes)
    return data
