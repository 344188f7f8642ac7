"""What the contract pages read: lists, coverage and performance."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.cooperatives import capacity
from marketplace.cooperatives.availability import capacity_inputs
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.fulfilment.models import Assignment
from marketplace.offtake.coverage import Shortfall, coverage
from marketplace.offtake.models import CallOff, CallOffStatus, Contract, ContractVersion
from marketplace.offtake.schedule import due_dates
from marketplace.orders.models import Order, OrderLine, OrderStatus

DELIVERED_STATUSES = (OrderStatus.DELIVERED, OrderStatus.COMPLETED)


def _contracts(party, other_party) -> list[Contract]:
    """The contracts of one party, newest first, each with its versions and the other party."""
    loading = (selectinload(Contract.versions), selectinload(other_party))
    stmt = select(Contract).where(party).options(*loading).order_by(Contract.id.desc())
    return list(db.session.scalars(stmt))


def contracts_of(coop: Cooperative) -> list[Contract]:
    return _contracts(Contract.cooperative_id == coop.id, Contract.offtaker)


def contracts_for(user: User) -> list[Contract]:
    return _contracts(Contract.offtaker_id == user.id, Contract.cooperative)


def planned_schedule(contract: Contract, version: ContractVersion) -> list[tuple[date, int]]:
    """The deliveries still to come under `version`: the coming call-offs once the contract
    runs on it, else the version's schedule from today."""
    today = contract.cooperative.local_date()
    if version is contract.terms:
        return [
            (c.due_date, c.quantity)
            for c in contract.call_offs
            if c.status == CallOffStatus.SCHEDULED and c.due_date >= today
        ]
    dates = due_dates(version.frequency, version.start_date, version.end_date, version.date_list)
    return [(d, version.call_off_quantity) for d in dates if d >= today]


def available_by_for(contract: Contract):
    """What the members can still put towards the contract by a day: capacity over time (ready
    units plus each week's production) less what open orders already hold, for its product."""
    offer, promised, today = capacity_inputs(contract.product_id)
    return lambda day: capacity.available_by([offer], promised, day, today)


def coverage_of(contract: Contract, version: ContractVersion | None = None) -> list[Shortfall]:
    """Coverage of the coming deliveries (of `version`, by default the terms shown)."""
    version = version or contract.shown_terms
    return coverage(planned_schedule(contract, version), available_by_for(contract))


@dataclass
class Period:
    label: str  # YYYY-MM
    committed: int = 0  # units scheduled (not skipped)
    called_off: int = 0  # units ordered
    delivered: int = 0  # units of delivered orders
    accepted: int = 0  # units passed at quality control
    rejected: int = 0
    on_time: int = 0  # delivered orders received by their delivery date
    delivered_orders: int = 0
    invoiced: int = 0  # rupiah
    paid: int = 0

    @property
    def on_time_pct(self) -> int | None:
        if not self.delivered_orders:
            return None
        return round(100 * self.on_time / self.delivered_orders)


FIGURES = (
    "committed",
    "called_off",
    "delivered",
    "accepted",
    "rejected",
    "on_time",
    "delivered_orders",
    "invoiced",
    "paid",
)


@dataclass
class Performance:
    periods: list[Period] = field(default_factory=list)
    total: Period = field(default_factory=lambda: Period(""))


def _add_order(period: Period, order: Order, due: date) -> None:
    line = order.lines[0]
    period.called_off += line.quantity
    if order.status in DELIVERED_STATUSES:
        period.delivered += line.quantity
        period.delivered_orders += 1
        received = [s.delivered_at for s in order.shipments if s.delivered_at]
        if received and order.cooperative.local_date(max(received)) <= due:
            period.on_time += 1
    if order.invoice is not None:
        period.invoiced += order.total
        if order.invoice.paid_at is not None or order.amount_due == 0:
            period.paid += order.total


def _qc(order_ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = db.session.execute(
        select(OrderLine.order_id, Assignment.accepted_quantity, Assignment.rejected_quantity)
        .join(Assignment, Assignment.order_line_id == OrderLine.id)
        .where(OrderLine.order_id.in_(order_ids))
    ).all()
    totals: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for order_id, accepted, rejected in rows:
        a, r = totals[order_id]
        totals[order_id] = (a + accepted, r + rejected)
    return totals


def performance(contract: Contract) -> Performance:
    """Committed, called off, delivered, QC-accepted and rejected units, on-time deliveries,
    invoiced and paid rupiah: per month of delivery date and in total."""
    call_offs = list(
        db.session.scalars(
            select(CallOff)
            .where(CallOff.contract_id == contract.id)
            .options(selectinload(CallOff.order))
            .order_by(CallOff.due_date)
        )
    )
    qc = _qc([c.order_id for c in call_offs if c.order_id])
    periods: dict[str, Period] = {}
    for call_off in call_offs:
        label = f"{call_off.due_date:%Y-%m}"
        period = periods.setdefault(label, Period(label))
        if call_off.status != CallOffStatus.SKIPPED:
            period.committed += call_off.quantity
        if call_off.order is not None:
            _add_order(period, call_off.order, call_off.due_date)
            accepted, rejected = qc[call_off.order_id]
            period.accepted += accepted
            period.rejected += rejected
    total = Period("")
    for period in periods.values():
        for name in FIGURES:
            setattr(total, name, getattr(total, name) + getattr(period, name))
    return Performance(list(periods.values()), total)
