"""Errors to Sentry when `SENTRY_DSN` is set; nothing is sent, or imported, otherwise.

Personal data stays here: no cookies, headers, form data, user or IP address are sent
(the SDK's default collects no personal data, request bodies and frames' local
variables are never sent, and the request
part of every event is cut to its method; the transaction is the route pattern).
"""

from __future__ import annotations

from flask import Flask

from marketplace.ops.logs import request_id


def scrub(event: dict, hint: dict | None = None) -> dict:
    """Keep only what locates the error: the method and the route pattern, and our request id."""
    req = event.get("request") or {}
    event["request"] = {"method": req.get("method")}
    event.pop("user", None)
    event.setdefault("tags", {})["request_id"] = request_id()
    return event


def init_app(app: Flask) -> None:
    dsn = app.config.get("SENTRY_DSN")
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[FlaskIntegration(transaction_style="url")],
        environment=app.config.get("CONFIG_NAME"),
        max_request_body_size="never",
        include_local_variables=False,  # a frame's locals hold the WSGI environ, forms, users
        traces_sample_rate=0,
        before_send=scrub,
    )
