"""With SENTRY_DSN, a server error reaches Sentry (here a local HTTP server standing in for
it) with the route and request id, and without cookies, form data or addresses."""

import gzip
import json

import pytest
import sentry_sdk

from marketplace import create_app
from marketplace.accounts.access import public


@pytest.fixture
def reported_app(app, httpserver):
    httpserver.expect_request("/api/1/envelope/", method="POST").respond_with_data("{}")
    dsn = f"http://publickey@127.0.0.1:{httpserver.port}/1"
    other = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SENTRY_DSN": dsn,
            "PROPAGATE_EXCEPTIONS": False,
        },
    )

    @other.get("/_test/boom")
    @public
    def boom():  # a route only this test app has: an unexpected error in a view
        raise RuntimeError("boom in a view")

    yield other
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def _envelopes(httpserver) -> list[str]:
    bodies = []
    for request, _ in httpserver.log:
        data = request.get_data()
        if request.headers.get("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        bodies.append(data.decode())
    return bodies


def test_a_server_error_is_reported_without_personal_data(reported_app, httpserver):
    client = reported_app.test_client()
    client.set_cookie("session", "secret-session-value")
    response = client.get(
        "/_test/boom?email=siti@example.com", headers={"X-Request-ID": "req-12345678"}
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)
    bodies = _envelopes(httpserver)
    assert bodies, "no event reached the Sentry endpoint"
    text = "\n".join(bodies)
    assert "boom in a view" in text
    assert "req-12345678" in text
    assert "secret-session-value" not in text
    assert "siti@example.com" not in text
    assert "127.0.0.1" not in text  # no client address in the event
    (event,) = [json.loads(line) for line in text.splitlines() if '"exception"' in line]
    assert event["request"] == {"method": "GET"}


def test_without_a_dsn_nothing_is_set_up(app):
    assert not app.config["SENTRY_DSN"]
    assert not sentry_sdk.get_client().is_active()
