"""VAT (PPN) on an order: dated settings, PKP only, computed once on the taxable total and
rounded half up to whole rupiah (DOMAIN.md)."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.catalogue.pricing import (
    VAT_RATES,
    VatRate,
    order_totals,
    round_half_up,
    vat_rate_on,
)

DAY_2026 = date(2026, 3, 1)


def test_domain_example_one_million_carries_110_000_ppn():
    totals = order_totals([1_000_000], is_pkp=True, day=DAY_2026)
    assert totals.vat == 110_000
    assert totals.total == 1_110_000
    assert totals.subtotal == 1_000_000
    assert totals.tax_base == 916_667  # 11/12 of the price, rounded half up
    assert totals.vat_rate_bp == 1200


def test_no_vat_for_a_cooperative_that_is_not_pkp():
    totals = order_totals([1_000_000, 250_000], is_pkp=False, day=DAY_2026)
    assert (totals.subtotal, totals.tax_base, totals.vat_rate_bp, totals.vat, totals.total) == (
        1_250_000,
        0,
        0,
        0,
        1_250_000,
    )


def test_vat_is_computed_on_the_order_total_not_per_line():
    # 3 lines of Rp5 each: per line 0,55 -> 1 each (3 in all); on the total 1,65 -> 2.
    assert order_totals([5, 5, 5], is_pkp=True, day=DAY_2026).vat == 2


@pytest.mark.parametrize(
    ("subtotal", "vat"),
    [
        (0, 0),
        (1, 0),  # 0,11 -> 0
        (4, 0),  # 0,44 -> 0
        (5, 1),  # 0,55 -> 1
        (50, 6),  # 5,5 -> 6: an exact half rounds up
        (150, 17),  # 16,5 -> 17
        (250, 28),  # 27,5 -> 28
        (49, 5),  # 5,39 -> 5
        (1_625_000, 178_750),
        (10_000_000_000, 1_100_000_000),
    ],
)
def test_rounding_half_up_to_whole_rupiah(subtotal, vat):
    assert order_totals([subtotal], is_pkp=True, day=DAY_2026).vat == vat


def test_dated_settings_pick_the_rate_in_force_on_the_order_date():
    assert vat_rate_on(date(2024, 12, 31)).rate == Fraction(11, 100)
    assert vat_rate_on(date(2024, 12, 31)).base_factor == 1
    assert vat_rate_on(date(2025, 1, 1)).rate == Fraction(12, 100)
    assert vat_rate_on(date(2025, 1, 1)).base_factor == Fraction(11, 12)
    # Either way the effective rate is 11%.
    assert order_totals([1_000_000], is_pkp=True, day=date(2024, 6, 1)).vat == 110_000
    assert order_totals([1_000_000], is_pkp=True, day=date(2024, 6, 1)).vat_rate_bp == 1100


def test_a_day_before_any_setting_is_an_error():
    with pytest.raises(ValueError, match="no VAT rate"):
        vat_rate_on(date(2000, 1, 1))


def test_a_custom_table_is_used_in_date_order_whatever_its_listing_order():
    table = (
        VatRate(date(2030, 1, 1), Fraction(15, 100), Fraction(1)),
        VatRate(date(2020, 1, 1), Fraction(10, 100), Fraction(1)),
    )
    assert vat_rate_on(date(2031, 5, 5), table).rate == Fraction(15, 100)
    assert vat_rate_on(date(2029, 5, 5), table).rate == Fraction(10, 100)


def test_settings_are_listed_oldest_first():
    assert list(VAT_RATES) == sorted(VAT_RATES, key=lambda row: row.valid_from)


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        order_totals([-1], is_pkp=True, day=DAY_2026)
    with pytest.raises(ValueError):
        round_half_up(Fraction(-1, 2))


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(Fraction(0), 0), (Fraction(1, 2), 1), (Fraction(3, 2), 2), (Fraction(49, 100), 0)],
)
def test_round_half_up(value, rounded):
    assert round_half_up(value) == rounded


@given(st.lists(st.integers(0, 10_000_000_000), max_size=8), st.booleans())
def test_totals_add_up_and_vat_is_within_half_a_rupiah_of_11_percent(lines, is_pkp):
    totals = order_totals(lines, is_pkp=is_pkp, day=DAY_2026)
    assert totals.subtotal == sum(lines)
    assert totals.total == totals.subtotal + totals.vat
    if is_pkp:
        exact = Fraction(totals.subtotal * 11, 100)
        assert abs(totals.vat - exact) <= Fraction(1, 2)
        assert totals.vat >= 0 and isinstance(totals.vat, int)
    else:
        assert totals.vat == 0


@given(st.integers(0, 10**15), st.integers(0, 10**6))
def test_round_half_up_matches_the_definition(numerator, extra):
    value = Fraction(numerator, extra + 1)
    rounded = round_half_up(value)
    assert rounded - Fraction(1, 2) <= value < rounded + Fraction(1, 2)
