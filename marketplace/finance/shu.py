"""Sharing the year's surplus (SHU) among funds and members (DOMAIN.md "SHU"). Pure.

The SHU is split into funds by basis points; the services fund (jasa usaha) is split among
members by their transactions (JUA), the capital fund (jasa modal) by their savings (JMA).
Every split rounds to whole rupiah by the largest-remainder method, so the parts add up to the
whole exactly. Ties in the remainders go to the fund listed first and to the lower member id,
so the same input in any member order gives the same result.
"""

from collections.abc import Sequence
from dataclasses import dataclass

TOTAL_BASIS_POINTS = 10_000


@dataclass(frozen=True)
class Fund:
    key: str  # "cadangan", "jasa_usaha", "jasa_modal", "pengurus", "karyawan", "pendidikan", ...
    basis_points: int  # share of the SHU in 1/10,000 (2500 = 25%)


@dataclass(frozen=True)
class MemberYear:
    member_id: int
    transactions: int  # rupiah: the member's QC-accepted deliveries through the cooperative
    savings: int  # rupiah: the member's savings that count for JMA


@dataclass(frozen=True)
class ShuDistribution:
    funds: dict[str, int]  # fund key -> rupiah, adding up exactly to the SHU
    jua: dict[int, int]  # member_id -> rupiah for every member given
    jma: dict[int, int]  # member_id -> rupiah for every member given
    total: dict[int, int]  # member_id -> jua + jma for every member given


def largest_remainder(amount: int, weights: Sequence[int]) -> list[int]:
    """Split `amount` in proportion to `weights` into whole parts adding up to `amount`.

    Each part is floor(amount * w / W); the rupiah left over go one each to the largest
    remainders, ties to the earlier weight. All weights 0 gives all parts 0."""
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    parts = [amount * w // whole for w in weights]
    remainders = [amount * w % whole for w in weights]
    left = amount - sum(parts)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        parts[index] += 1
    return parts


def _check_funds(funds: Sequence[Fund], services_fund: str, capital_fund: str) -> None:
    keys = [fund.key for fund in funds]
    if len(set(keys)) != len(keys):
        raise ValueError("fund keys must be unique")
    if any(fund.basis_points < 0 for fund in funds):
        raise ValueError("fund basis points must be at least 0")
    if sum(fund.basis_points for fund in funds) != TOTAL_BASIS_POINTS:
        raise ValueError("fund basis points must add up to exactly 10000")
    for named in (services_fund, capital_fund):
        if named not in keys:
            raise ValueError(f"fund {named!r} is not among the funds")
    if services_fund == capital_fund:
        raise ValueError("the services fund and the capital fund must differ")


def _check_members(members: Sequence[MemberYear]) -> None:
    ids = [member.member_id for member in members]
    if len(set(ids)) != len(ids):
        raise ValueError("member ids must be unique")
    for member in members:
        if member.transactions < 0:
            raise ValueError(f"transactions of member {member.member_id} must be at least 0")
        if member.savings < 0:
            raise ValueError(f"savings of member {member.member_id} must be at least 0")


def _check_ints(shu: int, funds: Sequence[Fund], members: Sequence[MemberYear]) -> None:
    values = [shu, *(f.basis_points for f in funds)]
    values += [v for m in members for v in (m.member_id, m.transactions, m.savings)]
    if any(isinstance(v, bool) or not isinstance(v, int) for v in values):
        raise ValueError("the SHU, basis points, member ids and rupiah must be whole numbers")


def distribute(
    shu: int,
    funds: Sequence[Fund],
    members: Sequence[MemberYear],
    *,
    services_fund: str = "jasa_usaha",
    capital_fund: str = "jasa_modal",
) -> ShuDistribution:
    """The SHU split into funds and each member's JUA, JMA and total (see the module doc).

    Raises ValueError naming the problem for: basis points not adding up to 10000, repeated
    fund keys, a named fund missing, an SHU below 0, negative transactions or savings,
    repeated member ids."""
    _check_ints(shu, funds, members)
    if shu < 0:
        raise ValueError("the SHU must be at least 0")
    _check_funds(funds, services_fund, capital_fund)
    _check_members(members)
    fund_parts = largest_remainder(shu, [fund.basis_points for fund in funds])
    fund_amounts = {fund.key: part for fund, part in zip(funds, fund_parts, strict=True)}
    ordered = sorted(members, key=lambda m: m.member_id)
    ids = [m.member_id for m in ordered]
    jua = largest_remainder(fund_amounts[services_fund], [m.transactions for m in ordered])
    jma = largest_remainder(fund_amounts[capital_fund], [m.savings for m in ordered])
    return ShuDistribution(
        funds=fund_amounts,
        jua=dict(zip(ids, jua, strict=True)),
        jma=dict(zip(ids, jma, strict=True)),
        total={i: a + b for i, a, b in zip(ids, jua, jma, strict=True)},
    )
