"""Who hears about offtake contracts: the offtaker of proposals and ordered call-offs, the
cooperative's admins of answers, changes, ordered call-offs and shortfalls.

Senders are a contract or a call-off (marketplace.signals); read through their attributes
only, so that this package imports nothing of offtake, which sits above it.
"""

from marketplace import signals
from marketplace.notifications.receivers import notify_cooperative_admins
from marketplace.notifications.services import notify


def offtaker_link(contract) -> str:
    return f"/kontrak/{contract.id}"


def admin_link(contract) -> str:
    return f"/kelola/{contract.cooperative.slug}/kontrak/{contract.id}"


def _params(contract) -> dict:
    return {
        "contract": contract.number,
        "cooperative": contract.cooperative.name,
        "product": contract.product.name,
        "offtaker": contract.offtaker.name,
    }


def _notify_admins(contract, kind: str, **params) -> None:
    link = admin_link(contract)
    notify_cooperative_admins(contract.cooperative, kind, link, **_params(contract), **params)


def _notify_offtaker(contract, kind: str, link: str | None = None, **params) -> None:
    notify(
        contract.offtaker,
        kind,
        link or offtaker_link(contract),
        time_zone=contract.cooperative.time_zone,
        **_params(contract),
        **params,
    )


def on_proposed(contract, **_details) -> None:
    _notify_offtaker(contract, "contract.proposed", version=contract.latest.number)


def on_changes_requested(contract, **_details) -> None:
    _notify_admins(contract, "contract.changes_requested", version=contract.latest.number)


def on_accepted(contract, **_details) -> None:
    _notify_admins(contract, "contract.accepted", version=contract.terms.number)


def _call_off_params(call_off) -> dict:
    return {
        "date": call_off.due_date.isoformat(),
        "quantity": call_off.quantity,
        "unit": call_off.contract.product.unit,
    }


def on_call_off_changed(call_off, **_details) -> None:
    kind = (
        "contract.call_off_skipped" if call_off.status == "skipped" else "contract.call_off_changed"
    )
    _notify_admins(call_off.contract, kind, **_call_off_params(call_off))


def on_call_off_ordered(call_off, **_details) -> None:
    contract, order = call_off.contract, call_off.order
    params = {**_call_off_params(call_off), "order": order.number}
    _notify_offtaker(contract, "contract.call_off_ordered", f"/pesanan/{order.number}", **params)
    _notify_admins(contract, "contract.call_off_ordered", **params)


def on_call_off_failed(call_off, **_details) -> None:
    _notify_admins(
        call_off.contract,
        "contract.call_off_failed",
        **_call_off_params(call_off),
        problem=call_off.problem,
    )


def on_call_off_short(call_off, *, short: int, **_details) -> None:
    _notify_admins(
        call_off.contract, "contract.call_off_short", **_call_off_params(call_off), short=short
    )


# Each signal and the receiver that hears it here (connected by notifications.init_app).
RECEIVERS = {
    signals.contract_proposed: on_proposed,
    signals.contract_changes_requested: on_changes_requested,
    signals.contract_accepted: on_accepted,
    signals.call_off_changed: on_call_off_changed,
    signals.call_off_ordered: on_call_off_ordered,
    signals.call_off_failed: on_call_off_failed,
    signals.call_off_short: on_call_off_short,
}
