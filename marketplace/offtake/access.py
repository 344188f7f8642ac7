"""Load contracts scoped to the two parties (404 for everyone else)."""

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.offtake.models import CallOff, Contract


def get_contract_for_admin(coop: Cooperative, contract_id: int) -> Contract:
    """A contract of `coop` (loaded through get_cooperative_for_admin first); else 404."""
    return db.one_or_404(
        select(Contract).where(Contract.id == contract_id, Contract.cooperative_id == coop.id)
    )


def get_contract_for_offtaker(user: User, contract_id: int) -> Contract:
    """A contract proposed to `user`; anyone else's is 404."""
    return db.one_or_404(
        select(Contract).where(Contract.id == contract_id, Contract.offtaker_id == user.id)
    )


def get_call_off_of(contract: Contract, call_off_id: int) -> CallOff:
    return db.one_or_404(
        select(CallOff).where(CallOff.id == call_off_id, CallOff.contract_id == contract.id)
    )
