"""Security rules of the whole site: CSRF on every POST, the response headers, the Stripe
webhook without keys, 64-bit ids, the request size, and the session key rules. Login throttling,
password rules and trusted proxies: tests/integration/security/test_login_security.py."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask.sessions import SecureCookieSessionInterface

from config import (
    ConfigurationError,
    Development,
    Production,
    development_secret_key,
)
from marketplace import create_app
from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.services import cancel_by_buyer
from marketplace.payments.models import PaymentEvent
from marketplace.payments.services import record_bank_transfer
from tests.factories import (
    client_for,
    db_state,
)
from tests.fakes.stripe_fake import SECRET_KEY as STRIPE_KEY
from tests.fakes.stripe_fake import WEBHOOK_SECRET, event, sign
from tests.fixtures.scenarios import PlacedOrder

ROOT = Path(__file__).resolve().parents[3]
STRONG_KEY = "k" * 32
# The only POST that needs no CSRF token: Stripe signs it instead.
CSRF_EXEMPT = {"payments.stripe_webhook"}


@pytest.fixture
def world(placed_order: PlacedOrder) -> PlacedOrder:
    """A platform admin who also runs a cooperative with a product and a placed order."""
    placed_order.admin.is_platform_admin = True
    db.session.commit()
    return placed_order


def _url_for_rule(rule, values: dict) -> str:
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(values.get(name, 1)), path)
    return path


def test_every_post_is_refused_without_a_csrf_token(app, world, monkeypatch):
    admin, coop, product, order = world.admin, world.coop, world.product, world.order
    browser = client_for(app, admin)  # logged in, so that only the token stands in the way
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    values = {
        "slug": coop.slug,
        "coop_slug": coop.slug,
        "product_slug": product.slug,
        "number": order.number,
        "token": "x" * 20,
    }
    rules = [r for r in app.url_map.iter_rules() if "POST" in (r.methods or ())]
    checked, api = [], []
    before = db_state()
    for rule in rules:
        if rule.endpoint in CSRF_EXEMPT:
            continue
        url = _url_for_rule(rule, values)
        response = browser.post(url, data={"quantity": "20", "lang": "en", "name": "X"})
        if rule.rule.startswith("/api/"):
            # The API takes no CSRF token: it takes no cookie either, only a bearer token.
            assert response.status_code == 401, (rule.rule, response.status_code)
            api.append(rule.rule)
            continue
        assert response.status_code == 400, (rule.rule, response.status_code)
        checked.append(rule.rule)
    assert db_state() == before
    print(f"CSRF refused on {len(checked)} POST routes")  # noqa: T201 (the report counts them)
    assert len(checked) >= 30 and len(checked) + len(api) == len(rules) - len(CSRF_EXEMPT)
    # And the token is what the test was about: with it, the same kind of POST goes through.
    page = browser.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = browser.post("/akun/bahasa", data={"lang": "id", "csrf_token": token})
    assert response.status_code == 302


def test_csrf_exemptions_are_only_the_signed_webhook(app):
    assert app.extensions["csrf"]._exempt_views == {"marketplace.payments.views.stripe_webhook"}


@pytest.mark.parametrize("path", ["/", "/akun/masuk", "/static/css/app.css"])
def test_security_headers(client, path):
    response = client.get(path)
    response.close()
    assert response.status_code == 200
    csp = dict(
        part.strip().split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP in development


def test_production_sends_hsts(app, monkeypatch):
    production = _production_app(app, monkeypatch)
    response = production.test_client().get("/akun/masuk")
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert production.config["SESSION_COOKIE_SECURE"] and not production.debug


def test_no_template_has_inline_script_or_handlers():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\ssrc=)", text), template
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert not re.search(r"(?<![\w-])style\s*=", text), template  # not button_style=


# The Stripe webhook -----------------------------------------------------------------------


def _completed(order, **changes) -> str:
    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "amount_total": order.total * 100,
        "currency": "idr",
        "payment_status": "paid",
        "payment_intent": "pi_test_1",
    }
    return event("checkout.session.completed", {**session, **changes})


def _post(client, payload: str, signature: str):
    return client.post(
        "/webhooks/stripe",
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )


def test_without_stripe_keys_the_webhook_does_not_exist(client, world):
    """The forged-payment attack: an event signed with the empty key confirmed any order."""
    order = world.order
    payload = _completed(order)
    before = db_state()
    for secret in ("", WEBHOOK_SECRET):
        assert _post(client, payload, sign(payload, secret=secret)).status_code == 404
    assert db_state() == before
    assert order.status == OrderStatus.PLACED


def test_only_one_stripe_key_is_no_webhook_either(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
    payload = _completed(world.order)
    before = db_state()
    assert _post(client, payload, sign(payload)).status_code == 404
    assert db_state() == before


@pytest.mark.parametrize("secret", ["", "whsec_", "short-secret"])
def test_with_a_stripe_key_the_app_refuses_a_weak_webhook_secret(app, secret):
    with pytest.raises(ConfigurationError, match="STRIPE_WEBHOOK_SECRET"):
        create_app(
            "testing",
            {**_same_db(app), "STRIPE_SECRET_KEY": STRIPE_KEY, "STRIPE_WEBHOOK_SECRET": secret},
        )


@pytest.fixture
def stripe_keys(app, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", STRIPE_KEY)
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)


def test_events_signed_in_the_future_are_refused(client, world, stripe_keys):
    order = world.order
    payload = _completed(order)
    before = db_state()
    future = sign(payload, timestamp=int(time.time()) + 3600)
    assert _post(client, payload, future).status_code == 400
    assert db_state() == before
    # Within the tolerance (clocks differ a little) it is applied.
    near = sign(payload, timestamp=int(time.time()) + 60)
    assert _post(client, payload, near).json["outcome"] == "confirmed"


def test_events_signed_too_long_ago_are_refused(client, world, stripe_keys):
    payload = _completed(world.order)
    before = db_state()
    assert (
        _post(client, payload, sign(payload, timestamp=int(time.time()) - 3600)).status_code == 400
    )
    assert db_state() == before


@pytest.mark.parametrize("how", ["cancelled", "already_paid"])
def test_card_money_for_an_order_not_awaiting_it_confirms_nothing(client, world, stripe_keys, how):
    admin, buyer, order = world.admin, world.buyer, world.order
    if how == "cancelled":
        cancel_by_buyer(order, buyer)
    else:
        record_bank_transfer(
            order, admin, amount=order.total, received_on=order.cooperative.local_date()
        )
    status = db.session.get(Order, order.id).status
    payload = _completed(order)
    response = _post(client, payload, sign(payload))
    assert response.status_code == 200 and response.json["outcome"] == "paid_out_of_order"
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    assert order.status == status  # no state moved
    [stored] = db.session.query(PaymentEvent).all()
    assert stored.outcome == "paid_out_of_order"
    actions = [a.action for a in db.session.query(AuditEvent).filter_by(entity_id=order.id)]
    assert "payment.received_out_of_order" in actions


# Ids past the database integers (security/test_hostile_input.py covers every route) -----------


@pytest.mark.parametrize("big", [2**31, 2**63, 10**30])
def test_ids_past_64_bits_are_not_found_not_a_server_error(app, world, big):
    browser = client_for(app, world.admin)
    assert browser.get(f"/admin/koperasi/{big}").status_code == 404
    before = db_state()
    assert browser.post(f"/keranjang/{big}/hapus").status_code == 404
    assert db_state() == before


def test_a_request_body_past_the_limit_is_refused(client, app):
    before = db_state()
    body = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/akun/masuk", data={"email": body, "password": "x"})
    assert response.status_code == 413
    assert db_state() == before


# The session key ---------------------------------------------------------------------------


def _same_db(app) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]}


def _production_app(app, monkeypatch, **env):
    values = {
        "SECRET_KEY": STRONG_KEY,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
        "PAGE_CACHE_URL": "",  # no pages kept in Redis across test runs
        **env,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    # The limiter is one object for every app: keep it off so the test app stays unlimited.
    return create_app("production", {"RATELIMIT_ENABLED": False})


def test_production_refuses_a_short_key(app, monkeypatch):
    with pytest.raises(ConfigurationError, match="32 bytes"):
        _production_app(app, monkeypatch, SECRET_KEY="x" * 31)
    assert _production_app(app, monkeypatch, SECRET_KEY="x" * 32).secret_key == "x" * 32


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "RATELIMIT_STORAGE_URI"])
def test_production_refuses_to_start_without(app, monkeypatch, missing):
    monkeypatch.delenv(missing, raising=False)
    values = {"SECRET_KEY": STRONG_KEY, "DATABASE_URL": "sqlite://"}
    values["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6379/15"
    for name, value in values.items():
        if name != missing:
            monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError, match=missing):
        create_app("production", {"RATELIMIT_ENABLED": False})


def test_production_refuses_limiter_state_in_memory(app, monkeypatch):
    with pytest.raises(ConfigurationError, match="Redis"):
        _production_app(app, monkeypatch, RATELIMIT_STORAGE_URI="memory://")


def test_production_refuses_pages_kept_per_process(app, monkeypatch):
    with pytest.raises(ConfigurationError, match="PAGE_CACHE_URL"):
        _production_app(app, monkeypatch, PAGE_CACHE_URL="memory://")


def test_production_keeps_pages_in_the_limiters_redis_unless_told(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/15")
    monkeypatch.delenv("PAGE_CACHE_URL", raising=False)
    assert Production().PAGE_CACHE_URL == "redis://127.0.0.1:6379/15"
    monkeypatch.setenv("PAGE_CACHE_URL", "")
    assert Production().PAGE_CACHE_URL == ""


def _wsgi(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("FLASK_CONFIG", "SECRET_KEY")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import wsgi; print(wsgi.app.config['CONFIG_NAME'], wsgi.app.debug)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_wsgi_gets_production_settings_unless_told_otherwise(app):
    refused = _wsgi({})
    assert refused.returncode != 0 and "SECRET_KEY must be set in production" in refused.stderr
    started = _wsgi(
        {
            "SECRET_KEY": STRONG_KEY,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
        }
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["production", "False"]


def test_make_run_asks_for_development_explicitly():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^setup run: export FLASK_CONFIG := development$", makefile, re.M)


def test_development_key_is_random_made_once_and_kept_in_the_instance_folder(tmp_path):
    first = development_secret_key(tmp_path / "one")
    assert len(first) >= 32 and first == development_secret_key(tmp_path / "one")
    assert first != development_secret_key(tmp_path / "two")
    stored = tmp_path / "one" / "secret_key"
    assert stored.read_text() == first and stored.stat().st_mode & 0o077 == 0
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "instance/secret_key"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0  # instance/ is git-ignored


def test_development_config_has_no_key_written_in_the_code(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert len(Development().SECRET_KEY) >= 32
    assert "dev-only-not-secret" not in (ROOT / "config.py").read_text()


def test_a_cookie_forged_with_the_old_public_key_opens_nothing(app, world):
    admin = world.admin
    forger = SecureCookieSessionInterface().get_signing_serializer(
        type("FakeApp", (), {"secret_key": "dev-only-not-secret", "config": app.config})()
    )
    cookie = forger.dumps({"_user_id": str(admin.id), "_fresh": True})
    browser = app.test_client()
    browser.set_cookie("session", cookie)
    response = browser.get("/admin/koperasi")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
