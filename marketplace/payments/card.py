"""Card payment: send the buyer to Stripe Checkout. The order is confirmed only by the webhook."""

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.errors import InvalidTransition, NotAllowed
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.payments import stripe_gateway
from marketplace.payments.invoicing import not_quoted_message
from marketplace.payments.locks import lock_order
from marketplace.transaction import transaction


def start_card_checkout(
    order: Order, buyer: User, *, success_url: str, cancel_url: str, locale: str
) -> str:
    """Create a Checkout Session for the whole order and return the URL to send the buyer to."""
    if order.buyer_id != buyer.id:
        raise NotAllowed(_("Only the buyer can pay for this order."))
    if order.awaits_delivery_quote:
        raise InvalidTransition(not_quoted_message())
    if not stripe_gateway.card_payment_enabled():
        raise NotAllowed(_("Card payment is not available."))
    if order.status != OrderStatus.PLACED or order.payments:
        raise InvalidTransition(_("This order cannot be paid by card now."))
    products = ", ".join(line.product.name for line in order.lines)
    session = stripe_gateway.create_checkout_session(
        order_number=order.number,
        description=f"{order.number} · {order.cooperative.name} · {products}"[:250],
        amount=order.total,
        customer_email=buyer.email,
        success_url=success_url,
        cancel_url=cancel_url,
        locale=locale,
    )
    with transaction():
        lock_order(order)
        before = order.payment_method
        order.payment_method = PaymentMethod.CARD
        record(
            "payment.checkout_started",
            order,
            actor=buyer,
            before={"payment_method": before},
            after={"payment_method": PaymentMethod.CARD, "session": session.id},
        )
    return session.url
