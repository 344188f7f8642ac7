"""The demo's offtakers have API tokens on their account pages; seeding twice adds none."""

from sqlalchemy import func, select

from marketplace.api.models import ApiToken
from marketplace.demo import seed_demo
from marketplace.demo_data import DEMO_PASSWORD
from marketplace.extensions import db


def test_the_demo_offtakers_have_tokens_once(app):
    with app.test_request_context():
        seed_demo()
        count = db.session.scalar(select(func.count(ApiToken.id)))
        seed_demo()
    assert count == 4
    assert db.session.scalar(select(func.count(ApiToken.id))) == count
    token = db.session.scalar(select(ApiToken).where(ApiToken.revoked_at.is_(None)))
    browser = app.test_client()
    browser.post("/akun/masuk", data={"email": token.user.email, "password": DEMO_PASSWORD})
    page = browser.get("/akun/token-api").get_data(as_text=True)
    assert token.prefix in page and "Sistem pembelian (ERP)" in page
