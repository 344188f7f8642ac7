"""The admin gives a line's open units to a chosen member by hand.

For units the engine could not place (everyone who remains declined, had units rejected or has
no capacity left), so that an order is never stuck short of `ready`.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.errors import InsufficientCapacity, InvalidTransition, ValidationFailed
from marketplace.fulfilment.allocation import Reason
from marketplace.fulfilment.locks import lock_order_work
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.reasons import ASSIGNED_BY_ADMIN
from marketplace.fulfilment.services.capacity import CandidateRow, candidates
from marketplace.fulfilment.services.planning import offer_units, open_units
from marketplace.fulfilment.services.workflow import ACTIVE_ORDER, advance_order
from marketplace.orders.models import Order, OrderLine
from marketplace.transaction import transaction


@dataclass(frozen=True)
class HandAssignment:
    line_id: int
    membership_id: int
    quantity: int


def hand_candidates(line: OrderLine) -> list[CandidateRow]:
    """Every active member with an active offer for the line's product and capacity left,
    most capacity first; unlike the engine this includes members who declined or had units
    rejected on the line, since the admin may know better."""
    rows = [row for row in candidates(line) if row.capacity > 0]
    return sorted(rows, key=lambda row: (-row.capacity, row.membership.id))


def _line_of(order: Order, line_id: int) -> OrderLine:
    line = next((line for line in order.lines if line.id == line_id), None)
    if line is None:
        raise ValidationFailed(_("Choose a line of this order."), field="line_id")
    return line


def _check(line: OrderLine, request: HandAssignment) -> None:
    need = open_units(line)
    if need <= 0:
        raise InvalidTransition(_("Every unit of this line already has a member."))
    if not 1 <= request.quantity <= need:
        raise ValidationFailed(
            _("Assign between 1 and the %(units)s open units.", units=need), field="quantity"
        )
    row = next((r for r in candidates(line) if r.membership.id == request.membership_id), None)
    if row is None:
        raise ValidationFailed(
            _("Choose a member of this cooperative who offers this product."),
            field="membership_id",
        )
    if request.quantity > row.capacity:
        raise InsufficientCapacity(
            _(
                "This member can take only %(capacity)s more units of this product.",
                capacity=row.capacity,
            )
        )


def assign_by_hand(order: Order, actor: User, request: HandAssignment) -> Assignment:
    """Offer `request.quantity` open units of one line to one member, as any offered work.

    Promises: only for an order being allocated or made; the units are at most the line's
    open units and at most the capacity the member has left (checked under lock, so two admins
    at once cannot overfill a member); the member is notified and must still accept; an audit
    event records it. Raises a DomainError and changes nothing otherwise.
    """
    with transaction():
        lock_order_work(order)
        if order.status not in ACTIVE_ORDER:
            raise InvalidTransition(_("Only an order being allocated or made can be assigned."))
        line = _line_of(order, request.line_id)
        _check(line, request)
        (made,) = offer_units(
            line,
            {request.membership_id: request.quantity},
            {request.membership_id: Reason(ASSIGNED_BY_ADMIN)},
            reoffered=False,
        )
        record(
            "allocation.assigned_by_hand",
            made,
            actor=actor,
            cooperative_id=order.cooperative_id,
            after={
                "member": request.membership_id,
                "quantity": request.quantity,
                "line": line.id,
            },
        )
        advance_order(order, actor)
    return made
