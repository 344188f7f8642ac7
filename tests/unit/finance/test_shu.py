"""The SHU split (finance/shu.py): DOMAIN.md's worked example, rounding, refusals, properties."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.finance.shu import Fund, MemberYear, distribute, largest_remainder

WORKED_FUNDS = [
    Fund("cadangan", 2500),
    Fund("jasa_usaha", 3000),
    Fund("jasa_modal", 2000),
    Fund("pengurus", 500),
    Fund("karyawan", 500),
    Fund("pendidikan", 500),
    Fund("sosial", 500),
    Fund("pembangunan_daerah", 500),
]


def test_the_worked_example():
    # Member A sold Rp15.000.000 of Rp600.000.000 and holds Rp2.000.000 of Rp100.000.000
    members = [MemberYear(1, 15_000_000, 2_000_000), MemberYear(2, 585_000_000, 98_000_000)]
    result = distribute(100_000_000, WORKED_FUNDS, members)
    assert result.funds["cadangan"] == 25_000_000
    assert result.funds["jasa_usaha"] == 30_000_000
    assert result.funds["jasa_modal"] == 20_000_000
    assert result.jua[1] == 750_000
    assert result.jma[1] == 400_000
    assert result.total[1] == 1_150_000
    assert result.total[2] == 29_250_000 + 19_600_000


def test_largest_remainder_gives_leftover_rupiah_to_the_largest_remainders():
    # 10 by 1:1:1 is 3.33 each: one rupiah left, to the first (tie to the earlier)
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    # 100 by 1:2:3 is 16.67, 33.33, 50: the leftover goes to the largest remainder (16.67)
    assert largest_remainder(100, [1, 2, 3]) == [17, 33, 50]
    assert largest_remainder(7, [0, 0]) == [0, 0]


def test_fund_rounding_ties_go_to_the_fund_listed_first():
    funds = [Fund("jasa_modal", 5000), Fund("jasa_usaha", 5000)]
    assert distribute(1, funds, []).funds == {"jasa_modal": 1, "jasa_usaha": 0}


def test_member_rounding_ties_go_to_the_lower_member_id():
    funds = [Fund("jasa_usaha", 10_000), Fund("jasa_modal", 0)]
    members = [MemberYear(9, 100, 0), MemberYear(3, 100, 0)]
    result = distribute(1, funds, members)
    assert result.jua == {3: 1, 9: 0}
    assert result.jma == {3: 0, 9: 0}


def test_nobody_transacted_or_saved_gives_zero_jua_and_jma():
    result = distribute(1_000_000, WORKED_FUNDS, [MemberYear(1, 0, 0), MemberYear(2, 0, 0)])
    assert result.jua == {1: 0, 2: 0}
    assert result.jma == {1: 0, 2: 0}
    assert result.total == {1: 0, 2: 0}
    assert sum(result.funds.values()) == 1_000_000


@pytest.mark.parametrize(
    ("shu", "funds", "members", "message"),
    [
        (-1, WORKED_FUNDS, [], "at least 0"),
        (100, WORKED_FUNDS[:-1], [], "10000"),
        (100, [*WORKED_FUNDS[:-1], Fund("sosial", 500)], [], "unique"),
        (100, [Fund("jasa_usaha", 10_000)], [], "jasa_modal"),
        (100, [Fund("jasa_modal", 10_000)], [], "jasa_usaha"),
        (100, [Fund("jasa_usaha", 12_000), Fund("jasa_modal", -2000)], [], "at least 0"),
        (100, WORKED_FUNDS, [MemberYear(1, -1, 0)], "transactions"),
        (100, WORKED_FUNDS, [MemberYear(1, 0, -5)], "savings"),
        (100, WORKED_FUNDS, [MemberYear(1, 1, 1), MemberYear(1, 2, 2)], "member ids"),
        (100.5, WORKED_FUNDS, [], "whole numbers"),
        (100, WORKED_FUNDS, [MemberYear(1, 1.5, 0)], "whole numbers"),
    ],
)
def test_invalid_input_is_refused_with_a_message_naming_the_problem(shu, funds, members, message):
    with pytest.raises(ValueError, match=message):
        distribute(shu, funds, members)


@st.composite
def fund_lists(draw):
    extra = draw(st.lists(st.integers(0, 10_000), max_size=5))
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=len(extra) + 1, max_size=7)))
    cuts = cuts[: len(extra) + 1]
    points = [b - a for a, b in zip([0, *cuts], [*cuts, 10_000], strict=True)]
    keys = ["jasa_usaha", "jasa_modal", *(f"fund_{i}" for i in range(len(points) - 2))]
    order = draw(st.permutations(range(len(points))))
    return [Fund(keys[i], points[i]) for i in order]


member_lists = st.lists(
    st.builds(
        MemberYear,
        member_id=st.integers(1, 10**6),
        transactions=st.integers(0, 10**12),
        savings=st.integers(0, 10**11),
    ),
    max_size=30,
    unique_by=lambda m: m.member_id,
)
shus = st.integers(0, 10**13)


@given(shus, fund_lists(), member_lists)
def test_every_split_adds_up_exactly(shu, funds, members):
    result = distribute(shu, funds, members)
    assert sum(result.funds.values()) == shu
    assert set(result.funds) == {f.key for f in funds}
    ids = {m.member_id for m in members}
    assert set(result.jua) == set(result.jma) == set(result.total) == ids
    if any(m.transactions for m in members):
        assert sum(result.jua.values()) == result.funds["jasa_usaha"]
    else:
        assert set(result.jua.values()) <= {0}
    if any(m.savings for m in members):
        assert sum(result.jma.values()) == result.funds["jasa_modal"]
    else:
        assert set(result.jma.values()) <= {0}
    for m in members:
        assert result.total[m.member_id] == result.jua[m.member_id] + result.jma[m.member_id]


@given(shus, fund_lists(), member_lists)
def test_each_share_is_within_one_rupiah_of_its_exact_proportion(shu, funds, members):
    result = distribute(shu, funds, members)
    for fund in funds:
        assert abs(result.funds[fund.key] * 10_000 - shu * fund.basis_points) < 10_000
    whole = sum(m.transactions for m in members)
    for m in members:
        if whole:
            exact = result.funds["jasa_usaha"] * m.transactions
            assert abs(result.jua[m.member_id] * whole - exact) < whole


@given(shus, fund_lists(), member_lists, st.randoms(use_true_random=False))
def test_the_order_of_members_does_not_change_the_result(shu, funds, members, rnd: random.Random):
    shuffled = list(members)
    rnd.shuffle(shuffled)
    assert distribute(shu, funds, members) == distribute(shu, funds, shuffled)


@given(fund_lists(), member_lists)
def test_more_transactions_never_earn_less_jua(funds, members):
    result = distribute(10**9, funds, members)
    ranked = sorted(members, key=lambda m: m.transactions)
    for low, high in zip(ranked, ranked[1:], strict=False):
        assert result.jua[low.member_id] <= result.jua[high.member_id]
