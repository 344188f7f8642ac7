"""Placing orders: lines from one entry point become one order per cooperative, reserving
pooled capacity under write locks, with VAT and a payment method per order."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.accounts.recovery import ensure_may_place_orders
from marketplace.audit.services import record
from marketplace.catalogue import pricing
from marketplace.catalogue.models import Product
from marketplace.checkout.lines import CheckoutLine, Delivery, OrderRequest, Origin
from marketplace.checkout.locks import lock_products
from marketplace.checkout.services.delivery_choice import resolve_delivery
from marketplace.checkout.services.rules import earliest_delivery_date, quantity_error
from marketplace.checkout.services.sources import CartSource, FixedLines, LineSource
from marketplace.cooperatives.availability import available_by_date
from marketplace.cooperatives.delivery import DeliveryChoice
from marketplace.db import utcnow
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.orders.numbers import new_order_number
from marketplace.payments.invoicing import issue_invoice
from marketplace.payments.methods import methods_for
from marketplace.signals import delivery_quote_requested
from marketplace.transaction import transaction


def place_order(buyer: User, product: Product, request: OrderRequest) -> Order:
    """Order one product now (without the cart): one order, capacity reserved.

    Promises the same as checkout_cart; a repeated request with the same idempotency key
    returns the first order.
    """
    source = FixedLines((CheckoutLine(product.id, request.quantity),), Origin.ORDER_NOW)
    methods = {product.cooperative_id: request.payment_method}
    choices = {product.cooperative_id: request.delivery_choice} if request.delivery_choice else {}
    return place(
        buyer, source, request.delivery, methods, request.idempotency_key, deliveries=choices
    )[0]


def checkout_cart(
    buyer: User,
    delivery: Delivery,
    methods: dict[int, str],
    idempotency_key: str,
    *,
    deliveries: Mapping[int, DeliveryChoice] | None = None,
) -> list[Order]:
    """Turn the buyer's whole cart into one order per cooperative and empty the cart.

    `methods` maps cooperative id -> payment method, one for every cooperative in the cart;
    `deliveries` cooperative id -> delivery choice. Promises what place() promises; on any
    error the cart is unchanged.
    """
    return place(
        buyer, CartSource(buyer), delivery, methods, idempotency_key, deliveries=deliveries
    )


def place(
    buyer: User,
    source: LineSource,
    delivery: Delivery,
    methods: dict[int, str],
    key: str,
    *,
    deliveries: Mapping[int, DeliveryChoice] | None = None,
) -> list[Order]:
    """Place the lines of `source` as one order per cooperative, in one transaction.

    Promises: every quantity respects its product's minimum, step and the availability by the
    delivery date at the moment of placing (capacity over time: ready units plus production
    until then, minus what every open order holds by its own date; read under the products'
    write lock, so concurrent checkouts never oversell, whatever their dates); the
    delivery date is not before any product's lead time allows in its cooperative's time zone;
    each order's total includes VAT when its cooperative is a PKP; orders on invoice terms are
    confirmed at once; an audit event per order names the origin. On any error nothing is
    placed. A repeated request with the same idempotency key returns the orders of the first:
    checked once, under the lock, where a concurrent double submit has committed by now.

    Delivery: `deliveries` maps cooperative id -> the buyer's choice, which must be one the
    cooperative offers for the address (a cooperative left out gets its first valid one). The
    fee is a line of the order (in the tax base and total); a courier's fee is to be quoted
    by the cooperative, and such an order is not payable (nor confirmed on terms) until then.
    """
    ensure_may_place_orders(buyer)
    try:
        with transaction():
            lock_products(source.product_ids())
            existing = _orders_by_key(buyer, key)
            if existing:
                return existing
            lines = source.collect()
            orders = _build_orders(
                buyer, lines, delivery, (methods, deliveries or {}), key=key, origin=source.origin
            )
            _confirm_on_terms(orders, buyer)
            source.consume()
    except IntegrityError:
        # Only when the lock could not serialise the race (a product not locked): the
        # unique (buyer, idempotency key, cooperative) decided, and the first orders stand.
        existing = _orders_by_key(buyer, key)
        if not existing:
            raise
        return existing
    return orders


def _orders_by_key(buyer: User, key: str) -> list[Order]:
    return list(
        db.session.scalars(
            select(Order)
            .where(Order.buyer_id == buyer.id, Order.idempotency_key == key)
            .order_by(Order.id)
            .execution_options(populate_existing=True)
        )
    )


def _confirm_on_terms(orders: list[Order], buyer: User) -> None:
    """Orders placed on invoice terms are confirmed at once, in the same transaction."""
    db.session.flush()
    for order in orders:
        if order.awaits_delivery_quote:
            delivery_quote_requested.send(order, actor=buyer)
        elif order.payment_method == PaymentMethod.INVOICE_TERMS:
            issue_invoice(order, buyer)


def _build_orders(
    buyer: User,
    lines: Sequence[CheckoutLine],
    delivery: Delivery,
    chosen: tuple[dict[int, str], Mapping[int, DeliveryChoice]],
    *,
    key: str,
    origin: Origin,
) -> list[Order]:
    methods, deliveries = chosen
    products = {
        p.id: p
        for p in db.session.scalars(
            select(Product)
            .where(Product.id.in_([line.product_id for line in lines]))
            .options(selectinload(Product.price_tiers), selectinload(Product.cooperative))
            .execution_options(populate_existing=True)
        )
    }
    # By the delivery date: ready units plus production until then, minus every promise.
    available = available_by_date(products, delivery.delivery_date)
    by_coop: dict[int, list[tuple[Product, CheckoutLine]]] = defaultdict(list)
    for line in lines:
        product = products[line.product_id]
        _check_orderable(product, line.quantity, available[product.id], delivery.delivery_date)
        by_coop[product.cooperative_id].append((product, line))
    now = utcnow()
    orders = []
    for coop_id in sorted(by_coop):
        coop_lines = by_coop[coop_id]
        coop = coop_lines[0][0].cooperative
        method = methods.get(coop_id)
        if method not in methods_for(buyer, coop):
            raise ValidationFailed(
                _("Choose how to pay %(cooperative)s.", cooperative=coop.name),
                field=f"payment_{coop_id}",
            )
        choice, fee = resolve_delivery(coop, deliveries.get(coop_id), delivery)
        orders.append(
            _new_order(
                buyer,
                coop,
                coop_lines,
                delivery,
                (method, choice, fee),
                key=key,
                origin=origin,
                now=now,
            )
        )
    return orders


def _check_orderable(product: Product, quantity: int, available: int, day: date) -> None:
    if not product.is_orderable:
        raise NotAllowed(
            _("%(product)s cannot be ordered now. Remove it from your cart.", product=product.name)
        )
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
    error = quantity_error(product, quantity, available, day)
    if error is not None:
        raise error


def _delivery_columns(delivery: Delivery) -> dict:
    """The order's columns that come from the checkout's delivery part."""
    return dict(
        delivery_date=delivery.delivery_date,
        recipient_name=delivery.recipient_name.strip(),
        recipient_phone=delivery.recipient_phone,
        province=delivery.province.strip(),
        regency=delivery.regency.strip(),
        district=delivery.district.strip(),
        village=delivery.village.strip(),
        province_code=delivery.province_code,
        regency_code=delivery.regency_code,
        district_code=delivery.district_code,
        village_code=delivery.village_code,
        delivery_address=delivery.street_address.strip(),
        postal_code=delivery.postal_code,
        po_number=(delivery.po_number or "").strip() or None,
        buyer_company=(delivery.buyer_company or "").strip() or None,
        buyer_npwp=delivery.buyer_npwp or None,
        notes=(delivery.notes or "").strip(),
    )


def _order_lines(lines) -> list[OrderLine]:
    """Order lines at the tier price for their quantity, or at a price agreed elsewhere."""
    order_lines = []
    for product, line in lines:
        unit_price = line.unit_price_override
        if unit_price is None:
            tiers = [pricing.Tier(t.min_quantity, t.unit_price) for t in product.price_tiers]
            unit_price = pricing.unit_price_for(tiers, line.quantity)
        order_lines.append(
            OrderLine(
                product=product,
                quantity=line.quantity,
                unit_price=unit_price,
                line_total=pricing.line_total(line.quantity, unit_price),
            )
        )
    return order_lines


def _new_order(
    buyer, coop, lines, delivery: Delivery, chosen: tuple, *, key: str, origin: Origin, now
) -> Order:
    method, choice, fee = chosen
    order_lines = _order_lines(lines)
    local_day = coop.local_date(now)
    totals = pricing.order_totals(
        [line.line_total for line in order_lines],
        is_pkp=coop.is_pkp,
        day=local_day,
        delivery_fee=fee or 0,
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
        delivery_method=choice.method,
        courier=choice.courier,
        delivery_fee=fee,
        **_delivery_columns(delivery),
        idempotency_key=key,
        created_at=now,
        expires_at=now + timedelta(hours=coop.unpaid_expiry_hours),
        lines=order_lines,
    )
    db.session.add(order)
    record(
        "order.placed",
        order,
        actor=buyer,
        after={
            "status": OrderStatus.PLACED.value,
            "origin": str(origin),
            "payment_method": method,
            "subtotal": totals.subtotal,
            "delivery": choice.code,
            "delivery_fee": fee,
            "vat": totals.vat,
            "total": totals.total,
            "lines": {str(line.product_id): line.quantity for line in order_lines},
        },
    )
    return order
