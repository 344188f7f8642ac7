"""The locks finance use cases take before they read a balance and then write to it.

A member's balance is the sum of its ledger entries; every use case that checks a balance
before it writes (a payout batch, a transfer marked paid, a deduction) first locks the member's
Membership row, so that two treasurers at the same moment see each other's entries. See
marketplace.locking for how the lock is taken on PostgreSQL and on SQLite.
"""

from collections.abc import Iterable

from marketplace.cooperatives.models import Membership
from marketplace.locking import lock_rows


def lock_members(membership_ids: Iterable[int]) -> None:
    """Lock these members' ledgers (their Membership rows, in id order) until commit."""
    lock_rows(Membership, membership_ids)
