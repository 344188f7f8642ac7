"""Writing deliveries for an event and sending them.

`emit` runs inside the sender's transaction: one WebhookDelivery per interested endpoint, each
handed to the outbox, which sends it on the job queue after the transaction commits. `attempt`
sends one delivery under its row lock and records the answer: a delivery that was delivered is
never sent again, a failed one waits (policy.backoff_seconds) for the periodic `retry_due`.
An endpoint failing for more than a day is disabled and its owner told.
"""

from __future__ import annotations

import json
import logging

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace import outbox
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.notifications.services import MESSAGES, notify
from marketplace.transaction import transaction
from marketplace.webhooks import policy, sender
from marketplace.webhooks.events import Event
from marketplace.webhooks.locks import lock_delivery, lock_endpoints
from marketplace.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.urls import destination

log = logging.getLogger(__name__)
TOPIC = "webhook"
RETRY_BATCH = 200
DISABLED_KIND = "webhook.disabled"
MESSAGES.setdefault(
    DISABLED_KIND,
    _l(
        "Your webhook endpoint %(url)s failed for more than a day and is disabled. Fix it, "
        "then enable it again on your account page."
    ),
)


def body_of(delivery: WebhookDelivery) -> str:
    """The exact JSON body signed and sent (the same bytes on every attempt)."""
    return json.dumps(delivery.payload, sort_keys=True, separators=(",", ":"))


def emit(event: Event, endpoint_ids: list[int] | None = None) -> list[WebhookDelivery]:
    """Add a delivery of `event` for every active endpoint of its owners that wants it (or
    for `endpoint_ids`), skipping endpoints that have it already; in the caller's transaction.
    One query when nobody listens: the event's data is only made for a delivery."""
    query = select(WebhookEndpoint).where(WebhookEndpoint.disabled_at.is_(None))
    if endpoint_ids is not None:
        query = query.where(WebhookEndpoint.id.in_(endpoint_ids))
    else:
        query = query.where(WebhookEndpoint.user_id.in_(event.owners))
    found = db.session.scalars(query.order_by(WebhookEndpoint.id)).all()
    ids = [e.id for e in found if endpoint_ids is not None or e.wants(event.type)]
    if not ids:
        return []
    lock_endpoints(ids)
    endpoints = db.session.scalars(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.id.in_(ids), WebhookEndpoint.disabled_at.is_(None))
        .order_by(WebhookEndpoint.id)
        .execution_options(populate_existing=True)
    ).all()
    have = set(
        db.session.scalars(
            select(WebhookDelivery.endpoint_id).where(
                WebhookDelivery.endpoint_id.in_(ids), WebhookDelivery.event_id == event.id
            )
        )
    )
    todo = [endpoint for endpoint in endpoints if endpoint.id not in have]
    payload = event.envelope() if todo else {}
    made = []
    for endpoint in todo:
        delivery = WebhookDelivery(
            endpoint_id=endpoint.id,
            event_id=event.id,
            event_type=event.type,
            payload=payload,
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=utcnow(),
        )
        db.session.add(delivery)
        db.session.flush()
        outbox.enqueue(TOPIC, {"delivery_id": delivery.id})
        made.append(delivery)
    return made


@outbox.handles(TOPIC)
def _deliver(payload: dict) -> None:
    """The outbox's first try (inside its transaction); failures wait for retry_due."""
    attempt(int(payload["delivery_id"]))


def attempt(delivery_id: int) -> bool | None:
    """Send a pending delivery that is due, in the current transaction under its row lock.
    True: delivered now; False: failed now; None: nothing to do (delivered, given up, not due,
    or its endpoint disabled)."""
    lock_delivery(delivery_id)
    delivery = db.session.get(WebhookDelivery, delivery_id, populate_existing=True)
    now = utcnow()
    if (
        delivery is None
        or delivery.status != DeliveryStatus.PENDING
        or delivery.next_attempt_at is None
        or delivery.next_attempt_at > now
        or not delivery.endpoint.is_active
    ):
        return None
    endpoint = delivery.endpoint
    allow_private = bool(current_app.config.get("WEBHOOKS_ALLOW_PRIVATE"))
    checked = destination(endpoint.url, allow_private)
    if checked.problem is not None:
        answer = sender.Answer(None, error="refused_address")
    else:
        body = body_of(delivery)
        answer = sender.post(
            endpoint.url,
            body,
            endpoint.signing_secrets(now),
            int(now.timestamp()),
            delivery.event_id,
            address=checked.address,
        )
    lock_endpoints([endpoint.id])  # only now: a slow answer does not hold up the endpoint
    db.session.refresh(endpoint)  # its failing_since as other deliveries left it
    _record(delivery, answer, utcnow())
    return delivery.status == DeliveryStatus.DELIVERED


def _record(delivery: WebhookDelivery, answer: sender.Answer, now) -> None:
    endpoint = delivery.endpoint
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = answer.status_code
    delivery.response_excerpt = answer.excerpt
    delivery.last_error = answer.error
    if policy.succeeded(answer.status_code):
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED,
            now,
            None,
        )
        endpoint.failing_since, endpoint.last_success_at = None, now
        return
    delivery.next_attempt_at = policy.next_attempt_at(delivery.attempts, now)
    if delivery.next_attempt_at is None:
        delivery.status = DeliveryStatus.FAILED
    if endpoint.failing_since is None:
        endpoint.failing_since = now
    if endpoint.is_active and policy.should_disable(endpoint.failing_since, now):
        _disable(endpoint, now)


def _disable(endpoint: WebhookEndpoint, now) -> None:
    endpoint.disabled_at = now
    record(
        "webhook.disabled",
        endpoint,
        actor=None,
        after={"failing_since": endpoint.failing_since.isoformat()},
    )
    notify(endpoint.user, DISABLED_KIND, f"/akun/webhook/{endpoint.id}", url=endpoint.url)
    log.info("Webhook endpoint %s disabled after failing for a day", endpoint.id)


def due_ids(limit: int = RETRY_BATCH) -> list[int]:
    """Pending deliveries whose next attempt has come, of endpoints still active."""
    return list(
        db.session.scalars(
            select(WebhookDelivery.id)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.next_attempt_at <= utcnow(),
                WebhookEndpoint.disabled_at.is_(None),
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        )
    )


def retry_due() -> int:
    """Try every due delivery once, each in its own transaction; how many were delivered."""
    delivered = 0
    for delivery_id in due_ids():
        with transaction():
            delivered += bool(attempt(delivery_id))
    return delivered
