"""A contract's call-offs: kept in step with its schedule, and changed by the offtaker before
their cut-off."""

from flask_babel import gettext as _
from sqlalchemy import delete, select

from marketplace import signals
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue import pricing
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.offtake.locks import lock_call_off, lock_contract
from marketplace.offtake.models import CallOff, CallOffStatus, Contract, ContractVersion
from marketplace.offtake.schedule import ChangeProblem, change_problem, due_dates, quantity_bounds
from marketplace.offtake.words import CHANGE_MESSAGES
from marketplace.transaction import transaction


def sync_call_offs(contract: Contract, version: ContractVersion) -> int:
    """Within the caller's transaction, under the contract's lock: one call-off per delivery
    date of the version from today on. Coming call-offs the offtaker has not changed take the
    version's quantity; scheduled ones no longer on the schedule go. Returns the number made.

    Idempotent: run twice, it makes nothing the second time (and the unique (contract, due
    date) stops a second writer that got past the lock)."""
    today = contract.cooperative.local_date()
    wanted = {
        d
        for d in due_dates(
            version.frequency, version.start_date, version.end_date, version.date_list
        )
        if d >= today
    }
    existing = {
        c.due_date: c
        for c in db.session.scalars(select(CallOff).where(CallOff.contract_id == contract.id))
    }
    stale = [
        c.id
        for day, c in existing.items()
        if day >= today and day not in wanted and c.status == CallOffStatus.SCHEDULED
    ]
    if stale:
        db.session.execute(delete(CallOff).where(CallOff.id.in_(stale)))
    for day, call_off in existing.items():
        if day in wanted and call_off.status == CallOffStatus.SCHEDULED and not call_off.changed:
            call_off.quantity = version.call_off_quantity
    made = [
        CallOff(contract_id=contract.id, due_date=day, quantity=version.call_off_quantity)
        for day in sorted(wanted - set(existing))
    ]
    db.session.add_all(made)
    db.session.flush()
    return len(made)


def ensure_call_offs(contract: Contract) -> int:
    """sync_call_offs for an active contract, in its own transaction (run-due's first step)."""
    with transaction():
        lock_contract(contract)
        terms = contract.terms
        return sync_call_offs(contract, terms) if terms is not None else 0


def _check_quantity(call_off: CallOff, quantity: int | None, skip: bool) -> None:
    contract = call_off.contract
    terms = contract.terms
    if call_off.status != CallOffStatus.SCHEDULED or terms is None:
        raise ValidationFailed(str(CHANGE_MESSAGES[ChangeProblem.NOT_OPEN]))
    today = contract.cooperative.local_date()
    wanted = None if skip else quantity
    problem = change_problem(
        terms.schedule_terms, call_off.due_date, today, quantity=wanted, allow_skip=terms.allow_skip
    )
    if problem is not None:
        low, high = quantity_bounds(terms.call_off_quantity, terms.tolerance_pct)
        raise ValidationFailed(
            str(CHANGE_MESSAGES[problem]) % {"low": low, "high": high}, field="quantity"
        )
    if wanted is not None:
        product = contract.product
        if pricing.quantity_problem(
            wanted, minimum=product.min_order_quantity, step=product.order_step, available=wanted
        ):
            raise ValidationFailed(
                _(
                    "Order in multiples of %(step)s, at least %(minimum)s.",
                    step=product.order_step,
                    minimum=product.min_order_quantity,
                ),
                field="quantity",
            )


def change_call_off(call_off: CallOff, actor: User, quantity: int | None, *, skip: bool = False):
    """The offtaker sets a coming call-off's quantity within the tolerance, or skips it when
    the contract allows, before its cut-off. Read and written under the call-off's lock."""
    if call_off.contract.offtaker_id != actor.id:
        raise NotAllowed(_("Only the offtaker can change a call-off."))
    if not skip and quantity is None:
        raise ValidationFailed(_("Enter a quantity."), field="quantity")
    with transaction():
        lock_call_off(call_off)
        _check_quantity(call_off, quantity, skip)
        before = {"quantity": call_off.quantity, "status": str(call_off.status)}
        if skip:
            call_off.status = CallOffStatus.SKIPPED
        else:
            call_off.quantity = quantity
        call_off.changed = True
        record(
            "call_off.changed",
            call_off,
            actor=actor,
            cooperative_id=call_off.contract.cooperative_id,
            before=before,
            after={"quantity": call_off.quantity, "status": str(call_off.status)},
        )
        signals.call_off_changed.send(call_off, actor=actor)
    return call_off
