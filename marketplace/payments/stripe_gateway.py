"""The only module that talks to Stripe, through the official `stripe` library.

IDR is a two-decimal currency in Stripe's API: amounts are sent as whole rupiah × 100.
"""

import time
from dataclasses import dataclass

import stripe
from flask import current_app

CURRENCY = "idr"
MINOR_UNITS_PER_RUPIAH = 100


def to_stripe_amount(rupiah: int) -> int:
    return rupiah * MINOR_UNITS_PER_RUPIAH


def card_payment_enabled() -> bool:
    """Card payment is offered only when both the API key and the webhook secret are set."""
    config = current_app.config
    return bool(config.get("STRIPE_SECRET_KEY") and config.get("STRIPE_WEBHOOK_SECRET"))


def _client() -> stripe.StripeClient:
    config = current_app.config
    base = config.get("STRIPE_API_BASE")
    extra = {"base_addresses": {"api": base.rstrip("/")}} if base else {}
    return stripe.StripeClient(config["STRIPE_SECRET_KEY"], max_network_retries=2, **extra)


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


def create_checkout_session(
    *,
    order_number: str,
    description: str,
    amount: int,
    customer_email: str,
    success_url: str,
    cancel_url: str,
    locale: str,
) -> CheckoutSession:
    """A hosted Checkout page for one order, paid as one line of the order's total."""
    session = _client().v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "client_reference_id": order_number,
            "metadata": {"order_number": order_number},
            "payment_intent_data": {"metadata": {"order_number": order_number}},
            "customer_email": customer_email,
            "locale": "id" if locale == "id" else "en",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": CURRENCY,
                        "unit_amount": to_stripe_amount(amount),
                        "product_data": {"name": description},
                    },
                }
            ],
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
    )
    return CheckoutSession(id=session.id, url=session.url)


def refund(*, payment_intent: str, amount: int, idempotency_key: str) -> str:
    """Refund part or all of a card payment; returns Stripe's refund id."""
    result = _client().v1.refunds.create(
        params={"payment_intent": payment_intent, "amount": to_stripe_amount(amount)},
        options={"idempotency_key": idempotency_key},
    )
    return result.id


def verify_webhook(payload: bytes, signature: str, *, now: float | None = None) -> None:
    """Raise stripe.SignatureVerificationError unless Stripe signed this raw body with the
    configured secret within the tolerance, before or after now (the library checks only
    events that are too old)."""
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET") or ""
    if not secret:
        raise stripe.SignatureVerificationError("no webhook secret configured", signature)
    text = payload.decode("utf-8")
    tolerance = stripe.Webhook.DEFAULT_TOLERANCE
    stripe.WebhookSignature.verify_header(text, signature, secret, tolerance)
    if _timestamp(signature) > (now or time.time()) + tolerance:
        raise stripe.SignatureVerificationError("timestamp in the future", signature, text)


def _timestamp(signature: str) -> int:
    """The signed time, read exactly as the library reads it (it has verified it already)."""
    items = [part.split("=", 2) for part in signature.split(",")]
    return int([item[1] for item in items if item[0] == "t"][0])
