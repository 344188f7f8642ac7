"""Read models for the yearly SHU: the year's figures from the ledger, aggregated in SQL.

A year is the cooperative's calendar year in its own time zone. A member's transactions are
its earnings of the year (QC-accepted deliveries at the payout fixed on each assignment); its
savings for JMA are its balances at the year's end of the kinds the policy counts.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select

from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import Cooperative, Membership, MembershipRole
from marketplace.extensions import db
from marketplace.finance.models import EntryKind, LedgerEntry
from marketplace.finance.savings_models import SavingsKind
from marketplace.finance.savings_queries import savings_at
from marketplace.finance.shu import MemberYear
from marketplace.finance.shu_models import ShuMemberShare, ShuPolicy, ShuStatus, ShuYear
from marketplace.fulfilment.models import Assignment
from marketplace.orders.models import Order, OrderLine

# The statutes' funds the policy form offers, in their usual order, and a common split.
FUND_KEYS = (
    "cadangan",
    "jasa_usaha",
    "jasa_modal",
    "pengurus",
    "karyawan",
    "pendidikan",
    "sosial",
    "pembangunan_daerah",
)
DEFAULT_FUNDS = [
    ["cadangan", 2500],
    ["jasa_usaha", 3000],
    ["jasa_modal", 2000],
    ["pengurus", 500],
    ["karyawan", 500],
    ["pendidikan", 500],
    ["sosial", 500],
    ["pembangunan_daerah", 500],
]


def year_window(coop: Cooperative, year: int) -> tuple[datetime, datetime]:
    """[start, end) of the cooperative's calendar year, in UTC."""
    zone = ZoneInfo(coop.time_zone)
    start = datetime.combine(date(year, 1, 1), time(), tzinfo=zone)
    end = datetime.combine(date(year + 1, 1, 1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def in_year(column, coop: Cooperative, year: int):
    """The condition that `column` (a UTC datetime) falls in the cooperative's calendar year."""
    start, end = year_window(coop, year)
    return and_(column >= start, column < end)


def transactions_in(coop: Cooperative, year: int) -> dict[int, int]:
    """Membership id -> rupiah earned in the year (one GROUP BY over the ledger)."""
    earned = (
        select(LedgerEntry.membership_id, func.sum(LedgerEntry.amount))
        .where(
            LedgerEntry.cooperative_id == coop.id,
            LedgerEntry.kind == EntryKind.EARNING,
            in_year(LedgerEntry.created_at, coop, year),
        )
        .group_by(LedgerEntry.membership_id)
    )
    return {mid: int(total) for mid, total in db.session.execute(earned)}


def counted_kinds(sukarela_counts: bool) -> list[str]:
    kinds = [SavingsKind.POKOK, SavingsKind.WAJIB]
    return [*kinds, SavingsKind.SUKARELA] if sukarela_counts else kinds


def member_years(coop: Cooperative, year: int, sukarela_counts: bool) -> list[MemberYear]:
    """Every producing member with its transactions and counted savings of the year."""
    member_ids = db.session.scalars(
        select(Membership.id).where(
            Membership.cooperative_id == coop.id, Membership.role == MembershipRole.MEMBER
        )
    ).all()
    sales = transactions_in(coop, year)
    saved = savings_at(coop, date(year, 12, 31), counted_kinds(sukarela_counts))
    return [
        MemberYear(mid, max(sales.get(mid, 0), 0), max(saved.get(mid, 0), 0))
        for mid in sorted(member_ids)
    ]


@dataclass(frozen=True)
class YearIncome:
    sales: int  # accepted units at the buyer's unit price
    fees: int  # what the cooperative kept of them


def income_in(coop: Cooperative, year: int) -> YearIncome:
    sales, fees = db.session.execute(
        select(
            func.coalesce(func.sum(Assignment.accepted_quantity * OrderLine.unit_price), 0),
            func.coalesce(
                func.sum(
                    Assignment.accepted_quantity
                    * (OrderLine.unit_price - Assignment.payout_per_unit)
                ),
                0,
            ),
        )
        .join(Assignment.order_line)
        .join(OrderLine.order)
        .where(
            Order.cooperative_id == coop.id,
            in_year(Assignment.checked_at, coop, year),
        )
    ).one()
    return YearIncome(int(sales), int(fees))


def latest_policy(coop: Cooperative, year: int) -> ShuPolicy | None:
    return db.session.scalar(
        select(ShuPolicy)
        .where(ShuPolicy.cooperative_id == coop.id, ShuPolicy.year == year)
        .order_by(ShuPolicy.version.desc())
        .limit(1)
    )


def shu_year(coop: Cooperative, year: int) -> ShuYear | None:
    return db.session.scalar(
        select(ShuYear).where(ShuYear.cooperative_id == coop.id, ShuYear.year == year)
    )


def years_of(coop: Cooperative) -> list[ShuYear]:
    return list(
        db.session.scalars(
            select(ShuYear).where(ShuYear.cooperative_id == coop.id).order_by(ShuYear.year.desc())
        )
    )


def member_shares(membership: Membership) -> list[tuple[int, ShuMemberShare]]:
    """The member's approved SHU shares, newest year first."""
    rows = db.session.execute(
        select(ShuYear.year, ShuMemberShare)
        .join(ShuYear, ShuYear.id == ShuMemberShare.shu_year_id)
        .where(ShuMemberShare.membership_id == membership.id, ShuYear.status == ShuStatus.APPROVED)
        .order_by(ShuYear.year.desc())
    ).all()
    return [(year, share) for year, share in rows]


def membership_changes(coop: Cooperative, year: int) -> tuple[list[Membership], int]:
    """Members who joined in the year, and how many members were deactivated in it."""
    joined = db.session.scalars(
        select(Membership)
        .where(
            Membership.cooperative_id == coop.id,
            Membership.role == MembershipRole.MEMBER,
            in_year(Membership.created_at, coop, year),
        )
        .order_by(Membership.member_number)
    ).all()
    left = db.session.scalar(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.cooperative_id == coop.id,
            AuditEvent.action == "membership.deactivated",
            in_year(AuditEvent.created_at, coop, year),
        )
    )
    return list(joined), int(left or 0)


def turnover_by_year(membership: Membership) -> list[tuple[int, int]]:
    """(year, rupiah earned) for each year the member earned, newest first, for PP 55/2022:
    one SQL sum per year between its first and last earning."""
    coop = membership.cooperative
    mine = (LedgerEntry.membership_id == membership.id, LedgerEntry.kind == EntryKind.EARNING)
    first, last = db.session.execute(
        select(func.min(LedgerEntry.created_at), func.max(LedgerEntry.created_at)).where(*mine)
    ).one()
    if first is None:
        return []
    result = []
    for year in range(coop.local_date(last).year, coop.local_date(first).year - 1, -1):
        total = db.session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                *mine, in_year(LedgerEntry.created_at, coop, year)
            )
        )
        if total:
            result.append((year, int(total)))
    return result
