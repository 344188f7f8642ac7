"""Rate limits per token, and request-size errors, answered as problems."""

import pytest

from marketplace import create_app
from marketplace.extensions import db, limiter
from tests.api_support import assert_problem, bearer, token_for
from tests.factories import english_user

PER_MINUTE = 3


@pytest.fixture
def limited_app(app, monkeypatch):
    """The application with rate limiting on, in Redis (this helper's DB 10), same database."""
    monkeypatch.setattr(limiter, "enabled", limiter.enabled)
    limited = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/10",
            "API_RATE_LIMIT": f"{PER_MINUTE} per minute",
        },
    )
    limiter.reset()
    yield limited
    limiter.reset()
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()


def test_each_token_has_its_own_budget_and_429_is_a_problem(limited_app):
    first = bearer(token_for(english_user("Busy")))
    second = bearer(token_for(english_user("Quiet")))
    client = limited_app.test_client()
    for _ in range(PER_MINUTE):
        assert client.get("/api/v1/orders", headers=first).status_code == 200
    blocked = client.get("/api/v1/orders", headers=first)
    body = assert_problem(blocked, 429, "rate_limited")
    assert int(blocked.headers["Retry-After"]) >= 1
    assert "per" in body["detail"] or body["detail"]
    assert client.get("/api/v1/orders", headers=second).status_code == 200


def test_a_body_too_large_is_a_413_problem(app):
    headers = bearer(token_for(english_user()))
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    response = app.test_client().post(
        "/api/v1/orders",
        data=b"{" + b" " * size + b"}",
        content_type="application/json",
        headers={**headers, "Idempotency-Key": "big-body-key"},
    )
    assert_problem(response, 413, "payload_too_large")
