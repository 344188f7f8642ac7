"""Placing an order through the API: the order-now service, with the client's
Idempotency-Key as the order's idempotency key.

The same key and body give the same order (place() checks the key under the products' lock,
so concurrent retries cannot make two); the same key with a different body is refused, as
the client has mixed up two orders.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.checkout.services import Delivery, OrderRequest, place_order
from marketplace.errors import DomainError, ValidationFailed
from marketplace.identifiers import IdentifierError, normalise_phone
from marketplace.orders.models import Order

KEY_PREFIX = "api:"  # web checkouts' keys are random hex: the two never meet
# Order.idempotency_key holds 64 characters: the prefix and the client's key must fit.
MAX_KEY_LENGTH = 64 - len(KEY_PREFIX)


class IdempotencyKeyReused(DomainError):
    """The Idempotency-Key already made an order with a different body."""

    api_status = 422
    api_code = "idempotency_key_reused"


@dataclass(frozen=True)
class ApiOrder:
    """A checked request body of POST /orders."""

    quantity: int
    payment_method: str
    delivery: Delivery


def delivery_of(body: dict) -> Delivery:
    """A request's delivery part (shape-checked by its schema) as the checkout's Delivery."""
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in body.items()}
    try:
        fields["recipient_phone"] = normalise_phone(fields["recipient_phone"])
    except IdentifierError:
        raise ValidationFailed(
            _("Enter a valid phone number."), field="delivery.recipient_phone"
        ) from None
    return Delivery(**fields)


def order_request(body: dict) -> ApiOrder:
    """The request body (shape-checked by its schema) as the service's inputs."""
    return ApiOrder(body["quantity"], body["payment_method"], delivery_of(body["delivery"]))


def _facts(quantity: int, method: str, delivery: Delivery) -> tuple:
    return (
        quantity,
        method,
        delivery.delivery_date,
        delivery.recipient_name.strip(),
        delivery.recipient_phone,
        delivery.street_address.strip(),
        delivery.postal_code,
        delivery.village.strip(),
        (delivery.po_number or "").strip(),
        (delivery.notes or "").strip(),
    )


def _order_facts(order: Order) -> tuple:
    line = order.lines[0]
    return line.product_id, *_facts(
        line.quantity,
        order.payment_method,
        Delivery.to_address_of(order, order.delivery_date, order.po_number or "", order.notes),
    )


def place_api_order(buyer: User, product: Product, wanted: ApiOrder, key: str) -> Order:
    """Place (or find again, for a repeated key) the order of `wanted`; see the module."""
    order = place_order(
        buyer,
        product,
        OrderRequest(
            quantity=wanted.quantity,
            delivery=wanted.delivery,
            idempotency_key=KEY_PREFIX + key,
            payment_method=wanted.payment_method,
        ),
    )
    asked = (product.id, *_facts(wanted.quantity, wanted.payment_method, wanted.delivery))
    if len(order.lines) != 1 or _order_facts(order) != asked:
        raise IdempotencyKeyReused(
            _("This Idempotency-Key was used for a different order; use a new key.")
        )
    return order
