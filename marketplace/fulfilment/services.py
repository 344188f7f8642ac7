"""Fulfilment: splitting confirmed orders among members, and members' work lists."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import Membership, MembershipStatus, SupplyOffer
from marketplace.errors import InsufficientCapacity, InvalidTransition
from marketplace.extensions import db
from marketplace.fulfilment.allocation import Allocation, Candidate, Policy, allocate
from marketplace.fulfilment.models import Assignment, AssignmentStatus
from marketplace.orders.models import PROMISING_STATUSES, Order, OrderLine, OrderStatus
from marketplace.orders.services import change_status
from marketplace.transaction import transaction

# Assignments that still hold a member's capacity.
OPEN_ASSIGNMENT_STATUSES = (
    AssignmentStatus.PROPOSED,
    AssignmentStatus.ACCEPTED,
    AssignmentStatus.IN_PRODUCTION,
)


@dataclass(frozen=True)
class CandidateRow:
    membership: Membership
    offer: SupplyOffer
    capacity: int


@dataclass(frozen=True)
class LineProposal:
    line: OrderLine
    policy: Policy
    candidates: list[CandidateRow]
    allocation: Allocation


def _committed_elsewhere(product_id: int, exclude_order_id: int) -> dict[int, int]:
    """Units each member already has in open assignments of this product on other orders."""
    rows = db.session.execute(
        select(Assignment.membership_id, func.sum(Assignment.quantity))
        .join(OrderLine, Assignment.order_line_id == OrderLine.id)
        .join(Order, OrderLine.order_id == Order.id)
        .where(
            OrderLine.product_id == product_id,
            Order.id != exclude_order_id,
            Order.status.in_(PROMISING_STATUSES),
            Assignment.status.in_(OPEN_ASSIGNMENT_STATUSES),
        )
        .group_by(Assignment.membership_id)
    )
    return {membership_id: int(units) for membership_id, units in rows}


def _candidates(line: OrderLine) -> list[CandidateRow]:
    offers = db.session.scalars(
        select(SupplyOffer)
        .join(Membership, SupplyOffer.membership_id == Membership.id)
        .where(
            SupplyOffer.product_id == line.product_id,
            SupplyOffer.active.is_(True),
            Membership.status == MembershipStatus.ACTIVE,
            Membership.cooperative_id == line.order.cooperative_id,
        )
        .options(joinedload(SupplyOffer.membership).joinedload(Membership.user))
        .order_by(SupplyOffer.membership_id)
    ).all()
    taken = _committed_elsewhere(line.product_id, line.order_id)
    return [
        CandidateRow(
            membership=offer.membership,
            offer=offer,
            capacity=max(offer.units_available - taken.get(offer.membership_id, 0), 0),
        )
        for offer in offers
    ]


def propose_allocation(order: Order) -> list[LineProposal]:
    """What the engine proposes for each line of a confirmed order (reads only)."""
    policy = Policy(order.cooperative.default_allocation_policy)
    proposals = []
    for line in order.lines:
        rows = _candidates(line)
        result = allocate(
            line.quantity,
            [
                Candidate(member_id=r.membership.id, capacity=r.capacity, min_lot=r.offer.min_lot)
                for r in rows
            ],
            policy,
        )
        proposals.append(LineProposal(line, policy, rows, result))
    return proposals


def payout_per_unit(unit_price: int, fee_rate_bp: int) -> int:
    """What a member earns per unit: the sale price less the cooperative's fee, in whole rupiah."""
    return unit_price * (10_000 - fee_rate_bp) // 10_000


def publish_allocation(order: Order, actor: User) -> list[Assignment]:
    """Split every line of a confirmed order among members and assign the work.

    Promises: every line is covered in full (else InsufficientCapacity and nothing changes),
    each member's share respects its capacity and minimum lot, and the order moves to
    `allocating` with an audit event per line.
    """
    with transaction():
        db.session.refresh(order, with_for_update=True)
        if order.status != OrderStatus.CONFIRMED:
            raise InvalidTransition(_("Only a confirmed order can be allocated."))
        assignments = []
        for proposal in propose_allocation(order):
            line, result = proposal.line, proposal.allocation
            if result.shortfall:
                raise InsufficientCapacity(
                    _(
                        "Members' offers cover only %(placed)s of %(quantity)s for %(product)s. "
                        "Ask members to raise their offers, then allocate again.",
                        placed=line.quantity - result.shortfall,
                        quantity=line.quantity,
                        product=line.product.name,
                    )
                )
            payout = payout_per_unit(line.unit_price, order.cooperative.fee_rate_bp)
            for membership_id, units in sorted(result.shares.items()):
                assignment = Assignment(
                    order_line=line,
                    membership_id=membership_id,
                    quantity=units,
                    payout_per_unit=payout,
                    status=AssignmentStatus.PROPOSED,
                    reason=result.reasons.get(membership_id, ""),
                )
                db.session.add(assignment)
                assignments.append(assignment)
            db.session.flush()
            record(
                "allocation.published",
                line,
                actor_id=actor.id,
                cooperative_id=order.cooperative_id,
                after={
                    "policy": proposal.policy.value,
                    "shares": {str(k): v for k, v in sorted(result.shares.items())},
                },
            )
        change_status(order, OrderStatus.ALLOCATING, actor)
    return assignments


def assignments_for_line_ids(line_ids: list[int]) -> list[Assignment]:
    if not line_ids:
        return []
    return db.session.scalars(
        select(Assignment)
        .where(Assignment.order_line_id.in_(line_ids))
        .options(joinedload(Assignment.membership).joinedload(Membership.user))
        .order_by(Assignment.order_line_id, Assignment.membership_id)
    ).all()


def work_for_user(user: User, page: int, per_page: int):
    """The user's own assignments across their cooperatives, newest order first (a page)."""
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
        .order_by(Order.delivery_date, Assignment.id)
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
