"""Complaints: the buyer reports a problem with one line of a received shipment, within the
cooperative's window; the admin answers with a replacement shipment or a rejection (a partial
refund is payments.complaint_refunds, which calls `settle` here)."""

from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.locks import lock_order
from marketplace.orders.services.audit import record_for_order
from marketplace.orders.services.shipping import (
    RECEIVING_STATUSES,
    ShipmentDetails,
    add_shipment,
    complaint_deadline,
)
from marketplace.orders.shipment_models import (
    Complaint,
    ComplaintPhoto,
    ComplaintProblem,
    ComplaintStatus,
    Shipment,
)
from marketplace.signals import complaint_opened, complaint_resolved
from marketplace.transaction import transaction

MAX_TEXT = 1000
MAX_PHOTOS = 4
COMPLAINABLE = RECEIVING_STATUSES


@dataclass(frozen=True)
class ComplaintInput:
    order_line_id: int
    problem: str
    quantity: int
    description: str = ""


def _check(shipment: Shipment, data: ComplaintInput) -> None:
    line = next((sl for sl in shipment.lines if sl.order_line_id == data.order_line_id), None)
    if line is None:
        raise ValidationFailed(_("Choose a line of this shipment."), field="order_line_id")
    if data.problem not in tuple(ComplaintProblem):
        raise ValidationFailed(_("Choose what is wrong."), field="problem")
    if not 0 < data.quantity <= line.quantity:
        raise ValidationFailed(
            _("Between 1 and the %(quantity)s units shipped.", quantity=line.quantity),
            field="quantity",
        )
    if len(data.description) > MAX_TEXT:
        raise ValidationFailed(_("Keep it under 1.000 characters."), field="description")


def open_complaint(
    shipment: Shipment, buyer: User, data: ComplaintInput, photo_keys: list[str]
) -> Complaint:
    """The buyer reports a problem with one line of their received shipment, with photos
    (storage keys, already checked), before the complaint window closes."""
    if shipment.order.buyer_id != buyer.id:
        raise NotAllowed(_("Only the buyer can report a problem with this order."))
    _check(shipment, data)
    if len(photo_keys) > MAX_PHOTOS:
        raise ValidationFailed(_("Attach at most 4 photos."), field="photos")
    with transaction():
        lock_order(shipment.order)
        db.session.refresh(shipment)
        deadline = complaint_deadline(shipment)
        if deadline is None:
            raise InvalidTransition(_("Confirm receipt of the shipment first."))
        if shipment.order.status not in COMPLAINABLE or utcnow() > deadline:
            raise InvalidTransition(_("The time to report a problem with this shipment is over."))
        complaint = Complaint(
            shipment=shipment,
            order_line_id=data.order_line_id,
            problem=data.problem,
            quantity=data.quantity,
            description=data.description.strip(),
            photos=[ComplaintPhoto(key=key) for key in photo_keys],
        )
        db.session.add(complaint)
        db.session.flush()
        record_for_order(
            "complaint.opened",
            complaint,
            shipment.order,
            actor=buyer,
            after={
                "shipment": shipment.number,
                "line": data.order_line_id,
                "problem": data.problem,
                "quantity": data.quantity,
                "photos": len(photo_keys),
            },
        )
        complaint_opened.send(complaint, actor=buyer)
    return complaint


def lock_open(complaint: Complaint) -> None:
    """Lock the complaint's order and check the complaint is still open (for every answer)."""
    lock_order(complaint.shipment.order)
    db.session.refresh(complaint)
    if not complaint.is_open:
        raise InvalidTransition(_("This complaint is already answered."))


def settle(complaint: Complaint, admin: User, status: str, note: str, **details) -> None:
    """Close a locked, open complaint with `status` in the caller's transaction."""
    complaint.status = status
    complaint.resolution_note = note
    complaint.resolved_at = utcnow()
    complaint.resolved_by_id = admin.id
    record(
        f"complaint.{status}",
        complaint,
        actor=admin,
        cooperative_id=complaint.shipment.order.cooperative_id,
        before={"status": ComplaintStatus.OPEN.value},
        after={"status": status, "note": note, **details},
    )
    complaint_resolved.send(complaint, actor=admin)


def _note(text: str, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationFailed(_("Give a reason for the buyer."), field="note")
    if len(text) > MAX_TEXT:
        raise ValidationFailed(_("Keep it under 1.000 characters."), field="note")
    return text


def reject_complaint(complaint: Complaint, admin: User, reason: str) -> None:
    """The admin turns the complaint down, with a reason for the buyer."""
    reason = _note(reason, required=True)
    with transaction():
        lock_open(complaint)
        settle(complaint, admin, ComplaintStatus.REJECTED, reason)


def replace_for_complaint(
    complaint: Complaint, admin: User, details: ShipmentDetails, note: str = ""
) -> Shipment:
    """The admin sends the complained units again: a new (replacement) shipment of that line."""
    note = _note(note, required=False)
    with transaction():
        lock_open(complaint)
        order = complaint.shipment.order
        shipment = add_shipment(
            order, admin, details, {complaint.order_line_id: complaint.quantity}, replacement=True
        )
        complaint.replacement_id = shipment.id
        settle(complaint, admin, ComplaintStatus.REPLACED, note, shipment=shipment.number)
    return shipment
