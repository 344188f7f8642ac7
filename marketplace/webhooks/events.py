"""What each event says and who hears it. Senders are the domain objects of the signals
(marketplace.signals); this module reads them through their attributes only.

A payload is small JSON: ids, numbers, statuses, integer rupiah, ISO dates and times; nothing
personal beyond what its receiver already sees on their own pages. The event id is derived from
the event (its type and what it is about), so the same event sent twice has one id and makes
one delivery per endpoint; receivers can dedupe on it too.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from marketplace.cooperatives.models import Membership, MembershipRole, MembershipStatus
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.webhooks.models import TEST_EVENT, EventType


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    data: dict[str, Any]
    owner_ids: tuple[int, ...]  # the users whose endpoints hear it

    def envelope(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "created": int(utcnow().timestamp()),
            "data": self.data,
        }


def event_id(event_type: str, key: str) -> str:
    return "evt_" + hashlib.sha256(f"{event_type}:{key}".encode()).hexdigest()[:28]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def admin_ids(cooperative_id: int) -> tuple[int, ...]:
    return tuple(
        db.session.scalars(
            select(Membership.user_id)
            .where(
                Membership.cooperative_id == cooperative_id,
                Membership.role == MembershipRole.ADMIN,
                Membership.status == MembershipStatus.ACTIVE,
            )
            .order_by(Membership.user_id)
        )
    )


def order_event(event_type: str, order) -> Event:
    """order.confirmed/shipped/delivered: to the buyer and the cooperative's admins."""
    data = {
        "object": "order",
        "number": order.number,
        "status": str(order.status),
        "cooperative": order.cooperative.slug,
        "currency": "IDR",
        "total": order.total,
        "delivery_date": _iso(order.delivery_date),
        "confirmed_at": _iso(order.confirmed_at),
        "lines": [
            {
                "product_id": line.product_id,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
            }
            for line in order.lines
        ],
    }
    if event_type != EventType.ORDER_CONFIRMED:
        data["shipments"] = [
            {
                "number": shipment.number,
                "courier": shipment.courier,
                "tracking_number": shipment.tracking_number,
                "shipped_on": _iso(shipment.shipped_on),
                "delivered_at": _iso(shipment.delivered_at),
            }
            for shipment in order.shipments
        ]
    owners = tuple(sorted({order.buyer_id, *admin_ids(order.cooperative_id)}))
    return Event(event_id(event_type, order.number), event_type, data, owners)


def quote_event(quote) -> Event:
    """quote.received: to the buyer of the RFQ. A revised quote is a new event."""
    recipient = quote.recipient
    data = {
        "object": "quote",
        "id": quote.id,
        "rfq_id": recipient.rfq_id,
        "cooperative": recipient.cooperative.slug,
        "product_id": quote.product_id,
        "quantity": quote.quantity,
        "currency": "IDR",
        "unit_price": quote.unit_price,
        "lead_time_days": quote.lead_time_days,
        "valid_until": _iso(quote.valid_until),
    }
    terms = (quote.quantity, quote.unit_price, quote.lead_time_days, data["valid_until"])
    key = ":".join(str(part) for part in (quote.id, *terms))
    event_type = EventType.QUOTE_RECEIVED
    return Event(event_id(event_type, key), event_type, data, (recipient.rfq.buyer_id,))


def call_off_event(call_off) -> Event:
    """calloff.created: to the offtaker of the contract, once its order is placed."""
    contract, order = call_off.contract, call_off.order
    data = {
        "object": "call_off",
        "id": call_off.id,
        "contract": contract.number,
        "cooperative": contract.cooperative.slug,
        "due_date": _iso(call_off.due_date),
        "quantity": call_off.quantity,
        "order": order.number if order is not None else None,
        "currency": "IDR",
        "total": order.total if order is not None else None,
    }
    event_type = EventType.CALLOFF_CREATED
    return Event(event_id(event_type, str(call_off.id)), event_type, data, (contract.offtaker_id,))


def payout_event(line) -> Event:
    """payout.paid: a member's payout line is paid; to the cooperative's admins."""
    batch = line.batch
    data = {
        "object": "payout_line",
        "id": line.id,
        "batch_id": batch.id,
        "batch_status": str(batch.status),
        "membership_id": line.membership_id,
        "currency": "IDR",
        "amount": line.amount,
        "reference": line.reference,
        "paid_at": _iso(line.paid_at),
    }
    event_type = EventType.PAYOUT_PAID
    return Event(
        event_id(event_type, str(line.id)), event_type, data, admin_ids(batch.cooperative_id)
    )


def ping_event(owner_id: int) -> Event:
    """The "send a test event" button: a new id each time."""
    data = {"object": "test", "message": "Pasar Koperasi webhook test"}
    return Event("evt_test_" + secrets.token_hex(12), TEST_EVENT, data, (owner_id,))
