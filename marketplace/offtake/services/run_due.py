"""`flask offtake run-due`: every active contract's call-offs whose cut-off has come become
confirmed orders on invoice terms, handed to allocation; coming ones the members' capacity
cannot cover are flagged to the cooperative's admins.

Safe to run many times a day, and in several processes at once: a call-off row is unique per
(contract, date) and made under the contract's lock; its order is placed with the idempotency
key calloff-<id> (checkout returns the first order for a repeated key) and linked under the
call-off's lock.
"""

import contextlib
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from marketplace import signals
from marketplace.audit.services import record
from marketplace.checkout.lines import CheckoutLine, Delivery, Origin
from marketplace.checkout.services import FixedLines, place
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.fulfilment.services import publish_allocation
from marketplace.offtake.locks import lock_call_off, lock_contract
from marketplace.offtake.models import CallOff, CallOffStatus, Contract, ContractStatus
from marketplace.offtake.queries import coverage_of
from marketplace.offtake.schedule import cutoff_date
from marketplace.offtake.services.call_offs import ensure_call_offs
from marketplace.orders.models import Order, PaymentMethod
from marketplace.payments.invoicing import ensure_terms
from marketplace.transaction import transaction


@dataclass
class RunReport:
    made: int = 0  # call-off rows made for new schedule dates
    ordered: list[str] = field(default_factory=list)  # order numbers
    failed: list[int] = field(default_factory=list)  # call-off ids
    flagged: list[int] = field(default_factory=list)  # call-off ids newly short
    ended: int = 0


def _delivery(contract: Contract, call_off: CallOff) -> Delivery:
    po_number = f"{contract.number}/{call_off.due_date:%Y%m%d}"
    return Delivery.to_address_of(contract.terms, call_off.due_date, po_number, contract.number)


def _fail(call_off: CallOff, problem: str, report: RunReport) -> None:
    with transaction():
        lock_call_off(call_off)
        if call_off.status not in (CallOffStatus.SCHEDULED, CallOffStatus.FAILED):
            return
        first = call_off.status == CallOffStatus.SCHEDULED or call_off.problem != problem
        call_off.status, call_off.problem = CallOffStatus.FAILED, problem
        if first:
            record(
                "call_off.failed",
                call_off,
                actor=None,
                cooperative_id=call_off.contract.cooperative_id,
                after={"problem": problem},
            )
            signals.call_off_failed.send(call_off)
            report.failed.append(call_off.id)


def _link(call_off: CallOff, order: Order, report: RunReport) -> None:
    with transaction():
        lock_call_off(call_off)
        if call_off.order_id is not None:
            return
        call_off.order_id, call_off.status, call_off.problem = order.id, CallOffStatus.ORDERED, ""
        record(
            "call_off.ordered",
            call_off,
            actor=None,
            cooperative_id=call_off.contract.cooperative_id,
            after={"order": order.number, "quantity": call_off.quantity},
        )
        signals.call_off_ordered.send(call_off)
        report.ordered.append(order.number)


def place_call_off(call_off: CallOff, report: RunReport) -> None:
    """Place one call-off as an order on invoice terms and offer its work to the members."""
    contract = call_off.contract
    with transaction():
        lock_contract(contract)
        ensure_terms(contract.cooperative, contract.offtaker, contract.terms.terms_days, None)
    line = CheckoutLine(contract.product_id, call_off.quantity, contract.terms.unit_price)
    try:
        order = place(
            contract.offtaker,
            FixedLines((line,), Origin.CALL_OFF),
            _delivery(contract, call_off),
            {contract.cooperative_id: PaymentMethod.INVOICE_TERMS},
            f"calloff-{call_off.id}",
        )[0]
    except DomainError as error:
        _fail(call_off, error.message, report)
        return
    _link(call_off, order, report)
    # Short of capacity, or allocated by a concurrent run: the admin sees it on the order page.
    with contextlib.suppress(DomainError):
        publish_allocation(order, None)


def _due(contract: Contract, today: date) -> list[CallOff]:
    cutoff = contract.terms.cutoff_days
    return [
        c
        for c in contract.call_offs
        if c.status in (CallOffStatus.SCHEDULED, CallOffStatus.FAILED)
        and cutoff_date(c.due_date, cutoff) <= today
    ]


def flag_shortfalls(contract: Contract, report: RunReport) -> None:
    """Mark the coming call-offs capacity cannot cover (and clear those it now covers); the
    admins hear of each call-off when it first becomes short."""
    short = {row.due: row.short for row in coverage_of(contract)}
    with transaction():
        lock_contract(contract)
        for call_off in contract.call_offs:
            if call_off.status != CallOffStatus.SCHEDULED:
                continue
            units = short.get(call_off.due_date, 0)
            if units and not call_off.shortfall:
                signals.call_off_short.send(call_off, short=units)
                report.flagged.append(call_off.id)
            call_off.shortfall = units


def _end_if_done(contract: Contract, today: date, report: RunReport) -> None:
    if contract.terms.end_date >= today:
        return
    with transaction():
        lock_contract(contract)
        if any(c.status == CallOffStatus.SCHEDULED for c in contract.call_offs):
            return
        contract.status = ContractStatus.ENDED
        record("contract.ended", contract, actor=None)
        report.ended += 1


def run_due(contract_ids: list[int] | None = None) -> RunReport:
    """Do the day's work of every active contract (or of these ones). See the module."""
    report = RunReport()
    stmt = select(Contract.id).where(Contract.status == ContractStatus.ACTIVE)
    if contract_ids is not None:
        stmt = stmt.where(Contract.id.in_(contract_ids))
    for contract_id in db.session.scalars(stmt.order_by(Contract.id)).all():
        contract = db.session.get(Contract, contract_id)
        today = contract.cooperative.local_date()
        report.made += ensure_call_offs(contract)
        for call_off in _due(contract, today):
            if call_off.due_date < today:
                _fail(call_off, _("The delivery date passed before it was ordered."), report)
            else:
                place_call_off(call_off, report)
        flag_shortfalls(contract, report)
        _end_if_done(contract, today, report)
    return report
