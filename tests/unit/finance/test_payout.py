"""The payout rule (finance/payout.py): worked examples, its rounding, and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.finance.payout import FULL_FEE, payout_per_unit

prices = st.integers(min_value=0, max_value=10_000_000_000)
fees = st.integers(min_value=0, max_value=FULL_FEE)


def test_unit_price_less_the_fee():
    assert payout_per_unit(50_000, 1_000) == 45_000  # 10% fee
    assert payout_per_unit(50_000, 0) == 50_000
    assert payout_per_unit(50_000, FULL_FEE) == 0


def test_rounding_is_down_to_a_whole_rupiah():
    # 12,345 less 2.5% is 12,036.375: the member gets 12,036, the fraction stays
    assert payout_per_unit(12_345, 250) == 12_036
    # 999 less 0.01% is 998.9001: never rounded up to 999
    assert payout_per_unit(999, 1) == 998


def test_the_member_price_wins_when_set():
    assert payout_per_unit(50_000, 1_000, 38_000) == 38_000
    assert payout_per_unit(50_000, 1_000, 0) == 0


@pytest.mark.parametrize(
    "arguments",
    [
        (-1, 0, None),
        (100, -1, None),
        (100, FULL_FEE + 1, None),
        (100, 0, -5),
        (100.0, 0, None),
        (100, 2.5, None),
        (True, 0, None),
        (100, 0, "38000"),
    ],
)
def test_invalid_amounts_raise(arguments):
    with pytest.raises(ValueError):
        payout_per_unit(*arguments)


@given(prices, fees)
def test_the_payout_is_the_exact_share_rounded_down(price, fee):
    payout = payout_per_unit(price, fee)
    exact_times_full = price * (FULL_FEE - fee)  # the exact payout, times 10,000
    assert isinstance(payout, int)
    assert payout * FULL_FEE <= exact_times_full < (payout + 1) * FULL_FEE
    assert 0 <= payout <= price


@given(prices, fees, fees)
def test_a_higher_fee_never_pays_more(price, fee, other):
    low, high = sorted((fee, other))
    assert payout_per_unit(price, high) <= payout_per_unit(price, low)


@given(prices, fees, st.integers(min_value=0, max_value=10_000_000_000))
def test_a_member_price_ignores_price_and_fee(price, fee, member_price):
    assert payout_per_unit(price, fee, member_price) == member_price
