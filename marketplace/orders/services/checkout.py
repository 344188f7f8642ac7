"""Placing orders: a cart (or one product) becomes one order per cooperative, reserving pooled
capacity under write locks, with VAT and a payment method per order."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.accounts.recovery import ensure_may_place_orders
from marketplace.audit.services import record
from marketplace.catalogue import pricing
from marketplace.catalogue.models import Product
from marketplace.catalogue.services import availability_for
from marketplace.db import utcnow
from marketplace.errors import InsufficientCapacity, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.labels import unit_label
from marketplace.orders import payment_methods
from marketplace.orders.locks import lock_products
from marketplace.orders.models import CartItem, Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.orders.numbers import new_order_number
from marketplace.transaction import transaction

QUANTITY_MESSAGES = {
    pricing.QuantityProblem.NOT_POSITIVE: _l("Enter a quantity of at least 1."),
    pricing.QuantityProblem.BELOW_MINIMUM: _l("The minimum order is %(minimum)s %(unit)s."),
    pricing.QuantityProblem.OFF_STEP: _l("Order in multiples of %(step)s %(unit)s."),
    pricing.QuantityProblem.ABOVE_AVAILABLE: _l("Only %(available)s %(unit)s are available now."),
}


@dataclass(frozen=True)
class Delivery:
    """Where, when and to whom the orders of one checkout go (shape-checked by the form)."""

    delivery_date: date
    recipient_name: str
    recipient_phone: str  # E.164
    province: str
    regency: str  # kabupaten/kota
    district: str  # kecamatan
    village: str  # kelurahan/desa
    street_address: str
    postal_code: str  # 5 digits
    po_number: str = ""
    notes: str = ""


@dataclass(frozen=True)
class OrderRequest:
    """The single-product "order now" path: one product, one quantity, one payment method."""

    quantity: int
    delivery: Delivery
    idempotency_key: str
    payment_method: str = PaymentMethod.BANK_TRANSFER


def earliest_delivery_date(product: Product, now: datetime | None = None) -> date:
    """The first date the cooperative can deliver: today in its time zone plus the lead time."""
    now = now or utcnow()
    today = now.astimezone(ZoneInfo(product.cooperative.time_zone)).date()
    return today + timedelta(days=product.lead_time_days)


def quantity_error(product: Product, quantity: int, available: int) -> ValidationFailed | None:
    """The error to show when `quantity` of `product` may not be ordered, else None."""
    problem = pricing.quantity_problem(
        quantity,
        minimum=product.min_order_quantity,
        step=product.order_step,
        available=available,
    )
    if problem is None:
        return None
    error = (
        InsufficientCapacity
        if problem == pricing.QuantityProblem.ABOVE_AVAILABLE
        else ValidationFailed
    )
    message = str(QUANTITY_MESSAGES[problem]) % {
        "minimum": product.min_order_quantity,
        "step": product.order_step,
        "available": available,
        "unit": unit_label(product.unit),
    }
    return error(message, field="quantity")


def place_order(buyer: User, product: Product, request: OrderRequest) -> Order:
    """Order one product now (without the cart): one order, capacity reserved.

    Promises the same as checkout_cart; a repeated request with the same idempotency key
    returns the first order.
    """
    orders = _place(
        buyer,
        [(product.id, request.quantity)],
        request.delivery,
        {product.cooperative_id: request.payment_method},
        request.idempotency_key,
        from_cart=False,
    )
    return orders[0]


def checkout_cart(
    buyer: User, delivery: Delivery, methods: dict[int, str], idempotency_key: str
) -> list[Order]:
    """Turn the buyer's whole cart into one order per cooperative and empty the cart.

    `methods` maps cooperative id -> payment method, one for every cooperative in the cart.
    Promises, in one transaction: every quantity respects its product's minimum, step and
    the availability at the moment of placing (read under a write lock, so concurrent
    checkouts never oversell); the delivery date is not before any product's lead time allows
    in its cooperative's time zone; each order's total includes VAT when its cooperative is a
    PKP; an audit event per order. On any error nothing is placed and the cart is unchanged.
    A repeated request with the same idempotency key returns the orders of the first.
    """
    product_ids = list(
        db.session.scalars(
            select(CartItem.product_id).where(CartItem.buyer_id == buyer.id).order_by(CartItem.id)
        )
    )
    existing = _orders_by_key(buyer, idempotency_key)
    if existing:
        return existing
    if not product_ids:
        raise ValidationFailed(_("Your cart is empty."))
    return _place(buyer, product_ids, delivery, methods, idempotency_key, from_cart=True)


def _orders_by_key(buyer: User, key: str) -> list[Order]:
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.buyer_id == buyer.id, Order.idempotency_key == key)
            .order_by(Order.id)
            .execution_options(populate_existing=True)
        )
    )


def _place(
    buyer: User,
    wanted: Sequence[tuple[int, int]] | Sequence[int],
    delivery: Delivery,
    methods: dict[int, str],
    key: str,
    *,
    from_cart: bool,
) -> list[Order]:
    ensure_may_place_orders(buyer)
    existing = _orders_by_key(buyer, key)
    if existing:
        return existing
    ids = [w[0] if isinstance(w, tuple) else w for w in wanted]
    try:
        with transaction():
            lock_products(ids)
            # Under the lock: a concurrent double submit has committed by now, if at all.
            existing = _orders_by_key(buyer, key)
            if existing:
                return existing
            if from_cart:
                items = list(
                    db.session.scalars(
                        select(CartItem)
                        .where(CartItem.buyer_id == buyer.id)
                        .order_by(CartItem.id)
                        .execution_options(populate_existing=True)
                    )
                )
                if {i.product_id for i in items} - set(ids) or not items:
                    raise ValidationFailed(
                        _("Your cart changed meanwhile. Check it and try again.")
                    )
                quantities = [(i.product_id, i.quantity) for i in items]
            else:
                quantities = list(wanted)
            orders = _build_orders(buyer, quantities, delivery, methods, key)
            _confirm_on_terms(orders, buyer)
            if from_cart:
                db.session.execute(delete(CartItem).where(CartItem.buyer_id == buyer.id))
    except IntegrityError:
        # A concurrent double submit won the race on (buyer, idempotency key, cooperative).
        existing = _orders_by_key(buyer, key)
        if not existing:
            raise
        return existing
    return orders


def _confirm_on_terms(orders: list[Order], buyer: User) -> None:
    """Orders placed on invoice terms are confirmed at once, in the same transaction."""
    from marketplace.payments.invoicing import issue_invoice  # payments builds on orders

    db.session.flush()
    for order in orders:
        if order.payment_method == PaymentMethod.INVOICE_TERMS:
            issue_invoice(order, buyer)


def _build_orders(
    buyer: User,
    quantities: Sequence[tuple[int, int]],
    delivery: Delivery,
    methods: dict[int, str],
    key: str,
) -> list[Order]:
    products = {
        p.id: p
        for p in db.session.scalars(
            select(Product)
            .where(Product.id.in_([pid for pid, _q in quantities]))
            .options(selectinload(Product.price_tiers), selectinload(Product.cooperative))
            .execution_options(populate_existing=True)
        )
    }
    available = availability_for(products)
    by_coop: dict[int, list[tuple[Product, int]]] = defaultdict(list)
    for product_id, quantity in quantities:
        product = products[product_id]
        _check_orderable(product, quantity, available[product_id], delivery.delivery_date)
        by_coop[product.cooperative_id].append((product, quantity))
    now = utcnow()
    orders = []
    for coop_id in sorted(by_coop):
        lines = by_coop[coop_id]
        coop = lines[0][0].cooperative
        method = methods.get(coop_id)
        if method not in payment_methods.methods_for(buyer, coop):
            raise ValidationFailed(
                _("Choose how to pay %(cooperative)s.", cooperative=coop.name),
                field=f"payment_{coop_id}",
            )
        orders.append(_new_order(buyer, coop, lines, delivery, method, key, now))
    return orders


def _check_orderable(product: Product, quantity: int, available: int, day: date) -> None:
    if not (product.is_published and product.cooperative.is_verified):
        raise NotAllowed(
            _("%(product)s cannot be ordered now. Remove it from your cart.", product=product.name)
        )
    error = quantity_error(product, quantity, available)
    if error is not None:
        raise error
    earliest = earliest_delivery_date(product)
    if day < earliest:
        raise ValidationFailed(
            _(
                "The earliest delivery date for %(product)s is %(date)s.",
                product=product.name,
                date=format_date(earliest, "long"),
            ),
            field="delivery_date",
        )


def _new_order(buyer, coop, lines, delivery: Delivery, method: str, key: str, now) -> Order:
    order_lines = []
    for product, quantity in lines:
        tiers = [pricing.Tier(t.min_quantity, t.unit_price) for t in product.price_tiers]
        unit_price = pricing.unit_price_for(tiers, quantity)
        order_lines.append(
            OrderLine(
                product=product,
                quantity=quantity,
                unit_price=unit_price,
                line_total=pricing.line_total(quantity, unit_price),
            )
        )
    local_day = now.astimezone(ZoneInfo(coop.time_zone)).date()
    totals = pricing.order_totals(
        [line.line_total for line in order_lines], is_pkp=coop.is_pkp, day=local_day
    )
    order = Order(
        number=new_order_number(local_day),
        buyer=buyer,
        cooperative=coop,
        status=OrderStatus.PLACED,
        payment_method=method,
        subtotal=totals.subtotal,
        tax_base=totals.tax_base,
        vat_rate_bp=totals.vat_rate_bp,
        vat=totals.vat,
        total=totals.total,
        delivery_date=delivery.delivery_date,
        recipient_name=delivery.recipient_name.strip(),
        recipient_phone=delivery.recipient_phone,
        province=delivery.province.strip(),
        regency=delivery.regency.strip(),
        district=delivery.district.strip(),
        village=delivery.village.strip(),
        delivery_address=delivery.street_address.strip(),
        postal_code=delivery.postal_code,
        po_number=(delivery.po_number or "").strip() or None,
        notes=(delivery.notes or "").strip(),
        idempotency_key=key,
        created_at=now,
        expires_at=now + timedelta(hours=coop.unpaid_expiry_hours),
        lines=order_lines,
    )
    db.session.add(order)
    record(
        "order.placed",
        order,
        actor_id=buyer.id,
        cooperative_id=coop.id,
        after={
            "status": OrderStatus.PLACED.value,
            "payment_method": method,
            "subtotal": totals.subtotal,
            "vat": totals.vat,
            "total": totals.total,
            "lines": {str(line.product_id): line.quantity for line in order_lines},
        },
    )
    return order
