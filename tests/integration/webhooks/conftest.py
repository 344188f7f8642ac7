"""A real local HTTP receiver (pytest-httpserver) and endpoints registered through the
services."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.services import EndpointData, register
from marketplace.webhooks.signing import HEADER, verify

ALL_EVENTS = tuple(event.value for event in EventType)


@pytest.fixture
def receiver(httpserver):
    """The receiving server, answering 200 to POST /hook unless a test says otherwise."""
    httpserver.expect_request("/hook", method="POST").respond_with_data("thanks")
    return httpserver


class Nowhere:
    """A receiver URL without a server (for tests that send nothing)."""

    def url_for(self, path: str) -> str:
        return f"http://127.0.0.1:9{path}"


def endpoint_for(user, server, events=ALL_EVENTS, path="/hook") -> WebhookEndpoint:
    return register(user, EndpointData(url=server.url_for(path), events=tuple(events)))


def received(server, secret: str | None = None) -> list[dict]:
    """The JSON bodies the server got, each checked against its signature when `secret`."""
    bodies = []
    for request, _response in server.log:
        body = request.get_data(as_text=True)
        if secret is not None:
            now = int(utcnow().timestamp())
            assert verify(request.headers[HEADER], body, secret, now), request.headers
        bodies.append(json.loads(body))
    return bodies


def deliveries(endpoint=None) -> list[WebhookDelivery]:
    db.session.expire_all()
    query = select(WebhookDelivery).order_by(WebhookDelivery.id)
    if endpoint is not None:
        query = query.where(WebhookDelivery.endpoint_id == endpoint.id)
    return list(db.session.scalars(query))


def make_due(hours: float = 0) -> None:
    """Move every pending delivery's next attempt into the past (as if time passed)."""
    db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.next_attempt_at.is_not(None))
        .values(next_attempt_at=utcnow() - timedelta(seconds=1, hours=hours))
    )
    db.session.commit()
