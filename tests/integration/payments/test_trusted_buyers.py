"""Trusted buyers are named by email: the form answers the same whether or not the address has
an account (it tells no one who is registered), the terms apply once such an account exists,
a pending cooperative cannot offer terms, and adding is rate-limited per cooperative admin."""

import html
import re

import pytest
from sqlalchemy import select

from marketplace import create_app
from marketplace.extensions import db, limiter
from marketplace.orders.models import OrderStatus
from marketplace.payments.models import TrustedBuyer
from marketplace.payments.views import TRUSTED_BUYER_LIMIT
from tests.factories import client_for, db_state, english_user, login, make_cooperative, make_user
from tests.payments_support import place, shop

__all__ = ["shop"]


def _add(browser, slug: str, email: str, days: str = "30"):
    return browser.post(
        f"/kelola/{slug}/pembeli-terpercaya",
        data={"email": email, "terms_days": days},
        follow_redirects=True,
    )


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _alerts(page: str) -> str:
    return "".join(re.findall(r'<div class="alert.*?</div>', page, re.S))


def test_the_answer_is_the_same_whether_or_not_the_email_has_an_account(app, shop):
    coop, _, admin, buyer = shop
    browser = client_for(app, admin)
    known = _text(_add(browser, coop.slug, buyer.email))
    unknown = _text(_add(browser, coop.slug, "nobody@hotel.example"))
    assert f"Invoice terms are set for {buyer.email}." in known
    assert _alerts(known).replace(buyer.email, "@") == _alerts(unknown).replace(
        "nobody@hotel.example", "@"
    )
    assert "No account" not in known + unknown
    # The list shows the address, not whose account it is.
    assert f"<span>{buyer.email} · net 30 days</span>" in known
    rows = db.session.scalars(select(TrustedBuyer).order_by(TrustedBuyer.id)).all()
    assert [(r.email, r.terms_days) for r in rows] == [
        (buyer.email, 30),
        ("nobody@hotel.example", 30),
    ]


def test_terms_apply_once_an_account_registers_with_the_email(app, shop):
    coop, product, admin, _ = shop
    _add(client_for(app, admin), coop.slug, "  Purchasing@Hotel.Example ", days="14")
    newcomer = make_user("Hotel Purchasing", email="purchasing@hotel.example", locale="en")
    order = place(newcomer, product)
    browser = client_for(app, newcomer)
    assert "net 14 days" in browser.get(f"/pesanan/{order.number}").get_data(as_text=True)
    browser.post(f"/pesanan/{order.number}/tempo")
    db.session.expire_all()
    assert order.status == OrderStatus.CONFIRMED and order.invoice.terms_days == 14


def test_a_pending_cooperative_cannot_offer_invoice_terms(app, shop):
    _, _, _, buyer = shop
    pending_admin = english_user("Pending admin")
    pending = make_cooperative(admin=pending_admin, status="pending")
    browser = client_for(app, pending_admin)
    page = _text(browser.get(f"/kelola/{pending.slug}/pembeli-terpercaya"))
    assert "Invoice terms can be offered once the cooperative is verified." in page
    assert 'name="email"' not in page
    before = db_state()
    refused = _text(_add(browser, pending.slug, buyer.email))
    assert "Invoice terms can be offered once the cooperative is verified." in refused
    assert db_state() == before


@pytest.fixture
def limited_app(app, monkeypatch):
    """The application with rate limiting on (Testing turns it off), on the same database."""
    # The limiter is one object shared by every app: put its switch back afterwards.
    monkeypatch.setattr(limiter, "enabled", limiter.enabled)
    limited = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
        },
    )
    limiter.reset()
    yield limited
    limiter.reset()
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


def test_adding_trusted_buyers_is_rate_limited_per_cooperative_admin(limited_app, shop):
    coop, _, admin, _ = shop
    per_minute = int(TRUSTED_BUYER_LIMIT.split()[0])
    browser = limited_app.test_client()
    login(browser, admin)
    for n in range(per_minute):
        assert _add(browser, coop.slug, f"guess{n}@hotel.example").status_code == 200
    before = db_state()
    blocked = browser.post(
        f"/kelola/{coop.slug}/pembeli-terpercaya",
        data={"email": "one-more@hotel.example", "terms_days": "30"},
    )
    assert blocked.status_code == 429
    assert db_state() == before
    assert browser.get(f"/kelola/{coop.slug}/pembeli-terpercaya").status_code == 200  # reading
    # Another cooperative's admin has a budget of their own.
    other_admin = english_user("Other admin")
    other = make_cooperative(admin=other_admin)
    other_browser = limited_app.test_client()
    login(other_browser, other_admin)
    assert _add(other_browser, other.slug, "buyer@hotel.example").status_code == 200
    added = select(TrustedBuyer.email).where(TrustedBuyer.cooperative_id == other.id)
    assert db.session.scalars(added).all() == ["buyer@hotel.example"]
