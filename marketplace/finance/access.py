"""Load finance objects scoped to the cooperative the current admin runs (404 otherwise)."""

from marketplace.access import get_of_cooperative, get_scoped_or_404
from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.finance.models import PayoutBatch, PayoutLine


def get_member_of(coop: Cooperative, membership_id: int) -> Membership:
    """A producing member of this cooperative; an admin or another cooperative's member is 404."""
    return get_scoped_or_404(
        Membership, membership_id, cooperative_id=coop.id, role=MembershipRole.MEMBER
    )


def get_batch_of(coop: Cooperative, batch_id: int) -> PayoutBatch:
    return get_of_cooperative(PayoutBatch, coop, batch_id)


def get_line_of(batch: PayoutBatch, line_id: int) -> PayoutLine:
    return get_scoped_or_404(PayoutLine, line_id, batch_id=batch.id)
