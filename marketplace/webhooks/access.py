"""Load endpoints scoped to their owner (404 for anyone else's)."""

from flask import abort
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.webhooks.models import WebhookEndpoint


def get_endpoint_for_owner(endpoint_id: int, user: User) -> WebhookEndpoint:
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or not user.is_authenticated or endpoint.user_id != user.id:
        abort(404)
    return endpoint


def endpoints_of(user: User) -> list[WebhookEndpoint]:
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.user_id == user.id)
            .order_by(WebhookEndpoint.id)
        )
    )
