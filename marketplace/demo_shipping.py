"""Demo orders past production (Bekasi): ready to ship, shipped, delivered, and completed
after a complaint answered with a partial refund. Each step runs only while the order is in
the state before it, so seeding twice changes nothing."""

from datetime import timedelta

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.services import (
    accept_assignment,
    publish_allocation,
    record_quality_control,
    report_progress,
    ship_ready_units,
)
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.services import ShipmentDetails, complete_due, confirm_receipt
from marketplace.orders.services.complaints import ComplaintInput, open_complaint
from marketplace.payments.complaint_refunds import refund_complaint

SHIPPING_TARGETS = ("ready", "shipped", "delivered", "completed")


def take_to(order: Order, admin: User, target: str) -> None:
    """Move a confirmed demo order on to `target` (one of SHIPPING_TARGETS)."""
    if order.status == OrderStatus.CONFIRMED:
        _make_ready(order, admin)
    if target == "ready" or order.status != OrderStatus.READY:
        return
    details = ShipmentDetails(
        courier="jne",
        shipped_on=order.cooperative.local_date(),
        tracking_number=f"CGK{order.id:04d}0012345",
        vehicle="",
        driver="",
        packages=2,
    )
    shipment = ship_ready_units(
        order, admin, details, {line.id: line.quantity for line in order.lines}
    )
    if target == "shipped":
        return
    confirm_receipt(shipment, order.buyer)
    if target == "completed":
        line = order.lines[0]
        complaint = open_complaint(
            shipment,
            order.buyer,
            ComplaintInput(line.id, "damaged", 2, "Dua boneka jahitannya lepas."),
            [],
        )
        refund_complaint(complaint, admin, 2 * line.unit_price, "Maaf, kami kembalikan dananya.")
        later = utcnow() + timedelta(days=order.cooperative.complaint_window_days, minutes=1)
        complete_due(later)


def _make_ready(order: Order, admin: User) -> None:
    publish_allocation(order, admin)
    through_qc(order, admin)


def through_qc(order: Order, admin: User) -> None:
    """Members accept the work offered on the order, deliver it to the hub and pass QC."""
    assignments = db.session.scalars(
        select(Assignment)
        .where(Assignment.order_line_id.in_([line.id for line in order.lines]))
        .order_by(Assignment.id)
    ).all()
    for assignment in assignments:
        member = assignment.membership.user
        accept_assignment(assignment, member)
        report_progress(assignment, member, "delivered_to_hub")
        record_quality_control(assignment, admin, assignment.quantity, 0)
    db.session.refresh(order)
