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
        name=body["name"],
        category_id=category_id,
        kind=body["kind"],
        unit=body["unit"],
        order_step=body["order_step"],
        min_order_quantity=body["min_order_quantity"],
        lead_time_days=body["lead_time_days"],
        description=body["description"],
        pirt_number=_certificate(body, "pirt_number"),
        bpom_number=_certificate(body, "bpom_number"),
        halal_number=_certificate(body, "halal_number"),
        sni_number=_certificate(body, "sni_number"),
        tiers=tuple(pricing.Tier(t["min_quantity"], t["unit_price"]) for t in body["price_tiers"]),
        member_price=body.get("member_price"),
    )
