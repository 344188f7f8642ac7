"""Offtake use cases: contracts and their versions, call-offs, the daily run. Import from here."""

from marketplace.offtake.services.call_offs import change_call_off, sync_call_offs
from marketplace.offtake.services.contracts import (
    ContractAddress,
    ContractTerms,
    accept_version,
    propose_contract,
    request_changes,
    revise_contract,
)
from marketplace.offtake.services.run_due import RunReport, run_due

__all__ = [
    "ContractAddress",
    "ContractTerms",
    "RunReport",
    "accept_version",
    "change_call_off",
    "propose_contract",
    "request_changes",
    "revise_contract",
    "run_due",
    "sync_call_offs",
]
