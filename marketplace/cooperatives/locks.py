"""Locks for check-then-write use cases on cooperatives (see marketplace.locking)."""

from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.locking import lock_rows


def lock_cooperative(coop: Cooperative) -> None:
    """Lock `coop` and reload it, so that its status is read after any concurrent change."""
    lock_rows(Cooperative, [coop.id])
    db.session.refresh(coop)
