"""The lock RFQ use cases take before they read and then change an RFQ and its quotes.

See marketplace.locking for how a lock is taken on PostgreSQL and on SQLite.
"""

from marketplace.extensions import db
from marketplace.locking import lock_rows
from marketplace.rfq.models import RFQ


def lock_rfq(rfq: RFQ) -> None:
    """Lock `rfq` (which stands for all its recipients and quotes) and reload it with them, so
    that a quote, a decline and an acceptance never act on a stale read."""
    lock_rows(RFQ, [rfq.id])
    db.session.refresh(rfq)
    for recipient in rfq.recipients:
        db.session.refresh(recipient)
        if recipient.quote is not None:
            db.session.refresh(recipient.quote)
