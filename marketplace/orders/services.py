"""Orders: placing an order against pooled capacity, status changes, buyer cancellation."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue import pricing
from marketplace.catalogue.models import Product
from marketplace.catalogue.services import availability_for
from marketplace.db import utcnow
from marketplace.errors import (
    InsufficientCapacity,
    InvalidTransition,
    NotAllowed,
    ValidationFailed,
)
from marketplace.extensions import db
from marketplace.labels import unit_label
from marketplace.locking import lock_rows
from marketplace.orders.lifecycle import check_transition
from marketplace.orders.models import Order, OrderLine, OrderStatus, PaymentMethod
from marketplace.orders.numbers import new_order_number
from marketplace.transaction import transaction

QUANTITY_MESSAGES = {
    pricing.QuantityProblem.NOT_POSITIVE: _l("Enter a quantity of at least 1."),
    pricing.QuantityProblem.BELOW_MINIMUM: _l("The minimum order is %(minimum)s %(unit)s."),
    pricing.QuantityProblem.OFF_STEP: _l("Order in multiples of %(step)s %(unit)s."),
    pricing.QuantityProblem.ABOVE_AVAILABLE: _l("Only %(available)s %(unit)s are available now."),
}


@dataclass(frozen=True)
class OrderRequest:
    quantity: int
    delivery_date: date
    recipient_name: str
    recipient_phone: str
    delivery_address: str
    postal_code: str
    notes: str
    idempotency_key: str


def earliest_delivery_date(product: Product, now: datetime | None = None) -> date:
    """The first date the cooperative can deliver: today in its time zone plus the lead time."""
    now = now or utcnow()
    today = now.astimezone(ZoneInfo(product.cooperative.time_zone)).date()
    return today + timedelta(days=product.lead_time_days)


def _lock_product(product_id: int) -> None:
    """Take the lock that serialises orders for this product before reading availability,
    so two checkouts cannot both see the same last units (never check-then-act)."""
    lock_rows(Product, [product_id])


def place_order(buyer: User, product: Product, request: OrderRequest) -> Order:
    """Place an order for one product, reserving pooled capacity, paid by bank transfer.

    Promises: the quantity respects the product's minimum, step and availability at the moment
    of placing; a repeated request with the same idempotency key returns the first order.
    """
    existing = _order_by_key(buyer, request.idempotency_key)
    if existing is not None:
        return existing
    if not (product.is_published and product.cooperative.is_verified):
        raise NotAllowed(_("This product cannot be ordered now."))
    if request.delivery_date < earliest_delivery_date(product):
        raise ValidationFailed(
            _(
                "The earliest delivery date is %(date)s.",
                date=format_date(earliest_delivery_date(product), "long"),
            ),
            field="delivery_date",
        )
    try:
        with transaction():
            _lock_product(product.id)
            available = availability_for([product.id])[product.id]
            _check_quantity(product, request.quantity, available)
            tiers = [pricing.Tier(t.min_quantity, t.unit_price) for t in product.price_tiers]
            unit_price = pricing.unit_price_for(tiers, request.quantity)
            total = pricing.line_total(request.quantity, unit_price)
            order = Order(
                number=new_order_number(utcnow().date()),
                buyer=buyer,
                cooperative=product.cooperative,
                status=OrderStatus.PLACED,
                payment_method=PaymentMethod.BANK_TRANSFER,
                subtotal=total,
                total=total,
                delivery_date=request.delivery_date,
                recipient_name=request.recipient_name.strip(),
                recipient_phone=request.recipient_phone,
                delivery_address=request.delivery_address.strip(),
                postal_code=request.postal_code,
                notes=(request.notes or "").strip(),
                idempotency_key=request.idempotency_key,
            )
            order.lines.append(
                OrderLine(
                    product=product,
                    quantity=request.quantity,
                    unit_price=unit_price,
                    line_total=total,
                )
            )
            db.session.add(order)
            record(
                "order.placed",
                order,
                actor_id=buyer.id,
                cooperative_id=product.cooperative_id,
                after={"status": order.status, "total": total, "quantity": request.quantity},
            )
    except IntegrityError:
        # A concurrent double submit won the race on (buyer, idempotency key).
        existing = _order_by_key(buyer, request.idempotency_key)
        if existing is None:
            raise
        return existing
    return order


def _order_by_key(buyer: User, key: str) -> Order | None:
    return db.session.scalar(
        select(Order).where(Order.buyer_id == buyer.id, Order.idempotency_key == key)
    )


def _check_quantity(product: Product, quantity: int, available: int) -> None:
    problem = pricing.quantity_problem(
        quantity,
        minimum=product.min_order_quantity,
        step=product.order_step,
        available=available,
    )
    if problem is None:
        return
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
    raise error(message, field="quantity")


def change_status(order: Order, new_status: str, actor: User | None, **details) -> None:
    """Move an order to `new_status` within the caller's transaction (does not commit).

    `actor` is None when the system moves it (a scheduled job, a payment provider's webhook).
    """
    check_transition(order.status, new_status)
    before = order.status
    order.status = new_status
    if new_status == OrderStatus.CONFIRMED:
        order.confirmed_at = utcnow()
    record(
        f"order.{new_status}",
        order,
        actor_id=actor.id if actor else None,
        cooperative_id=order.cooperative_id,
        before={"status": before},
        after={"status": new_status, **details},
    )


def confirm_paid_or_accepted(order: Order, actor: User | None, **details) -> None:
    """The one way payments confirm an order (paid in full, or accepted on invoice terms),
    within the caller's transaction. The ordering side may hook more here (e.g. keeping the
    reservation past the unpaid-expiry time)."""
    change_status(order, OrderStatus.CONFIRMED, actor, **details)


def cancel_by_buyer(order: Order, buyer: User) -> None:
    """A buyer cancels their own order before it is confirmed; the reservation is released."""
    if order.buyer_id != buyer.id:
        raise NotAllowed(_("Only the buyer can cancel this order."))
    with transaction():
        db.session.refresh(order, with_for_update=True)
        if order.status != OrderStatus.PLACED:
            raise InvalidTransition(_("Only an order that is not yet confirmed can be cancelled."))
        change_status(order, OrderStatus.CANCELLED, buyer)
