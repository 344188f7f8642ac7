"""Outgoing webhooks (issue 15): a user's endpoints receive signed JSON events about their own
orders, quotes, call-offs and (for cooperative admins) their cooperative's orders and payouts.

models (endpoints, the delivery log), signing and policy (pure: the Stripe-style signature,
backoff, when to disable), urls (which URLs are allowed), events (payloads and who hears what),
delivery (write, send, retry), services (the owner's changes), views under /akun/webhook.
"""

from flask import Flask

from marketplace.webhooks import receivers


def init_app(app: Flask) -> None:
    """Connect the webhook receivers to the domain signals (called by create_app)."""
    receivers.connect()
