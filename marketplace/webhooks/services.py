"""A user's webhook endpoints: register, change, rotate the secret, enable again, delete, and
send a test event. The only writers of endpoints; every change audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.transaction import transaction
from marketplace.webhooks import policy
from marketplace.webhooks.delivery import emit
from marketplace.webhooks.events import ping_event
from marketplace.webhooks.locks import lock_owner
from marketplace.webhooks.models import EventType, WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.signing import new_secret
from marketplace.webhooks.urls import MAX_URL_LENGTH, url_problem

MAX_ENDPOINTS = 10
URL_PROBLEMS = {
    "empty": _l("Enter the URL that receives the events."),
    "too_long": _l("A URL may be at most %(count)s characters.", count=MAX_URL_LENGTH),
    "scheme": _l("The URL must start with https:// or http://."),
    "host": _l("This is not a valid URL."),
    "credentials": _l("Leave the user name and password out of the URL."),
    "unresolvable": _l("We could not find this host name. Check the URL."),
    "private": _l(
        "This URL points at a private or local network address; webhooks are only sent to "
        "public addresses."
    ),
}


@dataclass(frozen=True)
class EndpointData:
    url: str
    events: tuple[str, ...]


def _checked(data: EndpointData) -> tuple[str, list[str]]:
    url = (data.url or "").strip()
    problem = url_problem(url, bool(current_app.config.get("WEBHOOKS_ALLOW_PRIVATE")))
    if problem is not None:
        raise ValidationFailed(str(URL_PROBLEMS[problem]), field="url")
    known = [event.value for event in EventType]
    events = [event for event in known if event in set(data.events or ())]
    if not events or len(events) != len(set(data.events)):
        raise ValidationFailed(str(_l("Choose at least one event.")), field="events")
    return url, events


def _snapshot(endpoint: WebhookEndpoint) -> dict:
    return {"url": endpoint.url, "events": list(endpoint.events), "active": endpoint.is_active}


def register(user: User, data: EndpointData) -> WebhookEndpoint:
    """A new endpoint for `user` with a new secret (at most MAX_ENDPOINTS)."""
    url, events = _checked(data)
    with transaction():
        lock_owner(user)
        count = db.session.scalar(
            select(func.count())
            .select_from(WebhookEndpoint)
            .where(WebhookEndpoint.user_id == user.id)
        )
        if count >= MAX_ENDPOINTS:
            raise ValidationFailed(
                str(_l("You can have up to %(count)s webhook endpoints.", count=MAX_ENDPOINTS))
            )
        _refuse_second(user, url)
        endpoint = WebhookEndpoint(user_id=user.id, url=url, events=events, secret=new_secret())
        db.session.add(endpoint)
        db.session.flush()
        record("webhook.registered", endpoint, actor=user, after=_snapshot(endpoint))
    return endpoint


def _refuse_second(user: User, url: str, endpoint: WebhookEndpoint | None = None) -> None:
    """One endpoint per URL and owner (under the owner's lock): a form sent twice or an API
    request retried does not make a second endpoint with another secret."""
    query = select(WebhookEndpoint.id).where(
        WebhookEndpoint.user_id == user.id, WebhookEndpoint.url == url
    )
    if endpoint is not None:
        query = query.where(WebhookEndpoint.id != endpoint.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise ValidationFailed(
            str(_l("You already have an endpoint for this URL: change that one instead.")),
            field="url",
        )


def update(endpoint: WebhookEndpoint, user: User, data: EndpointData) -> WebhookEndpoint:
    url, events = _checked(data)
    with transaction():
        lock_owner(user)
        _refuse_second(user, url, endpoint)
        before = _snapshot(endpoint)
        endpoint.url, endpoint.events = url, events
        record("webhook.updated", endpoint, actor=user, before=before, after=_snapshot(endpoint))
    return endpoint


def rotate_secret(endpoint: WebhookEndpoint, user: User) -> WebhookEndpoint:
    """A new secret; for policy.SECRET_OVERLAP deliveries are signed with the old one too, so
    that the receiver can switch without losing any."""
    return _rotate(endpoint, user, policy.SECRET_OVERLAP)


def rotate_secret_now(endpoint: WebhookEndpoint, user: User) -> WebhookEndpoint:
    """A new secret, and the old one (perhaps leaked) signs nothing from now on."""
    return _rotate(endpoint, user, None)


def _rotate(endpoint: WebhookEndpoint, user: User, overlap: timedelta | None) -> WebhookEndpoint:
    with transaction():
        lock_owner(user)
        keep = overlap is not None
        endpoint.previous_secret = endpoint.secret if keep else None
        endpoint.previous_secret_until = utcnow() + overlap if keep else None
        endpoint.secret = new_secret()
        until = endpoint.previous_secret_until
        record(
            "webhook.secret_rotated",
            endpoint,
            actor=user,
            after={"old_secret_signs_until": until.isoformat() if until else None},
        )
    return endpoint


def enable(endpoint: WebhookEndpoint, user: User) -> WebhookEndpoint:
    """Enable an endpoint that was disabled for failing; pending deliveries are tried again."""
    with transaction():
        lock_owner(user)
        db.session.refresh(endpoint)
        if endpoint.is_active:
            raise InvalidTransition(str(_l("This endpoint is already enabled.")))
        endpoint.disabled_at = None
        endpoint.failing_since = None
        record("webhook.enabled", endpoint, actor=user)
    return endpoint


def remove(endpoint: WebhookEndpoint, user: User) -> None:
    """Delete the endpoint and its delivery log."""
    with transaction():
        lock_owner(user)
        record("webhook.deleted", endpoint, actor=user, before=_snapshot(endpoint))
        db.session.execute(
            delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
        )
        db.session.delete(endpoint)


def send_test(endpoint: WebhookEndpoint, user: User) -> WebhookDelivery:
    """Send a `webhook.test` event to this endpoint now (logged like any delivery)."""
    with transaction():
        lock_owner(user)
        db.session.refresh(endpoint)
        if not endpoint.is_active:
            raise InvalidTransition(str(_l("Enable the endpoint before sending a test event.")))
        (delivery,) = emit(ping_event(user.id), endpoint_ids=[endpoint.id])
        record("webhook.test_sent", endpoint, actor=user)
    return delivery
