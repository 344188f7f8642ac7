"""Orders: the cart, checkout (placing orders against pooled capacity) and status changes."""

from marketplace.orders.services.cart import (
    CartGroup,
    CartLine,
    add_to_cart,
    cart_count,
    cart_groups,
    earliest_date_for_cart,
    remove_from_cart,
    set_cart_quantity,
)
from marketplace.orders.services.checkout import (
    Delivery,
    OrderRequest,
    checkout_cart,
    earliest_delivery_date,
    place_order,
    quantity_error,
)
from marketplace.orders.services.status import (
    cancel_by_admin,
    cancel_by_buyer,
    change_status,
    confirm_paid,
    expire_unpaid,
)

__all__ = [
    "CartGroup",
    "CartLine",
    "Delivery",
    "OrderRequest",
    "add_to_cart",
    "cancel_by_admin",
    "cancel_by_buyer",
    "cart_count",
    "cart_groups",
    "change_status",
    "checkout_cart",
    "confirm_paid",
    "earliest_date_for_cart",
    "earliest_delivery_date",
    "expire_unpaid",
    "place_order",
    "quantity_error",
    "remove_from_cart",
    "set_cart_quantity",
]
