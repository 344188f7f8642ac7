"""Load endpoints scoped to their owner (404 for anyone else's)."""

from marketplace.access import get_owned_or_404, owned_rows
from marketplace.accounts.models import User
from marketplace.webhooks.models import WebhookEndpoint


def get_endpoint_for_owner(endpoint_id: int, user: User) -> WebhookEndpoint:
    return get_owned_or_404(WebhookEndpoint, endpoint_id, user)


def endpoints_of(user: User) -> list[WebhookEndpoint]:
    return owned_rows(WebhookEndpoint, user, WebhookEndpoint.id)
