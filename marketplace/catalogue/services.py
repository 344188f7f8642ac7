"""Catalogue: categories, products and price tiers, pooled availability and public search."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue import pricing
from marketplace.catalogue.models import (
    Category,
    PriceTier,
    Product,
    ProductKind,
    ProductStatus,
    ProductUnit,
)
from marketplace.catalogue.queries import list_categories
from marketplace.cooperatives.availability import (
    SHOWN_WEEKS,
    available_by_date,
    available_by_dates,
)
from marketplace.cooperatives.models import Cooperative
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.labels import STATUS_LABELS
from marketplace.limits import MAX_LEAD_TIME_DAYS, MAX_QUANTITY
from marketplace.slugs import first_free, slugify
from marketplace.transaction import transaction

FOOD_CATEGORY = "kuliner"
TOY_CATEGORY = "boneka"

# (slug, Indonesian name, English name), in display order.
STANDARD_CATEGORIES = (
    ("boneka", "Boneka & mainan", "Dolls & toys"),
    ("batik", "Batik & tekstil", "Batik & textiles"),
    ("kuliner", "Kuliner", "Food"),
    ("kriya", "Kriya", "Crafts"),
    ("fotografi", "Jasa fotografi", "Photography services"),
    ("pertanian", "Hasil pertanian", "Farm produce"),
    ("perkebunan", "Hasil perkebunan", "Plantation produce"),
    ("perikanan", "Hasil perikanan", "Fishery produce"),
)

TIER_PROBLEM_MESSAGES = {
    pricing.TierProblem.QUANTITY_NOT_POSITIVE: _l(
        "Every tier must start at a quantity of 1 or more."
    ),
    pricing.TierProblem.NOT_INCREASING: _l(
        "List the tiers from the smallest quantity up; each must start above the one before."
    ),
    pricing.TierProblem.FIRST_ABOVE_MINIMUM: _l(
        "The first tier must start at or below the minimum order quantity, "
        "so that every allowed quantity has a price."
    ),
    pricing.TierProblem.PRICE_NOT_POSITIVE: _l("Every unit price must be more than Rp0."),
    pricing.TierProblem.PRICE_RISES: _l(
        "A larger quantity must not cost more per unit than a smaller one."
    ),
}

# Status changes an admin may make: from -> allowed targets.
STATUS_TRANSITIONS = {
    ProductStatus.DRAFT: {ProductStatus.PUBLISHED, ProductStatus.ARCHIVED},
    ProductStatus.PUBLISHED: {ProductStatus.DRAFT, ProductStatus.ARCHIVED},
    ProductStatus.ARCHIVED: {ProductStatus.DRAFT},
}


@dataclass(frozen=True)
class ProductData:
    """What a cooperative admin enters about a product (already shape-checked by the form)."""

    name: str
    category_id: int
    kind: str
    unit: str
    order_step: int
    min_order_quantity: int
    lead_time_days: int
    description: str = ""
    pirt_number: str | None = None
    bpom_number: str | None = None
    halal_number: str | None = None
    sni_number: str | None = None
    tiers: tuple[pricing.Tier, ...] = field(default_factory=tuple)
    member_price: int | None = None


# --- availability -------------------------------------------------------------------------


def availability_for(product_ids: Iterable[int]) -> dict[int, int]:
    """Pooled availability now per product id, for every id asked about (0 when nothing is
    offered): what a new order due today may take (cooperatives.availability, by date)."""
    return available_by_date(product_ids)


@dataclass(frozen=True)
class DatedAvailability:
    """One row of a product page's "availability by date": what a new order may take."""

    weeks: int  # from the cooperative's today
    day: date
    available: int
    deliverable: bool  # False when the lead time does not allow delivery by `day`


def availability_by_week(product: Product) -> list[DatedAvailability]:
    """Availability of `product` in 1, 4 and 12 weeks (capacity over time), for its page."""
    today = product.cooperative.local_date()
    series = available_by_dates([product.id], weeks=SHOWN_WEEKS, today={product.id: today})
    earliest = today + timedelta(days=product.lead_time_days)
    return [
        DatedAvailability(weeks, day, units, day >= earliest)
        for weeks, (day, units) in zip(SHOWN_WEEKS, series[product.id], strict=True)
    ]


def pooled_availability(product: Product) -> int:
    """Units of `product` the cooperative can still promise to buyers."""
    return availability_for([product.id])[product.id]


# --- categories ---------------------------------------------------------------------------


def ensure_categories() -> list[Category]:
    """Create the standard categories that do not exist yet (by slug) and commit; idempotent.

    Existing categories keep their names. Returns all categories in display order.
    """
    with transaction():
        existing = set(db.session.scalars(select(Category.slug)))
        for position, (slug, name_id, name_en) in enumerate(STANDARD_CATEGORIES):
            if slug not in existing:
                db.session.add(
                    Category(slug=slug, name_id=name_id, name_en=name_en, position=position)
                )
    return list_categories()


# --- public catalogue ---------------------------------------------------------------------


# --- managing products --------------------------------------------------------------------


def create_product(coop: Cooperative, actor: User, data: ProductData) -> Product:
    """Add a draft product with its price tiers to `coop` and commit.

    Raises ValidationFailed (with the field at fault) when `data` breaks a catalogue rule.
    """
    with transaction():
        category = _check_product_data(data)
        product = Product(slug=_unique_slug(coop.id, data.name), status=ProductStatus.DRAFT)
        _apply(product, data, category)
        product.cooperative = coop
        db.session.add(product)
        record("product.created", product, actor=actor, after=_snapshot(product))
    return product


def update_product(product: Product, actor: User, data: ProductData) -> Product:
    """Replace a product's details and price tiers, and commit.

    A published product must stay publishable. A draft whose name changes gets a new slug;
    a published or archived product keeps its slug so that links to it keep working.
    Raises ValidationFailed (with the field at fault).
    """
    with transaction():
        category = _check_product_data(data)
        before = _snapshot(product)
        if data.name.strip() != product.name and product.status == ProductStatus.DRAFT:
            product.slug = _unique_slug(product.cooperative_id, data.name, exclude=product.id)
        # Flush the removal first: (product, min_quantity) is unique and rows may reappear.
        product.price_tiers.clear()
        db.session.flush()
        _apply(product, data, category)
        if product.status == ProductStatus.PUBLISHED:
            _check_publishable(product)
        record("product.updated", product, actor=actor, before=before, after=_snapshot(product))
    return product


def set_product_status(product: Product, actor: User, status: str) -> Product:
    """Publish, unpublish (back to draft), archive or restore a product, and commit.

    Publishing needs a valid price table with at least one tier and, for food, a P-IRT or
    BPOM number. Raises InvalidTransition for a change its current status does not allow
    and ValidationFailed when the product is not ready to publish.
    """
    with transaction():
        current = ProductStatus(product.status)
        try:
            target = ProductStatus(status)
        except ValueError:
            raise InvalidTransition(_l("Unknown product status.")) from None
        if target not in STATUS_TRANSITIONS[current]:
            raise InvalidTransition(
                _l(
                    "This product's status cannot change from %(current)s to %(target)s.",
                    current=STATUS_LABELS[current],
                    target=STATUS_LABELS[target],
                )
            )
        if target == ProductStatus.PUBLISHED:
            _check_publishable(product)
        product.status = target
        record(
            "product.status_changed",
            product,
            actor=actor,
            before={"status": str(current)},
            after={"status": str(target)},
        )
    return product


def _check_product_data(data: ProductData) -> Category:
    """The product's category, once `data` is known to keep every catalogue rule."""
    if not data.name.strip():
        raise ValidationFailed(_l("Enter the product name."), field="name")
    category = db.session.get(Category, data.category_id)
    if category is None:
        raise ValidationFailed(_l("Choose a category."), field="category_id")
    if data.kind not in set(ProductKind):
        raise ValidationFailed(_l("Choose goods or service."), field="kind")
    if data.unit not in set(ProductUnit):
        raise ValidationFailed(_l("Choose a unit."), field="unit")
    for name, value in (
        ("order_step", data.order_step),
        ("min_order_quantity", data.min_order_quantity),
    ):
        if not 1 <= value <= MAX_QUANTITY:
            raise ValidationFailed(_l("Enter a whole number of at least 1."), field=name)
    if data.min_order_quantity % data.order_step:
        raise ValidationFailed(
            _l("The minimum order quantity must be a multiple of the order step."),
            field="min_order_quantity",
        )
    if not 0 <= data.lead_time_days <= MAX_LEAD_TIME_DAYS:
        raise ValidationFailed(
            _l("Enter a lead time from 0 to %(max)d days.", max=MAX_LEAD_TIME_DAYS),
            field="lead_time_days",
        )
    problems = pricing.tier_problems(data.tiers, minimum=data.min_order_quantity)
    if problems:
        raise ValidationFailed(TIER_PROBLEM_MESSAGES[problems[0]], field="tiers")
    lowest = min((t.unit_price for t in data.tiers), default=None)
    if data.member_price is not None and lowest is not None and data.member_price > lowest:
        raise ValidationFailed(
            _l("The member price cannot be more than the lowest unit price."),
            field="member_price",
        )
    return category


def _check_publishable(product: Product) -> None:
    tiers = [pricing.Tier(t.min_quantity, t.unit_price) for t in product.price_tiers]
    if not tiers:
        raise ValidationFailed(_l("Add at least one price tier before publishing."), field="tiers")
    problems = pricing.tier_problems(tiers, minimum=product.min_order_quantity)
    if problems:
        raise ValidationFailed(TIER_PROBLEM_MESSAGES[problems[0]], field="tiers")
    if product.category.slug == FOOD_CATEGORY and not (product.pirt_number or product.bpom_number):
        raise ValidationFailed(
            _l("A food product needs its P-IRT or BPOM number before it can be published."),
            field="pirt_number",
        )
    if product.category.slug == TOY_CATEGORY and not product.sni_number:
        # DOMAIN.md: dolls and toys for children must carry the SNI toy safety mark.
        raise ValidationFailed(
            _l("Dolls and toys need their SNI number before they can be published."),
            field="sni_number",
        )


def _apply(product: Product, data: ProductData, category: Category) -> None:
    product.name = data.name.strip()
    product.category = category
    product.kind = data.kind
    product.unit = data.unit
    product.order_step = data.order_step
    product.min_order_quantity = data.min_order_quantity
    product.lead_time_days = data.lead_time_days
    product.description = (data.description or "").strip()
    product.pirt_number = data.pirt_number or None
    product.bpom_number = data.bpom_number or None
    product.halal_number = (data.halal_number or "").strip() or None
    product.sni_number = (data.sni_number or "").strip() or None
    product.member_price = data.member_price
    product.price_tiers = [
        PriceTier(min_quantity=t.min_quantity, unit_price=t.unit_price) for t in data.tiers
    ]


def _snapshot(product: Product) -> dict:
    return {
        "name": product.name,
        "slug": product.slug,
        "status": str(product.status),
        "category_id": product.category.id,
        "kind": str(product.kind),
        "unit": product.unit,
        "order_step": product.order_step,
        "min_order_quantity": product.min_order_quantity,
        "lead_time_days": product.lead_time_days,
        "pirt_number": product.pirt_number,
        "bpom_number": product.bpom_number,
        "halal_number": product.halal_number,
        "sni_number": product.sni_number,
        "tiers": [[t.min_quantity, t.unit_price] for t in product.price_tiers],
        "member_price": product.member_price,
    }


def product_slug(name: str) -> str:
    return slugify(name, fallback="produk")


def _unique_slug(coop_id: int, name: str, exclude: int | None = None) -> str:
    base = product_slug(name)
    stmt = select(Product.slug).where(
        Product.cooperative_id == coop_id,
        or_(Product.slug == base, Product.slug.startswith(base + "-", autoescape=True)),
    )
    if exclude is not None:
        stmt = stmt.where(Product.id != exclude)
    return first_free(base, db.session.scalars(stmt))
