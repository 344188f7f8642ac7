"""Reads for the webhook pages: an endpoint's latest deliveries and its paginated log."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.pagination import one_page
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint

RECENT = 5


def _log(endpoint: WebhookEndpoint):
    return (
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
        .order_by(WebhookDelivery.id.desc())
    )


def recent_deliveries(endpoint: WebhookEndpoint, limit: int = RECENT) -> list[WebhookDelivery]:
    return list(db.session.scalars(_log(endpoint).limit(limit)))


def delivery_log(endpoint: WebhookEndpoint, page: int) -> Pagination:
    return one_page(_log(endpoint), page)
