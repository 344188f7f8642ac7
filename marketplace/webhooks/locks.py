"""The locks webhook use cases take (see marketplace.locking): the owner's user row for
changes to their endpoints, the endpoint rows while deliveries are written for an event, and
a delivery's row while it is sent, so that it is sent by one worker at a time and once."""

from marketplace.accounts.models import User
from marketplace.locking import lock_rows
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint


def lock_owner(user: User) -> None:
    lock_rows(User, [user.id])


def lock_endpoints(ids) -> None:
    lock_rows(WebhookEndpoint, ids)


def lock_delivery(delivery_id: int) -> None:
    lock_rows(WebhookDelivery, [delivery_id])
