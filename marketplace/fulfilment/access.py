"""Load assignments scoped to who may see them; 404 for everybody else."""

from flask import abort
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Membership, MembershipStatus
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.orders.models import Order, OrderLine


def get_assignment_for_member(assignment_id: int, user: User) -> Assignment:
    """One of the user's own assignments (through an active membership)."""
    assignment = db.session.scalar(
        select(Assignment)
        .join(Membership, Assignment.membership_id == Membership.id)
        .where(
            Assignment.id == assignment_id,
            Membership.user_id == user.id,
            Membership.status == MembershipStatus.ACTIVE,
        )
    )
    if assignment is None:
        abort(404)
    return assignment


def get_assignment_for_admin(order: Order, assignment_id: int) -> Assignment:
    """An assignment of `order` (already loaded through get_order_for_admin)."""
    assignment = db.session.scalar(
        select(Assignment)
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .where(Assignment.id == assignment_id, OrderLine.order_id == order.id)
    )
    if assignment is None:
        abort(404)
    return assignment


def get_line_for_admin(order: Order, line_id: int) -> OrderLine:
    """A line of `order` (already loaded through get_order_for_admin)."""
    line = next((line for line in order.lines if line.id == line_id), None)
    if line is None:
        abort(404)
    return line
