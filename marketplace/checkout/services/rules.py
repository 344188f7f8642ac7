"""What may be ordered: quantity rules and the earliest delivery date of a product."""

from datetime import date, datetime, timedelta

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from marketplace.catalogue import pricing
from marketplace.catalogue.models import Product
from marketplace.errors import InsufficientCapacity, ValidationFailed
from marketplace.labels import unit_label

QUANTITY_MESSAGES = {
    pricing.QuantityProblem.NOT_POSITIVE: _l("Enter a quantity of at least 1."),
    pricing.QuantityProblem.BELOW_MINIMUM: _l("The minimum order is %(minimum)s %(unit)s."),
    pricing.QuantityProblem.OFF_STEP: _l("Order in multiples of %(step)s %(unit)s."),
    pricing.QuantityProblem.ABOVE_AVAILABLE: _l("Only %(available)s %(unit)s are available now."),
}


def earliest_delivery_date(product: Product, now: datetime | None = None) -> date:
    """The first date the cooperative can deliver: today in its time zone plus the lead time."""
    return product.cooperative.local_date(now) + timedelta(days=product.lead_time_days)


# When the check is for a delivery date: the date and what capacity over time gives by then.
AVAILABLE_BY_MESSAGE = _l(
    "Only %(available)s %(unit)s of %(product)s can be made ready by %(date)s. "
    "Order less, or choose a later delivery date."
)


def quantity_error(
    product: Product, quantity: int, available: int, day: date | None = None
) -> ValidationFailed | None:
    """The error to show when `quantity` of `product` may not be ordered, else None.
    `available` is what is available by `day` (the delivery date) when one is given."""
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
    template = QUANTITY_MESSAGES[problem]
    if problem == pricing.QuantityProblem.ABOVE_AVAILABLE and day is not None:
        template = AVAILABLE_BY_MESSAGE
    message = str(template) % {
        "product": product.name,
        "date": format_date(day, "long") if day is not None else "",
        "minimum": product.min_order_quantity,
        "step": product.order_step,
        "available": available,
        "unit": unit_label(product.unit),
    }
    return error(message, field="quantity")
