"""Demo offtake contracts: a hotel group takes smoked skipjack from Palu every week, a toy
retailer dolls from Bekasi every month. Call-offs already ordered are taken through delivery,
shipment and allocation; one coming call-off is changed, one skipped; the retailer's contract
has a second version awaiting its answer. Every step runs only while the data is in the state
before it, so seeding twice changes nothing."""

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative, MembershipRole
from marketplace.db import utcnow
from marketplace.demo_rows import added
from marketplace.demo_shipping import take_to, through_qc
from marketplace.extensions import db
from marketplace.offtake.models import CallOff, CallOffStatus, Contract
from marketplace.offtake.services import (
    ContractAddress,
    ContractTerms,
    accept_version,
    change_call_off,
    propose_contract,
    revise_contract,
    run_due,
)
from marketplace.orders.models import OrderStatus
from marketplace.transaction import transaction

OFFTAKERS = {
    "hotel": "Grup Hotel Teluk Nusantara",
    "ritel": "Ritel Mainan Ceria",
}
# Where each offtaker's call-offs are delivered, in ContractAddress' order: recipient, phone,
# province, regency, district, village, street address, postal code.
ADDRESSES = {
    "hotel": (
        "Dapur Pusat Hotel Teluk Nusantara",
        "+6281355501234",
        "Sulawesi Tengah",
        "Kota Palu",
        "Palu Barat",
        "Lere",
        "Jl. Raja Moili No. 8",
        "94221",
    ),
    "ritel": (
        "Gudang Ritel Mainan Ceria",
        "+6281288804321",
        "Jawa Barat",
        "Kota Bekasi",
        "Bekasi Barat",
        "Kranji",
        "Jl. Sultan Agung Km 28, Blok C3",
        "17135",
    ),
}


# Each offtaker's terms beyond those every demo contract has (_terms).
TERMS = {
    "hotel": {
        "unit_price": 80_000,
        "total_volume": 325,
        "call_off_quantity": 25,
        "frequency": "weekly",
        "tolerance_pct": 20,
        "cutoff_days": 14,
        "below_grade_price": 60_000,
    },
    "ritel": {
        "grade": "SNI, jahitan rapi",
        "unit_price": 39_000,
        "total_volume": 600,
        "call_off_quantity": 100,
        "frequency": "monthly",
        "tolerance_pct": 10,
        "cutoff_days": 21,
        "allow_skip": False,
        "below_grade": "reject",
        "below_grade_price": None,
    },
}


def _terms(coop: Cooperative, product: Product, offtaker: str, **values) -> ContractTerms:
    start = coop.local_date() + timedelta(days=product.lead_time_days)
    base = dict(
        grade="A",
        start_date=start,
        allow_skip=True,
        below_grade="discount",
        terms_days=30,
        dates=(),
    )
    base.update(TERMS[offtaker], address=ContractAddress(*ADDRESSES[offtaker]), **values)
    base.setdefault("end_date", start + timedelta(weeks=12))
    return ContractTerms(**base)


def _contract(coop, offtaker: User, product: Product, terms: ContractTerms) -> Contract:
    found = db.session.scalar(
        select(Contract).where(
            Contract.cooperative_id == coop.id,
            Contract.offtaker_id == offtaker.id,
            Contract.product_id == product.id,
        )
    )
    if found is not None:
        return found
    admin = _admin(coop)
    contract = propose_contract(coop, admin, offtaker.email, product.id, terms)
    accept_version(contract, offtaker)
    return contract


def _admin(coop: Cooperative) -> User:
    return next(m.user for m in coop.memberships if m.role == MembershipRole.ADMIN)


def _coming(contract: Contract) -> list[CallOff]:
    db.session.refresh(contract)
    return [c for c in contract.call_offs if c.status == CallOffStatus.SCHEDULED]


def _work_on(contract: Contract, targets: tuple[str, ...]) -> None:
    """Take the ordered call-offs, in date order, to these states (the rest stay allocated)."""
    admin = _admin(contract.cooperative)
    ordered = [c for c in contract.call_offs if c.order is not None]
    for call_off, target in zip(ordered, targets, strict=False):
        if call_off.order.status == OrderStatus.ALLOCATING:
            through_qc(call_off.order, admin)
            take_to(call_off.order, admin, target)


def seed_contracts(users: dict[str, User], coops: dict[str, Cooperative], products) -> None:
    palu, bekasi = coops["ksu-palu"], coops["kopbon-bekasi"]
    fish = products["ksu-palu"][2]  # smoked skipjack, kg, step 5, MOQ 20, lead 3 days
    dolls = products["kopbon-bekasi"][0]  # the 30 cm bear, step 10, MOQ 50, lead 14 days
    weekly = _terms(palu, fish, "hotel")
    hotel = _contract(palu, users["hotel"], fish, weekly)
    ends = bekasi.local_date() + timedelta(days=14 + 5 * 31)  # the lead time, five months
    monthly = _terms(bekasi, dolls, "ritel", end_date=ends)
    retail = _contract(bekasi, users["ritel"], dolls, monthly)
    run_due([hotel.id, retail.id])
    _work_on(hotel, ("delivered", "shipped"))
    coming = _coming(hotel)
    if len(coming) > 3 and not any(c.changed for c in coming):
        change_call_off(coming[1], users["hotel"], 30)
        change_call_off(coming[2], users["hotel"], None, skip=True)
    if len(retail.versions) == 1:
        revise_contract(
            retail,
            _admin(bekasi),
            replace(monthly, end_date=monthly.end_date + timedelta(days=6 * 31), total_volume=1200),
        )


def seed_offtakers(password_hash: str, domain: str) -> dict[str, User]:
    users = {}
    with transaction():
        for local, name in OFFTAKERS.items():
            email = f"{local}@{domain}"
            user = db.session.scalar(select(User).where(User.email == email))
            if user is None:
                user = User(
                    email=email, name=name, password_hash=password_hash, email_verified_at=utcnow()
                )
                added(user)
            users[local] = user
    return users
