"""The lock address use cases take: the owner's user row, so that two requests changing one
buyer's addresses (which one is the default, how many there are) run one after the other.

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from marketplace.accounts.models import User
from marketplace.locking import lock_rows


def lock_address_book(user: User) -> None:
    lock_rows(User, [user.id])
