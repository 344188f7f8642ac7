"""Load contracts scoped to the two parties (404 for everyone else)."""

from marketplace.access import get_of_cooperative, get_scoped_or_404
from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.offtake.models import CallOff, Contract


def get_contract_for_admin(coop: Cooperative, contract_id: int) -> Contract:
    """A contract of `coop` (loaded through get_cooperative_for_admin first); else 404."""
    return get_of_cooperative(Contract, coop, contract_id)


def get_contract_for_offtaker(user: User, contract_id: int) -> Contract:
    """A contract proposed to `user`; anyone else's is 404."""
    return get_scoped_or_404(Contract, contract_id, offtaker_id=user.id)


def get_call_off_of(contract: Contract, call_off_id: int) -> CallOff:
    return get_scoped_or_404(CallOff, call_off_id, contract_id=contract.id)
