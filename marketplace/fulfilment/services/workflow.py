"""After publishing: members answer, work is re-offered, the hub checks quality, orders close.

Status rules (DESIGN.md §5):
- An assignment is `proposed` until its member accepts or declines it, or its deadline passes
  (`expired`). Accepted work moves to `in_production` and `delivered_to_hub` as the member
  reports; quality control makes it `passed`, `partly_rejected` or `rejected`.
- Which status may follow which is fulfilment.lifecycle.ALLOWED; every change is checked there.
- Declined, expired and rejected units go back to the engine at once (planning.reoffer_line),
  for the members of the cooperative who have not declined, let expire or had units rejected on
  that line; what nobody takes the admin can give by hand (by_hand.assign_by_hand).
- A line is complete when its units that passed quality control equal the ordered quantity.
- The order moves `allocating -> in_production` when every line is fully covered and no member
  still has to answer, and `in_production -> ready` when every line is complete. A re-offer
  after a rejection keeps the order `in_production`.
"""

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace import signals
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import SupplyOffer
from marketplace.db import utcnow
from marketplace.errors import InsufficientCapacity, InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.fulfilment.lifecycle import check_transition
from marketplace.fulfilment.locks import lock_assignments, lock_order_work
from marketplace.fulfilment.models import Assignment, AssignmentStatus
from marketplace.fulfilment.services.capacity import (
    accepted_units,
    capacity_left_for,
    covered,
    waiting_for_answer,
)
from marketplace.fulfilment.services.planning import reoffer_line
from marketplace.orders.models import Order, OrderLine, OrderStatus
from marketplace.orders.services import change_status
from marketplace.transaction import transaction

S = AssignmentStatus
ACTIVE_ORDER = (OrderStatus.ALLOCATING, OrderStatus.IN_PRODUCTION)


def _audit(action: str, assignment: Assignment, actor: User | None, before, after) -> None:
    record(
        action,
        assignment,
        actor=actor,
        cooperative_id=assignment.order_line.order.cooperative_id,
        before=before,
        after=after,
    )


def _lock(assignment: Assignment, membership_ids=None) -> None:
    """The order, its offers, then the assignment (fulfilment.locks): one order for all."""
    lock_order_work(
        assignment.order_line.order, membership_ids=membership_ids, assignments=[assignment]
    )


def accept_assignment(assignment: Assignment, member: User) -> None:
    """The member says yes. Promises: the member's accepted work of this product never exceeds
    its declared supply offer by the due date (ready units plus weekly production until then),
    also when several answers arrive at once (InsufficientCapacity)."""
    with transaction():
        _lock(assignment, [assignment.membership_id])
        _check_answerable(assignment, S.ACCEPTED)
        offer = db.session.scalar(
            select(SupplyOffer).where(
                SupplyOffer.membership_id == assignment.membership_id,
                SupplyOffer.product_id == assignment.order_line.product_id,
            )
        )
        line = assignment.order_line
        left = capacity_left_for(line, offer, assignment.membership_id)
        if assignment.quantity > left:
            raise InsufficientCapacity(
                _(
                    "With the work you have already accepted, your supply offer covers "
                    "%(left)s more units by %(date)s; raise your offer or decline this work.",
                    left=left,
                    date=format_date(line.order.delivery_date, "long"),
                )
            )
        assignment.status = S.ACCEPTED
        assignment.responded_at = utcnow()
        _audit(
            "assignment.accepted", assignment, member, {"status": S.PROPOSED}, _state(assignment)
        )
        signals.work_accepted.send(assignment)
        advance_order(assignment.order_line.order, member)


def decline_assignment(assignment: Assignment, member: User, reason: str = "") -> None:
    """The member says no; its units are offered again to the remaining members at once."""
    with transaction():
        _lock(assignment)
        _check_answerable(assignment, S.DECLINED)
        assignment.status = S.DECLINED
        assignment.responded_at = utcnow()
        assignment.decline_reason = (reason or "").strip()[:500]
        _audit(
            "assignment.declined", assignment, member, {"status": S.PROPOSED}, _state(assignment)
        )
        signals.work_declined.send(assignment)
        reoffer_line(assignment.order_line, member, "declined")
        advance_order(assignment.order_line.order, member)


def _check_answerable(assignment: Assignment, answer: str) -> None:
    check_transition(assignment.status, answer, _("This work has already been answered."))
    if assignment.order_line.order.status not in ACTIVE_ORDER:
        raise InvalidTransition(_("This order no longer takes answers."))
    if assignment.respond_by is not None and assignment.respond_by < utcnow():
        raise InvalidTransition(_("The deadline to answer has passed."))


def expire_overdue(now=None) -> int:
    """Expire every proposed assignment whose deadline has passed and offer its units again.
    One transaction per line, so one failure does not hold up the rest. Returns how many."""
    now = now or utcnow()
    line_ids = db.session.scalars(
        select(Assignment.order_line_id)
        .where(Assignment.status == S.PROPOSED, Assignment.respond_by < now)
        .distinct()
        .order_by(Assignment.order_line_id)
    ).all()
    expired = 0
    for line_id in line_ids:
        line = db.session.get(OrderLine, line_id)
        with transaction():
            late = _overdue(line, now)
            for assignment in late:
                assignment.status = S.EXPIRED
                _audit(
                    "assignment.expired",
                    assignment,
                    None,
                    {"status": S.PROPOSED},
                    _state(assignment),
                )
                signals.work_expired.send(assignment)
            expired += len(late)
            if late and line.order.status in ACTIVE_ORDER:
                reoffer_line(line, None, "expired")
                advance_order(line.order, None)
    return expired


def _overdue(line: OrderLine, now) -> list[Assignment]:
    """The line's proposed assignments past their deadline, locked and read again."""
    query = select(Assignment).where(
        Assignment.order_line_id == line.id,
        Assignment.status == S.PROPOSED,
        Assignment.respond_by < now,
    )
    lock_order_work(line.order, assignments=list(db.session.scalars(query)))
    return [a for a in db.session.scalars(query) if a.status == S.PROPOSED]


def reoffer_open_quantity(order: Order, actor: User) -> int:
    """The admin asks the engine again for units nobody could take (after members raised
    their offers). Returns the units placed."""
    with transaction():
        lock_order_work(order)
        if order.status not in ACTIVE_ORDER:
            raise InvalidTransition(_("Only an order being allocated or made can be re-offered."))
        placed = 0
        for line in order.lines:
            placed += reoffer_line(line, actor, "admin")
        advance_order(order, actor)
    return placed


def report_progress(assignment: Assignment, member: User, status: str) -> None:
    """The member reports its accepted work is being made, or has reached the hub."""
    with transaction():
        lock_assignments([assignment])
        if status not in (S.IN_PRODUCTION, S.DELIVERED_TO_HUB):
            raise InvalidTransition(_("This step does not follow from the work's current state."))
        check_transition(
            assignment.status, status, _("This step does not follow from the work's current state.")
        )
        before = {"status": assignment.status}
        assignment.status = status
        if status == S.DELIVERED_TO_HUB:
            assignment.delivered_at = utcnow()
        _audit(f"assignment.{status}", assignment, member, before, _state(assignment))


def record_quality_control(
    assignment: Assignment, admin: User, accepted: int, rejected: int, reason: str = ""
) -> None:
    """The hub's check of delivered work: every delivered unit is accepted or rejected, and a
    rejection needs a reason. Rejected units are offered again; the order becomes `ready`
    when every line's accepted units reach the ordered quantity."""
    reason = (reason or "").strip()
    with transaction():
        _lock(assignment)
        outcome = S.PASSED if not rejected else S.REJECTED if not accepted else S.PARTLY_REJECTED
        check_transition(
            assignment.status,
            outcome,
            _("Quality control is recorded for work delivered to the hub."),
        )
        if accepted < 0 or rejected < 0 or accepted + rejected != assignment.quantity:
            raise ValidationFailed(
                _(
                    "Accepted and rejected units must add up to the %(quantity)s delivered.",
                    quantity=assignment.quantity,
                ),
                field="accepted_quantity",
            )
        if rejected and not reason:
            raise ValidationFailed(_("Say why units were rejected."), field="qc_reason")
        assignment.accepted_quantity = accepted
        assignment.rejected_quantity = rejected
        assignment.qc_reason = reason[:500]
        assignment.checked_at = utcnow()
        assignment.status = outcome
        _audit(
            "assignment.checked",
            assignment,
            admin,
            {"status": S.DELIVERED_TO_HUB},
            _state(assignment),
        )
        signals.qc_recorded.send(assignment, accepted=accepted, rejected=rejected, actor=admin)
        if rejected:
            reoffer_line(assignment.order_line, admin, "rejected")
        advance_order(assignment.order_line.order, admin)


def _state(assignment: Assignment) -> dict:
    state = {
        "status": str(assignment.status),
        "member": assignment.membership_id,
        "quantity": assignment.quantity,
    }
    if assignment.decline_reason:
        state["reason"] = assignment.decline_reason
    if assignment.checked_at:
        state |= {
            "accepted": assignment.accepted_quantity,
            "rejected": assignment.rejected_quantity,
            "reason": assignment.qc_reason,
        }
    return state


def advance_order(order: Order, actor: User | None) -> None:
    """Move the order on when its lines allow it (see the module's status rules)."""
    db.session.flush()
    if order.status == OrderStatus.ALLOCATING and all(
        covered(line) >= line.quantity and not waiting_for_answer(line) for line in order.lines
    ):
        change_status(order, OrderStatus.IN_PRODUCTION, actor)
    if order.status == OrderStatus.IN_PRODUCTION and all(
        accepted_units(line) >= line.quantity for line in order.lines
    ):
        change_status(order, OrderStatus.READY, actor)
