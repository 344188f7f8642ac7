"""The lock account use cases take before they read and then change a user.

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.locking import lock_rows


def lock_user(user: User) -> None:
    """Lock `user` and reload it, so that its state is read after any concurrent change."""
    lock_rows(User, [user.id])
    db.session.refresh(user)
