"""The buyer's cart: products of any cooperatives, kept in the database until checkout."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.catalogue import pricing
from marketplace.catalogue.models import Product
from marketplace.checkout.models import CartItem
from marketplace.checkout.services.rules import earliest_delivery_date, quantity_error
from marketplace.cooperatives.availability import available_by_dates
from marketplace.cooperatives.capacity import HORIZON_WEEKS
from marketplace.cooperatives.models import Cooperative
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_QUANTITY
from marketplace.transaction import transaction


@dataclass(frozen=True)
class CartLine:
    item: CartItem
    product: Product
    unit_price: int | None  # None when no tier applies (the quantity is below the minimum)
    line_total: int
    available: int  # now
    available_later: int  # by the furthest delivery date whose production counts
    problem: str | None  # why this line cannot be checked out as it is, or None


@dataclass(frozen=True)
class CartGroup:
    """The lines of one cooperative: they become one order at checkout."""

    cooperative: Cooperative
    lines: list[CartLine]
    totals: pricing.OrderTotals

    @property
    def has_problems(self) -> bool:
        return any(line.problem for line in self.lines)


def _check_product(product: Product) -> None:
    if not product.is_orderable:
        raise NotAllowed(_("This product cannot be ordered now."))


def _check_quantity(product: Product, quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationFailed(_("Enter a quantity between 1 and 10.000.000."), field="quantity")
    error = _later_error(product, quantity, _now_and_later([product.id])[product.id])
    if error is not None:
        raise error


def _now_and_later(product_ids) -> dict[int, tuple[tuple[date, int], tuple[date, int]]]:
    """((today, available now), (furthest day, available then)) per product. The cart holds
    up to the second: checkout then checks the chosen date and names what it allows."""
    series = available_by_dates(product_ids, weeks=(0, HORIZON_WEEKS))
    return {pid: (now, later) for pid, (now, later) in series.items()}


def _later_error(product: Product, quantity: int, available) -> ValidationFailed | None:
    (_today, now), (furthest, later) = available
    return quantity_error(product, quantity, later, furthest if later > now else None)


def add_to_cart(buyer: User, product: Product, quantity: int) -> CartItem:
    """Put `quantity` of `product` in the buyer's cart (adding to what is there) and commit.

    The resulting quantity must respect the product's minimum, step and the availability for
    the furthest delivery date (nothing is reserved until checkout; capacity over time may
    allow more for later dates than now, and checkout checks the chosen date). Raises
    ValidationFailed / InsufficientCapacity with field "quantity", NotAllowed for a product
    that cannot be ordered.
    """
    _check_product(product)
    with transaction():
        item = db.session.scalar(
            select(CartItem).where(CartItem.buyer_id == buyer.id, CartItem.product_id == product.id)
        )
        new_quantity = quantity + (item.quantity if item else 0)
        _check_quantity(product, new_quantity)
        if item is None:
            item = CartItem(buyer_id=buyer.id, product=product, quantity=new_quantity)
            db.session.add(item)
        else:
            item.quantity = new_quantity
    return item


def set_cart_quantity(item: CartItem, quantity: int) -> CartItem:
    """Change the quantity of a cart line (checked as in add_to_cart) and commit."""
    _check_product(item.product)
    with transaction():
        _check_quantity(item.product, quantity)
        item.quantity = quantity
    return item


def remove_from_cart(item: CartItem) -> None:
    """Take a line out of the cart and commit."""
    with transaction():
        db.session.delete(item)


def cart_count(buyer: User) -> int:
    """How many lines (products) are in the buyer's cart: one query, for the navigation."""
    return db.session.scalar(
        select(func.count()).select_from(CartItem).where(CartItem.buyer_id == buyer.id)
    )


def cart_groups(buyer: User, now: datetime | None = None) -> list[CartGroup]:
    """The buyer's cart grouped by cooperative (by name), with prices, VAT and availability;
    a fixed number of queries however long the cart. VAT follows each cooperative's today at
    `now` (default: now), as placing the order will."""
    items = list(
        db.session.scalars(
            select(CartItem)
            .where(CartItem.buyer_id == buyer.id)
            .options(
                selectinload(CartItem.product).selectinload(Product.price_tiers),
                selectinload(CartItem.product).selectinload(Product.cooperative),
            )
            .order_by(CartItem.id)
        )
    )
    available = _now_and_later([item.product_id for item in items])
    grouped: dict[int, list[CartLine]] = defaultdict(list)
    for item in items:
        grouped[item.product.cooperative_id].append(_line(item, available[item.product_id]))
    groups = []
    for lines in grouped.values():
        coop = lines[0].product.cooperative
        totals = pricing.order_totals(
            [line.line_total for line in lines], is_pkp=coop.is_pkp, day=coop.local_date(now)
        )
        groups.append(CartGroup(coop, lines, totals))
    return sorted(groups, key=lambda g: (g.cooperative.name, g.cooperative.id))


def _line(item: CartItem, available) -> CartLine:
    product = item.product
    tiers = [pricing.Tier(t.min_quantity, t.unit_price) for t in product.price_tiers]
    try:
        unit_price = pricing.unit_price_for(tiers, item.quantity)
    except ValueError:
        unit_price = None
    problem = None
    if not product.is_orderable:
        problem = _("This product cannot be ordered now.")
    else:
        error = _later_error(product, item.quantity, available)
        problem = error.message if error else None
    total = pricing.line_total(item.quantity, unit_price) if unit_price is not None else 0
    (_today, now), (_furthest, later) = available
    return CartLine(item, product, unit_price, total, now, later, problem)


def earliest_date_for_cart(groups: list[CartGroup]):
    """The first delivery date every product in the cart allows (None for an empty cart)."""
    dates = [earliest_delivery_date(line.product) for g in groups for line in g.lines]
    return max(dates, default=None)
