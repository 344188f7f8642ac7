"""Login and accounts: failed-login throttling per account (without locking the real user out),
its state in Redis, the password rules and trusted reverse proxies."""

import os
import time
import uuid

import pytest
from flask import request

from marketplace import create_app
from marketplace.accounts.access import public
from marketplace.accounts.models import User
from marketplace.accounts.throttle import LoginThrottle
from marketplace.extensions import db
from tests.factories import PASSWORD, db_state, english_user

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, away from anything else


@pytest.fixture
def throttle(app, monkeypatch):
    """The throttle on, with a fresh memory store and small limits."""
    fresh = LoginThrottle(
        "memory://", prefix="t", account_limit="6 per hour", pair_limit="3 per 15 minutes"
    )
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_ENABLED", True)
    monkeypatch.setitem(app.extensions, "login_throttle", fresh)
    return fresh


def _login(client, email: str, password: str, address: str):
    return client.post(
        "/akun/masuk",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_failures_from_one_address_stop_that_address_not_the_user(app, throttle):
    user = english_user()
    attacker = app.test_client()
    for _ in range(3):
        assert _login(attacker, user.email, "wrong-guess", "198.51.100.7").status_code == 200
    refused = _login(attacker, user.email, PASSWORD, "198.51.100.7")  # even the right one
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan gagal" in refused.get_data(as_text=True)
    # The real user, elsewhere, is not locked out.
    assert _login(app.test_client(), user.email, PASSWORD, "203.0.113.5").status_code == 302


def test_a_guesser_rotating_addresses_is_stopped_per_account(app, throttle):
    user = english_user()
    regular = app.test_client()
    assert _login(regular, user.email, PASSWORD, "203.0.113.5").status_code == 302  # known now
    regular.post("/akun/keluar")
    for n in range(6):
        _login(app.test_client(), user.email, f"guess-{n}", f"198.51.100.{n}")
    # A new browser must wait, even with the right password ...
    assert _login(app.test_client(), user.email, PASSWORD, "192.0.2.1").status_code == 429
    # ... but the browser the user logged in with before still gets in.
    assert _login(regular, user.email, PASSWORD, "203.0.113.99").status_code == 302
    # Other accounts are not affected.
    other = english_user()
    assert _login(app.test_client(), other.email, PASSWORD, "192.0.2.1").status_code == 302


def test_successful_logins_do_not_count(app, throttle):
    user = english_user()
    for _ in range(10):
        browser = app.test_client()
        assert _login(browser, user.email, PASSWORD, "203.0.113.5").status_code == 302


def test_unknown_emails_are_throttled_the_same_way(app, throttle):
    for _ in range(3):
        _login(app.test_client(), "nobody@example.com", "guess", "198.51.100.7")
    response = _login(app.test_client(), "nobody@example.com", "guess", "198.51.100.7")
    assert response.status_code == 429  # no difference that tells which emails exist


def test_a_throttled_account_is_free_again_after_the_window():
    """The wait is bounded: the moving window empties as the failures age."""
    throttle = LoginThrottle(
        "memory://", prefix="w", account_limit="2 per 1 second", pair_limit="2 per 1 second"
    )
    for address in ("a", "b"):
        throttle.failed("user@example.com", address)
    assert not throttle.check("user@example.com", "c", known_browser=False).allowed
    assert throttle.check("user@example.com", "c", known_browser=True).allowed
    time.sleep(1.1)
    assert throttle.check("user@example.com", "c", known_browser=False).allowed


def _redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise  # .ci/run starts Redis: in CI its absence is a failure
        pytest.skip("no Redis at 127.0.0.1:6379 (.ci/run starts one)")


def test_throttle_state_is_shared_through_redis():
    """Two web processes (two throttles on the same Redis) see the same failures."""
    _redis_or_skip()
    prefix = f"test-sec-{uuid.uuid4().hex}"
    limits = {"account_limit": "3 per hour", "pair_limit": "2 per hour"}
    first = LoginThrottle(REDIS_URL, prefix=prefix, **limits)
    second = LoginThrottle(REDIS_URL, prefix=prefix, **limits)
    first.failed("user@example.com", "198.51.100.7")
    second.failed("user@example.com", "198.51.100.7")
    assert not first.check("user@example.com", "198.51.100.7", known_browser=False).allowed
    assert second.check("user@example.com", "192.0.2.1", known_browser=False).allowed
    second.failed("user@example.com", "192.0.2.1")
    verdict = first.check("user@example.com", "192.0.2.2", known_browser=False)
    assert not verdict.allowed and 0 < verdict.retry_after <= 3600
    import redis

    keys = redis.Redis.from_url(REDIS_URL).keys(f"*{prefix}*")
    assert keys and not any(b"example.com" in key for key in keys)  # no email in Redis


# Passwords -----------------------------------------------------------------------------------


def _signup(client, email: str, password: str):
    return client.post(
        "/akun/daftar",
        data={"name": "Siti", "email": email, "password": password, "confirm": password},
    )


def _english(client):
    client.post("/akun/bahasa", data={"lang": "en"})
    return client


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password123", "too common"),
        ("bismillah", "too common"),
        ("Indonesia123", "too common"),  # case does not help
        ("aaaaaaaaaa", "too common"),
        ("siti.rahayu@example.com", "must not be your email"),
        ("SITI.RAHAYU", "must not be your email"),  # the part before the @
        ("short1", "at least 8 characters"),
    ],
)
def test_weak_passwords_are_refused_at_sign_up(client, password, message):
    browser = _english(client)
    before = db_state()
    response = _signup(browser, "siti.rahayu@example.com", password)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db_state() == before


def test_weak_password_message_in_indonesian(client):
    response = _signup(client, "siti@example.com", "password123")
    assert "terlalu umum" in response.get_data(as_text=True)


def test_a_good_password_signs_up(client):
    assert _signup(client, "siti@example.com", "kain batik tulis 7").status_code == 302
    assert db.session.query(User).filter_by(email="siti@example.com").count() == 1


# Reverse proxies ----------------------------------------------------------------------------


def _address_app(app, proxies: int):
    other = create_app(
        "testing",
        {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "PROXY_COUNT": proxies},
    )
    other.add_url_rule("/_address", "address", public(lambda: request.remote_addr or ""))
    return other.test_client()


def test_forwarded_for_is_trusted_only_for_the_configured_proxies(app):
    headers = {"X-Forwarded-For": "192.0.2.66, 203.0.113.9"}  # spoofed, then the proxy's
    environ = {"REMOTE_ADDR": "10.0.0.1"}
    direct = _address_app(app, 0).get("/_address", headers=headers, environ_base=environ)
    assert direct.get_data(as_text=True) == "10.0.0.1"
    proxied = _address_app(app, 1).get("/_address", headers=headers, environ_base=environ)
    assert proxied.get_data(as_text=True) == "203.0.113.9"  # never the client's own claim
