"""/healthz and /readyz: open to a load balancer, honest about the database and Redis."""

import pytest

REDIS_UP = "redis://127.0.0.1:6379/15"
REDIS_DOWN = "redis://127.0.0.1:6399/0"  # nothing listens there


def test_healthz_answers_without_login_or_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_reports_the_database_and_redis(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", REDIS_UP)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_readyz_is_503_when_redis_is_unreachable(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", REDIS_DOWN)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("failed")
    assert "6399" not in response.get_data(as_text=True)  # no address leaks out


def test_readyz_without_redis_in_use_checks_only_the_database(client):
    assert client.get("/readyz").get_json()["checks"] == {"database": "ok"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_probes_accept_only_get(client, method):
    assert getattr(client, method)("/healthz").status_code == 405
