"""With mail configured, a new account confirms its email before it may place an order."""

import email
import re
from email import policy

import pytest

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.errors import NotAllowed
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.factories import (
    client_for,
    db_state,
    delivery_form,
    english_user,
    order_of,
)
from tests.fixtures.scenarios import Shop

SIGN_UP = {
    "name": "Sari Pembeli",
    "email": "sari@example.com",
    "password": "rahasia-panjang",
    "confirm": "rahasia-panjang",
}


@pytest.fixture
def product(coop_with_product: Shop) -> Product:
    return coop_with_product.product


def verification_link(message: bytes) -> str:
    body = email.message_from_bytes(message, policy=policy.default).get_content()
    return re.search(r"http://localhost(/akun/verifikasi/\S+)", body).group(1)


def order_url(product) -> str:
    return f"/pesan/{product.cooperative.slug}/{product.slug}"


def order_form() -> dict:
    return delivery_form(quantity="20", payment_method="bank_transfer")


def test_sign_up_sends_a_verification_link_when_mail_is_configured(client, smtp_server):
    assert client.post("/akun/daftar", data=SIGN_UP).status_code == 302
    user = db.session.query(User).filter_by(email="sari@example.com").one()
    assert user.email_verified_at is None
    assert len(smtp_server.messages) == 1
    message = email.message_from_bytes(smtp_server.messages[0], policy=policy.default)
    assert message["To"] == "sari@example.com"
    assert "/akun/verifikasi/" in message.get_content()


def test_an_unverified_account_may_not_order_and_is_told_how_to_fix_it(
    client, smtp_server, product
):
    client.post("/akun/daftar", data=SIGN_UP)
    client.post("/akun/bahasa", data={"lang": "en"})
    page = client.get("/").get_data(as_text=True)
    assert 'id="verify-email-banner"' in page
    assert 'action="/akun/verifikasi/kirim"' in page
    before = db_state()
    response = client.post(order_url(product), data=order_form())
    assert response.status_code == 200
    assert "Confirm your email address before placing an order" in response.get_data(as_text=True)
    assert db_state() == before


def test_the_service_refuses_an_unverified_buyer(app, smtp_server, product):
    buyer = english_user()
    assert buyer.email_verified_at is None
    with app.test_request_context(), pytest.raises(NotAllowed):
        order_of(buyer, product, 20)
    assert db.session.query(Order).count() == 0


def test_opening_the_link_asks_then_confirming_verifies_and_allows_orders(
    client, smtp_server, product
):
    client.post("/akun/daftar", data=SIGN_UP)
    link = verification_link(smtp_server.messages[0])
    before = db_state()
    assert client.get(link).status_code == 200  # a mail scanner opening the link changes nothing
    assert db_state() == before
    assert client.post(link).status_code == 302
    db.session.expire_all()
    assert (
        db.session.query(User).filter_by(email="sari@example.com").one().email_verified_at
        is not None
    )
    assert 'id="verify-email-banner"' not in client.get("/").get_data(as_text=True)
    assert client.post(order_url(product), data=order_form()).status_code == 302
    assert db.session.query(Order).count() == 1


def test_without_mail_configured_no_verification_is_asked(client, product):
    client.post("/akun/daftar", data=SIGN_UP)
    assert 'id="verify-email-banner"' not in client.get("/").get_data(as_text=True)
    assert client.post(order_url(product), data=order_form()).status_code == 302
    assert db.session.query(Order).count() == 1


def test_the_link_can_be_sent_again(app, smtp_server):
    user = english_user()
    client = client_for(app, user)
    assert client.post("/akun/verifikasi/kirim").status_code == 302
    assert len(smtp_server.messages) == 1
    assert verification_link(smtp_server.messages[0]).startswith("/akun/verifikasi/")


def test_anonymous_cannot_ask_for_a_link(client, smtp_server):
    before = db_state()
    response = client.post("/akun/verifikasi/kirim")
    assert response.status_code == 302
    assert "/akun/masuk" in response.headers["Location"]
    assert smtp_server.messages == []
    assert db_state() == before


@pytest.mark.parametrize("token", ["nonsense", "a" * 3000, "eyJ1IjoxfQ.x.y"])
def test_forged_verification_links_change_nothing(app, smtp_server, token):
    user = english_user()
    client = client_for(app, user)
    before = db_state()
    response = client.post(f"/akun/verifikasi/{token}")
    assert response.status_code == 302
    assert db_state() == before


def test_another_users_link_verifies_that_user_not_me(app, smtp_server):
    """A link verifies the address it was sent to, whoever opens it."""
    mine, theirs = english_user(), english_user()
    client_for(app, theirs).post("/akun/verifikasi/kirim")
    link = verification_link(smtp_server.messages[0])
    client_for(app, mine).post(link)
    db.session.expire_all()
    assert db.session.get(User, theirs.id).email_verified_at is not None
    assert db.session.get(User, mine.id).email_verified_at is None


def test_demo_accounts_can_order_with_mail_configured(app, smtp_server):
    from marketplace.demo import seed_demo

    with app.test_request_context():
        seed_demo()
    assert db.session.query(User).filter(User.email_verified_at.is_(None)).count() == 0
