"""Reads for the fulfilment pages: members' work, a line's assignments, allocation history."""

from dataclasses import dataclass
from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, case, or_, select
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import User
from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import Membership
from marketplace.extensions import db
from marketplace.fulfilment.models import DONE, TO_ANSWER, TO_MAKE, WORK_GROUPS, Assignment
from marketplace.orders.models import Order, OrderLine
from marketplace.pagination import one_page


def assignments_for_line_ids(line_ids: list[int]) -> list[Assignment]:
    if not line_ids:
        return []
    return db.session.scalars(
        select(Assignment)
        .where(Assignment.order_line_id.in_(line_ids))
        .options(
            joinedload(Assignment.membership).joinedload(Membership.user),
            joinedload(Assignment.order_line).joinedload(OrderLine.product),
        )
        .order_by(Assignment.order_line_id, Assignment.id)
    ).all()


def work_for_user(user: User, page: int, per_page: int | None = None) -> Pagination:
    """The user's own assignments across their cooperatives (a page): first the work waiting
    for their answer, soonest deadline first; then the work to make, soonest due first; then
    the rest, newest order first."""
    group = case(WORK_GROUPS, value=Assignment.status, else_=DONE)
    query = (
        select(Assignment)
        .join(Membership, Assignment.membership_id == Membership.id)
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .join(Order, OrderLine.order_id == Order.id)
        .where(Membership.user_id == user.id)
        .options(
            joinedload(Assignment.order_line).joinedload(OrderLine.order),
            joinedload(Assignment.order_line).joinedload(OrderLine.product),
            joinedload(Assignment.membership).joinedload(Membership.cooperative),
        )
        .order_by(
            group,
            case((group == TO_ANSWER, Assignment.respond_by)).asc().nulls_last(),
            case((group == TO_MAKE, Order.delivery_date)).asc(),
            Order.delivery_date.desc(),
            Assignment.id.desc(),
        )
    )
    return one_page(query, page, per_page)


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    actor: str
    after: dict


def allocation_history(order: Order, assignments: list[Assignment]) -> list[HistoryEntry]:
    """The order's status changes and every allocation step, oldest first (one query)."""
    line_ids = [line.id for line in order.lines]
    assignment_ids = [a.id for a in assignments]
    conditions = [and_(AuditEvent.entity_type == "Order", AuditEvent.entity_id == order.id)]
    if line_ids:
        conditions.append(
            and_(AuditEvent.entity_type == "OrderLine", AuditEvent.entity_id.in_(line_ids))
        )
    if assignment_ids:
        conditions.append(
            and_(AuditEvent.entity_type == "Assignment", AuditEvent.entity_id.in_(assignment_ids))
        )
    rows = db.session.execute(
        select(AuditEvent, User.name)
        .outerjoin(User, AuditEvent.actor_id == User.id)
        .where(or_(*conditions))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()
    return [HistoryEntry(e.created_at, e.action, name or "", e.after or {}) for e, name in rows]
