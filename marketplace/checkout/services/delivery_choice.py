"""The buyer's delivery choice per cooperative at checkout, and its fee (rules in
cooperatives/delivery.py; words for its problem codes here)."""

from flask_babel import gettext as _

from marketplace.checkout.lines import Delivery
from marketplace.cooperatives.delivery import (
    ChoiceProblem,
    DeliveryChoice,
    choices_for,
    fee_for,
)
from marketplace.cooperatives.models import Cooperative
from marketplace.errors import ValidationFailed


def resolve_delivery(
    coop: Cooperative, choice: DeliveryChoice | None, delivery: Delivery
) -> tuple[DeliveryChoice, int | None]:
    """The choice and its fee (None: to be quoted) for an order of `coop` to the address.

    Without a choice, the cooperative's first one that serves the address. Raises
    ValidationFailed (field delivery_option_<cooperative id>) when the choice is not offered, own
    delivery does not reach the address, or nothing the cooperative offers does.
    """
    offer = coop.delivery_offer()
    candidates = [choice] if choice is not None else choices_for(offer)
    result = None
    for candidate in candidates:
        result = fee_for(offer, candidate, delivery.province, delivery.regency)
        if not isinstance(result, ChoiceProblem):
            return candidate, result.fee
    field = f"delivery_option_{coop.id}"
    if choice is not None and result == ChoiceProblem.NOT_DELIVERED_THERE:
        raise ValidationFailed(
            _(
                "%(cooperative)s does not deliver to %(regency)s, %(province)s itself. "
                "Choose another delivery option.",
                cooperative=coop.name,
                regency=delivery.regency,
                province=delivery.province,
            ),
            field=field,
        )
    raise ValidationFailed(
        _("Choose how %(cooperative)s gets the goods to you.", cooperative=coop.name),
        field=field,
    )
