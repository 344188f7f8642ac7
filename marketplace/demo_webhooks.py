"""Demo webhooks: the hotel offtaker has one endpoint with a short delivery log, so that the
webhook pages show something. It is disabled (it "failed for a day") and points at an example
address, so the demo never sends anything anywhere until someone enables it."""

from datetime import timedelta

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.db import utcnow
from marketplace.demo_rows import added
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.transaction import transaction
from marketplace.webhooks.events import order_event
from marketplace.webhooks.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.signing import new_secret

DEMO_URL = "https://erp.hotel-teluk-nusantara.example/webhooks/pasar"
ANSWERS = [(200, '{"received":true}'), (503, "Service Unavailable"), (200, '{"received":true}')]


def _log(endpoint: WebhookEndpoint, orders: list[Order]) -> None:
    now = utcnow()
    for position, (order, (code, excerpt)) in enumerate(zip(orders, ANSWERS, strict=False)):
        event = order_event(EventType.ORDER_CONFIRMED, order)
        sent = now - timedelta(days=3 - position)
        ok = code == 200
        db.session.add(
            WebhookDelivery(
                endpoint_id=endpoint.id,
                event_id=event.id,
                event_type=event.type,
                payload=event.envelope(),
                status=DeliveryStatus.DELIVERED if ok else DeliveryStatus.PENDING,
                attempts=1 if ok else 12,
                last_status_code=code,
                response_excerpt=excerpt,
                last_error="",
                last_attempt_at=sent,
                next_attempt_at=None if ok else sent + timedelta(hours=1),
                delivered_at=sent if ok else None,
            )
        )


def seed_webhooks(offtaker: User) -> None:
    """Once: an endpoint for `offtaker` with the log of up to three of their orders."""
    with transaction():
        if db.session.scalar(
            select(WebhookEndpoint.id).where(WebhookEndpoint.user_id == offtaker.id)
        ):
            return
        failing_since = utcnow() - timedelta(days=1, hours=2)
        endpoint = WebhookEndpoint(
            user_id=offtaker.id,
            url=DEMO_URL,
            events=[
                EventType.ORDER_CONFIRMED.value,
                EventType.ORDER_SHIPPED.value,
                EventType.CALLOFF_CREATED.value,
            ],
            secret=new_secret(),
            failing_since=failing_since,
            disabled_at=utcnow() - timedelta(hours=1),
            last_success_at=failing_since - timedelta(hours=1),
        )
        added(endpoint)
        orders = db.session.scalars(
            select(Order).where(Order.buyer_id == offtaker.id).order_by(Order.id).limit(3)
        ).all()
        _log(endpoint, list(orders))
