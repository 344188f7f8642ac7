"""Shipping what passed quality control: a line ships only units the hub accepted and that
were not sent yet, so an order can go out in parts before all of it is ready."""

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.fulfilment.locks import lock_order_work
from marketplace.fulfilment.services.capacity import accepted_units
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.services.shipping import (
    SHIPPING_STATUSES,
    ShipmentDetails,
    add_shipment,
    advance_shipped,
    shipped_units,
)
from marketplace.orders.shipment_models import Shipment
from marketplace.transaction import transaction


def shippable_units(line: OrderLine) -> int:
    """Units of the line that passed QC and are not shipped yet (never above the order)."""
    return max(min(accepted_units(line), line.quantity) - shipped_units(line), 0)


def ship_ready_units(
    order: Order, admin: User, details: ShipmentDetails, quantities: dict[int, int]
) -> Shipment:
    """Ship `quantities` ({order line id: units}; zeros are left out) of a paid order in
    production or ready. Each line may ship at most its shippable units. The order becomes
    `shipped` when every line is fully sent."""
    wanted = {line_id: units for line_id, units in quantities.items() if units}
    with transaction():
        lock_order_work(order)
        if order.status not in SHIPPING_STATUSES:
            raise InvalidTransition(_("Only a paid order in production or ready can be shipped."))
        lines = {line.id: line for line in order.lines}
        for line_id, units in wanted.items():
            line = lines.get(line_id)
            if line is None:
                raise ValidationFailed(_("Choose lines of this order."))
            available = shippable_units(line)
            if not 0 < units <= available:
                raise ValidationFailed(
                    _(
                        "%(product)s: at most %(units)s units are ready to ship.",
                        product=line.product.name,
                        units=available,
                    ),
                    field=f"line_{line_id}",
                )
        shipment = add_shipment(order, admin, details, wanted)
        advance_shipped(order, admin)
    return shipment
