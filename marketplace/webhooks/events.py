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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, literal, select

from marketplace.cooperatives.models import Membership, MembershipRole, MembershipStatus
from marketplace.db import utcnow
from marketplace.webhooks.models import TEST_EVENT, EventType


@dataclass(frozen=True)
class Event:
    """An event, its owners (the users whose endpoints hear it: ids, or a query of ids) and
    how to make its data, which is only done when some endpoint wants it."""

    id: str
    type: str
    owners: tuple[int, ...] | Select
    data: Callable[[], dict[str, Any]]

    def envelope(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "created": int(utcnow().timestamp()),
            "data": self.data(),
        }


def event_id(event_type: str, key: str) -> str:
    return "evt_" + hashlib.sha256(f"{event_type}:{key}".encode()).hexdigest()[:28]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def admins(cooperative_id: int) -> Select:
    """The user ids of the cooperative's active admins (a query, run inside another)."""
    return select(Membership.user_id).where(
        Membership.cooperative_id == cooperative_id,
        Membership.role == MembershipRole.ADMIN,
        Membership.status == MembershipStatus.ACTIVE,
    )


def _order_data(event_type: str, order) -> dict[str, Any]:
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
    return data


def order_event(event_type: str, order) -> Event:
    """order.confirmed/shipped/delivered: to the buyer and the cooperative's admins."""
    owners = admins(order.cooperative_id).union(select(literal(order.buyer_id)))
    return Event(
        event_id(event_type, order.number),
        event_type,
        owners,
        lambda: _order_data(event_type, order),
    )


def _quote_data(quote) -> dict[str, Any]:
    recipient = quote.recipient
    return {
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


def quote_event(quote) -> Event:
    """quote.received: to the buyer of the RFQ. A revised quote is a new event."""
    terms = (quote.quantity, quote.unit_price, quote.lead_time_days, _iso(quote.valid_until))
    key = ":".join(str(part) for part in (quote.id, *terms))
    event_type = EventType.QUOTE_RECEIVED
    owners = (quote.recipient.rfq.buyer_id,)
    return Event(event_id(event_type, key), event_type, owners, lambda: _quote_data(quote))


def _call_off_data(call_off) -> dict[str, Any]:
    contract, order = call_off.contract, call_off.order
    return {
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


def call_off_event(call_off) -> Event:
    """calloff.created: to the offtaker of the contract, once its order is placed."""
    event_type = EventType.CALLOFF_CREATED
    owners = (call_off.contract.offtaker_id,)
    key = event_id(event_type, str(call_off.id))
    return Event(key, event_type, owners, lambda: _call_off_data(call_off))


def _payout_data(line) -> dict[str, Any]:
    return {
        "object": "payout_line",
        "id": line.id,
        "batch_id": line.batch_id,
        "batch_status": str(line.batch.status),
        "membership_id": line.membership_id,
        "currency": "IDR",
        "amount": line.amount,
        "reference": line.reference,
        "paid_at": _iso(line.paid_at),
    }


def payout_event(line) -> Event:
    """payout.paid: a member's payout line is paid; to the cooperative's admins."""
    event_type = EventType.PAYOUT_PAID
    owners = admins(line.batch.cooperative_id)
    return Event(event_id(event_type, str(line.id)), event_type, owners, lambda: _payout_data(line))


def ping_event(owner_id: int) -> Event:
    """The "send a test event" button: a new id each time."""
    data = {"object": "test", "message": "Pasar Koperasi webhook test"}
    return Event("evt_test_" + secrets.token_hex(12), TEST_EVENT, (owner_id,), lambda: data)
