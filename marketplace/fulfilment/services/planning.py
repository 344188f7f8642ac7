"""The one way units are offered to members.

Publishing a split, offering released units again (after a decline, an expiry or a rejection,
or when the admin asks), and the admin giving units by hand all end in offer_units: one
assignment per member, with the payout fixed now (finance.payout), a deadline to answer, a
reason code and a notification. Callers hold the locks (fulfilment.locks) and the transaction.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from marketplace import signals
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.finance.payout import payout_per_unit
from marketplace.fulfilment.allocation import Allocation, Candidate, Policy, Reason, allocate
from marketplace.fulfilment.models import Assignment, AssignmentStatus
from marketplace.fulfilment.services.capacity import (
    CandidateRow,
    candidates,
    candidates_for,
    covered,
    covered_for,
    released_members,
)
from marketplace.orders.models import OrderLine


@dataclass(frozen=True)
class LineProposal:
    line: OrderLine
    policy: Policy
    need: int  # units still to place
    candidates: list[CandidateRow]
    allocation: Allocation


def line_policy(line: OrderLine) -> Policy:
    return Policy(line.allocation_policy or line.order.cooperative.default_allocation_policy)


def open_units(line: OrderLine) -> int:
    """Units of the line no member is making, has delivered or got through quality control."""
    return max(line.quantity - covered(line), 0)


def engine_candidates(rows: list[CandidateRow]) -> list[Candidate]:
    return [
        Candidate(
            member_id=r.membership.id,
            capacity=r.capacity,
            min_lot=r.offer.min_lot,
            recent_load=r.recent_load,
        )
        for r in rows
    ]


def propose_line(line: OrderLine, policy: Policy, exclude=frozenset()) -> LineProposal:
    """What the engine proposes for the line's open units (reads only)."""
    need = open_units(line)
    rows = candidates(line, exclude=exclude)
    return LineProposal(line, policy, need, rows, allocate(need, engine_candidates(rows), policy))


def propose_lines(lines: list[OrderLine], policies: dict[int, Policy]) -> list[LineProposal]:
    """propose_line for every line of one order, in a fixed number of queries."""
    done, rows = covered_for(lines), candidates_for(lines)
    proposals = []
    for line in lines:
        need, policy = max(line.quantity - done.get(line.id, 0), 0), policies[line.id]
        allocation = allocate(need, engine_candidates(rows[line.id]), policy)
        proposals.append(LineProposal(line, policy, need, rows[line.id], allocation))
    return proposals


def line_payout(line: OrderLine) -> int:
    """The member's payout per unit for this line (DESIGN.md §8): the product's member price
    when set, else the unit price less the cooperative's fee, both as they are now."""
    return payout_per_unit(
        line.unit_price, line.order.cooperative.fee_rate_bp, line.product.member_price
    )


def answer_deadline(line: OrderLine) -> datetime:
    return utcnow() + timedelta(hours=line.order.cooperative.answer_deadline_hours)


def offer_units(
    line: OrderLine, shares: dict[int, int], reasons: dict[int, Reason], *, reoffered: bool
) -> list[Assignment]:
    """Offer `shares` (membership id -> units, zeros skipped) of the line: one proposed
    assignment each, with its payout, deadline and reason, and a notice to the member."""
    payout, deadline = line_payout(line), answer_deadline(line)
    made = []
    for membership_id, units in sorted(shares.items()):
        if not units:
            continue
        reason = reasons.get(membership_id, Reason(""))
        assignment = Assignment(
            order_line=line,
            membership_id=membership_id,
            quantity=units,
            payout_per_unit=payout,
            status=AssignmentStatus.PROPOSED,
            reason_code=str(reason.code),
            reason_params=dict(reason.params),
            reoffered=reoffered,
            respond_by=deadline,
        )
        db.session.add(assignment)
        made.append(assignment)
    db.session.flush()
    for assignment in made:
        signals.work_offered.send(assignment)
    return made


def reoffer_line(line: OrderLine, actor: User | None, cause: str) -> int:
    """Offer the line's open units to the members who remain (not those who declined, let
    expire or had units rejected on it). Returns the units placed; the admins hear of what was
    placed and of what nobody could take."""
    need = open_units(line)
    if need <= 0:
        return 0
    proposal = propose_line(line, line_policy(line), exclude=released_members(line))
    result = proposal.allocation
    offer_units(line, result.shares, result.reasons, reoffered=True)
    placed = need - result.shortfall
    record(
        "allocation.reallocated",
        line,
        actor=actor,
        cooperative_id=line.order.cooperative_id,
        after={
            "cause": cause,
            "quantity": need,
            "shares": {str(k): v for k, v in sorted(result.shares.items())},
            "shortfall": result.shortfall,
        },
    )
    signals.work_reallocated.send(line, placed=placed, shortfall=result.shortfall)
    return placed
