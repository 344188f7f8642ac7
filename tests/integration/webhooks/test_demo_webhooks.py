"""The demo's hotel offtaker has one disabled endpoint with a short log; seeding twice adds
nothing, and the pages show it."""

from sqlalchemy import func, select

from marketplace.demo import DEMO_PASSWORD, seed_demo
from marketplace.demo_webhooks import DEMO_URL
from marketplace.extensions import db
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint


def test_the_demo_offtaker_has_an_endpoint_with_a_log_once(app):
    with app.test_request_context():
        seed_demo()
        seed_demo()
    (endpoint,) = db.session.scalars(select(WebhookEndpoint)).all()
    assert endpoint.url == DEMO_URL and not endpoint.is_active
    count = db.session.scalar(select(func.count()).select_from(WebhookDelivery))
    assert 1 <= count <= 3
    client = app.test_client()
    client.post("/akun/masuk", data={"email": endpoint.user.email, "password": DEMO_PASSWORD})
    page = client.get(f"/akun/webhook/{endpoint.id}").get_data(as_text=True)
    assert DEMO_URL in page and "HTTP 200" in page
