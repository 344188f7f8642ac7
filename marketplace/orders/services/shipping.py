"""Shipments: sending lines of an order, their receipt (by the buyer, by the admin's proof of
delivery, or assumed after the cooperative's number of days) and completing orders.

What may be shipped depends on quality control, which the fulfilment package knows: its
`ship_ready_units` checks that and calls `add_shipment` here inside its transaction.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.locks import lock_order
from marketplace.orders.models import Order, OrderLine, OrderStatus
from marketplace.orders.services.audit import record_for_order
from marketplace.orders.services.status import change_status
from marketplace.orders.shipment_models import (
    Complaint,
    ComplaintStatus,
    ReceivedHow,
    Shipment,
    ShipmentLine,
)
from marketplace.orders.tracking import is_valid_resi
from marketplace.signals import shipment_received, shipment_sent
from marketplace.transaction import transaction

# An order ships (some of) its lines from production on; it is received while these hold.
SHIPPING_STATUSES = (OrderStatus.IN_PRODUCTION, OrderStatus.READY)
RECEIVING_STATUSES = (*SHIPPING_STATUSES, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


@dataclass(frozen=True)
class ShipmentDetails:
    courier: str  # a code of orders.tracking, "own", or another courier's name
    shipped_on: date
    tracking_number: str = ""
    vehicle: str = ""
    driver: str = ""
    packages: int = 1

    def columns(self) -> dict:
        """The shipment's columns these details fill, their text stripped."""
        return {
            name: value.strip() if isinstance(value, str) else value
            for name, value in asdict(self).items()
        }


@dataclass(frozen=True)
class ProofOfDelivery:
    received_by: str
    received_at: datetime
    photo_key: str | None = None


def shipped_units(line: OrderLine) -> int:
    """Units of the line sent so far towards the ordered quantity (replacements not counted)."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(ShipmentLine.quantity), 0))
            .join(Shipment)
            .where(ShipmentLine.order_line_id == line.id, Shipment.is_replacement.is_(False))
        )
    )


def _check_details(order: Order, details: ShipmentDetails) -> None:
    if not details.courier.strip():
        raise ValidationFailed(_("Say who carries the shipment."), field="courier")
    resi = details.tracking_number
    if resi and not is_valid_resi(resi):
        raise ValidationFailed(
            _("A tracking number has only letters, digits and dashes."), field="tracking_number"
        )
    today = order.cooperative.local_date()
    if details.shipped_on > today or details.shipped_on < order.cooperative.local_date(
        order.created_at
    ):
        raise ValidationFailed(
            _("The shipping date is between the order's date and today."), field="shipped_on"
        )


def add_shipment(
    order: Order,
    actor: User,
    details: ShipmentDetails,
    quantities: dict[int, int],
    *,
    replacement: bool = False,
) -> Shipment:
    """Add a shipment of `quantities` ({order line id: units > 0}) to the caller's transaction
    (the order is already locked), with its audit event and signal. Does not commit."""
    _check_details(order, details)
    if not quantities:
        raise ValidationFailed(_("Ship at least one unit."))
    position = 1 + max((s.position for s in order.shipments), default=0)
    shipment = Shipment(
        order=order,
        position=position,
        **details.columns(),
        shipped_at=utcnow(),
        shipped_by_id=actor.id,
        is_replacement=replacement,
    )
    for line_id, units in sorted(quantities.items()):
        shipment.lines.append(ShipmentLine(order_line_id=line_id, quantity=units))
    db.session.add(shipment)
    db.session.flush()
    facts = {
        "number": shipment.number,
        "courier": shipment.courier,
        "tracking_number": shipment.tracking_number,
        "lines": {str(k): v for k, v in sorted(quantities.items())},
        "replacement": replacement,
    }
    record_for_order("shipment.sent", shipment, order, actor=actor, after=facts)
    shipment_sent.send(shipment, actor=actor)
    return shipment


def advance_shipped(order: Order, actor: User | None) -> None:
    """Move the order to `shipped` once every line is fully sent, and on to `delivered` once
    every shipment is received."""
    db.session.flush()
    if order.status in SHIPPING_STATUSES and all(
        shipped_units(line) >= line.quantity for line in order.lines
    ):
        change_status(order, OrderStatus.SHIPPED, actor)
    if order.status == OrderStatus.SHIPPED and all(s.is_delivered for s in order.shipments):
        change_status(order, OrderStatus.DELIVERED, actor)


def _receive(shipment: Shipment, actor: User | None, how: str, **facts) -> None:
    """Mark a (locked) shipment received; the caller's transaction commits it."""
    order = shipment.order
    if order.status not in RECEIVING_STATUSES:
        raise InvalidTransition(_("This order no longer takes deliveries."))
    if shipment.is_delivered:
        raise InvalidTransition(_("This shipment is already received."))
    shipment.delivered_at = facts.pop("received_at", None) or utcnow()
    shipment.received_how = how
    shipment.received_by = facts.get("received_by")
    shipment.proof_photo = facts.get("photo")
    record(
        "shipment.received",
        shipment,
        actor=actor,
        cooperative_id=order.cooperative_id,
        before={"delivered_at": None},
        after={"number": shipment.number, "how": how, **facts},
    )
    shipment_received.send(shipment, actor=actor)
    advance_shipped(order, actor)


def confirm_receipt(shipment: Shipment, buyer: User) -> None:
    """The buyer confirms a shipment of their own order arrived."""
    if shipment.order.buyer_id != buyer.id:
        raise NotAllowed(_("Only the buyer can confirm receipt."))
    with transaction():
        lock_order(shipment.order)
        db.session.refresh(shipment)
        _receive(shipment, buyer, ReceivedHow.BUYER)


def record_proof(shipment: Shipment, admin: User, proof: ProofOfDelivery) -> None:
    """The cooperative admin records who received a shipment, when, and (optionally) a photo."""
    name = proof.received_by.strip()
    if not name:
        raise ValidationFailed(_("Write the name of who received it."), field="received_by")
    if proof.received_at > utcnow() or proof.received_at < shipment.shipped_at - timedelta(days=1):
        raise ValidationFailed(
            _("The time of receipt is between shipping and now."), field="received_at"
        )
    with transaction():
        lock_order(shipment.order)
        db.session.refresh(shipment)
        _receive(
            shipment,
            admin,
            ReceivedHow.PROOF,
            received_at=proof.received_at,
            received_by=name[:120],
            photo=proof.photo_key,
        )


def receive_overdue(now: datetime | None = None) -> list[str]:
    """Take as received every shipment not confirmed within its cooperative's number of days
    after shipping; returns the shipment numbers. Each is locked and read again, so running it
    twice (or at once) receives nothing twice."""
    now = now or utcnow()
    waiting = db.session.scalars(
        select(Shipment)
        .join(Order)
        .where(Shipment.delivered_at.is_(None), Order.status.in_(RECEIVING_STATUSES))
        .order_by(Shipment.id)
    ).all()
    received = []
    for shipment in waiting:
        days = shipment.order.cooperative.auto_receive_days
        if shipment.shipped_at + timedelta(days=days) > now:
            continue
        with transaction():
            lock_order(shipment.order)
            db.session.refresh(shipment)
            if shipment.is_delivered or shipment.order.status not in RECEIVING_STATUSES:
                continue
            _receive(shipment, None, ReceivedHow.ASSUMED, days=days)
            received.append(shipment.number)
    return received


def complaint_deadline(shipment: Shipment) -> datetime | None:
    """Until when the buyer may report a problem with the shipment (None: not received)."""
    if shipment.delivered_at is None:
        return None
    return shipment.delivered_at + timedelta(days=shipment.order.cooperative.complaint_window_days)


def accepts_complaint(shipment: Shipment, now: datetime | None = None) -> bool:
    """Whether the buyer may still report a problem with the shipment (received, window open,
    the order not completed or closed)."""
    deadline = complaint_deadline(shipment)
    in_time = deadline is not None and (now or utcnow()) <= deadline
    return in_time and shipment.order.status in RECEIVING_STATUSES


def _completable(order: Order, now: datetime) -> bool:
    if order.status != OrderStatus.DELIVERED or not order.shipments:
        return False
    if not all(s.is_delivered for s in order.shipments):
        return False
    open_complaint = db.session.scalar(
        select(Complaint.id)
        .join(Shipment, Complaint.shipment_id == Shipment.id)
        .where(Shipment.order_id == order.id, Complaint.status == ComplaintStatus.OPEN)
    )
    return open_complaint is None and all(complaint_deadline(s) <= now for s in order.shipments)


def complete_due(now: datetime | None = None) -> list[str]:
    """Complete every delivered order whose complaint window has passed with no complaint
    open; returns their numbers (idempotent, like receive_overdue)."""
    now = now or utcnow()
    delivered = db.session.scalars(
        select(Order).where(Order.status == OrderStatus.DELIVERED).order_by(Order.id)
    ).all()
    completed = []
    for order in delivered:
        if not _completable(order, now):
            continue
        with transaction():
            lock_order(order)
            if _completable(order, now):
                change_status(order, OrderStatus.COMPLETED, None)
                completed.append(order.number)
    return completed
