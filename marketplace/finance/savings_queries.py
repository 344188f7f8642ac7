"""Read models for savings: balances per kind (SQL sums), who is behind on wajib, history."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.extensions import db
from marketplace.finance.savings_models import SavingsEntry, SavingsKind, SavingsSettings

K = SavingsKind


def settings_of(coop: Cooperative) -> SavingsSettings | None:
    return db.session.scalar(
        select(SavingsSettings).where(SavingsSettings.cooperative_id == coop.id)
    )


def kind_balance(membership_id: int, kind: str) -> int:
    """The member's balance of one kind of savings: the sum of its entries."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(SavingsEntry.amount), 0)).where(
                SavingsEntry.membership_id == membership_id, SavingsEntry.kind == kind
            )
        )
    )


def _kind_sum(kind: str):
    return func.coalesce(
        func.sum(case((SavingsEntry.kind == kind, SavingsEntry.amount), else_=0)), 0
    )


def wajib_periods_due(settings: SavingsSettings, joined: date, today: date) -> int:
    """Periods of wajib owed from the later of the setting's start and joining, up to and
    including the current one; none before the start."""
    start = max(settings.wajib_since, joined)
    if today < start:
        return 0
    months = (today.year - start.year) * 12 + today.month - start.month
    return months // settings.wajib_period_months + 1


@dataclass(frozen=True)
class MemberSavings:
    membership: Membership
    pokok: int
    wajib: int
    sukarela: int
    wajib_due: int  # rupiah of wajib owed so far by the settings

    @property
    def total(self) -> int:
        return self.pokok + self.wajib + self.sukarela

    @property
    def wajib_behind(self) -> int:
        return max(self.wajib_due - self.wajib, 0)


def member_savings(coop: Cooperative, ids: Iterable[int] | None = None) -> list[MemberSavings]:
    """Every producing member's balances per kind (one SQL aggregate) and wajib owed."""
    query = (
        select(Membership, _kind_sum(K.POKOK), _kind_sum(K.WAJIB), _kind_sum(K.SUKARELA))
        .outerjoin(SavingsEntry, SavingsEntry.membership_id == Membership.id)
        .where(Membership.cooperative_id == coop.id, Membership.role == MembershipRole.MEMBER)
        .group_by(Membership.id)
        .order_by(Membership.member_number, Membership.id)
    )
    if ids is not None:
        query = query.where(Membership.id.in_(list(ids)))
    settings, today = settings_of(coop), coop.local_date()
    result = []
    for m, pokok, wajib, sukarela in db.session.execute(query).all():
        due = 0
        if settings is not None and settings.wajib_amount:
            joined = coop.local_date(m.created_at)
            due = wajib_periods_due(settings, joined, today) * settings.wajib_amount
        result.append(MemberSavings(m, int(pokok), int(wajib), int(sukarela), due))
    return result


def history(membership: Membership, limit: int = 200) -> list[SavingsEntry]:
    """The member's savings entries, newest first."""
    return list(
        db.session.scalars(
            select(SavingsEntry)
            .where(SavingsEntry.membership_id == membership.id)
            .order_by(SavingsEntry.booked_on.desc(), SavingsEntry.id.desc())
            .limit(limit)
        )
    )


def savings_at(coop: Cooperative, last_day: date, kinds: Iterable[str]) -> dict[int, int]:
    """Membership id -> savings of these kinds held at the end of `last_day` (SQL sum)."""
    rows = db.session.execute(
        select(SavingsEntry.membership_id, func.sum(SavingsEntry.amount))
        .where(
            SavingsEntry.cooperative_id == coop.id,
            SavingsEntry.booked_on <= last_day,
            SavingsEntry.kind.in_(list(kinds)),
        )
        .group_by(SavingsEntry.membership_id)
    ).all()
    return {mid: int(total) for mid, total in rows}


@dataclass(frozen=True)
class KindYear:
    kind: str
    deposits: int
    withdrawals: int  # positive rupiah
    balance: int  # at the year's end


def kinds_in_year(coop: Cooperative, first: date, last: date) -> list[KindYear]:
    """Per kind: deposits and withdrawals booked in [first, last] and the balance at `last`."""
    in_year = SavingsEntry.booked_on.between(first, last)
    rows = {
        kind: (int(dep), int(wd), int(bal))
        for kind, dep, wd, bal in db.session.execute(
            select(
                SavingsEntry.kind,
                func.sum(case((in_year & (SavingsEntry.amount > 0), SavingsEntry.amount), else_=0)),
                -func.sum(
                    case((in_year & (SavingsEntry.amount < 0), SavingsEntry.amount), else_=0)
                ),
                func.sum(case((SavingsEntry.booked_on <= last, SavingsEntry.amount), else_=0)),
            )
            .where(SavingsEntry.cooperative_id == coop.id)
            .group_by(SavingsEntry.kind)
        ).all()
    }
    return [KindYear(kind, *rows.get(kind, (0, 0, 0))) for kind in K]
