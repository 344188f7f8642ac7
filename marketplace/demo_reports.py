"""A year of sales history for the reports and the operator's console (demo and benchmark).

The history is written in bulk (one INSERT per table and batch), dated in the past, for every
verified demo cooperative that has published products: orders in their final states, their
lines, members' assignments with quality control, shipments and payments. More cooperatives
are registered across the seeds' regions, some active, some that stopped, some never started,
so that the share of active cooperatives per region means something.

`seed_reports()` runs once (its orders are numbered RPT-...); `build_history(scale)` is what
the benchmark calls with a larger scale.
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, insert, select, update

from marketplace.accounts.models import User
from marketplace.catalogue.models import Category, PriceTier, Product, ProductStatus
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.db import utcnow
from marketplace.demo_rows import added
from marketplace.extensions import db
from marketplace.finance.models import EntryKind, LedgerEntry
from marketplace.fulfilment.models import Assignment, AssignmentStatus
from marketplace.orders.models import Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.orders.shipment_models import ReceivedHow, Shipment, ShipmentLine
from marketplace.payments.models import Payment
from marketplace.transaction import transaction

PREFIX = "RPT-"
DELIVERY_DAYS = 10  # from order to the agreed delivery date
SETTLED_DAYS = 20  # the history ends this many days ago, all of it delivered by now
UNPAID_DELIVERED = 0.5  # of delivered orders, on invoice terms and not paid yet: receivables
MONTHS = 12
BATCH = 2000
BUYERS = (
    ("pembeli.hotel", "Hotel Melati Jakarta", None),
    ("pembeli.toko", "Toko Oleh-Oleh Nusantara", None),
    ("offtaker.mainan", "Rina Kusuma", "PT Mainan Ceria Indonesia"),
    ("offtaker.pangan", "Agus Salim", "PT Pangan Lestari"),
    ("pembeli.eo", "Sari Event Organizer", None),
    ("pembeli.kantor", "Koperasi Karyawan Bank", None),
)
# (province, regency, time zone, category slug, how many more cooperatives)
REGIONS = (
    ("Jawa Barat", "Kota Bekasi", "Asia/Jakarta", "boneka", 10),
    ("Jawa Barat", "Kabupaten Bekasi", "Asia/Jakarta", "boneka", 8),
    ("Bengkulu", "Kota Bengkulu", "Asia/Jakarta", "fotografi", 8),
    ("Sulawesi Tengah", "Kota Palu", "Asia/Makassar", "pertanian", 5),
    ("Sulawesi Tengah", "Kabupaten Donggala", "Asia/Makassar", "pertanian", 2),
    ("Banten", "Kota Tangerang Selatan", "Asia/Jakarta", "kuliner", 5),
    ("Jawa Timur", "Kabupaten Probolinggo", "Asia/Jakarta", "batik", 4),
)
# What became of a historical order, with its weight.
FATES = (
    (OrderStatus.COMPLETED, 80),
    (OrderStatus.DELIVERED, 4),
    (OrderStatus.CANCELLED, 6),
    (OrderStatus.EXPIRED, 6),
    (OrderStatus.REFUNDED, 2),
    (OrderStatus.SHIPPED, 2),
)
# An extra cooperative's story: orders per month in the last 12 months, oldest first.
PROFILES = {
    "steady": [2] * MONTHS,
    "growing": [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4],
    "stopped": [2, 2, 3, 2, 1, 1, 1, 0, 0, 0, 0, 0],
    "never": [0] * MONTHS,
}


# The cooperatives the history adds (the demo's own have other slugs).
EXTRA = Cooperative.slug.like("rpt-%")


@dataclass
class Seller:
    coop_id: int
    time_zone: str
    products: list[tuple[int, int, int]]  # (product id, unit price, member payout per unit)
    members: list[int]  # membership ids of producing members
    per_month: list[int]


def seed_reports() -> None:
    """The demo's history, once: nothing is added when RPT- orders exist already."""
    if db.session.scalar(select(Order.id).where(Order.number.like(f"{PREFIX}%")).limit(1)):
        return
    build_history(scale=1, password_hash=_demo_password_hash())


def _demo_password_hash() -> str:
    return db.session.scalar(select(User.password_hash).order_by(User.id).limit(1)) or "!"


def build_history(scale: int, password_hash: str, seed: int = 14) -> int:
    """Write `scale` times the demo history; returns the number of orders written."""
    rng = random.Random(seed)
    with transaction():
        buyers = _buyers(password_hash, scale)
        sellers = _demo_sellers(scale) + _extra_cooperatives(rng, scale)
        written = _orders(rng, sellers, buyers)
    return written


def _buyers(password_hash: str, scale: int) -> list[int]:
    ids = []
    for n in range(scale):
        for local, name, _company in BUYERS:
            email = f"{local}{'' if n == 0 else n}@demo.pasarkoperasi.id"
            user_id = db.session.scalar(select(User.id).where(User.email == email))
            if user_id is None:
                user = User(
                    email=email,
                    name=name,
                    password_hash=password_hash,
                    locale="id",
                    email_verified_at=utcnow(),  # demo accounts may order with mail set up
                )
                user_id = added(user).id
            ids.append(user_id)
    return ids


def _products_of(coop_id: int) -> list[tuple[int, int, int]]:
    price = (
        select(func.min(PriceTier.unit_price))
        .where(PriceTier.product_id == Product.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Product.id, price, Product.member_price).where(
            Product.cooperative_id == coop_id, Product.status == ProductStatus.PUBLISHED
        )
    )
    return [(i, int(p or 50_000), int(m or (p or 50_000) * 8 // 10)) for i, p, m in rows]


def _demo_sellers(scale: int) -> list[Seller]:
    """The verified demo cooperatives, busier the larger the scale, growing over the year."""
    sellers = []
    coops = db.session.execute(
        select(Cooperative.id, Cooperative.time_zone).where(
            Cooperative.status == CooperativeStatus.VERIFIED,
            ~EXTRA,
        )
    ).all()
    for coop_id, zone in coops:
        products = _products_of(coop_id)
        members = list(
            db.session.scalars(
                select(Membership.id).where(
                    Membership.cooperative_id == coop_id,
                    Membership.role == MembershipRole.MEMBER,
                    Membership.status == MembershipStatus.ACTIVE,
                )
            )
        )
        if products:
            _registered_before_history(coop_id)
            per_month = [(6 + month // 2) * scale for month in range(MONTHS)]
            sellers.append(Seller(coop_id, zone, products, members, per_month))
    return sellers


def _registered_before_history(coop_id: int) -> None:
    """A cooperative with a year of sales was registered before it (demo cooperatives are
    created when the demo is seeded)."""
    before = _month_start(MONTHS + 1)
    db.session.execute(
        update(Cooperative)
        .where(Cooperative.id == coop_id, Cooperative.created_at > before)
        .values(created_at=before)
    )


def _extra_cooperatives(rng: random.Random, scale: int) -> list[Seller]:
    categories = {c.slug: c.id for c in db.session.scalars(select(Category))}
    if not categories:
        return []  # the demo's categories are not seeded: no products to give them
    fallback = next(iter(categories.values()))
    # numbered on from an earlier history's cooperatives, so that a second call adds to it
    number = db.session.scalar(select(func.count(Cooperative.id)).where(EXTRA)) or 0
    sellers = []
    for _copy in range(scale):
        for province, regency, zone, category, count in REGIONS:
            for _ in range(count):
                number += 1
                status, profile = _fate_of_cooperative(rng)
                coop = _extra_cooperative(number, province, regency, zone, status, rng)
                if status != CooperativeStatus.VERIFIED and profile != "stopped":
                    continue
                product = _extra_product(coop, categories.get(category, fallback), rng)
                sellers.append(Seller(coop.id, zone, [product], [], list(PROFILES[profile])))
    return sellers


def _fate_of_cooperative(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.08:
        return CooperativeStatus.PENDING, "never"
    if roll < 0.14:
        return CooperativeStatus.SUSPENDED, "stopped"
    if roll < 0.18:
        return CooperativeStatus.REJECTED, "never"
    return CooperativeStatus.VERIFIED, rng.choice(
        ["steady", "steady", "growing", "stopped", "never"]
    )


def _extra_cooperative(number, province, regency, zone, status, rng) -> Cooperative:
    registered = utcnow() - timedelta(days=rng.randint(30, 900))
    town = regency.replace("Kota ", "").replace("Kabupaten ", "")
    coop = Cooperative(
        slug=f"rpt-{number}",
        name=f"Koperasi Usaha Bersama {town} {number}",
        kind="producer",
        legal_entity_number=f"AHU-{number:07d}.AH.01.26.TAHUN 2022",
        nib=f"9{number:012d}",
        province=province,
        regency=regency,
        time_zone=zone,
        status=status,
        bank_name="Bank BRI",
        bank_account_number=f"0{number:09d}",
        bank_account_holder=f"Koperasi {town} {number}",
        created_at=registered,
        updated_at=registered,
        verified_at=registered if status == CooperativeStatus.VERIFIED else None,
    )
    return added(coop)


def _extra_product(coop: Cooperative, category_id: int, rng: random.Random):
    price = rng.choice([25_000, 40_000, 75_000, 120_000])
    product = Product(
        cooperative_id=coop.id,
        category_id=category_id,
        slug="produk-unggulan",
        name=f"Produk unggulan {coop.regency}",
        unit="pcs",
        # sold in the history, off the catalogue now: the demo's catalogue stays the seeds'
        status=ProductStatus.ARCHIVED,
        created_at=coop.created_at,
        updated_at=coop.created_at,
    )
    added(product)
    db.session.add(PriceTier(product_id=product.id, min_quantity=1, unit_price=price))
    return (product.id, price, price * 8 // 10)


def _month_start(months_ago: int) -> datetime:
    today = utcnow().date().replace(day=1)
    index = today.year * 12 + today.month - 1 - months_ago
    return datetime.combine(today.replace(year=index // 12, month=index % 12 + 1), time(), UTC)


def _orders(rng: random.Random, sellers: list[Seller], buyers: list[int]) -> int:
    now = utcnow()
    plans = []
    for seller in sellers:
        for month, count in enumerate(seller.per_month):
            start = _month_start(MONTHS - 1 - month)
            for _ in range(count):
                placed = start + timedelta(days=rng.uniform(0, 27), hours=rng.uniform(0, 12))
                # Only work that is over: nothing of the history holds capacity or waits.
                if placed < now - timedelta(days=SETTLED_DAYS):
                    plans.append((seller, placed))
    written = db.session.scalar(select(func.count(Order.id)).where(Order.number.like(f"{PREFIX}%")))
    numbered = [(n, seller, placed) for n, (seller, placed) in enumerate(plans, start=written + 1)]
    for first in range(0, len(numbered), BATCH):
        _write_batch(rng, numbered[first : first + BATCH], buyers, now)
    return len(numbered)


def _write_batch(rng, batch, buyers, now) -> None:
    fates = [rng.choices([f for f, _ in FATES], [w for _, w in FATES])[0] for _ in batch]
    orders, lines = [], []
    for (n, seller, placed), fate in zip(batch, fates, strict=True):
        product_id, price, payout = rng.choice(seller.products)
        quantity = rng.choice([5, 10, 20, 40, 60, 100])
        subtotal = quantity * price
        sold = fate not in (OrderStatus.CANCELLED, OrderStatus.EXPIRED)
        row = _order_row(n, seller, placed, fate, subtotal, rng.choice(buyers), sold)
        if fate == OrderStatus.DELIVERED and rng.random() < UNPAID_DELIVERED:
            row["payment_method"] = PaymentMethod.INVOICE_TERMS
        orders.append(row)
        lines.append((product_id, quantity, price, payout))
    ids = list(db.session.scalars(insert(Order).returning(Order.id), orders))
    line_ids = list(
        db.session.scalars(
            insert(OrderLine).returning(OrderLine.id),
            [
                {
                    "order_id": i,
                    "product_id": p,
                    "quantity": q,
                    "unit_price": u,
                    "line_total": q * u,
                }
                for i, (p, q, u, _pay) in zip(ids, lines, strict=True)
            ],
        )
    )
    _work_and_money(rng, batch, orders, ids, line_ids, lines, now)


def _order_row(n, seller, placed, fate, subtotal, buyer_id, sold) -> dict:
    confirmed = placed + timedelta(hours=6) if sold else None
    number = f"{PREFIX}{n:07d}"
    return {
        "number": number,
        "buyer_id": buyer_id,
        "cooperative_id": seller.coop_id,
        "status": fate,
        "payment_method": PaymentMethod.BANK_TRANSFER,
        "subtotal": subtotal,
        "total": subtotal,
        "delivery_fee": 0,
        "delivery_date": (placed + timedelta(days=DELIVERY_DAYS)).date(),
        "recipient_name": "Penerima",
        "recipient_phone": "+6281311112222",
        "province": "DKI Jakarta",
        "regency": "Kota Jakarta Pusat",
        "delivery_address": "Jl. Melati No. 12",
        "postal_code": "10310",
        "idempotency_key": number,
        "confirmed_at": confirmed,
        "created_at": placed,
        "updated_at": placed,
    }


def _work_and_money(rng, batch, orders, ids, line_ids, lines, now) -> None:
    payments, assignments, shipments = [], [], []
    for (_n, seller, _placed), order, order_id, line_id, (_p, quantity, _u, payout) in zip(
        batch, orders, ids, line_ids, lines, strict=True
    ):
        confirmed = order["confirmed_at"]
        if confirmed is None:
            continue
        if order["payment_method"] == PaymentMethod.BANK_TRANSFER:
            payments.append(
                {
                    "order_id": order_id,
                    "method": PaymentMethod.BANK_TRANSFER,
                    "amount": order["total"],
                    "reference": order["number"],
                    "received_at": confirmed,
                    "created_at": confirmed,
                    "updated_at": confirmed,
                }
            )
        due = datetime.combine(order["delivery_date"], time(), UTC)
        delivered = due + timedelta(days=rng.choice([-6, -3, -2, -1, -1, 0, 2, 4]))
        if seller.members:
            assignments.append(_assignment(rng, seller, line_id, quantity, payout, delivered))
        if order["status"] in (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED):
            received = delivered + timedelta(days=rng.choice([1, 2, 3, 5]))
            shipments.append((order_id, line_id, quantity, delivered, received, order["status"]))
    if payments:
        db.session.execute(insert(Payment), payments)
    if assignments:
        _earnings(assignments)
    _shipments(shipments, now)


def _earnings(assignments: list[dict]) -> None:
    """Write the assignments and, as finance does after QC, each one's earning in the
    member's ledger: the books balance to the rupiah."""
    ids = list(db.session.scalars(insert(Assignment).returning(Assignment.id), assignments))
    coop_of = dict(
        db.session.execute(
            select(Membership.id, Membership.cooperative_id).where(
                Membership.id.in_({a["membership_id"] for a in assignments})
            )
        ).all()
    )
    db.session.execute(
        insert(LedgerEntry),
        [
            {
                "cooperative_id": coop_of[a["membership_id"]],
                "membership_id": a["membership_id"],
                "kind": EntryKind.EARNING,
                "amount": a["accepted_quantity"] * a["payout_per_unit"],
                "assignment_id": assignment_id,
                "created_at": a["checked_at"],
                "updated_at": a["checked_at"],
            }
            for assignment_id, a in zip(ids, assignments, strict=True)
        ],
    )


def _assignment(rng, seller, line_id, quantity, payout, delivered) -> dict:
    rejected = rng.choice([0, 0, 0, 0, 1, 2]) * max(quantity // 20, 1)
    rejected = min(rejected, quantity)
    status = AssignmentStatus.PASSED if rejected == 0 else AssignmentStatus.PARTLY_REJECTED
    return {
        "order_line_id": line_id,
        "membership_id": rng.choice(seller.members),
        "quantity": quantity,
        "payout_per_unit": payout,
        "status": status,
        "reason_params": {},
        "delivered_at": delivered,
        "accepted_quantity": quantity - rejected,
        "rejected_quantity": rejected,
        "checked_at": delivered + timedelta(hours=4),
        "created_at": delivered - timedelta(days=14),
        "updated_at": delivered,
    }


def _shipments(shipments, now) -> None:
    if not shipments:
        return
    rows = [
        {
            "order_id": order_id,
            "position": 1,
            "courier": "jne",
            "tracking_number": f"JNE{order_id:010d}",
            "shipped_on": shipped.date(),
            "packages": 1,
            "shipped_at": shipped,
            "delivered_at": None if status == OrderStatus.SHIPPED else min(received, now),
            "received_how": None if status == OrderStatus.SHIPPED else ReceivedHow.BUYER,
            "created_at": shipped,
            "updated_at": shipped,
        }
        for order_id, _line, _q, shipped, received, status in shipments
    ]
    ids = list(db.session.scalars(insert(Shipment).returning(Shipment.id), rows))
    db.session.execute(
        insert(ShipmentLine),
        [
            {"shipment_id": sid, "order_line_id": line_id, "quantity": quantity}
            for sid, (_o, line_id, quantity, *_rest) in zip(ids, shipments, strict=True)
        ],
    )
