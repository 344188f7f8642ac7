"""Shared set-up for the payment tests: a placed order, and the fake Stripe wired to the app."""

import pytest

from tests.factories import (
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)
from tests.fakes import stripe_fake


def place(buyer, product, quantity: int = 20, key: str | None = None):
    key = key or f"key-{buyer.id}-{quantity}-".ljust(32, "x")
    return order_of(buyer, product, quantity, key=key, recipient_name="Hotel Receiving")


@pytest.fixture
def shop():
    """A cooperative with an admin, a product with 400 units offered, and a buyer."""
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, npwp="0012345678901000")
    product = make_product(coop)
    make_offer(make_member(coop), product, 400)
    buyer = english_user("Buyer")
    return coop, product, admin, buyer


@pytest.fixture(scope="session")
def localstripe_url():
    with stripe_fake.localstripe() as url:
        yield url


@pytest.fixture
def fake_stripe(app, localstripe_url, monkeypatch):
    """Card payment on, with the official library talking only to the loopback fake."""
    fake = stripe_fake.FakeStripe(localstripe_url)
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", stripe_fake.SECRET_KEY)
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", stripe_fake.WEBHOOK_SECRET)
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", fake.url)
    yield fake
    fake.stop()


def post_event(client, payload: str, signature: str | None = None):
    return client.post(
        "/webhooks/stripe",
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": signature or stripe_fake.sign(payload)},
    )
