"""A cooperative's product as the API receives it: the request body (shape-checked by its
schema) as the catalogue service's ProductData, with the same normalising as the product
form (P-IRT and BPOM numbers)."""

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.catalogue import pricing
from marketplace.catalogue.models import Category
from marketplace.catalogue.services import ProductData
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.identifiers import normalise_bpom, normalise_pirt

# The body's fields that ProductData takes as they are, and its certificate numbers.
AS_SENT = (
    "name",
    "kind",
    "unit",
    "order_step",
    "min_order_quantity",
    "lead_time_days",
    "description",
)
CERTIFICATES = ("pirt_number", "bpom_number", "halal_number", "sni_number")
NORMALISERS = {
    "pirt_number": (normalise_pirt, "A P-IRT number has 15 or more digits."),
    "bpom_number": (normalise_bpom, "A BPOM number is MD or ML followed by 12 digits."),
}


def _certificate(body: dict, name: str) -> str | None:
    value = (body.get(name) or "").strip()
    if not value:
        return None
    if name not in NORMALISERS:
        return value
    normalise, message = NORMALISERS[name]
    try:
        return normalise(value)
    except ValueError:
        raise ValidationFailed(_(message), field=name) from None


def product_data(body: dict) -> ProductData:
    """ProductData for create_product/update_product; an unknown category is refused."""
    category_id = db.session.scalar(select(Category.id).where(Category.slug == body["category"]))
    if category_id is None:
        raise ValidationFailed(_("Choose a category."), field="category")
    return ProductData(
        **{name: body[name] for name in AS_SENT},
        **{name: _certificate(body, name) for name in CERTIFICATES},
        category_id=category_id,
        tiers=tuple(pricing.Tier(t["min_quantity"], t["unit_price"]) for t in body["price_tiers"]),
        member_price=body.get("member_price"),
    )
