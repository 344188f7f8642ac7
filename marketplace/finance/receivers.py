"""Finance reacts to fulfilment: accepted units become the member's earnings.

Connected by marketplace.finance.init_app (called from create_app); runs inside the quality
control's transaction, so the earning commits or rolls back with the QC record.
"""

from marketplace import signals
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.finance.models import EntryKind, LedgerEntry
from marketplace.fulfilment.models import Assignment


def on_qc_recorded(assignment: Assignment, accepted: int, actor=None, **_details) -> None:
    """An earning of accepted units x the payout fixed on the assignment; rejected units
    earn nothing, and an assignment with no accepted unit writes no entry."""
    if accepted <= 0:
        return
    entry = LedgerEntry(
        cooperative_id=assignment.membership.cooperative_id,
        membership_id=assignment.membership_id,
        kind=EntryKind.EARNING,
        amount=accepted * assignment.payout_per_unit,
        assignment_id=assignment.id,
        created_by_id=actor.id if actor else None,
        memo=assignment.order_line.order.number,
    )
    db.session.add(entry)
    record(
        "ledger.earning",
        entry,
        actor=actor,
        after={
            "member": entry.membership_id,
            "assignment": assignment.id,
            "units": accepted,
            "payout_per_unit": assignment.payout_per_unit,
            "amount": entry.amount,
        },
    )


RECEIVERS = [(signals.qc_recorded, on_qc_recorded)]


def connect() -> None:
    """Connect the ledger to fulfilment's signals (see signals.connect_all)."""
    signals.connect_all(RECEIVERS)
