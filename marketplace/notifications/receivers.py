"""Who hears about what: signal receivers that turn domain events into notifications.

Connected by marketplace.notifications.init_app (called from create_app). They run inside the
sender's transaction and only add rows (notify() never commits); the email copy leaves after
that transaction commits. Links are paths, not url_for(): signals are also sent by cron
commands, outside any request.
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from marketplace import signals
from marketplace.cooperatives.models import Membership, MembershipRole, MembershipStatus
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.notifications.services import notify
from marketplace.orders.models import Order, OrderLine
from marketplace.orders.shipment_models import Complaint, Shipment
from marketplace.orders.tracking import courier_name
from marketplace.payments.models import Payment, Refund

# Order status signal -> the buyer's notification kind.
BUYER_KINDS = {
    signals.order_confirmed: "order.confirmed",
    signals.order_allocated: "order.allocated",
    signals.order_in_production: "order.in_production",
    signals.order_ready: "order.ready",
    signals.order_shipped: "order.shipped",
    signals.order_delivered: "order.delivered",
    signals.order_completed: "order.completed",
    signals.order_cancelled: "order.cancelled",
    signals.order_expired: "order.expired",
}


def buyer_link(order: Order) -> str:
    return f"/pesanan/{order.number}"


def admin_link(order: Order) -> str:
    return f"/kelola/{order.cooperative.slug}/pesanan/{order.number}"


def work_link(assignment: Assignment) -> str:
    return f"/pekerjaan/{assignment.id}"


def _line_params(line: OrderLine, quantity: int) -> dict:
    return {
        "quantity": quantity,
        "unit": line.product.unit,
        "product": line.product.name,
        "order": line.order.number,
    }


def active_admins(cooperative_id: int) -> list[Membership]:
    """The active admin memberships of a cooperative (with their users), in id order."""
    return db.session.scalars(
        select(Membership)
        .where(
            Membership.cooperative_id == cooperative_id,
            Membership.role == MembershipRole.ADMIN,
            Membership.status == MembershipStatus.ACTIVE,
        )
        .options(joinedload(Membership.user))
        .order_by(Membership.id)
    ).all()


def notify_cooperative_admins(cooperative, kind: str, link: str, /, **params) -> None:
    """Notify each active admin of a cooperative, dated in the cooperative's time zone."""
    for admin in active_admins(cooperative.id):
        notify(admin.user, kind, link, time_zone=cooperative.time_zone, **params)


def notify_admins(order: Order, kind: str, **params) -> None:
    notify_cooperative_admins(
        order.cooperative, kind, admin_link(order), order=order.number, **params
    )


def _notify_buyer(order: Order, kind: str, **params) -> None:
    zone = order.cooperative.time_zone
    notify(order.buyer, kind, buyer_link(order), time_zone=zone, order=order.number, **params)


# Buyers: every change to their orders.


def _order_status_receiver(kind: str):
    def receiver(order: Order, actor=None, **_details) -> None:
        if actor is not None and actor.id == order.buyer_id:
            return  # the buyer did it themselves (cancelled, or chose invoice terms)
        params = {"cooperative": order.cooperative.name}
        if kind == "order.cancelled" and order.cancellation_reason:
            params["reason"] = order.cancellation_reason
            _notify_buyer(order, "order.cancelled_by_coop", **params)
            return
        _notify_buyer(order, kind, **params)

    return receiver


def on_payment_recorded(payment: Payment, **_details) -> None:
    _notify_buyer(payment.order, "order.paid", amount=payment.amount)


def on_refund_recorded(refund: Refund, **_details) -> None:
    _notify_buyer(refund.payment.order, "order.refunded", amount=refund.amount)


def on_payment_due_soon(order: Order, **_details) -> None:
    _notify_buyer(
        order,
        "order.payment_due",
        amount=order.amount_due,
        deadline=order.expires_at.isoformat(),
        tz=order.cooperative.time_zone,
    )


# Cooperative admins and members: the fulfilment workflow.


def _notify_member(assignment: Assignment, kind: str, params: dict) -> None:
    zone = assignment.order_line.order.cooperative.time_zone
    notify(assignment.membership.user, kind, work_link(assignment), time_zone=zone, **params)


def on_work_offered(assignment: Assignment, **_details) -> None:
    params = _line_params(assignment.order_line, assignment.quantity)
    _notify_member(assignment, "work.offered", params)


def _admins_about(kind: str):
    def receiver(assignment: Assignment, **_details) -> None:
        line = assignment.order_line
        params = _line_params(line, assignment.quantity)
        params.pop("order")
        notify_admins(line.order, kind, member=assignment.membership.display_name, **params)

    return receiver


def on_work_expired(assignment: Assignment, **_details) -> None:
    params = _line_params(assignment.order_line, assignment.quantity)
    _notify_member(assignment, "work.expired", params)


def on_qc_recorded(assignment: Assignment, accepted: int, rejected: int, **_details) -> None:
    params = _line_params(assignment.order_line, assignment.quantity)
    params |= {"accepted": accepted, "rejected": rejected}
    _notify_member(assignment, "work.checked", params)


def on_work_reallocated(line: OrderLine, placed: int, shortfall: int, **_details) -> None:
    params = _line_params(line, 0)
    params.pop("order")
    if placed:
        notify_admins(line.order, "admin.reallocated", **(params | {"quantity": placed}))
    if shortfall:
        notify_admins(line.order, "admin.shortfall", **(params | {"quantity": shortfall}))


def on_delivery_quote_requested(order: Order, **_details) -> None:
    notify_admins(order, "admin.quote_delivery", courier=order.courier or "")


def on_delivery_fee_quoted(order: Order, **_details) -> None:
    _notify_buyer(
        order, "order.delivery_quoted", cooperative=order.cooperative.name, amount=order.total
    )


def _admins_order(kind: str):
    def receiver(order: Order, **_details) -> None:
        notify_admins(order, kind)

    return receiver


# Shipments and complaints: the buyer hears what the cooperative did, the admins what the
# buyer did.


def on_shipment_sent(shipment: Shipment, **_details) -> None:
    _notify_buyer(
        shipment.order,
        "shipment.sent",
        shipment=shipment.number,
        courier=courier_name(shipment.courier),
        resi=shipment.tracking_number or "-",
    )


def on_shipment_received(shipment: Shipment, actor=None, **_details) -> None:
    order = shipment.order
    if actor is not None and actor.id == order.buyer_id:
        notify_admins(order, "admin.received", shipment=shipment.number)
    else:
        _notify_buyer(order, "shipment.received", shipment=shipment.number)


def on_complaint_opened(complaint: Complaint, **_details) -> None:
    notify_admins(
        complaint.shipment.order,
        "admin.complaint",
        product=complaint.order_line.product.name,
        shipment=complaint.shipment.number,
    )


def on_complaint_resolved(complaint: Complaint, **_details) -> None:
    _notify_buyer(
        complaint.shipment.order,
        f"complaint.{complaint.status}",
        product=complaint.order_line.product.name,
        note=complaint.resolution_note or "-",
        amount=complaint.refund_amount or 0,
    )


# Built once at import, so that connecting again (one app per test) connects nothing twice.
RECEIVERS = [(signal, _order_status_receiver(kind)) for signal, kind in BUYER_KINDS.items()] + [
    (signals.payment_recorded, on_payment_recorded),
    (signals.refund_recorded, on_refund_recorded),
    (signals.payment_due_soon, on_payment_due_soon),
    (signals.work_offered, on_work_offered),
    (signals.work_accepted, _admins_about("admin.accepted")),
    (signals.work_declined, _admins_about("admin.declined")),
    (signals.work_expired, on_work_expired),
    (signals.work_expired, _admins_about("admin.expired")),
    (signals.qc_recorded, on_qc_recorded),
    (signals.work_reallocated, on_work_reallocated),
    (signals.order_in_production, _admins_order("admin.in_production")),
    (signals.order_ready, _admins_order("admin.ready")),
    (signals.shipment_sent, on_shipment_sent),
    (signals.shipment_received, on_shipment_received),
    (signals.complaint_opened, on_complaint_opened),
    (signals.complaint_resolved, on_complaint_resolved),
    (signals.delivery_quote_requested, on_delivery_quote_requested),
    (signals.delivery_fee_quoted, on_delivery_fee_quoted),
]
