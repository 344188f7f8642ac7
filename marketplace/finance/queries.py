"""Read models for the finance pages: balances, statements and the cooperative's report.

Balances are sums of ledger entries aggregated in SQL, never stored numbers. Months are the
cooperative's calendar months (WIB, WITA or WIT, none of which has daylight saving time).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.sql import ColumnElement

from marketplace.cooperatives.models import (
    Cooperative,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.extensions import db
from marketplace.finance.models import EntryKind, LedgerEntry, PayoutBatch, PayoutLine
from marketplace.finance.models import PayoutStatus as P
from marketplace.fulfilment.models import CHECKED_STATUSES, Assignment, AssignmentStatus
from marketplace.orders.models import Order, OrderLine
from marketplace.payments.models import Refund, RefundStatus

S = AssignmentStatus
IN_HAND = (S.ACCEPTED, S.IN_PRODUCTION, S.DELIVERED_TO_HUB)


def _sum_of(kind: str) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((LedgerEntry.kind == kind, LedgerEntry.amount), else_=0)), 0)


def balance(membership_id: int) -> int:
    """What the cooperative owes the member now: the sum of its ledger entries."""
    # int(): PostgreSQL sums a BIGINT column as NUMERIC (a Decimal)
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                LedgerEntry.membership_id == membership_id
            )
        )
    )


def pending_payouts(membership_id: int) -> int:
    """Rupiah in payout batches made for the member but not yet marked paid."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(PayoutLine.amount), 0)).where(
                PayoutLine.membership_id == membership_id, PayoutLine.status == P.PENDING
            )
        )
    )


def payable(membership_id: int) -> int:
    """What a new payout may still give the member: its balance less pending payouts."""
    return balance(membership_id) - pending_payouts(membership_id)


@dataclass(frozen=True)
class MemberMoney:
    membership: Membership
    earned: int
    deducted: int  # positive rupiah taken off
    paid: int  # positive rupiah transferred
    balance: int
    pending: int

    @property
    def payable(self) -> int:
        return max(self.balance - self.pending, 0)


def member_balances(coop: Cooperative) -> list[MemberMoney]:
    """Every producing member of the cooperative with its sums, aggregated in SQL."""
    pending = (
        select(func.coalesce(func.sum(PayoutLine.amount), 0))
        .where(PayoutLine.membership_id == Membership.id, PayoutLine.status == P.PENDING)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            Membership,
            _sum_of(EntryKind.EARNING) + _sum_of(EntryKind.SHU),
            -_sum_of(EntryKind.DEDUCTION),
            -_sum_of(EntryKind.PAYOUT),
            func.coalesce(func.sum(LedgerEntry.amount), 0),
            pending,
        )
        .outerjoin(LedgerEntry, LedgerEntry.membership_id == Membership.id)
        .where(
            Membership.cooperative_id == coop.id,
            Membership.role == MembershipRole.MEMBER,
        )
        .group_by(Membership.id)
        .order_by(Membership.member_number, Membership.id)
    ).all()
    return [
        MemberMoney(m, int(earned), int(deducted), int(paid), int(total), int(pend))
        for m, earned, deducted, paid, total, pend in rows
        if m.status == MembershipStatus.ACTIVE or total or pend
    ]


@dataclass(frozen=True)
class StatementRow:
    entry: LedgerEntry
    running_balance: int


def statement(membership: Membership) -> list[StatementRow]:
    """Every entry of the member, oldest first, with the balance after it (a SQL window)."""
    running = func.sum(LedgerEntry.amount).over(order_by=(LedgerEntry.created_at, LedgerEntry.id))
    rows = db.session.execute(
        select(LedgerEntry, running)
        .where(LedgerEntry.membership_id == membership.id)
        .order_by(LedgerEntry.created_at, LedgerEntry.id)
    ).all()
    return [StatementRow(entry, int(total)) for entry, total in rows]


def month_start(coop: Cooperative, today: date | None = None) -> datetime:
    """The first moment (UTC) of the cooperative's current calendar month."""
    today = today or coop.local_date()
    local = datetime.combine(today.replace(day=1), time(), tzinfo=ZoneInfo(coop.time_zone))
    return local.astimezone(UTC)


def earned_since(membership: Membership, since: datetime) -> int:
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                LedgerEntry.membership_id == membership.id,
                LedgerEntry.kind == EntryKind.EARNING,
                LedgerEntry.created_at >= since,
            )
        )
    )


@dataclass(frozen=True)
class MemberDashboard:
    to_answer: list[Assignment]
    in_progress: list[Assignment]
    recent_checks: list[Assignment]
    earned_this_month: int
    balance: int
    pending: int


def _work(membership: Membership, statuses, *order_by, limit: int = 50) -> list[Assignment]:
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Assignment.order_line)
            .join(OrderLine.order)
            .where(Assignment.membership_id == membership.id, Assignment.status.in_(statuses))
            .order_by(*order_by, Assignment.id)
            .limit(limit)
        )
    )


def member_dashboard(membership: Membership) -> MemberDashboard:
    """The member's phone home: work to answer, work in hand by due date, recent QC, money."""
    return MemberDashboard(
        to_answer=_work(membership, [S.PROPOSED], Assignment.respond_by),
        in_progress=_work(membership, IN_HAND, Order.delivery_date),
        recent_checks=_work(membership, CHECKED_STATUSES, Assignment.checked_at.desc(), limit=5),
        earned_this_month=earned_since(membership, month_start(membership.cooperative)),
        balance=balance(membership.id),
        pending=pending_payouts(membership.id),
    )


def member_entries_in(membership: Membership, entry_ids: list[int]) -> list[LedgerEntry]:
    return list(
        db.session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.membership_id == membership.id, LedgerEntry.id.in_(entry_ids)
            )
        )
    )


def payout_batches(coop: Cooperative, limit: int = 20) -> list[PayoutBatch]:
    return list(
        db.session.scalars(
            select(PayoutBatch)
            .where(PayoutBatch.cooperative_id == coop.id)
            .order_by(PayoutBatch.id.desc())
            .limit(limit)
        )
    )


def _month(coop: Cooperative, column) -> ColumnElement[str]:
    """'YYYY-MM' of a UTC timestamp column in the cooperative's time zone, per database."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(coop.time_zone, column), "YYYY-MM")
    offset = datetime.now(ZoneInfo(coop.time_zone)).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset else 0
    return func.strftime("%Y-%m", column, f"{hours:+d} hours")


@dataclass(frozen=True)
class MonthFigures:
    month: str
    fees: int  # what the cooperative kept of accepted units' price
    earned: int  # members' earnings
    paid: int  # transferred to members


def monthly_figures(coop: Cooperative) -> list[MonthFigures]:
    """Per month, newest first: the cooperative's fees on accepted units, members' earnings
    and what was paid out to them."""
    checked = _month(coop, Assignment.checked_at)
    fees = dict(
        db.session.execute(
            select(
                checked,
                func.sum(
                    Assignment.accepted_quantity
                    * (OrderLine.unit_price - Assignment.payout_per_unit)
                ),
            )
            .join(Assignment.order_line)
            .join(OrderLine.order)
            .where(Order.cooperative_id == coop.id, Assignment.checked_at.is_not(None))
            .group_by(checked)
        ).all()
    )
    month = _month(coop, LedgerEntry.created_at)
    money = {
        m: (earned, paid)
        for m, earned, paid in db.session.execute(
            select(month, _sum_of(EntryKind.EARNING), -_sum_of(EntryKind.PAYOUT))
            .where(LedgerEntry.cooperative_id == coop.id)
            .group_by(month)
        ).all()
    }
    months = sorted(set(fees) | set(money), reverse=True)
    return [
        MonthFigures(m, int(fees.get(m) or 0), *(int(v) for v in money.get(m, (0, 0))))
        for m in months
    ]


@dataclass(frozen=True)
class MemberWork:
    membership: Membership
    delivered: int
    accepted: int
    rejected: int
    earned: int
    paid: int


def member_work(coop: Cooperative) -> list[MemberWork]:
    """Per member: units delivered to the hub and checked, accepted, rejected; rupiah earned
    and paid (aggregated in SQL)."""
    work = {
        mid: (delivered, accepted, rejected)
        for mid, delivered, accepted, rejected in db.session.execute(
            select(
                Assignment.membership_id,
                func.sum(Assignment.accepted_quantity + Assignment.rejected_quantity),
                func.sum(Assignment.accepted_quantity),
                func.sum(Assignment.rejected_quantity),
            )
            .join(Membership, Membership.id == Assignment.membership_id)
            .where(Membership.cooperative_id == coop.id, Assignment.checked_at.is_not(None))
            .group_by(Assignment.membership_id)
        ).all()
    }
    return [
        MemberWork(
            m.membership, *(int(v) for v in work.get(m.membership.id, (0, 0, 0))), m.earned, m.paid
        )
        for m in member_balances(coop)
    ]


@dataclass(frozen=True)
class RefundedWork:
    order_number: str
    refunded: int  # rupiah refunded to the buyer
    members_earned: int  # rupiah its members earned from it, and keep


def refunded_orders_with_earnings(coop: Cooperative) -> list[RefundedWork]:
    """Orders refunded after members' accepted goods earned them money: the members keep
    their earnings and the cooperative bears the loss; this shows how much."""
    refunded = (
        select(Refund.order_id, func.sum(Refund.amount).label("amount"))
        .where(Refund.status == RefundStatus.SUCCEEDED)
        .group_by(Refund.order_id)
        .subquery()
    )
    earned = (
        select(Order.id.label("order_id"), func.sum(LedgerEntry.amount).label("amount"))
        .join(OrderLine, OrderLine.order_id == Order.id)
        .join(Assignment, Assignment.order_line_id == OrderLine.id)
        .join(
            LedgerEntry,
            and_(LedgerEntry.assignment_id == Assignment.id, LedgerEntry.kind == EntryKind.EARNING),
        )
        .where(Order.cooperative_id == coop.id)
        .group_by(Order.id)
        .subquery()
    )
    rows = db.session.execute(
        select(Order.number, refunded.c.amount, earned.c.amount)
        .join(refunded, refunded.c.order_id == Order.id)
        .join(earned, earned.c.order_id == Order.id)
        .order_by(Order.id.desc())
    ).all()
    return [RefundedWork(number, int(r), int(e)) for number, r, e in rows]
