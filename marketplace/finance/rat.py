"""The RAT report's figures for a year: sales, fees, the SHU policy and its distribution per
member, savings per kind and membership changes. An approved year shows its frozen shares; a
draft (or a year with no SHU yet) shows the distribution the database gives now."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.extensions import db
from marketplace.finance import savings_queries, shu_queries
from marketplace.finance.shu import Fund, distribute
from marketplace.finance.shu_models import ShuPolicy, ShuYear

# PP 55/2022: the final income tax on a small business's turnover, in basis points.
FINAL_TAX_BP = 50


def final_tax(turnover: int) -> int:
    """0.5% of the turnover, rounded down to a whole rupiah."""
    return turnover * FINAL_TAX_BP // 10_000


@dataclass(frozen=True)
class FundRow(Fund):
    amount: int  # the fund's rupiah of the year's SHU


@dataclass(frozen=True)
class MemberRow:
    membership: Membership
    transactions: int  # also the member's turnover of the year (PP 55/2022)
    savings: int
    jua: int
    jma: int
    total: int

    @property
    def final_tax(self) -> int:
        return final_tax(self.transactions)


@dataclass(frozen=True)
class RatReport:
    coop: Cooperative
    year: int
    sales: int
    fees: int
    shu_year: ShuYear | None
    policy: ShuPolicy | None
    funds: list[FundRow]
    members: list[MemberRow]
    kinds: list[savings_queries.KindYear]
    joined: list[Membership]
    left: int

    @property
    def approved(self) -> bool:
        return self.shu_year is not None and self.shu_year.is_approved

    @property
    def amount(self) -> int:
        return self.shu_year.amount if self.shu_year else 0

    @property
    def expenses(self) -> int:
        return self.shu_year.expenses if self.shu_year else 0

    @property
    def total_transactions(self) -> int:
        return sum(m.transactions for m in self.members)

    @property
    def total_savings(self) -> int:
        return sum(m.savings for m in self.members)


def _memberships(coop: Cooperative) -> dict[int, Membership]:
    rows = db.session.scalars(select(Membership).where(Membership.cooperative_id == coop.id))
    return {m.id: m for m in rows}


def _frozen(shu_year: ShuYear, people: dict[int, Membership]):
    funds = [FundRow(f.key, f.basis_points, f.amount) for f in shu_year.funds]
    members = [
        MemberRow(people[s.membership_id], s.transactions, s.savings, s.jua, s.jma, s.total)
        for s in shu_year.shares
    ]
    return funds, members


def _live(coop, year, shu_year, policy, people: dict[int, Membership]):
    fund_list = (
        policy.fund_list
        if policy
        else [Fund(key, points) for key, points in shu_queries.DEFAULT_FUNDS]
    )
    counts = bool(policy and policy.sukarela_counts)
    years = shu_queries.member_years(coop, year, counts)
    result = distribute(shu_year.amount if shu_year else 0, fund_list, years)
    funds = [FundRow(f.key, f.basis_points, result.funds[f.key]) for f in fund_list]
    members = [
        MemberRow(
            people[m.member_id],
            m.transactions,
            m.savings,
            result.jua[m.member_id],
            result.jma[m.member_id],
            result.total[m.member_id],
        )
        for m in years
    ]
    return funds, members


def report(coop: Cooperative, year: int) -> RatReport:
    shu_year = shu_queries.shu_year(coop, year)
    policy = shu_year.policy if shu_year else shu_queries.latest_policy(coop, year)
    people = _memberships(coop)
    if shu_year is not None and shu_year.is_approved:
        funds, members = _frozen(shu_year, people)
    else:
        funds, members = _live(coop, year, shu_year, policy, people)
    members.sort(key=lambda m: (m.membership.member_number, m.membership.id))
    income = shu_queries.income_in(coop, year)
    joined, left = shu_queries.membership_changes(coop, year)
    return RatReport(
        coop=coop,
        year=year,
        sales=income.sales,
        fees=income.fees,
        shu_year=shu_year,
        policy=policy,
        funds=funds,
        members=members,
        kinds=savings_queries.kinds_in_year(coop, date(year, 1, 1), date(year, 12, 31)),
        joined=joined,
        left=left,
    )
