"""The treasurer's SHU use cases: the year's policy, the draft amount, and approval.

Each commits once through transaction() and writes an AuditEvent. Promises: a policy's
percentages add up to exactly 100% and name the services and capital funds; an approved year
is frozen (every later change is refused); approval credits each member's share to its ledger
exactly as finance.shu.distribute computed it from the database, once.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.finance import shu_queries as queries
from marketplace.finance.locks import lock_members
from marketplace.finance.models import EntryKind, LedgerEntry
from marketplace.finance.shu import Fund, ShuDistribution, distribute
from marketplace.finance.shu_models import (
    ShuFundShare,
    ShuMemberShare,
    ShuPolicy,
    ShuStatus,
    ShuYear,
)
from marketplace.limits import FIRST_DATE, MAX_PRICE
from marketplace.locking import lock_rows
from marketplace.notifications.services import notify
from marketplace.transaction import transaction


@dataclass(frozen=True)
class PolicyInput:
    funds: Sequence[tuple[str, int]]  # (fund key, basis points) in statute order
    sukarela_counts: bool


def _check_year(coop: Cooperative, year: int) -> None:
    if not FIRST_DATE.year <= year < coop.local_date().year:
        raise ValidationFailed(_l("Choose a year that has ended."))


def _refuse_approved(coop: Cooperative, year: int) -> ShuYear | None:
    existing = queries.shu_year(coop, year)
    if existing is not None:
        lock_rows(ShuYear, [existing.id])
        db.session.refresh(existing)
        if existing.is_approved:
            raise InvalidTransition(_l("The SHU of this year is approved and cannot change."))
    return existing


def save_policy(coop: Cooperative, actor: User, year: int, data: PolicyInput) -> ShuPolicy:
    """A new version of the year's policy; a draft of the year follows it."""
    _check_year(coop, year)
    funds = [Fund(key, points) for key, points in data.funds if points]
    try:
        distribute(0, funds, [])
    except ValueError as error:
        raise ValidationFailed(_l("The funds must add up to exactly 100%.")) from error
    with transaction():
        draft = _refuse_approved(coop, year)
        latest = queries.latest_policy(coop, year)
        policy = ShuPolicy(
            cooperative_id=coop.id,
            year=year,
            version=(latest.version + 1) if latest else 1,
            funds=[[f.key, f.basis_points] for f in funds],
            sukarela_counts=bool(data.sukarela_counts),
            created_by_id=actor.id,
        )
        db.session.add(policy)
        db.session.flush()
        if draft is not None:
            draft.policy_id = policy.id
        record(
            "shu.policy",
            policy,
            actor=actor,
            after={"year": year, "version": policy.version, "funds": policy.funds},
        )
    return policy


def save_draft(coop: Cooperative, actor: User, year: int, amount: int, expenses: int) -> ShuYear:
    """The SHU amount to share and the entered expenses (a guide), under the latest policy."""
    _check_year(coop, year)
    if not (0 <= amount <= MAX_PRICE and 0 <= expenses <= MAX_PRICE):
        raise ValidationFailed(_l("Enter the amount in whole rupiah."), field="amount")
    with transaction():
        draft = _refuse_approved(coop, year)
        policy = queries.latest_policy(coop, year)
        if policy is None:
            raise ValidationFailed(_l("Save the SHU policy of the year first."))
        before = {"amount": draft.amount, "expenses": draft.expenses} if draft else None
        if draft is None:
            draft = ShuYear(cooperative_id=coop.id, year=year, status=ShuStatus.DRAFT)
            db.session.add(draft)
        draft.policy_id, draft.amount, draft.expenses = policy.id, amount, expenses
        db.session.flush()
        record(
            "shu.draft",
            draft,
            actor=actor,
            before=before,
            after={"year": year, "amount": amount, "expenses": expenses, "policy": policy.id},
        )
    return draft


def compute(coop: Cooperative, shu_year: ShuYear) -> ShuDistribution:
    """The year's distribution from the database as it is now (a draft's preview)."""
    policy = shu_year.policy
    members = queries.member_years(coop, shu_year.year, policy.sukarela_counts)
    return distribute(shu_year.amount, policy.fund_list, members)


def approve(shu_year: ShuYear, actor: User) -> ShuYear:
    """Freeze the year's distribution, credit every non-zero share to the member's ledger as
    an SHU entry and tell the member. Refused when already approved (also when two
    treasurers approve at the same moment: the year's row is locked first)."""
    coop = db.session.get(Cooperative, shu_year.cooperative_id)
    with transaction():
        lock_rows(ShuYear, [shu_year.id])
        db.session.refresh(shu_year)
        if shu_year.is_approved:
            raise InvalidTransition(_l("The SHU of this year is approved and cannot change."))
        members = queries.member_years(coop, shu_year.year, shu_year.policy.sukarela_counts)
        lock_members(m.member_id for m in members)
        result = distribute(shu_year.amount, shu_year.policy.fund_list, members)
        for position, fund in enumerate(shu_year.policy.fund_list):
            db.session.add(
                ShuFundShare(
                    shu_year_id=shu_year.id,
                    position=position,
                    key=fund.key,
                    basis_points=fund.basis_points,
                    amount=result.funds[fund.key],
                )
            )
        people = _members_with_users(members)
        for member in members:
            _freeze_share(shu_year, coop, actor, member, people[member.member_id], result)
        shu_year.status, shu_year.approved_at = ShuStatus.APPROVED, utcnow()
        shu_year.approved_by_id = actor.id
        record(
            "shu.approved",
            shu_year,
            actor=actor,
            before={"status": ShuStatus.DRAFT},
            after={
                "year": shu_year.year,
                "amount": shu_year.amount,
                "funds": result.funds,
                "members": {str(k): v for k, v in result.total.items()},
            },
        )
    return shu_year


def _members_with_users(members) -> dict[int, Membership]:
    ids = [m.member_id for m in members]
    rows = db.session.scalars(
        select(Membership).where(Membership.id.in_(ids)).options(selectinload(Membership.user))
    )
    return {m.id: m for m in rows}


def _freeze_share(shu_year, coop, actor, member, membership, result: ShuDistribution) -> None:
    mid, total = member.member_id, result.total[member.member_id]
    share = ShuMemberShare(
        shu_year_id=shu_year.id,
        membership_id=mid,
        transactions=member.transactions,
        savings=member.savings,
        jua=result.jua[mid],
        jma=result.jma[mid],
        total=total,
    )
    if total > 0:
        entry = LedgerEntry(
            cooperative_id=coop.id,
            membership_id=mid,
            kind=EntryKind.SHU,
            amount=total,
            created_by_id=actor.id,
            memo=f"SHU {shu_year.year}",
        )
        share.ledger_entry = entry
        notify(
            membership.user,
            "member.shu",
            f"/anggota/{coop.slug}/keuangan/simpanan",
            time_zone=coop.time_zone,
            amount=total,
            cooperative=coop.name,
            year=shu_year.year,
        )
    db.session.add(share)
