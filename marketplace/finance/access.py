"""Load finance objects scoped to the cooperative the current admin runs (404 otherwise)."""

from sqlalchemy import select

from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.extensions import db
from marketplace.finance.models import PayoutBatch, PayoutLine


def get_member_of(coop: Cooperative, membership_id: int) -> Membership:
    """A producing member of this cooperative; an admin or another cooperative's member is 404."""
    return db.one_or_404(
        select(Membership).where(
            Membership.id == membership_id,
            Membership.cooperative_id == coop.id,
            Membership.role == MembershipRole.MEMBER,
        )
    )


def get_batch_of(coop: Cooperative, batch_id: int) -> PayoutBatch:
    return db.one_or_404(
        select(PayoutBatch).where(PayoutBatch.id == batch_id, PayoutBatch.cooperative_id == coop.id)
    )


def get_line_of(batch: PayoutBatch, line_id: int) -> PayoutLine:
    return db.one_or_404(
        select(PayoutLine).where(PayoutLine.id == line_id, PayoutLine.batch_id == batch.id)
    )
