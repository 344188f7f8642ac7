"""Proposing a split of a confirmed order, checking the admin's edits, publishing it."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.fulfilment.allocation import Policy, Reason
from marketplace.fulfilment.locks import lock_order_work
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.reasons import SET_BY_ADMIN
from marketplace.fulfilment.services.planning import (
    LineProposal,
    line_policy,
    offer_units,
    propose_line,
    propose_lines,
)
from marketplace.fulfilment.share_checks import (
    Row,
    ShareCheck,
    ShareProblem,
    TotalProblem,
    check_shares,
)
from marketplace.orders.models import Order, OrderLine, OrderStatus
from marketplace.orders.services import change_status
from marketplace.transaction import transaction

SHARE_MESSAGES = {
    ShareProblem.NEGATIVE: _l("Enter 0 or more."),
    ShareProblem.OVER_CAPACITY: _l("More than this member can take: capacity %(capacity)s."),
    ShareProblem.UNDER_MIN_LOT: _l(
        "Less than this member's minimum lot: enter 0 or at least %(min_lot)s."
    ),
}
TOTAL_MESSAGES = {
    TotalProblem.TOO_LITTLE: _l(
        "The shares add up to %(total)s: %(difference)s short of the %(quantity)s ordered."
    ),
    TotalProblem.TOO_MUCH: _l(
        "The shares add up to %(total)s: %(difference)s more than the %(quantity)s ordered."
    ),
}


@dataclass(frozen=True)
class LinePlan:
    policy: str
    shares: dict[int, int]  # membership id -> units


class SharesRejected(ValidationFailed):
    """The admin's shares break a rule; `rows` and `totals` say where, in the user's words."""

    def __init__(self, rows: dict[tuple[int, int], str], totals: dict[int, str]) -> None:
        super().__init__(_("Some shares need a change before publishing; see the marked rows."))
        self.rows = rows
        self.totals = totals


def propose_allocation(order: Order, policies: dict[int, str] | None = None) -> list[LineProposal]:
    """What the engine proposes for each line of a confirmed order (reads only).

    `policies` picks another policy for some lines (line id -> policy value)."""
    policies = policies or {}
    lines = list(order.lines)
    chosen = {line.id: Policy(policies.get(line.id) or line_policy(line)) for line in lines}
    return propose_lines(lines, chosen)


def check_plan(proposal: LineProposal, shares: dict[int, int]) -> ShareCheck:
    rows = [Row(r.membership.id, r.capacity, r.offer.min_lot) for r in proposal.candidates]
    return check_shares(proposal.need, rows, shares)


def explain_check(proposal: LineProposal, check: ShareCheck):
    """The check's problems as messages per (line id, member id) and per line id."""
    by_member = {r.membership.id: r for r in proposal.candidates}
    rows = {}
    for member_id, problem in check.problems.items():
        row = by_member.get(member_id)
        rows[(proposal.line.id, member_id)] = str(SHARE_MESSAGES[problem]) % {
            "capacity": row.capacity if row else 0,
            "min_lot": row.offer.min_lot if row else 1,
        }
    totals = {}
    if check.total_problem is not None:
        totals[proposal.line.id] = str(TOTAL_MESSAGES[check.total_problem]) % {
            "total": check.total,
            "difference": abs(check.total - proposal.need),
            "quantity": proposal.need,
        }
    return rows, totals


def publish_allocation(
    order: Order, actor: User, plans: dict[int, LinePlan] | None = None
) -> list[Assignment]:
    """Assign every line of a confirmed order to members and ask them to answer.

    `plans` holds the admin's policy and shares per line id; without a plan a line gets the
    engine's proposal. Promises: each share is 0 or between the member's minimum lot and the
    capacity it has left, every line is covered exactly (else SharesRejected, nothing changes),
    each member gets a notification and a deadline, and the order moves to `allocating` with an
    audit event per line.
    """
    plans = plans or {}
    with transaction():
        lock_order_work(order)
        if order.status != OrderStatus.CONFIRMED:
            raise InvalidTransition(_("Only a confirmed order can be allocated."))
        bad_rows, bad_totals, made = {}, {}, []
        for line in order.lines:
            plan = plans.get(line.id)
            policy = Policy(plan.policy) if plan else line_policy(line)
            proposal = propose_line(line, policy)
            shares = plan.shares if plan else proposal.allocation.shares
            check = check_plan(proposal, shares)
            if not check.ok:
                rows, totals = explain_check(proposal, check)
                bad_rows.update(rows)
                bad_totals.update(totals)
                continue
            line.allocation_policy = policy.value
            made += _offer_plan(line, proposal, shares)
            record(
                "allocation.published",
                line,
                actor=actor,
                cooperative_id=order.cooperative_id,
                after={
                    "policy": policy.value,
                    "shares": {str(k): v for k, v in sorted(shares.items()) if v},
                    "proposed": {str(k): v for k, v in sorted(proposal.allocation.shares.items())},
                },
            )
        if bad_rows or bad_totals:
            raise SharesRejected(bad_rows, bad_totals)
        change_status(order, OrderStatus.ALLOCATING, actor)
    return made


def _offer_plan(line: OrderLine, proposal: LineProposal, shares: dict[int, int]) -> list:
    """Offer the checked shares; a share the admin changed says what the engine proposed."""
    proposed = proposal.allocation.shares
    reasons = {
        member: (
            proposal.allocation.reasons.get(member, Reason(""))
            if units == proposed.get(member, 0)
            else Reason(SET_BY_ADMIN, {"units": proposed.get(member, 0)})
        )
        for member, units in shares.items()
    }
    return offer_units(line, shares, reasons, reoffered=False)
