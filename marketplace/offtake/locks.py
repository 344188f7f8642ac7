"""The locks offtake use cases take before they read and then change a contract or a call-off.

A contract's versions and call-offs change under its Contract row's lock; a call-off's
quantity and order under its own row's lock. See marketplace.locking.
"""

from marketplace.extensions import db
from marketplace.locking import lock_rows
from marketplace.offtake.models import CallOff, Contract


def lock_contract(contract: Contract) -> None:
    """Lock `contract` and reload it with its versions, read after any concurrent change."""
    lock_rows(Contract, [contract.id])
    db.session.refresh(contract)
    db.session.expire(contract, ["versions", "call_offs"])


def lock_call_off(call_off: CallOff) -> None:
    lock_rows(CallOff, [call_off.id])
    db.session.refresh(call_off)
