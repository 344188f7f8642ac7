"""Load the demo data. Every object is found by its natural key first, so a second run adds
nothing (`flask seed-demo` is safe to repeat)."""

from datetime import timedelta
from functools import partial

import click
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from marketplace.accounts.models import User
from marketplace.catalogue.models import Category, PriceTier, Product, ProductStatus
from marketplace.catalogue.services import ensure_categories, product_slug
from marketplace.checkout.services import (
    Delivery,
    OrderRequest,
    place_order,
    quote_delivery_fee,
)
from marketplace.cooperatives.delivery import DeliveryChoice, courier_codes
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeStatus,
    DeliveryFeeRate,
    Membership,
    MembershipRole,
    SupplyOffer,
)
from marketplace.db import utcnow
from marketplace.demo_api import seed_api_tokens
from marketplace.demo_capacity import seed_capacity
from marketplace.demo_contracts import seed_contracts, seed_offtakers
from marketplace.demo_data import (
    COOPERATIVES,
    DEMO_PASSWORD,
    DOMAIN,
    LOGINS,
    PENDING_COOPERATIVE,
)
from marketplace.demo_delivery import DELIVERY
from marketplace.demo_photos import seed_demo_photos
from marketplace.demo_places import HOTEL_DESK, HOTEL_REGIONS, seed_places
from marketplace.demo_reports import seed_reports
from marketplace.demo_rfq import seed_rfqs
from marketplace.demo_rows import added
from marketplace.demo_shipping import SHIPPING_TARGETS, take_to
from marketplace.demo_shu import seed_shu
from marketplace.demo_webhooks import seed_webhooks
from marketplace.extensions import db
from marketplace.finance.queries import balance
from marketplace.finance.services import (
    Deduction,
    create_payout_batch,
    mark_line_paid,
    record_deduction,
)
from marketplace.fulfilment.services import (
    accept_assignment,
    decline_assignment,
    publish_allocation,
    record_quality_control,
    report_progress,
)
from marketplace.orders.models import OrderStatus
from marketplace.orders.services import cancel_by_buyer
from marketplace.payments.services import record_bank_transfer
from marketplace.transaction import transaction


def _email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def _user(local: str, name: str, password_hash: str, **extra) -> User:
    user = db.session.scalar(select(User).where(User.email == _email(local)))
    if user is None:
        # Demo addresses cannot receive mail: they count as verified, also with MAIL_SERVER set.
        user = User(
            email=_email(local),
            name=name,
            password_hash=password_hash,
            email_verified_at=utcnow(),
            **extra,
        )
        added(user)
    return user


# The keys of a cooperative's spec that are its columns as they stand.
COOPERATIVE_COLUMNS = (
    "slug",
    "name",
    "kind",
    "legal_entity_number",
    "nib",
    "province",
    "regency",
    "time_zone",
    "description",
)


def _cooperative(spec: dict, status: str, password_hash: str) -> Cooperative:
    coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == spec["slug"]))
    if coop is None:
        bank_name, account, holder = spec["bank"]
        coop = Cooperative(
            **{column: spec[column] for column in COOPERATIVE_COLUMNS},
            bank_name=bank_name,
            bank_account_number=account,
            bank_account_holder=holder,
            status=status,
            verified_at=utcnow() if status == CooperativeStatus.VERIFIED else None,
            is_pkp=spec.get("is_pkp", False),
            npwp=spec.get("npwp"),
            fee_rate_bp=spec.get("fee_rate_bp", 0),
        )
        added(coop)
        _delivery_options(coop)
    local, name = spec["admin"]
    _membership(coop, _user(local, name, password_hash), MembershipRole.ADMIN, "ADM-001", "")
    for number, (local, name, business) in enumerate(spec["members"], start=1):
        phone = f"+62812{coop.id:02d}{number:06d}"
        user = _user(local, name, password_hash, phone=phone)
        _membership(coop, user, MembershipRole.MEMBER, f"M-{number:04d}", business)
    return coop


def _delivery_options(coop: Cooperative) -> None:
    """The demo cooperative's delivery options, set when it is created."""
    options = DELIVERY[coop.slug]
    coop.offers_pickup = options["pickup"]
    coop.hub_address = options.get("hub", "")
    coop.offers_own_delivery = bool(options["own"])
    coop.couriers = courier_codes(options["couriers"])
    for province, regency, fee in options["own"]:
        coop.delivery_fee_rates.append(DeliveryFeeRate(province=province, regency=regency, fee=fee))


def _membership(coop: Cooperative, user: User, role: str, number: str, business: str):
    found = db.session.scalar(
        select(Membership).where(
            Membership.cooperative_id == coop.id, Membership.user_id == user.id
        )
    )
    if found is None:
        found = Membership(
            cooperative=coop, user=user, role=role, member_number=number, business_name=business
        )
        added(found)
    return found


# The Product columns at the head of a spec's product row (tiers, description, permits follow).
PRODUCT_COLUMNS = (
    "name",
    "category",
    "kind",
    "unit",
    "order_step",
    "min_order_quantity",
    "lead_time_days",
)


def _products(coop: Cooperative, spec: dict, categories: dict[str, Category]) -> list[Product]:
    products = []
    for *columns, tiers, description, permits in spec["products"]:
        values = dict(zip(PRODUCT_COLUMNS, columns, strict=True))
        slug = product_slug(values["name"])
        product = db.session.scalar(
            select(Product).where(Product.cooperative_id == coop.id, Product.slug == slug)
        )
        if product is None:
            values["category"] = categories[values["category"]]
            product = Product(
                cooperative=coop,
                slug=slug,
                description=description,
                status=ProductStatus.PUBLISHED,
                **values,
                **permits,
            )
            product.price_tiers = [PriceTier(min_quantity=q, unit_price=p) for q, p in tiers]
            added(product)
        products.append(product)
    return products


def _offers(coop: Cooperative, products: list[Product]) -> None:
    """Each member offers most products, with capacities that differ so splits are visible."""
    members = [m for m in coop.memberships if m.role == MembershipRole.MEMBER]
    for p_index, product in enumerate(products):
        for m_index, membership in enumerate(members):
            if (p_index + m_index) % 4 == 3:
                continue  # not every member makes everything
            exists = db.session.scalar(
                select(SupplyOffer.id).where(
                    SupplyOffer.membership_id == membership.id,
                    SupplyOffer.product_id == product.id,
                )
            )
            if exists is None:
                units = product.min_order_quantity * (2 + (p_index * 3 + m_index * 5) % 7)
                db.session.add(
                    SupplyOffer(
                        membership=membership,
                        product=product,
                        units_available=units,
                        min_lot=max(product.order_step, 1),
                        quality_grade="A" if m_index % 2 == 0 else "B",
                    )
                )


# Orders sent by courier (the others take the cooperative's first option for Jakarta); the
# batik order's fee is quoted (and the order paid), the Palu cargo still awaits its quote.
COURIER_ORDERS = {
    "demo-order-batik": DeliveryChoice("courier", "jne"),
    "demo-order-palu": DeliveryChoice("courier", "cargo"),
    "demo-order-tangsel": DeliveryChoice("courier", "sicepat"),
}
QUOTED = {"demo-order-batik": 85_000}


def _demo_orders(buyer: User, coops: dict[str, Cooperative], products: dict[str, list]) -> None:
    """Orders in different states: awaiting transfer, paid, allocated, cancelled, ready,
    shipped, delivered, completed."""
    plan = [
        ("demo-order-allocated", "kopbon-bekasi", 0, 200, "allocated"),
        ("demo-order-workflow", "kopbon-bekasi", 5, 150, "workflow"),
        ("demo-order-confirmed", "kopbon-bekasi", 1, 40, "confirmed"),
        ("demo-order-placed", "kopbon-bekasi", 5, 60, "placed"),
        ("demo-order-batik", "batik-probolinggo", 1, 40, "confirmed"),
        ("demo-order-palu", "ksu-palu", 0, 100, "placed"),
        ("demo-order-tangsel", "umkm-tangsel", 1, 48, "placed"),
        ("demo-order-cancelled", "umkm-tangsel", 0, 48, "cancelled"),
        ("demo-order-completed", "kopbon-bekasi", 4, 5, "completed"),
        ("demo-order-delivered", "kopbon-bekasi", 4, 5, "delivered"),
        ("demo-order-shipped", "kopbon-bekasi", 3, 2, "shipped"),
        ("demo-order-ready", "kopbon-bekasi", 3, 2, "ready"),
    ]
    for key, slug, index, quantity, target in plan:
        product = products[slug][index]
        coop = coops[slug]
        admin = next(m.user for m in coop.memberships if m.role == MembershipRole.ADMIN)
        order = _place_demo_order(buyer, product, quantity, key)
        if key in QUOTED and order.awaits_delivery_quote:
            quote_delivery_fee(order, admin, QUOTED[key])
        if target == "cancelled" and order.status == OrderStatus.PLACED:
            cancel_by_buyer(order, buyer)
        paid_targets = ("confirmed", "allocated", "workflow", *SHIPPING_TARGETS)
        if target in paid_targets and order.status == OrderStatus.PLACED:
            record_bank_transfer(
                order,
                admin,
                amount=order.total,
                received_on=order.cooperative.local_date(),
                reference="DEMO",
            )
        if target == "allocated" and order.status == OrderStatus.CONFIRMED:
            publish_allocation(order, admin)
        if target == "workflow" and order.status == OrderStatus.CONFIRMED:
            _work_through(order, admin)
        if target in SHIPPING_TARGETS:
            take_to(order, admin, target)


def _place_demo_order(buyer: User, product, quantity: int, key: str):
    """One demo order to the hotel in Jakarta (placed once: the key makes it idempotent)."""
    return place_order(
        buyer,
        product,
        OrderRequest(
            quantity=quantity,
            delivery=Delivery(
                delivery_date=utcnow().date() + timedelta(days=product.lead_time_days + 7),
                **HOTEL_DESK,
                **HOTEL_REGIONS,
                po_number="PO-HM-2025-001",
            ),
            idempotency_key=key,
            delivery_choice=COURIER_ORDERS.get(key),
        ),
    )


def _work_through(order, admin: User) -> None:
    """Show every step on one order: the first member accepts, delivers and has units rejected
    at quality control (re-offered), the second declines (re-offered). Runs once: only while
    the order is still confirmed."""
    made = publish_allocation(order, admin)
    first, second = made[0], made[1]
    accept_assignment(first, first.membership.user)
    decline_assignment(second, second.membership.user, "Bahan kain habis minggu ini")
    report_progress(first, first.membership.user, "delivered_to_hub")
    rejected = max(first.quantity // 10, 1)
    record_quality_control(first, admin, first.quantity - rejected, rejected, "Jahitan kurang rapi")
    _pay_member(first.membership, admin)


def _pay_member(membership: Membership, admin: User) -> None:
    """The first member's books: earnings from the QC above, a deduction for materials and a
    paid payout batch of half of what is left."""
    record_deduction(membership, admin, Deduction(50_000, "Dakron isian 5 kg"))
    owed = balance(membership.id)
    batch = create_payout_batch(membership.cooperative, admin, {membership.id: owed // 2})
    mark_line_paid(batch.lines[0], admin, "BJB-DEMO-0001")


def seed_demo() -> None:
    password_hash = generate_password_hash(DEMO_PASSWORD)
    categories = {c.slug: c for c in ensure_categories()}
    with transaction():
        local, name = LOGINS["platform_admin"]
        _user(local, name, password_hash, is_platform_admin=True)
        local, name = LOGINS["buyer"]
        buyer = _user(local, name, password_hash, phone="+6281311112222")
        coops, products = {}, {}
        for spec in COOPERATIVES:
            coop = _cooperative(spec, CooperativeStatus.VERIFIED, password_hash)
            coops[spec["slug"]] = coop
            products[spec["slug"]] = _products(coop, spec, categories)
            db.session.flush()
            db.session.refresh(coop)
            _offers(coop, products[spec["slug"]])
        _cooperative(PENDING_COOPERATIVE, CooperativeStatus.PENDING, password_hash)
    _demo_orders(buyer, coops, products)
    seed_capacity()
    seed_reports()
    seed_shu(partial(_place_demo_order, buyer))
    seed_rfqs(buyer)
    offtakers = seed_offtakers(password_hash, DOMAIN)
    seed_contracts(offtakers, coops, products)
    seed_webhooks(offtakers["hotel"])
    seed_api_tokens(offtakers)
    seed_demo_photos()
    seed_places()


def demo_logins() -> list[tuple[str, str]]:
    """(role, email) of every demo account worth logging in as: all nine of them."""
    rows = [
        ("platform admin", _email(LOGINS["platform_admin"][0])),
        ("buyer", _email(LOGINS["buyer"][0])),
    ]
    for spec in COOPERATIVES:
        rows.append((f"cooperative admin, /kelola/{spec['slug']}/", _email(spec["admin"][0])))
    rows.insert(3, ("member of kopbon-bekasi (has work)", _email(COOPERATIVES[0]["members"][0][0])))
    pending = PENDING_COOPERATIVE
    rows.append(
        (f"cooperative admin, pending, /kelola/{pending['slug']}/", _email(pending["admin"][0]))
    )
    return rows


def print_logins() -> None:
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in demo_logins():
        click.echo(f"  {role:<50} {email}")
    click.echo(
        f"  other members: bekasi.m2@{DOMAIN}, probolinggo.m1@{DOMAIN}, palu.m3@{DOMAIN}, ..."
    )
    click.echo(f"  offtakers (/kontrak): hotel@{DOMAIN} (Palu fish), ritel@{DOMAIN} (Bekasi dolls)")
