"""Checkout services: the cart, and placing the lines of any entry point as orders."""

from marketplace.checkout.lines import CheckoutLine, Delivery, OrderRequest, Origin
from marketplace.checkout.services.cart import (
    CartGroup,
    CartLine,
    add_to_cart,
    cart_count,
    cart_groups,
    earliest_date_for_cart,
    remove_from_cart,
    set_cart_quantity,
)
from marketplace.checkout.services.placing import checkout_cart, place, place_order
from marketplace.checkout.services.quoting import quote_delivery_fee
from marketplace.checkout.services.rules import earliest_delivery_date, quantity_error
from marketplace.checkout.services.sources import CartSource, FixedLines, LineSource

__all__ = [
    "CartGroup",
    "CartLine",
    "CartSource",
    "CheckoutLine",
    "Delivery",
    "FixedLines",
    "LineSource",
    "OrderRequest",
    "Origin",
    "add_to_cart",
    "cart_count",
    "cart_groups",
    "checkout_cart",
    "earliest_date_for_cart",
    "earliest_delivery_date",
    "place",
    "place_order",
    "quantity_error",
    "quote_delivery_fee",
    "remove_from_cart",
    "set_cart_quantity",
]
