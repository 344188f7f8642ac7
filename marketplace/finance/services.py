"""The treasurer's use cases: deductions, payout batches and their transfers.

Each commits once through transaction(), locks the members' ledgers first (finance.locks) and
writes an AuditEvent. Promises: a payout never exceeds what the member is owed, also when two
treasurers pay the same member at the same moment.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from marketplace import signals
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.finance import queries
from marketplace.finance.locks import lock_members
from marketplace.finance.models import EntryKind, LedgerEntry, PayoutBatch, PayoutLine
from marketplace.finance.models import PayoutStatus as P
from marketplace.formatting import rupiah
from marketplace.limits import MAX_PRICE
from marketplace.notifications.services import notify
from marketplace.transaction import transaction


@dataclass(frozen=True)
class Deduction:
    amount: int  # positive rupiah taken off the member's balance
    reason: str


def _audit(action: str, entity, actor: User, coop_id: int, after: dict) -> None:
    record(action, entity, actor=actor, cooperative_id=coop_id, after=after)


def record_deduction(membership: Membership, actor: User, deduction: Deduction) -> LedgerEntry:
    """Take materials or an advance the cooperative gave off the member's balance, with its
    reason. The balance may go below zero: the member then owes the cooperative."""
    reason = (deduction.reason or "").strip()
    if not reason:
        raise ValidationFailed(_l("Say what the deduction is for."), field="reason")
    if not 0 < deduction.amount <= MAX_PRICE:
        raise ValidationFailed(_l("Enter the amount in whole rupiah."), field="amount")
    _refuse_non_member(membership)
    with transaction():
        lock_members([membership.id])
        entry = LedgerEntry(
            cooperative_id=membership.cooperative_id,
            membership_id=membership.id,
            kind=EntryKind.DEDUCTION,
            amount=-deduction.amount,
            created_by_id=actor.id,
            memo=reason[:500],
        )
        db.session.add(entry)
        _audit(
            "ledger.deduction",
            entry,
            actor,
            membership.cooperative_id,
            {"member": membership.id, "amount": entry.amount, "reason": entry.memo},
        )
    return entry


def _refuse_non_member(membership: Membership) -> None:
    if membership.role != MembershipRole.MEMBER:
        raise ValidationFailed(_l("Only producing members have a ledger."))


def create_payout_batch(coop: Cooperative, actor: User, amounts: Mapping[int, int]) -> PayoutBatch:
    """A batch of transfers to the chosen members (membership id -> rupiah, zeros left out).
    Each amount is at most what the member is owed less its pending payouts, read after the
    members' ledgers are locked; otherwise nothing is made (ValidationFailed)."""
    chosen = {mid: amount for mid, amount in amounts.items() if amount}
    if not chosen:
        raise ValidationFailed(_l("Enter an amount for at least one member."))
    with transaction():
        lock_members(chosen)
        members = _members_of(coop, chosen)
        batch = PayoutBatch(cooperative_id=coop.id, created_by_id=actor.id)
        for membership in members:
            amount = chosen[membership.id]
            owed = queries.payable(membership.id)
            if not 0 < amount <= owed:
                raise ValidationFailed(
                    _l(
                        "%(member)s is owed %(owed)s: a payout cannot be more.",
                        member=membership.display_name,
                        owed=rupiah(max(owed, 0), str(get_locale() or "id")),
                    ),
                    field=f"amount_{membership.id}",
                )
            batch.lines.append(PayoutLine(membership_id=membership.id, amount=amount))
        db.session.add(batch)
        _audit(
            "payout.created",
            batch,
            actor,
            coop.id,
            {"lines": {str(mid): chosen[mid] for mid in sorted(chosen)}},
        )
    return batch


def _members_of(coop: Cooperative, ids) -> list[Membership]:
    members = [db.session.get(Membership, mid) for mid in sorted(ids)]
    if any(m is None or m.cooperative_id != coop.id for m in members):
        raise ValidationFailed(_l("Choose members of this cooperative."))
    for membership in members:
        _refuse_non_member(membership)
    return members


def mark_line_paid(line: PayoutLine, actor: User, reference: str) -> LedgerEntry:
    """Record the bank transfer's reference and the payout in the member's ledger; the batch
    is paid once all its lines are, and the member is told. Refused when the line is paid
    already or the member's balance no longer covers it (a deduction since)."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationFailed(_l("Enter the bank transfer's reference."), field="reference")
    with transaction():
        lock_members([line.membership_id])
        db.session.refresh(line)
        if line.status != P.PENDING:
            raise InvalidTransition(_l("This transfer is already marked paid."))
        if line.amount > queries.balance(line.membership_id):
            raise ValidationFailed(
                _l("The member's balance no longer covers this transfer."), field="reference"
            )
        line.status, line.reference, line.paid_at = P.PAID, reference[:80], utcnow()
        line.paid_by_id = actor.id
        entry = LedgerEntry(
            cooperative_id=line.batch.cooperative_id,
            membership_id=line.membership_id,
            kind=EntryKind.PAYOUT,
            amount=-line.amount,
            payout_line_id=line.id,
            created_by_id=actor.id,
            memo=line.reference,
        )
        db.session.add(entry)
        if all(other.status == P.PAID for other in line.batch.lines):
            line.batch.status, line.batch.paid_at = P.PAID, utcnow()
        _audit(
            "payout.paid",
            line,
            actor,
            line.batch.cooperative_id,
            {"member": line.membership_id, "amount": line.amount, "reference": line.reference},
        )
        _tell_member(line)
        signals.payout_paid.send(line, actor=actor)
    return entry


def _tell_member(line: PayoutLine) -> None:
    coop = line.membership.cooperative
    notify(
        line.membership.user,
        "member.paid",
        f"/anggota/{coop.slug}/keuangan",
        time_zone=coop.time_zone,
        amount=line.amount,
        cooperative=coop.name,
        reference=line.reference,
    )
