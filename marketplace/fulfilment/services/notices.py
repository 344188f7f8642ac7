"""Who hears about what in the fulfilment workflow (within the caller's transaction)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from marketplace.cooperatives.models import Membership, MembershipRole, MembershipStatus
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.notifications.services import notify
from marketplace.orders.models import OrderLine


def _line_params(line: OrderLine, quantity: int) -> dict:
    return {
        "quantity": quantity,
        "unit": line.product.unit,
        "product": line.product.name,
        "order": line.order.number,
    }


# Paths, not url_for(): notices are also made by `flask fulfilment expire-overdue`, outside
# any request. tests/integration/test_workflow.py follows both links.
def _work_link(assignment: Assignment) -> str:
    return f"/pekerjaan/{assignment.id}"


def _order_link(line: OrderLine) -> str:
    return f"/kelola/{line.order.cooperative.slug}/pesanan/{line.order.number}"


def notify_offered(assignment: Assignment) -> None:
    line = assignment.order_line
    notify(
        assignment.membership.user,
        "work.offered",
        _work_link(assignment),
        time_zone=line.order.cooperative.time_zone,
        **_line_params(line, assignment.quantity),
    )


def notify_member(assignment: Assignment, kind: str, **extra) -> None:
    line = assignment.order_line
    params = _line_params(line, assignment.quantity) | extra
    zone = line.order.cooperative.time_zone
    notify(assignment.membership.user, kind, _work_link(assignment), time_zone=zone, **params)


def notify_admins(line: OrderLine, kind: str, quantity: int = 0, **extra) -> None:
    admins = db.session.scalars(
        select(Membership)
        .where(
            Membership.cooperative_id == line.order.cooperative_id,
            Membership.role == MembershipRole.ADMIN,
            Membership.status == MembershipStatus.ACTIVE,
        )
        .options(joinedload(Membership.user))
    ).all()
    params = _line_params(line, quantity) | extra
    for admin in admins:
        notify(
            admin.user,
            kind,
            _order_link(line),
            time_zone=line.order.cooperative.time_zone,
            **params,
        )
